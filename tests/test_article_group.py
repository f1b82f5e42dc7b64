"""Several articles referred to by age or kind narrow retrieval to them
(``assistant.article_group``; review 18's i20 asked "the older bundled tutorials")."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant import article_group
from assistant.article_group import members, referred_group
from knowledge.models import ArticleMeta

METAS = {
    "old-guide": ArticleMeta("old-guide", "A guide", year=None),
    "old-blog": ArticleMeta("old-blog", "A blog from 2019", year=2019),
    "mid-post": ArticleMeta("mid-post", "A post", year=2023),
    "new-diary": ArticleMeta("new-diary", "A diary", date="2025-05-01"),
    "new-talk": ArticleMeta("new-talk", "A talk", year=2025),
}


def _idx() -> SimpleNamespace:
    chunks = [SimpleNamespace(article_id=a) for a in METAS]
    return SimpleNamespace(empty=False, chunks=chunks, metas=METAS)


@pytest.fixture(autouse=True)
def _bundled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_group, "bundled_ids",
                        lambda: frozenset({"old-guide", "old-blog", "new-talk"}))


def test_older_takes_the_undated_and_those_below_the_median_year() -> None:
    # dated: 2019, 2023, 2025, 2025 (median 2024); undated counts as older
    assert members({"older"}, METAS) == {"old-guide", "old-blog", "mid-post"}
    assert members({"newer"}, METAS) == {"new-diary", "new-talk"}
    assert members({"year:2025"}, METAS) == {"new-diary", "new-talk"}
    assert members({"older", "bundled"}, METAS) == {"old-guide", "old-blog"}


@pytest.mark.parametrize("question, want", [
    ("According to the older bundled tutorials, when should I pick Node?",
     {"old-guide", "old-blog"}),
    ("What do the write-ups that ship with the app say about ORMs?",
     {"old-guide", "old-blog", "new-talk"}),
    ("In the 2025 pieces, which side wins on hiring?", {"new-diary", "new-talk"}),
    ("Do the recent articles favour Django?", {"new-diary", "new-talk"}),
])
def test_a_qualified_plural_refers_to_the_articles_it_admits(question: str,
                                                             want: set[str]) -> None:
    ref = referred_group(question, _idx())
    assert ref is not None and ref.group == want and ref.members == want
    assert ref.phrase in question


@pytest.mark.parametrize("question", [
    "What do the articles say about Node's event loop?",  # no qualifier: every article
    "When is Django the better choice for a new project?",  # no document noun
    "Which old habits do the posts from 2031 warn about?",  # no article of that year
])
def test_no_group_without_a_qualified_plural_or_members(question: str) -> None:
    assert referred_group(question, _idx()) is None


def test_a_qualifier_admitting_every_article_narrows_nothing() -> None:
    metas = {a: METAS[a] for a in ("old-guide", "old-blog")}
    idx = SimpleNamespace(empty=False, chunks=[SimpleNamespace(article_id=a) for a in metas],
                          metas=metas)
    assert referred_group("What do the bundled tutorials say?", idx) is None
