"""Tokens (knowledge.text.tokens) and third-technology attribution (assistant.attribution).

Fast units: no model, no store. The subjects object is the bundled subjects file, or a
different pair written here, to show that no subject name lives in the logic.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from assistant.attribution import (
    about_other_technology,
    companions,
    technology_names,
    third_technologies,
)
from knowledge.models import Chunk, Span, TableRow
from knowledge.subjects_config import ComparisonConfig, default_subjects, load_comparison_config
from knowledge.text.tokens import passage_context


def test_compounds_split_and_stem() -> None:
    tok = default_subjects().tokenizer
    assert tok.tokens("Time-to-MVP") == ["time", "mvp"]
    assert tok.tokens("Real-time / WebSockets") == tok.tokens("real time websocket")
    assert tok.tokens("migrations") == tok.tokens("migration")
    assert "k6" in tok.tokens("a k6 script")


def test_every_spelling_of_a_subject_is_one_unstemmed_token() -> None:
    tok = default_subjects().tokenizer
    assert tok.tokens("Node JS") == tok.tokens("NodeJs") == tok.tokens("node.js") == ["nodejs"]
    assert tok.tokens("Django's admin") == ["django", "admin"]


def _other_pair(tmp_path: Path) -> ComparisonConfig:
    text = (Path(__file__).resolve().parents[1] / "knowledge" / "subjects"
            / "django-vs-nodejs.toml").read_text(encoding="utf-8")
    text = text.replace('name = "Django"\naliases = ["Django", "djnago", "Python Django"]',
                        'name = "Rails"\naliases = ["Ruby on Rails", "RoR"]')
    path = tmp_path / "rails-vs-nodejs.toml"
    path.write_text(text, encoding="utf-8")
    return load_comparison_config(path)


def test_another_pair_needs_no_code_change(tmp_path: Path) -> None:
    cfg = _other_pair(tmp_path)
    assert cfg.find_subjects("Is Ruby on Rails or Node JS faster?") == ("Rails", "Node.js")
    assert cfg.tokenizer.tokens("RoR vs ruby-on-rails") == ["rails", "rails"]
    # Django is not a subject of this pair: it is a name like any other.
    assert "Django" in technology_names("Is Rails faster than Django?", cfg)


def test_technology_names_are_found_by_shape() -> None:
    cfg = default_subjects()
    assert technology_names("Is Django faster than Quarkus?", cfg) == ["Quarkus"]
    assert technology_names("How do I write a k6 script for FastAPI?", cfg) == ["k6", "FastAPI"]
    assert technology_names("Which is easier to learn, Django or Node.js?", cfg) == []
    assert technology_names("Sentence starts. Then Redis appears.", cfg) == ["Redis"]
    # an abbreviation of single letters is no product ("e.g. Jest or Mocha")
    assert technology_names("Which test tools, e.g. Jest or Mocha?", cfg) == ["Jest", "Mocha"]
    assert technology_names("Where can I host it, i.e. which platform?", cfg) == []


def _row_chunk(text: str, headers: list[str], section: str = "Comparison") -> Chunk:
    cells = []
    pos = 0
    parts = text.split(" | ")
    for name, part in zip(["Criterion", *headers], parts, strict=True):
        start = text.index(part, pos)
        cells.append((name, Span(start, start + len(part))))
        pos = start + len(part)
    return Chunk(chunk_id="r1", article_id="a", ordinal=0, text=text, start=0,
                 end=len(text), section=section, kind="table-row",
                 sentences=tuple(Span(s.start, s.end) for _n, s in cells),
                 row=TableRow(parts[0], tuple(cells[1:])))


def _prose(text: str, section: str, cid: str = "p1") -> Chunk:
    spans = []
    pos = 0
    for sent in text.split(". "):
        start = text.index(sent, pos)
        spans.append(Span(start, start + len(sent)))
        pos = start + len(sent)
    return Chunk(chunk_id=cid, article_id="a", ordinal=1, text=text, start=0, end=len(text),
                 section=section, sentences=tuple(spans))


def test_a_third_column_and_its_heading_are_attributed_to_it() -> None:
    cfg = default_subjects()
    row = _row_chunk("Admin | Built in | DIY | Filament", ["Django", "Node.js (Express)", "Yii"])
    index = SimpleNamespace(chunks=[row], memo={})
    third = third_technologies(index, cfg)
    assert third == {"yii": "Yii"}
    cells = dict(row.row.cells) if row.row else {}
    assert about_other_technology(row, cells["Yii"], cfg, third) == "Yii"
    assert about_other_technology(row, cells["Django"], cfg, third) is None
    assert about_other_technology(row, cells["Node.js (Express)"], cfg, third) is None
    best_for = _prose("Agencies with many small sites. Shops moving off WordPress",
                      "Yii is best for")
    assert about_other_technology(best_for, best_for.sentences[0], cfg, third) == "Yii"
    mixed = _prose("Django and Yii both ship an admin. It is good", "Admin panels", "p2")
    assert about_other_technology(mixed, mixed.sentences[0], cfg, third) is None
    own = _prose("Yii hides magic behind facades. Its hosting is easy. Django is explicit",
                 "Where each falls short", "p3")
    assert [about_other_technology(own, s, cfg, third) for s in own.sentences] == [
        "Yii", "Yii", None]


def test_table_rows_are_indexed_with_label_and_headers() -> None:
    row = _row_chunk("Hiring | Medium | Large | Small", ["Django", "Node.js", "Go (Gin)"],
                     section="What we compared")
    prefix, suffix = passage_context(row)
    assert prefix == "What we compared\n"
    assert "Django" in suffix and "Go (Gin)" in suffix


def test_a_sentence_opening_with_a_third_technologys_companion_is_its() -> None:
    """"PHP" is seen beside Yii only; "PHP talent is plentiful" is then Yii's claim."""
    cfg = default_subjects()
    row = _row_chunk("Admin | Built in | DIY | Gii", ["Django", "Node.js (Express)", "Yii"])
    seen = _prose("Yii's queue server helped Sites for PHP teams. It is fine", "Queues", "p4")
    claim = _prose("PHP talent is plentiful. Express talent is too", "Hiring", "p5")
    index = SimpleNamespace(chunks=[row, seen, claim], memo={})
    third = third_technologies(index, cfg)
    found = companions(index, cfg)
    assert found.get("php") == "Yii"
    assert "express" not in found  # from a subject's own column header
    assert [about_other_technology(claim, s, cfg, third, found) for s in claim.sentences] == [
        "Yii", None]


def test_list_items_belong_to_their_lead_in_line() -> None:
    cfg = default_subjects()
    row = _row_chunk("Admin | Built in | DIY | Gii", ["Django", "Node.js (Express)", "Yii"])
    third = third_technologies(SimpleNamespace(chunks=[row], memo={}), cfg)
    text = "Yii is best for:\n• Agencies with many small sites\n• Shops moving off old stacks"
    lines = text.split("\n")
    spans, pos = [], 0
    for line in lines:
        spans.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    chunk = Chunk(chunk_id="l1", article_id="a", ordinal=2, text=text, start=0, end=len(text),
                  section="Best for", sentences=tuple(spans))
    assert [about_other_technology(chunk, s, cfg, third) for s in spans[1:]] == ["Yii", "Yii"]
    django = Chunk(chunk_id="l2", article_id="a", ordinal=3, text=text.replace("Yii", "Django"),
                   start=0, end=len(text) + 3, section="Best for", sentences=tuple(spans))
    assert about_other_technology(django, spans[1], cfg, third) is None
