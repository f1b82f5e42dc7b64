"""What a comparative question puts around its verdict line (``assistant.condition``,
``assistant.situation.background``, ``assistant.product_kind.stray_qualities``) and the
lines ``assistant.verdict.verdict_sentence`` then says. Fast units: hand-built claims and
views, fake cue matchers; the real stance lexicon for the quality words. The real-model
check is ``test_conditions_on_the_real_store`` in tests/test_compare_integration.py."""

from __future__ import annotations

import pytest

from assistant.condition import ASKS_AGREEMENT, agreement_word, knowing_claims, quality
from assistant.product_kind import stray_qualities
from assistant.situation import background, situation_criterion
from assistant.verdict import ClaimRef, CriterionView, verdict_sentence
from knowledge.subjects_config import default_subjects

SIDES = ("Django", "Node.js")
CUES = {"strict": "Flexibility", "secure": "Security", "fast": "Performance",
        "response": "Performance", "learn": "Learning curve"}


def _criterion(text: str) -> str | None:
    return next((c for w, c in CUES.items() if w in text.lower().split()), None)


def _quality(word: str) -> bool:
    return word.lower() in ("strict", "secure", "fast")


def _claim(text: str, aid: str, favours: str, label: str = "") -> ClaimRef:
    return ClaimRef(text, aid, 0, len(text), text, favours, "", favours, True, label)


def _cite() -> tuple[list[str], object]:
    seen: list[str] = []

    def cite(c: ClaimRef) -> int:
        if c.text not in seen:
            seen.append(c.text)
        return seen.index(c.text) + 1
    return seen, cite


@pytest.mark.parametrize(("text", "stray"), [
    ("Our clinic tracks lab results under strict compliance rules.", ("strict",)),
    ("We want a secure backend for payments.", ()),           # a product head
    ("The app must be fast enough for our users.", ()),        # said of something
    ("Our rules are strict about audits.", ()),                # predicative
    ("We need fast response times.", ()),                      # a criterion noun heads it
    ("Strict. Compliance matters.", ()),                       # a phrase ends at a stop
    ("Our portal must follow strict data-protection laws.", ("strict",)),
])
def test_stray_qualities_are_read_by_the_noun_phrase_head(text: str,
                                                           stray: tuple[str, ...]) -> None:
    assert stray_qualities(text, _criterion, _quality) == stray


def test_a_stray_quality_in_the_situation_names_no_criterion() -> None:
    q = ("Our clinic group tracks lab results under strict compliance rules. Would you back "
         "Django or Node for it?")
    assert situation_criterion(_criterion, q, _criterion) == ("Flexibility", True)
    strays = lambda text: stray_qualities(text, _criterion, _quality)  # noqa: E731
    assert situation_criterion(_criterion, q, _criterion, strays) == (None, True)
    # the asking clause still decides when it names a criterion itself
    q2 = "Our rules are strict compliance rules. Which is more secure for us?"
    assert situation_criterion(_criterion, q2, _criterion, strays) == ("Security", False)


def test_quality_reads_the_real_stance_lexicon() -> None:
    is_quality = quality(default_subjects())
    assert is_quality is not None
    assert is_quality("strict") and is_quality("secure")
    assert not is_quality("compliance") and not is_quality("rules")
    assert quality(None) is None


@pytest.mark.parametrize(("question", "skill"), [
    ("Coming from Python, which one will feel easier to pick up?", "Python"),
    ("Our developers come from Ruby; which is easier to learn?", "Ruby"),
    ("Our team already knows JavaScript. Which is easier to learn?", "JavaScript"),
    ("We're a PHP shop; which should we learn first?", "PHP"),
    ("As a Java developer, which is simpler?", "Java"),
    ("Our team knows Django. Which is easier to learn?", None),   # a side, no outside skill
    ("Which one will feel easier to pick up?", None),
    ("Which do most developers find easier?", None),
    ("We have React developers and nobody who knows Python. Which is easier?", None),
    ("We don't know Ruby; which is easier to learn?", None),
    ("Nobody on our team knows Python. Which is easier to learn?", None),
])
def test_background_names_the_skill_the_asker_has(question: str, skill: str | None) -> None:
    assert background(question, lambda w: w.lower() in ("django", "node", "node.js")) == skill


def test_knowing_claims_leave_out_claims_about_newcomers() -> None:
    claims = (_claim("Easier for Python developers.", "a", "Django"),
              _claim("Time-consuming to learn if the developer doesn't know Python.", "b",
                     "Node.js"),
              _claim("Steeper for JavaScript newbies.", "c", "Django"))
    assert [c.article_id for c in knowing_claims(claims)] == ["a"]


def _view(stances: tuple[tuple[str, str], ...], claims: tuple[ClaimRef, ...] = (),
          **kw: object) -> CriterionView:
    return CriterionView("Learning curve", claims, stances=stances, subjects=SIDES, **kw)


def test_a_skill_some_claim_names_is_counted_before_the_general_count() -> None:
    claims = (_claim("Easier for Python developers.", "a", "Django", "Learning curve"),
              _claim("It is time-consuming to learn if you don't know Python.", "b",
                     "Node.js"),
              _claim("Node.js is easy to learn.", "b", "Node.js"))
    view = _view((("a", "Django"), ("b", "Node.js")), claims, facet="Python",
                 facet_words="developers who know Python", condition="Python")
    _seen, cite = _cite()
    line = verdict_sentence(view, cite)  # type: ignore[arg-type]
    assert line is not None
    assert line.startswith("Where the articles speak of developers who know Python, one "
                           "article favours Django [1].")
    assert "On learning curve as a whole, the articles are split evenly" in line


def test_a_skill_no_claim_names_makes_the_count_general() -> None:
    claims = (_claim("Steeper for Ruby newbies.", "a", "Django"),
              _claim("Node.js is easy to learn.", "b", "Node.js"))
    view = _view((("a", "Django"), ("b", "Node.js")), claims, condition="Ruby")
    _seen, cite = _cite()
    line = verdict_sentence(view, cite)  # type: ignore[arg-type]
    assert line is not None
    assert line.startswith("No claim on learning curve speaks of developers who know Ruby; "
                           "in general, the articles are split evenly on learning curve")


@pytest.mark.parametrize(("question", "asks"), [
    ("Do these write-ups agree on which runs faster, or contradict each other?", True),
    ("Is there a consensus on which one is more secure?", True),
    ("Do the articles reach the same conclusion on cost?", True),
    ("Which one gives more consistent response times?", False),
    ("Which is faster?", False),
])
def test_asks_agreement(question: str, asks: bool) -> None:
    assert bool(ASKS_AGREEMENT.search(question)) is asks


@pytest.mark.parametrize(("stances", "word"), [
    ((("a", "Django"), ("b", "Node.js")), "They contradict each other"),
    ((("a", "Django"), ("b", "Django")), "They agree"),
    ((("a", "Django"), ("b", "mixed"), ("c", "mixed")), "No article contradicts another "
                                                        "outright"),
    ((("a", "mixed"), ("b", "neither")), "Not clearly"),
])
def test_agreement_word_follows_the_count(stances: tuple[tuple[str, str], ...],
                                          word: str) -> None:
    assert agreement_word(_view(stances)) == word


def test_an_agreement_question_gets_its_answer_before_the_count() -> None:
    claims = (_claim("Django is easier to learn.", "a", "Django"),
              _claim("Node.js is easier to learn.", "b", "Node.js"))
    view = _view((("a", "Django"), ("b", "Node.js")), claims, on_agreement=True)
    _seen, cite = _cite()
    line = verdict_sentence(view, cite)  # type: ignore[arg-type]
    assert line is not None and line.startswith("They contradict each other: the articles are "
                                                "split evenly on learning curve")
