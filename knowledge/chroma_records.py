"""How a chunk is written to and read from a Chroma record.

One record per chunk, id ``<version>/<ordinal>``: the text as the document, the chunk's
vector as the embedding, everything else in flat metadata (Chroma accepts only scalars, so
sentence spans and table cells are JSON and the sentence vectors are ``pack``ed: base64 of
their float32 rows).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

from knowledge.models import Chunk, Span, TableRow
from knowledge.protocols import StagedVersion, Vector, check_stage_lengths


def chunk_metadata(version: str, chunk: Chunk, title: str, text_hash: str) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "version": version,
        "article_id": chunk.article_id,
        "title": title,
        "ordinal": chunk.ordinal,
        "start": chunk.start,
        "end": chunk.end,
        "section": chunk.section,
        "kind": chunk.kind,
        "sentences": json.dumps([[s.start, s.end] for s in chunk.sentences]),
        "text_hash": text_hash,
    }
    if chunk.row is not None:
        meta["row"] = json.dumps(
            {
                "criterion": chunk.row.criterion,
                "cells": [[name, sp.start, sp.end] for name, sp in chunk.row.cells],
            }
        )
    return meta


def chunk_records(
    items: Sequence[StagedVersion],
) -> tuple[list[str], list[str], list[dict[str, Any]], list[Any]]:
    """Ids, documents, metadata and vectors of the chunk records of ``items``, in order.

    Raises:
        ValueError: A version's lengths differ, or a chunk's sentence vectors do not match
            its sentences.
    """
    rids: list[str] = []
    docs: list[str] = []
    metas: list[dict[str, Any]] = []
    vecs: list[Any] = []
    for it in items:
        check_stage_lengths(it.chunks, it.vectors, it.sentence_vectors)
        hashes = list(it.text_hashes) if it.text_hashes is not None else [""] * len(it.chunks)
        title = it.article.meta.title
        for chunk, h, svs in zip(it.chunks, hashes, it.sentence_vectors, strict=True):
            rid = f"{it.version}/{chunk.ordinal:04d}"
            if len(svs) != len(chunk.sentences):
                raise ValueError(
                    f"chunk {rid} has {len(chunk.sentences)} sentences but "
                    f"{len(svs)} sentence vectors"
                )
            meta = chunk_metadata(it.version, chunk, title, h)
            meta["svecs"] = pack(svs)
            rids.append(rid)
            docs.append(chunk.text)
            metas.append(meta)
        vecs.extend(it.vectors)
    return rids, docs, metas, vecs


def pack(vectors: Any) -> str:
    """Sentence vectors as one metadata string: base64 of their float32 rows."""
    import numpy as np

    arr = np.asarray(vectors, dtype=np.float32)
    return base64.b64encode(arr.tobytes()).decode("ascii")


def unpack(packed: str, count: int) -> list[Vector]:
    """The inverse of ``pack`` for ``count`` vectors ([] if missing or damaged)."""
    import numpy as np

    if not packed or count <= 0:
        return []
    try:
        arr = np.frombuffer(base64.b64decode(packed), dtype=np.float32)
    except ValueError:
        return []
    if arr.size % count:
        return []
    rows: list[Vector] = arr.reshape(count, -1).tolist()
    return rows


def chunk_from_record(rid: str, text: str, meta: dict[str, Any]) -> Chunk:
    row = None
    if meta.get("row"):
        raw = json.loads(meta["row"])
        row = TableRow(
            criterion=raw["criterion"],
            cells=tuple((name, Span(a, b)) for name, a, b in raw["cells"]),
        )
    return Chunk(
        chunk_id=rid,
        article_id=str(meta["article_id"]),
        ordinal=int(meta["ordinal"]),
        text=text,
        start=int(meta["start"]),
        end=int(meta["end"]),
        section=str(meta.get("section", "")),
        kind="table-row" if meta.get("kind") == "table-row" else "prose",
        sentences=tuple(Span(a, b) for a, b in json.loads(meta.get("sentences", "[]"))),
        row=row,
    )
