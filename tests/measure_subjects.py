"""Which side an answer files a sentence under: the subject rule against hand labels.

``tests/data/subject_labels.jsonl`` holds sentences of the bundled and field articles, each
labelled with the side an answer grouped by subject should file it under:

* ``Django`` / ``Node.js``: the sentence's claim is about that subject. A subject named
  only as the foil of a comparison or contrast ("It consumes more operating time than
  Django", "Unlike Node.js, it ...", "it lacks built-in features ..., whereas Django
  optimizes this process") leaves the claim to the other side, the one the sentence's
  own subject ("it", "its community") stands for;
* ``both``: the sentence names both subjects (a contrast or comparison rendered once,
  "Compared directly");
* ``none``: about neither (general advice, a third technology, the author).

``split`` is ``tuning`` (bundled articles and the six field tuning articles) or
``held-out`` (the four field articles ``tests.stance_eval.HELD_OUT_ARTICLES``); both were
labelled before the rule changed, and only the tuning misses are for reading while a rule
is tuned.

``tests/data/subject_pronoun_labels.jsonl`` (``--pronouns``) holds sentences of the tuning
articles (bundled, field tuning, ``tests/field/tuning10``) whose own subject is a pronoun or
a generic noun ("It is ...", "Its ...", "The framework ...", "This feature ..."), naming no
subject, each labelled with what it is about in its article; alternate lines are
``held-back`` (their misses are not for reading while a rule is tuned).

The rule is ``assistant.subject.infer_subject`` (with ``assistant.attribution``: a third
technology's sentence is ``none``); its None (no side) is right for ``both`` and ``none``.

    python -m tests.measure_subjects [--pronouns] [--misses] [--held-out-misses]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from assistant.attribution import about_other_technology, third_technologies
from assistant.corpus_index import heading_path
from assistant.sentences import sentence_spans
from assistant.subject import infer_subject
from knowledge.models import ArticleMeta, Chunk, CleanedArticle, Span
from knowledge.subjects_config import default_subjects
from tests.stance_eval import bundled_corpus, field_corpus, parse_file

LABELS = Path(__file__).resolve().parent / "data" / "subject_labels.jsonl"
PRONOUN_LABELS = LABELS.with_name("subject_pronoun_labels.jsonl")
TUNING10 = Path(__file__).resolve().parent / "field" / "tuning10" / "articles"


class _Index:
    """What ``third_technologies`` reads of a corpus index: its chunks and a memo."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = chunks
        self.memo: dict[Any, Any] = {}


def corpus() -> tuple[dict[str, CleanedArticle], list[Chunk]]:
    arts, chunks = bundled_corpus()
    more, extra = field_corpus()
    arts, chunks = {**arts, **more}, [*chunks, *extra]
    for path in sorted(TUNING10.iterdir()):
        art, ch = parse_file(path, ArticleMeta(article_id=path.stem, title=path.stem))
        arts[path.stem] = art
        chunks.extend(ch)
    return arts, chunks


def locate(chunks: list[Chunk], article_id: str, quote: str) -> tuple[Chunk, Span] | None:
    for chunk in chunks:
        if chunk.article_id != article_id:
            continue
        for sp in sentence_spans(chunk):
            if chunk.text[sp.start - chunk.start : sp.end - chunk.start] == quote:
                return chunk, sp
    return None


def predict(chunk: Chunk, span: Span, article: CleanedArticle, config: Any,
            third: dict[str, str]) -> str:
    """The side the rule files the sentence under: a subject, or "none" (no side)."""
    if about_other_technology(chunk, span, config, third):
        return "none"
    raw = chunk.text[span.start - chunk.start : span.end - chunk.start]
    got = infer_subject(chunk, span, raw, config,
                        heading_path(article.sections, chunk.start, chunk.section))
    return got or "none"


def measure(labels: list[dict[str, Any]] | None = None, path: Path = LABELS
            ) -> dict[str, Any]:
    """Accuracy per split; ``misses`` per split as (article, quote, label, got)."""
    if labels is None:
        labels = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()
                  if x.strip()]
    config = default_subjects()
    arts, chunks = corpus()
    third = third_technologies(_Index(chunks), config)
    out: dict[str, Any] = {}
    by_split: dict[str, list[tuple[bool, str, tuple[str, str, str, str]]]] = defaultdict(list)
    for lab in labels:
        found = locate(chunks, lab["article_id"], lab["quote"])
        if found is None:
            raise ValueError(f"label quote not found as one sentence of "
                             f"{lab['article_id']}: {lab['quote'][:80]!r}")
        chunk, span = found
        got = predict(chunk, span, arts[lab["article_id"]], config, third)
        want = lab["subject"]
        ok = got == want or (got == "none" and want in ("both", "none"))
        by_split[lab["split"]].append(
            (ok, want, (lab["article_id"], lab["quote"], want, got)))
    for split, rows in sorted(by_split.items()):
        sided = [r for r in rows if r[1] not in ("both", "none")]
        out[split] = {
            "n": len(rows), "correct": sum(r[0] for r in rows),
            "accuracy": round(sum(r[0] for r in rows) / len(rows), 3),
            "sided_n": len(sided), "sided_correct": sum(r[0] for r in sided),
            "misses": [r[2] for r in rows if not r[0]],
        }
    return out


def main(argv: list[str]) -> int:
    result = measure(path=PRONOUN_LABELS if "--pronouns" in argv else LABELS)
    for split, res in result.items():
        print(f"{split}: {res['correct']}/{res['n']} = {res['accuracy']:.3f} "
              f"(labelled with a side: {res['sided_correct']}/{res['sided_n']})")
        held = split in ("held-out", "held-back")
        show = "--held-out-misses" in argv if held else "--misses" in argv
        if show:
            for aid, quote, want, got in res["misses"]:
                print(f"  {aid}: want {want}, got {got}: {quote[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
