"""Back-references further in than a sentence's opener (assistant.references), how the
checker reads them in an answer (assistant.filler) and how the composer shows such a
sentence (assistant.openers.arrange): fast units.

The sentences are invented for these tests (Flask and Express, not the bundled pair).
"""

from __future__ import annotations

from assistant.filler import classify_answer, classify_in_context
from assistant.openers import arrange, with_neighbour
from assistant.references import inner_reference, leans_on_neighbour
from assistant.sentences import Candidate
from knowledge.models import Chunk, Span
from tests.conftest import passage as _passage


def _cand(chunk: Chunk, span: Span, subject: str | None) -> Candidate:
    return Candidate(chunk, span, chunk.text[span.start:span.end], 0.5, 0, subject)


def test_kinds_of_inner_reference() -> None:
    assert inner_reference("Pinterest and Lyft were built with this framework.") == (
        "demonstrative", True)
    assert inner_reference("Express is the clear winner in this category.") == (
        "demonstrative", False)
    assert inner_reference("Anyone who knows HTML can work with this easily.") == (
        "demonstrative", False)
    assert inner_reference("To this, a Flask app may be open to injection attacks.") == (
        "demonstrative", False)
    assert inner_reference("Express, by contrast, suits streaming APIs.") == (
        "parenthetical", False)
    assert inner_reference("Flask is lighter; still, the latter scales better.") == (
        "ordinal", False)
    assert inner_reference("Because Flask is very small.") == ("fragment", False)
    assert inner_reference("The drawback is that newcomers struggle at first.") == (
        "fragment", False)
    assert inner_reference("The framework ships an ORM and an admin.") == (
        "demonstrative", True)


def test_no_inner_reference_where_the_sentence_holds_its_referent() -> None:
    for text in [
        "Flask is small; this keeps its learning curve flat.",  # after ";": its own clause
        "Express lacks an ORM, whereas Flask-SQLAlchemy optimises this process.",
        "The articles do not rate this as such; two lean to Flask.",  # the question
        "The articles don't cover Windows; this answer covers the rest.",
        "This Flask feature keeps views small.",  # a name after the demonstrative
        "Because Flask is small, it starts fast.",  # a main clause after the comma
        "It suits those accustomed to synchronous code.",  # "those" + participle
        "Flask has a built-in debugger that runs in the browser.",
    ]:
        assert inner_reference(text) is None, text


def test_what_resolves_an_inner_reference() -> None:
    framework = "Pinterest and Lyft were built with this framework."
    assert leans_on_neighbour(framework, same_passage=False, named_before=False)
    assert not leans_on_neighbour(framework, same_passage=False, named_before=True)
    assert not leans_on_neighbour(framework, same_passage=True, named_before=False)
    segment = "Express is the clear winner in this category."
    assert leans_on_neighbour(segment, same_passage=False, named_before=True)
    assert classify_in_context(segment, antecedent=True, referent=True) == "dangling"
    assert classify_in_context(segment, antecedent=True, same_passage=True) == "ok"


def test_answer_reading_finds_a_lost_referent_further_in() -> None:
    answer = ("Flask is a small framework. [1] Pinterest and Lyft were built with this "
              "framework. [2]\n\nPinterest and Lyft were built with this framework. [3] "
              "Express, by contrast, suits streaming APIs. [4]")
    kinds = [k for _t, k in classify_answer(answer)]
    assert kinds == ["ok", "ok", "dangling", "dangling"]


def test_arrange_quotes_the_neighbour_that_names_the_referent() -> None:
    a, sa = _passage("a", ["Flask keeps the core small.", "Its tools load on demand.",
                           "Pinterest and Lyft were built with this framework."])
    b, sb = _passage("b", ["Express runs on Node.", "Express, by contrast, suits streaming."])
    small, tools, built = (_cand(a, s, "Flask") for s in sa)
    runs, contrast = (_cand(b, s, "Express") for s in sb)
    other, _ = _passage("c", ["Express has middleware for everything."])
    mw = _cand(other, other.sentences[0], "Express")
    # two sentences back, the first naming Flask: the exact passage of all three
    assert with_neighbour(built, [built, mw], ["Flask", "Express"]) == a.text.strip()
    shown, dropped = arrange([mw, built], None, ["Flask", "Express"])
    assert [s.text for s in shown] == ["Express has middleware for everything.",
                                       a.text.strip()] and not dropped
    # the neighbour is shown elsewhere in the answer: no repeat, the sentence is left out
    shown, dropped = arrange([small, mw, built], None, ["Flask", "Express"])
    assert built in dropped and all("Lyft" not in s.text for s in shown)
    # without a name in reach "this framework" is left out; "by contrast" after its own
    # neighbour is not touched
    assert with_neighbour(built, [built], ["Django"]) is None
    shown, _ = arrange([runs, contrast], None, ["Express"])
    assert [s.text for s in shown] == ["Express runs on Node.",
                                       "Express, by contrast, suits streaming."]
    assert tools  # (the "Its" sentence is the opener rules' business)


def test_arrange_never_empties_a_group_for_an_inner_reference() -> None:
    a, sa = _passage("a", ["Express is the clear winner in this category."])
    only = _cand(a, sa[0], "Express")
    shown, dropped = arrange([only], None, ["Express"])
    assert [s.text for s in shown] == ["Express is the clear winner in this category."]
    assert not dropped


def test_a_topic_label_is_what_a_demonstrative_after_it_points_at() -> None:
    assert inner_reference("Routing: This time Express wins easily.") is None
    assert inner_reference("Routing: Express wins in this segment.") == (
        "demonstrative", False)


def test_no_neighbour_about_the_other_side_and_no_other_block() -> None:
    a, sa = _passage("a", ["In short, Flask is tiny and plain.",
                           "Express, by contrast, suits streaming APIs."])
    contrast = _cand(a, sa[1], "Express")
    # the neighbour is Flask's: quoted under Express it would be misfiled
    assert with_neighbour(contrast, [contrast], ["Flask", "Express"]) is None
    text = "Express is small.\n\nExpress, by contrast, suits streaming APIs."
    block = Chunk("b", "article-b", 0, text, 0, len(text),
                  sentences=(Span(0, 17), Span(19, len(text))))
    assert with_neighbour(_cand(block, block.sentences[1], "Express"), [], ["Express"]) is None


def test_a_dummy_it_with_a_modal_opens_nothing() -> None:
    from assistant.filler import opener
    assert opener("It will also be essential to test every module you add.") is None
    assert opener("It will also run on Windows.") == "personal"


def test_the_best_sentence_of_an_unlabelled_answer_stays() -> None:
    a, sa = _passage("a", ["Flask could sit behind any front end to do this heavy work."])
    b, sb = _passage("b", ["Flask is small."])
    best, other = _cand(a, sa[0], "Flask"), _cand(b, sb[0], "Flask")
    shown, _ = arrange([best, other], None, ["Flask"])
    assert shown[0].text == best.text
    shown, dropped = arrange([best, other], "Flask", ["Flask"])  # under a side label
    assert dropped == [best]
