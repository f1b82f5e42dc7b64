"""A question asking across "the three stacks" names every column of the table it means.

Review 22's m07: "Of the three stacks the Leeds studio builds on, which is slowest to reach
a first MVP, and by how many weeks?" The answer is the third column of a three-way table
(Go's "Slow, often 9 weeks or more"), but the question names no third technology, so the
composer took the pair path, which drops a third technology's cells (a cell of Go is never
Django's or Node.js's), and showed only Django's and Node.js's. A reader who counts the
stacks ("the three stacks", "all four frameworks", "each of the three backends") asks about
every column of the table, exactly as if they had named them.

When a question counts the options it compares (a number word or digit of at least three
before a plural noun of options, or "all three"), and a retrieved table row that compares
the configured subjects has that many technology columns, its columns are the named
technologies (``assistant.named.Named``): the composer answers as it answers "Of Django,
Node.js and Go (Gin), which ...?" (the row's cells ranked in the verdict line, every
column's cell quoted). No count, or no retrieved row with that many columns: nothing named.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.named import Named
from knowledge.subjects_config import normalize_label

_COUNT = {"three": 3, "four": 4, "five": 5, "3": 3, "4": 4, "5": 5}
#: "the three stacks", "all four frameworks", "each of the three backends", "these 3
#: options", "all three": a count of the options compared (nouns of options, not of
#: things measured: "three weeks" counts no stacks).
_COUNTED = re.compile(
    r"\b(?:the|all|these|those|its|their|our|your)\s+(three|four|five|[345])\s+"
    r"(?:[\w.-]+\s+)?(?:stacks|backends|frameworks|options|technologies|runtimes|platforms|"
    r"contenders|languages|choices|candidates|tools)\b"
    r"|\ball\s+(three|four|five)\b(?!\s+(?:of\s+)?(?:us|them)\b)", re.I)


def counted(question: str) -> int | None:
    """How many options ``question`` says it compares ("the three stacks": 3), or None."""
    m = _COUNTED.search(question)
    return _COUNT[(m.group(1) or m.group(2)).lower()] if m else None


def counted_columns(question: str, retrieval: Any, config: Any) -> tuple[Named, ...]:
    """The columns of the first retrieved comparison row with as many technology columns
    as ``question`` counts, as named technologies (the configured subjects first, then the
    third ones in the table's order); empty when the question counts none or no such row
    was retrieved."""
    n = counted(question)
    if n is None:
        return ()
    for scored in [*retrieval.chunks, *getattr(retrieval, "extra", ())]:
        row = getattr(scored.chunk, "row", None)
        if row is None:
            continue
        headers = [name.strip() for name, _span in row.cells if name.strip()]
        sides = [config.find_subjects(h) for h in headers]
        if len(headers) != n or sum(1 for s in sides if s) < 2:
            continue  # not a comparison of both subjects with that many columns
        out: list[Named] = []
        for header, side in zip(headers, sides, strict=True):
            if side:
                subject = side[0]
                words = {normalize_label(subject), *normalize_label(subject).split(" ")}
                out.append(Named(subject, frozenset(words), subject))
            else:
                words = {w.lower() for w in re.findall(r"[A-Za-z][\w.+#]*", header)
                         if w[0].isupper()}
                out.append(Named(header, frozenset(words or {header.lower()})))
        if any(x.third for x in out):
            return tuple(out)
    return ()
