"""An article meant by the kind or role of its company, person or form
(``assistant.article_kind``): phrase extraction and the match on a fake library; the
integration tests run the real model and store on the bundled + field articles."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant import article_focus
from assistant.article_kind import kind_phrases, lone_name, referred_by_kind
from assistant.corpus_index import _default_tokenizer
from assistant.intent import classify_intent
from knowledge.models import ArticleMeta, Chunk

SUBJECTS = ("Django", "Node.js")

LABELS = Path(__file__).parent / "data" / "kind_labels22.jsonl"


def test_a_possessive_kind_is_its_owner() -> None:
    """"the payments company's engineers" means the company (review 20's k24)."""
    assert kind_phrases("What irks the payments company's engineers about npm?") == [
        "payments company"]


def test_a_relative_tail_is_part_of_the_kind() -> None:
    assert kind_phrases("What does the author who moved from Express regret?") == [
        "author who moved from Express"]


def test_a_bare_or_indefinite_kind_is_no_reference() -> None:
    """"the company" says nothing of which company; "a startup" is any startup; plural
    companies are several."""
    assert kind_phrases("Is Django good for the company I work for?") == []
    assert kind_phrases("Which stack would a logistics startup pick?") == []
    assert kind_phrases("What do the logistics companies say?") == []


class BagEmbedder:
    """Word-count vectors over a hashed vocabulary: texts sharing words are close."""

    def embed_query(self, text: str) -> list[float]:
        vec = np.zeros(64)
        for w in re.findall(r"[a-z0-9]+", text.lower()):
            vec[sum(map(ord, w)) % 64] += 1.0
        return list(vec)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]


@dataclass
class Library:
    chunks: list[Chunk]
    metas: dict[str, ArticleMeta]
    sentence_rows: dict[str, list[tuple[int, int, int]]]
    sentence_matrix: Any
    memo: dict[Any, Any] = field(default_factory=dict)
    empty: bool = False
    tokenizer: Any = field(default_factory=_default_tokenizer)


def _library(texts: dict[str, str]) -> Library:
    emb = BagEmbedder()
    chunks = [Chunk(f"{aid}-0", aid, 0, text, 0, len(text), kind="prose")
              for aid, text in texts.items()]
    rows = {c.chunk_id: [(0, len(c.text), i)] for i, c in enumerate(chunks)}
    mat = np.asarray(emb.embed_documents([c.text for c in chunks]), dtype=np.float32)
    mat = mat / np.linalg.norm(mat, axis=1, keepdims=True)
    metas = {aid: ArticleMeta(article_id=aid, title=f"Notes {n}") for n, aid in enumerate(texts)}
    return Library(chunks, metas, rows, mat)


def test_the_article_that_says_it_is_that_kind_is_meant() -> None:
    lib = _library({
        "pay": "Kestrel is a payments company that moves money for shops.",
        "tour": "Harbour is a walking tours company in eleven cities.",
        "route": "Routewise is a logistics company that plans delivery routes.",
    })
    tok = lib.tokenizer
    got = referred_by_kind("What irks the payments company's engineers?", lib, BagEmbedder(), tok)
    assert got is not None and got.article_id == "pay"
    assert got.phrase == "payments company"
    walk = referred_by_kind("Where does the walking tours company run?", lib, BagEmbedder(), tok)
    assert walk is not None and walk.article_id == "tour"


def test_a_kind_two_articles_share_focuses_neither() -> None:
    lib = _library({
        "a": "Alder is a logistics company that plans delivery routes.",
        "b": "Birch is a logistics company that plans delivery routes too.",
        "c": "Cedar is a walking tours company.",
    })
    assert referred_by_kind("What does the logistics company run?", lib, BagEmbedder(),
                            lib.tokenizer) is None


@pytest.mark.integration
def test_kind_labels_on_the_real_store(field_versus: Any) -> None:
    """On the bundled + field store: most of the tune half's kind references that no name or
    word for a kind of writing resolves are found, none wrongly, no "none" row is pulled;
    and review 12's tour-company question is answered from that company's article."""
    retriever = field_versus.chain.retriever
    idx = retriever.index()
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["split"] == "tune"
            and (r["article_id"] == "none" or r["article_id"] in idx.metas)]
    got = {r["id"]: article_focus.reference(r["question"], idx, field_versus.embedder, None,
                                            idx.tokenizer) for r in rows}
    pulled = [r["id"] for r in rows if r["article_id"] == "none" and got[r["id"]] is not None]
    assert not pulled, pulled
    # a which-is-better question keeps the matrix's tally (``article_focus._weighs``): the
    # labels of the other kinds of question measure the rule
    asks = [r for r in rows if classify_intent(r["question"], SUBJECTS).kind != "better"]
    meant = [r for r in asks if r["article_id"] != "none"]
    right = sum(1 for r in meant if got[r["id"]] and got[r["id"]].article_id == r["article_id"])
    # 14 of 32 on this store (before article_kind, 4 of all 47 meant rows were found)
    assert right >= 0.4 * len(meant), (right, len(meant))
    booking = article_focus.reference(
        "Which framework was easier for the booking team's new hires to get up to speed with?",
        idx, field_versus.embedder, None, idx.tokenizer)
    assert booking is None  # the field set's fa-q18: its verdict is the library's count
    answer = field_versus.ask("What had gone wrong inside the tour company's Express codebase "
                              "before they decided to leave it?")
    assert not answer.abstained
    assert {c.article_id for c in answer.citations} == {"express-to-django-booking-api-migration"}


def test_a_name_before_the_kind_is_left_to_article_reference() -> None:
    """"the Leeds studio" (review 13's d10): a place name before the kind matched the Leeds
    startup's lead ("a three-person startup in Leeds") by the embedder, though the studio is
    another article's; a name is ``article_reference``'s to read. A compared technology's
    name is no such name ("the Python agency")."""
    assert kind_phrases("What does the Leeds studio do first?", frozenset({"python"})) == []
    assert kind_phrases("What does the Python agency say?", frozenset({"python"})) == [
        "Python agency"]


def test_a_name_no_article_spells_describes_the_kind() -> None:
    """Review 21's l15: "the Scandinavian ticketing team" of a diary set in "Scandinavia"
    was declined as an uncovered name; no article spells the word, so it can only be the
    asker's description of the team the kind finds."""
    lib = _library({
        "diary": "Turnstile is a ticketing platform for football clubs in Scandinavia.",
        "tour": "Harbour is a walking tours company in eleven cities.",
        "route": "Routewise is a logistics company that plans delivery routes.",
    })
    assert lone_name("Nordic", "platform", lib) == ""
    got = referred_by_kind("What did the Nordic ticketing platform move to Node.js?", lib,
                           BagEmbedder(), lib.tokenizer)
    assert got is not None and got.article_id == "diary"
    assert got.phrase == "Nordic ticketing platform"


def test_a_byline_company_describes_its_one_article() -> None:
    """Review 21's l31: "the Ledgerly backend lead" of a post signed "a backend lead at
    Ledgerly"; a name one article spells, beside a head that article tells of."""
    lib = _library({
        "bench": "Tomasz Wilk is a backend lead at Ledgerly. We measured Django and Node.js.",
        "tour": "Harbour is a walking tours company in eleven cities.",
    })
    assert lone_name("Ledgerly", "lead", lib) == "bench"
    assert kind_phrases("What did the Ledgerly backend lead admit?",
                        lone=lambda w, h: lone_name(w, h, lib) is not None) == [
        "Ledgerly backend lead"]


def test_a_name_that_describes_another_thing_or_a_technology_stays_out() -> None:
    """"The Leeds studio" (review 13's d10): the one article spelling Leeds is a startup's
    and tells of no studio; two articles spelling a name leave it ambiguous; a technology
    readers ask about is what is asked, never a description."""
    lib = _library({
        "pantry": "Pantrypal is a three-person startup in Leeds.",
        "agency": "Halcyon is a design studio in York with a Leeds office.",
        "other": "Ferrybox is a startup in York.",
    })
    assert lone_name("Leeds", "studio", lib) is None  # two articles spell it
    assert lone_name("Ferrybox", "studio", lib) is None  # its one article tells of no studio
    assert lone_name("Rust", "team", lib) is None
    assert kind_phrases("What does the Leeds studio do first?",
                        lone=lambda w, h: lone_name(w, h, lib) is not None) == []
