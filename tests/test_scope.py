"""Abstention's scope rules (``assistant.scope``): the unnamed pair, a member alias named
for itself, a subject's own product or part, the default of a kind.

Examples are written for these tests (none from a review or eval set). The pure functions
run on invented text; ``assess`` runs on a real store of the bundled articles built with a
fake embedder, the dense score set explicitly (as ``tests/test_abstain.py`` does).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from assistant.abstain import assess
from assistant.retriever import HybridRetriever, Retrieval
from assistant.scope import (
    asked_kind,
    default_unsaid,
    defined_term,
    describes,
    member_names,
    mentions,
    pair_meant,
    quoted_in,
    subject_products,
    unknown_compound,
)
from knowledge.subjects_config import default_subjects, load_comparison_config

PAIR_TOML = """
title = "Flask vs Koa"

[[subjects]]
name = "Flask"
aliases = ["Flask", "Werkzeug"]

[[subjects]]
name = "Koa"
aliases = ["Koa", "Koa.js"]

[[criteria]]
name = "Security"
questions = ["secure", "security"]
strong = ["secur*"]
"""


def _index(*texts: str, tok: Any = None) -> Any:
    tok = tok or default_subjects().tokenizer
    return SimpleNamespace(
        chunks=[SimpleNamespace(text=t) for t in texts], memo={},
        vocabulary=frozenset(t for text in texts for t in tok.tokens(text)))


@pytest.mark.parametrize("question", [
    "Which of the two is less likely to leak data?",
    "Which one handles more traffic?",
    "Between the two, which is cheaper to host?",
    "Which is quicker to get started with?",
    "Which of these two frameworks has better docs?",
    "Which scales further?",
    # the asking clause after a sentence that tells the situation
    "Our users arrive in waves at lunchtime. Which stack handles that better?",
    "We have a small budget and no ops team. Which is cheaper to run?",
])
def test_a_question_without_subjects_or_options_means_the_pair(question: str) -> None:
    assert pair_meant(question, default_subjects())


@pytest.mark.parametrize("question", [
    "Which of the two rivers is longer?",  # the two are rivers
    "Which is healthier, tea or coffee?",  # its own options
    "Which of the three is the fastest?",  # more than the pair
    "Which is faster than a bicycle?",
    "Is Django harder to learn?",  # names a subject: not unnamed
    "What is the capital of Peru?",  # not a comparison
    "Which server should I rent?",  # a noun ending in -er is no comparative
    "Which pasta do you like? Mine is better than yours.",  # the comparative is not asked
    "My car broke down. Which is cheaper, a bus or a taxi?",  # its own options
])
def test_a_question_with_its_own_options_does_not(question: str) -> None:
    assert not pair_meant(question, default_subjects())


@pytest.mark.parametrize(("question", "term"), [
    ("What exactly is Koa?", "Koa"),
    ("what's Werkzeug", "Werkzeug"),
    ("Define Express.js.", "Express.js"),
    ("Can you tell me what ExpressJS is?", "ExpressJS"),
    ("What does ORM stand for?", "ORM"),
    ("How fast is Koa?", None),
    ("Which is better, Flask or Koa?", None),
])
def test_the_term_a_definition_question_asks_about(question: str, term: str | None) -> None:
    assert defined_term(question) == term


def test_a_member_alias_comes_from_the_subjects_file(tmp_path: Path) -> None:
    toml = tmp_path / "pair.toml"
    toml.write_text(PAIR_TOML, encoding="utf-8")
    pair = load_comparison_config(toml)
    assert member_names("Werkzeug", pair) == ("Werkzeug",)
    assert member_names("Koa.js", pair) == ()  # spells its subject's own name
    assert member_names("Express", pair) == ()  # not an alias of this pair
    bundled = default_subjects()
    assert "Express" in member_names("Express", bundled)
    assert "Express.js" in member_names("express", bundled)
    assert member_names("Node", bundled) == ()
    assert member_names("Python Django", bundled) == ()
    assert member_names("advantages of Node.js", bundled) == ()


def test_a_passage_that_says_what_a_thing_is_describes_it() -> None:
    said = _index("Werkzeug is the toolkit underneath the framework.")
    used = _index("We ran it with Werkzeug for two years.")
    spelled = _index("It follows the Model-View-Template (MVT) pattern.")
    assert describes(["Werkzeug"], said)
    assert not describes(["Werkzeug"], used)
    assert mentions(["Werkzeug"], used)
    assert describes(["MVT"], spelled)
    assert not mentions(["Werkzeug"], _index("Werkzeugs are not a thing."))
    # a name before the kind of software it is says what it is
    assert describes(["V8"], _index("It runs on Google Chrome's V8 JavaScript engine."))
    assert describes(["Werkzeug"], _index("Flask sits on the Werkzeug toolkit library."))
    assert not describes(["V8"], _index("V8 made it fast."))
    # a relative clause on the name (or on the thing it names) says what it is
    assert describes(["Quokka"], _index(
        "Django now ships the Quokka cache layer, which answers queries from memory."))
    assert not describes(["Quokka"], _index("We tried Quokka last year."))


def test_a_subject_name_with_unknown_capitalised_words_is_another_product() -> None:
    cfg = default_subjects()
    vocab = frozenset({"django", "admin", "framework", "node", "js"})
    assert subject_products("What is Django REST Framework?", cfg, vocab) == [
        "Django REST Framework"]
    assert subject_products("Does Django Ninja validate input?", cfg, vocab) == [
        "Django Ninja"]
    assert subject_products("What is the Django Admin?", cfg, vocab) == []
    assert subject_products("Is Django fast?", cfg, vocab) == []


def test_a_part_of_a_subject_no_passage_names_is_found() -> None:
    cfg = default_subjects()
    tok = cfg.tokenizer
    idx = _index("Django has an ORM and an admin panel. Node.js modules come from npm.")
    assert unknown_compound("How do Django signals work?", cfg, idx, tok) == ["signals"]
    assert unknown_compound("What does Django's collectstatic do?", cfg, idx, tok) == [
        "collectstatic"]
    assert unknown_compound("What is the Node.js cluster module?", cfg, idx, tok) == [
        "cluster"]
    assert unknown_compound("What do Node.js modules do?", cfg, idx, tok) == []
    # a verb or complement after a bare subject is not a part of it
    assert unknown_compound("Is Django overkill for a blog?", cfg, idx, tok) == []
    assert unknown_compound("Does Django scaffold forms?", cfg, idx, tok) == []
    # only the head word after the subject: a verb or a complement after it is not a part
    # (these declined answerable questions of the fifth blind review before)
    served = _index("A Node.js server handles requests. Django has an admin panel, on by default.")
    assert unknown_compound("When a Node.js server calls an API, does it wait?", cfg, served,
                            tok) == []
    assert unknown_compound("Is Django's admin-by-default worth the weight?", cfg, served,
                            tok) == []


def test_a_default_no_sentence_states_is_unsaid() -> None:
    cfg = default_subjects()
    tok = cfg.tokenizer
    idx = _index("Django uses a relational database. Cookies are secure by default.")
    q = "What database does Django use by default?"
    assert asked_kind(q, cfg, tok) == list(tok.tokens("database"))
    assert default_unsaid(q, asked_kind(q, cfg, tok), idx, tok)
    from assistant.scope import kind_phrase

    assert kind_phrase(q) == "database"
    said = _index("Out of the box, the default database is a single local file.")
    assert not default_unsaid(q, asked_kind(q, cfg, tok), said, tok)
    assert asked_kind("Which framework does Django use?", cfg, tok) == []
    assert asked_kind("What kinds of apps does Node.js suit?", cfg, tok) == []


# -- assess on a real store of the bundled articles ----------------------------------------


def _signals(fake_retriever: HybridRetriever, question: str, dense_top: float) -> Retrieval:
    return replace(fake_retriever.search(question, 5), dense_top=dense_top)


@pytest.mark.parametrize(("question", "reason"), [
    ("What exactly is Express?", "undescribed-member"),
    ("What is Django Ninja?", "foreign-name"),
    ("Which port does Django listen on?", "off-topic"),
    ("What database does Django use by default?", "default-unsaid"),  # review u20
    ("How do Django signals work?", "off-topic"),
])
def test_what_the_bundled_articles_do_not_cover_is_declined(
        fake_retriever: HybridRetriever, question: str, reason: str) -> None:
    cov = assess(question, _signals(fake_retriever, question, dense_top=0.7))
    assert not cov.covered, cov.signals
    assert cov.reason == reason, cov.signals


@pytest.mark.parametrize("question", [
    "Which of the two is less exposed to security holes?",
    "Which one is more secure?",
])
def test_an_unnamed_pair_compared_on_a_criterion_is_covered(
        fake_retriever: HybridRetriever, question: str) -> None:
    cov = assess(question, _signals(fake_retriever, question, dense_top=0.3))
    assert cov.covered, cov.signals


@pytest.mark.parametrize("question", [
    "What is Node?",
    "Is Django secure by default?",
    "What does MVT stand for in Django?",
    "What is the Django admin?",
    # questions naming a kind in words of their own (declined by an earlier rule)
    "What trouble does Django hit when an app is broken into many services?",
    "Which parts would I need separate packages for in Node.js?",
    "What is V8?",
    "What exactly is Node.js?",  # an adverb, not a kind of thing
])
def test_what_the_bundled_articles_cover_stays_covered(
        fake_retriever: HybridRetriever, question: str) -> None:
    cov = assess(question, _signals(fake_retriever, question, dense_top=0.7))
    assert cov.covered, cov.signals


def test_a_name_at_the_head_of_the_question_is_what_it_asks_about() -> None:
    from assistant.scope import at_head

    assert at_head("What is DRF used for?", "DRF")
    assert at_head("Does DRF support tokens?", "DRF")
    assert not at_head("What is the TCO of Django?", "TCO")
    assert not at_head("Is the UX of Django nicer?", "UX")
    assert not at_head("Which has the better DX, Django or Node.js?", "DX")


def test_a_strict_definition_is_a_copula_with_an_article_or_an_apposition() -> None:
    from assistant.scope import describing

    strict = describing(["Koa"], strict=True)
    assert strict is not None
    assert strict.search("Koa is a small web layer for Node.js.")
    assert strict.search("Koa, the successor of Express, is small.")
    assert not strict.search("Koa is insecure by default.")
    assert not strict.search("We ran Koa is what they said")  # no article after the copula
    loose = describing(["Koa"])
    assert loose is not None and loose.search("Koa is insecure by default.")
    assert describing([]) is None


@pytest.mark.parametrize("question", ["Is Express fast?", "Does Express.js scale well?"])
def test_a_member_the_articles_never_name_gets_a_note(fake_retriever: HybridRetriever,
                                                      question: str) -> None:
    """The bundled articles never name Express: an answer from Node.js's passages says
    it is about Node.js."""
    cov = assess(question, _signals(fake_retriever, question, dense_top=0.6))
    assert cov.covered, cov.signals
    assert "don't mention Express" in cov.note and "Node.js" in cov.note, cov.note
    plain = assess("Is Node.js fast?", _signals(fake_retriever, "Is Node.js fast?", dense_top=0.6))
    assert plain.note == ""


@pytest.mark.parametrize(("question", "texts", "expected"), [
    # quoted in the question and held word for word (case and hyphen aside)
    ("People call it 'batteries included'. What does that mean?",
     ["Its batteries-included approach ships an ORM."], "batteries included"),
    ("What is \u201cthe event loop\u201d about?", ["Node.js runs The Event Loop."],
     "the event loop"),
    # a quoted phrase no passage holds
    ("What does 'gluten free' mean?", ["Django ships an ORM."], None),
    # one quoted word is no phrase; apostrophes of contractions pair up nothing
    ("What does 'ORM' mean?", ["Django ships an ORM."], None),
    ("Don't you think it's fast?", ["t you think it is fast"], None),
    # a word of the phrase inside a longer word is not the phrase
    ("Is it 'event loops' or not?", ["the event loopsy thing"], None),
])
def test_a_quoted_phrase_counts_only_when_a_passage_holds_it(
        question: str, texts: list[str], expected: str | None) -> None:
    assert quoted_in(question, texts) == expected
