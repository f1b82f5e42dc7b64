"""A sentence's context beside its own words: the headings above its own, and its list's
intro (``assistant.corpus_index.heading_path``, ``assistant.sentence_context.lead_in``,
``context_tokens``, and ``assistant.subject.infer_subject`` reading the headings). Fast
units on hand-written passages."""

from __future__ import annotations

from dataclasses import replace

from assistant.corpus_index import CorpusIndex, heading_path
from assistant.sentence_context import context_tokens, lead_in
from assistant.subject import infer_subject
from knowledge.models import Section
from knowledge.subjects_config import default_subjects
from tests.conftest import passage

# An article: a title over everything, a "The frameworks" part with one section per
# framework, and a "Best for" list under each.
SECTIONS = (
    Section("Three backends compared", 0, 1000, level=1),
    Section("The frameworks", 40, 900, level=2),
    Section("Express", 60, 400, level=3),
    Section("Best for", 200, 400, level=4),
    Section("Laravel", 400, 900, level=3),
)


def test_heading_path_lists_the_headings_above_the_chunks_own_outermost_first() -> None:
    assert heading_path(SECTIONS, 250, "Best for") == (
        "Three backends compared", "The frameworks", "Express")
    assert heading_path(SECTIONS, 450, "Laravel") == ("Three backends compared", "The frameworks")
    assert heading_path(SECTIONS, 10, "Three backends compared") == ()
    assert heading_path((), 10, "") == ()


def test_a_list_item_has_its_lists_intro_as_lead_in() -> None:
    chunk, spans = passage("a", ["Teams pick it for many reasons.",
                                 "It is recommended for:",
                                 "API gateways in front of microservices.",
                                 "Chat and live collaboration."])
    assert lead_in(chunk, spans[0]) == ""
    assert lead_in(chunk, spans[1]) == ""
    assert lead_in(chunk, spans[2]) == "It is recommended for:"
    assert lead_in(chunk, spans[3]) == "It is recommended for:"


def _index(path: dict[str, tuple[str, ...]]) -> CorpusIndex:
    return CorpusIndex(corpus_version="v", versions=[], chunks=[], by_id={}, bm25=None,
                       vocabulary={}, raw_vocabulary=frozenset(), sentence_rows={}, metas={},
                       heading_paths=path)


def test_context_tokens_take_in_the_headings_above_and_the_lists_intro() -> None:
    chunk, spans = passage("b", ["It is recommended for:",
                                 "API gateways in front of microservices."])
    chunk = replace(chunk, section="Best for")
    idx = _index({"b": ("The frameworks", "Express")})
    ctx = context_tokens(idx, chunk, spans[1])
    assert {"recommend", "best", "framework"} <= ctx  # lead-in, own heading, the one above
    # the list's intro has no intro of its own
    assert "recommend" not in context_tokens(idx, chunk, spans[0])


def test_a_sentence_under_a_generic_heading_takes_its_subject_from_the_heading_above() -> None:
    config = default_subjects()
    chunk, spans = passage("c", ["API gateways in front of microservices."])
    chunk = replace(chunk, section="Best for")
    text = chunk.text[spans[0].start:spans[0].end]
    assert infer_subject(chunk, spans[0], text, config) is None
    assert infer_subject(chunk, spans[0], text, config,
                          ("Three backends", "Express")) == "Node.js"
    # the nearest heading that names a subject decides; one naming both decides "both"
    assert infer_subject(chunk, spans[0], text, config,
                          ("Django", "Django vs Express")) is None


def test_the_index_reads_each_chunks_heading_path_from_its_article() -> None:
    from assistant.corpus_index import build_index
    from knowledge.memory_store import InMemoryKnowledgeStore
    from knowledge.models import ArticleMeta, Chunk, CleanedArticle, Span
    from knowledge.protocols import ArticleRecord, Manifest

    text = "Express\nBest for\nAPI gateways in front of microservices.\n"
    sections = (Section("Express", 0, len(text), level=2),
                Section("Best for", 8, len(text), level=3))
    a = text.index("API")
    chunk = Chunk(chunk_id="x-0", article_id="x", ordinal=0, text=text[a:-1], start=a,
                  end=len(text) - 1, section="Best for", sentences=(Span(a, len(text) - 1),))
    meta = ArticleMeta(article_id="x", title="X")
    store = InMemoryKnowledgeStore()
    store.stage("x-v1", CleanedArticle(meta=meta, text=text, sections=sections), [chunk],
                [[1.0, 0.0, 0.0]], [[[1.0, 0.0, 0.0]]], ["h0"])
    store.commit(Manifest(articles={"x": ArticleRecord(
        meta=meta, content_hash="x-v1", version="x-v1", chunk_count=1,
        ingested_at="2026-01-01T00:00:00+00:00")}))
    idx = build_index(store)
    assert idx.heading_paths == {idx.chunks[0].chunk_id: ("Express",)}
