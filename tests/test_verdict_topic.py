"""The verdict's criterion read by meaning (``assistant.verdict_topic``): prefix cues are
read as words, a criterion scores its closest cues together, and a question about no
criterion gets no tally."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.verdict_topic import completed

LABELS = Path(__file__).resolve().parent / "data" / "verdict_topic_labels.jsonl"


def test_a_prefix_cue_is_read_as_the_shortest_word_it_opens() -> None:
    words = {"secure", "security", "scale", "scalability", "learning"}
    assert completed("secur*", words) == "secure"
    assert completed("scal*", words) == "scale"
    assert completed("javascript runtime*", words) == "javascript runtime"  # no word: stub
    assert completed("learning curve", words) == "learning curve"  # no prefix mark


@pytest.mark.integration
def test_topic_labels_by_meaning_on_the_real_model(ingested_versus: Any) -> None:
    """On the labelled questions without a criterion cue word: the tuning half mostly reads
    its criterion or none, and a tally on another criterion is rare in both halves."""
    from assistant.asked_criterion import asked_with_situation
    from assistant.condition import quality
    from assistant.search_text import search_text
    from assistant.verdict_topic import topic
    from tests.measure_verdict_topics import decide

    comparisons = ingested_versus.comparisons
    config = comparisons.config()
    embed = ingested_versus.chain.embedder.embed_query
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    for half, floor, most_wrong in (("-t", 0.55, 3), ("-h", 0.5, 5)):
        part = [r for r in rows if r["id"].endswith(half)]
        right = wrong = 0
        for row in part:
            q = row["question"]
            got = decide(asked_with_situation(comparisons.find_criterion, q,
                                              quality(config))[0],
                         comparisons, list(embed(search_text(q))), q)
            right += got == row["criterion"]
            wrong += got not in (row["criterion"], "none")
        assert right / len(part) >= floor, (half, right)
        assert wrong <= most_wrong, (half, wrong)
    # a question about which companies use each side asks about no criterion
    q = "Which big-name companies run Django and which run Node.js?"
    assert topic(comparisons, list(embed(search_text(q)))) is None
