"""The answering sentence shown, not left under "more" (visible21).

Blind reviews lost answers whose passage was cited while the sentence that answers sat in
"more from the sources" or was not shown. Two mechanisms the trace of
``tests/data/visible_labels21.jsonl`` found (``python -m tests.trace_visible21``):

* a shown sentence leaning on its passage neighbour through "those <noun>" ("every one of
  those protections had to be ... wired up by hand") or a subject opening "The same <noun>"
  ("The same test against our Channels setup ...") was shown alone: the protections, the
  other side of the test, were in the sentence before. ``assistant.references`` now reads
  both as back-references, so ``assistant.openers`` quotes the antecedent with them;
* a why / how lead that restates the question in other words ("X is the best reason to
  pick Y") held too few of its words to count as the premise, and the reason after it stayed
  in "more": ``assistant.follow_on`` also reads the embedder's cosine (``SEM_FOCUS``).

Fast units on hand-built sentences, and integration tests on the real field store.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

import assistant.asked_point as asked_point
from assistant.corpus_index import tokens
from assistant.evaluation import Evidence, in_answer_text
from assistant.focus import SEM_FOCUS
from assistant.follow_on import bring_follow_on
from assistant.references import inner_reference
from assistant.sentences import Candidate
from tests.conftest import passage


@pytest.mark.parametrize("sentence", [
    "In the new build each of those checks had to be written and wired in by hand.",
    "We kept all of those services running for a year.",
    "The same benchmark on the older cluster needed three times the memory.",
    "The same trick did not work for the reporting jobs.",
])
def test_those_and_a_same_subject_point_back(sentence: str) -> None:
    assert inner_reference(sentence) == ("demonstrative", False)


@pytest.mark.parametrize("sentence", [
    "Django suits those who already know Python.",
    "Teams like those of the big banks pick it.",
    "We hired those developers that knew the ORM.",
    "Both services used the same PostgreSQL server with separate databases.",
    "The same server as the staging one ran the test.",
    "Those checks ship with Django.",  # an opener: ``filler.opener`` judges it
    "It covers those 3 cases.",
    "Clubs download reports built with the ORM, and those queries are easy to review.",
])
def test_those_defined_on_the_spot_or_a_same_inside_the_sentence_is_no_back_reference(
        sentence: str) -> None:
    assert inner_reference(sentence) is None


@pytest.fixture()
def _no_scene(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asked_point, "topic_terms", lambda index, article_id: frozenset())


REASON = ["Postgres is the main reason we stay on this stack.",
          "Its planner handles our joins, backups are boring and the extensions cover search.",
          "Our office is in Ghent."]


def _follow(question: str, lead_sem: float) -> list[str]:
    chunk, spans = passage("v1", REASON)
    cands = [Candidate(chunk, sp, t, 0.5, i, None, toks=frozenset(tokens(t)),
                       sem=lead_sem if i == 0 else 0.4)
             for i, (t, sp) in enumerate(zip(REASON, spans, strict=True))]
    vocab: dict[str, int] = {"unrelated": 1, "words": 1}
    for c in cands:
        for t in set(tokens(c.text)):
            vocab[t] = vocab.get(t, 0) + 1
    index = SimpleNamespace(vocabulary=vocab, memo={}, chunks=[chunk], metas={},
                            tokenizer=None)
    shown, _rest = bring_follow_on(question, [cands[0]], cands[1:], cands, tokens(question),
                                   index, frozenset())
    return [c.text for c in shown]


@pytest.mark.usefixtures("_no_scene")
def test_a_why_lead_close_in_meaning_brings_the_reason_after_it() -> None:
    # the lead shares almost none of the question's words: only its meaning restates it
    question = "Why do engineers call the database their strongest argument for staying put?"
    assert _follow(question, SEM_FOCUS + 0.02)[:2] == REASON[:2]


@pytest.mark.usefixtures("_no_scene")
def test_a_lead_far_in_meaning_and_words_brings_nothing() -> None:
    question = "Why do engineers call the database their strongest argument for staying put?"
    assert _follow(question, SEM_FOCUS - 0.1) == REASON[:1]


@pytest.mark.usefixtures("_no_scene")
def test_a_close_lead_of_a_plain_fact_question_brings_nothing() -> None:
    # not a why / how / what-went-wrong question: the lead is the answer
    assert _follow("Which database do the engineers use?", SEM_FOCUS + 0.1) == REASON[:1]


def _visible(versus: Any, question: str, article: str, quote: str) -> bool:
    ans = versus.ask(question, [])
    return not ans.abstained and in_answer_text(ans.answer, [Evidence(article, quote)])


@pytest.mark.integration
def test_the_protections_named_before_those_protections_are_shown(field_versus: Any) -> None:
    # "safeguards" for "protections" retrieves the app's feature list instead: the wording
    # keeps the article's noun so that the test is about the back-reference, not retrieval
    assert _visible(field_versus, "Which protections did the student have to wire up by hand "
                    "in the Express build of RecipeBox?",
                    "recipebox-django-express-project-report",
                    "Password hashing, CSRF protection for the admin and protection against "
                    "SQL injection")


@pytest.mark.integration
def test_the_reasons_after_a_restating_lead_are_shown(field_versus: Any) -> None:
    assert _visible(field_versus, "Why is the ORM often called the strongest argument for "
                    "picking Django?", "django-vs-nodejs-faq",
                    "Migrations are generated for you, relations are easy to express")
