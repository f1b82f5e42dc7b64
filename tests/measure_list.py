"""Measure list answers on the labelled list questions: are all the asked items in view?

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_list
    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_list --dump out.jsonl

``tests/data/list_labels16.jsonl`` holds list questions ("which attacks / libraries /
steps ...") over the bundled, field and tuning10 articles, each with every item an answer
should show (each item one or more alternative substrings: "XSS" or "cross-site
scripting"), written by hand from the articles before any list rule and committed before
it. Blind review 14 lost list questions whose answers showed one item (e35: only SQL
injection in view, the article's bullets of XSS, CSRF and clickjacking hidden) or hid the
items in "more from the sources" (e34). Per split (``tune`` / ``heldback``) it prints the
share of expected items found in the VISIBLE answer (``Answer.answer``), the same share
counting "more from the sources" too (what was found but not shown), the share of
questions with every item in view, and the mean visible sentence count (so that a longer
answer is seen as the cost it is).

An item matches case-insensitively at a word start (and, four characters or shorter, at a
word end too: "ws" is not "shows"). The checker reads only the answer text: it is not the
rule under test.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from tests.label_measure import run
from tests.measure_tail import visible

LABELS = Path(__file__).resolve().parent / "data" / "list_labels16.jsonl"


def _pattern(item: str) -> re.Pattern[str]:
    end = r"(?!\w)" if len(item) <= 4 else ""
    return re.compile(r"(?<!\w)" + re.escape(item) + end, re.I)


def found(text: str, alternatives: list[str]) -> bool:
    """Whether ``text`` names the item (any of its alternative spellings)."""
    flat = text.replace("`", "").replace("’", "'")
    return any(_pattern(a).search(flat) for a in alternatives)


def measure(versus: Any, labels: list[dict[str, Any]]) -> tuple[dict[str, Any], list[Any]]:
    out: dict[str, dict[str, float]] = {}
    dump = []
    for lab in labels:
        ans = versus.ask(lab["question"], [])
        shown = "" if ans.abstained else ans.answer
        more = " ".join(ans.more)
        hits = [found(shown, alts) for alts in lab["items"]]
        anywhere = [found(shown + " " + more, alts) for alts in lab["items"]]
        st = out.setdefault(lab["split"], {"n": 0, "items": 0, "visible": 0, "anywhere": 0,
                                           "all": 0, "sentences": 0, "abstained": 0})
        st["n"] += 1
        st["items"] += len(hits)
        st["visible"] += sum(hits)
        st["anywhere"] += sum(anywhere)
        st["all"] += all(hits)
        st["sentences"] += len(visible(shown)) if shown else 0
        st["abstained"] += ans.abstained
        dump.append({"id": lab["id"], "intent": ans.intent, "visible_items": sum(hits),
                     "items": len(hits), "missing": [a[0] for a, h in zip(lab["items"], hits,
                                                                          strict=True) if not h],
                     "answer": shown, "more": list(ans.more)})
    report = {}
    for split, st in sorted(out.items()):
        n = st["n"]
        report[split] = {"n": n, "visible_item_share": round(st["visible"] / st["items"], 3),
                         "item_share_with_more": round(st["anywhere"] / st["items"], 3),
                         "all_items_visible": int(st["all"]),
                         "visible_sentences_mean": round(st["sentences"] / n, 2),
                         "abstained": int(st["abstained"])}
    return report, dump


def main(argv: list[str]) -> None:
    run(measure, LABELS, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
