"""Questions that refer to one article: is the article found, and does the answer stay in it?

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_article_focus \
        [tests/data/article_reference_labels.jsonl] [--questions FILE ...] [--misses]
        [--resolver]   (resolver accuracy only)

Reads the labels (``tests/data/article_reference_labels.jsonl``: a question, the article it
refers to or null, the split ``tune``/``heldback``, for some an evidence quote) and prints:

* resolver accuracy per split: the article the question refers to found, and controls
  (questions naming no article) falsely resolved. The resolver is
  the retriever's own (``assistant.article_focus.reference``) when the module exists, else the
  earlier mechanism (``assistant.article_subject.named_articles``, a proper name of one
  article's lead), so the figure has a "before";
* the off-article share: of the passages the answers to the referring questions cite,
  the share from another article; declined answers; evidence cited (support) and stated;
* with ``--questions FILE``: the same share on that question file's answerable questions
  whose evidence is all in one article (a fixed subset, the same before and after).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from assistant.cli import _service
from assistant.evaluation import Evidence, EvidenceLocator, in_answer_text

LABELS = Path(__file__).parent / "data" / "article_reference_labels.jsonl"


def _resolver(versus: Any) -> Any:
    retriever = versus.chain.retriever
    try:
        from assistant.article_focus import reference
    except ImportError:
        from assistant.article_subject import named_articles

        def before(question: str) -> str | None:
            idx = retriever.index()
            got = named_articles(question, idx, idx.tokenizer or retriever.tokenizer)
            return next(iter(got)) if len(got) == 1 else None
        return before

    def after(question: str) -> str | None:
        idx = retriever.index()  # what the retriever itself resolves
        ref = reference(question, idx, versus.embedder, retriever.subjects,
                        idx.tokenizer or retriever.tokenizer)
        return ref.article_id if ref is not None else None
    return after


def _share(versus: Any, rows: list[dict[str, Any]], misses: bool) -> dict[str, Any]:
    loc = EvidenceLocator(versus.store)
    cited = off = declined = supported = stated = with_ev = 0
    for r in rows:
        ans = versus.ask(r["question"], list(r.get("history") or []))
        if ans.abstained:
            declined += 1
            if misses:
                print("DECLINED", r["id"], r["question"], file=sys.stderr)
            continue
        aids = [c.article_id for c in ans.citations]
        cited += len(aids)
        off += sum(a != r["article_id"] for a in aids)
        ev = [Evidence(e["article_id"], e["quote"]) for e in r.get("evidence") or []]
        if ev:
            with_ev += 1
            sup = any(loc.holds(c.article_id, c.start, c.end, c.text, ev)
                      for c in ans.citations)
            supported += sup
            stated += in_answer_text(ans.answer, ev)
            if misses and not sup:
                print("UNSUPPORTED", r["id"], r["question"], file=sys.stderr)
    return {"questions": len(rows), "declined": declined, "cited": cited,
            "off_article_share": round(off / cited, 3) if cited else None,
            "evidence_questions": with_ev, "supported": supported, "stated": stated}


def main(argv: list[str]) -> None:
    misses = "--misses" in argv
    only_resolver = "--resolver" in argv
    argv = [a for a in argv if a not in ("--misses", "--resolver")]
    files: list[str] = []
    while "--questions" in argv:
        i = argv.index("--questions")
        files.append(argv[i + 1])
        del argv[i:i + 2]
    text = Path(argv[0] if argv else LABELS).read_text(encoding="utf-8")
    labels = [json.loads(line) for line in text.splitlines() if line.strip()]
    versus = _service()
    versus.chain.warm_up()
    resolve = _resolver(versus)
    out: dict[str, Any] = {}
    for split in ("tune", "heldback"):
        rows = [r for r in labels if r["split"] == split]
        refs = [r for r in rows if r["article_id"]]
        controls = [r for r in rows if not r["article_id"]]
        right = 0
        for r in refs:
            got = resolve(r["question"])
            right += got == r["article_id"]
            if misses and got != r["article_id"]:
                print("MISS", split, r["id"], got, r["question"], file=sys.stderr)
        false = [r["id"] for r in controls if resolve(r["question"]) is not None]
        out[f"resolver_{split}"] = f"{right}/{len(refs)}"
        out[f"controls_resolved_{split}"] = f"{len(false)}/{len(controls)} {false}"
    refs = [r for r in labels if r["article_id"]]
    for split in ("tune", "heldback") if not only_resolver else ():
        out[f"answers_{split}"] = _share(versus, [r for r in refs if r["split"] == split],
                                         misses)
    for path in files if not only_resolver else ():
        rows = []
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            arts = {e["article_id"] for e in q.get("evidence") or []}
            if len(arts) == 1 and q.get("answerable", True):
                rows.append({**q, "article_id": next(iter(arts))})
        out[Path(path).parent.name + "/" + Path(path).name] = _share(versus, rows, misses)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
