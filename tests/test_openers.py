"""Dangling openers in a composed answer (assistant.openers) and how the eval's answer
matcher reads the two edits back (assistant.evaluation.in_answer_text): fast units.

The sentences are invented for these tests (Flask and Express, not the bundled pair).
"""

from __future__ import annotations

from assistant.evaluation import Evidence, in_answer_text
from assistant.openers import answer_form, arrange, repair, source_forms
from assistant.sentences import Candidate
from knowledge.models import Chunk, Span
from tests.conftest import passage as _passage


def _cand(chunk: Chunk, span: Span, subject: str | None) -> Candidate:
    return Candidate(chunk, span, chunk.text[span.start:span.end], 0.5, 0, subject)


def test_repair_drops_a_connective_and_brackets_a_known_it() -> None:
    assert repair("Besides, Express ships a router.", "Express") == "Express ships a router."
    assert repair("So it is small.", None) is None  # "it" with no known referent
    assert repair("It requires a WSGI server.", "Flask") == "[Flask] requires a WSGI server."
    assert repair("Its debugger runs in the browser.", "Flask") == (
        "[Flask’s] debugger runs in the browser.")
    assert repair("Nonetheless, it lacks an ORM.", "Flask") == "[Flask] lacks an ORM."
    assert repair("This approach keeps views small.", "Flask") is None  # demonstrative
    assert repair("They scale well.", "Flask") is None  # plural: no bracket


def test_arrange_fixes_only_what_would_dangle() -> None:
    a, sa = _passage("a", ["Flask is a micro framework.", "It has no database layer.",
                           "Besides, it ships a debugger."])
    b, sb = _passage("b", ["Express runs on Node.", "This design keeps it small.",
                           "Moreover, Express has middleware."])
    first, it_next, besides = (_cand(a, s, "Flask") for s in sa)
    other, this_design, moreover = (_cand(b, s, "Express") for s in sb)
    shown, dropped = arrange([first, it_next, besides, this_design, moreover])
    texts = [s.text for s in shown]
    # "It has no database layer." follows its own passage's sentence naming Flask: unchanged; the
    # "Besides" sentence follows its neighbour in the passage: unchanged; "This design"
    # without its neighbour is left out; "Moreover" after another passage loses it.
    assert texts == ["Flask is a micro framework.", "It has no database layer.",
                     "Besides, it ships a debugger.", "Express has middleware."]
    assert dropped == [this_design]
    shown, _ = arrange([it_next, other])
    assert [s.text for s in shown] == ["[Flask] has no database layer.", "Express runs on Node."]
    shown, _ = arrange([it_next], referent="Flask")  # under a "Flask:" lead
    assert [s.text for s in shown] == ["It has no database layer."]


def test_answer_matcher_reads_the_edits_back_strictly() -> None:
    ev = [Evidence("a", "It requires a WSGI server to run in production.")]
    assert in_answer_text("[Flask] requires a WSGI server to run in production. [1]", ev)
    assert not in_answer_text("[Flask] needs a proxy in front of it at all times. [1]", ev)
    ev2 = [Evidence("a", "Besides, Express ships a tiny router with middleware.")]
    assert in_answer_text("Express ships a tiny router with middleware. [2]", ev2)
    assert not in_answer_text("Express ships a big template engine for views. [2]", ev2)
    # a bracket only stands for a pronoun at a sentence start
    assert answer_form("Use it. [Flask] is small.") == "Use it. it is small."
    assert answer_form("A list [Flask] here.") == "A list [Flask] here."
    assert source_forms("Flask is small.") == ["Flask is small."]


def test_citation_markers_are_not_read_as_brackets() -> None:
    assert answer_form("Flask is small. [1] [2]") == "Flask is small. [1] [2]"


def test_grounding_reads_a_bracketed_referent_as_the_passage_sentence() -> None:
    from assistant.llm_grounding import Passage, verify_reply
    from tests.test_llm import chunk

    p = [Passage(1, chunk("It uses a tiny core and many extensions."), "s")]
    v = verify_reply("[Flask] uses a tiny core and many extensions. [1]", p)
    assert v.text == "[Flask] uses a tiny core and many extensions. [1]" and not v.removed
    v = verify_reply("[Flask] ships a full admin site for editors. [1]", p)
    assert v.removed  # a real mismatch still fails


def test_a_lowercase_name_keeps_its_case_after_a_dropped_connective() -> None:
    # "Moreover, pip’s resolver ..." must not become "Pip’s": a name spelt in lower case
    # (no vowel, an inner capital or digit, an inner dot) stays as its article spells it
    assert repair("Moreover, npm’s registry is huge.", "Express") == (
        "npm’s registry is huge.")
    assert repair("Besides, jQuery plugins still load.", None) == "jQuery plugins still load."
    assert repair("Also, express.js routes are tiny.", None) == "express.js routes are tiny."
    assert repair("Besides, the router is small.", None) == "The router is small."
    assert repair("Still, my app runs.", None) == "My app runs."  # "y" counts as a vowel


def test_drop_connective_for_a_quoted_condition() -> None:
    from assistant.openers import drop_connective
    assert drop_connective("Conversely, if you need sockets, Express fits.") == (
        "If you need sockets, Express fits.")
    assert drop_connective("Express fits small teams.") == "Express fits small teams."


def test_more_lines_bracket_an_it_away_from_its_neighbour() -> None:
    """"More from the sources" lines are read alone: a leading "It" not after its passage
    neighbour gets its known subject; after its neighbour, or unknown, the quote stays."""
    from assistant.openers import standalone

    a, sa = _passage("m", ["Flask is a micro framework.", "It also starts in a second.",
                           "This keeps tests fast."])
    b, sb = _passage("n", ["Express runs on Node.", "It also used half the memory."])
    flask, it_next, this = (_cand(a, s, "Flask") for s in sa)
    _express, it_far = (_cand(b, s, "Express") for s in sb)
    unknown = _cand(b, sb[1], None)
    got = [t for _c, t in standalone([flask, it_next, it_far, this, unknown])]
    assert got == ["Flask is a micro framework.", "It also starts in a second.",
                   "[Express] also used half the memory.", "This keeps tests fast.",
                   "It also used half the memory."]


def test_its_spelt_for_it_is_gets_no_possessive_bracket() -> None:
    assert repair("Its a good idea to learn this language.", "Flask") is None
    assert repair("Its not the fastest option.", "Flask") is None
    assert repair("Its router is small.", "Flask") == "[Flask’s] router is small."
