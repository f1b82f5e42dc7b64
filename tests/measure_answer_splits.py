"""Answer figures per split of a question file, and warm ask latency.

    VERSUS_DATA_DIR=/tmp/versus-field python -m tests.measure_answer_splits \
        tests/field/questions.jsonl
    VERSUS_DATA_DIR=/tmp/versus-gold python -m tests.measure_answer_splits --latency

Runs ``run_eval`` once and prints answer recall and support recall for all answerable
questions and per id prefix (``fa-``/``fb-``/``fd-`` tuning, ``fc-`` held out), the filler rate,
the verdict rate on comparative questions (all, and per prefix), and ask latency. With
``--latency``: p50/p90 of 60 warm asks of the bundled gold questions in one process.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from assistant.cli import _service
from assistant.evaluation import load_questions, run_eval


def latency(versus: object) -> dict[str, float]:
    qs = load_questions()
    qs = (qs * 2)[:60]
    ask = versus.ask  # type: ignore[attr-defined]
    versus.chain.warm_up()  # type: ignore[attr-defined]
    for q in qs[:5]:
        ask(q.question, list(q.history))
    times = []
    for q in qs:
        t0 = time.perf_counter()
        ask(q.question, list(q.history))
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"n": len(times), "p50_ms": round(statistics.median(times), 1),
            "p90_ms": round(times[int(0.9 * len(times))], 1)}


def main(argv: list[str]) -> None:
    versus = _service()
    if argv and argv[0] == "--latency":
        print(json.dumps(latency(versus)))
        return
    qs = load_questions(Path(argv[0]) if argv else None)
    verdicts: dict[str, bool] = {}
    for q in qs:
        if q.type == "comparative" and q.answerable:
            answer = versus.ask(q.question, list(q.history))
            if not answer.abstained:
                verdicts[q.id] = bool(answer.verdict)
    report = run_eval(versus, qs)
    details = {d["id"]: d for d in report.details}
    out: dict[str, object] = {}
    for name, prefix in (("all", ""), ("fa", "fa-"), ("fb", "fb-"), ("fc", "fc-"),
                         ("fd", "fd-")):
        ans = [q for q in qs if q.answerable and q.id.startswith(prefix)]
        if not ans:
            continue
        got = {k: v for k, v in verdicts.items() if k.startswith(prefix)}
        out[name] = {
            "answerable": len(ans),
            "answer_recall": round(sum(bool(details[q.id].get("in_text")) for q in ans)
                                   / len(ans), 3),
            "support_recall": round(sum(bool(details[q.id].get("supported")) for q in ans)
                                    / len(ans), 3),
            "verdicts": f"{sum(got.values())}/{len(got)}",
        }
    out["filler_rate"] = round(report.filler_rate, 4)
    out["not_in_text"] = report.not_in_text
    out["latency_ms"] = report.to_json()["latency_ms"]
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
