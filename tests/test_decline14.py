"""Review 12's scope misses, as fast units (fakes only where the rule reads no model):

* a foreign name in the asking clause of an either-or question is what it asks, one told
  before it is the asker's setting (``situation.only_tell``, c41);
* a date / version / price asked must sit in a sentence holding the question's topic, not
  anywhere in a passage that holds the topic elsewhere (``answer_frame``, c42, c43);
* "how much X" asks a measure of X, not about a product X named in passing (c26);
* a named third technology's sentence is on topic by its article's scene words, the
  asker's own stack or a when-question's condition (``named_topic``, c02, c15, c23).

The same behaviour on the real model and store: ``tests/test_decline14_integration.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

import assistant.named_topic as named_topic
from assistant.answer_frame import answer_frame, frame_evidence
from assistant.question_names import measured
from assistant.situation import only_told
from knowledge.text.tokens import Tokenizer

TOK = Tokenizer(names=(("nodejs", ("Node.js", "Node")), ("django", ("Django",))))
SUBJECTS = frozenset({"nodejs", "django"})


def test_a_name_told_before_the_asking_clause_is_the_askers_setting() -> None:
    assert only_told("Our shop runs Elixir today. Django or Node.js?", ["Elixir"])
    assert only_told("Our app ships with Svelte on the front: Django or Node.js?", ["Svelte"])


def test_a_name_inside_the_asking_clause_is_what_it_asks() -> None:
    assert not only_told("Which is quicker to deploy on Nomad, Django or Node.js?", ["Nomad"])
    assert not only_told("We use Svelte. Which pairs better with Svelte, Django or Node?",
                         ["Svelte"])
    assert not only_told("Django or Node.js?", ["Nomad"])  # not mentioned at all


def test_how_much_of_a_name_asks_its_measure() -> None:
    assert measured("Roughly how much VRAM does one worker take?", "VRAM")
    assert measured("how many GB per process in the table?", "GB")
    assert not measured("How do I point a custom domain at Netlify?", "Netlify")
    assert not measured("How much does Netlify charge?", "Netlify")


def _index(*passages: list[str]) -> SimpleNamespace:
    """A fake index: each passage a list of sentences, with sentence spans."""
    chunks, rows, chunk_tokens = [], {}, []
    for n, sents in enumerate(passages):
        text = " ".join(sents)
        chunk = SimpleNamespace(text=text, chunk_id=f"c{n}", start=0, row=None)
        spans, at = [], 0
        for s in sents:
            spans.append((at, at + len(s), 0))
            at += len(s) + 1
        chunks.append(chunk)
        rows[chunk.chunk_id] = spans
        chunk_tokens.append(frozenset(TOK.tokens(text)))
    vocabulary: dict[str, int] = {}
    for ct in chunk_tokens:
        for t in ct:
            vocabulary[t] = vocabulary.get(t, 0) + 1
    return SimpleNamespace(chunks=chunks, chunk_tokens=chunk_tokens, vocabulary=vocabulary,
                           sentence_rows=rows, tokenizer=TOK)


def test_a_price_in_another_sentence_than_the_topic_is_no_answer() -> None:
    frame = answer_frame("What hourly fee did the bakery startup pay its freelance designer?",
                         TOK, SUBJECTS)
    assert frame is not None and frame.kind == "price"
    apart = _index(["The bakery startup hired a freelance designer in May.",
                    "Our server costs 30 dollars a month."])
    assert frame_evidence(frame, [], apart) is None
    together = _index(["The bakery startup paid its freelance designer 50 dollars an hour."])
    assert frame_evidence(frame, [], together) == "answered"


def test_a_year_in_another_sentence_than_the_release_is_no_date() -> None:
    frame = answer_frame("When was Django 6.1 released?", TOK, SUBJECTS)
    assert frame is not None and frame.kind == "date"
    apart = _index(["We upgraded to Django 6.1 last spring.", "The team formed in 2019."])
    assert frame_evidence(frame, ["django"], apart) is None
    together = _index(["Django 6.1 came out in April 2027."])
    assert frame_evidence(frame, ["django"], together) == "answered"


@dataclass
class _Item:
    text: str
    mentions: frozenset[str]
    article: str
    topical: bool = False
    cells: tuple[Any, ...] = ()
    lead: Any = field(init=False)

    def __post_init__(self) -> None:
        self.lead = SimpleNamespace(chunk=SimpleNamespace(article_id=self.article))


def _named(display: str, *names: str, subject: str | None = None) -> Any:
    return SimpleNamespace(display=display, names=frozenset(names), subject=subject,
                           third=subject is None)


CONFIG = SimpleNamespace(find_subjects=lambda w: ("Node.js",) if w.lower().startswith(
    "node") else ("Django",) if w.lower() == "django" else ())


@pytest.fixture
def scenes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Article scene words without a real index (``scene.topic_terms`` reads one)."""
    words = {"diary": frozenset({"bakeri", "queue", "diari"}), "other": frozenset({"survey"})}
    monkeypatch.setattr(named_topic, "topic_terms", lambda _i, aid: words.get(aid, frozenset()))


@pytest.mark.usefixtures("scenes")
def test_a_question_word_naming_the_article_puts_its_sentence_on_topic() -> None:
    hono, express = _named("Hono", "hono"), _named("Express", "express", subject="Node.js")
    mine = _Item("We picked Hono over Express for its tiny router.",
                 frozenset({"Hono", "Express"}), "diary")
    elsewhere = _Item("Hono answered 20,000 requests a second.", frozenset({"Hono"}), "other")
    named_topic.mark_topical("What won the bakery team over to Hono instead of Express?",
                             [mine, elsewhere], [hono, express], None, CONFIG)
    assert mine.topical and not elsewhere.topical


@pytest.mark.usefixtures("scenes")
def test_the_askers_own_stack_is_on_topic() -> None:
    rails = _named("Rails", "rails", "ruby")
    said = _Item("A Ruby shop should stay on Rails.", frozenset({"Rails"}), "other")
    named_topic.mark_topical("We already write Ruby. Any reason to leave Rails for Django?",
                             [said], [rails, _named("Django", "django", subject="Django")],
                             None, CONFIG)
    assert said.topical
    other = _Item("A Ruby shop should stay on Rails.", frozenset({"Rails"}), "other")
    named_topic.mark_topical("Any reason to leave Rails for Django?", [other],
                             [rails, _named("Django", "django", subject="Django")], None,
                             CONFIG)
    assert not other.topical  # no stack told, no shared word: still off topic


@pytest.mark.usefixtures("scenes")
def test_a_when_question_meets_a_condition_sentence() -> None:
    deno = _named("Deno", "deno")
    cond = _Item("If you want secure defaults, Deno is the better choice.",
                 frozenset({"Deno"}), "other")
    plain = _Item("Deno ships a formatter.", frozenset({"Deno"}), "other")
    named_topic.mark_topical("When is Deno worth the switch from Node?", [cond, plain],
                             [deno, _named("Node.js", "node", subject="Node.js")], None,
                             CONFIG)
    assert cond.topical and not plain.topical
