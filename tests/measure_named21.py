"""False declines on the third-technology / named-article path, measured as a class.

    python -m tests.measure_named21 survey [--dump FILE]
    python -m tests.measure_named21 labels [tests/data/named_labels21.jsonl] [--dump FILE]

Why: every blind review lost answerable questions that name a technology other than the
compared pair, or refer to one article by its author, publisher, place or kind, to a decline
("The articles don't say anything about X on that", "mention X only in passing") or to the
wrong article (review 19's j43 and j02). Branches fixed the one review question they were
shown and moved none of the next review's answers; this measure reads the whole class.

``survey``: every question of review sets 11..19 and of ``tests/data/*labels*.jsonl`` that
names a third technology (``assistant.named.asked_technologies``) or refers to one article
(a definite reference phrase, ``assistant.article_reference.reference_phrases``, or a name
the library's articles are referred to by), asked of the configured library; prints those
declined or answered "only in passing", the material ``named_labels21.jsonl`` is labelled
from.

``labels``: per split (tune / heldback), answerable questions answered (not declined, and
citing the expected article when one is labelled) and unanswerable ones declined.
Real model and store (``VERSUS_DATA_DIR``; the lead's store d copy).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

_DECLINE = re.compile(r"don't say anything about|only in passing|don't cover|do not cover")
_REVIEWS = range(11, 20)


def declined(ans: Any) -> bool:
    """Whether an answer declines (abstains, or opens with a decline of a name)."""
    return bool(ans.abstained) or bool(_DECLINE.search(ans.answer.split("\n", 1)[0]))


def _questions() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for n in _REVIEWS:
        path = Path(f"tests/data/review_questions{n}.jsonl")
        for line in path.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((f"r{n}:{row.get('id', '')}", row["question"]))
    for path in sorted(Path("tests/data").glob("*labels*.jsonl")):
        if path.name == "named_labels21.jsonl":
            continue
        for i, line in enumerate(path.read_text().splitlines()):
            if not line.strip():
                continue
            row = json.loads(line)
            q = row.get("question") or row.get("q")
            if isinstance(q, str):
                out.append((f"{path.stem}:{row.get('id', i)}", q))
    return list({q: (k, q) for k, q in out}.values())


def _service() -> Any:
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    versus = build_assistant(Settings())
    versus.warm_up()
    return versus


def _cited(ans: Any) -> list[str]:
    return list(dict.fromkeys(c.article_id for c in ans.citations))


def survey(argv: list[str]) -> int:
    from assistant.article_focus import reference
    from assistant.article_reference import reference_phrases
    from assistant.named import asked_technologies

    versus = _service()
    index = versus.chain.retriever.index()
    config = versus.subjects
    dump: list[dict[str, Any]] = []
    kept = 0
    for key, q in _questions():
        third = [n.display for n in asked_technologies(q, index, config) if n.third]
        phrases = [p for p, d in reference_phrases(q) if d]
        ref = reference(q, index, versus.embedder, config, index.tokenizer)
        if not (third or phrases or ref is not None):
            continue
        kept += 1
        ans = versus.ask(q)
        row = {"key": key, "question": q, "third": third, "phrases": phrases,
               "referred": ref.article_id if ref else None, "declined": declined(ans),
               "cited": _cited(ans), "answer": ans.answer[:300]}
        dump.append(row)
        if row["declined"]:
            print(f"{key} DECLINED third={third} phrases={phrases} ref={row['referred']}\n"
                  f"   Q: {q}\n   A: {ans.answer[:160]!r}")
    print(f"surveyed {kept}, declined {sum(r['declined'] for r in dump)}")
    if len(argv) > 1 and argv[0] == "--dump":
        Path(argv[1]).write_text("".join(json.dumps(d) + "\n" for d in dump))
    return 0


def labels(argv: list[str]) -> int:
    path = Path(argv[0] if argv and not argv[0].startswith("--") else
                "tests/data/named_labels21.jsonl")
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    versus = _service()
    tally: dict[tuple[str, bool], list[int]] = {}
    dump: list[dict[str, Any]] = []
    for lab in rows:
        ans = versus.ask(lab["question"], lab.get("history", ()))
        cited = _cited(ans)
        if lab["answerable"]:
            ok = not declined(ans) and (not lab.get("article") or lab["article"] in cited)
        else:
            ok = declined(ans)
        cell = tally.setdefault((lab["split"], lab["answerable"]), [0, 0])
        cell[0] += int(ok)
        cell[1] += 1
        dump.append({"id": lab["id"], "ok": ok, "declined": declined(ans), "cited": cited,
                     "answer": ans.answer[:300]})
        print(f"{lab['id']} {'ok  ' if ok else 'MISS'} declined={declined(ans)} cited={cited} "
              f"{ans.answer[:110]!r}")
    for (split, answerable), (ok, n) in sorted(tally.items()):
        kind = "answerable answered" if answerable else "unanswerable declined"
        print(f"{split} {kind}: {ok}/{n}")
    if "--dump" in argv:
        Path(argv[argv.index("--dump") + 1]).write_text(
            "".join(json.dumps(d) + "\n" for d in dump))
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "survey":
        return survey(argv[1:])
    return labels(argv[1:] if argv and argv[0] == "labels" else argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
