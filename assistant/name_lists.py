"""Passages that list names, added to the pool for "which companies use X?" questions.

Retrieval ranks passages by topic; a lone sentence naming Netflix, LinkedIn and PayPal
under a "Vast ecosystem" heading is easily missed. ``with_name_lists`` adds the passages
holding a list of proper names (``assistant.answer_type.NAME_LIST``, found once per corpus
version) that name an asked subject, for the sentence scorer (``assistant.sentences``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from assistant.answer_type import ASKS_FOR_NAMES, NAME_LIST
from assistant.retriever import Retrieval
from knowledge.models import ScoredChunk
from knowledge.subjects_config import default_subjects


def with_name_lists(question: str, retrieval: Retrieval, subjects: Sequence[str],
                    config: Any = None) -> Retrieval:
    """For "which companies use X?": add passages that list names next to X.

    Retrieval ranks passages by topic; a lone sentence naming Netflix, LinkedIn and PayPal
    under a "Vast ecosystem" heading is easily missed. The passages holding a list of
    proper names (found once per corpus version) that name an asked subject join the pool.
    """
    if not ASKS_FOR_NAMES.search(question):
        return retrieval
    idx = retrieval.index
    key = ("name-lists", idx.corpus_version)
    listing = idx.memo.get(key)
    if listing is None:
        listing = [c for c in idx.chunks if NAME_LIST.search(c.text)]
        idx.memo[key] = listing
    have = {sc.chunk.chunk_id for sc in (*retrieval.chunks, *retrieval.extra)}
    wanted = set(subjects)
    floor = min((sc.score for sc in retrieval.chunks), default=0.0)
    add = []
    for chunk in listing:
        if chunk.chunk_id in have:
            continue
        for m in NAME_LIST.finditer(chunk.text):
            around = chunk.text[max(0, m.start() - 200) : m.end() + 50]
            named = set((config or default_subjects()).find_subjects(around))
            if not wanted or (named & wanted and len(named) == 1):
                add.append(ScoredChunk(chunk, floor))
                break
    if not add:
        return retrieval
    return dataclasses.replace(retrieval, extra=[*retrieval.extra, *add])
