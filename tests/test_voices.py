"""Naming each voice when an answer quotes first-person lines of several articles
(``assistant.voices``, ``knowledge.text.person``): fast units with hand-built answers, and
one answer of the real model and store (``integration``).

Blind review 12 lost c13, c22, c29 and c32 because "I have been writing backends since
2009" and "We run a small consultancy" of two writers read as one voice. The expected
labels below are written out by hand from the fake metadata, not read from the module.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest

from assistant.composer import Composition
from assistant.models import Citation
from assistant.voices import name_voices, speaker_turns, title_clause
from knowledge.models import ArticleMeta, Chunk
from knowledge.text.person import first_person, first_person_singular

METAS = {
    "free": ArticleMeta("free", "I Keep Picking Flask: Notes of a Freelancer", author="Ada Byrne",
                        year=2025),
    "shop": ArticleMeta("shop", "Our First Year on Two Stacks", author="Tom Reyes", year=2024),
    "mag": ArticleMeta("mag", "Backend Choices Explained", publisher="DevMag"),
    "chat": ArticleMeta("chat", "\"Keep It Dull\": A CTO on Payments", author="Ian Vole",
                        year=2026),
}
INTERVIEW = ("What do you run?\n\nMira Lund: We run a ledger in one stack. I wrote the first "
             "version in 2020.\n\nWhy two stacks?\n\nMira Lund: Our webhooks wait on the network."
             "\n\nMemory is the other cost, and we pay it every month.")


def cite(n: int, article: str, text: str = "passage text") -> Citation:
    return Citation(n=n, article_id=article, title=METAS[article].title, text=text, start=0,
                    end=len(text))


TRAITS = ("Flask: Small and explicit.\n\nFlask: Suits small APIs.\n\nWe chose it for our "
          "chat service.")


def index() -> Any:
    chunks = [Chunk("chat-0", "chat", 0, INTERVIEW, 0, len(INTERVIEW)),
              Chunk("shop-0", "shop", 0, TRAITS, 0, len(TRAITS))]
    return SimpleNamespace(metas=METAS, chunks=chunks, memo={})


def answer(pieces: list[str], cites: list[Citation], verdict: str | None = None) -> Any:
    return name_voices(Composition(pieces=list(pieces), citations=cites, verdict=verdict),
                       index(), ["Flask: ", "Express: ", "Compared directly: "])


def markers(text: str) -> list[str]:
    return re.findall(r"\[\d+\]", text)


def test_first_person_words() -> None:
    for text in ("I have shipped both.", "We picked the smaller one.", "Our bill rose.",
                 "It cost us a month.", "My advice: measure first.", "I'd do it again."):
        assert first_person(text), text
    for text in ("Non-blocking I/O suits chat.", "Hiring is easier in the US market.",
                 "The framework ships an admin.", "Users see it at once."):
        assert not first_person(text), text


def test_two_writers_each_named_in_their_own_paragraph() -> None:
    pieces = ["I have been writing backends since 2009. [1] ",
              "We run a small shop with two stacks. [2] ",
              "Our hosting bill stayed flat. [2]"]
    got = answer(pieces, [cite(1, "free"), cite(2, "shop")])
    assert got.text == (
        "Ada Byrne, in “I Keep Picking Flask”: I have been writing backends since 2009. [1]"
        "\n\nTom Reyes, in “Our First Year on Two Stacks”: We run a small shop with two "
        "stacks. [2] Our hosting bill stayed flat. [2]")
    assert markers(got.text) == markers("".join(pieces))


def test_every_switch_of_source_is_named_once_the_answer_has_several_voices() -> None:
    # the impersonal line of a third article would otherwise read as the shop's "we"
    pieces = ["I prefer the smaller framework. [1] ", "We chose the other one. [2] ",
              "Benchmarks favour neither by much. [3] ", "I would choose it again. [1]"]
    got = answer(pieces, [cite(1, "free"), cite(2, "shop"), cite(3, "mag")])
    paras = got.text.split("\n\n")
    assert [p.split(":")[0] for p in paras] == [
        "Ada Byrne, in “I Keep Picking Flask”", "Tom Reyes, in “Our First Year on Two Stacks”",
        "In the DevMag article", "Ada Byrne, in “I Keep Picking Flask”"]


@pytest.mark.parametrize("pieces,cites", [
    (["I have been writing backends since 2009. [1] ", "I still pick it. [1]"],
     [cite(1, "free")]),
    (["I have been writing backends since 2009. [1] ", "The admin saves a week. [2]"],
     [cite(1, "free"), cite(2, "mag")]),
])
def test_one_voice_stays_as_it_is(pieces: list[str], cites: list[Citation]) -> None:
    assert answer(pieces, cites).pieces == pieces


def test_interview_lines_are_the_speakers_not_the_bylines() -> None:
    pieces = ["I wrote the first version in 2020. [1] ", "I still pick it. [2] ",
              "Memory is the other cost, and we pay it every month. [1]"]
    got = answer(pieces, [cite(1, "chat", INTERVIEW), cite(2, "free")])
    paras = got.text.split("\n\n")
    assert paras[0].startswith("Mira Lund, in “Keep It Dull”: I wrote")
    assert "Ian Vole" not in got.text  # the interviewer did not say it
    assert paras[2].startswith("In the 2026 article “Keep It Dull”: Memory is")


def test_a_turn_opening_with_its_speakers_label_takes_the_fuller_label() -> None:
    pieces = ["I still pick it. [2] ", "Mira Lund: We run a ledger in one stack. [1]"]
    got = answer(pieces, [cite(1, "chat", INTERVIEW), cite(2, "free")])
    assert got.text.endswith("\n\nMira Lund, in “Keep It Dull”: We run a ledger in one "
                             "stack. [1]")


def test_a_recurring_label_over_traits_is_a_topic_not_a_speaker() -> None:
    assert speaker_turns(index(), "shop") == frozenset()
    assert speaker_turns(index(), "chat") == frozenset({"Mira Lund"})
    pieces = ["I still pick it. [1] ", "We chose it for our chat service. [2]"]
    got = answer(pieces, [cite(1, "free"), cite(2, "shop", TRAITS)])
    assert "Tom Reyes, in “Our First Year on Two Stacks”: We chose it" in got.text


def test_a_comparison_names_the_voice_after_the_sides_lead() -> None:
    pieces = ["Verdict line [1][2]", "\n\n", "Flask: I keep choosing it. [1] ",
              "\n\n", "Express: We moved our API to it. [2]"]
    got = answer(pieces, [cite(1, "free"), cite(2, "shop")], verdict="Verdict line [1][2]")
    assert got.pieces[0] == "Verdict line [1][2]"
    assert "Flask: Ada Byrne, in “I Keep Picking Flask”: I keep choosing it. [1]" in got.text
    assert "Express: Tom Reyes, in “Our First Year on Two Stacks”: We moved" in got.text


def test_a_merged_line_keeps_its_form_and_a_table_cell_is_named() -> None:
    pieces = ["I have been writing backends since 2009. [1] ", "We run two stacks. [2] ",
              "Both fit on a small server. [1][2] ", "Memory, Express — Low: 60 MB. [3]"]
    got = answer(pieces, [cite(1, "free"), cite(2, "shop"), cite(3, "mag")])
    assert "Both fit on a small server. [1][2]" in got.text
    assert not re.search(r"in “[^”]*”: Both", got.text)
    # another article's table cell after a writer's line would read as that writer's
    assert got.text.endswith("In the DevMag article: Memory, Express — Low: 60 MB. [3]")


def test_title_clause() -> None:
    assert title_clause(METAS["chat"]) == "Keep It Dull"
    assert title_clause(ArticleMeta("t", 'Talk write-up: "Two Stacks" at Porto 2026')) == (
        "Talk write-up: ‘Two Stacks’ at Porto 2026")
    assert title_clause(ArticleMeta("q", "Django or Node? Our Verdict")) == "Django or Node?"


@pytest.mark.integration
def test_two_writers_first_person_lines_name_both(field_versus: Any) -> None:
    """On the real model and the bundled + field store, a question about what several
    writers lived through quotes first-person lines of two articles or more; the answer
    names each article's author before its lines and keeps every marker's citation."""
    got = field_versus.ask("What did the writers who tried running Django Channels in "
                           "production experience?", [])
    assert not got.abstained
    by_n = {c.n: c.article_id for c in got.citations}
    voiced: set[str] = set()
    for m in re.finditer(r"([^\[\]]+?)((?:\s*\[\d+\])+)", got.answer):
        arts = {by_n[int(n)] for n in re.findall(r"\d+", m.group(2))}
        words = m.group(1).split(": ")[-1]  # the quoted sentence, after any label
        if len(arts) == 1 and re.search(r"\b(?:I|we|our|us|my)\b", words, re.I):
            voiced |= arts
    assert len(voiced) >= 2, got.answer
    metas = {a: r.meta for a, r in field_versus.store.manifest().articles.items()}
    for art in voiced:
        assert f"{metas[art].author}, in “" in got.answer, (art, got.answer)
    for c in got.citations:
        assert field_versus.article(c.article_id).text[c.start:c.end] == c.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My team shipped it in May.", True),
        ("I'll admit the admin won me over.", True),
        ("That laptop is mine.", True),
        ("We chose Django for the ledger.", False),
        ("Our API serves I/O-bound traffic.", False),
        ("Most US shops pay by card.", False),
    ],
)
def test_first_person_singular_is_one_speaker_only(text: str, expected: bool) -> None:
    assert first_person_singular(text) is expected
