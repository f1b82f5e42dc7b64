"""Measure off-question and misattributed lines in shown answers (review 22's third loss group).

    VERSUS_DATA_DIR=/tmp/d python -m tests.measure_attrib25 --ask answers.jsonl
    python -m tests.measure_attrib25 --report answers.jsonl

Review 22 lost answers that lead a "chat app in Django, a mistake?" question with the author's
biography (m15), show other articles' lines as the one article the question points at (m23),
and show only the list item an "apart from X" question excludes (m39); the field run files a
Fastify / Express measurement under "Django:". ``tests/data/attrib_labels25.jsonl`` holds those
cases and new ones over bundled + field + tuning10 articles, split ``tune`` / ``heldback``
before any answer was read. Each label has ``parts`` (one list of quotes per item asked; a part
is shown when one of its quotes is in the visible answer), ``off`` (quotes that must not be
shown), ``not_under`` (quotes that must not sit in the answer's "Django:" / "Node.js:" segment
of the given side) and ``only_article`` (the article the question points at: a visible marker
citing another article is a foreign line). Lines under "more" are not shown.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from assistant.evaluation import Evidence, _norm, in_answer_text

LABELS = Path(__file__).resolve().parent / "data" / "attrib_labels25.jsonl"
_SIDE_LABEL = re.compile(r"(?:^|(?<=[\s;(]))(Django|Node\.js)\s*:", re.MULTILINE)
_MARKER = re.compile(r"\[(\d+)\]")


def labels() -> list[dict[str, Any]]:
    return [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]


def ask_all(out: Path) -> None:
    """Answer every labelled question on the configured library, one JSON line each."""
    from assistant.cli import _service

    versus = _service()
    with out.open("w") as fh:
        for lab in labels():
            row = versus.ask(lab["question"], []).to_json()
            row["label_id"] = lab["id"]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def side_segments(text: str) -> dict[str, str]:
    """The answer's text after each "Django:" / "Node.js:" label, up to the next label."""
    out: dict[str, str] = {}
    marks = list(_SIDE_LABEL.finditer(text))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out[m.group(1)] = out.get(m.group(1), "") + " " + text[m.end():end]
    return out


def foreign_markers(answer: dict[str, Any], article_id: str) -> int:
    """Visible markers that cite an article other than the one the question points at."""
    by_n = {c["n"]: c["article_id"] for c in answer.get("citations", [])}
    seen = {int(n) for n in _MARKER.findall(answer["answer"])}
    return sum(1 for n in seen if by_n.get(n, article_id) != article_id)


def score(answer: dict[str, Any], lab: dict[str, Any]) -> dict[str, int]:
    """Parts shown, off lines shown, misfiled lines and foreign markers of one answer."""
    if answer["abstained"]:
        return {"shown": 0, "off": 0, "misfiled": 0, "foreign": 0}
    text = answer["answer"]
    shown = sum(1 for part in lab["parts"]
                if in_answer_text(text, [Evidence(e["article_id"], e["quote"]) for e in part]))
    off = sum(1 for q in lab["off"] if _norm(q).rstrip(".") in _norm(text))
    segments = side_segments(text)
    misfiled = sum(1 for e in lab["not_under"]
                   if _norm(e["quote"]).rstrip(".") in _norm(segments.get(e["side"], "")))
    foreign = foreign_markers(answer, lab["only_article"]) if lab["only_article"] else 0
    return {"shown": shown, "off": off, "misfiled": misfiled, "foreign": foreign}


def report(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for lab in labels():
        got = score(answers[lab["id"]], lab)
        st = out.setdefault(lab["split"], {"n": 0, "complete": 0, "parts": 0, "parts_shown": 0,
                                           "off_shown": 0, "misfiled": 0, "foreign": 0,
                                           "clean": 0, "failing": []})
        st["n"] += 1
        st["parts"] += len(lab["parts"])
        st["parts_shown"] += got["shown"]
        st["off_shown"] += got["off"]
        st["misfiled"] += got["misfiled"]
        st["foreign"] += got["foreign"]
        complete = got["shown"] == len(lab["parts"])
        clean = not (got["off"] or got["misfiled"] or got["foreign"])
        st["complete"] += complete
        st["clean"] += clean
        if not (complete and clean):
            st["failing"].append(lab["id"])
    return out


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "--ask":
        ask_all(Path(argv[1]))
    elif len(argv) == 2 and argv[0] == "--report":
        rows = [json.loads(line) for line in Path(argv[1]).read_text().splitlines() if line]
        print(json.dumps(report({r["label_id"]: r for r in rows}), indent=1))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
