"""The offline composer and the answer chain around it (no LLM, fake embedder, real Chroma).

What must always hold: every ``[n]`` has its citation, every citation's text is the
article's cleaned text at its offsets, every answer sentence is copied from the passage
it cites (the verdict line's template words are ours; its claims are cited), and bad
questions raise ``BadInput`` saying what was received.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from assistant.chain import MAX_QUESTION_CHARS, AnswerChain, clean_text, validate_question
from assistant.composer import compose, source_label
from assistant.errors import BadInput
from assistant.models import Answer
from assistant.service import build_assistant
from knowledge.models import ArticleMeta
from knowledge.settings import Settings

MARKER = re.compile(r"\[(\d+)\]")


@pytest.fixture(scope="module")
def versus(tmp_path_factory: pytest.TempPathFactory) -> Any:
    data = tmp_path_factory.mktemp("composer-store")
    v = build_assistant(Settings(data_dir=data), embedder=DeterministicFakeEmbedding(size=32))
    v.ingest()
    return v


def chain_for(versus: Any, comparisons: Any = None) -> AnswerChain:
    return AnswerChain(store=versus.store, embedder=versus.embedder, settings=versus.settings,
                       comparisons=comparisons)


def assert_grounded(versus: Any, answer: Answer) -> None:
    """The invariants of every answer."""
    numbers = {c.n for c in answer.citations}
    assert numbers == set(range(1, len(answer.citations) + 1))
    used = {int(n) for n in MARKER.findall(answer.answer)}
    more = {int(n) for line in answer.more for n in MARKER.findall(line)}
    assert used | more == numbers, (used, more, numbers)
    assert used == set(range(1, len(used) + 1))  # passages only in "more" are numbered last
    if answer.verdict:
        assert answer.answer.startswith(answer.verdict)
        assert MARKER.search(answer.verdict), answer.verdict
    for c in answer.citations:
        art = versus.article(c.article_id)
        assert art.text[c.start : c.end] == c.text
        for a, b in c.highlight:
            assert c.start <= a < b <= c.end
    # Every cited sentence (the text before a marker, after the attribution) is verbatim.
    by_n = {c.n: c for c in answer.citations}
    body = answer.answer[len(answer.verdict or ""):]
    for m in re.finditer(r"([^\[\]]*?)\s*\[(\d+)\]", body + "\n" + "\n".join(answer.more)):
        sentence = m.group(1).strip()
        sentence = re.sub(r"^(?:Django|Node\.js|Side by side|Compared directly): ", "", sentence)
        sentence = re.sub(r"^\([^)]*\) ", "", sentence)
        words = re.findall(r"[A-Za-z]{4,}", sentence)
        passage = by_n[int(m.group(2))].text
        missing = [w for w in words if w not in passage]
        assert len(missing) <= 1, (sentence, missing)


@pytest.mark.parametrize(
    "question",
    [
        "How secure is Django?",
        "Who developed Node.js?",
        "Which performs better, Django or Node.js?",
        "What is template fragment caching?",
    ],
)
def test_answers_are_grounded(versus: Any, question: str) -> None:
    answer = chain_for(versus).ask(question)
    assert not answer.abstained
    assert answer.engine == "offline"
    assert answer.citations
    assert_grounded(versus, answer)


def test_comparison_is_grouped_by_subject(versus: Any) -> None:
    answer = chain_for(versus).ask("Is Django more secure than Node.js?")
    assert "\n\nDjango: " in answer.answer or "\n\nNode.js: " in answer.answer
    assert answer.intent == "better"
    assert_grounded(versus, answer)


def test_stream_yields_sentences_then_the_answer(versus: Any) -> None:
    # a comparison: a verdict line and each side, so several pieces whatever the trim keeps
    items = list(chain_for(versus).stream("Is Django or Node.js more secure?"))
    assert isinstance(items[-1], Answer)
    pieces = items[:-1]
    assert len(pieces) >= 2 and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces).strip() == items[-1].answer


def test_timings_are_filled(versus: Any) -> None:
    answer = chain_for(versus).ask("How does Django scale?")
    assert {"retrieve", "answer", "total"} <= set(answer.timings_ms)
    assert answer.timings_ms["total"] >= answer.timings_ms["retrieve"]


def test_uncovered_question_abstains_without_citations(versus: Any) -> None:
    answer = chain_for(versus).ask("How does Laravel compare to Ruby on Rails?")
    assert answer.abstained
    assert answer.citations == ()
    assert "[" not in answer.answer
    assert "don't say" in answer.answer


def test_follow_up_shows_the_standalone_question(versus: Any) -> None:
    answer = chain_for(versus).ask("And what about Node.js?", ["How secure is Django?"])
    assert answer.question == "And what about Node.js?"
    assert answer.standalone_question == "How secure is Node.js?"


# -- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "empty (got 0 characters)"),
        ("   \n\t ", "blank: got 6 characters"),
        ("\x00\x01\x02", "blank: got 3 characters"),
        ("x" * 100_000, "too long: got 100000 characters"),
        (None, "must be text, got NoneType"),
    ],
)
def test_bad_questions_raise_bad_input(versus: Any, question: Any, message: str) -> None:
    with pytest.raises(BadInput, match=re.escape(message)):
        chain_for(versus).ask(question)


def test_control_characters_are_stripped(versus: Any) -> None:
    answer = chain_for(versus).ask("How\x00 secure\x1b[31m is\u200b Django?\x07")
    assert "\x00" not in answer.question and "\x1b" not in answer.question
    assert "Django" in answer.question
    assert not answer.abstained


def test_lone_surrogates_do_not_break_json(versus: Any) -> None:
    import json

    answer = chain_for(versus).ask("How secure is Django?\ud800")
    json.dumps(answer.to_json(), ensure_ascii=False).encode("utf-8")


def test_clean_text_and_limits() -> None:
    assert clean_text(" a\tb\n\x00c ") == "a b c"
    assert validate_question("x" * MAX_QUESTION_CHARS) == "x" * MAX_QUESTION_CHARS
    with pytest.raises(BadInput):
        validate_question("x" * (MAX_QUESTION_CHARS + 1))


def test_bad_history_items_are_dropped(versus: Any) -> None:
    answer = chain_for(versus).ask("How does it scale?", ["", "\x00", "Tell me about Django"])
    assert answer.standalone_question == "How does Django scale?"


# -- the comparison service ------------------------------------------------------------


@dataclass
class FakeCitation:
    article_id: str
    start: int
    end: int
    text: str


@dataclass
class FakeClaim:
    text: str
    favours: str
    citation: FakeCitation
    label: str = ""  # the row label or heading it sits under


@dataclass
class FakeCriterion:
    name: str
    agreement: str
    cells: dict[str, list[FakeClaim]] = field(default_factory=dict)
    article_stances: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeMatrix:
    criteria: list[FakeCriterion]


class FakeComparisons:
    """Stands in for assistant.compare.ComparisonService."""

    def __init__(self, versus: Any, agreement: str = "disagree",
                 stances: dict[str, str] | None = None, label: str = "Performance") -> None:
        self.versus = versus
        self.label = label
        self.agreement = agreement
        self.stances = stances or {"javatpoint-django-vs-nodejs": "Django",
                                   "planeks-django-vs-nodejs": "Node.js"}
        self.calls: list[str | None] = []

    def _claim(self, article_id: str, sentence: str, favours: str) -> FakeClaim:
        text = self.versus.article(article_id).text
        start = text.index(sentence)
        return FakeClaim(sentence, favours,
                         FakeCitation(article_id, start, start + len(sentence), sentence),
                         self.label)

    def find_criterion(self, text: str) -> str | None:
        return "Performance" if "perform" in text.lower() else None

    def matrix(self, criterion: str | None) -> FakeMatrix:
        self.calls.append(criterion)
        django = self._claim("javatpoint-django-vs-nodejs",
                             "It provides much better performance and helping to create major "
                             "web-applications.", "Django")
        node = self._claim("planeks-django-vs-nodejs",
                           "Node.js, in contrast, is asynchronous and event-driven.", "Node.js")
        return FakeMatrix([FakeCriterion("Performance", self.agreement,
                                         {"Django": [django], "Node.js": [node]},
                                         dict(self.stances))])


def test_verdict_counts_the_matrix_stances_and_cites_them(versus: Any) -> None:
    comparisons = FakeComparisons(versus)
    answer = chain_for(versus, comparisons).ask("Which performs better, Django or Node.js?")
    assert comparisons.calls == ["Performance"]
    m = re.match(r"The articles are split evenly on performance: one favours Django \[(\d+)\] "
                 r"and one favours Node\.js \[(\d+)\]\.", answer.answer)
    assert m, answer.answer
    assert answer.verdict == m.group(0)
    cited = {c.n: c for c in answer.citations}
    assert "much better performance" in cited[int(m.group(1))].text
    assert "asynchronous and event-driven" in cited[int(m.group(2))].text
    assert "disagree on" not in answer.answer  # no paragraph about another criterion
    assert_grounded(versus, answer)


def test_a_claim_off_the_criterion_is_counted_but_not_cited(versus: Any) -> None:
    # "Node.js, in contrast, is asynchronous and event-driven." names no performance cue and
    # sits under no performance heading: a reader could not check the count by it
    comparisons = FakeComparisons(versus, label="")
    answer = chain_for(versus, comparisons).ask("Which performs better, Django or Node.js?")
    assert answer.verdict is not None
    assert answer.verdict.startswith("The articles are split evenly on performance: one "
                                     "favours Django [1] and one favours Node.js (not quoted "
                                     "here)."), answer.verdict
    assert "asynchronous and event-driven" not in answer.citations[0].text
    assert_grounded(versus, answer)


def test_agreement_is_a_verdict_for_one_side(versus: Any) -> None:
    comparisons = FakeComparisons(versus, "agree", {"javatpoint-django-vs-nodejs": "Django"})
    answer = chain_for(versus, comparisons).ask("Which performs better, Django or Node.js?")
    assert answer.verdict is not None
    assert answer.verdict.startswith("Only one article weighs performance, and it favours "
                                     "Django [1]."), answer.verdict
    assert_grounded(versus, answer)


def test_non_comparison_does_not_consult_the_service(versus: Any) -> None:
    comparisons = FakeComparisons(versus)
    chain_for(versus, comparisons).ask("How does Django perform?")
    assert comparisons.calls == []


def test_a_failing_service_never_breaks_an_answer(versus: Any) -> None:
    class Broken:
        def find_criterion(self, text: str) -> str:
            return "Performance"

        def matrix(self, criterion: str | None) -> Any:
            raise RuntimeError("not ready")

    answer = chain_for(versus, Broken()).ask("Which performs better, Django or Node.js?")
    assert not answer.abstained and answer.citations


def test_a_wrong_claim_citation_is_not_cited(versus: Any) -> None:
    comparisons = FakeComparisons(versus)
    real = comparisons.matrix

    def shifted(criterion: str | None) -> FakeMatrix:
        m = real(criterion)
        for claims in m.criteria[0].cells.values():
            for c in claims:
                c.citation.start += 1  # offsets no longer match the text
        return m

    comparisons.matrix = shifted  # type: ignore[method-assign]
    answer = chain_for(versus, comparisons).ask("Which performs better, Django or Node.js?")
    assert "on performance" not in answer.answer  # no article left with a checked claim
    assert_grounded(versus, answer)


# -- pieces ----------------------------------------------------------------------------


def test_source_labels() -> None:
    assert source_label(ArticleMeta("a", "Django vs. Node JS tutorial", "Javatpoint")) == (
        "the Javatpoint tutorial")
    assert source_label(ArticleMeta("b", "Python Django vs Node JS", "PLANEKS")) == (
        "the PLANEKS article")
    label = source_label(ArticleMeta("c", "NodeJs vs Django: Who is the most powerful?",
                                     None, 2021))
    assert label == "the 2021 article “NodeJs vs Django”"
    assert source_label(None, "x") == "the article x"


def test_compose_without_passages_abstains(versus: Any) -> None:
    chain = chain_for(versus)
    retrieval = chain.retriever.search("How secure is Django?", 3)
    retrieval.chunks = []
    retrieval.extra = []
    comp = compose("How secure is Django?", retrieval)
    assert comp.abstained and not comp.citations


#: The side labels of a composed comparison: "Flask: ..." after a break, or in the
#: contrast line ("Flask: ...; Express: ...").
SIDE_LABEL = re.compile(r"(?:^|\n\n|; )([A-Z][\w.]*(?: [a-z]+)*): ")


def test_a_comparison_is_grouped_by_the_configured_subjects(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """The composer reads the sides from the subjects object ``build_assistant`` loads from
    the settings' subjects file, not from the bundled pair (where Express is a Node.js
    alias)."""
    from tests.test_compare import FLASK_EXPRESS_ARTICLES, FLASK_EXPRESS_TOML

    root = tmp_path_factory.mktemp("composer-pair")
    toml = root / "flask-vs-express.toml"
    toml.write_text(FLASK_EXPRESS_TOML, encoding="utf-8")
    for aid, body in FLASK_EXPRESS_ARTICLES.items():
        (root / f"{aid}.txt").write_text(body, encoding="utf-8")
    v = build_assistant(Settings(data_dir=root / "data", subjects_file=toml),
                        embedder=DeterministicFakeEmbedding(size=32))
    v.ingest([root / f"{aid}.txt" for aid in FLASK_EXPRESS_ARTICLES])
    chain = chain_for(v)  # the fake embedder is no topic judge: the composer, not abstention
    question = "Which is easier to learn, Flask or Express?"
    comp = compose(question, chain.retriever.search(question, 6), subjects=("Flask", "Express"),
                   config=chain.subjects)
    labels = set(SIDE_LABEL.findall(comp.text))
    assert labels & {"Flask", "Express"}, comp.text
    assert labels <= {"Flask", "Express", "Compared directly"}, comp.text
    assert comp.citations
    assert {c.article_id for c in comp.citations} <= set(FLASK_EXPRESS_ARTICLES)
