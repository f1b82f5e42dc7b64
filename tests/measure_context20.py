"""How questions naming a third technology only as the asker's situation are read.

    python -m tests.measure_context20 [tests/data/context_labels20.jsonl]

Each label names a third technology (``name``). ``context`` true: it stands only in a
sentence describing the asker ("We're three React developers ...") while the asked sentence
names a compared subject; the question is about the subjects, so the answer must not decline
the technology ("The articles don't say anything about React on that."). ``context`` false:
the technology is asked about; ``assistant.named.asked_technologies`` must still name it
(or abstention decline it by name, for one the articles never use). A context question
passes when it is answered and the name is not read as an asked third technology (whose
path shows that technology's passages first: "How does Node.js handle many connections?"
from a Laravel team was led by a Laravel sentence).
Prints per half: context questions answered without a decline of the name, and asked ones
still named. Real model and store (``VERSUS_DATA_DIR``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    from assistant.named import asked_technologies
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    path = Path(argv[0] if argv else "tests/data/context_labels20.jsonl")
    labels = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    versus = build_assistant(Settings())
    versus.warm_up()
    index = versus.chain.retriever.index()
    config = versus.subjects
    tally: dict[tuple[str, bool], list[int]] = {}
    for lab in labels:
        ans = versus.ask(lab["question"])
        named = [n.display for n in asked_technologies(lab["question"], index, config)
                 if n.third]
        hit = any(lab["name"].lower() in n.lower() for n in named)
        if lab["context"]:
            ok = not ans.abstained and not hit
        else:  # named, or declined by abstention as a technology the articles never use
            ok = hit or (ans.abstained and lab["name"] in ans.answer)
        cell = tally.setdefault((lab["half"], lab["context"]), [0, 0])
        cell[0] += int(ok)
        cell[1] += 1
        print(f"{lab['id']} {'ok ' if ok else 'MISS'} named={named} abstained={ans.abstained} "
              f"{ans.answer[:110]!r}")
    for (half, ctx), (ok, n) in sorted(tally.items()):
        kind = "context answered" if ctx else "asked still named"
        print(f"{half} {kind}: {ok}/{n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
