"""A sentence that measures one side against the other weighs them (weigh24, issues 9 / 11).

The sentences are invented for this test (none is taken from an article): the composer
keeps a both-sides sentence under "Compared directly" only when ``lean.weighs`` says it
weighs, and a measured comparison without a comparison word ("than", "better") used to
go to "more from the sources".
"""

from __future__ import annotations

import re

import pytest

from assistant.lean import weighs
from assistant.measured_comparison import measures_sides, paired_figures

#: Two sides spelt as the configuration's ``patterns`` spells them (a fixture of our own,
#: not the shipped configuration: the rule must not depend on its aliases).
SIDES = {"Flask": re.compile(r"\bFlask\b", re.I),
         "Deno": re.compile(r"\bDeno\b|\bOak\b", re.I)}


@pytest.mark.parametrize("text", [
    # a multiple with its standard, "as ... as" / "the ... of"
    "Our Deno gateway handled roughly three times as many jobs per minute as the Flask one.",
    "The Oak service cost about a quarter as much to run each week as the Flask service.",
    "In the soak test the Deno build used half the disk space of the Flask build.",
    "The new cluster processed 4.2 times the messages per hour of the old one.",
    # a figure against a figure
    "The Flask workers held 640 open sockets, against about 2,900 for the Deno process.",
    "Cold starts took 900 ms on Flask, compared with 350 ms for Deno.",
])
def test_a_measure_with_its_standard_weighs(text: str) -> None:
    assert measures_sides(text)  # no sides needed: the form carries its standard
    assert weighs(text)


@pytest.mark.parametrize("text", [
    # paired figures, the figure after or before its side's name
    "The Flask admin was 1,300 lines long and the Deno one ended at roughly 2,050.",
    "Median page time moved from 74 ms on Flask to 96 ms on Deno after the rewrite.",
    "Moving the feed from 9 Flask pods to 4 Deno pods cut the invoice by a third.",
    # a measured comparative in a sentence naming both sides
    "In our tests Deno came out five times quicker on the Flask team's fixtures.",
    "Flask pages rendered 40 percent sooner in the Deno team's own harness.",
    "The Deno port needed 11 more days of review in the Flask group's estimate.",
])
def test_a_measure_naming_both_sides_weighs(text: str) -> None:
    assert measures_sides(text, SIDES)
    assert weighs(text, SIDES)
    assert not measures_sides(text)  # without the sides these forms prove nothing


@pytest.mark.parametrize("text", [
    "We run Flask 3.1 for the admin and Deno 2 for the scheduled jobs.",  # releases
    "We adopted Flask in 2018 and Deno in 2022.",  # years
    "Our Flask team ran some 450 deployments on the Deno staging box.",  # one figure
    "Flask and Deno each have a friendly community and good guides.",  # no measure
    "The Deno service is 40 percent cheaper to run.",  # one side: not a both-sides line
    "About 30 engineers work on the Flask code, and Deno is used for scripts.",  # one figure
])
def test_no_measured_comparison(text: str) -> None:
    assert not measures_sides(text, SIDES)
    assert not weighs(text, SIDES)


def test_paired_figures_need_a_figure_on_each_side_of_the_change() -> None:
    # both figures between the two names belong to one side's clause
    assert not paired_figures("Flask took 12 days and then 3 more before Deno", SIDES)
    assert paired_figures("Flask took 12 days, the Deno port about 3", SIDES)
    assert not paired_figures("Flask took 12 days, Deno 3 is out", SIDES)  # a release
