"""The domain stance lexicon keeps only entries that more than one article justifies.

``knowledge/subjects/stance-en.toml`` [positive]/[negative]: every entry occurs in at least
two articles of the bundled and field sets (counted on the parser's cleaned text, words
matched whole), except the block headed "named by issue 10" (common words the issue found
missing in two articles from elsewhere). The comparison idioms of stance-general-en.toml are
structure, not valence, and are not counted.
"""

from __future__ import annotations

import tomllib

from assistant.compare.tokens import _phrase_tokens, _tokens
from knowledge.subjects_config import DEFAULT_STANCE_FILE
from tests import stance_eval

ISSUE_BLOCK = "# named by issue 10"


def _entries() -> tuple[list[str], set[str]]:
    """(every entry, entries of the issue-10 block), in file order."""
    data = tomllib.loads(DEFAULT_STANCE_FILE.read_text(encoding="utf-8"))
    entries = [*data["positive"], *data["negative"]]
    exempt: set[str] = set()
    in_block = False
    for line in DEFAULT_STANCE_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            in_block = False
        elif line.strip() == ISSUE_BLOCK:
            in_block = True
        elif in_block and line.startswith('"'):
            exempt.add(line.split('"')[1])
    return entries, exempt


def _article_words() -> list[str]:
    arts = {**stance_eval.bundled_corpus()[0], **stance_eval.field_corpus()[0]}
    return [" " + " ".join(t.text for t in _tokens(a.text) if t.is_word) + " "
            for a in arts.values()]


def test_every_domain_entry_occurs_in_two_articles() -> None:
    entries, exempt = _entries()
    words = _article_words()
    assert len(words) == 14
    assert 0 < len(exempt) <= 10
    lonely = []
    for entry in entries:
        if entry in exempt:
            continue
        phrase = " " + " ".join(_phrase_tokens(entry.rstrip("*"))) + " "
        if sum(phrase in w for w in words) < 2:
            lonely.append(entry)
    print(f"\nlexicon: {len(entries)} entries, {len(exempt)} named by issue 10")
    assert not lonely, f"entries in fewer than two articles: {lonely}"
