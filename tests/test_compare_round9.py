"""Fast units of the round-nine stance rules (``assistant.compare.concession``), on invented
sentences: no model, no Chroma.

A noun cue judged by its relative clause ("many libraries that may be outdated"); a view the
writer rejects ("the myth that X is slow") counts reversed; a trailing ", though" clause is a
contrast; a burden verb after a contrast. All ship off (none raised the held-out figure);
here they are switched on. Also the two leans of the round (a paragraph's verdict; a heading
naming one subject, which ships on).
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.compare import concession, judge_text
from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import load_comparison_config
from tests.test_compare import assert_paragraph_lean, claims_by_text


@pytest.fixture(scope="module")
def cfg() -> Any:
    return load_comparison_config(BUNDLED_SUBJECTS)


@pytest.fixture(autouse=True)
def rules_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules ship off (none raised the held-out figure); each test reads them on."""
    for flag in ("TRAILING_CONCESSION", "RELATIVE_JUDGED", "DISPUTED_VIEWS"):
        monkeypatch.setattr(concession, flag, True)


@pytest.mark.parametrize(("text", "want"), [
    # the noun's own valence ("many libraries") gives way to what its clause says of it
    ("Express has many libraries that may be outdated or poorly maintained.", "Django"),
    ("While PyPI is huge, Django pulls in many libraries which are poorly documented.",
     "Node.js"),
    # a clause that agrees with the noun changes nothing
    ("Node.js provides many libraries, which helps developers build flexible apps.",
     "Node.js"),
])
def test_a_noun_is_judged_by_its_relative_clause(cfg: Any, text: str, want: str) -> None:
    assert judge_text(cfg, text) == want


def test_relative_clause_rule_can_be_switched_off(cfg: Any,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Express has many libraries that may be outdated or poorly maintained."
    monkeypatch.setattr(concession, "RELATIVE_JUDGED", False)
    # without the rule "many libraries" (+1) and "poorly" (about -1) cancel out: neither
    assert judge_text(cfg, text) != "Django"


@pytest.mark.parametrize(("text", "want"), [
    ("I disagree with the idea that Django is slow.", "Django"),
    ("The misconception that Node.js is insecure keeps coming back.", "Node.js"),
    # a view reported without rejection still counts nothing
    ("Critics say Django is slow.", "neither"),
])
def test_a_rejected_view_counts_reversed(cfg: Any, text: str, want: str) -> None:
    assert judge_text(cfg, text) == want


def test_trailing_concession_weighs_the_clause_before_it_less(cfg: Any) -> None:
    from assistant.compare.judge import _extractor

    a = _extractor(cfg).a
    text = "Django is fast, though it is painful to deploy."
    on, _ = a.polarity(text)
    assert on < 0  # "painful" outweighs a third of "fast"
    concession.TRAILING_CONCESSION = False  # restored by the fixture's monkeypatch
    off, _ = a.polarity(text)
    assert off > on


def test_a_burden_after_a_contrast(cfg: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Django Channels works, but it adds Redis and a second server to your stack."
    monkeypatch.setattr(concession, "BURDEN_AFTER_CONTRAST", True)
    assert judge_text(cfg, text) == "Node.js"
    # an infinitive ("which packages to add") is a goal, not a burden
    assert judge_text(cfg, "Express works, but only if you know which packages to add "
                           "and why.") != "Django"
    monkeypatch.setattr(concession, "BURDEN_AFTER_CONTRAST", False)
    assert judge_text(cfg, text) == "neither"


def test_a_paragraph_verdict_leans_its_neutral_sentences(
        cfg: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``leans.VERDICT_LEAN`` (see its comment for whether it ships on); the rule itself."""
    import assistant.compare.leans as leans
    from tests.test_compare import Doc

    monkeypatch.setattr(leans, "VERDICT_LEAN", True)
    verdict = "Node.js wins, comfortably."
    detail = "Django Channels runs beside a Redis process for every socket."
    # a new paragraph does not inherit
    assert_paragraph_lean(cfg, verdict, detail, "Node.js")
    monkeypatch.setattr(leans, "VERDICT_LEAN", False)
    off = claims_by_text(cfg, Doc("off").heading("Real-time").prose(f"{verdict} {detail}"))
    assert detail not in off or off[detail].favours == "neither"


def test_a_heading_naming_one_subject_sets_the_side(
        cfg: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``leans.HEADING_NAMES_SIDE``: under "Where Node.js falls short" a neutral sentence
    about Django favours Django (the heading's sign is about Node.js)."""
    import assistant.compare.leans as leans
    from tests.test_compare import Doc

    monkeypatch.setattr(leans, "HEADING_NAMES_SIDE", True)
    text = "Django ships its admin screens in the same package."
    doc = Doc("h").heading("Where Node.js falls short on tooling").prose(text)
    assert claims_by_text(cfg, doc)[text].favours == "Django"
    monkeypatch.setattr(leans, "HEADING_NAMES_SIDE", False)
    assert claims_by_text(cfg, doc)[text].favours == "Node.js"  # the sign alone, read wrongly
