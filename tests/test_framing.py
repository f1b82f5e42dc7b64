"""``assistant.framing``: a byline, a talk's set-up or an update note never leads an answer.

The hand labels (``tests/data/framing_labels22.jsonl``) were written before the rules; the
heldback split (tuning10 and two articles written for the test) was not used to write them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from assistant.framing import asks_about_text, is_framing, without_framing
from tests.measure_framing import measure

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("split", ["tune", "heldback"])
def test_no_claim_is_called_framing_and_precision_holds(split: str) -> None:
    got = measure()[split]
    assert got["claims_dropped"] == 0, got
    assert got["precision"] >= 0.95, got
    assert got["recall"] >= 0.7, got


@pytest.mark.parametrize("sentence", [
    "Notes by Ada Lind, 3 June 2026.",
    "Slides are linked at the end; the recording should be online next month.",
    "Slides: \"Twin Stacks\" (PDF, 2.2 MB) on the meetup's site.",
    "We asked its founder, Ola Berg, how the team ended up with two stacks.",
    "In this talk I compare Django and Node.js for small teams.",
    "Someone asked whether Django Channels would have been enough.",
    "Updated: March 3, 2026.",
    "Opinions are her own.",
    "This post is the story of how we moved our API to Django.",
    "I first published this piece in 2019.",
    "Karl Meyer is a staff engineer at Northwind.",
])
def test_framing(sentence: str) -> None:
    assert is_framing(sentence)


@pytest.mark.parametrize("sentence", [
    "I found Django's admin saved us two weeks.",
    "Tomás was careful to say the latency row compares two very different workloads.",
    "The security chapter now notes that Express leaves CSRF protection to middleware.",
    "We wrote the service in TypeScript, and the compiler caught two bugs.",
    "The talk closed with a list of lessons, which I reproduce here:",  # a list's intro
    "Thanks to its event loop, Node.js holds thousands of connections.",
    "It started with a slow query.",
    "Node.js served 15,000 requests per second in the talk's benchmark.",
])
def test_claims_and_list_intros_are_no_framing(sentence: str) -> None:
    assert not is_framing(sentence)


def test_questions_about_the_text_are_told_apart() -> None:
    rows = [json.loads(line) for line in
            (DATA / "framing_questions22.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 14
    for row in rows:
        assert asks_about_text(row["question"]) is row["asks_text"], row["question"]
    # a relative "who", or a "when" of something else, does not ask about the text
    assert not asks_about_text("The student who wrote the app twice: which build was faster?")
    assert not asks_about_text("When people posted job ads, which role got more applicants?")


def test_framing_is_dropped_unless_the_text_is_asked_about() -> None:
    cands = [SimpleNamespace(text="Notes by Ada Lind, 3 June 2026."),
             SimpleNamespace(text="Django's p95 latency was 310 ms.")]
    kept = without_framing("What p95 latency did the slide show for Django?", cands)
    assert [c.text for c in kept] == ["Django's p95 latency was 310 ms."]
    assert without_framing("Who took the notes on the talk?", cands) == cands


@pytest.fixture(scope="module")
def tuning_versus(field_dir: Path, real_embedder: Any,
                  tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The field store plus the three tuning10 articles, ingested into a copy."""
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    data = tmp_path_factory.mktemp("framing22") / "data"
    shutil.copytree(field_dir, data)
    versus = build_assistant(Settings(data_dir=data), embedder=real_embedder)
    versus.ingest([Path(__file__).resolve().parent / "field" / "tuning10" / "articles"])
    return versus


@pytest.mark.integration
def test_a_talk_s_byline_does_not_lead_but_answers_who_wrote_it(tuning_versus: Any) -> None:
    # review 20's k01: the byline and "slides are linked" led, the figures were under "more"
    ans = tuning_versus.ask("What p95 latencies did the Porto slide show for Routewise's two "
                            "services, and why did the speaker warn against reading much "
                            "into them?")
    assert not ans.abstained
    assert "Notes by" not in ans.answer and "Slides are linked" not in ans.answer, ans.answer
    # asked about the text itself, the credit line is the answer
    ans = tuning_versus.ask("Who prepared the RecipeBox final project report, and who "
                            "supervised it?")
    assert "Prepared by Priya Raman" in ans.answer, ans.answer
