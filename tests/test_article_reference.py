"""The article a question refers to (``assistant.article_reference``) and the retrieval,
coverage and verdict kept to it (``assistant.article_focus``).

Units run on a small hand-made library and a bag-of-words embedder (no model); the
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
from assistant.article_reference import (
    ArticleReference,
    article_compares,
    reference_phrases,
    referred_article,
)
from assistant.corpus_index import _default_tokenizer
from knowledge.models import ArticleMeta, Chunk, TableRow

LABELS = Path(__file__).parent / "data" / "article_reference_labels.jsonl"


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
    memo: dict[Any, Any] = field(default_factory=dict)
    empty: bool = False
    tokenizer: Any = field(default_factory=_default_tokenizer)

    @property
    def by_id(self) -> dict[str, int]:
        return {c.chunk_id: i for i, c in enumerate(self.chunks)}


def _chunk(aid: str, n: int, text: str, row: TableRow | None = None) -> Chunk:
    return Chunk(f"{aid}-{n}", aid, n, text, 0, len(text), kind="table-row" if row else "prose",
                 row=row)


def library() -> Library:
    arts = {
        "stack-faq": ("Questions People Ask About Both Stacks", "Ada Quill", None),
        "load-test-numbers": ("We Measured Throughput on One Server", "Bo Rask", None),
        "three-frameworks": ("Python, JavaScript or Elixir for Your Backend?", "Cy Moss", None),
        "shop-blog": ("Why Our Shop Moved Frameworks", None, "Brightpane"),
    }
    metas = {a: ArticleMeta(a, t, publisher=p, author=au) for a, (t, au, p) in arts.items()}
    row = TableRow("Speed", (("Django", (0, 1)), ("Node.js", (1, 2)), ("Phoenix", (2, 3))))
    chunks = [
        _chunk("stack-faq", 0, "We answer what clients ask us about hosting and hiring."),
        _chunk("load-test-numbers", 0, "The machine served requests while Quartzline watched."),
        _chunk("three-frameworks", 0, "Phoenix is the third option we weigh beside the pair."),
        _chunk("three-frameworks", 1, "Speed | fast | faster | fastest", row),
        _chunk("shop-blog", 0, "Our shop sells tea online and Phoenix came up once."),
    ]
    return Library(chunks, metas)


def resolve(question: str, lib: Library | None = None) -> str | None:
    lib = lib or library()
    ref = referred_article(question, lib, BagEmbedder(), common=frozenset({"django", "nodejs"}),
                           third=frozenset({"phoenix"}))
    return ref.article_id if ref else None


def test_phrases_are_definite_references_to_one_piece_of_writing() -> None:
    assert reference_phrases("In the benchmark post, which is faster?") == [
        ("benchmark post", True)]
    got = reference_phrases("In the essay about picking one stack, what was missing?")
    assert got == [("essay about picking one stack", True)]
    assert reference_phrases("In Ada Quill's FAQ, is it cheap?") == [("Ada Quill's FAQ", True)]
    # plural: several pieces; no definite determiner: not one known piece
    assert reference_phrases("What do the articles say about hiring?") == []
    assert all(not definite for _p, definite in
               reference_phrases("Is there a guide for beginners?"))


def test_kind_of_page_found_by_the_article_id() -> None:
    assert resolve("What does the FAQ say about hosting?") == "stack-faq"


def test_author_and_site_names_find_their_article() -> None:
    assert resolve("According to Bo Rask, how fast was it?") == "load-test-numbers"
    assert resolve("What does the Brightpane post say about tea?") == "shop-blog"
    # a name only one article's passages use, with a phrase for a page
    assert resolve("On the Quartzline page, what was measured?") == "load-test-numbers"


def test_controls_name_no_article() -> None:
    for q in ("In production, which one needs more memory?", "In a small team, which ships?",
              "In the long run, which is cheaper?", "How does Phoenix compare with Django?"):
        assert resolve(q) is None, q


def test_a_name_several_articles_share_identifies_none() -> None:
    lib = library()
    lib.metas = {a: ArticleMeta(a, m.title, author="Dee Same") for a, m in lib.metas.items()}
    assert resolve("What does Dee Same say about hosting?", lib) is None


def test_a_third_technology_picks_the_article_whose_table_compares_it() -> None:
    lib = library()
    assert article_compares("three-frameworks", lib, frozenset({"phoenix"})) == {"phoenix"}
    assert article_compares("shop-blog", lib, frozenset({"phoenix"})) == frozenset()
    assert resolve("In the three-way comparison, what is Phoenix best for?") == "three-frameworks"


def test_focus_keeps_the_articles_passages_and_drops_the_reference_words() -> None:
    lib = library()
    scores = np.arange(1.0, 6.0)
    kept = article_focus.keep_scores(scores, lib, "three-frameworks")
    assert list(kept) == [0.0, 0.0, 3.0, 4.0, 0.0]
    ranking = [("stack-faq-0", 0.9), ("three-frameworks-1", 0.5)]
    assert article_focus.keep_dense(ranking, lib, "three-frameworks") == [
        ("three-frameworks-1", 0.5)]
    ref = ArticleReference("stack-faq", "Brightpane article", 1.0, 0.5)
    assert article_focus.without("What does the Brightpane article say about tea?", ref,
                                 lib) == "What does the say about tea?"
    # a name the article's passages use is a topic word: it stays
    named = ArticleReference("load-test-numbers", "Quartzline", 1.0, 0.5, named=True)
    assert article_focus.without("What did Quartzline see?", named, lib) == (
        "What did Quartzline see?")


def test_verdict_line_is_the_articles_own_stance() -> None:
    line = article_focus.source_line("three-way comparison", "performance", "Node.js",
                                     ("Django", "Node.js"), lambda side: "[2]")
    assert line == "The three-way comparison favours Node.js on performance [2]."
    line = article_focus.source_line("Ada Quill's FAQ", "hiring", "mixed",
                                     ("Django", "Node.js"), lambda side: "")
    assert line == "Ada Quill's FAQ is mixed on hiring."


@pytest.mark.integration
def test_labels_resolved_on_the_real_store(field_versus: Any) -> None:
    """The labelled references to bundled and field articles are found (both halves), no
    control is; a one-article question is answered from that article only."""
    retriever = field_versus.chain.retriever
    idx = retriever.index()
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["article_id"] is None or r["article_id"] in idx.metas]
    refs = [r for r in rows if r["article_id"]]
    got = {r["id"]: article_focus.reference(r["question"], idx, field_versus.embedder, None,
                                            idx.tokenizer) for r in rows}
    right = sum(1 for r in refs if got[r["id"]] and got[r["id"]].article_id == r["article_id"])
    assert right >= 0.8 * len(refs), right
    assert [r["id"] for r in rows if not r["article_id"] and got[r["id"]]] == []
    laravel = "django-vs-express-vs-laravel-2026"
    answer = field_versus.ask("In the three-way comparison, what is Laravel best for?")
    assert not answer.abstained
    assert {c.article_id for c in answer.citations} == {laravel}
    bench = field_versus.ask("In the benchmark post, which is faster?")
    # the article's own stance line, or (its figures given for both sides) its figures'
    # line naming it: either way the verdict says whose it is
    assert bench.verdict and bench.verdict.startswith(
        ("The benchmark post favours", "In the benchmark post, by the figures given, Node.js"))
    assert {c.article_id for c in bench.citations} == {"django-node-framework-benchmark-2025"}


def test_a_possessive_opens_the_phrase_and_a_closing_preposition_is_no_tail() -> None:
    """"end his Porto talk with?": the phrase is "Porto talk"; reaching back over the verb
    and its subject stripped them from the search, and the question lost its topic."""
    from assistant.article_reference import reference_phrases

    assert reference_phrases("What takeaways did the engineer end his Porto talk with?") == [
        ("Porto talk", True)]
    assert reference_phrases("What does their benchmark post measure?") == [
        ("benchmark post", True)]
    assert reference_phrases("What did the essay about hiring say?") == [
        ("essay about hiring", True)]


def test_a_byline_name_narrows_but_a_name_the_text_spells_does_not() -> None:
    """An author or publisher named alone is that article's byline (the search keeps to
    it); "Quartzline", spelled by one article's text, may be any article's topic."""
    lib = library()
    tok = lib.tokenizer
    common = frozenset({"django", "nodejs"})
    third = frozenset({"phoenix"})

    def ref(q: str) -> Any:
        return referred_article(q, lib, BagEmbedder(), tok, common, third)

    by_author = ref("What does Bo Rask think about hosting?")
    assert by_author is not None and by_author.named
    assert article_focus.by_byline(by_author, lib)
    by_site = ref("What does Brightpane say about tea?")
    assert by_site is not None and article_focus.by_byline(by_site, lib)
    spelled = ref("What did Quartzline watch?")
    assert spelled is not None and spelled.named
    assert not article_focus.by_byline(spelled, lib)


@pytest.mark.integration
def test_an_authors_name_alone_finds_her_article(field_versus: Any) -> None:
    """Review 14 declined a question naming an article only by its author ("The articles
    don't say anything about <first name>, <surname>"): a byline is no unknown name."""
    answer = field_versus.ask("For newcomers, what makes Laravel hard to debug in Marta "
                              "Kowalczyk's view?")
    assert not answer.abstained, answer.answer
    assert "debugging painful" in answer.answer, answer.answer
    assert {c.article_id for c in answer.citations} == {"django-vs-express-vs-laravel-2026"}
    stranger = field_versus.ask("What does Linus Torvalds say about Express middleware?")
    assert stranger.abstained
