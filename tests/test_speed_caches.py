"""The memos that keep a warm answer cheap give the answers the uncached code gives, and
let go when what they depend on changes (a new subjects file).

None of them depends on the store: each is a pure function of a sentence's text and of the
subjects configuration, so an ingest needs no invalidation of theirs (the per-corpus caches
are ``assistant.corpus_index``'s, tested with it).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from assistant import tone
from assistant.chain import clean_text
from assistant.compare import ComparisonService
from assistant.sentences import Candidate, duplicate
from knowledge.models import Chunk, Span
from knowledge.settings import BUNDLED_SUBJECTS, Settings
from knowledge.subjects_config import load_comparison_config


class _NoStore:
    """``find_criterion`` is text matching: a store that must not be read."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"find_criterion read the store ({name})")


def _subjects_copy(tmp_path: Path) -> Path:
    path = tmp_path / "pair.toml"
    path.write_text(BUNDLED_SUBJECTS.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_find_criterion_memo_follows_an_edited_subjects_file(tmp_path: Path) -> None:
    path = _subjects_copy(tmp_path)
    svc = ComparisonService(store=_NoStore(),  # type: ignore[arg-type]
                            settings=Settings(data_dir=tmp_path, subjects_file=path))
    question = "Which one scales better?"
    assert svc.find_criterion(question) == "Scalability"
    assert svc.find_criterion(question) == "Scalability"  # served again, same answer
    text = path.read_text(encoding="utf-8")
    assert text.count('name = "Scalability"') == 1
    path.write_text(text.replace('name = "Scalability"', 'name = "Growth"'), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    # a stale memo would still say "Scalability"
    assert svc.find_criterion(question) == "Growth"
    assert svc.find_criterion("What is the weather like today?") is None


def test_vader_fallback_without_a_view_is_unchanged() -> None:
    assert tone.stance(None, "Django is excellent, fast and wonderful.", "Django") == "Django"
    assert tone.stance(None, "Django is terrible, slow and awful.", "Django",
                       ("Django", "Node.js")) == "Node.js"
    assert tone.tone("A table lists the versions.") == 0


def test_subjects_file_edits_are_still_seen(tmp_path: Path) -> None:
    path = _subjects_copy(tmp_path)
    first = load_comparison_config(path)
    assert load_comparison_config(str(path)) is first  # cached, by str or Path
    path.write_text(path.read_text(encoding="utf-8").replace(
        'title = "Django vs Node.js"', 'title = "Django or Node.js"'), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert load_comparison_config(path).title == "Django or Node.js"
    link = tmp_path / "link.toml"
    link.symlink_to(path)
    assert load_comparison_config(link).title == "Django or Node.js"
    other = tmp_path / "other.toml"
    other.write_text(BUNDLED_SUBJECTS.read_text(encoding="utf-8"), encoding="utf-8")
    link.unlink()
    link.symlink_to(other)  # the link now points elsewhere: the new target is read
    assert load_comparison_config(link).title == "Django vs Node.js"


@pytest.mark.parametrize("text", [
    "  Is   Django secure?  ",
    "Which is faster,\tDjango or Node.js?\n",
    "Is \x1b[31mDjango\x1b[0m secure?",
    "Caf\u00e9 \u200bchat: Django\u2028or Node.js?",
    "",
])
def test_clean_text_fast_path_agrees_with_the_slow_one(text: str) -> None:
    import unicodedata

    from assistant.chain import _ANSI

    slow = " ".join("".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") else ch
        for ch in _ANSI.sub(" ", text)).split())
    assert clean_text(text) == slow


def _cand(vec: list[float], toks: set[str]) -> Candidate:
    chunk = Chunk(chunk_id="c", article_id="a", ordinal=0, text="x" * 40, start=0, end=40)
    v = np.asarray(vec, dtype=np.float32)
    return Candidate(chunk, Span(0, 40), "x" * 40, 1.0, 0, None,
                     v / float(np.linalg.norm(v)), frozenset(toks))


def test_duplicate_by_vector_and_by_shared_stems() -> None:
    a = _cand([1.0, 0.0, 0.0], {"django", "secur", "orm"})
    assert duplicate(a, _cand([1.0, 0.001, 0.0], {"other"}))  # the same vector
    # orthogonal vectors, the same stems: Jaccard 1
    assert duplicate(a, _cand([0.0, 1.0, 0.0], {"django", "secur", "orm"}))
    # orthogonal vectors, one stem of five shared: Jaccard 0.2
    assert not duplicate(a, _cand([0.0, 1.0, 0.0], {"django", "fast", "node"}))


def _reading_order_reference(chosen: list[Candidate]) -> list[Candidate]:
    """The quadratic ``_in_reading_order`` of before the speed11 round, as the oracle."""
    out: list[Candidate] = []
    for cand in chosen:
        if cand in out:
            continue
        same = sorted((c for c in chosen if c.chunk.chunk_id == cand.chunk.chunk_id),
                      key=lambda c: c.span.start)
        out.extend(c for c in same if c not in out)
    return out


def test_reading_order_grouped_by_passage_matches_the_pairwise_original() -> None:
    import random

    from assistant.composer import _in_reading_order

    rng = random.Random(5)
    chunks = [Chunk(chunk_id=f"a@1/{i:04d}", article_id="a", ordinal=i, text="x" * 50,
                    start=0, end=50, section="") for i in range(4)]
    for _ in range(300):
        pool = [Candidate(chunk=rng.choice(chunks), span=Span(s, s + 3), text="t", score=0.0,
                          rank=0, subject=None) for s in rng.sample(range(40), 8)]
        pool += [Candidate(chunk=pool[0].chunk, span=pool[0].span, text="same span",
                           score=0.0, rank=0, subject=None)]
        chosen = [rng.choice(pool) for _ in range(rng.randint(0, 12))]  # repeats too
        got = _in_reading_order(chosen)
        assert [id(c) for c in got] == [id(c) for c in _reading_order_reference(chosen)]
