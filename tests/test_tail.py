"""After the answering lead only follow-ons about the asked thing are shown
(``assistant.tail``): review 13's d24 answered "How many online shops does Kestrel Pay move
money for ...?" in its first sentence and then quoted a migrations count, a k6 replay and
a queue-update median. Fast units on hand-built candidates (their cosines set by hand),
plus answers from the real model over the field store."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.intent import Intent, IntentKind
from assistant.sentences import Candidate
from assistant.tail import TAIL_SEM, on_topic_tail
from tests.conftest import passage

SENTENCES = [
    "Kestrel Pay moves money for about 1,800 small online shops in Ghana and Kenya.",
    "In four years we ran more than 600 migrations against the ledger.",
    "Most of those shops sell clothes and food.",
    "Results from the staging cluster:",
    "CPU peaked at 55 percent.",
    "In the end we kept a small service just for that feature.",
]


def _cands(sems: list[float]) -> list[Candidate]:
    chunk, spans = passage("k1", SENTENCES)
    return [Candidate(chunk, sp, text, 1.0 - i / 10, i, None, sem=sem)
            for i, (text, sp, sem) in enumerate(zip(SENTENCES, spans, sems, strict=False))]


def test_a_follow_on_far_below_the_lead_goes_to_more() -> None:
    lead, migrations, shops = _cands([0.67, 0.28, 0.62])[:3]
    kept, cut = on_topic_tail([lead, migrations, shops], Intent("fact"))
    assert kept == [lead, shops]  # 0.62 / 0.67 is above the bar; 0.28 / 0.67 far below
    assert cut == [migrations]


def test_nothing_is_cut_when_a_follow_on_is_closer_to_the_question_than_the_lead() -> None:
    """The lead does not cover the question then: it may only set the answer up, and the
    answer may be any of the follow-ons (the field's fb-q18 answer sat at half the
    closest sentence's cosine)."""
    lead, answer, other = _cands([0.30, 0.56, 0.10])[:3]
    assert on_topic_tail([lead, answer, other], Intent("fact")) == ([lead, answer, other], [])


def test_nothing_is_cut_after_a_short_lead() -> None:
    """A short line announces; its answer may come after a list intro, not adjacent."""
    chunk_cands = _cands([0.44, 0.27])
    short = Candidate(chunk_cands[0].chunk, chunk_cands[0].span, "We did not rewrite it.",
                      1.0, 0, None, sem=0.44)
    assert on_topic_tail([short, chunk_cands[1]], Intent("fact")) == (
        [short, chunk_cands[1]], [])


def test_a_cell_whose_row_label_holds_an_asked_term_stays() -> None:
    lead, cell, other = _cands([0.64, 0.30, 0.30])[:3]
    cell.table_label, cell.label_lex = "Real-time features", 0.2
    other.table_label = "Hiring"
    kept, cut = on_topic_tail([lead, cell, other], Intent("fact"))
    assert kept == [lead, cell] and cut == [other]


def test_a_follow_on_holding_more_asked_terms_than_the_lead_stays() -> None:
    """A wrong lead ("X is a monolith of 90,000 lines") may be closer in meaning than the
    sentence holding the asked measure ("74 Python packages"): the terms keep it."""
    lead, answer, other = _cands([0.70, 0.40, 0.40])[:3]
    lead.lex, answer.lex, other.lex = 0.3, 0.5, 0.3
    kept, cut = on_topic_tail([lead, answer, other], Intent("fact"))
    assert kept == [lead, answer] and cut == [other]


def test_the_bar_is_a_share_of_the_leads_cosine() -> None:
    best = 0.6
    lead, at, under = _cands([best, TAIL_SEM * best + 1e-6, TAIL_SEM * best - 0.01])[:3]
    kept, _cut = on_topic_tail([lead, at, under], Intent("fact"))
    assert kept == [lead, at]


def test_what_a_kept_intro_announces_and_an_outcome_stay() -> None:
    cands = _cands([0.6, 0.1, 0.1, 0.55, 0.6, 0.1])
    cands[3].sem = 0.55  # the intro itself is near the question
    intro, result = cands[3], cands[5]
    result = Candidate(result.chunk, cands[4].span, cands[4].text, 0.1, 4, None, sem=0.1)
    kept, cut = on_topic_tail([cands[0], intro, result], Intent("fact"))
    assert kept == [cands[0], intro, result]  # the next sentence after "...:"
    setup, outcome = cands[4], cands[5]
    kept, cut = on_topic_tail([setup, outcome], Intent("fact"))
    assert kept == [setup, outcome] and cut == []  # "In the end ..." resolves it


@pytest.mark.parametrize("kind", ["better", "when", "definition", "pros", "list"])
def test_other_answer_kinds_are_left_alone(kind: IntentKind) -> None:
    lead, migrations = _cands([0.67, 0.1])[:2]
    assert on_topic_tail([lead, migrations], Intent(kind)) == ([lead, migrations], [])


@pytest.mark.integration
def test_real_fact_answer_keeps_its_answer_and_moves_other_figures_to_more(
        field_versus: Any) -> None:
    """On the real model and field store: the answer to a question about one project's
    hosting saving keeps the sentence holding it; a remark on small apps' hosting (a
    follow-on main showed, far below the lead in meaning) is not shown, only under
    "more"."""
    answer = field_versus.ask("How much did moving the chat API from Django to Node.js "
                              "containers save per month?")
    assert "from about 1,900 dollars to about 800 dollars" in answer.answer, answer.answer
    assert "the difference is negligible" not in answer.answer, answer.answer
    assert any("the difference is negligible" in m for m in answer.more), answer.more
