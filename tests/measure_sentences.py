"""Measure sentence splitters on the bundled corpus and the field set.

    python -m tests.measure_sentences

For each splitter: how many stance-label claims (bundled and field; each is one sentence of
an article, labelled by hand) come out as exactly one sentence span, how many evidence
quotes (gold and field) lie inside one sentence span, and the time taken. The splitters run
line by line over the cleaned text (a line is a paragraph, bullet or table row), which is
how the chunker uses them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from knowledge.models import Span
from knowledge.text.sentences import split_sentences
from tests.field_corpus import FIELD, ROOT, bundled_articles, field_articles, read_jsonl

Splitter = Callable[[str], list[Span]]


def ours(text: str) -> list[Span]:
    return split_sentences(text)


def pysbd_spans(text: str) -> list[Span]:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    out: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            for s in seg.segment(line):
                a, b = pos + s.start, pos + s.end
                while a < b and text[a].isspace():
                    a += 1
                while b > a and text[b - 1].isspace():
                    b -= 1
                if a < b:
                    out.append(Span(a, b))
        pos += len(line) + 1
    return out


def measure(name: str, splitter: Splitter) -> None:
    arts = {aid: a.text for aid, (_, a, _) in {**bundled_articles(), **field_articles()}.items()}
    t0 = time.perf_counter()
    spans = {aid: splitter(text) for aid, text in arts.items()}
    took = time.perf_counter() - t0
    labels = read_jsonl(ROOT / "tests" / "data" / "stance_labels.jsonl") + read_jsonl(
        FIELD / "stance_labels.jsonl"
    )
    exact = 0
    for row in labels:
        aid, quote = str(row["article_id"]), str(row["quote"]).strip()
        text = arts[aid]
        sentences = {text[s.start : s.end].rstrip(".!?") for s in spans[aid]}
        exact += quote.rstrip(".!?") in sentences
    quotes = [
        e for f in (FIELD / "questions.jsonl", ROOT / "knowledge" / "gold" / "questions.jsonl")
        for q in read_jsonl(f) for e in q.get("evidence", [])  # type: ignore[attr-defined]
    ]
    inside = 0
    for e in quotes:
        text = arts[e["article_id"]]
        at = text.find(e["quote"])
        end = at + len(e["quote"])
        inside += at >= 0 and any(s.start <= at and end <= s.end for s in spans[e["article_id"]])
    print(f"{name:10} stance claims = one sentence: {exact}/{len(labels)}   "
          f"evidence quotes inside one sentence: {inside}/{len(quotes)}   {took:.2f} s")


if __name__ == "__main__":
    measure("existing", ours)
    measure("pysbd", pysbd_spans)
