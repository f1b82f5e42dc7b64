"""Dense search results that are the same in every process: enough neighbours, a fixed order.

Why: Chroma's HNSW search is approximate, and the graph it searches is not the same in two
processes that open the same store. Measured on store d (315 chunks), one query vector asked
for 128 neighbours in six fresh processes: the first 40 were always the same, the last ~10
came back as four different sets. The retriever asks for ``SENTENCE_POOL`` (120) of them,
normalises the fused dense score by the last one's and builds the sentence ranker's pool from
all of them, so a different tail moved every passage score by ~1e-4 and the answer with it:
review 13's d28 had 8 or 10 "more from the sources" lines from run to run, whatever the
hash seed (speed21 first blamed a seed or an object id; neither is involved).

Asking for twice the neighbours needed makes the search explore far enough that the first
``k`` are the exact first ``k`` (on store d, asking 256 for 120 gave one set in every process
measured), and sorting by (distance, id) fixes the order of equal distances, which the graph
walk would otherwise decide.
"""

from __future__ import annotations

from typing import Any

#: Neighbours asked for per neighbour wanted (at least ``k`` plus the caller's slack).
OVERFETCH = 2


def fetch_size(k: int, slack: int = 0) -> int:
    """How many neighbours to ask the approximate search for, to keep ``k`` exact ones."""
    return max(k + slack, OVERFETCH * k)


def in_order(res: dict[str, Any]) -> dict[str, Any]:
    """A Chroma query result (one query) with every per-hit list sorted by (distance, id)."""
    ids = (res.get("ids") or [[]])[0]
    dists = (res.get("distances") or [[]])[0]
    if not ids or dists is None or len(dists) != len(ids):
        return res
    order = sorted(range(len(ids)), key=lambda i: (float(dists[i]), str(ids[i])))
    out = dict(res)
    for key, val in res.items():
        if isinstance(val, list) and val and isinstance(val[0], list) and len(val[0]) == len(ids):
            out[key] = [[val[0][i] for i in order], *val[1:]]
    return out
