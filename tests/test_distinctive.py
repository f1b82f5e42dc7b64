"""A retrieved sentence holding what sets the question apart (its rare words, its phrases,
the asked answer type) is shown first when it clearly beats the shown ones
(``assistant.distinctive``): blind review 17's h32 showed "Due to its solid scalability,
..." and left "Instagram scaled Django to an enormous user base" under "more". Fast units
on hand-built candidates (scene words switched off unless a test sets them), one
integration test on the real bundled store."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest

import assistant.asked_point as asked_point
import assistant.distinctive as distinctive
from assistant.corpus_index import tokens
from assistant.distinctive import asked_type, promote
from assistant.sentences import Candidate
from tests.conftest import passage

NAMES = frozenset({"django", "nodejs"})


def _scene(words: dict[str, frozenset[str]]) -> Callable[[Any, str], frozenset[str]]:
    return lambda index, article_id: words.get(article_id, frozenset())


@pytest.fixture(autouse=True)
def _no_scene(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asked_point, "topic_terms", _scene({}))
    monkeypatch.setattr(distinctive, "topic_terms", _scene({}))


def _cands(cid: str, texts: list[str], score: float = 0.5) -> list[Candidate]:
    chunk, spans = passage(cid, texts)
    return [Candidate(chunk, sp, t, score, i, None, toks=frozenset(tokens(t)))
            for i, (t, sp) in enumerate(zip(texts, spans, strict=True))]


# other passages of the store: "Instagram" and "Angular" written mid-sentence (proper names),
# "however" in lower case (a common word, though it opens sentences)
STORE = ["Big sites like Instagram and Pinterest run it.", "Teams pair it with Angular often.",
         "It is slow, however, on cold starts.", "Pantrypal tracks stock for cafes."]


def _index(cands: list[Candidate]) -> Any:
    chunks = {c.chunk.chunk_id: c.chunk for c in cands}
    extra, _ = passage("zz", STORE)
    chunks[extra.chunk_id] = extra
    vocab: dict[str, int] = {}
    toks = [frozenset(tokens(c.text)) for c in chunks.values()]
    for ts in toks:
        for t in ts:
            vocab[t] = vocab.get(t, 0) + 1
    return SimpleNamespace(vocabulary=vocab, memo={}, chunks=list(chunks.values()),
                           chunk_tokens=toks, metas={}, tokenizer=None)


def _run(question: str, visible: list[Candidate], cands: list[Candidate]) -> list[Candidate]:
    hidden = [c for c in cands if c not in visible]
    shown, rest = promote(question, visible, hidden, cands, tokens(question), _index(cands),
                          NAMES)
    assert not set(map(id, shown)) & set(map(id, rest))  # nothing shown twice
    assert {id(c) for c in [*shown, *rest]} == {id(c) for c in [*visible, *hidden]}
    return shown


SCALE = ["However, Django handles user growth with solid scalability.",
         "Instagram scaled Django to huge numbers of users.",
         "The admin saves time."]


def test_a_hidden_sentence_with_the_asked_name_goes_first() -> None:
    cands = _cands("s1", SCALE)
    shown = _run("Which well-known app shows that Django scales to huge numbers of users?",
                 [cands[0]], cands)
    assert shown[:2] == [cands[1], cands[0]]


def test_the_story_company_is_its_setting_not_the_asked_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    cands = _cands("p1", ["Django handles user growth with solid scalability.",
                          "Pantrypal scaled Django to a vast user base."])
    monkeypatch.setattr(distinctive, "topic_terms", _scene({"article-p1": frozenset(
        {"pantrypal"})}))
    shown = _run("Which well-known app shows that Django scales to huge numbers of users?",
                 [cands[0]], cands)
    assert shown == [cands[0]]


def test_a_question_phrase_held_in_order_lifts_the_shown_sentence_first() -> None:
    cands = _cands("h1", ["Django has template caching and tools for the heavy parts of "
                          "lifting data migrations.",
                          "Django can be used with stacks like Angular or Node.js for this "
                          "heavy lifting of scalability data."])
    shown = _run("Which other technologies help Django with the heavy lifting of scale?",
                 list(cands), cands)
    assert shown[0] is cands[1]


def test_an_article_never_naming_the_asked_company_gives_no_answer() -> None:
    lead = _cands("k1", ["Kestrel Pay runs sixteen Gunicorn workers."])
    other = _cands("r1", ["Each worker of the student build used about 310 MB of memory "
                          "at rest."], score=0.6)
    shown = _run("How much memory does each Kestrel Pay worker use at rest?", lead,
                 [*other, *lead])
    assert shown == lead


def test_a_tie_leaves_the_scorer_order() -> None:
    cands = _cands("t1", ["Django ships an admin for staff.", "Django ships an admin too."])
    shown = _run("Which admin does Django ship for staff?", [cands[0]], cands)
    assert shown == [cands[0]]


@pytest.mark.parametrize(("question", "kind"), [
    ("Which well-known app do the practitioners cite as proof?", "name"),
    ("Which library does Django use to verify the token?", "name"),
    ("Which parts of Turnstile did the team keep on Django?", "list"),
    ("Which other technologies does the article suggest running alongside Django?", "list"),
    ("What did Turnstile gain by using ws?", None),
    ("Why did they pick Fastify?", None),
    ("Which is faster, Django or Node.js?", None),
])
def test_asked_type(question: str, kind: str | None) -> None:
    assert asked_type(question) == kind


@pytest.mark.integration
@pytest.mark.xfail(reason="rank19: holds on store d (bundled + field + tuning10) but not on "
                   "the bundled-only fixture store, where the rule does not fire; not yet "
                   "understood", strict=False)
def test_the_named_stacks_for_heavy_lifting_are_shown(ingested_versus: Any) -> None:
    ans = ingested_versus.ask("Which other technologies does the robust-web-apps article "
                              "suggest running alongside Django for the heavy lifting of "
                              "scale?", [])
    assert "Angular or Node.js" in ans.answer
