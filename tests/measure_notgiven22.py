"""Measure the "not given" line (decline22) on ``tests/data/notgiven_labels22.jsonl``.

Each label asks for a detail of an article: ``given`` true when the article states it
(its quote), false when the article discusses the topic but gives no such detail. The
answer "says not given" when it opens with the articles-don't-give line or is declined.
Reported per split (tune = bundled + field + review sets 11..17; heldback = tuning10 +
review sets 18..20): right when said on an unanswerable label, wrong when said on an
answerable twin. Run: ``VERSUS_DATA_DIR=<store d copy> python -m tests.measure_notgiven22``.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

LABELS = Path(__file__).parent / "data" / "notgiven_labels22.jsonl"
#: An answer that says the detail is not given: a decline or the opening line.
SAID = re.compile(r"^\s*The articles don't (?:give|say|name|cover)", re.I)


def main() -> None:
    from assistant.service import build_assistant

    labels = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    assistant = build_assistant()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = []
    for lab in labels:
        ans = assistant.ask(lab["question"])
        said = ans.abstained or bool(SAID.match(ans.answer))
        key = "given" if lab["given"] else "not_given"
        c = counts[lab["split"]]
        c[key] += 1
        c[f"{key}_said"] += int(said)
        rows.append({"id": lab["id"], "given": lab["given"], "said": said,
                     "abstained": ans.abstained, "answer": ans.answer[:300]})
    for split, c in sorted(counts.items()):
        print(f"{split}: not given said {c['not_given_said']}/{c['not_given']} (right); "
              f"said on answerable {c['given_said']}/{c['given']} (wrong)")
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text("".join(json.dumps(r) + "\n" for r in rows))


if __name__ == "__main__":
    main()
