"""A writer's career line or byline never leads a technical answer (``assistant.biography``):
review 22's m15 opened a chat-app answer with the author's career."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.biography import byline, career_line, not_first, without_biography
from assistant.sentences import Candidate
from knowledge.subjects_config import default_subjects
from tests.conftest import passage

CONFIG = default_subjects()


@pytest.mark.parametrize("text, expected", [
    ("Since 2011 I have built more Django sites than I can remember.", True),
    ("In all that time we shipped six Node.js services and a dozen Django apps.", True),
    ("Over the past seven years our team has delivered 40 backends.", True),
    ("We have run both stacks for clients for ten years.", True),
    # first person without a span of the writer's time: an experience, kept
    ("I moved the bidding service to Node.js in 2022 and it ran on half the hardware.", False),
    # a span without a first-person subject: a fact about a subject
    ("Django has shipped a release every eight months since 2008.", False),
])
def test_a_career_line_is_a_first_person_subject_with_a_span_of_time(
        text: str, expected: bool) -> None:
    assert career_line(text) is expected


def test_a_byline_opens_with_the_authors_name() -> None:
    assert byline("Priya Nandi runs the platform team at Corvid.", "Priya Nandi")
    assert byline("Nandi writes a weekly backend letter.", "Priya Nandi")
    assert not byline("Django runs the platform at Corvid.", "Priya Nandi")
    assert not byline("Priya Nandi runs the team.", "")


def _cands(lines: list[str]) -> list[Candidate]:
    chunk, spans = passage("b", lines)
    return [Candidate(chunk, sp, line, 1.0 - i / 10, i, None) for i, (sp, line)
            in enumerate(zip(spans, lines, strict=True))]


INDEX = SimpleNamespace(metas={"article-b": SimpleNamespace(author="Priya Nandi")})


def test_a_leading_career_line_goes_to_more_for_a_technical_question() -> None:
    cands = _cands(["Since 2011 I have built more Django apps and Node.js services than "
                    "I can count.", "Channels needs Redis and an ASGI server for sockets."])
    visible, hidden = not_first("Is Django a mistake for a live chat app?", cands, [],
                                INDEX, CONFIG)
    assert [c.text for c in visible] == [cands[1].text]
    assert [c.text for c in hidden] == [cands[0].text]


def test_it_stays_when_the_question_asks_about_the_writer() -> None:
    cands = _cands(["Since 2011 I have built more Django apps than I can count.",
                    "Channels needs Redis."])
    visible, _ = not_first("How many years has the author built Django apps?", cands, [],
                           INDEX, CONFIG)
    assert visible[0] is cands[0]


def test_biography_lines_rank_below_the_rest() -> None:
    cands = _cands(["Priya Nandi runs the platform team at Corvid.",
                    "Channels needs Redis and an ASGI server for sockets.",
                    "The event loop keeps thousands of sockets open cheaply."])
    ranked = without_biography("Should a chat app use Django?", list(cands), INDEX, CONFIG)
    assert ranked[-1] is cands[0]
    assert [c.text for c in ranked[:2]] == [cands[1].text, cands[2].text]
