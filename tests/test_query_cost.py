"""The query-cost shortcuts give exactly what the plain versions gave.

``top_positions`` partitions before it sorts; the tokenizer keeps bm25s's id-to-stem map
between calls; the subjects file's resolved path is cached. Each is compared here with the
straightforward computation (Python's ``sorted``, bm25s's own decoding, a fresh load).
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from assistant.corpus_index import top_positions
from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import load_comparison_config
from knowledge.text.tokens import _bm25s_tokenizer, _snowball_stem


@pytest.mark.parametrize("shape", ["distinct", "few values", "mostly zero", "signed zeros"])
def test_top_positions_equal_a_stable_python_sort(shape: str) -> None:
    rng = np.random.default_rng(7)
    for _ in range(400):
        size = int(rng.integers(0, 80))
        if shape == "distinct":
            scores = rng.random(size).astype(np.float32)
        elif shape == "few values":
            scores = rng.integers(0, 4, size).astype(np.float32)
        elif shape == "mostly zero":
            scores = np.where(rng.random(size) < 0.85, 0.0, rng.random(size)).astype(np.float32)
        else:
            scores = rng.integers(-2, 3, size) * rng.choice([1.0, -0.0], size)
        n = int(rng.integers(0, 90))
        want = sorted(range(size), key=lambda i: -float(scores[i]))[:n]
        assert list(top_positions(scores, n)) == want, (scores, n)


def test_top_positions_leave_nans_last_like_a_sort() -> None:
    scores = np.array([0.2, np.nan, 0.5, np.nan, 0.1], dtype=np.float32)
    for n in range(6):
        want = np.argsort(-scores, kind="stable")[:n]
        assert list(top_positions(scores, n)) == list(want)


def test_stems_equal_bm25s_own_decoding() -> None:
    from bm25s.tokenization import Tokenizer as Bm25sTokenizer

    protected = frozenset({"django", "nodejs", "testonlyname"})
    ours = _bm25s_tokenizer(protected)

    def stem(word: str) -> str:
        return word if word in protected or word.isdigit() else _snowball_stem(word)

    theirs = Bm25sTokenizer(lower=False, splitter=r"[a-z0-9]+", stopwords=[], stemmer=stem)
    vocabulary = ["running", "runs", "ran", "django", "nodejs", "testonlyname", "scalable",
                  "scalability", "2024", "k6", "http2", "a", "b", "c", "migrations",
                  "migrate", "features", "feature", "asynchronous"]
    rnd = random.Random(3)
    texts = ["", "... --- !!", "django django"]
    texts += [" ".join(rnd.choice(vocabulary) + rnd.choice(["", "s", "ing", "ed"])
                       for _ in range(rnd.randint(1, 15))) for _ in range(500)]
    for text in texts:
        got = theirs.tokenize([text], return_as="string", show_progress=False,
                              update_vocab=True)
        assert ours(text) == [str(t) for t in got[0]], text


def test_subjects_file_through_a_symlink_follows_a_retargeted_link(tmp_path: Path) -> None:
    first = tmp_path / "first.toml"
    first.write_bytes(BUNDLED_SUBJECTS.read_bytes())
    second = tmp_path / "second.toml"
    second.write_bytes(BUNDLED_SUBJECTS.read_bytes() + b"\n# another file\n")
    link = tmp_path / "subjects.toml"
    link.symlink_to(first)
    before = load_comparison_config(link)
    assert before.source == str(first.resolve())
    link.unlink()
    link.symlink_to(second)
    after = load_comparison_config(link)
    assert after.source == str(second.resolve())
