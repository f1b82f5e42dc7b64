"""``subjects_config.one_reading``: inside the scope a subjects file is read as it was at the
scope's first lookup; outside (and in the next scope) an edit is seen again (fast units on a
copy of the bundled subjects file in a temporary folder)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import load_comparison_config, one_reading


def _copy(tmp_path: Path, name: str = "pair.toml") -> Path:
    path = tmp_path / name
    shutil.copyfile(BUNDLED_SUBJECTS, path)
    return path


def _retitle(path: Path, title: str) -> None:
    """Give the file a new title (and a new mtime, so the stat check cannot miss it)."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if not ln.startswith("title")]
    path.write_text(f'title = "{title}"\n' + "\n".join(lines) + "\n", encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))


def test_an_edit_counts_from_the_next_scope_not_within_one(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    _retitle(path, "Before")
    with one_reading():
        assert load_comparison_config(path).title == "Before"
        _retitle(path, "During")
        assert load_comparison_config(path).title == "Before"  # one reading per scope
        assert load_comparison_config(str(path)).title == "Before"
    assert load_comparison_config(path).title == "During"  # outside: checked on every call
    with one_reading():
        assert load_comparison_config(path).title == "During"


def test_each_file_is_read_on_its_own_within_a_scope(tmp_path: Path) -> None:
    first, second = _copy(tmp_path, "one.toml"), _copy(tmp_path, "two.toml")
    _retitle(first, "One")
    _retitle(second, "Two")
    with one_reading():
        assert load_comparison_config(first).title == "One"
        assert load_comparison_config(second).title == "Two"


def test_a_missing_file_still_fails_inside_a_scope_and_is_not_remembered(tmp_path: Path) -> None:
    path = tmp_path / "later.toml"
    with one_reading():
        with pytest.raises(Exception, match="no subjects file"):
            load_comparison_config(path)
        shutil.copyfile(BUNDLED_SUBJECTS, path)
        assert load_comparison_config(path).subjects  # a failure is not kept for the scope


def test_scopes_nest_and_end(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    _retitle(path, "Outer")
    with one_reading():
        assert load_comparison_config(path).title == "Outer"
        _retitle(path, "Inner")
        with one_reading():  # a scope of its own: reads the file afresh
            assert load_comparison_config(path).title == "Inner"
        assert load_comparison_config(path).title == "Outer"


def test_an_answer_is_written_inside_one_scope(tmp_path: Path) -> None:
    """``AnswerChain.ask`` runs its path inside ``one_reading``: an edit of the subjects file
    made while a question is answered is not seen by that question's later lookups."""
    from langchain_core.runnables import RunnableLambda

    from assistant.chain import AnswerChain

    path = _copy(tmp_path)
    _retitle(path, "Asked")
    seen: list[str] = []

    def step(state: dict[str, object]) -> dict[str, object]:
        seen.append(load_comparison_config(path).title)
        _retitle(path, "Edited")
        seen.append(load_comparison_config(path).title)
        return {"answer": "stub"}

    chain = AnswerChain.__new__(AnswerChain)
    chain._path = RunnableLambda(step)
    chain._lock = threading.Lock()
    assert chain.ask("q") == "stub"
    assert seen == ["Asked", "Asked"]
    assert load_comparison_config(path).title == "Edited"
