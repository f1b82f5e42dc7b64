"""Units of ``ui.render``: escaping, highlights, export, badges, progress text (no Streamlit).

Upload checks and library paths are the core's (``ingest.library``, reached by the UI through
``Versus``): their units are in ``tests/test_library.py``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from assistant.models import Answer, Citation
from knowledge.text.sizes import human_size
from ui import render

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def strip_tags(markup: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_esc_escapes_markup_and_quotes() -> None:
    assert render.esc(XSS) == (
        "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;"
    )
    assert render.esc(None) == ""


def test_layered_html_nests_and_overlaps_safely() -> None:
    text = "abc<def>ghi"
    out = render.layered_html(text, [(1, 6, "passage"), (4, 9, "hl")], offset=0)
    assert out == (
        'a<span class="vs-passage">bc&lt;</span>'
        '<mark class="vs-hl vs-passage">de</mark>'
        '<mark class="vs-hl">f&gt;g</mark>hi'
    )


def test_layered_html_with_offset_and_anchor() -> None:
    out = render.layered_html("hello world", [(106, 111, "hl")], offset=100, anchor=(106, "t"))
    assert out == 'hello <span id="t" class="vs-anchor"></span><mark class="vs-hl">world</mark>'


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70),
                                                st.sampled_from(["hl", "passage", "heading"])),
                                      max_size=5))
def test_layered_html_always_keeps_the_text(text: str, layers: list[tuple[int, int, str]]) -> None:
    out = render.layered_html(text, layers, anchor=(3, "a"))
    assert strip_tags(out) == text
    assert "<script" not in out.lower() or "&lt;script" in out.lower()


def test_passage_html_marks_the_supporting_sentence() -> None:
    cit = Citation(n=1, article_id="a", title="T", text="One <b>. Two.", start=10, end=23,
                   highlight=((19, 23),))
    assert render.passage_html(cit) == 'One &lt;b&gt;. <mark class="vs-hl">Two.</mark>'


def test_article_html_marks_passage_heading_and_anchor() -> None:
    text = "Intro\nSecurity\nDjango is safe. Node is too.\nEnd"
    sec = SimpleNamespace(start=6, end=44)
    ps = text.index("Django")
    pe = text.index("End") - 1
    hl = (ps, ps + len("Django is safe."))
    out = render.article_html(text, [sec], (ps, pe), [hl], anchor_id="x")
    assert '<span class="vs-heading">Security</span>' in out
    assert (
        '<span id="x" class="vs-anchor"></span><mark class="vs-hl vs-passage">Django is safe.'
    ) in out
    assert '<span class="vs-passage"> Node is too.</span>' in out
    assert strip_tags(out) == text


def test_article_html_without_highlights_marks_the_whole_passage() -> None:
    out = render.article_html("aa bb cc", (), (3, 5), ())
    assert '<mark class="vs-hl vs-passage">bb</mark>' in out


def test_locate_passage() -> None:
    text = "0123456789 hello there"
    assert render.locate_passage(text, "hello", 11, 16) == (11, 16)
    assert render.locate_passage(text, "hello", 0, 5) == (11, 16)  # moved
    assert render.locate_passage(text, "gone", 0, 4) is None


def test_answer_html_markers_paragraphs_and_escaping() -> None:
    out = render.answer_html(f"First [1] {XSS}.\n\nSecond [2]", {1: 'A "title"'})
    assert '<sup class="vs-ref" title="A &quot;title&quot;">[1]</sup>' in out
    assert '<sup class="vs-ref">[2]</sup>' in out
    assert out.count("<p>") == 2
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "vs-cursor" in render.answer_html("x", cursor=True)


def test_badges_cover_every_agreement() -> None:
    assert render.badge_for("agree").color == "green"
    assert render.badge_for("disagree").label == "Disagree"
    assert render.badge_for("disagree").color == "red"
    assert render.badge_for("mixed").label == "Mixed"
    assert render.badge_for("single-source").label == "Single source"
    assert render.badge_for("weird").color == "gray"


def test_criterion_question() -> None:
    assert render.criterion_question(" Security ") == (
        "How do Django and Node.js compare on Security?"
    )


def test_conversation_markdown_has_citations() -> None:
    cit = Citation(n=1, article_id="planeks", title="Planeks", text="Line one.\nLine two.",
                   start=5, end=24, section="Security")
    messages = [
        {"role": "user", "content": "Is Django secure?"},
        {"role": "assistant", "answer": Answer("Is Django secure?", "Is Django secure?",
                                                "Yes [1].", citations=(cit,))},
        {"role": "user", "content": "And Node?"},
        {"role": "assistant", "answer": Answer("And Node?", "Is Node.js secure?",
                                                "Not covered.", abstained=True)},
        {"role": "assistant", "error": "boom"},
    ]
    md = render.conversation_markdown(messages, now=datetime(2025, 1, 2, 3, 4, tzinfo=UTC))
    assert md.startswith("# Versus conversation\n\n_Exported 2025-01-02 03:04 UTC._")
    assert "## You\n\nIs Django secure?" in md
    assert "Yes [1]." in md
    assert "[1] Planeks — Security (`planeks`, characters 5–24)" in md
    assert "> Line one.\n> Line two." in md
    assert "## Versus (no answer in the articles)" in md
    assert "_Understood as: Is Node.js secure?_" in md


def test_progress_fraction_is_monotonic_over_stages() -> None:
    seq = [("read", 0, 4), ("read", 4, 4), ("embed", 0, 10), ("embed", 10, 10), ("stage", 1, 1),
           ("commit", 0, 1), ("commit", 1, 1), ("gc", 1, 1)]
    values = [render.progress_fraction(*s)[0] for s in seq]
    assert values == sorted(values) and values[-1] == 1.0
    assert render.progress_fraction("embed", 3, 10)[1] == "Embedding changed passages (3/10)"
    assert render.progress_fraction("embed", 0, 0)[0] == 0.8


def test_ingest_summary_and_dates() -> None:
    rep = SimpleNamespace(added=["a"], updated=[], removed=["b"], unchanged=["c", "d"],
                          skipped=[{"path": "/x/y.pdf", "reason": "unsupported"}], chunks=12,
                          seconds=1.26, embedded=3, reused=9)
    assert render.ingest_summary(rep) == [
        "Added: a", "Removed: b", "Unchanged: c, d", "Skipped y.pdf: unsupported",
        "12 passages live; 3 embedded, 9 reused; 1.3 s.",
    ]
    assert render.format_ingested_at("2025-01-02T03:04:05+00:00") == "2025-01-02 03:04 UTC"
    assert render.format_ingested_at("nonsense") == "nonsense"
    assert human_size(5 * 1024 * 1024) == "5.0 MB" and human_size(10) == "10 bytes"


def test_plain_label_strips_markdown_and_directives() -> None:
    assert render.plain_label("Django vs. Node JS | Difference") == "Django vs. Node JS Difference"
    assert render.plain_label("![x](http://evil/x.png) :red[hi] $x$ **b**") == (
        "x http evil x.png red hi x b"
    )
    assert "www." not in render.plain_label("see www.evil.com")
    assert render.plain_label("a" * 60, 10) == "aaaaaaaaa…"
    assert render.plain_label("***") == "source"
