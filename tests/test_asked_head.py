"""The criterion a verdict weighs is the one the question asks about, not one its other
words name (``assistant.asked_criterion``, ``assistant.situation``, ``assistant.asked``).
Fast units: a hand-written cue matcher, the real speed patterns; the real-model checks
are in tests/test_answer_shape_integration.py."""

from __future__ import annotations

import re

import pytest

from assistant.asked import spelled
from assistant.asked_criterion import _criterion_in, asked_with_situation
from assistant.situation import split

#: Each cue word -> its criterion; the most cue words win, then the first by position (a
#: stand-in for the configuration's scoring).
CUES = {"cpu": "Performance", "faster": "Performance", "fast": "Performance",
        "event loop": "Architecture", "threads": "Architecture",
        "library": "Ecosystem and community", "libraries": "Ecosystem and community",
        "productivity": "Development speed", "productive": "Development speed",
        "learn": "Learning curve", "secure": "Security"}


def find(text: str) -> str | None:
    hits = [(m.start(), CUES[m.group(0).lower()]) for m in re.finditer(
        r"\b(?:" + "|".join(map(re.escape, CUES)) + r")\b", text, re.I)]
    if not hits:
        return None
    count: dict[str, int] = {}
    for _pos, crit in hits:
        count[crit] = count.get(crit, 0) + 1
    return max(count, key=lambda c: (count[c], -min(p for p, k in hits if k == c)))


@pytest.mark.parametrize(
    ("question", "criterion"),
    [
        # the clause before the colon asks; the sides' descriptions after it do not
        ("Which squeezes more out of the CPU: Node's single event loop or Django using "
         "several threads?", "Performance"),
        # a head clause that names nothing leaves the sides' words to decide
        ("Which wins: Node's event loop with threads or Django?", "Architecture"),
        # the sides first, then the asking clause: read as before
        ("Django or Node.js: which is faster?", "Performance"),
    ],
)
def test_the_clause_before_the_colon_names_the_criterion(question: str,
                                                         criterion: str) -> None:
    assert _criterion_in(find, question) == criterion


@pytest.mark.parametrize(
    ("question", "criterion"),
    [
        # staffing speed: no running program is timed, so no Performance
        ("Is it faster for our company to recruit Django people or Node people?", None),
        ("Which one can we hire for quicker?", None),
        # a team getting productive is development speed, not the program's speed
        ("Would Node.js or Django get us productive faster?", "Development speed"),
        # the program itself
        ("Which serves requests faster?", "Performance"),
    ],
)
def test_a_speed_word_is_read_by_what_is_fast(question: str, criterion: str | None) -> None:
    assert _criterion_in(find, question) == criterion


def test_that_kind_of_is_no_relative_clause_and_which_side_asks() -> None:
    got = split("An online catalogue has lots of linked tables. Which of the two handles "
                "that kind of data better?")
    assert got.asking == "Which of the two handles that kind of data better?"
    got = split("In the diary, which side drags in more libraries, the monolith or the "
                "service?")
    assert got.situation == ""
    # a relative clause is still one
    assert split("Which is better for an app that needs live updates?").situation == (
        "that needs live updates")


def test_a_cue_naming_the_kind_of_product_is_no_situation_criterion() -> None:
    question = ("An online library catalogue has lots of linked tables: books, authors, "
                "loans, members. Which of the two handles that kind of data better?")
    assert asked_with_situation(find, question, lambda _w: False) == (None, True)
    # without the product noun the cue word is read as before
    other = ("Our team shares one library of helpers across projects. Which of the two "
             "handles that better?")
    assert asked_with_situation(find, other, lambda _w: False)[0] == (
        "Ecosystem and community")


@pytest.mark.parametrize(
    ("question", "term", "words"),
    [
        ("Which squeezes more out of the CPU: Node or Django?", "cpu", "CPU"),
        ("For CPU-heavy work like crunching datasets, Django or Node?", "cpu",
         "CPU-heavy work"),
        ("For CPU-bound image resizing jobs, which is the better pick?", "cpu",
         "CPU-bound image resizing jobs"),
        ("Which has better documentation?", "documentation", None),
        ("Which has better documentation?", None, None),
    ],
)
def test_the_facet_is_named_as_the_question_spells_it(question: str, term: str | None,
                                                       words: str | None) -> None:
    assert spelled(question, term) == words


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("Which one has the better templating story, Django or Node?", "templating"),
        ("Which has the nicer ORM, Django or Node.js?", "ORM"),
        ("An online catalogue has lots of linked tables. Which of the two handles that kind "
         "of data better?", "data"),
        # the frame's own words name no facet
        ("Which is the better fit for us, Django or Node.js?", None),
        ("Which backend handles that better, Django or Node.js?", None),
        ("Which is better for machine learning projects, Django or Node.js?", None),
        # a cue names it: the criterion's own question
        ("Which has the better performance, Django or Node.js?", None),
        # a participle is said of the side as a whole
        ("Which one is better documented, Django or Node.js?", None),
    ],
)
def test_asked_noun_is_the_facet_the_question_names(question: str, noun: str | None) -> None:
    from assistant.unweighed import asked_noun

    cues = {**CUES, "performance": "Performance"}
    assert asked_noun(question, lambda t: next(
        (c for w, c in cues.items() if re.search(rf"\b{w}\b", t, re.I)), None)) == noun


def test_the_unweighed_line_quotes_the_nearest_evidence_that_names_the_facet() -> None:
    from dataclasses import dataclass

    from assistant.numbering import Citations
    from assistant.unweighed import leaning_claim_names, unweighed_line
    from assistant.verdict import ClaimRef, CriterionView

    text = "Django follows the Model-View-Template pattern."
    claim = ClaimRef(text, "a1", 0, len(text), text, favours="neither")
    view = CriterionView(None, claims=(claim,), subjects=("Django", "Node.js"),
                         unweighed="templating")
    assert not leaning_claim_names("templating", view.claims, view.subjects)
    line = unweighed_line(view, [], Citations({}), lambda _c: 9)
    assert line == ("The articles do not compare Django and Node.js on templating; the "
                    "closest they come: Django follows the Model-View-Template pattern [1].")

    @dataclass
    class Cand:
        text: str

    bare = CriterionView(None, subjects=("Django", "Node.js"), unweighed="templating")
    assert unweighed_line(bare, [Cand("Node.js is fast."), Cand("Templates are built in.")],
                          Citations({}), lambda _c: 4) == (
        "The articles do not compare Django and Node.js on templating; the closest they "
        "come: Templates are built in [4].")
    assert unweighed_line(bare, [Cand("Node.js is fast.")], Citations({}), lambda _c: 4) == (
        "The articles do not compare Django and Node.js on templating.")
    leaning = ClaimRef(text, "a1", 0, len(text), text, favours="Django")
    assert leaning_claim_names("templating", (leaning,), ("Django", "Node.js"))
    assert unweighed_line(CriterionView(None), [], Citations({}), lambda _c: 1) is None


@pytest.mark.parametrize(
    ("question", "scoped"),
    [
        ("In the ticketing diary, which side pulls in more libraries, Django or Node.js?", True),
        ("According to this interview, which scales better, Django or Node.js?", True),
        ("Is Django too slow for an ordinary website, in the opinion piece's view?", True),
        # the articles as a whole, or no source named
        ("In the articles, which scales better, Django or Node.js?", False),
        ("Which scales better, Django or Node.js?", False),
        ("In the end, which one is cheaper to run?", False),
    ],
)
def test_a_question_scoped_to_one_source(question: str, scoped: bool) -> None:
    from assistant.asked_criterion import one_source

    assert one_source(question) is scoped
