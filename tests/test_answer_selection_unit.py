"""Fast units of the answer's sentence choice and verdict wording (issue 11, round 3).

Examples are invented (Flask, Express, made-up sentences), never lifted from an article.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.filler import classify
from assistant.lean import lean_sentence
from assistant.lean import purpose as _purpose
from assistant.word_family import same_family, word_family


@pytest.mark.parametrize(("a", "b"), [
    ("scale", "scalabl"), ("learn", "learner"), ("fast", "faster"), ("perform", "perform"),
    ("flexibl", "flexibl"), ("learn", "learnabl"),
])
def test_one_word_family(a: str, b: str) -> None:
    assert same_family(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("form", "format"), ("data", "databas"), ("use", "user"), ("secur", "second"),
    ("port", "portal"),
])
def test_not_one_word_family(a: str, b: str) -> None:
    assert not same_family(a, b)


def test_word_family_reads_the_vocabulary_once() -> None:
    memo: dict[object, object] = {}
    vocab = {"scale": 3, "scalabl": 2, "scala": 1, "format": 1}
    assert word_family("scale", vocab, memo) == frozenset({"scale", "scalabl"})
    assert memo[("family", "scale")] == frozenset({"scale", "scalabl"})


@pytest.mark.parametrize("text", [
    "Table 3: Hosting bills per month.",
    "Figure 1 - Median latency by stack.",
    "Listing 2: The settings module.",
])
def test_captions_are_signposts(text: str) -> None:
    assert classify(text) == "signpost"


def test_a_sentence_about_a_table_is_not_a_caption() -> None:
    assert classify("Table 5 shows that Express answered twice as many requests.") == "ok"


@pytest.mark.parametrize(("question", "topic"), [
    ("Which is better for a real-time chat, Flask or Express?", "a real-time chat"),
    ("Is Flask or Express better for our booking API?", "your booking API"),
    ("Flask or Express: which is the best fit for image uploads?", "image uploads"),
    ("Is Flask a good choice for an agency that hosts dozens of tiny client sites "
     "on shared servers?", None),  # too long to name in a sentence
    ("Which one is better?", None),
    ("What do people use for that instead (the admin question)?", None),
])
def test_the_use_named_in_a_verdict(question: str, topic: str | None) -> None:
    assert _purpose(question) == topic


def test_a_lean_line_names_the_asked_use_and_counts_articles() -> None:
    line = lean_sentence([("a1", "Express", 1), ("a2", "Express", 2), ("a3", "Flask", 3)],
                         ("Flask", "Express"), "live dashboards")
    assert line == ("The passages quoted here lean to Express for live dashboards (two "
                    "articles) [1][2], with one article for Flask [3].")
    # it says what it counts, never that no article rates the use (unverifiable: an
    # article may rate it in other words)
    assert "no article" not in line
    assert lean_sentence([], ("Flask", "Express"), "live dashboards") is None
    # one article's sentence is no lean
    assert lean_sentence([("a1", "Express", 1)], ("Flask", "Express"), "uploads") is None


def _vote_cand(cid: str, text: str, subject: str, lex: float) -> object:
    from assistant.sentences import Candidate
    from tests.conftest import passage

    chunk, spans = passage(cid, [text])
    return Candidate(chunk, spans[0], text, 1.0, 0, subject, lex=lex)


def _lean_line(cands: list[object], relaxed: bool = False) -> str | None:
    from assistant.lean import lean
    from assistant.numbering import Citations, cite_candidate
    from assistant.verdict import CriterionView

    def stance(text: str, subject: str) -> str:  # a stand-in analyser: praise favours it
        return subject if "excellent" in text or "praised" in text else "neither"

    view = CriterionView(None, subjects=("Flask", "Express"), stance=stance)
    cites = Citations({})
    return lean(cands, view, lambda c: cite_candidate(c, cites), ("Flask", "Express"),  # type: ignore[arg-type]
                "image uploads", relaxed=relaxed)


def test_a_table_cell_votes_on_a_use_only_when_it_lists_that_use() -> None:
    from dataclasses import replace

    from knowledge.models import TableRow

    # a use-cases cell praising Flask for other uses shares only "uploads"' generic
    # neighbour words; it is no vote on image uploads, while a cell naming images is
    other = _vote_cand("c", "Flask is excellent for dashboards, CMS apps and reports.",
                       "Flask", lex=0.6)
    naming = _vote_cand("f", "Express is excellent for image and video apps.",
                        "Express", lex=0.6)
    row = TableRow(criterion="Use cases", cells=())
    cells = [replace(c, chunk=replace(c.chunk, row=row)) for c in (other, naming)]  # type: ignore[type-var]
    line = _lean_line(cells[:1], relaxed=True)
    assert line is None, line
    line = _lean_line(cells[1:], relaxed=True)
    assert line is not None and "lean to Express for image uploads" in line, line
    # prose is not held to the use's words ("ML" says "machine learning")
    assert _lean_line([other], relaxed=True) is not None


def test_the_fallback_verdict_counts_only_sentences_on_the_question() -> None:
    on = _vote_cand("a", "Express has excellent upload middleware for large images.",
                    "Express", lex=0.6)
    on2 = _vote_cand("d", "Express was praised for streaming uploads straight to storage.",
                     "Express", lex=0.5)
    off = _vote_cand("b", "Flask is praised for its excellent templating engine.",
                     "Flask", lex=0.0)  # about another point: no vote
    line = _lean_line([on, on2, off])
    assert line is not None and "lean to Express for image uploads (two articles) [1][2]" in (
        line), line
    assert "Flask" not in line.split("[2]", 1)[1]
    assert _lean_line([off, on]) is None  # one article on the question: no lean ...
    line = _lean_line([on])  # ... unless the answer quotes only that side
    assert line is not None and "lean to Express for image uploads (one article) [1]" in (
        line), line
    # relaxed (after the matrix, the two-article lean and a table row): one article on the
    # question, and the other side's sentence off it, is a lean of one article, said so
    line = _lean_line([off, on], relaxed=True)
    assert line is not None and "lean to Express for image uploads (one article) [1]" in (
        line), line
    against = _vote_cand("e", "Flask has excellent upload handling for large images.",
                         "Flask", lex=0.6)
    line = _lean_line([against, on], relaxed=True)  # one article each way: an even split
    assert line is not None and "split evenly" in line and "lean to" not in line, line


def test_the_fallback_verdict_skips_a_sentence_whose_tone_contradicts_it() -> None:
    # the stand-in analyser reads "praised" as for Express; the sentence's own tone is
    # clearly negative, so it does not vote
    bad = _vote_cand("c", "Express was praised once, but its upload handling is a terrible, "
                     "buggy and painful mess.", "Express", lex=0.6)
    assert _lean_line([bad]) is None


@pytest.fixture(scope="module")
def find_criterion(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The bundled pair's criterion finder (pure text matching on its configuration)."""
    from assistant.compare import ComparisonService
    from knowledge.settings import Settings

    svc = ComparisonService(store=None, settings=Settings(
        data_dir=tmp_path_factory.mktemp("crit")))
    return svc.find_criterion


@pytest.mark.parametrize(("question", "criterion"), [
    # written for this test, never tuned on: the team's speed is development speed ...
    ("Which of the pair lets a two-person startup ship its first release sooner?",
     "Development speed"),
    ("Which gets a paying product out the door quicker, Django or Node.js?",
     "Development speed"),
    ("Is Django or Node.js better for time to market?", "Development speed"),
    # ... a newcomer's speed is the learning curve ...
    ("Which one do junior hires get up to speed on faster?", "Learning curve"),
    ("How quickly can a new teammate ramp up on Django compared with Node.js?",
     "Learning curve"),
    # ... and the program's speed stays performance
    ("Which answers API calls faster under load, Django or Node.js?", "Performance"),
    ("Which gets rows from the database faster, Django or Node.js?", "Performance"),
])
def test_a_speed_word_is_read_by_what_is_fast(find_criterion: Any, question: str,
                                             criterion: str) -> None:
    from assistant.verdict import asked_criterion

    assert asked_criterion(find_criterion, question) == criterion


@pytest.mark.parametrize("question", [
    "Name a few firms' favourite platforms",  # no entity noun after "name": not asked
    "What are the main drawbacks of Flask?",
    "Which is better for a shop, Flask or Express?",
])
def test_no_names_asked(question: str) -> None:
    from assistant.answer_type import ASKS_FOR_NAMES

    assert not ASKS_FOR_NAMES.search(question)


@pytest.mark.parametrize("question", [
    "Name some large companies that use Flask.",
    "List a few businesses running Express.",
    "Give me three organisations that rely on Flask in production",
    "Which well-known brands picked Express?",
    "Name a few well-known firms on Flask.",
    "Are there big firms whose services depend on Express?",
])
def test_names_asked_in_other_words(question: str) -> None:
    from assistant.answer_type import ASKS_FOR_NAMES

    assert ASKS_FOR_NAMES.search(question)


@pytest.mark.parametrize(("question", "asks"), [
    ("Was Flask written by a big company?", True),
    ("Is Express developed by the OpenJS Foundation?", True),
    ("Were these frameworks created by volunteers?", True),
    ("Is Flask used by large companies?", False),  # users, not the maker
    ("Can Express be made by hand into an API?", False),  # not a question on the maker
])
def test_a_yes_no_question_on_the_maker_asks_for_a_person(question: str, asks: bool) -> None:
    from assistant.answer_type import ASKS_FOR_PERSON

    assert bool(ASKS_FOR_PERSON.search(question)) is asks


def test_a_year_question_without_a_year_in_the_pool_is_said_plainly() -> None:
    from assistant.answer_type import unanswered_type

    pool = ["Flask is a small web framework.", "Express is minimal and flexible."]
    assert unanswered_type("In which year did Flask first appear?", pool) == (
        "The articles don't give a year for that.")
    shipped = [*pool, "It shipped in 2010."]
    assert unanswered_type("When was Express first released?", shipped) is None
    # A person is named in too many shapes, numbers are answered in words too: never
    # declined for lack of a pattern match.
    assert unanswered_type("Who wrote Flask?", pool) is None
    assert unanswered_type("How much more setup does Express need?", pool) is None
    # a date asked in other words
    for question in ("What is the date of its first public release?",
                     "Do the articles give Flask's release date?",
                     "How long has Express been around?"):
        assert unanswered_type(question, pool) == "The articles don't give a year for that."
        assert unanswered_type(question, shipped) is None
    # a duration is not a date
    assert unanswered_type("How long does a Flask build take?", pool) is None


# -- issue 11, fifth round: what a lean vote and a row verdict need (sentences written for
# these tests, never tuned on) ---------------------------------------------------------------


def test_a_point_named_only_after_more_than_is_no_vote_for_the_subject() -> None:
    from assistant.lean import _topic_only_in_standard

    q = "Which handles many simultaneous websocket clients better, Flask or Express?"
    names = ("Flask", "Express")
    assert _topic_only_in_standard(
        "Flask suits sites where correctness matters more than serving many simultaneous "
        "websocket clients.", q, names)
    assert not _topic_only_in_standard(
        "Express keeps many simultaneous websocket clients open rather than blocking.", q,
        names)
    assert not _topic_only_in_standard("Flask served more than 5,000 websocket clients.", q,
                                       names)


def test_a_hyphenated_modifier_needs_its_head() -> None:
    from assistant.lean import _holds_compound_heads

    q = "Which is better for GPU-bound jobs?"
    assert not _holds_compound_heads("Express shines on network-bound jobs.", q)
    assert _holds_compound_heads("Flask hands GPU-bound jobs to a worker pool.", q)


def test_an_opening_condition_must_be_the_questions_point() -> None:
    from assistant.lean import _condition_met

    names = ("Flask", "Express")
    q = "Flask or Express for a booking site?"
    assert not _condition_met("If streaming video is your core feature, Express is the "
                              "better pick.", q, names)
    assert _condition_met("When a booking site needs an admin, Flask is the better pick.", q,
                          names)
    assert _condition_met("Express is a better pick for booking sites.", q, names)


@pytest.mark.parametrize(("label", "values", "winner"), [
    # a figure in one unit: higher requests per second is better, fewer MB is better
    ("Throughput", ["Middling: about 2,000 requests per second",
                    "Top: about 30,000 requests per second"], 1),
    ("Memory per process", ["High: around 200 MB", "Low: around 25 MB"], 1),
    # no common figure: the ordinal level of the cells' opening words
    ("Admin panel", ["Included", "Needs extras"], 0),
])
def test_row_cells_are_ranked(label: str, values: list[str], winner: int) -> None:
    from assistant.compare.lexicon import load_general_lexicon
    from assistant.named import rank_cells

    ranks = rank_cells(load_general_lexicon(), label, values)
    assert ranks is not None
    assert max(range(len(values)), key=lambda i: ranks[i]) == winner
    assert ranks[winner] > ranks[1 - winner]


def test_a_row_sentence_quotes_each_cell_under_its_own_column() -> None:
    from assistant.named import row_sentence

    line = row_sentence("Admin panel", "the table of X",
                        [("Flask", "Needs extras"), ("Rails (Ruby)", "Included")], [1.0, 3.0])
    assert line == ("On admin panel, the table of X puts Rails (Ruby) ahead of Flask: Flask "
                    "“Needs extras”, Rails (Ruby) “Included”")
    same = row_sentence("ORM", "the table of X", [("Flask", "Included"), ("Koa", "Included")],
                        [3.0, 3.0])
    assert same == "On ORM, the table of X rates Flask and Koa alike: Flask “Included”, Koa " \
        "“Included”"


def test_a_concession_votes_with_its_passages_own_verdict() -> None:
    """A sentence praising one side inside a passage whose other sentences decide for the
    other side ("... reasonably well, though it still needs Redis. ... Verdict: Node.js")
    is a vote for the passage's side; alone in its passage it keeps its own."""
    from assistant.lean import own_verdict
    from assistant.sentences import Candidate
    from assistant.verdict import CriterionView
    from tests.conftest import passage

    def stance(text: str, subject: str) -> str:  # a stand-in analyser: praise favours it
        return subject if "good" in text else "neither"

    view = CriterionView(None, subjects=("Django", "Node.js"), stance=stance)
    names = ("Django", "Node.js")
    chunk, spans = passage("p", ["Django Channels is good for sockets now, though it needs Redis.",
                                 "Node.js is good at chat and live updates.",
                                 "Verdict on chat: Node.js is good, though Django is fine."])
    cand = Candidate(chunk, spans[0], chunk.text[: spans[0].end], 1.0, 0, "Django", lex=0.5)
    # its other sentences are on the question's point (they hold its terms) ...
    assert own_verdict(cand, view, names, "Django", "Which is better for live chat?") == "Node.js"
    # ... or the passage is a section on one point (its heading names an aspect)
    from dataclasses import replace
    on_point = replace(cand, chunk=replace(chunk, section="Real-time features"))
    assert own_verdict(on_point, view, names, "Django", "Which is better for sockets?") \
        == "Node.js"
    # neither: sentences on another point do not overrule it
    assert own_verdict(cand, view, names, "Django", "Which is better for sockets?") == "Django"
    # one other sentence for the other side does not overrule it
    chunk, spans = passage("q", ["Django Channels is good for sockets now, though it needs Redis.",
                                 "Node.js is good at chat and live updates."])
    cand = Candidate(chunk, spans[0], chunk.text[: spans[0].end], 1.0, 0, "Django", lex=0.5)
    assert own_verdict(cand, view, names, "Django", "Which is better for live chat?") == "Django"
