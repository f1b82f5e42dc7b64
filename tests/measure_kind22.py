"""Questions that refer to an article by the kind or role of its company, person or form.

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_kind22 \
        [tests/data/kind_labels22.jsonl] [--json OUT] [--resolver]

Reads ``tests/data/kind_labels22.jsonl`` (a question, the article it means or "none", the
split) and prints per split:

* ``focused``: the article the retriever keeps to (``assistant.article_focus.reference``) is
  the meant one; ``wrong``: another article; for "none" rows, ``pulled``: any article;
* ``top5``: a passage of the meant article among the first five retrieved;
* ``cited`` / ``visible``: the answer cites the meant article, and a marker of it stands in
  the visible answer (not only under "more").

``--resolver`` skips the answers (the reference only, fast). ``--json OUT`` writes one row
per question for a before/after diff.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from assistant.cli import _service

LABELS = Path(__file__).parent / "data" / "kind_labels22.jsonl"


def _row(versus: Any, r: dict[str, Any], answers: bool) -> dict[str, Any]:
    from assistant.article_focus import reference

    retriever = versus.chain.retriever
    idx = retriever.index()
    ref = reference(r["question"], idx, versus.embedder, retriever.subjects,
                    idx.tokenizer or retriever.tokenizer)
    got = ref.article_id if ref is not None and not ref.group else None
    out: dict[str, Any] = {"id": r["id"], "split": r["split"], "meant": r["article_id"],
                           "focus": got}
    if not answers:
        return out
    top = [c.chunk.article_id if hasattr(c, "chunk") else c.article_id
           for c in retriever.retrieve(r["question"])[:5]]
    ans = versus.ask(r["question"], [])
    shown = {int(n) for n in re.findall(r"\[(\d+)\]", ans.answer)}
    out.update(top5=r["article_id"] in top,
               cited=any(c.article_id == r["article_id"] for c in ans.citations),
               visible=any(c.article_id == r["article_id"] and c.n in shown
                           for c in ans.citations),
               abstained=ans.abstained, answer=ans.answer)
    return out


def main(argv: list[str]) -> None:
    dump = argv[argv.index("--json") + 1] if "--json" in argv else None
    path = Path(next((a for a in argv if a.endswith(".jsonl") and a != dump), LABELS))
    answers = "--resolver" not in argv
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    versus = _service()
    got = [_row(versus, r, answers) for r in rows]
    for split in ("tune", "heldback"):
        mine = [g for g in got if g["split"] == split]
        meant = [g for g in mine if g["meant"] != "none"]
        none = [g for g in mine if g["meant"] == "none"]
        line = {"split": split, "questions": len(meant),
                "focused": sum(g["focus"] == g["meant"] for g in meant),
                "wrong": sum(g["focus"] not in (None, g["meant"]) for g in meant),
                "none_rows": len(none), "pulled": sum(g["focus"] is not None for g in none)}
        if answers:
            for k in ("top5", "cited", "visible"):
                line[k] = sum(bool(g[k]) for g in meant)
        print(json.dumps(line))
    for g in got:
        if (g["meant"] != "none" and g["focus"] != g["meant"]) or \
                (g["meant"] == "none" and g["focus"] is not None):
            print("MISS", g["id"], g["meant"], "->", g["focus"], file=sys.stderr)
    if dump:
        Path(dump).write_text("\n".join(json.dumps(g) for g in got) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
