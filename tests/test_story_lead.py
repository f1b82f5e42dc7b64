"""Tests of ``assistant.story_lead``: a question asked of one story leads with its answer.

Review 17's h02 / h04 / h05: the story's sentence holding both sides' figures sat under
"more" while a verdict line and a sentence per side (or the story's opening background)
were shown; h01 was declined because "the Django outages" read as an unknown part of
Django."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.composer import Composition
from assistant.scope import unknown_compound
from assistant.story_lead import _AMOUNT, _asks_figure, _contrast, story_of, with_story_lead
from knowledge.subjects_config import default_subjects
from tests.test_scope import _index


class _Ref:
    def __init__(self, named: bool) -> None:
        self.article_id, self.phrase, self.named = "a", "Harbourlight", named


class _Retrieval:
    def __init__(self, named: Any = None, article: Any = None) -> None:
        self.named, self.article = named, article


class _Cand:
    def __init__(self, text: str) -> None:
        self.text: str = text
        self.toks: frozenset[str] = frozenset()


def test_a_story_is_a_name_reference_only() -> None:
    """A name one article spells is a story; a phrase reference ("the benchmark post")
    is an article the question describes, not a story."""
    assert story_of(_Retrieval(named=_Ref(True))) is not None
    assert story_of(_Retrieval(article=_Ref(True))) is not None  # a byline that narrowed
    assert story_of(_Retrieval(article=_Ref(False))) is None
    assert story_of(_Retrieval()) is None


def test_figures_are_amounts_not_years_or_one() -> None:
    assert _AMOUNT.search("in about four weeks")
    assert _AMOUNT.search("rose from $240 to $310")
    assert not _AMOUNT.search("The first version was written in 2021 with one other engineer")


def test_a_measure_is_asked_in_plain_words() -> None:
    assert _asks_figure("Did they pay more or less each month for servers?")
    assert _asks_figure("Is it quicker to hire for one stack than the other?")
    assert not _asks_figure("Which stack should a payments startup begin with?")


def test_figures_set_against_each_other() -> None:
    config = default_subjects()
    bill = _Cand("Our monthly bill rose from $240 to $310.")
    both = _Cand("The Django build ended up at about 610 lines and the Express build at about 940.")
    background = _Cand("Routewise runs Django and Node.js, compared after three years with a "
                       "team of 14.")
    assert _contrast(bill, [bill], config)  # type: ignore[arg-type, list-item]
    assert _contrast(both, [both], config)  # type: ignore[arg-type, list-item]
    assert not _contrast(background, [background], config)  # type: ignore[arg-type, list-item]


def test_no_story_leaves_the_answer_alone() -> None:
    comp = Composition(pieces=["Django: x [1]"], verdict="v")

    retrieval = _Retrieval()
    retrieval.index = type("Idx", (), {"chunks": (), "metas": {}})()  # type: ignore[attr-defined]
    assert with_story_lead("Which is faster, Django or Node.js?", retrieval, comp,
                           default_subjects()) is comp


def test_the_subject_of_a_story_is_its_side_not_a_part_of_it() -> None:
    """"the Django outages" in a question naming a story is that story's Django side's
    outages in the asker's words; without a story it stays an unknown part of Django."""
    cfg = default_subjects()
    idx = _index("Django has an ORM and an admin panel. Node.js modules come from npm.")
    q = "At Routewise, why did the Django outages hurt fewer people?"
    assert unknown_compound(q, cfg, idx, cfg.tokenizer) == ["outages"]
    assert unknown_compound(q, cfg, idx, cfg.tokenizer, story=True) == []
    # a possessive is a part of the subject even then ("Django's collectstatic")
    assert unknown_compound("At Routewise, what does Django's collectstatic do?", cfg, idx,
                            cfg.tokenizer, story=True) == ["collectstatic"]


@pytest.mark.integration
def test_field_story_questions_lead_with_the_answering_sentence(field_versus: Any) -> None:
    """Tune labels of ``story_labels19`` whose story is a field article: most answers show
    the answering sentence, and the controls (general comparisons) keep their verdict."""
    from assistant.evaluation import Evidence, in_answer_text

    path = Path(__file__).parent / "data" / "story_labels19.jsonl"
    field = {p.stem for p in (Path(__file__).parent / "field" / "articles").iterdir()}
    rows = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
    tune = [r for r in rows if r["split"] == "tune" and r["evidence"][0]["article_id"] in field]
    assert len(tune) >= 8
    shown = 0
    for r in tune:
        ans = field_versus.ask(r["question"])
        ev = [Evidence(e["article_id"], e["quote"]) for e in r["evidence"]]
        shown += (not ans.abstained) and in_answer_text(ans.answer, ev)
    assert shown >= len(tune) - 3
    controls = [r for r in rows if r["split"] == "control"][:3]
    assert all(field_versus.ask(r["question"]).verdict for r in controls)


@pytest.mark.integration
@pytest.mark.xfail(reason="on stores of main's ingest (names19) the lead check weighs "
                   "Harbourlight's opening background ('46 endpoints, roughly 38,000 lines') "
                   "about as high as the bill sentence and keeps the composer's answer; "
                   "story19's code does the same here (story20 report)", strict=False)
def test_the_bill_question_leads_with_the_bill(field_versus: Any) -> None:
    bill = field_versus.ask("Did Harbourlight's server bill go up or down once it moved its "
                            "booking API from Express to Django?")
    assert "$240" in bill.answer.split("\n\n")[0] and "$310" in bill.answer
