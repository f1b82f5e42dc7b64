"""Which side a sentence is filed under (``assistant.subject``): a subject named only as the
foil of a comparison or contrast leaves the claim to the other side; a sentence about the
pair is about both. Fast units on hand-written passages (no article text), plus the
labelled set's floor (``tests.measure_subjects``, parsing only, no model)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from assistant import subject as subject_mod
from assistant.subject import infer_subject, own_subjects, sides
from knowledge.subjects_config import default_subjects
from tests.conftest import passage

CONFIG = default_subjects()


def _last(sentences: list[str], section: str = "") -> str | None:
    chunk, spans = passage("s", sentences)
    if section:
        chunk = replace(chunk, section=section)
    text = chunk.text[spans[-1].start:spans[-1].end]
    return infer_subject(chunk, spans[-1], text, CONFIG)


@pytest.mark.parametrize("text, own, foil", [
    ("It starts slower than Django does.", (), ("Django",)),
    ("Unlike Node.js, it ships an admin.", (), ("Node.js",)),
    ("Compared with Express, the setup takes a day longer.", (), ("Node.js",)),
    ("It is not as quick as Node.js under load.", (), ("Node.js",)),
    ("The wiring takes longer because it has no defaults, whereas Django has them.",
     (), ("Django",)),
    ("We lost a week to abandoned packages, while the Django ecosystem is steadier.",
     (), ("Django",)),
    # an opening "While X ..." is a concession about X, not a foil
    ("While Node.js has the libraries, it leaves the choice to you.", ("Node.js",), ()),
    # the subject before "while" keeps it
    ("Node.js answers quickly while keeping memory low.", ("Node.js",), ()),
    ("Django has a gentler start compared to Node.js.", ("Django",), ("Node.js",)),
    ("Frameworks like Django ship an ORM.", ("Django",), ()),
])
def test_a_mention_after_a_comparison_or_contrast_word_is_a_foil(
        text: str, own: tuple[str, ...], foil: tuple[str, ...]) -> None:
    assert sides(text, CONFIG) == (own, foil)
    assert own_subjects(text, CONFIG) == own


def test_a_foil_only_sentence_goes_to_the_side_its_context_names() -> None:
    # "it" is Node.js (the sentence before), Django only the foil
    assert _last(["Node.js gives you a bare router.",
                  "It takes longer to wire up than Django."]) == "Node.js"
    assert _last(["Setup is slower here.",
                  "Wiring takes longer because it has no defaults, whereas Django has them."],
                 section="Node.js") == "Node.js"
    # a Django section: "unlike Node.js" leaves the claim to Django
    assert _last(["Its templates are ready to use.",
                  "However, it gives less freedom to design from scratch, unlike Node.js."],
                 section="Django") == "Django"


def test_a_foil_only_sentence_without_context_goes_to_the_other_of_the_pair() -> None:
    assert _last(["It takes longer to wire up than Django."]) == "Node.js"
    # the context names the foil itself: the explicit comparison decides
    assert _last(["It takes longer to wire up than Django."], section="Django") == "Node.js"


def test_a_foil_only_sentence_tells_the_next_sentence_its_subject() -> None:
    assert _last(["It uses more memory than Django.",
                  "So it costs more to host."]) == "Node.js"


def test_a_sentence_naming_both_outside_a_foil_speaks_of_both() -> None:
    assert _last(["Django has a gentler start compared to Node.js."]) is None
    assert _last(["Django is strict, while Node.js is loose."]) is None


@pytest.mark.parametrize("text", [
    "Both frameworks come with costs you must weigh.",
    "Both of the technologies have large followings.",
    "But both are used by big companies.",
    "Neither framework limits you here.",
    "None of these is a bad pick.",
    "The two frameworks differ in how they handle requests.",
])
def test_a_sentence_about_the_pair_has_no_side_whatever_its_context(text: str) -> None:
    assert _last(["Node.js is fast."], section="Node.js") == "Node.js"
    assert _last(["Node.js is fast.", text], section="Node.js") is None


def test_a_sentence_saying_both_ways_is_not_about_the_pair() -> None:
    assert _last(["Node.js is fast.", "Both ways of deploying work."],
                 section="Node.js") == "Node.js"


def test_without_foils_the_named_subject_decides_as_before(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    monkeypatch.setattr(subject_mod, "USE_FOILS", False)
    assert _last(["Node.js gives you a bare router.",
                  "It takes longer to wire up than Django."]) == "Django"


def test_the_labelled_sentences_are_filed_as_measured() -> None:
    """The floor of ``python -m tests.measure_subjects`` (tuning 69/76 and held-out 33/33
    when written; before the foil rule 57/76 and 32/33)."""
    from tests.measure_subjects import measure

    result = measure()
    assert result["tuning"]["correct"] >= 69
    assert result["held-out"]["correct"] >= 32


def _paragraph(answer: str, side: str) -> str:
    """The paragraph of ``answer`` led by "<side>: " (or the contrast line's part)."""
    for para in answer.split("\n\n"):
        for part in para.split("; "):
            if part.startswith(f"{side}: "):
                return part
    return ""


@pytest.mark.integration
def test_a_contrast_sentence_is_filed_under_the_side_it_speaks_of(ingested_versus: Any) -> None:
    """Review 6 x02 on the real model and the bundled articles: the Node.js setup drawback
    ("... it lacks built-in features ..., whereas Django optimizes this process") is never
    filed under "Django:"."""
    answer = ingested_versus.ask(
        "Does picking Django over Node.js actually save money on a project?")
    setup = "Setting up a project can be more time-consuming"
    assert setup not in _paragraph(answer.answer, "Django"), answer.answer
    assert "Both frameworks come with trade-offs" not in _paragraph(answer.answer, "Node.js")


@pytest.mark.integration
def test_a_question_naming_its_one_subject_as_the_foil_weighs_the_pair(
        ingested_versus: Any) -> None:
    """"... npm packages compared to Django's ecosystem" asks about the other side too: the
    npm drawback is shown under Node.js, not dropped as off-subject."""
    answer = ingested_versus.ask("What is the catch with relying on npm packages compared to "
                        "Django's ecosystem?")
    assert "npm" in _paragraph(answer.answer, "Node.js"), answer.answer
