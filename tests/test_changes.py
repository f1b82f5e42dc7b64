"""Change reports: sentence and claim diffs (units), history and CLI, and one real edit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.service import build_assistant
from ingest.changes import diff_claims, diff_sentences, load_reports
from knowledge.settings import BUNDLED_CORPUS, Settings
from tests.conftest import ROOT
from tests.pages import PageServer, Route, html_page
from tests.test_refresh import V1, V2, fake_versus


def test_diff_sentences_lists_added_removed_and_edited_with_offsets() -> None:
    old = "Intro line\n\nDjango is batteries included. Node.js is fast. It scales well.\n"
    new = ("Intro line\n\nDjango is batteries included. Node.js is very fast today. "
           "It scales well. Both are free.\n")
    d = diff_sentences(old, new)
    assert d["sentences_removed"] == ["Node.js is fast."]
    assert d["sentences_added"] == ["Node.js is very fast today.", "Both are free."]
    assert [(e["before"], e["after"]) for e in d["sentences_edited"]] == [
        ("Node.js is fast.", "Node.js is very fast today.")
    ]
    for item in d["added"]:
        assert new[item["start"]:item["end"]] == item["text"]
    for item in d["removed"]:
        assert old[item["start"]:item["end"]] == item["text"]
    assert diff_sentences(old, old)["sentences_added"] == []


def test_unrelated_replacement_is_not_called_an_edit() -> None:
    d = diff_sentences("Alpha beta gamma.\n", "Completely different words here.\n")
    assert d["sentences_edited"] == []
    assert d["sentences_removed"] == ["Alpha beta gamma."]


def _claim(text: str, favours: str, aid: str = "a") -> dict[str, Any]:
    return {"text": text, "favours": favours,
            "citation": {"article_id": aid, "start": 0, "end": len(text), "text": text}}


def _matrix(*crits: tuple[str, str, dict[str, list[dict[str, Any]]]]) -> dict[str, Any]:
    return {"subjects": ["Django", "Node.js"],
            "criteria": [{"name": n, "agreement": ag, "cells": cells} for n, ag, cells in crits]}


def test_diff_claims_added_removed_flipped_and_agreement() -> None:
    before = _matrix(
        ("Security", "agree", {"Django": [_claim("Django is secure.", "Django")],
                               "Node.js": [_claim("Node is very secure.", "Node.js")]}),
        ("Speed", "single-source", {"Node.js": [_claim("Node is fast.", "Node.js")]}),
    )
    after = _matrix(
        ("Security", "disagree", {"Django": [_claim("Django is secure.", "Django")],
                                  "Node.js": [_claim("Node is not very secure.", "Django")]}),
        ("Speed", "single-source", {"Node.js": [_claim("Node is fast.", "Node.js"),
                                                _claim("Node has workers.", "Node.js", "b")]}),
    )
    claims, criteria, cells = diff_claims(before, after)
    assert [c["text"] for c in claims["added"]] == ["Node has workers."]
    assert claims["removed"] == []
    assert [(f["criterion"], f["from"], f["to"]) for f in claims["flipped"]] == [
        ("Security", "Node.js", "Django")
    ]
    assert criteria == [{"name": "Security", "agreement_before": "agree",
                         "agreement_after": "disagree"}]
    assert cells == [{"criterion": "Security", "subject": "Node.js"},
                     {"criterion": "Speed", "subject": "Node.js"}]


def test_refresh_writes_a_change_report_and_cli_prints_it(tmp_path: Path) -> None:
    with PageServer() as srv:
        srv.routes["/a"] = Route(html_page("Page A", V1), etag='"1"')
        versus = fake_versus(tmp_path)
        versus.ingest(urls=[srv.url("/a")])
        srv.routes["/a"] = Route(html_page("Page A", V2), etag='"2"')
        versus.refresh()
        versus.refresh()  # 304: no new report
    reports = load_reports(tmp_path)
    assert len(reports) == 2  # the first ingest (added) and the refresh (updated)
    art = reports[0]["articles"][0]
    assert art["article_id"] == "a" and art["change"] == "updated"
    assert art["sentences_added"] == [V2[1], V2[-1]]
    assert art["sentences_removed"] == [V1[1]]
    assert [e["after"] for e in art["sentences_edited"]] == [V2[1]]
    assert art["passages_reembedded"] >= 1
    env = {**os.environ, "PYTHONPATH": str(ROOT), "VERSUS_DATA_DIR": str(tmp_path)}
    res = subprocess.run([sys.executable, "-m", "assistant.cli", "changes", "--last", "5",
                          "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x["articles"][0]["change"] for x in lines] == ["updated", "added"]
    for item in lines:
        assert set(item) >= {"at", "articles", "claims", "criteria", "answers"}
    res = subprocess.run([sys.executable, "-m", "assistant.cli", "changes"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0 and f"+ {V2[-1]}" in res.stdout


def test_history_survives_a_torn_last_line(tmp_path: Path) -> None:
    (tmp_path / "changes.jsonl").write_text('{"at": "t1", "articles": []}\n{"at": "t2", "art',
                                            encoding="utf-8")
    assert [r["at"] for r in load_reports(tmp_path)] == ["t1"]


# -- the real thing --------------------------------------------------------------------------

ARTICLE = "nodejs-vs-django-2021"
EDITS = [
    ("Anyone can contribute and use these technologies to their personal or business purposes.",
     "Anyone can contribute to these technologies and use them for personal or business "
     "purposes."),
    ("Security: NodeJs is very secured technology.",
     "Security: NodeJs is not a secured technology."),
]


@pytest.mark.integration
def test_edited_article_reports_exactly_its_edits_and_the_moved_claim(
    copy_store: Path, tmp_path: Path, real_embedder: Any
) -> None:
    versus = build_assistant(Settings(data_dir=copy_store), embedder=real_embedder)
    untouched = "What architectural pattern does Django follow?"
    versus.set_watchlist(["Which is more secure, Django or Node.js?", untouched])
    text = (BUNDLED_CORPUS / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old.split(": ", 1)[-1]) == 1
        text = text.replace(old.split(": ", 1)[-1], new.split(": ", 1)[-1])
    edited = tmp_path / f"{ARTICLE}.txt"
    edited.write_text(text, encoding="utf-8")

    report = versus.ingest([edited])
    assert report.updated == [ARTICLE] and report.added == [] and report.removed == []
    rep = versus.changes(1)[0]
    assert [a["article_id"] for a in rep["articles"]] == [ARTICLE]
    art = rep["articles"][0]
    assert [(e["before"], e["after"]) for e in art["sentences_edited"]] == EDITS
    assert art["sentences_removed"] == [old for old, _ in EDITS]
    assert art["sentences_added"] == [new for _, new in EDITS]
    cleaned = versus.article(ARTICLE).text  # type: ignore[union-attr]
    for e in art["sentences_edited"]:
        assert cleaned[e["start"]:e["end"]] == e["after"]
    assert 1 <= art["passages_reembedded"] <= 3  # the two passages holding the edits

    claims = rep["claims"]
    assert claims["added"] == [] and claims["removed"] == []
    assert [(f["criterion"], f["subject"], f["from"], f["to"], f["text"])
            for f in claims["flipped"]] == [
        ("Security", "Node.js", "Node.js", "Django", "NodeJs is not a secured technology.")]
    assert rep["cells"] == [{"criterion": "Security", "subject": "Node.js"}]

    changed = {a["question"]: a for a in rep["answers"]}
    assert untouched not in changed
    assert any(
        any("NodeJs is not a secured technology." in c["text"] for c in a["citations_after"])
        for a in changed.values()
    ), list(changed)
    assert rep["watched"] >= 2


def test_history_is_read_from_its_end(tmp_path: Path) -> None:
    from ingest.changes import append_report

    for i in range(300):
        append_report(tmp_path, {"at": f"t{i}", "articles": [], "pad": "x" * 700})
    assert [r["at"] for r in load_reports(tmp_path, 3)] == ["t299", "t298", "t297"]
    assert len(load_reports(tmp_path)) == 300
    assert load_reports(tmp_path, 300)[-1]["at"] == "t0"
