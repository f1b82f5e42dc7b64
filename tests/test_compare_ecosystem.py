"""A subject named by its language or registry (the subjects file's ``ecosystem``).

Fast units on invented sentences (none copied from an article): no model, no Chroma.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.compare import NEITHER, judge_text
from assistant.compare.judge import _extractor
from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import SubjectsConfigError, load_comparison_config


@pytest.fixture(scope="module")
def cfg() -> Any:
    return load_comparison_config(BUNDLED_SUBJECTS)


def test_the_bundled_subjects_name_their_ecosystems(cfg: Any) -> None:
    eco = {s.name: s.ecosystem for s in cfg.subjects}
    assert "Python" in eco["Django"] and "npm" in eco["Node.js"]


@pytest.mark.parametrize(("text", "want"), [
    ("Python's standard library is excellent and well documented.", "Django"),
    ("npm packages are often abandoned by their authors.", "Django"),
    ("JavaScript tooling is fast and pleasant these days.", "Node.js"),
    ("JavaScript runs slower than Python on this numeric benchmark.", "Django"),
])
def test_a_claim_naming_only_a_language_is_about_its_subject(
        cfg: Any, text: str, want: str) -> None:
    assert judge_text(cfg, text) == want


def test_a_named_subject_still_wins_over_a_language(cfg: Any) -> None:
    # the subject is Node.js (named); Python is only the background
    assert judge_text(cfg, "Even for Python shops, Node.js is the faster server.") == "Node.js"


def test_a_language_is_not_a_subject_mention(cfg: Any) -> None:
    ex = _extractor(cfg)
    assert ex.a.mentions("Python and JavaScript are both popular.") == []
    assert judge_text(cfg, "Python and JavaScript are both popular.") == NEITHER


def test_ecosystem_is_optional_and_checked(tmp_path: Path) -> None:
    text = BUNDLED_SUBJECTS.read_text(encoding="utf-8")
    plain = tmp_path / "plain.toml"
    plain.write_text(text.replace('ecosystem = ["Python", "PyPI"]\n', ""), encoding="utf-8")
    assert load_comparison_config(plain).subjects[0].ecosystem == ()
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace('ecosystem = ["Python", "PyPI"]', 'ecosystem = "Python"'),
                   encoding="utf-8")
    with pytest.raises(SubjectsConfigError, match="ecosystem"):
        load_comparison_config(bad)
