"""Change reports: what an ingest that changed something changed, kept as history.

For every ingest that added, updated or removed an article, one JSON line is appended to
``DATA_DIR/changes.jsonl`` (the shape is in ``../shared/CONTRACTS.md``, ``changes --json``):

* per article, the sentences added, removed and edited: ``difflib`` over the sentence
  lists of the old and the new cleaned text (the chunker's own sentence splitter), with
  offsets; an edit is a replaced sentence similar enough to its old self, and it is listed
  as a pair in ``sentences_edited`` *and* in the added/removed lists (which hold every
  sentence that is new / gone). A wholly added or removed article lists no sentences
  (``sentence_count`` says how many), so a bulk ingest does not copy itself into the history.
* the comparison claims added, removed or flipped (same article, criterion, subject and
  text; another verdict), the criteria whose agreement changed and the cells that moved,
  from the matrix computed before and after the ingest by the comparison service;
* the watch list (questions pinned by the user, plus gold questions whose evidence cites a
  changed article) asked before and after, with the answers whose citations changed.

``ChangeTracker`` does the reading; it takes plain callables so that ``ingest/`` never imports
the assistant: ``Versus`` wires its own ``compare`` and ``ask`` in.
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ingest.chunk import split_sentences

HISTORY_FILE = "changes.jsonl"
WATCHLIST_FILE = "watchlist.json"
#: A replaced sentence counts as edited (not removed + added) from this similarity up.
EDIT_SIMILARITY = 0.5

MatrixFn = Callable[[], Mapping[str, Any]]
AskFn = Callable[[str], Mapping[str, Any]]
ArticleFn = Callable[[str], Any]


# -- sentences ------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


def sentences(text: str) -> list[Sentence]:
    return [Sentence(text[s.start:s.end], s.start, s.end) for s in split_sentences(text)]


def _norm(text: str) -> str:
    return " ".join(text.split())


def diff_sentences(old_text: str, new_text: str) -> dict[str, Any]:
    """Sentences added, removed and edited between two cleaned texts, with offsets.

    Offsets of added and edited-after sentences index ``new_text``; of removed and
    edited-before sentences, ``old_text``.
    """
    old, new = sentences(old_text), sentences(new_text)
    matcher = difflib.SequenceMatcher(
        a=[_norm(s.text) for s in old], b=[_norm(s.text) for s in new], autojunk=False
    )
    added: list[Sentence] = []
    removed: list[Sentence] = []
    edited: list[dict[str, Any]] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = old[a0:a1], new[b0:b1]
        removed.extend(olds)
        added.extend(news)
        if op != "replace":
            continue
        # Pair each old sentence with its most similar new one, in order.
        j = 0
        for o in olds:
            best, best_k = 0.0, -1
            for k in range(j, len(news)):
                r = difflib.SequenceMatcher(a=_norm(o.text), b=_norm(news[k].text)).ratio()
                if r > best:
                    best, best_k = r, k
            if best_k >= 0 and best >= EDIT_SIMILARITY:
                n = news[best_k]
                edited.append({"before": o.text, "after": n.text,
                               "before_start": o.start, "before_end": o.end,
                               "start": n.start, "end": n.end})
                j = best_k + 1
    return {
        "sentences_added": [s.text for s in added],
        "sentences_removed": [s.text for s in removed],
        "sentences_edited": edited,
        "added": [s.to_json() for s in added],
        "removed": [s.to_json() for s in removed],
    }


# -- comparison claims ----------------------------------------------------------------


def _claims(matrix: Mapping[str, Any]) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    out: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for crit in matrix.get("criteria", []):
        for subject, claims in (crit.get("cells") or {}).items():
            for claim in claims:
                aid = (claim.get("citation") or {}).get("article_id", "")
                key = (crit["name"], subject, aid, _norm(claim.get("text", "")))
                out[key] = {**claim, "criterion": crit["name"], "subject": subject}
    return out


def diff_claims(
    before: Mapping[str, Any], after: Mapping[str, Any]
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, str]]]:
    """Claims added / removed / flipped, criteria whose agreement changed, cells that moved."""
    b, a = _claims(before), _claims(after)
    added_keys = [k for k in a if k not in b]
    removed_keys = [k for k in b if k not in a]
    flipped = [
        {"criterion": k[0], "subject": k[1], "article_id": k[2], "text": a[k].get("text", ""),
         "from": b[k].get("favours"), "to": a[k].get("favours")}
        for k in a if k in b and a[k].get("favours") != b[k].get("favours")
    ]
    # A claim whose sentence was edited and now favours the other side is a flip too:
    # same cell and article, similar text, another verdict.
    for rk in list(removed_keys):
        for ak in added_keys:
            if ak[:3] != rk[:3] or a[ak].get("favours") == b[rk].get("favours"):
                continue
            if difflib.SequenceMatcher(a=rk[3], b=ak[3]).ratio() >= EDIT_SIMILARITY:
                flipped.append({"criterion": ak[0], "subject": ak[1], "article_id": ak[2],
                                "text": a[ak].get("text", ""), "text_before": b[rk].get("text"),
                                "from": b[rk].get("favours"), "to": a[ak].get("favours")})
                removed_keys.remove(rk)
                added_keys.remove(ak)
                break
    added = [a[k] for k in added_keys]
    removed = [b[k] for k in removed_keys]
    agree_b = {c["name"]: c.get("agreement") for c in before.get("criteria", [])}
    agree_a = {c["name"]: c.get("agreement") for c in after.get("criteria", [])}
    criteria = [
        {"name": n, "agreement_before": agree_b.get(n), "agreement_after": agree_a.get(n)}
        for n in sorted(set(agree_b) | set(agree_a), key=str.lower)
        if agree_b.get(n) != agree_a.get(n)
    ]
    moved = sorted(
        {(c["criterion"], c["subject"]) for c in added + removed}
        | {(f["criterion"], f["subject"]) for f in flipped}
    )
    cells = [{"criterion": c, "subject": s} for c, s in moved]
    return {"added": added, "removed": removed, "flipped": flipped}, criteria, cells


# -- watch list -----------------------------------------------------------------------


def load_watchlist(data_dir: Path) -> list[str]:
    """The questions the user pinned (``DATA_DIR/watchlist.json``), in order."""
    try:
        data = json.loads((Path(data_dir) / WATCHLIST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [q for q in data if isinstance(q, str) and q.strip()] if isinstance(data, list) else []


def save_watchlist(data_dir: Path, questions: Iterable[str]) -> list[str]:
    """Replace the pinned questions (blank and repeated ones dropped)."""
    seen: list[str] = []
    for q in questions:
        q = " ".join(str(q).split())
        if q and q not in seen:
            seen.append(q)
    path = Path(data_dir) / WATCHLIST_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(seen, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return seen


def gold_questions_citing(gold_file: Path | None, article_ids: Iterable[str]) -> list[str]:
    """Questions of the gold set whose evidence cites one of ``article_ids``."""
    ids = set(article_ids)
    if gold_file is None or not ids:
        return []
    out: list[str] = []
    try:
        lines = Path(gold_file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    for line in lines:
        with contextlib.suppress(ValueError):
            item = json.loads(line)
            if item.get("history"):
                continue  # a follow-up needs its conversation; the watch list asks alone
            if any(e.get("article_id") in ids for e in item.get("evidence") or []):
                out.append(str(item["question"]))
    return out


def _cited(answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {"article_id": c.get("article_id"), "start": c.get("start"), "end": c.get("end"),
         "text": c.get("text")}
        for c in answer.get("citations", [])
    ]


def _cite_keys(cites: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """What an answer cites, blind to offsets that moved only because text above changed."""
    return [(str(c.get("article_id")), _norm(str(c.get("text", "")))) for c in cites]


# -- history --------------------------------------------------------------------------


def history_path(data_dir: Path) -> Path:
    return Path(data_dir) / HISTORY_FILE


def append_report(data_dir: Path, report: Mapping[str, Any]) -> None:
    """Append one report as one JSON line (a single write, flushed and synced)."""
    path = history_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(report, ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def _tail_lines(path: Path, wanted: int | None, block: int = 65536) -> list[str]:
    """The last ``wanted`` lines of ``path`` (all when None), read from the end in blocks."""
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        pos = fh.tell()
        data = b""
        while pos > 0 and (wanted is None or data.count(b"\n") <= wanted + 1):
            step = min(block, pos)
            pos -= step
            fh.seek(pos)
            data = fh.read(step) + data
    lines = data.decode("utf-8", errors="replace").splitlines()
    if pos > 0:
        lines = lines[1:]  # the first one may be cut
    return lines


def load_reports(data_dir: Path, last: int | None = None) -> list[dict[str, Any]]:
    """The recorded reports, newest first (a torn last line from a kill is skipped).

    Only the end of the history is read, so the app's pages stay cheap as it grows.
    """
    try:
        # One spare line: a torn last line (a kill mid-append) does not count.
        lines = _tail_lines(history_path(data_dir), None if last is None else last + 1)
    except OSError:
        return []
    out: list[dict[str, Any]] = []
    for line in reversed(lines):
        with contextlib.suppress(ValueError):
            item = json.loads(line)
            if isinstance(item, dict):
                out.append(item)
        if last is not None and len(out) >= last:
            break
    return out


# -- the tracker ----------------------------------------------------------------------


@dataclass
class ChangeTracker:
    """Reads the state before an ingest writes and builds the report after it.

    Args:
        data_dir: Where the history and the watch list live.
        article: ``article_id -> CleanedArticle | None`` reading the *live* store.
        matrix: The comparison matrix as contract JSON (None: no claim diff).
        ask: One question -> answer as contract JSON (None: no watch list).
        gold_file: The gold questions whose evidence names articles.
    """

    data_dir: Path
    article: ArticleFn
    matrix: MatrixFn | None = None
    ask: AskFn | None = None
    gold_file: Path | None = None
    _old_texts: dict[str, str] = field(default_factory=dict)
    _old_matrix: Mapping[str, Any] | None = None
    _questions: list[str] = field(default_factory=list)
    _old_answers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _old_ids: set[str] = field(default_factory=set)
    _armed: bool = False

    def before(self, manifest: Any, staged: Sequence[str], removed: Sequence[str]) -> None:
        """Called by the ingest before it writes (``Ingestor.run(before_apply=...)``)."""
        self._armed = True
        self._old_ids = set(manifest.articles)
        touched = [a for a in [*staged, *removed] if a in manifest.articles]
        for aid in touched:
            art = self.article(aid)
            if art is not None:
                self._old_texts[aid] = art.text
        if not manifest.articles:
            return  # a first ingest: everything is new, nothing to compare against
        if self.matrix is not None:
            self._old_matrix = self.matrix()
        if self.ask is not None:
            pinned = load_watchlist(self.data_dir)
            gold = gold_questions_citing(self.gold_file, [*staged, *removed])
            self._questions = list(dict.fromkeys([*pinned, *gold]))
            self._old_answers = {q: _cited(self.ask(q)) for q in self._questions}

    def after(self, ingest_report: Any) -> dict[str, Any] | None:
        """The change report of a finished ingest (appended to the history), or None."""
        if not self._armed or not ingest_report.changed:
            return None
        articles = []
        per = getattr(ingest_report, "embedded_by_article", {}) or {}
        for aid in sorted({*ingest_report.added, *ingest_report.updated}):
            new = self.article(aid)
            new_text = new.text if new is not None else ""
            old_text = self._old_texts.get(aid)
            entry: dict[str, Any] = {"article_id": aid, "passages_reembedded": per.get(aid, 0)}
            if old_text is None:
                entry.update(change="added", sentences_added=[], sentences_removed=[],
                             sentences_edited=[], sentence_count=len(split_sentences(new_text)))
            else:
                entry.update(change="updated", **diff_sentences(old_text, new_text))
            if new is not None:
                entry["title"] = new.meta.title
            articles.append(entry)
        for aid in ingest_report.removed:
            old_text = self._old_texts.get(aid, "")
            articles.append({"article_id": aid, "change": "removed", "sentences_added": [],
                             "sentences_removed": [], "sentences_edited": [],
                             "sentence_count": len(split_sentences(old_text)),
                             "passages_reembedded": 0})
        report: dict[str, Any] = {
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "articles": articles,
            "claims": {"added": [], "removed": [], "flipped": []},
            "criteria": [],
            "cells": [],
            "answers": [],
            "watched": len(self._questions),
        }
        if self._old_matrix is not None and self.matrix is not None:
            claims, criteria, cells = diff_claims(self._old_matrix, self.matrix())
            report.update(claims=claims, criteria=criteria, cells=cells)
        if self.ask is not None:
            for q in self._questions:
                now = _cited(self.ask(q))
                if _cite_keys(now) != _cite_keys(self._old_answers.get(q, [])):
                    report["answers"].append({"question": q,
                                              "citations_before": self._old_answers.get(q, []),
                                              "citations_after": now})
        append_report(self.data_dir, report)
        return report
