"""Units of the format parsers, metadata, labelled table rows and the text module."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.chunk import parse_article
from ingest.formats import to_document
from ingest.html import html_to_document
from ingest.markdown import markdown_to_document
from ingest.meta import iso_date, parse_byline, take_byline
from ingest.tables import find_tables, parse_table_row, render_table
from knowledge.models import ArticleMeta
from knowledge.text.slugs import slugify


def test_yaml_front_matter_gives_metadata_and_never_text() -> None:
    doc = markdown_to_document(
        '---\ntitle: "A vs B: 2026"\nauthor: Ann Lee\ndate: 2026-03-14\ntags: [x]\n---\n\n'
        "Body text here.\n"
    )
    assert (doc.title, doc.author, doc.date) == ("A vs B: 2026", "Ann Lee", "2026-03-14")
    assert doc.text.strip() == "Body text here."


def test_toml_front_matter_gives_metadata_and_never_text() -> None:
    doc = markdown_to_document(
        '+++\ntitle = "Moving on"\nauthor = "Bo Chen"\ndate = 2025-11-02\n+++\n\nBody.\n'
    )
    assert (doc.title, doc.author, doc.date) == ("Moving on", "Bo Chen", "2025-11-02")
    assert "+++" not in doc.text and "title" not in doc.text


def test_markdown_without_front_matter_takes_h1_and_byline() -> None:
    doc = markdown_to_document("# My Title\n\n*By Jo Park · 14 March 2025*\n\nFirst paragraph.\n")
    assert (doc.title, doc.author, doc.date) == ("My Title", "Jo Park", "2025-03-14")
    assert "By Jo Park" not in doc.text and "My Title" in doc.text


def test_markdown_code_links_and_inline_markup() -> None:
    doc = markdown_to_document(
        "Intro with `manage.py` and [a link](http://x.example) and **bold**.\n\n"
        "```python\nsecret_code = 1\n```\n\n    indented_code = 2\n\nAfter.\n"
    )
    assert "Intro with manage.py and a link and bold." in doc.text
    assert "secret_code" not in doc.text and "indented_code" not in doc.text
    assert "After." in doc.text


def test_markdown_table_with_three_technologies_and_empty_cell() -> None:
    doc = markdown_to_document(
        "| Criterion | Django | Node.js | Laravel |\n|---|---|---|---|\n"
        "| Speed | Medium: fine | High | |\n| Admin | Built in | None | Extra |\n"
    )
    lines = [ln for ln in doc.text.split("\n") if ln]
    assert lines == [
        "Criterion — Django · Node.js · Laravel",
        "Speed — Django: Medium: fine · Node.js: High",
        "Admin — Django: Built in · Node.js: None · Laravel: Extra",
    ]


def test_labelled_rows_parse_back_to_exact_cells() -> None:
    text = "\n".join(render_table(
        ["Criterion", "Django", "Node.js", "Go (Gin)"],
        [["Memory", "High: 120 MB; per worker", "", "Low · tiny"]],
    ))
    (table,) = find_tables(text, ())
    assert table.kind == "rows" and table.subjects == ("Django", "Node.js", "Go (Gin)")
    row, sentences = parse_table_row(text, table.rows[0], table)
    assert row.criterion == "Memory"
    assert [(k, text[s.start : s.end]) for k, s in row.cells] == [
        ("Django", "High: 120 MB; per worker"), ("Go (Gin)", "Low · tiny"),
    ]
    assert sentences


def test_plain_text_pipe_table_and_byline() -> None:
    doc = to_document(
        b"A Title Line\nPosted by Dana Okafor on 2024-11-07\n\nHi.\n\n"
        b"Criteria | Django | Node.js |\n---|---|---|\nSpeed | Fine. | Fast. |\n",
        ".txt",
    )
    assert (doc.title, doc.author, doc.date) == ("A Title Line", "Dana Okafor", "2024-11-07")
    assert "|" not in doc.text and "Posted by" not in doc.text
    assert "Speed — Django: Fine. · Node.js: Fast." in doc.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-20T08:30:00+00:00", "2026-01-20"),
        ("January 20, 2026", "2026-01-20"),
        ("14 March 2025", "2025-03-14"),
        (dt.date(2025, 6, 2), "2025-06-02"),
        ("5 min read", None),
        ("soon", None),
    ],
)
def test_iso_date(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    "line",
    ["By the way, Django is fine.", "Built by Django developers for everyone.", "By 2025 · soon"],
)
def test_prose_is_no_byline(line: str) -> None:
    assert parse_byline(line) is None


def test_byline_only_near_the_top() -> None:
    text = "Title\n\nOne.\n\nTwo.\n\nThree.\n\nBy Ann Lee"
    assert take_byline(text) == (text, None, None)


def test_html_metadata_falls_back_to_json_ld_and_meta_tags() -> None:
    body = "<p>" + "Django and Node.js are both fine choices for most teams. " * 10 + "</p>"
    page = (
        "<html><head><title>Fallback | Site</title>"
        '<script type="application/ld+json">{"@type": "Article", "headline": "LD Title",'
        ' "author": {"@type": "Person", "name": "Kim Ito"},'
        ' "datePublished": "2025-03-18"}</script></head>'
        f"<body><article>{body}</article></body></html>"
    )
    doc = html_to_document(page)
    assert doc.author == "Kim Ito" and doc.date == "2025-03-18"
    assert doc.title in {"LD Title", "Fallback"}
    assert "Django and Node.js are both fine" in doc.text


def test_cleaned_offsets_exact_for_converted_markdown() -> None:
    doc = markdown_to_document(
        "# T\n\nSome prose. More prose.\n\n| A | B | C |\n|---|---|---|\n| x | y: 1 | z |\n"
    )
    article, chunks = parse_article(doc.text, ArticleMeta("t", "T"))
    rows = [c for c in chunks if c.kind == "table-row"]
    assert len(rows) == 1 and rows[0].row is not None
    assert [article.text[s.start : s.end] for _, s in rows[0].row.cells] == ["y: 1", "z"]
    for c in chunks:
        assert article.text[c.start : c.end] == c.text


def test_slugify() -> None:
    assert slugify("Node vs Django!") == "node-vs-django"
    assert slugify("Ça marche") == "ca-marche"
    assert slugify("***") == "article"
    assert slugify("***", fallback="x") == "x"


def test_html_falls_back_to_the_whole_page_when_trafilatura_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ingest.html

    def boom(source: str) -> str:
        raise RuntimeError("parser blew up")

    monkeypatch.setattr(ingest.html, "_extract", boom)
    doc = html_to_document("<html><body><h1>T</h1><p>Django is fine.</p></body></html>")
    assert "Django is fine." in doc.text.split("\n")


def test_publisher_from_site_name_json_ld_and_front_matter() -> None:
    body = "<article><h1>Speed notes</h1>" + "<p>Django and Node.js both serve APIs well.</p>" * 12
    page = ('<html><head><title>Speed notes | Quillpost</title>'
            '<meta property="og:site_name" content="Quillpost"></head><body>'
            + body + "</article></body></html>")
    assert html_to_document(page).publisher == "Quillpost"
    ld = ('<script type="application/ld+json">{"@type": "Article", "headline": "Speed notes", '
          '"publisher": {"@type": "Organization", "name": "Tern Weekly"}}</script>')
    page = f"<html><head><title>Speed notes</title>{ld}</head><body>{body}</article></body></html>"
    assert html_to_document(page).publisher == "Tern Weekly"
    # No site name declared: none is guessed from the title.
    page = f"<html><head><title>Speed notes</title></head><body>{body}</article></body></html>"
    assert html_to_document(page).publisher is None
    md = markdown_to_document("---\ntitle: Notes\npublisher: Lark Review\n---\n\nSome text.\n")
    assert md.publisher == "Lark Review"


def test_definition_list_keeps_each_term_with_its_definition() -> None:
    filler = "Runtimes and frameworks differ in how they share work between requests. " * 5
    page = (
        f"<html><head><title>Glossary</title></head><body><article><h1>Glossary</h1><p>{filler}"
        "</p><dl><dt>Event loop</dt><dd>The one thread that runs callbacks as input arrives.</dd>"
        "<dt>Migration</dt><dd>A file that changes the database schema one step.</dd>"
        "<dt>Orphan term</dt></dl></article></body></html>"
    )
    lines = html_to_document(page).text.splitlines()
    assert "• Event loop: The one thread that runs callbacks as input arrives." in lines
    assert "• Migration: A file that changes the database schema one step." in lines
    assert "• Orphan term" in lines
    assert "• Event loop" not in lines
