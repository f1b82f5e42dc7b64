"""Scene-setting openers: sentences that say where a question is set, not what it asks.

A question names its setting ("What would *the payments startup's CTO* tell a founder?",
"What did *the speaker in Porto* mean by ...?") in words its article uses where it sets
the scene: its title and its lead passage ("We asked its CTO, Amara Osei, how that split
came about", "Slides: ... on the Backend Days Porto site."). Such a sentence shares the
question's words and, through them, much of its meaning, yet answers nothing; the sentence
that answers ("If your product is mostly records, forms and staff workflows, start with
Django") holds the asked words or only their meaning.

``topic_terms`` gives an article's scene words: the proper names of its title and of its
lead passage, read as ``assistant.article_subject`` reads an article's lead (the one
reading of an article's names, shared with abstention and retrieval), that are its own
(most passages holding them are the article's: a place, a company; not "JavaScript",
which every comparison names), and the words of its title ("a
three-person startup"), cached per corpus version in the index memo.
``scene_setting`` says whether a sentence is such an opener: it opens its passage (its
first sentence of four words or more) or stands in its article's lead passage, and the
question terms it holds are all scene words of its article (at least one). The composer
(``assistant.sentences``) takes ``W_SCENE`` off its score and gives it no lead bonus, so
it may follow the answer but not stand in for it. No model call: tokens only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from assistant.article_subject import lead_passages, scene_names
from knowledge.models import Chunk, Span

#: What a scene-setting opener loses of its score (the sentence score's scale: a
#: semantic weight of 0.5, lexical 0.35, passage 0.25).
W_SCENE = 0.2
#: Whether scene-setting openers are demoted at all (measured switch).
DEMOTE_SCENE = True
#: A title or lead word sets the scene only when at least this share of the passages
#: holding it are the article's own ("Porto", a company's name; not "scalability").
OWN_SHARE = 0.8
#: Whether every word of the article's title sets its scene too ("a three-person startup").
TITLE_WORDS = True
#: Whether a word of a several-word proper name ("Kestrel Pay", "Backend Days Porto") sets
#: the scene when another word of that name is the article's own: "pay" alone is written
#: in many articles, but in "Kestrel Pay" it names the company.
NAME_RUNS = True
#: A run of capitalised words in an article's lead or title: one proper name.
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)+")
#: Whether a sentence of an article's lead passage that holds no question term counts as
#: setting the scene too (its meaning is close to the question through the setting).
SILENT_LEAD = True
#: A sentence shorter than this many words does not open its passage ("Some context
#: first."): the next one does.
OPENER_WORDS = 4


def _lead_chunks(index: Any) -> Mapping[str, str]:
    """Article id -> the chunk id of its lead passage (``article_subject.lead_passages``,
    cached per corpus version; the cached mapping itself, read-only: a copy per scored
    sentence cost more than the read, and its size grows with the library)."""
    got = index.memo.get(key := ("scene-lead",))
    if got is None:
        got = index.memo[key] = MappingProxyType(
            {a: c.chunk_id for a, c in lead_passages(index.chunks).items()})
    return got  # type: ignore[no-any-return]


def topic_terms(index: Any, article_id: str) -> frozenset[str]:
    """The stems an article sets its scene with: the proper names of its title and its
    lead passage (``article_subject.scene_names``) that are its own (most passages holding
    them are the article's), and its title's words."""
    got = index.memo.get(key := ("scene-terms", article_id))
    if got is None:
        from assistant.corpus_index import _default_tokenizer

        tok = index.tokenizer or _default_tokenizer()
        meta = index.metas.get(article_id)
        own = [toks for c, toks in zip(index.chunks, index.chunk_tokens, strict=False)
               if c.article_id == article_id]
        names = scene_names(index, tok, article_id)
        mine = frozenset(
            t for t in names
            if sum(t in toks for toks in own) >= OWN_SHARE * index.vocabulary.get(t, 0))
        title = meta.title if meta is not None and meta.title else ""
        got = index.memo[key] = (
            mine | _run_mates(index, article_id, title, mine, tok)
            | frozenset(tok.tokens(title) if TITLE_WORDS else ()))
    return frozenset(got)


def _run_mates(index: Any, article_id: str, title: str, mine: frozenset[str],
               tok: Any) -> frozenset[str]:
    """The words written in one capitalised run ("Kestrel Pay") with a word of ``mine``
    in the article's lead passage or title: the run is one name, the article's own, even
    when one of its words is common elsewhere (or written in lower case, "pay")."""
    if not NAME_RUNS or not mine:
        return frozenset()
    lead_id = _lead_chunks(index).get(article_id)
    lead = next((c.text for c in index.chunks if c.chunk_id == lead_id), "")
    out: set[str] = set()
    for m in _NAME_RUN.finditer(f"{title}\n{lead}"):
        run = {t for t in tok.tokens(m.group(0)) if len(t) > 2}
        if run & mine:
            out |= run
    return frozenset(out)


def opener_start(chunk: Chunk, spans: Sequence[Span]) -> int:
    """Where the first sentence of four words or more of ``chunk`` starts."""
    for span in spans:
        raw = chunk.text[span.start - chunk.start: span.end - chunk.start]
        if len(raw.split()) >= OPENER_WORDS:
            return span.start
    return spans[0].start if spans else chunk.start


def scene_setting(index: Any, chunk: Chunk, span: Span, spans: Sequence[Span],
                  shared: Sequence[frozenset[str]]) -> bool:
    """Whether the sentence at ``span`` sets its article's scene for the question:
    it opens its passage or stands in its article's lead passage, and ``shared`` (the
    question terms it holds, each as its word family) are all, and at least one, scene
    words of its article."""
    if not DEMOTE_SCENE:
        return False
    lead = _lead_chunks(index).get(chunk.article_id) == chunk.chunk_id
    if not shared:  # a lead sentence's closeness to the question is the setting's own
        return lead and SILENT_LEAD
    memo_key = ("scene-opener", chunk.chunk_id)
    first = index.memo.get(memo_key)
    if first is None:
        first = index.memo[memo_key] = opener_start(chunk, spans)
    if not lead and span.start != first:
        return False
    topic = topic_terms(index, chunk.article_id)
    return all(not family.isdisjoint(topic) for family in shared)
