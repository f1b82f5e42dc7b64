"""The command line shared by the label measures (``tests.measure_side``,
``tests.measure_tail``): read a labels file, measure it on the configured library, print the
per-split report and, with ``--dump FILE``, write one JSON line per question for reading
the answers behind the figures."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

Measure = Callable[[Any, list[dict[str, Any]]], tuple[dict[str, Any], list[dict[str, Any]]]]


def run(measure: Measure, labels_path: Path, argv: Sequence[str]) -> None:
    """Measure ``labels_path`` with ``measure`` on the CLI's service and print the report."""
    from assistant.cli import _service

    labels = [json.loads(line) for line in labels_path.read_text().splitlines() if line.strip()]
    report, dump = measure(_service(), labels)
    print(json.dumps(report, indent=1))
    if len(argv) > 1 and argv[0] == "--dump":
        Path(argv[1]).write_text("".join(json.dumps(d) + "\n" for d in dump))
