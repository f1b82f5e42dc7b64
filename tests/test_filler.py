"""The filler checker against hand-labelled sentences (tests/data/filler_labels.jsonl).

The first 69 labels were written and committed before the rules were tuned; none of those
sentences comes from a bundled article. The rows with a ``previous`` field are sentences of
answers from the blind reviews (``docs/review-2026-11-30b``, ``-30c``), labelled in their
answer context (the sentence before, whether it is quoted with its passage neighbour,
whether the layout names the referent) from the reviewers' dangling/meta flags, and
committed before the context rules: ``source: review-3`` to tune on, ``review-2`` held out.
The ``review-8`` rows are sentences of the answers of review sets 1-8 (``docs/review-2026-11-30*``)
with a back-reference anywhere in them, labelled from the reviewers' dangling flags and "why"
lines and committed before ``assistant.references``; a third of them by text hash
(``review-8-held``) is held out.
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.filler import (
    answer_sentences,
    classify,
    classify_answer,
    classify_in_context,
    filler_rate,
    is_filler,
    names_subject,
    supplies_referent,
)

LABELS = Path(__file__).parent / "data" / "filler_labels.jsonl"


def _rows() -> list[dict[str, str]]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_labels_cover_every_class() -> None:
    counts: dict[str, int] = {}
    for row in _rows():
        counts[row["label"]] = counts.get(row["label"], 0) + 1
    assert set(counts) == {"meta", "signpost", "dangling", "ok"}
    assert min(counts.values()) >= 10


def test_filler_or_not_matches_every_label() -> None:
    wrong = [(r["label"], r["text"]) for r in _rows() if "previous" not in r
             and not r.get("split", "").startswith("heldback")
             and is_filler(r["text"]) != (r["label"] != "ok")]
    assert not wrong


def test_held_back_offers_of_our_team_stay_meta() -> None:
    # the ``heldback-25`` rows were not tuned on; an offer read as a claim would be quoted
    # in answers, so the meta ones must hold (a report in an irregular past, "wrote", may
    # still read as meta: a lost claim, not filler shown)
    rows = [r for r in _rows() if r.get("split") == "heldback-25"]
    assert len(rows) >= 4
    assert all(classify(r["text"]) == "meta" for r in rows if r["label"] == "meta")


def test_what_our_team_did_is_a_claim_and_its_offer_is_meta() -> None:
    # review 23's n26 lost its only answering sentence ("our team has shipped 37 ...")
    assert classify("Since 2021 our team has deployed 12 Flask apps and 3 on Deno.") == "ok"
    assert classify("Our developers migrated the Deno service in March.") == "ok"
    assert classify("Our team is happy to help with your Flask app.") == "meta"
    assert classify("Our developers need no introduction to Deno.") == "meta"
    assert classify("Our experts have the answers for your Deno project.") == "meta"


def test_filler_class_matches_most_labels() -> None:
    rows = [r for r in _rows() if r["label"] != "ok" and "previous" not in r]
    right = sum(classify(r["text"]) == r["label"] for r in rows)
    assert right / len(rows) >= 0.9, right


def test_answer_sentences_drop_markers_and_side_leads() -> None:
    text = ("Both articles favour Flask [1][2].\n\nFlask: It is small. [1] It has no ORM. [2] "
            "\n\nSide by side: Express is faster than Flask. [3]")
    assert answer_sentences(text) == [
        "Both articles favour Flask.", "It is small.", "It has no ORM.",
        "Express is faster than Flask.",
    ]


def test_filler_rate_counts_sentences() -> None:
    rate, bad, total = filler_rate(["Let us now look at the costs. Flask is free. [1]",
                                    "Read on to learn more. Express is fast. [2]"])
    assert (bad, total) == (2, 4) and rate == 0.5


def test_typographic_apostrophes_and_lead_phrases() -> None:
    # Regression: a curly apostrophe hid "Let’s ..." from the signpost rule.
    assert classify("Let’s now compare the two on speed.") == "signpost"
    assert classify("All in all, let’s sum up what we have seen.") != "ok"
    assert classify("In short, Flask is light and easy to extend.") == "ok"


# --- sentences in their answer (labels with a "previous" field, from the blind reviews) ---

def _context_rows(source: str) -> list[dict[str, object]]:
    return [r for r in _rows() if "previous" in r and r.get("source") == source]


def _in_context(row: dict[str, object]) -> str:
    text, previous = str(row["text"]), str(row["previous"])
    names = {w.rstrip(".").lower() for w in (text + " " + previous).split()[1:]
             if w[:1].isupper()}
    return classify_in_context(text, antecedent=bool(previous) and supplies_referent(
        previous, names), same_passage=bool(row["same_passage"]),
        referent=bool(row["referent"]), named_before=bool(previous) and names_subject(
            previous, names))


def _accuracy(source: str) -> tuple[float, list[tuple[object, str, object]]]:
    rows = _context_rows(source)
    wrong = [(r["label"], _in_context(r), r["text"]) for r in rows
             if (_in_context(r) != "ok") != (r["label"] != "ok")]
    return 1 - len(wrong) / len(rows), wrong


def test_context_labels_are_there_for_tuning_and_held_out() -> None:
    assert len(_context_rows("review-3")) >= 50 and len(_context_rows("review-2")) >= 50


def test_filler_in_context_matches_the_tuning_labels() -> None:
    accuracy, wrong = _accuracy("review-3")
    assert accuracy >= 0.9, wrong


def test_filler_in_context_on_held_out_labels() -> None:
    # review-2 labels were written before the rules and never tuned on: the figure is
    # reported (README), the floor only guards against a collapse.
    accuracy, wrong = _accuracy("review-2")
    assert accuracy >= 0.75, wrong


def _precision_recall(source: str) -> tuple[float, float]:
    rows = _context_rows(source)
    flagged = [r for r in rows if _in_context(r) != "ok"]
    dangling = [r for r in rows if r["label"] != "ok"]
    hit = [r for r in flagged if r["label"] != "ok"]
    return len(hit) / max(1, len(flagged)), len(hit) / max(1, len(dangling))


def test_back_references_further_in_on_the_tuning_labels() -> None:
    assert len(_context_rows("review-8")) >= 80
    precision, recall = _precision_recall("review-8")
    assert precision >= 0.9 and recall >= 0.75, (precision, recall)


def test_back_references_further_in_on_held_out_labels() -> None:
    # review-8-held was never tuned on: 1.00 / 0.75 when the rules were written (README);
    # the floor guards against a collapse (the checker found 2 of its 16 before).
    assert len(_context_rows("review-8-held")) >= 40
    precision, recall = _precision_recall("review-8-held")
    assert precision >= 0.8 and recall >= 0.5, (precision, recall)


def test_a_leading_pronoun_needs_a_named_subject_before_it() -> None:
    assert classify_in_context("It is written in Python.", antecedent=False) == "dangling"
    assert classify_in_context("It is written in Python.", antecedent=True) == "ok"
    assert classify_in_context("It is written in Python.", antecedent=False,
                               referent=True) == "ok"
    assert classify_in_context("It is easy to write a view in Flask.",
                               antecedent=False) == "ok"  # a dummy subject


def test_a_leading_connective_needs_its_own_passage_before_it() -> None:
    text = "Besides, Flask ships a debugger with a console in the browser."
    assert classify_in_context(text, antecedent=True) == "dangling"
    assert classify_in_context(text, antecedent=True, same_passage=True) == "ok"
    assert classify_in_context("In contrast to Rails, Flask has no ORM of its own.",
                               antecedent=False) == "ok"  # a preposition, not a connective


def test_answer_reading_order_chains_the_referent() -> None:
    answer = ("Both articles favour Flask [1][2].\n\nFlask: It is small and simple. [1] "
              "It has no database layer. [2]\n\nIts router is tiny and fast. [3] Besides, "
              "Express is fast. [4] Express is minimal. [5] It has a middleware stack. [6]")
    kinds = [k for _t, k in classify_answer(answer)]
    assert kinds == ["ok", "ok", "ok", "dangling", "dangling", "ok", "ok"]


def test_decision_talk_aimed_at_the_reader_is_meta() -> None:
    assert classify("Picking between Rails and Laravel is a key step for your team.") == "meta"
    assert classify("Rails is the better choice if you need an admin panel fast.") == "ok"


def test_a_table_cell_under_its_side_reads_with_its_row() -> None:
    answer = ("Flask: (Flexibility) This framework is less flexible than the other. [1]\n\n"
              "This framework is less flexible than the other. [2]")
    assert [k for _t, k in classify_answer(answer)] == ["ok", "dangling"]


def test_the_readers_reading_of_the_text_itself_is_meta() -> None:
    # review 9's z27 showed such a sentence as a whole answer; wordings here are our own
    for text in ("Once you have gone through this guide so far, the choice should be clear.",
                 "If you have followed the tutorial to the end, you know which one to use.",
                 "Anyone who has read the article above will see the pattern."):
        assert classify(text) == "meta", text
    for text in ("Django has read the settings file above all others.",
                 "Node.js reads the request body to the end before parsing it."):
        assert classify(text) == "ok", text
