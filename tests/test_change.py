"""Change questions and the direction of a reported change (``assistant.change``)."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.change import W_CHANGE, asked_change, change_polarity, favour_change
from assistant.intent import classify_intent


def test_a_change_question_is_read_with_its_direction() -> None:
    assert asked_change("What got better after the team moved the queue to the new stack?") == 1
    assert asked_change("Which numbers improved once the cache was in place?") == 1
    assert asked_change("What went wrong during the first week on the new service?") == 0
    assert asked_change("What got slower after they split the monolith?") == -1
    assert asked_change("Which is better for a shop, Django or Node.js?") == 0
    assert asked_change("Is Django better than Node.js for teams?") == 0


def test_a_change_question_asks_a_fact_not_a_verdict() -> None:
    assert classify_intent("What got better when they replayed the sale?").kind == "fact"
    assert classify_intent("Which is better, Django or Node.js?",
                           ("Django", "Node.js")).kind == "better"


def test_the_direction_of_a_change_follows_the_quantity_it_moves() -> None:
    # lower is better for a cost, higher for a benefit
    assert change_polarity("Checkout latency fell by half after the cache went in.") == 1
    assert change_polarity("Checkout latency rose by half after the cache went in.") == -1
    assert change_polarity("Throughput rose to 9,000 requests per second.") == 1
    assert change_polarity("Throughput fell to 900 requests per second.") == -1
    # two figures of one quantity: the earlier first after "from", the old one after "where"
    assert change_polarity("The release checklist grew from 8 steps to 14.") == -1
    assert change_polarity("Memory peaked at 300 MB, where the old build sat at 800 MB.") == 1
    # a comparative after a verb of becoming
    assert change_polarity("Reviews became slower once two teams had to sign off.") == -1
    assert change_polarity("Code reviews got easier with one shared style guide.") == 1
    assert change_polarity("The team meets every Tuesday to plan the sprint.") == 0
    # "fell behind" is no drop of the quantity before it
    assert change_polarity("Our CPU sat at 95 percent and the workers fell behind.") != 1


def _cand(text: str, score: float, sem: float = 0.5, article: str = "a") -> SimpleNamespace:
    return SimpleNamespace(text=text, score=score, bonus=0.0, typed=False, sem=sem,
                           chunk=SimpleNamespace(article_id=article))


def test_the_asked_direction_ranks_first_and_counts_as_the_answer_type() -> None:
    worse = _cand("Our on-call notes grew from 10 pages to 16.", 0.6)
    better = _cand("Error rates during the peak were cut in half.", 0.4)
    plain = _cand("The team replayed a week of traffic.", 0.5)
    got = favour_change("What got better after the move?", [worse, better, plain])
    assert got[0] is better and better.typed and better.bonus == W_CHANGE
    assert got[-1] is worse
    # any other question: untouched
    same = favour_change("How big is the team?", [plain, better])
    assert [c.text for c in same] == [plain.text, better.text] and plain.bonus == 0.0
