"""Chunking: offsets, sentences, sections, comparison-table rows and size limits.

The offset invariant (``article.text[start:end] == text`` for every chunk, sentence and
table cell) is what lets the UI highlight a cited passage exactly, so it is checked for every
chunk of every bundled article rather than for a sample.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

import pytest

from ingest.chunk import chunk_article, find_tables, parse_article, split_sentences
from ingest.clean import clean_article
from ingest.formats import to_plain_text
from knowledge.models import ArticleMeta, Chunk, CleanedArticle, Section
from knowledge.settings import BUNDLED_CORPUS
from tests.conftest import ARTICLE_IDS, bundled_manifest

CORPUS = BUNDLED_CORPUS
_manifest = bundled_manifest


@cache
def _parsed(article_id: str) -> tuple[CleanedArticle, tuple[Chunk, ...]]:
    entry = _manifest()[article_id]
    raw = to_plain_text((CORPUS / str(entry["file"])).read_bytes(), ".txt")
    article, chunks = parse_article(raw, ArticleMeta(article_id, str(entry["title"])))
    return article, tuple(chunks)


def _chunk_with(article_id: str, needle: str) -> Chunk:
    _, chunks = _parsed(article_id)
    found = [c for c in chunks if needle in c.text]
    assert len(found) == 1, f"{needle!r} in {len(found)} chunks"
    return found[0]


def _texts(text: str, spans: object) -> list[str]:
    return [text[s.start : s.end] for s in spans]  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- invariants


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_offsets_of_every_chunk_sentence_and_cell(article_id: str) -> None:
    article, chunks = _parsed(article_id)
    text = article.text
    previous_end = 0
    for ordinal, chunk in enumerate(chunks):
        assert chunk.ordinal == ordinal
        assert chunk.article_id == article_id
        assert text[chunk.start : chunk.end] == chunk.text
        assert chunk.text == chunk.text.strip() and chunk.text
        assert chunk.start >= previous_end, "chunks overlap or are out of order"
        previous_end = chunk.end
        assert chunk.sentences, f"chunk without sentences: {chunk.text[:60]!r}"
        last = chunk.start
        for sent in chunk.sentences:
            assert chunk.start <= sent.start < sent.end <= chunk.end
            assert sent.start >= last, "sentences overlap or are out of order"
            last = sent.end
            sentence = text[sent.start : sent.end]
            assert sentence == sentence.strip() and not sentence.startswith("•")
        if chunk.row is not None:
            for _, cell in chunk.row.cells:
                assert chunk.start <= cell.start < cell.end <= chunk.end


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_chunk_ids_are_stable_and_derived_from_text(article_id: str) -> None:
    _, chunks = _parsed(article_id)
    for chunk in chunks:
        digest = hashlib.sha1(chunk.text.encode("utf-8")).hexdigest()[:10]
        assert chunk.chunk_id == f"{article_id}:{chunk.ordinal:04d}:{digest}"
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    article, _ = _parsed(article_id)
    assert [c.chunk_id for c in chunk_article(article)] == [c.chunk_id for c in chunks]


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_headings_and_table_headers_are_not_chunks(article_id: str) -> None:
    article, chunks = _parsed(article_id)
    titles = {s.title for s in article.sections if article.text[s.start :].startswith(s.title)}
    titles |= {"• " + s.title for s in article.sections}
    for chunk in chunks:
        assert chunk.text not in titles
        assert not chunk.text.startswith("Characteristics Django Node JS")
        assert "---|" not in chunk.text
        assert "Criteria | Django" not in chunk.text


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
def test_every_substantive_line_lands_in_exactly_one_chunk(article_id: str) -> None:
    article, chunks = _parsed(article_id)
    structural = {s.start for s in article.sections}
    for table in find_tables(article.text):
        structural.add(table.header.start)
        structural.update(s.start for s in table.skipped)
    pos = 0
    for line in article.text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not line or (start in structural and not any(c.start == start for c in chunks)):
            continue
        owners = [c for c in chunks if c.start <= start and start + len(line) <= c.end]
        if not owners and len(line) > 800:
            # A paragraph longer than a chunk is cut at sentence ends into consecutive pieces.
            pieces = sorted(
                (c for c in chunks if c.start < start + len(line) and c.end > start),
                key=lambda c: c.start,
            )
            covered = "".join(article.text[c.start : c.end] for c in pieces)
            assert "".join(covered.split()) == "".join(line.split()), line[:70]
            continue
        assert len(owners) == 1, f"line in {len(owners)} chunks: {line[:70]!r}"


# --------------------------------------------------------------------------- sections


def test_section_of_bullet_heading_paragraph() -> None:
    chunk = _chunk_with(
        "javatpoint-django-vs-nodejs",
        "Django protects the web-applications against many security issues",
    )
    assert "Secure" in chunk.section
    assert chunk.section == "Secure"  # plain nearest title, not "Features of Django › Secure"


@pytest.mark.parametrize(
    ("article_id", "needle", "section"),
    [
        ("javatpoint-django-vs-nodejs", "In this tutorial, we will discuss",
         "Django vs. Node JS | Difference between Django and Node JS"),
        ("javatpoint-django-vs-nodejs", "Node.JS application doesn't buffer", "No Buffering"),
        ("javatpoint-django-vs-nodejs", "Django follows the MVT (Model View Template)",
         "Django vs. Node JS"),
        ("planeks-django-vs-nodejs", "The suitable backend technology sets the foundation", ""),
        ("planeks-django-vs-nodejs", "Node.js powers well-known platforms", "Vast Ecosystem"),
        ("planeks-django-vs-nodejs", "Django operates in a synchronous mode", "Performance"),
        ("planeks-django-vs-nodejs", "Node.js, in contrast, is asynchronous and event-driven",
         "Performance"),
        ("planeks-django-vs-nodejs", "All in all, let’s wrap our insights", "Security"),
        ("planeks-django-vs-nodejs", "Yet, Node.js has substantial drawbacks", "Node.js"),
        ("nodejs-vs-django-2021", "Security: NodeJs is very secured technology", "Security"),
        ("nodejs-vs-django-2021", "Full Stack development opportunity: Its very pathetic",
         "Full Stack development opportunity"),
        ("nodejs-vs-django-2021", "Best of luck.", "Which Should You Use"),
        ("nodejs-or-django-robust-apps", "• Host header validation",
         "Security in Node.js vs Django"),
    ],
)
def test_chunk_sections(article_id: str, needle: str, section: str) -> None:
    assert _chunk_with(article_id, needle).section == section


def test_table_rows_take_the_section_the_table_summarises() -> None:
    _, chunks = _parsed("planeks-django-vs-nodejs")
    rows = [c for c in chunks if c.kind == "table-row"]
    assert {c.section for c in rows} == {"Key Comparison Criteria"}
    _, chunks = _parsed("javatpoint-django-vs-nodejs")
    rows = [c for c in chunks if c.kind == "table-row"]
    assert {c.section for c in rows} == {"Difference between Django and Node.JS"}


# --------------------------------------------------------------------------- tables

JAVATPOINT_ROWS: list[tuple[str, str, str]] = [
    (
        "Definition",
        "Django is Python based web framework. It is an open-source platform to build rich web "
        "applications.",
        "Node JS is an open-source web application that runs on JavaScript designed to build "
        "powerful APIs (Client-side).",
    ),
    (
        "Security",
        "It provides strong security and comes with highly protected built-in system which "
        "prevents any deficiency.",
        "It is not secure as Django and requires manual operations to handle the security "
        "issues.",
    ),
    (
        "Performance",
        "It provides much better performance and helping to create major web-applications. It "
        "comes with a built-in house template system that facilitates the execution of a "
        "required task quickly.",
        "Node JS's performance is quite impressive as it provide the freedom to developers. But "
        "it takes much time to develop the application.",
    ),
    (
        "Efficiency",
        "Django is very efficient and provides fast speed. And so, it is cost effective.",
        "It consumes more operating time. However, it is easy to learn. It is less cost "
        "effective.",
    ),
    (
        "Architecture",
        "It follows the MVT model template view.",
        "It works on the event-driven model. It runs on an operating system maintaining a small "
        "stack of requests.",
    ),
    (
        "Flexibility",
        "This framework is less flexible and has quite strict development features.",
        "In Node JS, there are various tools and features available because it is built upon a "
        "JavaScript library.",
    ),
    (
        "Development Speed",
        "It takes less operating time due to the built-in system; However, it is time-consuming "
        "to learn if the developer doesn't know python.",
        "It takes more operating time but if developers are experienced with JavaScript then it "
        "is quite helpful.",
    ),
    ("Tool Type", "It is a web framework.", "It is a runtime environment."),
    (
        "Community",
        "Django has a vast community across the world and up-to-date documentation.",
        "It also has a vast community.",
    ),
]

PLANEKS_ROWS: list[tuple[str, str, str]] = [
    (
        "Performance",
        "Synchronous; optimal for CPU-intensive tasks and predictable workloads.",
        "Asynchronous; excels at I/O-heavy and real-time apps.",
    ),
    (
        "Scalability",
        "Vertical scalability; efficient for enterprise apps with stable traffic.",
        "Horizontal scalability; ideal for microservices and distributed systems.",
    ),
    (
        "Development speed",
        "Faster with built-in tools (ORM, admin panel, authentication).",
        "Slower initially due to manual library selection but highly customizable.",
    ),
    (
        "Learning curve",
        "Easier for Python developers; strong documentation.",
        "Steeper for JavaScript newbies; requires knowledge of asynchronous programming.",
    ),
    (
        "Ecosystem & community",
        "Mature ecosystem; reliable for web development.",
        "Vast ecosystem; highly versatile but requires careful library selection.",
    ),
    (
        "Use cases",
        "Data-heavy apps, CMSs, e-commerce, and projects needing robust security.",
        "Real-time apps, APIs, gaming, and streaming platforms.",
    ),
    (
        "Security",
        "Built-in protections against XSS, CSRF, SQL injection.",
        "Security relies on developer practices and chosen libraries.",
    ),
]


def _rows(article_id: str) -> list[tuple[str, dict[str, str]]]:
    article, chunks = _parsed(article_id)
    out = []
    for chunk in chunks:
        if chunk.kind == "table-row":
            assert chunk.row is not None
            cells = {name: article.text[s.start : s.end] for name, s in chunk.row.cells}
            out.append((chunk.row.criterion, cells))
    return out


def test_javatpoint_flattened_table_rows_split_per_subject() -> None:
    rows = _rows("javatpoint-django-vs-nodejs")
    assert [list(cells) for _, cells in rows] == [["Django", "Node JS"]] * 9
    assert [(crit, cells["Django"], cells["Node JS"]) for crit, cells in rows] == JAVATPOINT_ROWS


def test_planeks_pipe_table_rows() -> None:
    rows = _rows("planeks-django-vs-nodejs")
    assert [list(cells) for _, cells in rows] == [["Django", "Node.js"]] * 7
    assert [(crit, cells["Django"], cells["Node.js"]) for crit, cells in rows] == PLANEKS_ROWS


def test_table_row_chunk_is_the_whole_row_line() -> None:
    chunk = _chunk_with("javatpoint-django-vs-nodejs", "Tool Type It is a web framework.")
    assert chunk.kind == "table-row"
    assert chunk.text == "Tool Type It is a web framework. It is a runtime environment."
    article, _ = _parsed("javatpoint-django-vs-nodejs")
    assert _texts(article.text, chunk.sentences) == [
        "It is a web framework.",
        "It is a runtime environment.",
    ]


def test_only_two_articles_have_tables() -> None:
    for article_id in ("nodejs-vs-django-2021", "nodejs-or-django-robust-apps"):
        article, chunks = _parsed(article_id)
        assert find_tables(article.text) == []
        assert all(c.kind == "prose" and c.row is None for c in chunks)


def test_title_with_a_pipe_is_not_a_table() -> None:
    article, _ = _parsed("javatpoint-django-vs-nodejs")
    tables = find_tables(article.text)
    assert [t.kind for t in tables] == ["flat"]
    assert tables[0].subjects == ("Django", "Node JS")
    assert tables[0].criterion_header == "Characteristics"


def test_generic_markdown_table_with_other_subjects() -> None:
    md = (
        "# Flask vs Express\n\nA short comparison of two micro frameworks.\n\n"
        "| Aspect | Flask | Express |\n| --- | --- | --- |\n"
        "| Language | Python. Simple to read. | JavaScript. |\n"
        "| Routing | Decorators. | Middleware chain. |\n"
    )
    text = to_plain_text(md.encode(), ".md")
    article, chunks = parse_article(text, ArticleMeta("md", "Flask vs Express"))
    rows = [c for c in chunks if c.kind == "table-row"]
    assert [c.row.criterion for c in rows if c.row] == ["Language", "Routing"]
    first = rows[0].row
    assert first is not None
    cells = {k: article.text[s.start : s.end] for k, s in first.cells}
    assert cells == {"Flask": "Python. Simple to read.", "Express": "JavaScript."}
    assert _texts(article.text, rows[0].sentences) == [
        "Python.",
        "Simple to read.",
        "JavaScript.",
    ]
    assert rows[0].section == "Flask vs Express"


def test_html_table_upload_becomes_row_chunks() -> None:
    html = (
        b"<h2>Comparison</h2><p>Intro text about both.</p><table>"
        b"<tr><th>Criterion</th><th>Django</th><th>Node.js</th></tr>"
        b"<tr><td>Speed</td><td>Fast enough.</td><td>Very fast.</td></tr>"
        b"<tr><td>Security</td><td>Built in.</td><td>Via packages.</td></tr></table>"
    )
    article, chunks = parse_article(to_plain_text(html, ".html"), ArticleMeta("h", "Upload"))
    text = article.text
    rows = [c for c in chunks if c.kind == "table-row"]
    assert [c.text for c in rows] == [
        "Speed — Django: Fast enough. · Node.js: Very fast.",
        "Security — Django: Built in. · Node.js: Via packages.",
    ]
    assert rows[0].row is not None
    assert [(k, text[s.start : s.end]) for k, s in rows[0].row.cells] == [
        ("Django", "Fast enough."), ("Node.js", "Very fast.")
    ]
    assert rows[1].row is not None and [k for k, _ in rows[1].row.cells] == ["Django", "Node.js"]


def test_flat_row_without_subject_mention_splits_sentences_in_half() -> None:
    text = (
        "Comparison\n\nAspect Django Flask\n"
        "Speed It is quick. It is very quick. It is slower. It is fine.\n"
        "Size It is big. It is small.\n"
    )
    # Subject names come from the subjects configuration; here a Django-vs-Flask one.
    names = ("Django", "Flask")
    article = clean_article(text, ArticleMeta("f", "Whatever"), names)
    rows = [c.row for c in chunk_article(article, subject_names=names) if c.row]
    assert [(r.criterion, [article.text[s.start : s.end] for _, s in r.cells]) for r in rows] == [
        ("Speed", ["It is quick. It is very quick.", "It is slower. It is fine."]),
        ("Size", ["It is big.", "It is small."]),
    ]


# --------------------------------------------------------------------------- merging, sizes


def test_pros_and_cons_lists_stay_apart_with_their_lead_in() -> None:
    adv = _chunk_with("javatpoint-django-vs-nodejs", "It provides better security to the web")
    assert adv.text.startswith("Below are the few important pros and cons of Django.")
    assert "It is comparatively easy to learn." in adv.text
    assert "single-tiered" not in adv.text  # the (lost-heading) disadvantages list is apart
    dis = _chunk_with("javatpoint-django-vs-nodejs", "single-tiered applications")
    assert dis.text.count("•") == 3


def test_list_stays_with_the_paragraph_that_introduces_it() -> None:
    chunk = _chunk_with("nodejs-or-django-robust-apps", "Cross-site scripting (XSS) protection")
    assert "Some of the security features Django provides are:" in chunk.text
    assert chunk.text.count("•") == 5
    article, _ = _parsed("nodejs-or-django-robust-apps")
    assert _texts(article.text, chunk.sentences)[-5:] == [
        "Cross-site scripting (XSS) protection",
        "Cross-site request forgery (CSRF) protection",
        "SQL injection protection",
        "Clickjacking protection SSL/HTTPS",
        "Host header validation",
    ]


@pytest.mark.parametrize("article_id", ARTICLE_IDS)
@pytest.mark.parametrize("max_chars", [250, 400, 800])
def test_max_chars_is_respected_except_for_single_sentences(
    article_id: str, max_chars: int
) -> None:
    article, _ = _parsed(article_id)
    chunks = chunk_article(article, max_chars=max_chars)
    for chunk in chunks:
        assert article.text[chunk.start : chunk.end] == chunk.text
        if chunk.kind == "prose" and len(chunk.text) > max_chars:
            assert len(chunk.sentences) == 1, chunk.text[:80]
    # Smaller limits never lose text: the same sentences are covered, just cut differently.
    default = {(s.start, s.end) for c in _parsed(article_id)[1] for s in c.sentences}
    assert {(s.start, s.end) for c in chunks for s in c.sentences} == default


def test_long_paragraph_is_split_at_sentence_boundaries() -> None:
    sentences = [f"Django feature number {i} is described in this sentence." for i in range(40)]
    text = "Long Section\n\n" + " ".join(sentences)
    article = CleanedArticle(
        meta=ArticleMeta("long", "x"),
        text=text,
        sections=(Section("Long Section", 0, len(text), 1),),
    )
    chunks = chunk_article(article, max_chars=300)
    assert len(chunks) > 1
    assert all(len(c.text) <= 300 for c in chunks)
    assert [s for c in chunks for s in _texts(text, c.sentences)] == sentences
    assert all(c.section == "Long Section" for c in chunks)
    assert all(c.text.endswith("sentence.") for c in chunks)  # never cut mid-sentence


def test_short_paragraphs_merge_but_long_ones_do_not() -> None:
    short = "Django is tidy."
    long_a = "Django " + "really " * 60 + "works."
    long_b = "Node.js " + "truly " * 60 + "scales."
    text = f"{short}\n{short}\n{long_a}\n{long_b}"
    article = CleanedArticle(meta=ArticleMeta("m", "x"), text=text)
    assert [c.text for c in chunk_article(article)] == [f"{short}\n{short}\n{long_a}", long_b]


@pytest.mark.parametrize(
    ("article_id", "low", "high", "rows"),
    [
        ("javatpoint-django-vs-nodejs", 24, 36, 9),
        ("planeks-django-vs-nodejs", 40, 60, 7),
        ("nodejs-vs-django-2021", 10, 18, 0),
        ("nodejs-or-django-robust-apps", 10, 18, 0),
    ],
)
def test_chunk_count_sanity(article_id: str, low: int, high: int, rows: int) -> None:
    _, chunks = _parsed(article_id)
    assert low <= len(chunks) <= high
    assert sum(c.kind == "table-row" for c in chunks) == rows
    prose = [c for c in chunks if c.kind == "prose"]
    assert sum(len(c.text) for c in prose) / len(prose) > 250  # not shredded into fragments


def test_empty_article_has_no_chunks() -> None:
    article, chunks = parse_article("", ArticleMeta("e", "Empty"))
    assert article.text == "" and chunks == []


# --------------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Use a framework, e.g. Django. It works i.e. Node.js too.",
            ["Use a framework, e.g. Django.", "It works i.e. Node.js too."],
        ),
        (
            "Node.js is fast. Node.JS is async. Dr. Smith prefers Django vs. Flask. Done.",
            ["Node.js is fast.", "Node.JS is async.", "Dr. Smith prefers Django vs. Flask.",
             "Done."],
        ),
        ("It costs 2.5 dollars. Version 3.11 is out.",
         ["It costs 2.5 dollars.", "Version 3.11 is out."]),
        ("Features of Django\nDjango comes with many features.",
         ["Features of Django", "Django comes with many features."]),
        ("• It provides better security.\n• It is easy to learn",
         ["It provides better security.", "It is easy to learn"]),
        ("This line wraps without a stop\nand continues here. Next one.",
         ["This line wraps without a stop\nand continues here.", "Next one."]),
        ('It does things "out of the box." It provides more. Why? “Which is best ?” You choose.',
         ['It does things "out of the box."', "It provides more.", "Why?", "“Which is best ?”",
          "You choose."]),
        ("Item No. 5 is listed. The answer is no. Django wins.",
         ["Item No. 5 is listed.", "The answer is no.", "Django wins."]),
        ("J. Smith agrees. Heavy dashboards.) Its architecture scales.",
         ["J. Smith agrees.", "Heavy dashboards.)", "Its architecture scales."]),
        ("  padded sentence.   Another one!  ", ["padded sentence.", "Another one!"]),
        ("1. First numbered item\n2) second item here",
         ["First numbered item", "second item here"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text, split_sentences(text)) == expected


def test_split_sentences_returns_absolute_offsets_in_a_window() -> None:
    text = "xx Hello world. Bye now. yy"
    spans = split_sentences(text, 3, 24)
    assert [(s.start, s.end) for s in spans] == [(3, 15), (16, 24)]
    assert _texts(text, spans) == ["Hello world.", "Bye now."]


def test_split_sentences_on_real_paragraph() -> None:
    article, _ = _parsed("planeks-django-vs-nodejs")
    start = article.text.index("High-traffic platforms can heavily benefit")
    end = article.text.index("\n", start)
    got = _texts(article.text, split_sentences(article.text, start, end))
    assert len(got) == 3
    assert got[0].endswith("like heavy dashboards.)")
    assert got[1].startswith("Its architecture ensures smooth performance")
    assert all(re.search(r"[.!?)]$", s) for s in got)
