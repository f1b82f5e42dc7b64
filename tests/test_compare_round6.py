"""Fast units of two round-six stance rules, on invented sentences: no model, no Chroma.

A cutting verb before a quantity of a cost ("saves a great deal of boilerplate") is a saving;
"too" before a positive cue is an excess ("too powerful").
"""

from __future__ import annotations

from typing import Any

import pytest

import assistant.compare.clauses as clauses
from assistant.compare import NEITHER, judge_text
from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import load_comparison_config
from tests.test_compare import assert_paragraph_lean, claims_by_text


@pytest.fixture(scope="module")
def cfg() -> Any:
    return load_comparison_config(BUNDLED_SUBJECTS)


@pytest.mark.parametrize(("text", "want"), [
    ("Django removes a lot of boilerplate.", "Django"),
    ("Django reduces a pile of configuration.", "Django"),
    # a quantity alone is still a cost
    ("Express asks for a lot of configuration.", "Django"),
])
def test_a_cutting_verb_before_a_quantity_of_a_cost_is_a_saving(
        cfg: Any, text: str, want: str) -> None:
    assert judge_text(cfg, text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Node.js is too powerful for a beginner.", "Django"),
    ("Django is far too powerful for a one-page site.", "Node.js"),
    # a negative cue after "too" stays negative
    ("Django is too slow for this chat server.", "Node.js"),
])
def test_too_before_a_positive_cue_is_an_excess(cfg: Any, text: str, want: str) -> None:
    assert judge_text(cfg, text) == want


def test_the_rules_can_be_switched_off(cfg: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clauses, "EXCESS", False)
    monkeypatch.setattr(clauses, "SAVING_THROUGH_QUANTITY", False)
    assert judge_text(cfg, "Django is far too powerful for a one-page site.") == "Django"
    assert judge_text(cfg, "Django removes a lot of boilerplate.") == "Node.js"


@pytest.mark.parametrize(("text", "want"), [
    # a limit: what comes before is all there is
    ("Express hands you a router and little else.", "Django"),
    ("Django is nothing more than a web framework here.", "Node.js"),
    # a side taken by name
    ("Our benchmark results came out in favour of Django.", "Django"),
    ("Native streams tip the balance towards Node.js.", "Node.js"),
    # a view named is not the writer's claim
    ("Some readers cling to the notion that Node.js is unstable.", "neither"),
])
def test_limits_sides_and_named_views(cfg: Any, text: str, want: str) -> None:
    assert judge_text(cfg, text) == want


def test_limits_sides_and_views_can_be_switched_off(
        cfg: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for flag in ("LIMITS", "SIDE_PHRASES", "REPORTED_VIEWS"):
        monkeypatch.setattr(clauses, flag, False)
    assert judge_text(cfg, "Express hands you a router and little else.") == "Node.js"
    assert judge_text(cfg, "Native streams tip the balance towards Node.js.") == "neither"
    assert judge_text(cfg, "Some readers cling to the notion that Node.js is unstable.") \
        == "Django"


@pytest.mark.parametrize(("text", "want"), [
    # an intensifying prefix keeps the word's valence
    ("Express boots ultrafast on a cold start.", "Node.js"),
    # more of a burden is a cost, whatever the word's everyday valence
    ("Express puts more responsibility on the team.", "Django"),
    ("Django leaves you fewer decisions to make.", "Django"),
])
def test_prefixed_words_and_burdens(cfg: Any, text: str, want: str) -> None:
    assert judge_text(cfg, text) == want


def test_an_elaboration_takes_its_paragraphs_side(
        cfg: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Off by default (it loses on the held-out field articles); the rule itself, on."""
    import assistant.compare.leans as leans
    from tests.test_compare import Doc

    monkeypatch.setattr(leans, "USE_PARAGRAPH_LEAN", True)
    lead = "Node.js is excellent for chat servers."
    detail = "One process holds ten thousand sockets at a time."
    # a new paragraph, or a sentence opening with a contrast, does not inherit
    assert_paragraph_lean(cfg, lead, detail, "Node.js")
    turned = f"But {detail[0].lower()}{detail[1:]}"
    contrast = claims_by_text(cfg, Doc("but").heading("Real-time").prose(f"{lead} {turned}"))
    assert turned not in contrast or contrast[turned].favours == NEITHER


@pytest.mark.parametrize(("text", "want"), [
    ("Node.js performs well under bursty traffic.", "Node.js"),
    ("Django handles file uploads well.", "Django"),
    # discourse "well" and "as well as" say nothing
    ("Well, Django and Node.js both exist.", "neither"),
    ("Django ships forms as well as templates.", "neither"),
])
def test_well_of_manner_after_a_verb(cfg: Any, text: str, want: str) -> None:
    assert judge_text(cfg, text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("Constant rewrites erode the gains Express promised.", "Django"),
    ("Django's quick start is offset by a slow deploy.", "Node.js"),
    # without a particle, "eat" is not a loss
    ("Django lets the team eat lunch on time, which is great.", "Django"),
])
def test_verbs_of_loss_take_the_good_thing_away(cfg: Any, text: str, want: str) -> None:
    assert judge_text(cfg, text) == want
