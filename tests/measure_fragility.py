"""Fragility: how many answers move when an article is edited in a way that says nothing new.

    VERSUS_DATA_DIR=/tmp/versus-d python -m tests.measure_fragility \
        [--articles ID,ID] [--kinds updated,crumb,heading,split] [--limit N] [--json]

A reader expects "What did <the company> measure?" to be answered from the same passages
whether or not the page later gained an "Updated: ..." line, a breadcrumb, a reworded
heading or a paragraph broken in two. Rules that read one place of an article (its first
passage, its first heading) are the ones that break under such edits; this script says how
often they do.

For each article of the field set and of ``tuning10`` (both must already be ingested into
``VERSUS_DATA_DIR``), and for each perturbation kind, the article's file is edited
(``perturb``: the same generic edit for every article of a format, no article's own text),
a fresh copy of the store is made in a temporary directory, the edited file is ingested over
the article there (same article id: an update), and the questions whose evidence cites the
article are asked again. Printed per perturbation kind: how many questions lose / gain
support (a cited passage holds the evidence) and answer evidence (the answer's text holds
it), and how many cite other passages than before (``moved``; a passage that only took in
the added line counts as the same), against the unperturbed store. The store
given is never written to. ``fc-`` questions are the held-out split: they are counted apart
(``held``) so a figure on them is a measurement, never a target.

Perturbation kinds:

* ``updated``: one neutral line ("Updated: 3 March 2025") at the head of the article body
  (after front matter and the title heading; after the ``<h1>`` of a page).
* ``crumb``: a breadcrumb line of capitalised common words ("Home › Blog › Backend") there.
* ``heading``: the first section heading below the title gets a neutral suffix.
* ``split``: the longest prose paragraph is split in two at the sentence boundary nearest
  its middle (never inside an evidence quote).

Runtime: one model load, then one store copy, one ingest of one article and its questions
per (article, kind); about 10 minutes for all 13 articles and 4 kinds on two busy cores.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.evaluation import EvidenceLocator, GoldQuestion, in_answer_text, load_questions
from knowledge.text.sentences import split_sentences

FIELD = Path(__file__).resolve().parent / "field"
ARTICLE_DIRS = (FIELD / "articles", FIELD / "tuning10" / "articles")
QUESTION_FILES = (FIELD / "questions.jsonl", FIELD / "tuning10" / "questions.jsonl")
KINDS = ("updated", "crumb", "heading", "split")
HELD_PREFIX = "fc-"

UPDATED_LINE = "Updated: 3 March 2025"
CRUMB_LINE = "Home › Blog › Backend"
HEADING_SUFFIX = " (revisited)"

_FRONT_MATTER = re.compile(r"\A(?:---\n.*?\n---|\+\+\+\n.*?\n\+\+\+)\n", re.S)
_MD_TITLE = re.compile(r"\s*# [^\n]*\n")
_MD_HEADING = re.compile(r"^#{2,6} +(.+?) *$", re.M)
_TXT_HEADING = re.compile(r"^(?=[^\n]*[A-Z]{3})[A-Z0-9 ,'’?:&-]{6,}$", re.M)
_HTML_H1_END = re.compile(r"</h1\s*>", re.I)
_HTML_OPEN = re.compile(r"<(?:article|main|body)\b[^>]*>", re.I)
_HTML_HEADING = re.compile(r"(<h[2-4]\b[^>]*>)(.*?)(</h[2-4]\s*>)", re.I | re.S)
_HTML_PARAGRAPH = re.compile(r"(<p\b[^>]*>)(.*?)(</p\s*>)", re.I | re.S)
_NOT_PROSE = re.compile(r"^\s*(?:[#|>*+-]|\d+[.)]|```|<|\+\+\+|---)")


# -- perturbations: generic edits per file format -----------------------------------------


def _body_start(raw: str, suffix: str) -> int:
    """Where the article's body starts: after front matter and a title heading (Markdown),
    after the first line (plain text: its title), after the ``<h1>`` (HTML)."""
    if suffix in (".html", ".htm"):
        m = _HTML_H1_END.search(raw) or _HTML_OPEN.search(raw)
        return m.end() if m else 0
    if suffix == ".txt":
        nl = raw.find("\n")
        return nl + 1 if nl >= 0 else len(raw)
    pos = 0
    if (fm := _FRONT_MATTER.match(raw)) is not None:
        pos = fm.end()
    if (title := _MD_TITLE.match(raw, pos)) is not None:
        pos = title.end()
    return pos


def _insert_line(raw: str, suffix: str, line: str) -> str:
    at = _body_start(raw, suffix)
    block = f"\n<p>{line}</p>\n" if suffix in (".html", ".htm") else f"\n{line}\n\n"
    return raw[:at] + block + raw[at:]


def _rename_heading(raw: str, suffix: str) -> str | None:
    start = _body_start(raw, suffix)
    if suffix in (".html", ".htm"):
        m = _HTML_HEADING.search(raw, start)
        if m is None:
            return None
        return raw[:m.end(2)] + HEADING_SUFFIX + raw[m.end(2):]
    pattern = _TXT_HEADING if suffix == ".txt" else _MD_HEADING
    m = pattern.search(raw, start)
    if m is None:
        return None
    end = m.end(1) if suffix != ".txt" else m.end()
    extra = HEADING_SUFFIX.upper() if suffix == ".txt" else HEADING_SUFFIX
    return raw[:end] + extra + raw[end:]


def _paragraphs(raw: str, suffix: str) -> list[tuple[int, int]]:
    """Spans of the prose paragraphs of ``raw`` (the inner text of ``<p>`` in HTML; blocks
    between blank lines that are no heading, list, table, quote or code in text)."""
    if suffix in (".html", ".htm"):
        return [(m.start(2), m.end(2)) for m in _HTML_PARAGRAPH.finditer(raw)]
    out, pos = [], _body_start(raw, suffix)
    for block in re.finditer(r"(?:[^\n]+\n?)+", raw[pos:]):
        if not _NOT_PROSE.match(block.group(0)):
            out.append((pos + block.start(), pos + block.end()))
    return out


def _split_paragraph(raw: str, suffix: str, protect: Sequence[str]) -> str | None:
    guarded = [(m.start(), m.start() + len(q)) for q in protect if q
               for m in re.finditer(re.escape(q), raw)]
    best: tuple[int, int] | None = None
    for start, end in sorted(_paragraphs(raw, suffix), key=lambda p: p[0] - p[1]):
        spans = split_sentences(raw, start, end)
        cuts = [s.end for s in spans[:-1]
                if not any(a < s.end < b for a, b in guarded)
                and raw.count("<", start, s.end) == raw.count(">", start, s.end)]
        if cuts:
            middle = (start + end) // 2
            best = (min(cuts, key=lambda c: abs(c - middle)), start)
            break
    if best is None:
        return None
    cut = best[0]
    gap = re.match(r"\s*", raw[cut:])
    after = cut + (gap.end() if gap else 0)
    sep = "</p>\n<p>" if suffix in (".html", ".htm") else "\n\n"
    return raw[:cut] + sep + raw[after:]


def perturb(kind: str, raw: str, suffix: str, protect: Sequence[str] = ()) -> str | None:
    """``raw`` (an article file's text) edited by ``kind`` (see the module docstring), or
    None when the file has nothing that edit applies to."""
    if kind == "updated":
        return _insert_line(raw, suffix, UPDATED_LINE)
    if kind == "crumb":
        return _insert_line(raw, suffix, CRUMB_LINE)
    if kind == "heading":
        return _rename_heading(raw, suffix)
    if kind == "split":
        return _split_paragraph(raw, suffix, protect)
    raise ValueError(f"unknown perturbation {kind!r}")


# -- asking ----------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one question's answer holds: support, answer evidence, the cited texts."""

    supported: bool
    in_text: bool
    cited: frozenset[str]


def _plain(text: str) -> str:
    """A cited text without the lines and words the edits add, whitespace collapsed: the
    passage that merely took in an added line is the same passage."""
    for added in (UPDATED_LINE, CRUMB_LINE, HEADING_SUFFIX.strip()):
        text = text.replace(added, " ")
    return " ".join(text.split())


def ask_all(versus: Any, questions: Sequence[GoldQuestion]) -> dict[str, Outcome]:
    loc = EvidenceLocator(versus.store)
    out: dict[str, Outcome] = {}
    for q in questions:
        a = versus.ask(q.question, list(q.history))
        out[q.id] = Outcome(
            supported=not a.abstained and any(
                loc.holds(c.article_id, c.start, c.end, c.text, q.evidence) for c in a.citations),
            in_text=not a.abstained and in_answer_text(a.answer, q.evidence),
            cited=frozenset(_plain(c.text) for c in a.citations))
    return out


@dataclass
class Tally:
    """Per perturbation kind: questions asked, and those that lost / gained evidence."""

    articles: int = 0
    asked: int = 0
    lost_support: list[str] = field(default_factory=list)
    gained_support: list[str] = field(default_factory=list)
    lost_answer: list[str] = field(default_factory=list)
    gained_answer: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)

    def add(self, base: dict[str, Outcome], got: dict[str, Outcome]) -> None:
        for qid, b in base.items():
            g = got[qid]
            self.asked += 1
            for lost, gained, was, now in (
                    (self.lost_support, self.gained_support, b.supported, g.supported),
                    (self.lost_answer, self.gained_answer, b.in_text, g.in_text)):
                if was and not now:
                    lost.append(qid)
                elif now and not was:
                    gained.append(qid)
            if b.cited != g.cited:
                self.moved.append(qid)

    def row(self, held: bool) -> dict[str, Any]:
        def pick(ids: list[str]) -> list[str]:
            return [i for i in ids if i.startswith(HELD_PREFIX) == held]

        return {"support": f"-{len(pick(self.lost_support))}/+{len(pick(self.gained_support))}",
                "answer": f"-{len(pick(self.lost_answer))}/+{len(pick(self.gained_answer))}",
                "moved": len(pick(self.moved)),
                "lost": sorted(set(pick(self.lost_support + self.lost_answer)))}


def show(files: Sequence[Path], kinds: Sequence[str]) -> None:
    """Print each edit as a unified diff (to check the edits are what they claim)."""
    for path in files:
        raw = path.read_text(encoding="utf-8")
        for kind in kinds:
            edited = perturb(kind, raw, path.suffix.lower())
            print(f"== {path.name} {kind}: {'no edit' if edited is None else ''}")
            if edited is not None:
                print("".join(difflib.unified_diff(raw.splitlines(True),
                                                   edited.splitlines(True), n=1))[:1500])


def _service(data_dir: Path, embedder: Any) -> Any:
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    return build_assistant(Settings(data_dir=data_dir, change_reports=False), embedder=embedder)


def main(argv: list[str]) -> None:
    from knowledge.settings import Settings

    parser = argparse.ArgumentParser(prog="tests.measure_fragility")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--articles", default="")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", action="store_true", help="print the edits only")
    args = parser.parse_args(argv)
    kinds = args.kinds.split(",")
    wanted = set(args.articles.split(",")) - {""}
    base_dir = Path(Settings().data_dir)
    files = sorted(p for d in ARTICLE_DIRS for p in d.iterdir() if p.is_file())
    files = [p for p in files if not wanted or p.stem in wanted]
    files = files[:args.limit] if args.limit else files
    if args.show:
        show(files, kinds)
        return
    questions = [q for f in QUESTION_FILES for q in load_questions(f) if q.answerable]
    base = _service(base_dir, None)
    embedder = base.embedder
    tallies = {k: Tally() for k in kinds}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="versus-fragility-") as tmp:
        for path in files:
            mine = [q for q in questions if any(e.article_id == path.stem for e in q.evidence)]
            if not mine:
                continue
            before = ask_all(base, mine)
            raw = path.read_text(encoding="utf-8")
            quotes = [e.quote for q in mine for e in q.evidence]
            for kind in kinds:
                edited = perturb(kind, raw, path.suffix.lower(), quotes)
                if edited is None or edited == raw:
                    continue
                store = Path(tmp) / f"{path.stem}-{kind}"
                shutil.copytree(base_dir, store)
                src = Path(tmp) / f"src-{kind}" / path.name
                src.parent.mkdir(exist_ok=True)
                src.write_text(edited, encoding="utf-8")
                versus = _service(store, embedder)
                versus.ingest([src])
                tallies[kind].articles += 1
                tallies[kind].add(before, ask_all(versus, mine))
                del versus
                shutil.rmtree(store, ignore_errors=True)
    rows = {k: {"articles": t.articles, "asked": t.asked, "tuning": t.row(False),
                "held": t.row(True)} for k, t in tallies.items()}
    if args.json:
        print(json.dumps(rows))
    else:
        for k, r in rows.items():
            print(f"{k:8} articles {r['articles']:2} asked {r['asked']:3} | tuning support "
                  f"{r['tuning']['support']} answer {r['tuning']['answer']} moved "
                  f"{r['tuning']['moved']} lost {r['tuning']['lost']} | held support "
                  f"{r['held']['support']} answer {r['held']['answer']} moved "
                  f"{r['held']['moved']}")
    print(f"seconds {time.perf_counter() - t0:.0f}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
