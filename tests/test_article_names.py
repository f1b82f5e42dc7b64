"""An article's own names come from its title, headings and first passages, weighed by how
often the article spells them (``assistant.article_subject.own_names``), so an edit that
says nothing new (a breadcrumb or an "Updated:" line at the head) leaves them as they were.

Units run on hand-made chunks (no model); the integration test edits a field article on a
real store (real model) and checks its names and the index built from it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from assistant.article_subject import article_names
from knowledge.models import Chunk
from knowledge.subjects_config import default_subjects
from tests.measure_fragility import CRUMB_LINE, perturb

TOK = default_subjects().tokenizer
#: Passages of another article: they write the common words of the tests in lower case.
OTHER = ["Most teams pick one stack for their backend, and some pick two.",
         "The blog post said updated numbers were at home on the team page.",
         "We wrote a few notes by hand; a breadcrumb is the trail of links at the top."]


def _chunks(texts: dict[str, list[str]], sections: dict[str, list[str]] | None = None
            ) -> list[Chunk]:
    return [Chunk(chunk_id=f"{a}-{i}", article_id=a, ordinal=i, text=t, start=0, end=len(t),
                  section=((sections or {}).get(a) or [""] * len(ts))[i])
            for a, ts in texts.items() for i, t in enumerate(ts)]


def _names(texts: dict[str, list[str]], **kw: Any) -> dict[str, frozenset[str]]:
    return article_names(_chunks(texts, kw.pop("sections", None)), TOK, **kw)


def toks(name: str) -> frozenset[str]:
    return frozenset(TOK.tokens(name))


LEAD = "Orvanta runs payroll for small shops in Lisbon."
BODY = ["We moved the ledger first and kept the reports.", "The alerts went to a service."]


def test_a_breadcrumb_or_an_update_line_at_the_head_changes_no_name() -> None:
    plain = _names({"a": [LEAD, *BODY], "z": OTHER})["a"]
    assert toks("Orvanta") <= plain
    for head in ("Home › Blog › Backend", "Updated: March 3, 2025.", "Notes by hand."):
        alone = _names({"a": [head, LEAD, *BODY], "z": OTHER})["a"]  # a passage of its own
        merged = _names({"a": [f"{head}\n\n{LEAD}", *BODY], "z": OTHER})["a"]
        assert alone == merged == plain, head


def test_a_name_repeated_after_a_byline_lead_is_the_articles() -> None:
    got = _names({"a": ["Notes by Ana Ruiz, 12 May.",
                        "The talk was given by an engineer of Kelpie, which plans routes.",
                        "Kelpie runs two stacks.", "Kelpie hired four people."],
                  "z": OTHER})["a"]
    assert toks("Kelpie") <= got


def test_a_one_off_name_past_the_lead_is_not_the_articles() -> None:
    got = _names({"a": [LEAD, "The servers run at Hetzner in two racks of machines.",
                        *BODY], "z": OTHER})["a"]
    assert not toks("Hetzner") & got
    assert toks("Orvanta") <= got


def test_a_name_most_articles_write_is_no_articles_own() -> None:
    fastify = "Fastify answered the most requests per second of all."
    got = _names({"a": [f"{LEAD} Fastify served the API.", fastify, *BODY],
                  "b": [fastify, "Fastify was quick."], "c": [fastify], "z": OTHER})
    assert not toks("Fastify") & got["a"]
    assert toks("Orvanta") <= got["a"]


def test_the_title_and_headings_weigh_but_title_case_words_are_no_names() -> None:
    texts = {"a": ["The team moved one service last year.",
                   "Later the whole Quillon platform followed.", *BODY], "z": OTHER}
    assert not toks("Quillon") & _names(texts)["a"]  # once, past the lead
    titled = _names(texts, titles={"a": "How We Rebuilt Quillon"})["a"]
    assert toks("Quillon") <= titled
    assert not toks("Rebuilt") & titled  # in the title only: title case, not a name
    headed = _names(texts, sections={"a": ["", "Why Quillon moved", "", ""]})["a"]
    assert toks("Quillon") <= headed


@pytest.mark.integration
def test_a_breadcrumb_at_the_head_keeps_the_names_on_a_real_store(
        field_dir: Path, real_embedder: Any, tmp_path: Path) -> None:
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    data = tmp_path / "data"
    shutil.copytree(field_dir, data)
    versus = build_assistant(Settings(data_dir=data, change_reports=False),
                             embedder=real_embedder)
    aid = "express-to-django-booking-api-migration"
    before = versus.chain.retriever.index().lead_names
    assert toks("Harbourlight") <= before[aid]  # named once, in its lead
    assert not toks("Fastify") & before["django-nodejs-go-gin-backend-comparison"]
    src = Path(__file__).parent / "field" / "articles" / f"{aid}.md"
    edited = perturb("crumb", src.read_text(encoding="utf-8"), ".md")
    assert edited is not None and CRUMB_LINE in edited
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / src.name).write_text(edited, encoding="utf-8")
    assert versus.ingest([tmp_path / "src" / src.name]).updated == [aid]
    after = versus.chain.retriever.index()
    assert CRUMB_LINE.split()[0] in versus.store.article(aid).text
    assert after.lead_names == before
