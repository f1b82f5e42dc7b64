"""A fact about the entity one article tells of: that article's figure leads, other
articles' sentences not naming it leave the answer (``assistant.entity_fact``), and the
name is found behind a possessive or a word the library writes in lower case
(``assistant.article_reference``)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from assistant.article_reference import ArticleReference, _name_groups
from assistant.corpus_index import tokens
from assistant.entity_fact import entity_fact
from assistant.sentences import Candidate
from tests.conftest import passage as _passage
from tests.conftest import vocab_index as _index
from tests.measure_tail import visible

LABELS = Path(__file__).parent / "data" / "entity_labels16.jsonl"


def _cand(aid: str, text: str, sem: float = 0.5) -> Candidate:
    chunk, spans = _passage(aid, [text])
    return Candidate(chunk, spans[0], text, 0.8, 0, None, sem=sem,
                     toks=frozenset(tokens(text)))


def _named(aid: str, name: str) -> SimpleNamespace:
    return SimpleNamespace(article=None, named=ArticleReference(
        "article-" + aid, name, 0.6, 0.6, True))  # ``passage`` prefixes its ids


# own wording, not any article's
OTHER = _cand("other", "Each Gunicorn worker in the class project used about 95 MB of memory.",
              sem=0.9)
MINE = _cand("mine", "Our Gunicorn workers take about 240 MB of memory apiece.", sem=0.6)
SCENE = _cand("mine", "Bluefin sells tickets for concerts in Lisbon.", sem=0.7)
ABOUT = _cand("third", "Unlike Bluefin, the agency runs Node.js everywhere.", sem=0.4)


def test_the_named_articles_figure_leads_and_other_articles_figures_go() -> None:
    q = "How much memory does each of Bluefin's Gunicorn workers use?"
    shown, hidden = entity_fact(q, _named("mine", "Bluefin"), [OTHER, SCENE], [MINE], [],
                                _index(OTHER, MINE, SCENE))
    assert shown[0] is MINE
    assert OTHER not in shown and OTHER in hidden


def test_another_articles_sentence_naming_the_entity_stays() -> None:
    q = "How many tickets does Bluefin sell?"
    shown, _hidden = entity_fact(q, _named("mine", "Bluefin"), [SCENE, ABOUT, OTHER], [], [],
                                 _index(SCENE, ABOUT, OTHER))
    assert ABOUT in shown and OTHER not in shown


def test_without_a_reference_or_a_sentence_of_the_article_nothing_changes() -> None:
    q = "How much memory does a Gunicorn worker use?"
    none = SimpleNamespace(article=None, named=None)
    assert entity_fact(q, none, [OTHER, MINE], [], [], _index(OTHER, MINE)) == (
        [OTHER, MINE], [])
    assert entity_fact(q, _named("absent", "Zed"), [OTHER], [], [], _index(OTHER)) == (
        [OTHER], [])


def test_a_possessive_ends_a_name() -> None:
    assert _name_groups("How big is Bluefin Pay's Gunicorn pool?") == [
        "How", "Bluefin Pay's", "Gunicorn"]


def _labels(split: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    return [r for r in rows if r["split"] == split]


@pytest.mark.integration
def test_field_entity_questions_lead_with_their_articles_figure(field_versus: Any) -> None:
    """Tune labels on the field articles (bundled + field library): the lead states the
    evidence and no labelled other-article sentence is shown."""
    from assistant.evaluation import Evidence, in_answer_text

    field = {p.stem for p in (Path(__file__).parent / "field" / "articles").iterdir()}
    rows = [r for r in _labels("tune") if r["evidence"][0]["article_id"] in field]
    assert len(rows) >= 6
    led = 0
    for r in rows:
        ans = field_versus.ask(r["question"])
        sents = visible(ans.answer)
        led += bool(sents) and in_answer_text(sents[0], [Evidence(**e) for e in r["evidence"]])
        for off in r["off"]:
            assert off.lower() not in ans.answer.lower(), (r["id"], ans.answer)
    assert led >= len(rows) - 1


@pytest.mark.integration
def test_a_name_modifying_a_noun_its_article_never_uses_refers_to_no_article(
        field_versus: Any) -> None:
    """"the Leeds studio": the startup's write-up set in Leeds is no studio's; a plain name
    of the same article still refers to it."""
    from assistant.article_focus import reference

    r = field_versus.chain.retriever
    idx = r.index()
    tok = idx.tokenizer or r.tokenizer

    def ref(q: str) -> Any:
        return reference(q, idx, field_versus.embedder, r.subjects, tok)

    assert ref("How many backends has the Leeds studio shipped?") is None
    got = ref("How many cafes does Pantrypal serve?")
    assert got is not None and got.article_id == "small-startup-django-or-node"
