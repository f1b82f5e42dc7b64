"""Tests of ``assistant.story_keep``: a story question's visible answer keeps its evidence.

story19's lead replaced lines that already answered from the story (the lead's stores lost
field's fa-q20, fb-q17, fd-q03 and fd-q23); review 18's i28 showed the story's answering
line third, and i02 second under the talk's background. The sentences here are written
for the tests, in the shapes of those answers."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.story_keep import asks_figure, carries, carrying_at, led_by, paragraphs

CITED = {1: "other", 2: "story", 3: "story"}


def _never(_text: str) -> bool:
    return False


def test_a_ratio_question_is_carried_by_a_ratio_not_by_a_release_number() -> None:
    q = "By how much did the API beat the other one in Nimbus's tests?"
    assert carries("A bare API served about 3 times as many requests a second.", q, [])
    assert not carries("The second build used Node.js 20 with Express 4.", q, [])


def test_a_money_question_is_carried_by_a_cost_word_beside_an_amount() -> None:
    """"cheaper or dearer": no currency sign in "costs about a quarter as much"."""
    q = "Is the mobile backend cheaper or dearer to run than the web one?"
    assert asks_figure(q)
    assert carries("She said the mobile backend costs about a quarter as much to run.", q, [])
    assert not carries("Two years later they shipped a mobile app.", q, [])


def test_advice_and_plain_questions() -> None:
    advice = "Which stack should a shop that mostly connects banks start with, per the CTO?"
    assert carries("If you mostly connect other APIs, start with Node.js.", advice, [])
    assert not carries("The company serves about 900 shops in three countries.", advice, [])
    plain = "What did the speaker mean by sharing contracts rather than code?"
    assert carries("Share contracts, not code.", plain, ["contract", "code"])
    assert not carries("Slides are on the conference site.", plain, ["contract", "code"])


def test_a_line_of_the_story_leads_as_it_is_or_moves_up() -> None:
    pieces = ["Ana, in “Other”: types catch payload mistakes. [1]\n\n",
              "Bo, in “Diary”: the compiler caught a position passed as a string. [2] ",
              "It was the best part of the move. [3]"]
    at = carrying_at(pieces, CITED, "story", _never, lambda t: "caught" in t)
    assert at == (1, 0)
    out = led_by(pieces, at)
    assert out[0].startswith("Bo, in “Diary”") and out[1].endswith("[3]\n\n")
    assert out[2].rstrip().endswith("[1]") and not out[2].endswith("\n")
    assert sorted(p.strip() for p in out) == sorted(p.strip() for p in pieces)


def test_a_table_row_or_a_verdict_quoting_the_story_keeps_the_lead() -> None:
    verdict = "Django: Kind — a web framework [2]; Node.js: Kind — a runtime [2]."
    pieces = [verdict, "\n\n", "A second line that says so. [3]"]
    assert carrying_at(pieces, CITED, "story", _never, lambda t: "so" in t) == (1, 0)
    assert carrying_at(pieces, CITED, "story", lambda t: "a runtime" in t, _never) == (0, 0)
    assert carrying_at(pieces, CITED, "story", _never, lambda t: "weeks" in t or
                       "runtime" in t) == (0, 0)
    # a line of another article never carries the story's ask
    assert carrying_at(["Other. [1]"], CITED, "story", _never, lambda t: True) is None


def test_separator_pieces_close_paragraphs() -> None:
    assert paragraphs(["a [1]", "\n\n", "b [2] ", "c [2]"]) == [["a [1]"], ["b [2] ", "c [2]"]]


@pytest.mark.integration
def test_field_story_answers_keep_the_composers_evidence(field_versus: Any) -> None:
    """On the real field store: the publisher's own load-test figure and the project's
    endpoint table row stay in the visible answer (story19 displaced both)."""
    ratio = field_versus.ask("In ByteHarbor's own benchmark, what throughput multiple did a "
                             "bare Node API get over a Django view?")
    assert "2.5 times" in ratio.answer.split("\n\n")[0]
    # field's fb-q17: the composer's endpoint rows, the article's own table, stay shown
    route = field_versus.ask("In the RecipeBox API, which endpoint gives me a token for "
                             "logging in?")
    assert "Exchange a username and password for a JWT" in route.answer


def test_a_verdict_answers_a_figure_only_by_weighing_the_sides() -> None:
    """The composer's one-article verdict line is often the story's background; it
    answers a figure or a comparison only when it sets the sides' figures against each
    other (release numbers are no figures)."""
    from assistant.story_keep import needs_weighing, weighs_sides

    def sides(t: str) -> bool:
        return "Node.js" in t or "Django" in t

    assert needs_weighing("Is hiring quicker for one stack than the other at Acme?")
    assert weighs_sides("Django: hiring takes about nine weeks; Node.js: about three weeks.",
                        sides)
    assert weighs_sides("The bill rose from $200 to $280.", sides)
    assert not weighs_sides("Acme runs Django and Node.js, compared after four years by a "
                            "team of 12.", sides)
    assert not weighs_sides("Django: written in Django 5.0; Node.js: took 9 more hours.", sides)


def test_an_attributions_title_holds_no_figure() -> None:
    from assistant.story_lead import _own

    class _R:
        phrase = "Acme"
    line = "In the 2026 article “Two Teams, One Stack”: Acme runs Django with 12 people"
    assert "Two" not in _own(line, _R()) and "runs Django with 12 people" in _own(line, _R())
