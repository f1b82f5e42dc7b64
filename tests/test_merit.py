"""Pros/cons merit of a sentence for one subject (``assistant.merit``), with a fake stance."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.merit import claim, concession, merit
from assistant.verdict import CriterionView

NAMES = ("Django", "Node.js")


def _find(text: str) -> Sequence[str]:
    low = text.lower()
    return tuple(n for n in NAMES if n.lower() in low or (n == "Node.js" and "node" in low))


def _view(good: Sequence[str], bad: Sequence[str]) -> CriterionView:
    """A stance that reads a sentence by listed words only: a good word favours the
    sentence's subject, a bad word the other one."""

    def stance(text: str, subject: str) -> str:
        low = text.lower()
        score = sum(w in low for w in good) - sum(w in low for w in bad)
        other = next(n for n in NAMES if n != subject)
        return subject if score > 0 else other if score < 0 else "neither"

    return CriterionView(None, subjects=NAMES, stance=stance)


VIEW = _view(good=("smooth", "secure", "fast", "offers"), bad=("complex", "slow", "lacks",
                                                               "outdated", "changes"))


def test_claim_drops_bracketed_examples() -> None:
    text = ("Heavy jobs (for instance, complex algorithms or big exports) run smoothly "
            "with Django.")
    assert claim(text) == "Heavy jobs run smoothly with Django."
    assert merit(VIEW, text, "Django", "Django", NAMES, find=_find) == 1


def test_claim_drops_a_closing_turn_to_another_subject_only() -> None:
    text = "Setup takes longer because it lacks defaults, whereas Django offers them."
    assert claim(text, "Node.js", _find) == "Setup takes longer because it lacks defaults."
    assert merit(VIEW, text, "Node.js", "Node.js", NAMES, find=_find) == -1
    # "while" + a gerund is simultaneity, not a turn; a clause naming the asked side stays
    kept = "It answers fast while keeping memory low."
    assert claim(kept, "Node.js", _find) == kept
    same = "It is fast, whereas Node.js is slow."
    assert claim(same, "Node.js", _find) == same


def test_a_sentence_about_the_other_subject_counts_only_as_a_comparison() -> None:
    # a weakness of Node.js is no weakness of Django ...
    assert merit(VIEW, "Node.js is slow with threads.", "Node.js", "Django", NAMES,
                 find=_find) == 0
    # ... unless it compares them: then it is a strength of Django
    assert merit(VIEW, "It is slow next to Django.", "Node.js", "Django", NAMES,
                 find=_find) == 1


def test_an_inferred_subject_takes_the_tone_when_the_stance_has_no_side() -> None:
    neutral = _view(good=(), bad=())
    text = "Packages may be abandoned, buggy and dangerous to rely on."
    assert merit(neutral, text, "Node.js", "Node.js", NAMES, find=_find) == 0
    assert merit(neutral, text, "Node.js", "Node.js", NAMES, inferred=True, find=_find) == -1


def test_a_concession_and_its_turn_are_not_a_weakness() -> None:
    assert concession(VIEW, "Node.js is very secure.", "But next to the other, things change!",
                      "Node.js", "Node.js", -1, NAMES, _find)
    # a turn that states a weakness itself is one
    assert not concession(VIEW, "Node.js is very secure.", "But it is slow to set up.",
                          "Node.js", "Node.js", -1, NAMES, _find)
