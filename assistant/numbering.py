"""Numbering of cited passages: one number per passage, in order of first citation.

Kept apart from the composer (which decides what an answer says) because every answer
shape, the verdict line and the named-technology answers number passages the same way: a
passage cited twice keeps its first number and collects each quoted span as a highlight.
"""

from __future__ import annotations

from assistant.models import Citation
from assistant.sentences import Candidate
from assistant.verdict import ClaimRef
from knowledge.models import ArticleMeta


def passage_key(article_id: str, start: int, end: int) -> str:
    return f"{article_id}:{start}:{end}"


class Citations:
    """Numbers passages in order of first citation and collects their highlights."""

    def __init__(self, metas: dict[str, ArticleMeta]) -> None:
        self.metas = metas
        self.order: list[str] = []
        self.info: dict[str, tuple[str, str, int, int, str]] = {}
        self.highlights: dict[str, list[tuple[int, int]]] = {}

    def cite(self, key: str, article_id: str, text: str, start: int, end: int, section: str,
             highlight: tuple[int, int] | None) -> int:
        if key not in self.info:
            self.order.append(key)
            self.info[key] = (article_id, text, start, end, section)
            self.highlights[key] = []
        if highlight and highlight not in self.highlights[key]:
            self.highlights[key].append(highlight)
        return self.order.index(key) + 1

    def build(self) -> list[Citation]:
        out = []
        for n, key in enumerate(self.order, start=1):
            aid, text, start, end, section = self.info[key]
            meta = self.metas.get(aid)
            out.append(
                Citation(
                    n=n,
                    article_id=aid,
                    title=meta.title if meta else aid,
                    text=text,
                    start=start,
                    end=end,
                    section=section,
                    highlight=tuple(sorted(self.highlights[key])),
                )
            )
        return out


def cite_candidate(cand: Candidate, cites: Citations) -> int:
    chunk = cand.chunk
    return cites.cite(passage_key(chunk.article_id, chunk.start, chunk.end), chunk.article_id,
                      chunk.text, chunk.start, chunk.end, chunk.section,
                      (cand.span.start, cand.span.end))


def cite_claim(claim: ClaimRef, cites: Citations) -> int:
    return cites.cite(passage_key(claim.article_id, claim.start, claim.end), claim.article_id,
                      claim.passage, claim.start, claim.end, claim.section,
                      (claim.start, claim.end))
