"""A deterministic synthetic corpus grown from the bundled articles, for the scale benchmark.

``make_corpus(dst, factor)`` writes ``factor`` copies of every bundled article plus a
``manifest.json`` in the bundled format, so that ``Settings(corpus_dir=dst)`` ingests it
exactly like the real library (same cleaning, chunking, metadata path).

Each copy is a plausible article rather than a byte-for-byte duplicate, so that the store
holds ``factor`` times as many *distinct* chunks and vectors:

* the two subjects (and their languages) are renamed to another pair of frameworks the
  chunker knows (so comparison tables are still recognised as tables);
* long prose lines in the body are shuffled among themselves, while headings, bullets, table
  rows and the footer stay where they are (so sections and cleaning behave as on the
  originals);
* the title carries the copy number, so every copy has its own content hash.

Everything is seeded: the same ``(factor, seed)`` always gives the same files.

Run ``python -m bench.synth DEST FACTOR`` to look at one.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from knowledge.settings import BUNDLED_CORPUS

#: (framework, its language) pairs that replace Django/Python and Node.js/JavaScript.
#: All names are in ``ingest.chunk._SUBJECT_NAME`` so flattened table headers still parse.
SIDE_A = (
    ("Django", "Python"),
    ("Flask", "Python"),
    ("FastAPI", "Python"),
    ("Rails", "Ruby"),
    ("Laravel", "PHP"),
    ("Spring Boot", "Java"),
    ("ASP.NET Core", "C#"),
)
SIDE_B = (
    ("Node.js", "JavaScript"),
    ("Express", "JavaScript"),
    ("Deno", "TypeScript"),
    ("Bun", "TypeScript"),
    ("NestJS", "TypeScript"),
    ("Golang", "Go"),
)

_NODE_RE = re.compile(r"\bnode(?:\s?\.?\s?js)?\b", re.IGNORECASE)
_DJANGO_RE = re.compile(r"\bdjango\b", re.IGNORECASE)
_PYTHON_RE = re.compile(r"\bpython\b", re.IGNORECASE)
_JS_RE = re.compile(r"\bjavascript\b", re.IGNORECASE)

#: Lines at least this long that look like prose are shuffled; shorter ones are structure.
_PROSE_MIN = 150
#: Only lines in the first part of an article move, so footers (comments, related posts)
#: stay in the tail where the cleaner looks for them.
_BODY_FRACTION = 0.6


def _case_like(word: str, template: str) -> str:
    if template.islower():
        return word.lower()
    if template.isupper() and len(template) > 1:
        return word.upper()
    return word


def rename(text: str, a: tuple[str, str], b: tuple[str, str]) -> str:
    """Rename Django/Python to ``a`` and Node.js/JavaScript to ``b`` (case kept loosely)."""
    text = _NODE_RE.sub(lambda m: _case_like(b[0], m.group(0)), text)
    text = _DJANGO_RE.sub(lambda m: _case_like(a[0], m.group(0)), text)
    text = _JS_RE.sub(lambda m: _case_like(b[1], m.group(0)), text)
    return _PYTHON_RE.sub(lambda m: _case_like(a[1], m.group(0)), text)


def _is_prose(line: str) -> bool:
    s = line.strip()
    return (
        len(s) >= _PROSE_MIN
        and s[-1:] in ".!?\"”’)"
        and "|" not in s
        and "\t" not in s
        and not re.match(r"(?:[•●▪◦*+-]|\d{1,3}[.)])\s", s)
    )


def shuffle_prose(text: str, rng: random.Random) -> str:
    """Permute the long prose lines of the body among their own positions."""
    lines = text.split("\n")
    limit = int(len(text) * _BODY_FRACTION)
    pos = 0
    movable: list[int] = []
    for i, line in enumerate(lines):
        if pos < limit and _is_prose(line):
            movable.append(i)
        pos += len(line) + 1
    picked = [lines[i] for i in movable]
    rng.shuffle(picked)
    for i, line in zip(movable, picked, strict=True):
        lines[i] = line
    return "\n".join(lines)


def make_corpus(dst: Path, factor: int, seed: int = 20240601, src: Path = BUNDLED_CORPUS) -> Path:
    """Write ``factor`` synthetic copies of each article in ``src`` to ``dst``.

    Args:
        dst: Output folder (created; existing files of the same names are overwritten).
        factor: Copies per bundled article; ``factor=10`` gives 10x the bundled corpus.
        seed: Seeds every random choice.
        src: A corpus folder with a ``manifest.json`` in the bundled format.

    Returns:
        ``dst``.
    """
    if factor < 1:
        raise ValueError(f"factor must be >= 1, got {factor}")
    dst.mkdir(parents=True, exist_ok=True)
    manifest = json.loads((src / "manifest.json").read_text(encoding="utf-8"))
    originals = [
        (item, (src / item["file"]).read_text(encoding="utf-8"))
        for item in manifest["articles"]
    ]
    out = []
    for k in range(factor):
        for item, text in originals:
            rng = random.Random(f"{seed}:{k}:{item['article_id']}")
            a = rng.choice(SIDE_A)
            b = rng.choice(SIDE_B)
            body = shuffle_prose(rename(text, a, b), rng)
            aid = f"{item['article_id']}-s{k:03d}"
            name = f"{aid}.txt"
            (dst / name).write_text(body, encoding="utf-8")
            out.append(
                {
                    "article_id": aid,
                    "file": name,
                    "title": f"{rename(item['title'], a, b)} (synthetic #{k})",
                    "publisher": item.get("publisher"),
                    "year": item.get("year"),
                }
            )
    (dst / "manifest.json").write_text(json.dumps({"articles": out}, indent=1), encoding="utf-8")
    return dst


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3):
        print("usage: python -m bench.synth DEST FACTOR [SEED]", file=sys.stderr)
        return 2
    seed = int(args[2]) if len(args) == 3 else 20240601
    path = make_corpus(Path(args[0]), int(args[1]), seed)
    print(f"wrote {int(args[1]) * 4} articles to {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
