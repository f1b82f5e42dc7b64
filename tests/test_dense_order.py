"""The dense search's neighbours must not depend on the process (``knowledge.dense_order``).

Chroma's HNSW search is approximate and its graph differs between processes opening the same
store: asked for 128 neighbours of one vector over store f (270 chunks), six fresh processes
returned four different tails. The fakes below stand for such a search: the ``k`` it returns
are exact only up to half of what was asked for, and ties come back in either order.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from knowledge.dense_order import fetch_size, in_order
from knowledge.store import ChromaKnowledgeStore

ROOT = Path(__file__).resolve().parent.parent


class _Approximate(ChromaKnowledgeStore):
    """A store whose query, like a graph walk, finds the true nearest neighbours only for the
    first half of ``n_results``; the rest are far records, and equal distances come back in
    the order ``flip`` says (as two processes' graphs would)."""

    def __init__(self, dists: dict[str, float], flip: bool = False) -> None:
        self.dists = dists
        self.flip = flip

    def manifest(self) -> Any:
        return type("M", (), {"versions": ["v"]})()

    def _call(self, col: str, method: str, **kwargs: Any) -> Any:
        n = kwargs["n_results"]
        exact = sorted(self.dists, key=lambda r: (self.dists[r], r), reverse=self.flip)
        exact = sorted(exact, key=lambda r: self.dists[r])  # stable: ties keep flip's order
        found = exact[: n // 2]
        far = [r for r in exact[::-1] if r not in found][: n - len(found)]
        hits = sorted(found + far, key=lambda r: self.dists[r])[:n]
        return {"ids": [hits], "distances": [[self.dists[r] for r in hits]]}


def _records(count: int) -> dict[str, float]:
    # pairs of equal distances, so the order of ties matters
    return {f"v/{i:04d}": round(0.1 + (i // 2) * 0.01, 4) for i in range(count)}


def test_the_first_k_are_the_exact_first_k() -> None:
    dists = _records(60)
    want = sorted(dists, key=lambda r: (dists[r], r))[:20]
    got = [rid for rid, _s in _Approximate(dists).search_ids([1.0], 20)]
    assert got == want  # asked for only k + slack, the walk's tail would be far records


def test_ties_come_back_in_one_order_whatever_the_walk() -> None:
    dists = _records(60)
    one = _Approximate(dists).search_ids([1.0], 20)
    other = _Approximate(dists, flip=True).search_ids([1.0], 20)
    assert one == other
    assert [r for r, _s in one][:2] == ["v/0000", "v/0001"]


def test_in_order_moves_every_per_hit_list_together() -> None:
    res = {"ids": [["b", "a", "c"]], "distances": [[0.2, 0.2, 0.1]],
           "documents": [["B", "A", "C"]], "metadatas": [[{"m": "b"}, {"m": "a"}, {"m": "c"}]],
           "included": ["distances", "documents"]}
    got = in_order(res)
    assert got["ids"] == [["c", "a", "b"]]
    assert got["documents"] == [["C", "A", "B"]]
    assert got["metadatas"] == [[{"m": "c"}, {"m": "a"}, {"m": "b"}]]
    assert got["included"] == ["distances", "documents"]
    assert fetch_size(120, 8) == 240 and fetch_size(2, 8) == 10


@pytest.mark.parametrize("seed", range(40))
def test_in_order_is_a_full_sort_by_distance_then_id(seed: int) -> None:
    """Already ordered, ordered but for ties, shuffled, with a NaN: the same lists as sorting
    every hit by (distance, id) (spelled out here, not read from ``in_order``)."""
    import random

    rng = random.Random(seed)
    n = rng.choice([0, 1, 2, 5, 40, 240])
    dists = [round(rng.random() * 0.5, rng.choice([1, 2, 6])) for _ in range(n)]
    if seed % 4 == 0 and n:
        dists[rng.randrange(n)] = float("nan")
    ids = [f"v{rng.randrange(3)}/{i:04d}" for i in range(n)]
    rng.shuffle(ids)
    if seed % 4 == 1:  # a result nearest first, as Chroma gives it: ties in any order
        pairs = sorted(zip(dists, ids, strict=True), key=lambda p: p[0])
        dists, ids = [d for d, _i in pairs], [i for _d, i in pairs]
    elif seed % 4 == 2:  # fully ordered already
        pairs = sorted(zip(dists, ids, strict=True))
        dists, ids = [d for d, _i in pairs], [i for _d, i in pairs]
    docs = [f"doc of {i}" for i in ids]
    res = {"ids": [ids], "distances": [dists], "documents": [docs], "included": ["x"]}
    order = sorted(range(n), key=lambda i: (float(dists[i]), ids[i]))
    got = in_order(res)
    assert got["ids"] == [[ids[i] for i in order]]
    assert got["distances"] == [[dists[i] for i in order]]  # the NaN is one object: equal
    assert got["documents"] == [[docs[i] for i in order]]
    assert got["included"] == ["x"]
    assert res["ids"] == [ids]  # the input is not reordered in place


_QUERY = """
import json, sys
from pathlib import Path
from knowledge.store import ChromaKnowledgeStore
vec = json.loads(Path(sys.argv[2]).read_text())
print(json.dumps(ChromaKnowledgeStore(data_dir=Path(sys.argv[1])).search_ids(vec, 120)))
"""


@pytest.mark.integration
def test_real_chroma_gives_one_neighbour_list_in_every_process(
        field_dir: Path, real_embedder: Any, tmp_path: Path) -> None:
    """Fresh processes (two hash seeds each) opening one store copy with the retriever's
    sentence-pool depth: with 128 asked, their lists' tails differed on the old code."""
    data = tmp_path / "data"
    shutil.copytree(field_dir, data)
    vec = tmp_path / "vec.json"
    vec.write_text(json.dumps(list(real_embedder.embed_query(
        "How many lines long was the login-checking middleware the student wrote by hand "
        "for the Express version?"))))
    outs = set()
    for seed in ("0", "1", "2", "3", "0", "1"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT),
               "ANONYMIZED_TELEMETRY": "False"}
        run = subprocess.run([sys.executable, "-c", _QUERY, str(data), str(vec)], env=env,
                             capture_output=True, text=True, timeout=300, cwd=ROOT, check=True)
        outs.add(run.stdout)
    assert len(outs) == 1, f"{len(outs)} different neighbour lists"
    assert len(json.loads(outs.pop())) == 120


def test_a_figure_memo_is_never_read_for_other_patterns() -> None:
    """``figure_verdict._mentions`` memoises by the patterns' id; an id is reused once its
    object is gone, so a new config's patterns at the old address must not get its result."""
    import re

    from assistant import figure_verdict

    text = "Django took 38 hours and Express took 52."
    first = {"django": re.compile("Django"), "node": re.compile("Express")}
    assert figure_verdict._mentions(text, first) == [(0, "django"), (25, "node")]
    other = {"django": re.compile("hours"), "node": re.compile("nothing")}
    figure_verdict._SEEN[(id(other), text)] = figure_verdict._SEEN[(id(first), text)]
    assert figure_verdict._mentions(text, other) == [(15, "django")]
