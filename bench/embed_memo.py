"""One memo for query embeddings, shared by the benchmarks that time ``ask`` without the model.

``ask`` embeds its search text (the question without its frame about the sources), not the
raw question, so a cache keyed by the questions misses; this memo is keyed by whatever text
is embedded, and a benchmark fills it in an untimed pass.
"""

from __future__ import annotations

from typing import Any


def memoise_embed_query(embedder: Any) -> None:
    """Replace ``embedder.embed_query`` by a memo of it (the instance attribute shadows the
    method): a text embedded once is answered from the memo afterwards."""
    real = embedder.embed_query
    memo: dict[str, Any] = {}

    def cached(text: str) -> Any:
        if text not in memo:
            memo[text] = real(text)
        return memo[text]

    embedder.embed_query = cached
