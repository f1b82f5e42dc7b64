"""A list question's answer shows the list a shown sentence belongs to
(``assistant.list_answer``): review 14's e35 showed "[Django] also safely handles SQL
queries to block SQL injection attacks." and hid the next sentence, a list intro, with its
bullets (XSS, CSRF, clickjacking). Fast units on a hand-built passage (cosines set by
hand), plus one answer from the real model over the bundled store."""

from __future__ import annotations

import pytest

from assistant.intent import Intent
from assistant.list_answer import asks_list, complete
from assistant.sentences import Candidate
from knowledge.models import Chunk, Span

LINES = [
    ("", "Our shop takes safety seriously."),
    (" ", "It also escapes every query it runs."),
    (" ", "Things the toolkit blocks for you:"),
    ("\n\n• ", "Forged form posts"),
    ("\n\n• ", "Script injection in comments"),
    ("\n\n• ", "Framing by other sites"),
    ("\n\n", "Speed is another matter entirely."),
]


def _passage(sems: list[float]) -> list[Candidate]:
    text, spans = "", []
    for sep, line in LINES:
        text += sep
        spans.append(Span(len(text), len(text) + len(line)))
        text += line
    chunk = Chunk("c1", "article-c1", 0, text, 0, len(text), sentences=tuple(spans))
    return [Candidate(chunk, sp, line, 1.0 - i / 10, i, None, sem=sem)
            for i, ((_, line), sp, sem) in enumerate(zip(LINES, spans, sems, strict=True))]


def test_plural_which_questions_ask_for_several_things() -> None:
    fact = Intent("fact")
    assert asks_list("Which attacks does the toolkit block?", fact)
    assert asks_list("What results did the replay show?", fact)
    assert not asks_list("Which engine does Node.js run on?", fact)
    assert not asks_list("What class does the view inherit from?", fact)
    assert not asks_list("How fast is it?", fact)
    assert asks_list("Name some tools for it", Intent("list"))


def test_the_list_after_a_shown_sentence_comes_with_its_intro_and_items() -> None:
    cands = _passage([0.6, 0.66, 0.7, 0.72, 0.7, 0.69, 0.3])
    shown, hidden = complete("Which attacks does the toolkit block?", Intent("fact"),
                             [cands[1]], [cands[0], cands[6]], cands)
    assert [c.text for c in shown] == [
        "It also escapes every query it runs.", "Things the toolkit blocks for you:",
        "Forged form posts", "Script injection in comments", "Framing by other sites"]
    assert [c.text for c in hidden] == ["Our shop takes safety seriously.",
                                        "Speed is another matter entirely."]


def test_a_shown_item_brings_its_intro_and_the_other_items_once() -> None:
    cands = _passage([0.6, 0.5, 0.5, 0.7, 0.72, 0.7, 0.3])
    shown, _ = complete("Which attacks does the toolkit block?", Intent("fact"),
                        [cands[4], cands[3]], [], cands)
    assert [c.text for c in shown] == [
        "Things the toolkit blocks for you:", "Forged form posts",
        "Script injection in comments", "Framing by other sites"]


def test_items_far_below_the_lists_best_stay_hidden() -> None:
    """A closing checklist holds one or two items on the asked point."""
    cands = _passage([0.6, 0.5, 0.5, 0.7, 0.4, 0.72, 0.3])
    shown, _ = complete("Which attacks does the toolkit block?", Intent("fact"),
                        [cands[2]], [], cands)
    assert "Script injection in comments" not in [c.text for c in shown]
    assert "Framing by other sites" in [c.text for c in shown]


def test_a_list_far_from_the_question_or_a_non_list_question_is_left_alone() -> None:
    far = _passage([0.6, 0.66, 0.2, 0.2, 0.2, 0.2, 0.1])
    assert complete("Which attacks does the toolkit block?", Intent("fact"),
                    [far[1]], [], far)[0] == [far[1]]
    near = _passage([0.6, 0.66, 0.7, 0.72, 0.7, 0.69, 0.3])
    assert complete("How safe is the toolkit?", Intent("fact"), [near[1]], [],
                    near)[0] == [near[1]]


def test_an_unbulleted_sentence_after_an_intro_is_no_item() -> None:
    cands = _passage([0.6, 0.66, 0.7, 0.72, 0.7, 0.69, 0.3])
    shown, _ = complete("Which attacks does the toolkit block?", Intent("fact"),
                        [cands[1]], [], cands)
    assert "Speed is another matter entirely." not in [c.text for c in shown]


@pytest.mark.integration
def test_real_attacks_question_shows_the_articles_bullets(ingested_versus: object) -> None:
    answer = ingested_versus.ask(  # type: ignore[attr-defined]
        "Which attacks does Django protect against, according to the article on robust "
        "web apps?", [])
    assert not answer.abstained
    text = answer.answer
    for item in ("(XSS)", "(CSRF)", "Clickjacking"):
        assert item in text, text


def _laid_out(cid: str, parts: list[tuple[str, str]]) -> list[Candidate]:
    """Candidates of one passage written as (separator, line) pairs, all equally close."""
    text, spans = "", []
    for sep, line in parts:
        text += sep
        spans.append(Span(len(text), len(text) + len(line)))
        text += line
    chunk = Chunk(cid, f"article-{cid}", 0, text, 0, len(text), sentences=tuple(spans))
    return [Candidate(chunk, sp, line, 1.0, i, None, sem=0.6)
            for i, ((_, line), sp) in enumerate(zip(parts, spans, strict=True))]


def test_a_numbered_items_later_sentences_do_not_end_the_list() -> None:
    """"1. Choose per workload. The two APIs differ." : the second sentence is read on the
    item's line; the next numbered item is still the list's."""
    parts = [("", "The talk ended with these lessons:"), ("\n\n1. ", "Pick per workload."),
             (" ", "The two services differ in shape."), ("\n2. ", "Keep one owner per table."),
             ("\n3. ", "Share contracts, not code.")]
    cands = _laid_out("c2", parts)
    shown, _ = complete("Which lessons did the talk give?", Intent("fact"), [cands[0]], [],
                        cands)
    assert [c.text for c in shown] == ["The talk ended with these lessons:",
                                       "Pick per workload.", "Keep one owner per table.",
                                       "Share contracts, not code."]


def test_a_shown_item_of_a_list_under_a_heading_brings_its_siblings() -> None:
    """No intro ("## Verdicts" then bullets): the run of items around the shown one."""
    parts = [("", "We kept score as we went."), ("\n\n- ", "Speed: the old stack wins."),
             ("\n- ", "Safety: the new stack wins."), ("\n- ", "Cost: a tie."),
             ("\n\n", "We would do it again.")]
    cands = _laid_out("c3", parts)
    shown, _ = complete("Which points did the new stack win?", Intent("fact"), [cands[2]], [],
                        cands)
    assert [c.text for c in shown] == ["Speed: the old stack wins.",
                                       "Safety: the new stack wins.", "Cost: a tie."]
