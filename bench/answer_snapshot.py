"""Every known question's answer as JSON: a before/after check for changes meant to be
answer-neutral (speed work, refactors).

    python -m bench.answer_snapshot DATA_DIR [DATA_DIR...] --out OUT.jsonl

Asks every question of the gold set, the field set and the blind-review sets 1-8, with
their history turns, in one process (``assistant.service.build_assistant`` over
``DATA_DIR``, the offline engine) in file order, and writes one JSON object per answer
(``Answer.to_json`` less ``timings_ms``), one per line. Run it on the old code and on the
new, over copies of the same store, and compare the two files byte for byte (``cmp``).

Repeat ``DATA_DIR`` to ask every question of several stores (for example the bundled store
and the bundled + field store); each line names the store it came from.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: The question files, in the order they are asked.
QUESTION_FILES = (
    ROOT / "knowledge" / "gold" / "questions.jsonl",
    ROOT / "tests" / "field" / "questions.jsonl",
    ROOT / "tests" / "data" / "review_questions.jsonl",
    ROOT / "tests" / "data" / "review_questions2.jsonl",
    ROOT / "tests" / "data" / "review_questions3.jsonl",
    ROOT / "tests" / "data" / "review_questions4.jsonl",
    ROOT / "tests" / "data" / "review_questions5.jsonl",
    ROOT / "tests" / "data" / "review_questions6.jsonl",
    ROOT / "tests" / "data" / "review_questions7.jsonl",
    ROOT / "tests" / "data" / "review_questions8.jsonl",
)


def load_questions(files: Sequence[Path] = QUESTION_FILES) -> Iterator[dict[str, Any]]:
    """Each question row of ``files`` as ``{file, id, question, history}``."""
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            yield {"file": path.name, "id": row.get("id", ""), "question": row["question"],
                   "history": list(row.get("history") or [])}


def snapshot(data_dirs: Sequence[Path], out: Path) -> tuple[int, float]:
    """Ask every question over each store in ``data_dirs``; write the answers to ``out``.

    Returns the number of answers and the seconds spent asking (warm-up excluded).
    """
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    questions = list(load_questions())
    lines: list[str] = []
    embedder = None
    asking = 0.0
    for data_dir in data_dirs:
        versus = build_assistant(Settings(data_dir=data_dir, llm="none"), embedder=embedder)
        embedder = versus.embedder
        versus.warm_up()
        for q in questions:
            t = time.perf_counter()
            try:
                body: dict[str, Any] = versus.ask(q["question"], q["history"]).to_json()
                body.pop("timings_ms", None)
            except Exception as exc:  # an error is an answer too: it must not change
                body = {"error": f"{type(exc).__name__}: {exc}"}
            asking += time.perf_counter() - t
            lines.append(json.dumps({"store": data_dir.name, "file": q["file"], "id": q["id"],
                                     **body}, ensure_ascii=False, sort_keys=True))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines), asking


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.answer_snapshot",
                                description=__doc__.split("\n")[0])
    p.add_argument("data_dirs", type=Path, nargs="+", metavar="DATA_DIR")
    p.add_argument("--out", type=Path, required=True, help="where the JSON lines go")
    args = p.parse_args(argv)
    for d in args.data_dirs:
        if not (d / "chroma").is_dir():
            p.error(f"{d} holds no ingested store (no chroma folder)")
    n, secs = snapshot(args.data_dirs, args.out)
    print(f"{n} answers -> {args.out} ({secs:.1f} s asking)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
