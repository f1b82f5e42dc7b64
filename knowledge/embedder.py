"""The sentence-transformers embedder: loaded lazily, once, from a local path only.

Importing this module is cheap (no torch); the model loads in ``warm_up()`` or on the first
call, under a lock so that concurrent first calls from app sessions load it once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from sentence_transformers import SentenceTransformer

Vector = list[float]

#: Chunks are embedded in batches of this many texts; larger batches gain little on 2 cores
#: and pad more.
BATCH_SIZE = 32


def _offline_env() -> None:
    """Forbid any hub download: the model must come from a local folder."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 (or any local sentence-transformers folder) behind our seams.

    Args:
        model_path: Local folder of the model. Never a hub name: nothing downloads at run time.
        device: Torch device; the CPU unless told otherwise.
    """

    def __init__(self, model_path: str, device: str = "cpu") -> None:
        self.model_path = model_path
        self.device = device
        self.model_id = os.path.basename(os.path.normpath(model_path)) or model_path
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()
        self.loads = 0

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def warm_up(self) -> None:
        """Load the model if it is not loaded yet (about 9 s cold, mostly importing torch)."""
        if self._model is not None:
            return
        with self._lock:
            if self._model is not None:
                return
            _offline_env()
            from sentence_transformers import SentenceTransformer

            try:  # the weight-loading bar is noise on a terminal and in logs
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
            except ImportError:  # pragma: no cover
                pass

            self._model = SentenceTransformer(
                self.model_path, device=self.device, local_files_only=True
            )
            self.loads += 1

    @property
    def model(self) -> SentenceTransformer:
        self.warm_up()
        assert self._model is not None
        return self._model

    def embed_query(self, text: str) -> Vector:
        """Embed one question (normalised, so dot product is cosine)."""
        vec = self.model.encode([text], normalize_embeddings=True, convert_to_numpy=True)[0]
        return vec.tolist()  # the same Python floats as float(x) per element, in C

    def embed_documents(self, texts: list[str]) -> list[Vector]:
        """Embed passages in batches."""
        if not texts:
            return []
        arr = self.model.encode(
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True
        )
        return arr.tolist()  # type: ignore[no-any-return]

    def embed_with_spans(
        self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[list[Vector], list[list[Vector]]]:
        """Embed texts and pool a vector for each character span, in one model pass.

        Each span's vector is the normalised mean of the contextual token vectors whose
        characters fall inside it; a span with no token of its own (cut off by the model's
        length limit) gets the whole text's vector, so that every sentence has one.

        Args:
            texts: The passages.
            spans: For each passage, ``(start, end)`` offsets relative to that passage.

        Returns:
            The passage vectors and, per passage, one vector per span.
        """
        import numpy as np

        if len(texts) != len(spans):
            raise ValueError(f"texts and spans differ in length: {len(texts)} != {len(spans)}")
        if not texts:
            return [], []
        model = self.model
        outputs: list[dict[str, Any]] = model.encode(  # type: ignore[assignment]
            list(texts), batch_size=BATCH_SIZE, output_value=None, convert_to_numpy=True
        )
        # One batched call of the fast tokenizer for the offsets (per text it costs more).
        encs = model.tokenizer(
            list(texts),
            truncation=True,
            max_length=model.max_seq_length,
            return_offsets_mapping=True,
        )["offset_mapping"]
        doc_vecs: list[Vector] = []
        span_vecs: list[list[Vector]] = []
        for text_spans, out, offsets in zip(spans, outputs, encs, strict=True):
            sent = np.asarray(out["sentence_embedding"], dtype=np.float32)
            sent = sent / (np.linalg.norm(sent) or 1.0)
            doc_vecs.append(sent.tolist())
            tokens = np.asarray(out["token_embeddings"], dtype=np.float32)
            tokens = tokens[: len(offsets)]  # the batch pads token vectors to its longest text
            starts = np.array([a for a, _ in offsets])
            ends = np.array([b for _, b in offsets])
            real = ends > starts  # special tokens have (0, 0)
            pooled: list[Vector] = []
            for a, b in text_spans:
                mask = real & (starts >= a) & (ends <= b)
                if not mask.any():
                    pooled.append(sent.tolist())
                    continue
                v = tokens[mask].mean(axis=0)
                v = v / (np.linalg.norm(v) or 1.0)
                pooled.append(v.tolist())
            span_vecs.append(pooled)
        return doc_vecs, span_vecs


def embed_with_spans(
    embedder: Any, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
) -> tuple[list[Vector], list[list[Vector]]]:
    """Use the embedder's one-pass span pooling when it has it, else embed spans as texts.

    Fakes (LangChain's ``DeterministicFakeEmbedding``) only offer ``embed_documents``; for
    them each span is embedded on its own, which is slower but gives the same shapes.
    """
    if hasattr(embedder, "embed_with_spans"):
        return embedder.embed_with_spans(texts, spans)  # type: ignore[no-any-return]
    doc_vecs = embedder.embed_documents(list(texts))
    flat = [text[a:b] for text, ss in zip(texts, spans, strict=True) for a, b in ss]
    flat_vecs = embedder.embed_documents(flat) if flat else []
    out: list[list[Vector]] = []
    i = 0
    for ss in spans:
        out.append([list(v) for v in flat_vecs[i : i + len(ss)]])
        i += len(ss)
    return [list(v) for v in doc_vecs], out
