"""Memos that spare a warm ``ask`` repeated work, and how they are invalidated.

* ``article_reference._profiles`` (each article's title and id, walked over every chunk)
  lives in the corpus index's memo: an ingest replaces the index, so a new article is
  in the next question's profiles;
* ``CriterionMatcher.vectors`` of one text (answer-time lookups: a label, the use a
  question asks about in ``assistant.use_facet``) is bounded and gives the vector the text
  encoded alone gives, so reading it from the memo changes no answer.

Fast units with fakes; the real-model checks are marked ``integration``.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant import article_reference
from assistant.compare import criteria
from assistant.compare.criteria import CriterionMatcher
from knowledge.models import ArticleMeta, Chunk
from knowledge.subjects_config import default_subjects
from tests.test_article_reference import Library, library


def test_profiles_are_kept_per_index_and_a_new_index_has_the_new_article() -> None:
    lib = library()
    first = article_reference._profiles(lib)
    assert article_reference._profiles(lib) is first  # the same index: kept, not rebuilt
    assert "gardening-notes" not in first
    # an ingest builds a new index (a new memo): the added article is profiled
    text = "We compared both stacks for a small allotment booking site."
    added = Library([*lib.chunks, Chunk("gardening-notes-0", "gardening-notes", 0, text, 0,
                                        len(text))],
                    {**lib.metas, "gardening-notes": ArticleMeta(
                        "gardening-notes", "Notes From the Allotment Booking Rewrite")})
    fresh = article_reference._profiles(added)
    assert fresh["gardening-notes"] == ("Notes From the Allotment Booking Rewrite "
                                        "(gardening notes)")
    assert set(fresh) == set(first) | {"gardening-notes"}


def _counting(calls: list[int]) -> criteria.EmbedFn:
    def embed(texts: Sequence[str]) -> np.ndarray:
        calls.append(len(texts))
        out = np.array([[float(len(t)), 1.0 + sum(map(ord, t)) % 7] for t in texts])
        return out / np.linalg.norm(out, axis=1, keepdims=True)
    return embed


def test_one_text_lookups_are_memoised_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(criteria, "SINGLE_MEMO_MAX", 3)
    calls: list[int] = []
    embed = _counting(calls)
    matcher = CriterionMatcher(default_subjects(), embed)
    first = matcher.vectors(["live chat"])
    again = matcher.vectors(["live chat"])
    assert calls == [1]  # asked again: no second model pass
    assert np.array_equal(first, again) and np.array_equal(first[0], embed(["live chat"])[0])
    for text in ("a", "bb", "ccc", "dddd", "eeeee"):
        matcher.vectors([text])
    assert len(matcher._single) <= 3  # bounded
    calls.clear()
    # dropped from the memo: encoded alone again, the same vector
    assert np.array_equal(matcher.vectors(["live chat"]), first)
    assert calls == [1]


@pytest.mark.integration
def test_a_repeated_use_costs_no_second_model_pass(field_versus: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """``use_facet`` on the real store: the same placement both times, the second without
    the model; the memo's vector is the one the phrase encoded alone gives, bit for bit."""
    from assistant.asked import config_matcher
    from assistant.use_facet import use_facet, use_phrase

    comparisons = field_versus.comparisons
    question = "Which is better for a chat app with typing indicators, Django or Node.js?"
    use_facet(comparisons, question)  # the labels' vectors, once per matrix
    found = config_matcher(comparisons)
    assert found is not None
    config, matcher = found[0], found[1]
    phrase = use_phrase(question, config.find_subjects)
    assert phrase and "typing indicators" in phrase
    real = matcher.embed
    calls: list[Sequence[str]] = []

    def counted(texts: Sequence[str]) -> np.ndarray:
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setattr(matcher, "embed", counted)
    matcher._single.pop(phrase, None)
    first = use_facet(comparisons, question)
    assert calls == [[phrase]]
    second = use_facet(comparisons, question)
    assert second == first and len(calls) == 1
    assert np.array_equal(matcher.vectors([phrase])[0], real([phrase])[0])


@pytest.mark.integration
def test_profiles_follow_an_ingest_in_the_same_process(copy_store: Path, tmp_path: Path,
                                                       real_embedder: Any) -> None:
    """The app and the CLI keep one ``Versus``: after it ingests an article, the next
    question's index profiles it (the memo went with the replaced index)."""
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    versus = build_assistant(Settings(data_dir=copy_store), embedder=real_embedder)
    versus.ask("In the FAQ, which is easier to learn?")
    before = article_reference._profiles(versus.chain.retriever.index())
    new = "django-or-node-for-your-next-backend"
    assert new not in before
    src = tmp_path / "new"
    src.mkdir()
    shutil.copy(Path(__file__).parent / "field" / "articles" / f"{new}.md", src)
    versus.ingest([src])
    versus.ask("In the FAQ, which is easier to learn?")
    after = article_reference._profiles(versus.chain.retriever.index())
    assert new in after and set(before) <= set(after)
