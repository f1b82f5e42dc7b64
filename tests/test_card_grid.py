"""A kept card grid is one passage under its heading (names19).

names18 kept prose case-study cards but made each card title a sub-section, so each card
was a short passage of its own; two of PLANEKS's ranked third and fourth for gold q41 ("Do
the articles name one clear winner overall?") and pushed its evidence out of the first
five. Now each card is one line (title joined to its text) and the grid one chunk.
The integration test checks the real bundled store; the gold q41 ranking is checked by
``tests/test_search_text.py``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from ingest.chunk import chunk_article
from ingest.clean import clean_article
from knowledge.models import ArticleMeta, CleanedArticle

_INTRO = ("Django suits products that are mostly forms and records, because its admin and ORM "
          "save weeks of routine work for a small team that has to ship a first version fast.")
_AFTER = ("Node.js suits products that keep many connections open, such as a chat or a live "
          "auction, because its event loop holds them with little memory per connection.")
_CARDS = (
    "Harbour Books\nWe moved their catalogue search to a new service in six weeks.\n"
    "Pinewood Vets\nPinewood Vets now books appointments online and sends reminders by text.\n"
    "Tallow Markets\nA live price board for a farmers' market that updates every few seconds.\n"
)


def _article(cards: str = _CARDS) -> CleanedArticle:
    raw = (f"Our projects\n{_INTRO}\n{cards}{_AFTER}\n"
           "What we learned\nMatch the framework to the traffic.")
    return clean_article(raw, ArticleMeta("t", "Untitled upload"))


def test_card_titles_join_their_text_unless_the_text_names_them() -> None:
    text = _article().text
    assert "\nHarbour Books — We moved their catalogue search" in text
    assert "\nPinewood Vets now books appointments" in text  # already named: no prefix
    assert "Pinewood Vets — " not in text
    assert "\nTallow Markets — A live price board" in text


def test_a_card_grid_is_one_chunk_under_its_heading() -> None:
    article = _article()
    chunks = chunk_article(article)
    holding = [c for c in chunks if any(n in c.text for n in ("Harbour", "Pinewood", "Tallow"))]
    assert len(holding) == 1
    [grid] = holding
    assert grid.section == "Our projects"
    assert grid.text.startswith("Harbour Books — ") and grid.text.endswith("every few seconds.")
    # the paragraphs around it are passages of their own
    assert any(c.text == _INTRO for c in chunks) and any(c.text == _AFTER for c in chunks)
    assert all(c.section != "Harbour Books" for c in chunks)


def test_without_the_block_the_cards_merge_into_the_paragraph_before() -> None:
    """Why the chunker needs the grid's span: short lines join the paragraph before them."""
    article = replace(_article(), blocks=())
    first = next(c for c in chunk_article(article) if "Harbour" in c.text)
    assert first.text.startswith(_INTRO)


def test_a_grid_longer_than_a_chunk_splits_at_card_lines_only() -> None:
    card = ("{n} Labs\n"
            "{n} Labs rebuilt its booking system and cut page load times by half for users.\n")
    many = "".join(card.format(n=n) for n in ("Alder", "Birch", "Cedar", "Damson", "Elm",
                                               "Fir", "Gorse", "Hazel", "Ivy", "Juniper"))
    article = _article(many)
    chunks = chunk_article(article, max_chars=400)
    holding = [c for c in chunks if "Labs rebuilt" in c.text]
    assert len(holding) >= 2
    assert sum(c.text.count("Labs rebuilt") for c in holding) == 10
    for c in holding:
        assert c.text.split("\n")[0].endswith("Labs rebuilt its booking system and cut page "
                                              "load times by half for users.")
        assert _INTRO not in c.text and _AFTER not in c.text


def test_a_teaser_grid_leaves_no_block() -> None:
    teasers = "Harbour Books\nRead the case study →\nPinewood Vets\nHow we helped a vet...\n"
    article = _article(teasers)
    assert article.blocks == ()
    assert "Read the case study" not in article.text


@pytest.mark.integration
def test_planeks_case_studies_are_one_passage_in_the_real_store(ingested_versus: Any) -> None:
    chunks = [c for c in ingested_versus.store.chunks()
              if c.article_id == "planeks-django-vs-nodejs"]
    holding = [c for c in chunks if "MusicTeam" in c.text or "Elaborate simplifies" in c.text
               or "Restaurant Management" in c.text]
    assert len(holding) == 1, [c.text[:60] for c in holding]
    assert holding[0].section == "Use Cases"
    assert "Restaurant Management — Integrated a cloud-based" in holding[0].text
