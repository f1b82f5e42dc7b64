"""AppTest tests of every page against a small fake ``Versus`` (fast, no model, no store).

The fake is installed by patching the app's own accessor, ``ui.state.get_versus``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assistant.models import Answer, Citation, EngineStatus
from assistant.service import Versus
from ingest.library import delete_owned
from ingest.pipeline import IngestReport
from ingest.refresh import RefreshReport
from knowledge.models import ArticleMeta, CleanedArticle, Section
from knowledge.protocols import ArticleRecord
from knowledge.settings import Settings
from tests.conftest import ROOT
from ui import state

APP = str(ROOT / "ui" / "views" / "main.py")
XSS = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'

SECURITY_TEXT = (
    "Security\n"
    "Django ships with protection against SQL injection and cross-site scripting. "
    "Its middleware adds CSRF tokens by default.\n"
    "Performance\n"
    "Node.js handles many concurrent connections with its event loop.\n"
)


def _citation(n: int = 1, text_src: str = SECURITY_TEXT,
              title: str = "Planeks article") -> Citation:
    start = text_src.index("Django ships")
    end = text_src.index("default.") + len("default.")
    hl_end = text_src.index("scripting.") + len("scripting.")
    return Citation(
        n=n,
        article_id="planeks",
        title=title,
        text=text_src[start:end],
        start=start,
        end=end,
        section="Security",
        highlight=((start, hl_end),),
    )


class FakeVersus:
    """Just enough of ``assistant.service.Versus`` for the pages."""

    def __init__(self, data_dir: Path, *, engine_ok: bool = True, llm: str = "none") -> None:
        self.settings = Settings(data_dir=data_dir, llm=llm, max_file_bytes=2000)
        self.articles: dict[str, CleanedArticle] = {
            "planeks": CleanedArticle(
                meta=ArticleMeta("planeks", "Planeks article", "PLANEKS", 2024),
                text=SECURITY_TEXT,
                sections=(Section("Security", 0, 120), Section("Performance", 120, 200)),
            ),
            "javatpoint": CleanedArticle(
                meta=ArticleMeta("javatpoint", "Javatpoint article", "Javatpoint", None),
                text="Node.js is fast.\nDjango is batteries included.\n",
            ),
        }
        self.sources: dict[str, str | None] = {"planeks": None, "javatpoint": None}
        self.engine_ok = engine_ok
        self.asked: list[tuple[str, list[str]]] = []
        self.ingests: list[dict[str, Any]] = []
        self.answer_for: dict[str, Answer] = {}
        self.fail_stream = False
        self.warmed = threading.Event()
        self.change_reports: list[dict[str, Any]] = []
        self.urls: dict[str, str] = {}
        self.refreshes: list[bool] = []
        self.refresh_result = RefreshReport(checked=["planeks"], unchanged=["planeks"])

    # -- service API ------------------------------------------------------------------

    def warm_up(self) -> None:
        self.warmed.set()

    def library(self) -> list[ArticleRecord]:
        return [
            ArticleRecord(meta=a.meta, content_hash="h", version=f"{aid}@1",
                          chunk_count=len(a.text) // 20 + 1,
                          ingested_at="2025-01-02T03:04:05+00:00",
                          source_path=self.sources.get(aid), url=self.urls.get(aid))
            for aid, a in sorted(self.articles.items())
        ]

    def article(self, article_id: str) -> CleanedArticle | None:
        return self.articles.get(article_id)

    def stream(self, question: str, history: Sequence[str] = ()) -> Iterator[str | Answer]:
        self.asked.append((question, list(history)))
        if self.fail_stream:
            raise RuntimeError("the store is gone")
        answer = self.answer_for.get(question) or self._default(question, history)
        words = answer.answer.split(" ")
        for i, w in enumerate(words):
            yield w + (" " if i < len(words) - 1 else "")
        yield answer

    def ask(self, question: str, history: Sequence[str] = ()) -> Answer:
        return next(p for p in self.stream(question, history) if isinstance(p, Answer))

    def _default(self, question: str, history: Sequence[str]) -> Answer:
        standalone = question if not history else f"{question} (about: {history[-1]})"
        return Answer(
            question=question,
            standalone_question=standalone,
            answer="Django protects against SQL injection and XSS by default [1].",
            citations=(_citation(),),
            timings_ms={"total": 120.0},
        )

    def engine_status(self) -> EngineStatus:
        if self.settings.llm == "none":
            return EngineStatus("offline", True, "grounded composer, no model server")
        if self.engine_ok:
            return EngineStatus(self.settings.llm, True, "answering")  # type: ignore[arg-type]
        return EngineStatus("offline", False, "http://127.0.0.1:11434: connection refused")

    def compare(self, criterion: str | None = None) -> Any:
        def claim(text: str, favours: str) -> Any:
            cit = _citation()
            return SimpleNamespace(text=text, favours=favours, citation=SimpleNamespace(
                article_id=cit.article_id, start=cit.start, end=cit.end, text=cit.text))

        crits = [
            SimpleNamespace(name="Security", agreement="disagree",
                            article_stances={"planeks": "Django", "javatpoint": "Node.js"},
                            cells={
                "Django": [claim("Django is secure by default.", "Django")],
                "Node.js": [claim("Node.js security depends on packages " + XSS, "Node.js")],
            }),
            SimpleNamespace(name="Performance", agreement="agree", cells={
                "Django": [], "Node.js": [claim("Node.js is fast.", "Node.js")],
            }),
            SimpleNamespace(name="Learning curve", agreement="single-source", cells={
                "Django": [claim("Django is easy to learn.", "Django")], "Node.js": [],
            }),
        ]
        if criterion:
            crits = [c for c in crits if c.name == criterion]
        return SimpleNamespace(subjects=["Django", "Node.js"], criteria=crits)

    # The library's file management is the core's own code, run against this fake.
    check_upload = Versus.check_upload
    library_dir = Versus.library_dir
    add_upload = Versus.add_upload
    library_access = Versus.library_access

    def changes(self, last: int | None = None) -> list[dict[str, Any]]:
        return self.change_reports[:last]

    def refresh(self, *, progress: Any = None, guarded: bool = False) -> Any:
        self.refreshes.append(guarded)
        if progress:
            progress("fetch", 0, 1)
            progress("fetch", 1, 1)
        return self.refresh_result

    def ingest(self, paths: Sequence[Path] | None = None, *, rebuild: bool = False,
               remove: Sequence[str] = (), progress: Any = None, urls: Sequence[str] = (),
               guarded: bool = False) -> IngestReport:
        self.ingests.append({"paths": list(paths or []), "rebuild": rebuild,
                             "remove": list(remove)})
        if urls:
            self.ingests[-1].update(urls=list(urls), guarded=guarded)
        report = IngestReport(seconds=0.1)
        for stage in ("read", "embed", "stage", "commit", "gc"):
            if progress:
                progress(stage, 0, 2)
                progress(stage, 2, 2)
        for aid in remove:
            if self.articles.pop(aid, None) is not None:
                report.removed.append(aid)
                delete_owned(self.settings.data_dir, self.sources.get(aid))
        for p in paths or []:
            p = Path(p)
            text = p.read_text(encoding="utf-8")
            aid = p.stem
            if "EMPTY-AFTER-CLEANING" in text:
                report.skipped.append({"path": str(p), "reason": "no article text left"})
                continue
            (report.updated if aid in self.articles else report.added).append(aid)
            self.articles[aid] = CleanedArticle(
                meta=ArticleMeta(aid, text.splitlines()[0][:80]), text=text)
            self.sources[aid] = str(p)
        if not paths and not remove:
            report.unchanged.extend(sorted(self.articles))
        report.chunks = sum(len(a.text) // 20 + 1 for a in self.articles.values())
        return report


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeVersus:
    versus = FakeVersus(tmp_path / "data")
    monkeypatch.setattr(state, "get_versus", lambda: versus)
    monkeypatch.setattr(state, "server_address", lambda: "127.0.0.1")
    return versus


def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=20)


def html_of(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.html)


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    no_exception(at)
    return at


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"{page}.py").run()
    no_exception(at)
    return at


# -- chat -----------------------------------------------------------------------------


def test_chat_opens_with_starter_questions(fake: FakeVersus) -> None:
    at = app().run()
    no_exception(at)
    assert "What do the articles say?" in html_of(at)
    labels = [b.label for b in at.button]
    assert "Which is more secure, Django or Node.js?" in labels
    assert len(at.chat_input) == 1


def test_chat_answer_has_markers_sources_and_highlight(fake: FakeVersus) -> None:
    at = ask(app().run(), "Is Django secure?")
    page = html_of(at)
    assert '<sup class="vs-ref" title="Planeks article — Security">[1]</sup>' in page
    assert '<mark class="vs-hl">Django ships with protection against SQL injection' in page
    assert "Sources (1)" in [e.label for e in at.expander]
    assert [b.label for b in at.button if b.label == "Open in article"]
    assert fake.asked == [("Is Django secure?", [])]
    assert [m.name for m in at.chat_message] == ["user", "assistant"]


def test_starter_question_is_asked_on_click(fake: FakeVersus) -> None:
    at = app().run()
    next(b for b in at.button if b.label.startswith("Which is more secure")).click().run()
    no_exception(at)
    assert fake.asked[0][0] == "Which is more secure, Django or Node.js?"
    assert "vs-ref" in html_of(at)


def test_follow_up_sends_history_and_shows_standalone_question(fake: FakeVersus) -> None:
    at = ask(app().run(), "Is Django secure?")
    at = ask(at, "And Node.js?")
    assert fake.asked[1] == ("And Node.js?", ["Is Django secure?"])
    assert "How I understood this follow-up" in [e.label for e in at.expander]
    assert "And Node.js? (about: Is Django secure?)" in html_of(at)


def test_abstention_looks_different(fake: FakeVersus) -> None:
    fake.answer_for["Who won the 2022 World Cup?"] = Answer(
        question="Who won the 2022 World Cup?",
        standalone_question="Who won the 2022 World Cup?",
        answer="The articles don't say.",
        abstained=True,
    )
    at = ask(app().run(), "Who won the 2022 World Cup?")
    page = html_of(at)
    assert 'data-kind="abstained"' in page
    assert "Not covered by the articles" in page
    assert not [e for e in at.expander if e.label.startswith("Sources")]


def test_llm_fallback_notice_is_shown(fake: FakeVersus) -> None:
    fake.answer_for["q"] = Answer(question="q", standalone_question="q", answer="A [1].",
                                  notice="The LLM did not answer; the offline composer did.",
                                  citations=(_citation(),))
    at = ask(app().run(), "q")
    assert "The LLM did not answer; the offline composer did." in html_of(at)


def test_open_in_article_shows_whole_article_with_passage_marked(fake: FakeVersus) -> None:
    at = ask(app().run(), "Is Django secure?")
    next(b for b in at.button if b.label == "Open in article").click().run()
    no_exception(at)
    page = html_of(at)
    assert 'class="vs-article-scroll" data-article="planeks"' in page
    assert '<span class="vs-heading">Security</span>' in page
    assert '<mark class="vs-hl vs-passage">Django ships with protection' in page
    assert 'id="vs-target-' in page
    assert "Node.js handles many concurrent connections" in page  # the whole article


def test_new_conversation_and_export(fake: FakeVersus) -> None:
    at = ask(app().run(), "Is Django secure?")
    assert [b for b in at.get("download_button")]
    next(b for b in at.button if b.label == "New conversation").click().run()
    no_exception(at)
    assert not at.chat_message
    assert "What do the articles say?" in html_of(at)


def test_service_failure_reads_as_a_message(fake: FakeVersus) -> None:
    fake.fail_stream = True
    at = ask(app().run(), "Is Django secure?")
    assert "the store is gone" in html_of(at)
    assert 'class="vs-error"' in html_of(at)


def test_article_and_user_text_is_escaped_everywhere(fake: FakeVersus) -> None:
    text = f"{XSS}\nDjango ships [x](javascript:alert(1)) and :red[hi] {XSS}\n"
    start = text.index("Django ships")
    cit = Citation(n=1, article_id="evil", title=f"Evil {XSS}", text=text[start:],
                   start=start, end=len(text), section=f"Sec {XSS}",
                   highlight=((start, start + 12),))
    fake.articles["evil"] = CleanedArticle(meta=ArticleMeta("evil", f"Evil {XSS}", XSS), text=text)
    question = f"What about {XSS}?"
    fake.answer_for[question] = Answer(question=question, standalone_question=f"Really {XSS}",
                                       answer=f"It says {XSS} [1].", citations=(cit,))
    at = ask(app().run(), question)
    next(b for b in at.button if b.label == "Open in article").click().run()
    no_exception(at)
    page = html_of(at)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page and "onerror=\"window" not in page
    # nothing from the articles or the user went through Markdown
    for el in [*at.markdown, *at.caption, *at.expander]:
        body = getattr(el, "value", None) or getattr(el, "label", "")
        assert "pwned" not in str(body)


# -- compare ----------------------------------------------------------------------------


def test_compare_shows_matrix_with_badges(fake: FakeVersus) -> None:
    at = go(app().run(), "compare")
    page = html_of(at)
    for name in ("Security", "Performance", "Learning curve"):
        assert f'<div class="vs-crit">{name}</div>' in page
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert any(":red-badge[:material/compare_arrows: Disagree]" in b for b in badges), badges
    assert any("Agree" in b for b in badges)
    assert any("Single source" in b for b in badges)
    assert "No claim in the articles." in page
    assert "<li>PLANEKS: <b>Django</b></li>" in page  # why they disagree
    assert "&lt;script&gt;" in page and "<script>window" not in page


def test_compare_filters_by_criterion(fake: FakeVersus) -> None:
    at = go(app().run(), "compare")
    at.multiselect(key="compare-criteria").set_value(["Security"]).run()
    no_exception(at)
    page = html_of(at)
    assert "Security" in page and '<div class="vs-crit">Performance</div>' not in page
    assert "1 of 3 criteria" in [c.value for c in at.caption]


def test_compare_source_is_one_click_away(fake: FakeVersus) -> None:
    at = go(app().run(), "compare")
    at.button(key="src-0-0-0").click().run()
    no_exception(at)
    assert 'data-article="planeks"' in html_of(at)
    assert "<mark class=" in html_of(at)


def test_ask_about_this_puts_the_question_in_the_chat(fake: FakeVersus) -> None:
    at = go(app().run(), "compare")
    at.button(key="ask-0").click().run()
    no_exception(at)
    assert fake.asked and fake.asked[0][0] == "How do Django and Node.js compare on Security?"
    assert at.chat_message  # we are on the chat page, answered


# -- library ------------------------------------------------------------------------------


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, "text/plain")).run()
    no_exception(at)
    return at


def test_library_lists_articles(fake: FakeVersus) -> None:
    at = go(app().run(), "library")
    df = at.dataframe[0].value
    assert list(df["Title"]) == ["Javatpoint article", "Planeks article"]
    assert list(df["Publisher"]) == ["Javatpoint", "PLANEKS"]
    assert list(df["Year"]) == ["—", "2024"]
    assert "2025-01-02 03:04 UTC" in list(df["Ingested"])
    passages = sum(r.chunk_count for r in fake.library())
    assert f"<b>2</b> articles</span><span><b>{passages}</b> passages" in html_of(at)


def test_library_reads_an_article(fake: FakeVersus) -> None:
    at = go(app().run(), "library")
    at.selectbox(key="library-view-pick").set_value("planeks")
    at.button(key="library-view").click().run()
    no_exception(at)
    assert "Django ships with protection" in html_of(at)


def test_upload_new_article_is_written_safely_and_ingested(fake: FakeVersus) -> None:
    at = go(app().run(), "library")
    at = upload(at, "../../My New Article!.txt", b"Fresh take\nDjango and Node.js today.\n")
    assert any("Add article ID my-new-article" in c.value for c in at.caption)
    at.button(key="library-ingest-upload").click().run()
    no_exception(at)
    lib = Path(fake.settings.data_dir) / "library"
    assert [p.name for p in lib.iterdir()] == ["my-new-article.txt"]
    assert fake.ingests[-1]["paths"] == [lib / "my-new-article.txt"]
    assert "my-new-article.txt: added" in [s.value for s in at.success]
    assert "Added: my-new-article" in html_of(at)
    assert not at.file_uploader[0].value  # the uploader is reset


def test_upload_with_existing_id_updates_it(fake: FakeVersus) -> None:
    at = go(app().run(), "library")
    at = upload(at, "planeks.md", b"Planeks v2\nNew content.\n")
    assert any("Update article ID planeks" in c.value for c in at.caption)
    at.button(key="library-ingest-upload").click().run()
    no_exception(at)
    assert "planeks.md: updated" in [s.value for s in at.success]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("big.txt", b"x" * 2001, "over the limit"),
        ("bin.txt", b"abc\x00def", "looks binary"),
        ("odd.txt", b"\xff\xfe\x41", "not readable text"),
    ],
)
def test_bad_uploads_are_refused_before_writing(fake: FakeVersus, name: str, data: bytes,
                                                reason: str) -> None:
    at = go(app().run(), "library")
    at = upload(at, name, data)
    assert any(reason in e.value for e in at.error), [e.value for e in at.error]
    assert not [b for b in at.button if b.key == "library-ingest-upload"]
    assert not (Path(fake.settings.data_dir) / "library").exists()
    assert not fake.ingests


def test_upload_the_pipeline_skips_is_not_left_behind(fake: FakeVersus) -> None:
    at = go(app().run(), "library")
    at = upload(at, "hollow.txt", b"EMPTY-AFTER-CLEANING\n")
    at.button(key="library-ingest-upload").click().run()
    no_exception(at)
    assert "Upload not ingested" in [w.value for w in at.warning]
    assert not (Path(fake.settings.data_dir) / "library" / "hollow.txt").exists()


def test_remove_article_deletes_uploaded_file(fake: FakeVersus) -> None:
    lib = Path(fake.settings.data_dir) / "library"
    lib.mkdir(parents=True)
    (lib / "mine.txt").write_text("Mine\ntext\n")
    fake.ingest([lib / "mine.txt"])
    at = go(app().run(), "library")
    at.selectbox(key="library-remove-pick").set_value("mine")
    at.checkbox(key="library-remove-sure-0").check().run()
    at.button(key="library-remove").click().run()
    no_exception(at)
    assert fake.ingests[-1]["remove"] == ["mine"]
    assert not (lib / "mine.txt").exists()
    assert "Removed mine" in [s.value for s in at.success]
    assert "Removed: mine" in html_of(at)


def test_remove_needs_confirmation(fake: FakeVersus) -> None:
    at = go(app().run(), "library")
    assert at.button(key="library-remove").disabled


def test_reingest_shows_progress_and_summary(fake: FakeVersus) -> None:
    at = go(app().run(), "library")
    at.toggle(key="library-rebuild").set_value(True)
    at.button(key="library-reingest").click().run()
    no_exception(at)
    assert fake.ingests[-1] == {"paths": [], "rebuild": True, "remove": []}
    assert "Re-ingest finished" in [s.value for s in at.success]
    assert "Unchanged: javatpoint, planeks" in html_of(at)


def test_failed_ingest_says_the_index_is_unchanged(fake: FakeVersus,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a: Any, **k: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(fake, "ingest", boom)
    at = go(app().run(), "library")
    at.button(key="library-reingest").click().run()
    no_exception(at)
    assert "Re-ingest failed; the index was not changed" in [w.value for w in at.warning]


# -- settings ---------------------------------------------------------------------------


def test_settings_offline_engine(fake: FakeVersus) -> None:
    at = go(app().run(), "settings")
    page = html_of(at)
    assert 'data-ok="true"' in page and "Offline composer · Ready" in page
    assert not at.error


def test_settings_failing_backend_says_answers_fall_back(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    versus = FakeVersus(tmp_path, engine_ok=False, llm="ollama")
    monkeypatch.setattr(state, "get_versus", lambda: versus)
    at = go(app().run(), "settings")
    page = html_of(at)
    assert 'data-ok="false"' in page and "Not answering" in page
    assert "connection refused" in page
    assert any("fall back to the offline composer" in e.value for e in at.error)


# -- speed: one Versus per server ------------------------------------------------------


def test_versus_is_built_once_and_warmed_in_background(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.service

    built: list[FakeVersus] = []

    def factory(settings: Any = None, **kw: Any) -> FakeVersus:
        built.append(FakeVersus(tmp_path))
        return built[-1]

    monkeypatch.setattr(assistant.service, "build_assistant", factory)
    state._build.clear()
    try:
        at = app().run()
        for page in ("compare", "library", "settings", "chat"):
            go(at, page)
        assert len(built) == 1
        assert built[0].warmed.wait(5)
    finally:
        state._build.clear()


def test_server_entry_prewarms_at_startup(monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio
    import threading

    from ui import app as server

    started: list[bool] = []
    monkeypatch.setattr(state, "prewarm_in_background", lambda: started.append(True))

    async def boot() -> None:
        async with server.lifespan(server.app):
            assert started == [True]

    # Run on a thread of its own: a session-scoped Playwright browser (e2e) keeps
    # an event loop running on the main thread, and asyncio.run refuses to nest.
    errors: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(boot())
        except BaseException as exc:  # re-raised below on the main thread
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "lifespan did not finish within 60 s"
    if errors:
        raise errors[0]
    assert server.app.script_path.name == "main.py"


# -- living library: URLs, refresh, change report, guarded mode ----------------------------

CHANGE_REPORT = {
    "at": "2026-11-29T10:00:00+00:00",
    "articles": [{
        "article_id": "planeks", "change": "updated", "title": "Planeks " + XSS,
        "passages_reembedded": 1,
        "sentences_added": ["Node.js is very fast " + XSS, "Brand new line."],
        "sentences_removed": ["Node.js is fast.", "Old line gone."],
        "sentences_edited": [{"before": "Node.js is fast.", "after": "Node.js is very fast "
                              + XSS, "before_start": 0, "before_end": 16, "start": 0,
                              "end": 30}],
        "added": [{"text": "Node.js is very fast " + XSS, "start": 0, "end": 30},
                  {"text": "Brand new line.", "start": 40, "end": 55}],
        "removed": [{"text": "Node.js is fast.", "start": 0, "end": 16},
                    {"text": "Old line gone.", "start": 30, "end": 44}],
    }],
    "claims": {"added": [], "removed": [], "flipped": [
        {"criterion": "Security", "subject": "Node.js", "article_id": "planeks",
         "text": "Node.js security depends on packages " + XSS, "from": "Node.js",
         "to": "Django"}]},
    "criteria": [{"name": "Security", "agreement_before": "agree",
                  "agreement_after": "disagree"}],
    "cells": [{"criterion": "Security", "subject": "Node.js"}],
    "answers": [{"question": "Is Node.js secure?",
                 "citations_before": [{"article_id": "javatpoint", "text": "a"}],
                 "citations_after": [{"article_id": "planeks", "text": "b"}]}],
}


def test_library_shows_the_latest_change_report_escaped(fake: FakeVersus) -> None:
    fake.change_reports = [CHANGE_REPORT]
    at = go(app().run(), "library")
    no_exception(at)
    page = html_of(at)
    assert "<script>" not in page and "<img" not in page  # source text is escaped
    assert "&lt;script&gt;" in page
    # The edit, inline and word by word: unchanged words plain, new ones highlighted.
    assert '<li class="vs-diff-edit">Node.js is <ins class="vs-ins">very </ins>fast' in page
    assert '<ins class="vs-ins">Brand new line.</ins>' in page
    assert '<del class="vs-del">Old line gone.</del>' in page
    assert "now favours Django (was Node.js)" in page
    assert "agreement agree → disagree" in page
    assert "Is Node.js secure?" in page and "cited before: Javatpoint article" in page


def test_compare_marks_the_cells_the_last_ingest_moved(fake: FakeVersus) -> None:
    fake.change_reports = [CHANGE_REPORT]
    at = go(app().run(), "compare")
    no_exception(at)
    assert html_of(at).count("changed by the last ingest") == 1
    # The flipped claim itself carries a mark; the Django cell's claim does not.
    assert html_of(at).count('<span class="vs-new"') == 1
    assert 'Node.js security depends on packages &lt;script' in html_of(at)
    fake.change_reports = [{**CHANGE_REPORT, "cells": [
        {"criterion": "Security", "subject": "Django"},
        {"criterion": "Performance", "subject": "Node.js"}]}]
    at = go(app().run(), "compare")
    assert html_of(at).count("changed by the last ingest") == 2


def test_no_report_no_marks(fake: FakeVersus) -> None:
    at = go(app().run(), "compare")
    assert "changed by the last ingest" not in html_of(at)
    at = go(app().run(), "library")
    assert "What changed" not in [m.value for m in at.markdown]


def test_add_by_url_goes_through_the_core(fake: FakeVersus) -> None:
    at = go(app().run(), "library")
    at.text_input(key="library-url-0").set_value("https://example.com/post").run()
    at.button(key="library-ingest-url").click().run()
    no_exception(at)
    assert fake.ingests[-1]["urls"] == ["https://example.com/post"]
    assert fake.ingests[-1]["guarded"] is False  # loopback server: today's behaviour


def test_refresh_button_reports_in_one_line_per_failure(fake: FakeVersus) -> None:
    fake.articles["page"] = CleanedArticle(meta=ArticleMeta("page", "A page"), text="x\n")
    fake.urls = {"page": "https://example.com/page"}
    fake.refresh_result = RefreshReport(
        checked=["page"], failed=[{"id": "page", "url": "https://example.com/page",
                                   "reason": "HTTP 500 Internal Server Error"}])
    at = go(app().run(), "library")
    at.button(key="library-refresh").click().run()
    no_exception(at)
    assert fake.refreshes == [False]
    assert "Refresh finished with failures" in [w.value for w in at.warning]
    assert "Failed page: HTTP 500 Internal Server Error" in html_of(at)


def _guarded(fake: FakeVersus, token: str | None) -> None:
    fake.settings = Settings(data_dir=fake.settings.data_dir, max_file_bytes=2000, guarded=True,
                             admin_token=token)


def test_guarded_without_token_is_read_only(fake: FakeVersus) -> None:
    _guarded(fake, None)
    at = go(app().run(), "library")
    no_exception(at)
    assert any("read-only" in w.value for w in at.warning)
    for key in ("library-remove", "library-ingest-url", "library-refresh", "library-reingest"):
        assert not [b for b in at.button if b.key == key], key
    assert not at.file_uploader
    assert not [t for t in at.text_input if t.key == "library-token"]


def test_guarded_token_unlocks_and_a_wrong_one_does_not(fake: FakeVersus) -> None:
    _guarded(fake, "s3cret-token")
    at = go(app().run(), "library")
    assert any("needs the admin token" in w.value for w in at.warning)
    at.text_input(key="library-token").set_value("wrong")
    at.button[[b.label for b in at.button].index("Unlock the library")].click().run()
    assert not [b for b in at.button if b.key == "library-reingest"]
    at.text_input(key="library-token").set_value("s3cret-token")
    at.button[[b.label for b in at.button].index("Unlock the library")].click().run()
    no_exception(at)
    assert [b for b in at.button if b.key == "library-reingest"]
    at.text_input(key="library-url-0").set_value("http://192.168.1.1/").run()
    at.button(key="library-ingest-url").click().run()
    assert fake.ingests[-1]["guarded"] is True  # guarded: private addresses refused


def test_verdict_line_comes_first_with_evidence_beneath_and_more(fake: FakeVersus) -> None:
    verdict = "Both articles that weigh security favour Django [1]."
    fake.answer_for["Which is more secure?"] = Answer(
        question="Which is more secure?",
        standalone_question="Which is more secure?",
        answer=f"{verdict}\n\nDjango: Django ships with protection against SQL injection [1].",
        citations=(_citation(),),
        verdict=verdict,
        more=("Its middleware adds CSRF tokens by default. [1]",),
        intent="better",
    )
    at = ask(app().run(), "Which is more secure?")
    page = html_of(at)
    lead = page.index('data-kind="verdict"')
    assert lead < page.index("Django: Django ships with protection")
    assert page.index("Both articles that weigh security favour Django") < page.index(
        "Django: Django ships")
    assert "More from the sources (1)" in [e.label for e in at.expander]
    assert "Its middleware adds CSRF tokens by default." in page
    from ui import render

    exported = render.conversation_markdown(
        [{"role": "user", "content": "Which is more secure?"},
         {"role": "assistant", "answer": fake.answer_for["Which is more secure?"]}])
    assert exported.index(verdict) < exported.index("Django: Django ships")
