"""The ecosystem glossary: its loader's checks and what it adds to the lexical query."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant import glossary_query
from assistant.glossary_query import expansion, glossary_scores, glossary_terms
from knowledge.glossary import default_glossary, load_glossary
from knowledge.settings import SettingsError


def _tok(text: str) -> list[str]:
    return [w.lower() for w in text.replace(".", " ").split()]


def test_bundled_glossary_loads_and_is_sized() -> None:
    g = default_glossary()
    assert 80 <= len(g.tools) <= 160
    names = {t.name for t in g.tools}
    assert {"Prisma", "zod", "Celery", "Jest", "pytest", "Gunicorn", "PM2", "Laravel"} <= names


@pytest.mark.parametrize(("category_key", "tool_category", "message"), [
    ("phrases", "queue", "unknown category 'queue'"),  # a tool filed under no category
    ("phrase", "orm", "invalid"),  # a misspelled key
])
def test_loader_rejects_bad_files(tmp_path: Path, category_key: str, tool_category: str,
                                  message: str) -> None:
    p = tmp_path / "g.toml"
    p.write_text('default_ecosystems = ["python"]\n[ecosystems.python]\nnames = ["python"]\n'
                 f'[categories.orm]\n{category_key} = ["orm"]\n'
                 f'[[tools]]\nname = "X"\ncategories = ["{tool_category}"]\necosystem = "python"\n')
    with pytest.raises(SettingsError, match=message):
        load_glossary(p)


def test_category_asked_searches_tools_of_the_ecosystem_asked() -> None:
    exp = expansion("What did they use for request validation and the ORM in the Node build?")
    assert exp.ecosystems == ("javascript",)
    assert exp.categories == ("orm", "validation")
    orm, validation = exp.words
    assert "Prisma" in orm and "SQLAlchemy" not in orm and "Eloquent" not in orm
    assert "zod" in validation and "pydantic" not in validation


def test_django_question_never_searches_other_ecosystems() -> None:
    words = [w for grp in expansion("Which ORM does Django ship with?").words for w in grp]
    assert "SQLAlchemy" in words
    assert not {"Prisma", "Sequelize", "Eloquent", "Hibernate", "GORM"} & set(words)


def test_no_ecosystem_named_searches_the_compared_pair_only() -> None:
    words = [w for grp in expansion("Which task queue is the most mature?").words for w in grp]
    assert "Celery" in words and "bullmq" in words
    assert "Sidekiq" not in words and "horizon" not in words


def test_case_sensitive_names_are_not_common_words() -> None:
    assert expansion("How do the articles express concern about speed?").tools == ()
    assert expansion("Is Express faster than Django?").tools == ("Django", "Express")


def test_terms_capped_shared_and_only_in_vocabulary() -> None:
    vocab = {"prisma", "sequelize", "typeorm", "mongoose", "drizzle", "mikroorm", "zod",
             "joi", "yup", "ajv"}
    q = "Which ORM and which validation library does Node use?"
    groups = glossary_terms(q, _tok, vocab, _tok(q))
    flat = [t for g in groups for t in g]
    assert len(flat) == glossary_query.MAX_TERMS
    assert "zod" in groups[1] and "prisma" in groups[0]  # both categories share the cap
    assert all(t in vocab for t in flat)


def test_tool_the_corpus_names_adds_no_category_words() -> None:
    q = "Is Celery easy to run?"
    assert glossary_terms(q, _tok, {"celery", "queue"}, _tok(q)) == []
    assert glossary_terms(q, _tok, {"queue"}, _tok(q)) == [["queue"]]


class _Idx:
    """Three passages; BM25 stands in as 1.0 per occurrence of the term."""

    def __init__(self) -> None:
        self.texts = ["zod and prisma", "prisma sequelize typeorm mongoose", "nothing here"]
        self.chunks = self.texts
        self.vocabulary = {"zod", "prisma", "sequelize", "typeorm", "mongoose"}

    def bm25_scores(self, terms: list[str]) -> np.ndarray:
        return np.array([float(sum(t.split().count(x) for x in terms)) for t in self.texts])


def test_scores_max_within_a_category_sum_across() -> None:
    q = "Which ORM and which validation library does Node use?"
    got = glossary_scores(q, _Idx(), _tok, _tok(q))
    # Passage 0 names one tool of each category asked; passage 1 four ORMs: one counts.
    assert list(got) == [2.0 * glossary_query.WEIGHT, 1.0 * glossary_query.WEIGHT, 0.0]


def test_weight_zero_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(glossary_query, "WEIGHT", 0.0)
    q = "Which ORM does Node use?"
    assert list(glossary_scores(q, _Idx(), _tok, _tok(q))) == [0.0, 0.0, 0.0]


def test_substring_pretest_finds_what_the_patterns_find() -> None:
    """``expansion`` skips a pattern whose spelling is not in the question (a speed-up);
    it must name the same tools and categories as searching every pattern, in any case,
    and for non-ASCII questions where ``re.I`` folds letters ``str.lower`` keeps ("ſ" is
    "s", the Kelvin sign is "k")."""
    g = default_glossary()
    kelvin = "\u212a"
    spellings = [(t.name, s) for t in g.tools for s in t.spellings]
    for name, spelling in spellings[::3]:
        for q in (f"Is {spelling} any good?", f"IS {spelling.upper()} GOOD?",
                  f"about {spelling.lower()}.",
                  "ſ " + spelling.replace("s", "ſ").replace("k", kelvin) + " ?"):
            scanned = [t.name for t in g.tools
                       if any(glossary_query._pattern(s, t.case_sensitive).search(q)
                              for s in t.spellings)]
            assert list(expansion(q, g).tools) == scanned, (name, q)
    for cat_name, cat in g.categories.items():
        q = f"What about {cat.phrases[0].upper()}?"
        assert cat_name in expansion(q, g).categories
