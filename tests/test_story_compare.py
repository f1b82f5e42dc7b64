"""A comparison naming a company one article tells of is answered from that article
(``assistant.story_compare``): its sentences and those naming the company stay, the
matrix view (the library-wide count line) goes, and its table's asked row is quoted."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from assistant.article_reference import ArticleReference
from assistant.corpus_index import tokens
from assistant.sentences import Candidate
from assistant.story_compare import direct_line, named_sides, story_article, story_focus
from knowledge.subjects_config import default_subjects
from tests.conftest import passage as _passage

LABELS = Path(__file__).parent / "data" / "story_compare_labels17.jsonl"
COUNT_LINE = re.compile(r"\b\w+ of the \w+ articles\b", re.I)


def _cand(aid: str, text: str) -> Candidate:
    chunk, spans = _passage(aid, [text])
    return Candidate(chunk, spans[0], text, 0.8, 0, None, sem=0.5,
                     toks=frozenset(tokens(text)))


def _named(aid: str, name: str, named: bool = True) -> SimpleNamespace:
    return SimpleNamespace(article=None, named=ArticleReference(
        "article-" + aid, name, 0.6, 0.6, named))  # ``passage`` prefixes its ids


# own wording, not any article's
MINE = _cand("mine", "Our Node gateway pulls in 900 packages against 40 on the Django side.")
OTHER = _cand("other", "Across the surveyed teams, npm trees are ten times deeper.")
ABOUT = _cand("third", "Unlike Bluefin, the agency keeps its lockfile under 100 packages.")
VIEW = object()


def test_a_story_comparison_keeps_its_article_and_sentences_naming_it() -> None:
    got, view = story_focus(True, [OTHER, MINE, ABOUT], VIEW, _named("mine", "Bluefin"))
    assert got == [MINE, ABOUT]
    assert view is None  # no library-wide count line


def test_a_comparison_naming_no_company_is_unchanged() -> None:
    got, view = story_focus(True, [OTHER, MINE], VIEW, SimpleNamespace(named=None))
    assert got == [OTHER, MINE] and view is VIEW


def test_a_fact_question_is_left_to_entity_fact() -> None:
    got, view = story_focus(False, [OTHER, MINE], VIEW, _named("mine", "Bluefin"))
    assert got == [OTHER, MINE] and view is VIEW


def test_nothing_changes_when_the_article_gives_no_candidate() -> None:
    got, view = story_focus(True, [OTHER], VIEW, _named("mine", "Bluefin"))
    assert got == [OTHER] and view is VIEW


def test_only_a_name_reference_counts() -> None:
    assert story_article(_named("mine", "Bluefin")) == "article-mine"
    assert story_article(_named("mine", "the diary", named=False)) is None


def _labels(split: str) -> list[dict[str, Any]]:
    rows = [json.loads(x) for x in LABELS.read_text().splitlines() if x.strip()]
    return [r for r in rows if r["split"] == split]


@pytest.mark.integration
def test_field_story_comparisons_answer_from_their_story(field_versus: Any) -> None:
    """Tune labels on the field articles (bundled + field library): no library-wide count
    line, the evidence is shown; the controls naming no company keep their verdict."""
    from assistant.evaluation import Evidence, in_answer_text

    field = {p.stem for p in (Path(__file__).parent / "field" / "articles").iterdir()}
    rows = [r for r in _labels("tune") if not r.get("control")
            and r["evidence"][0]["article_id"] in field]
    assert len(rows) >= 4
    hits = 0
    for r in rows:
        ans = field_versus.ask(r["question"])
        assert not COUNT_LINE.search(ans.answer), (r["id"], ans.answer)
        hits += in_answer_text(ans.answer, [Evidence(**e) for e in r["evidence"]])
    assert hits >= len(rows) // 2  # 2 of 4 on the field library (focus17); t09/t10 miss
    for r in (r for r in _labels("tune") if r.get("control")):
        assert field_versus.ask(r["question"]).verdict, r["id"]


def test_a_capitalised_opener_is_no_part_of_the_name() -> None:
    """"For Bluefin Tours, ...": the whole name its article spells is "Bluefin Tours"."""
    from assistant.article_reference import _asked_name

    chunk, _spans = _passage("mine", ["Bluefin Tours sells walking tours in Porto."])
    idx = SimpleNamespace(memo={}, chunks=[chunk])
    tok = SimpleNamespace(tokens=tokens)
    lower = frozenset(tokens("tours"))
    assert _asked_name("For Bluefin Tours", idx, tok, frozenset(), lower) == frozenset(
        tokens("Bluefin"))


# fd-q17's cause, in our own words: the story's comparing sentence names one side as the
# foil of the other, so the chosen sentences fall on one side and no contrast line is made
WEIGHS = _cand("mine", "Our four uWSGI workers need more memory than the single Express process.")
ONE_SIDE = _cand("mine", "Our four uWSGI workers need more memory than they did last year.")
NO_WEIGHT = _cand("mine", "Bluefin runs a Django core with a few Node.js helpers around it.")
ELSEWHERE = _cand("other", "Across the surveyed teams, npm trees are deeper than PyPI ones.")


def _story(aid: str | None) -> SimpleNamespace:
    ref = _named(aid, "Bluefin").named if aid else None
    return SimpleNamespace(named=ref, index=SimpleNamespace(chunks=[], memo={}))


def test_a_sentence_names_a_side_through_its_ecosystem_s_tools() -> None:
    config = default_subjects()
    assert named_sides(WEIGHS.text, config) == {"Django", "Node.js"}  # uWSGI, Express
    assert named_sides(ONE_SIDE.text, config) == {"Django"}


def test_the_story_s_own_sentence_weighing_both_sides_is_the_line() -> None:
    line, used = direct_line(_story("mine"), [ELSEWHERE, NO_WEIGHT, ONE_SIDE, WEIGHS],
                             default_subjects(), lambda c: 4, {})
    assert used == [WEIGHS]
    assert line is not None and line.endswith(f"{WEIGHS.text} [4]")
    assert line.startswith("In the article article-mine: ")  # its source, named


def test_no_story_line_without_a_story_or_a_sentence_weighing_both() -> None:
    config = default_subjects()
    cands = [ELSEWHERE, NO_WEIGHT, ONE_SIDE]  # another article's; no weighing; one side
    assert direct_line(_story("mine"), cands, config, lambda c: 1, {}) == (None, [])
    assert direct_line(_story(None), [WEIGHS], config, lambda c: 1, {}) == (None, [])


@pytest.mark.integration
def test_field_story_lines_read_alone_and_quote_the_story(field_versus: Any) -> None:
    """Tune labels of ``story_line_labels17b`` on the field library: no answer holds a
    filler sentence (the contrast line's parts read alone, ``assistant.line_parts``), and
    most carry a line. (The story's own sentence as the line, ``direct_line``, is measured
    on the fd library: fd-q17 and sl-t02 need its Kestrel Pay article, not in this one.)"""
    from assistant.filler import classify_answer

    path = Path(__file__).parent / "data" / "story_line_labels17b.jsonl"
    field = {p.stem for p in (Path(__file__).parent / "field" / "articles").iterdir()}
    rows = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
    rows = [r for r in rows if r["split"] == "tune" and r["evidence"][0]["article_id"] in field]
    assert len(rows) >= 4
    lines = 0
    for r in rows:
        ans = field_versus.ask(r["question"])
        assert all(k == "ok" for _s, k in classify_answer(ans.answer)), (r["id"], ans.answer)
        lines += bool(ans.verdict)
    assert lines >= 2  # t03 (a contrast line here), t05 (its table)
