"""Issue 9 acceptance for parsing and cleaning, on the field set and the bundled corpus.

Expected values come from files written before the parsing code (tests/field/meta.jsonl,
the evidence quotes of both question sets, the stance labels), never from the code itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.clean import audit_rules, rule_count
from knowledge.text.sentences import split_sentences
from tests.field_corpus import FIELD, ROOT, bundled_articles, field_articles, read_jsonl

META = {str(r["article_id"]): r for r in read_jsonl(FIELD / "meta.jsonl")}
FIELD_IDS = sorted(META)


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_field_set_is_complete() -> None:
    assert sorted(field_articles()) == FIELD_IDS
    assert len(FIELD_IDS) == 10


@pytest.mark.parametrize("article_id", FIELD_IDS)
def test_title_author_and_date_of_every_field_article(article_id: str) -> None:
    meta, _, _ = field_articles()[article_id]
    want = META[article_id]
    assert (meta.title, meta.author, meta.date) == (want["title"], want["author"], want["date"])


_FRONT_MATTER_RE = re.compile(r"^(?:---|\+\+\+)\s*$|^(?:title|author|date|tags)\s*[:=]", re.M)


@pytest.mark.parametrize("article_id", FIELD_IDS)
def test_no_pipes_front_matter_or_fences_in_cleaned_text(article_id: str) -> None:
    _, article, chunks = field_articles()[article_id]
    assert "|" not in article.text
    assert "```" not in article.text and "~~~" not in article.text
    assert not _FRONT_MATTER_RE.search(article.text), _FRONT_MATTER_RE.search(article.text)
    for chunk in chunks:
        assert "|" not in chunk.text and "```" not in chunk.text


def test_code_is_never_in_the_text() -> None:
    """Lines that only occur inside the field Markdown's code blocks are not in the text."""
    for path in sorted((FIELD / "articles").glob("*.md")):
        source = path.read_text(encoding="utf-8")
        blocks = re.findall(r"^```[^\n]*\n(.*?)^```", source, re.M | re.S)
        text = field_articles()[path.stem][1].text
        for block in blocks:
            for line in block.splitlines():
                code = line.strip()
                if len(code) > 25 and code not in source.replace(block, ""):
                    assert code not in text, (path.name, code)


def _all_articles() -> dict[str, str]:
    both = {**bundled_articles(), **field_articles()}
    return {aid: article.text for aid, (_, article, _) in both.items()}


@pytest.mark.parametrize(
    "questions",
    [FIELD / "questions.jsonl", ROOT / "knowledge" / "gold" / "questions.jsonl"],
    ids=["field", "gold"],
)
def test_every_evidence_quote_occurs_in_the_cleaned_text(questions: Path) -> None:
    texts = {aid: _norm(t) for aid, t in _all_articles().items()}
    quotes = [e for q in read_jsonl(questions) for e in q.get("evidence", [])]  # type: ignore[attr-defined]
    assert len(quotes) > 100
    missing = [e["quote"] for e in quotes if _norm(e["quote"]) not in texts[e["article_id"]]]
    assert missing == []


@pytest.mark.parametrize(
    "labels",
    [ROOT / "tests" / "data" / "stance_labels.jsonl", FIELD / "stance_labels.jsonl"],
    ids=["bundled", "field"],
)
def test_every_stance_label_quote_occurs(labels: Path) -> None:
    texts = {aid: _norm(t) for aid, t in _all_articles().items()}
    rows = read_jsonl(labels)
    assert len(rows) >= 90
    missing = [
        r["quote"] for r in rows if _norm(str(r["quote"])) not in texts[str(r["article_id"])]
    ]
    assert missing == []


def test_offsets_are_exact_for_every_chunk_and_sentence() -> None:
    for aid, (_, article, chunks) in {**bundled_articles(), **field_articles()}.items():
        text = article.text
        assert chunks, aid
        for chunk in chunks:
            assert text[chunk.start : chunk.end] == chunk.text
            for span in chunk.sentences:
                assert chunk.start <= span.start < span.end <= chunk.end
                assert text[span.start : span.end].strip() == text[span.start : span.end]
            if chunk.row is not None:
                for _, cell in chunk.row.cells:
                    assert chunk.start <= cell.start < cell.end <= chunk.end
        for span in split_sentences(text):
            assert text[span.start : span.end] and not text[span.start].isspace()


def test_three_way_tables_keep_every_column() -> None:
    """The Laravel and Go (Gin) columns are cells of their own, attributed by header."""
    _, article, chunks = field_articles()["django-vs-express-vs-laravel-2026"]
    row = next(c.row for c in chunks if c.row and c.row.criterion == "Real-time / WebSockets")
    cells = {name: article.text[s.start : s.end] for name, s in row.cells}
    assert cells == {"Django": "Good (channels)", "Node.js (Express)": "Native",
                     "Laravel": "Good (Reverb)"}
    _, article, chunks = field_articles()["django-nodejs-go-gin-backend-comparison"]
    row = next(c.row for c in chunks if c.row and c.row.criterion == "Memory per instance")
    cells = {name: article.text[s.start : s.end] for name, s in row.cells}
    assert cells == {"Django": "High: around 120 MB per worker",
                     "Node.js": "Medium: around 60 MB per process",
                     "Go (Gin)": "Low: around 15 MB per binary"}


def test_cms_furniture_is_gone() -> None:
    _, article, _ = field_articles()["django-or-nodejs-honest-verdict"]
    text = article.text
    for furniture in ("We use cookies", "Share:", "Copy link", "About Lena Fischer",
                      "ByteHarbor Weekly", "Related posts", "cheap backlinks", "Leave a Reply",
                      "Blog ›"):
        assert furniture not in text, furniture
    assert text.startswith("Django or Node.js? Our Honest Verdict for Python Developers")


def test_newsletter_signature_and_list_footer_are_gone() -> None:
    _, article, _ = field_articles()["small-startup-django-or-node"]
    assert "unsubscribe" not in article.text.lower()
    assert "Posted by" not in article.text
    assert "Do not spend a week arguing like we did." in article.text


def test_rule_audit_keeps_only_shared_or_generic_rules() -> None:
    articles = {
        aid: (text, meta)
        for aid, (meta, _, _) in {**bundled_articles(), **field_articles()}.items()
        for text in [_raw_text(aid)]
    }
    table = audit_rules(articles)
    # 24 before clean12; 12 added for newsletters, transcripts, blog platforms, sponsor boxes
    assert len(table) == rule_count() == 36
    assert set(table["shape: closing author bio"]) == {
        "django-node-framework-benchmark-2025", "django-or-node-for-your-next-backend",
    }


def _raw_text(article_id: str) -> str:
    from ingest.formats import to_document

    if article_id in field_articles():
        path = next((FIELD / "articles").glob(f"{article_id}.*"))
    else:
        path = ROOT / "knowledge" / "corpus" / f"{article_id}.txt"
    return to_document(path.read_bytes(), path.suffix).text
