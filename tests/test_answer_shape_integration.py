"""Issue 11 acceptance on the real model and store: the shape of answers on the gold set.

The verdict line is checked against the comparison matrix itself: the article stances
are counted here from ``versus.comparisons.matrix(...)``'s JSON, never taken from the
composer's own output.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from assistant.evaluation import EvalReport, load_questions, run_eval
from assistant.verdict import asked_criterion, number

pytestmark = pytest.mark.integration

MARKER = re.compile(r"\[(\d+)\]")
SIDES = ("Django", "Node.js")
FIELD_QUESTIONS = Path(__file__).resolve().parent / "field" / "questions.jsonl"


@pytest.fixture(scope="module")
def gold_report(ingested_versus: Any) -> EvalReport:
    return run_eval(ingested_versus, load_questions())


def test_gold_answers_hold_evidence_in_text_without_filler(gold_report: EvalReport) -> None:
    data = gold_report.to_json()
    summary = {k: data[k] for k in ("answer_recall", "not_in_text_ids", "filler_rate",
                                    "filler_sentences", "verdict_rate")}
    # The issue's 0.97 (reached in the fourth answer round, 0.982; q41 still misses).
    assert data["answer_recall"] >= 0.97, summary
    assert data["filler_rate"] <= 0.02, summary
    assert data["verdict_rate"] >= 0.95, summary
    assert data["citation_errors"] == [], data["citation_errors"]


def test_gold_answer_recall_reaches_the_issue_target(gold_report: EvalReport) -> None:
    data = gold_report.to_json()
    assert data["answer_recall"] >= 0.97, data["not_in_text_ids"]


def _comparative_questions() -> list[str]:
    return [q.question for q in load_questions() if q.type == "comparative"] + [
        "Which is more secure, Django or Node.js?",
        "Which of the two is easier to learn?",
        "Which is more flexible, Django or Node.js?",
        "Is Django or Node.js more complex?",
        # round two: superlative, idiom, "X or Y", "easier to X than Y", a third technology
        "Which of the two has the largest community behind it?",
        "How do Django and Node.js stack up on security?",
        "Django or Node.js for a real-time chat?",
        "Is it harder to secure a Node.js app than a Django one?",
        "Of Django, Node.js and Flask, which scales furthest?",
        # round three, written for this test and never tuned on
        "Between Django and Node.js, which is the safer bet for a bank's web app?",
        "Does Django or Node.js have the bigger ecosystem of packages?",
        "For a newcomer to web development, is Django or Node.js quicker to learn?",
        "Which of the two would you pick for a live auction site?",
        # yes/no comparatives and a criterion named in other words (issue 11, verdict6;
        # more in tests/data/verdict_labels.jsonl, ``python -m tests.measure_verdicts``)
        "Is Django more secure than Node.js?",
        "Does Node.js scale better?",
        "Which keeps attackers away more reliably, Django or Node.js?",
    ]


@pytest.mark.parametrize("question", _comparative_questions())
def test_verdict_agrees_with_the_matrix(ingested_versus: Any, question: str) -> None:
    answer = ingested_versus.ask(question)
    assert answer.verdict, answer.answer
    _check_verdict(ingested_versus, answer)


#: The verdict's own words for a count from the matrix, a lean of the quoted passages and
#: a table row's cells ranked.
MATRIX_LINE = re.compile(r"articles that (?:weigh|discuss)|split evenly on|Only one article "
                         r"weighs")
LEAN_LINE = re.compile(r"^The passages quoted here (?:lean to|are split evenly)")
FACET_LINE = re.compile(r"^Where the articles speak of (?P<term>[^,]+), .+?\. On .+? as a whole, ")
ROW_LINE = re.compile(r"^On .+?, the table of .+? (?:puts .+? ahead of .+?|rates .+? alike): ")
#: Two rows of one table ranked (``assistant.table_rows``): "On all four measures of the
#: table of X, A is ahead of B: ..." or "The table of X puts A ahead on ... and B ahead on".
ROWS_LINE = re.compile(r"^(?:On .+? the table of .+?, .+? is ahead of .+?|The table of .+? puts "
                       r".+? ahead on .+? and .+? ahead on .+?): ")


def _check_verdict(versus: Any, answer: Any) -> None:
    """The verdict opens the answer, every marker cites exact text, and a count line
    agrees with the comparison matrix's own JSON (recounted here); a row line quotes its
    cells from the cited passage; a lean line is the fallback of a question whose matrix
    row says nothing on the asked use, checked for citations only."""
    # The verdict opens the answer; only the note on a technology the articles do not
    # cover ("The articles don't cover Flask; ...") may come before it.
    body = answer.answer
    if body.startswith("The articles don't ") and "\n\n" in body:
        body = body.split("\n\n", 1)[1]
    assert body.startswith(answer.verdict)
    verdict = answer.verdict
    cited = {c.n: c for c in answer.citations}
    for n in MARKER.findall(verdict):
        c = cited[int(n)]
        assert versus.article(c.article_id).text[c.start : c.end] == c.text
    row = ROW_LINE.match(verdict) or ROWS_LINE.match(verdict)
    if row:
        passages = " ".join(cited[int(n)].text for n in MARKER.findall(verdict))
        quoted = re.findall(r"“([^”]+)”", verdict[row.end() :])  # the cells, not the title
        assert quoted and all(q in passages for q in quoted), verdict
        assert "favour" not in verdict
        return
    if LEAN_LINE.match(verdict) or not MATRIX_LINE.search(verdict):
        return  # a lean or each side's best sentence: no count to check
    # A facet of the criterion asked ("documentation" in ecosystem and community): its
    # clause cites claims that name the facet; the count that follows is checked below.
    facet = FACET_LINE.match(verdict)
    if facet:
        term = facet.group("term")
        # a background condition ("developers who know JavaScript", assistant.condition):
        # its claims name the skill
        skill = re.search(r"\bwho know (\S+)$", term)
        stem = (skill.group(1) if skill else term).lower()[:5]  # any form ("attackers")
        for n in MARKER.findall(facet.group(0)):
            # the claim names it, or its section heading or table row label does (a cell
            # "Excellent, with Socket.IO or ws" of the row "Real-time features")
            c = cited[int(n)]
            text = versus.article(c.article_id).text
            line = text[text.rfind("\n", 0, c.start) + 1 : c.end]
            assert stem in f"{c.section} {line}".lower(), verdict
        verdict = verdict[facet.end():]
    service = versus.comparisons
    # the criterion the line names (a question may name it in other words: the criterion
    # by meaning), else the one its cue words give
    names = sorted((str(c.name) for c in service.config().criteria), key=len, reverse=True)
    criterion = next((n for n in names if n.lower() in verdict.lower()), None) or \
        asked_criterion(service.find_criterion, answer.standalone_question)
    assert criterion is not None, verdict
    matrix = service.matrix(criterion).to_json()
    row = matrix["criteria"][0]
    stances: dict[str, str] = row["articles"]
    if not any(s in SIDES for s in stances.values()):
        assert "none of the" in verdict.lower(), verdict
        return
    counts = {side: sum(1 for s in stances.values() if s == side) for side in SIDES}
    assert criterion.lower() in verdict
    for side, k in counts.items():
        if k == 0:
            assert f"favour {side}" not in verdict and f"favours {side}" not in verdict
            continue
        total = len(stances)
        if k == total:
            assert re.search(rf"(?:All {number(total)}|Both|Only one) article.*favours? "
                             rf"{re.escape(side)}", verdict, re.I), verdict
        else:
            assert re.search(rf"\b{number(k)}\b[^;\[]*favours? {re.escape(side)}", verdict,
                             re.I), verdict
    # A yes/no question's answer word agrees with the count: "Yes" / "No" only for a
    # strict majority, and "Not clearly" for an even split or no side favoured.
    word = re.match(r"^(Yes|No|Not clearly): ", verdict)
    if word:
        ranked = sorted(counts.values(), reverse=True)
        assert (word.group(1) == "Not clearly") == (ranked[0] == 0 or ranked[0] == ranked[1])
    # Every marker of the verdict cites an article the matrix counted.
    for n in MARKER.findall(verdict):
        assert cited[int(n)].article_id in stances
    if counts["Django"] == counts["Node.js"]:
        assert "split evenly" in verdict
    # The markers never seem to miscount: a side's clause cites as many articles as it
    # counts, or says how many of them are quoted.
    for side, k in counts.items():
        for clause in re.split(r"; | and (?=\w+ favours? )", verdict):
            if re.search(rf"favours? {re.escape(side)}\b", clause):
                shown = len(MARKER.findall(clause))
                assert shown == k or "quoted here" in clause, verdict


def test_field_comparative_verdicts_agree_with_the_matrix(field_versus: Any) -> None:
    """Every verdict line of the field set's comparative questions holds up (counts equal
    to the matrix's, row cells quoted from the cited row); and the share that get one stays
    at least at the seventh round's (22 of 24: fa-q29 got its line from two rows of one
    benchmark table, ``assistant.table_rows``; see the CHANGELOG)."""
    questions = [q for q in load_questions(FIELD_QUESTIONS) if q.type == "comparative"]
    given = 0
    for q in questions:
        answer = field_versus.ask(q.question, list(q.history))
        # every citation is shown by a marker (a claim the verdict does not show, or a
        # lean that is not said, numbers none)
        markers = {int(n) for n in MARKER.findall(answer.answer)}
        more = {int(n) for line in answer.more for n in MARKER.findall(line)}
        assert markers | more == {c.n for c in answer.citations}, (q.id, answer.answer)
        if answer.abstained or not answer.verdict:
            continue
        given += 1
        _check_verdict(field_versus, answer)
    assert given >= 22, given


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What are the disadvantages of Django?", "cons"),
        ("Which companies use Node.js?", "list"),
        ("What is Node.js?", "definition"),
        ("When should I choose Node.js over Django?", "when"),
    ],
)
def test_intent_shapes_on_the_real_corpus(ingested_versus: Any, question: str,
                                          kind: str) -> None:
    answer = ingested_versus.ask(question)
    assert answer.intent == kind
    assert len(MARKER.findall(answer.answer)) <= 8  # about six sentences, the rest in more
    if kind == "list":
        first = answer.answer.split("[", 1)[0]
        assert re.search(r"[A-Z]\w+, [A-Z]\w+,? and [A-Z]\w+", first), answer.answer
    if kind == "cons":
        assert "easy to learn" not in answer.answer


def test_near_duplicates_across_articles_are_merged_and_both_cited(ingested_versus: Any) -> None:
    # Two articles open with the same definition in other words: one sentence, two markers.
    answer = ingested_versus.ask("What is Django?")
    merged = re.findall(r"([^.\]]+\.) \[(\d+)\]\[(\d+)\]", answer.answer)
    assert merged, answer.answer
    cited = {c.n: c for c in answer.citations}
    _sentence, a, b = merged[0]
    assert cited[int(a)].article_id != cited[int(b)].article_id
    sentences = [s for s in re.split(r"(?<=\.) (?:\[\d+\])+ ?", answer.answer) if s]
    assert len(sentences) == len(set(sentences))  # no fact said twice


def test_other_words_for_names_and_a_year_the_articles_lack(ingested_versus: Any) -> None:
    # Paraphrases not in any tuning or review set. The PLANEKS article names the companies;
    # no bundled article gives Django's release year (checked: no year beside "Django" in
    # the seeds), so the answer says so instead of quoting unrelated definitions.
    answer = ingested_versus.ask("Give me a few well-known companies that build on Node.js")
    first = answer.answer.split("[", 1)[0]
    assert re.search(r"[A-Z]\w+, [A-Z]\w+,? and [A-Z]\w+", first), answer.answer
    year = ingested_versus.ask("What year did Django come out?")
    assert year.abstained and "year" in year.answer, year.answer
    created = ingested_versus.ask("Who developed Node.js?")
    assert not created.abstained and "Ryan Dahl" in created.answer, created.answer



def test_a_neutral_line_that_weighs_nothing_is_not_shown_as_the_comparison(
        ingested_versus: Any) -> None:
    # A paraphrase of no tuning or review set. Before the rule, the PLANEKS sentence about
    # choosing between the two being "a core step" of a project stood under "Compared
    # directly:" as if it compared them; it weighs neither side, so it goes under "more".
    answer = ingested_versus.ask(
        "Which is the more economical choice for a small firm, Django or Node.js?")
    assert "core step" not in answer.answer, answer.answer
    # Since the filler checker reads talk about the reader's choice as meta, the sentence
    # is dropped altogether rather than shown under "more".
    assert not any("core step" in m for m in answer.more), answer.more
    for line in re.findall(r"Compared directly: ([^\n]+)", answer.answer):
        assert re.search(r"\b(?:than|better|worse|both|whereas|unlike|but|however)\b",
                         line, re.I), line


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Is Django more secure than Node.js?", "Django"),
        ("Is Django less secure than Node.js?", "Node.js"),
        ("Does Node.js scale better?", "Node.js"),
        ("Is Node.js harder to learn than Django?", "Django"),
    ],
)
def test_yes_no_comparative_answers_by_the_matrix_count(ingested_versus: Any, question: str,
                                                        asked: str) -> None:
    # ``asked`` is the side the question's claim favours, written here by hand: "Yes" only
    # when the matrix (recounted here) has more articles for it than for the other side.
    answer = ingested_versus.ask(question)
    assert answer.verdict, answer.answer
    _check_verdict(ingested_versus, answer)
    word = re.match(r"^(Yes|No|Not clearly): ", answer.verdict)
    assert word, answer.verdict
    names = sorted((str(c.name) for c in ingested_versus.comparisons.config().criteria),
                   key=len, reverse=True)
    criterion = next(n for n in names if n.lower() in answer.verdict.lower())
    stances = ingested_versus.comparisons.matrix(criterion).to_json()["criteria"][0]["articles"]
    mine = sum(1 for s in stances.values() if s == asked)
    other = sum(1 for s in stances.values() if s in SIDES and s != asked)
    want = "Yes" if mine > other else "No" if other > mine else "Not clearly"
    assert word.group(1) == want, (answer.verdict, stances)


@pytest.mark.parametrize(
    ("question", "criterion", "facet"),
    [
        # written for this test (verdict7), never tuned on: a cue word inside the situation
        # ("event-driven", "traffic", "asynchronous") is not what the question weighs
        ("Which is friendlier for someone who has never built an event-driven app, Django "
         "or Node.js?", "Learning curve", None),
        ("Our developers write asynchronous code every day. Which one is more popular?",
         "Popularity", None),
        ("Which one is cheaper to host for a site that gets a lot of traffic, Django or "
         "Node.js?", "Efficiency and cost", None),
        ("I'm new to backend programming. Django or Node.js?", "Learning curve", None),
        # written for this test (criterion11), never tuned on: the clause before the colon
        # asks, the sides' descriptions after it name no criterion of their own
        ("Which gets more out of the CPU: Node's single event loop or Django running "
         "several threads?", "Performance", "CPU"),
        # a team getting productive is development speed, not the program's speed
        ("Our four developers all write TypeScript. Would Django or Node.js make us "
         "productive faster?", "Development speed", None),
    ],
)
def test_verdict_weighs_what_the_question_asks(ingested_versus: Any, question: str,
                                               criterion: str, facet: str | None) -> None:
    answer = ingested_versus.ask(question)
    assert answer.verdict, answer.answer
    _check_verdict(ingested_versus, answer)
    names = [str(c.name) for c in ingested_versus.comparisons.config().criteria]
    said = [n for n in names if n.lower() in answer.verdict.lower()]
    assert said == [criterion], answer.verdict
    if facet:
        assert answer.verdict.startswith(f"Where the articles speak of {facet}"), answer.verdict


def test_staffing_speed_gets_no_performance_count(ingested_versus: Any) -> None:
    # written for this test (criterion11): how fast a company can hire is no criterion
    answer = ingested_versus.ask("Is it quicker to hire Node.js developers or Django "
                                 "developers?")
    assert "weigh performance" not in (answer.verdict or ""), answer.verdict


def test_an_answered_question_never_shows_an_empty_answer(ingested_versus: Any) -> None:
    # review 10's a24: every sentence was moved under "more" and the answer text was empty
    answer = ingested_versus.ask("Which three aspects does the 'robust web apps' post weigh "
                                 "the two on?")
    assert answer.abstained or answer.answer.strip(), answer.more
