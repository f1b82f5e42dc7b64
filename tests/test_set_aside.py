"""An "apart from X" question asks for the others (``assistant.set_aside``): review 22's m39
showed only the CSRF bullet, the one thing the question excluded."""

from __future__ import annotations

from assistant.intent import Intent
from assistant.list_answer import complete
from assistant.sentences import Candidate
from assistant.set_aside import aside_tokens, names_aside, put_aside, sets_aside, without_aside
from knowledge.models import Chunk, Span

LINES = [
    ("", "The toolkit is strict about safety."),
    (" ", "Protections it turns on for you:"),
    ("\n\n• ", "Forged form post (XSRF) protection"),
    ("\n\n• ", "Script injection filtering"),
    ("\n\n• ", "Framing denial headers"),
    ("\n\n• ", "Host name checks"),
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


def test_the_set_aside_phrase_is_read_from_several_wordings() -> None:
    assert aside_tokens("Apart from XSRF, which protections does it turn on?") == {"xsrf"}
    assert aside_tokens("Besides the queue, what else does Celery handle?") == {"queue"}
    assert aside_tokens("What does it offer other than routing?") == {"rout"}
    assert aside_tokens("Except for caching, which features did they drop?") == {"cach"}
    assert not aside_tokens("Which protections does it turn on?")
    assert without_aside("Apart from the Koa build, which stacks ran?") == "which stacks ran?"


def test_a_proper_name_alone_identifies_the_phrase() -> None:
    aside = aside_tokens("Apart from the Koa build, which stacks ran?")
    assert names_aside("Node 22 with Koa 2, four processes", aside)
    assert not names_aside("Node 22 with Hapi, four processes", aside)


def test_an_item_naming_the_phrase_is_set_aside_but_a_line_naming_more_is_not() -> None:
    cands = _passage([0.5] * 7)
    aside = aside_tokens("Apart from XSRF, which protections does it turn on?")
    assert sets_aside(cands[2], aside)
    assert not sets_aside(cands[3], aside)
    longer = Candidate(cands[0].chunk, cands[0].span, "There is no XSRF token, no rate limit "
                       "and no header hardening until you add packages.", 1.0, 0, None)
    assert not sets_aside(longer, aside)


def test_the_lists_other_items_are_shown_when_the_excluded_one_led() -> None:
    # the excluded item is the closest in meaning (the question names it): it led alone
    cands = _passage([0.4, 0.5, 0.9, 0.55, 0.5, 0.52, 0.1])
    shown, hidden = complete("Apart from XSRF, which protections does it turn on?",
                             Intent("list"), [cands[2]], [cands[0]], cands)
    texts = [c.text for c in shown]
    assert "Forged form post (XSRF) protection" not in texts
    assert texts[0] == "Protections it turns on for you:"
    assert {"Script injection filtering", "Framing denial headers", "Host name checks"} <= set(
        texts)
    assert "Forged form post (XSRF) protection" in [c.text for c in hidden]


def test_without_a_set_aside_phrase_the_list_is_unchanged() -> None:
    cands = _passage([0.4, 0.5, 0.9, 0.55, 0.5, 0.52, 0.1])
    shown, _ = complete("Which protections does it turn on?", Intent("list"), [cands[2]],
                        [], cands)
    assert "Forged form post (XSRF) protection" in [c.text for c in shown]


def test_put_aside_moves_the_line_to_more_unless_nothing_would_be_left() -> None:
    cands = _passage([0.5] * 7)
    q = "Apart from XSRF, which protections does it turn on?"
    visible, hidden = put_aside(q, [cands[2], cands[3]], [cands[6]])
    assert [c.text for c in visible] == ["Script injection filtering"]
    assert [c.text for c in hidden] == ["Forged form post (XSRF) protection",
                                        "Speed is another matter entirely."]
    assert put_aside(q, [cands[2]], [])[0] == [cands[2]]
