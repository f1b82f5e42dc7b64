"""The direction of a cost measure and a writer conceding ground (review 15, f32).

Fast units judge invented sentences (none copied from an article) with the lexicon only;
the integration test reads the round's labels and the field articles with the real
MiniLM model, as ``tests.stance_eval`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import assistant.compare.cost_measure as cost_measure
from assistant.compare import NEITHER, extract_claims, judge_text
from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import load_comparison_config
from tests import stance_eval


@pytest.fixture(scope="module")
def cfg() -> Any:
    return load_comparison_config(BUNDLED_SUBJECTS)


@pytest.fixture
def rules_off() -> Iterator[None]:
    saved = (cost_measure.COST_MEASURE, cost_measure.CONCEDE_GROUND)
    cost_measure.COST_MEASURE = cost_measure.CONCEDE_GROUND = False
    yield
    cost_measure.COST_MEASURE, cost_measure.CONCEDE_GROUND = saved


@pytest.mark.parametrize(("text", "favours"), [
    # a measure of cost said of a subject: up is against it, down for it
    ("Django contractors cost a lot more than we budgeted for.", "Node.js"),
    ("Our Node.js cloud invoices are higher every quarter.", "Django"),
    ("Django kept the monthly bill lower for our shop.", "Django"),
    ("A Node.js engineer's wage is lower in our city.", "Node.js"),
    ("Moving the cron jobs to Node.js raised our hosting bill.", "Django"),
    # negated: "never cost more" is a saving
    ("The Django servers never cost us more than lunch money.", "Django"),
    # the main clause after a contrast decides
    ("Django specialists charge more, but they finish the admin work in a day.", "Django"),
    ("Node.js is fun to write, but its servers cost more at scale.", "Django"),
    # a concession of ground
    ("When it comes to hosting, I concede the point to the Node.js crowd.", "Node.js"),
    ("As a long-time Django user I must concede ground on memory use.", "Node.js"),
    # controls: the phrase "cost effective" stays the cue; parity and a bare topic say nothing
    ("Node.js proved less cost-effective for us.", "Django"),
    ("Django and Node.js cost about the same to run.", NEITHER),
    ("Price was the last thing we compared between Django and Node.js.", NEITHER),
])
def test_cost_direction_and_concession(cfg: Any, text: str, favours: str) -> None:
    assert judge_text(cfg, text) == favours


def test_the_rules_change_what_the_lexicon_alone_read(cfg: Any, rules_off: None) -> None:
    """Without the rules, "lower" is VADER's everyday "bad" and "costs" takes "costly"'s
    valence: the readings the round fixes (so the tests above test the rules)."""
    assert judge_text(cfg, "Django kept the monthly bill lower for our shop.") != "Django"
    assert judge_text(cfg, "Django contractors cost a lot more than we budgeted for.") \
        != "Node.js"


def test_a_measures_less_does_not_negate_what_follows(cfg: Any) -> None:
    """ "costs less for a happy team": "less" is the measure's direction, not a negator of
    "happy" (which would then count against the subject)."""
    assert judge_text(cfg, "Django costs less for a happy small team.") == "Django"


def test_what_is_conceded_after_a_colon_speaks_for_itself(cfg: Any) -> None:
    assert judge_text(cfg, "I concede the point: Node.js handles sockets beautifully.") \
        == "Node.js"


def test_the_round_labels_without_the_model(cfg: Any) -> None:
    for held_out in (False, True):
        score = stance_eval.probe_score(cfg, held_out, stance_eval.COST_LABELS)
        assert score.n == 21
        assert score.accuracy >= 0.9, score.misses


@pytest.mark.integration
def test_cost_rules_with_the_real_model(cfg: Any, real_embedder: Any) -> None:
    """With the fitted polarity model on MiniLM (the extractor's setting): the round's
    labels hold on both halves, and the field Django writer's concession of ground on cost
    is no longer a claim for Django."""
    from assistant.compare.criteria import CriterionMatcher, embed_fn

    matcher = CriterionMatcher(cfg, embed_fn(real_embedder))
    for held_out in (False, True):
        score = stance_eval.probe_score(cfg, held_out, stance_eval.COST_LABELS, matcher)
        assert score.accuracy >= 0.9, score.misses
    articles, chunks = stance_eval.field_corpus()
    claims = [c for _crit, c in extract_claims(cfg, articles, chunks, matcher)
              if "concede" in c.text and "ground" in c.text]
    assert claims, "the field article's concession sentence is no longer a claim"
    assert all(c.favours != "Django" for c in claims)
