"""Measure kinds: a figure in a unit of the asked measure answers it, a figure in another
unit counts nothing (``assistant.measure_kind``, ``assistant.asked_figure``). Invented
sentences and questions; the real store is read in ``tests/test_measure_kind_integration.py``."""

from __future__ import annotations

from assistant.asked_figure import asked_parts
from assistant.corpus_index import tokens
from assistant.measure_kind import asked_kind, bound_numbers, figure_kinds, kind_said, word_kind


class _Tok:
    def tokens(self, text: str) -> list[str]:
        return tokens(text)


TOK = _Tok()


def test_a_unit_names_its_kind() -> None:
    assert figure_kinds("Each node of the cluster holds about 900 MB.") == {"memory"}
    assert figure_kinds("The refit took eleven weeks.") == {"time"}
    assert figure_kinds("The fee went up to €45 last spring.") >= {"money"}
    assert figure_kinds("It is run by a team of nine.") == {"people"}
    assert figure_kinds("Complaints fell by 40 percent.") == {"change"}
    # a count of things has no unit
    assert figure_kinds("The shop sells 300 kinds of tea.") == set()


def test_a_measure_word_over_a_row_of_figures_gives_its_kind() -> None:
    # a column header names the measure ("Memory (MB)") while the cell holds the number
    row = "(Throughput, Memory (MB))\nBrand X — Throughput: 90 · Memory (MB): 410"
    assert kind_said("memory", row)
    assert not kind_said("money", "(Throughput, Memory (MB))\nBrand X — Throughput: 90")


def test_the_asked_kind_comes_from_the_counted_phrase_then_a_money_verb() -> None:
    assert asked_kind("How much RAM does the kiosk need?", "RAM", None) == "memory"
    assert asked_kind("How many weeks did the refit last?", "weeks", None) == "time"
    assert asked_kind("What does the ferry company charge a cyclist?", "", "ferry cyclist") \
        == "money"
    # a counted phrase of no kind asks a plain count, whatever its other words
    assert asked_kind("How many cafes does the two-person bakery serve?", "cafes", None) is None
    # a name is no money verb; an adverb of a unit is a rate's period, no measure
    assert asked_kind("How many shops does Kestrel Pay serve?", "shops", None) is None
    assert word_kind("weekly") is None and word_kind("RAM") == "memory"


def test_numbers_in_a_unit_or_as_a_pronoun_count_nothing() -> None:
    text = "When one of our ferry operators slowed to nine-minute crossings, we lost 30 bookings."
    words = text.split()
    bound = {words[k] for k in bound_numbers(text)}
    assert "one" in bound and "nine-minute" in bound
    assert "30" not in bound
    assert bound_numbers("the other one") == {2}


def test_a_unit_alone_counts_its_thing_after_of() -> None:
    asked, kind = asked_parts("How many days of downtime did the ferry line suffer?", TOK, ())
    assert kind == "time" and set(tokens("downtime")) <= set(asked)
    # "RAM" is the measure, not a proper name, and a closing place phrase is no topic
    asked, kind = asked_parts("How much RAM did the kiosk app need in the spring trial?", TOK, ())
    assert kind == "memory" and "ram" in asked and "trial" not in asked


def test_what_a_text_says_of_a_cost_is_no_figure_question() -> None:
    from assistant.asked_figure import figure_asked

    assert not figure_asked("What does the ferry post say about fuel cost?")
    assert figure_asked("What did a season ticket cost at the ferry line?")
    assert figure_asked("How many ferries does the post say the line runs?")


def test_a_head_count_is_a_number_that_counts_people() -> None:
    # a people word beside a number of something else counts no people (oos25: "a Django
    # developer and got 14 applications", "2 million packages, enabling developers")
    assert not kind_said("people", "We advertised for a backend engineer and got 14 replies.")
    assert not kind_said("people", "It offers 2 million packages, enabling developers to ship.")
    assert kind_said("people", "Two of our frontend engineers now help with on-call.")
    assert kind_said("people", "It is run by a team of nine.")
    assert kind_said("people", "We hired 3 developers in May.")


def test_a_share_is_said_as_a_percentage_or_a_fraction() -> None:
    assert word_kind("percentage") == "share" and word_kind("fraction") == "share"
    for text in ("About half of the riders pay by card.", "Card use reached 60 percent.",
                 "One in five riders pays cash.", "Of the nine ferries, two are electric.",
                 "Fares rose 12%."):
        assert kind_said("share", text), text
    for text in ("The ferry took $4,000 last May.", "It carries 300 riders a day."):
        assert not kind_said("share", text), text
    # "80 percent" is still a change's unit
    assert "change" in figure_kinds("Queries fell by roughly 80 percent.")
