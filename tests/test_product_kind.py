"""A use named as a kind of product vs a criterion (``assistant.product_kind``)."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.product_kind import OTHER_SENSE, demote, other_sense, product_modifiers
from knowledge.subjects_config import default_subjects

CUES = {"learning": "Learning curve", "learn": "Learning curve", "community": "Community",
        "chat": "Use cases", "secure": "Security", "security": "Security"}


def _criterion(text: str) -> str | None:
    return next((c for w, c in CUES.items() if w in text.lower().split()), None)


def _quality(word: str) -> bool:
    return word.lower() in ("secure", "fast")


def test_a_product_modifier_naming_a_criterion_is_found() -> None:
    q = "Django or Node.js for a learning platform where students take quizzes?"
    assert product_modifiers(q, _criterion, _quality) == ("learning",)
    assert product_modifiers("Which suits a community forum?", _criterion, _quality) == (
        "community",)


def test_quality_use_asked_or_criterion_words_are_not_product_modifiers() -> None:
    assert product_modifiers("Which is best for a secure banking app?", _criterion,
                             _quality) == ()
    assert product_modifiers("Which is best for a chat app?", _criterion, _quality) == ()
    # the rest of the question asks about learning itself
    assert product_modifiers("Which is easier to learn for a learning platform?",
                             _criterion, _quality) == ()
    # the matrix view weighs that criterion: its evidence stays
    assert product_modifiers("Which suits a community forum?", _criterion, _quality,
                             asked="Community") == ()
    # "learning curve" is not a product
    assert product_modifiers("How steep is the learning curve?", _criterion, _quality) == ()


def test_other_sense_is_the_modifier_without_a_product_noun() -> None:
    assert other_sense("It is comparatively easy to learn.", ["learning"])
    assert other_sense("Learning curve — Steeper for newbies.", ["learning"])
    assert not other_sense("It suits e-learning platforms and online shops.", ["learning"])
    assert not other_sense("It suits educational platforms.", ["learning"])


def test_demote_with_the_configured_criteria() -> None:
    cands = [SimpleNamespace(text="Django is comparatively easy to learn.", table_label=None,
                             score=1.0),
             SimpleNamespace(text="Django suits educational platforms.", table_label=None,
                             score=1.0)]
    demote("Django or Node.js for a learning platform with quizzes?", cands,
           default_subjects())
    assert [c.score for c in cands] == [1.0 - OTHER_SENSE, 1.0]
    demote("Which is easier to learn, Django or Node.js?", cands, default_subjects())
    assert [c.score for c in cands] == [1.0 - OTHER_SENSE, 1.0]


def test_adjunct_word_is_the_ing_word_before_a_product_noun() -> None:
    from assistant.product_kind import adjunct_word

    assert adjunct_word(["online", "learning", "app", "with", "video", "lessons"]) == "learning"
    assert adjunct_word(["learning", "platform"]) == "learning"
    assert adjunct_word(["machine", "learning", "and", "data", "work"]) == "machine"
