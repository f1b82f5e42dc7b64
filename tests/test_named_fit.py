"""Units of ``assistant.named_fit`` and ``assistant.passing_beside`` on fakes (the real
model and store: ``tests/test_third_scope_integration.py``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from assistant.named import Named
from assistant.named_fit import SEM_ON, SEM_WEAK, fit_topical
from assistant.passing_beside import said_beside, with_passing
from assistant.retriever import tokens

LARAVEL = Named("Laravel", frozenset({"laravel"}))
INDEX = SimpleNamespace(vocabulary={}, memo={})


def _item(text: str, sem: float, topical: bool, mentions: tuple[str, ...] = ("Laravel",),
          section: str = "") -> Any:
    chunk = SimpleNamespace(section=section, chunk_id=text)
    lead = SimpleNamespace(sem=sem, toks=frozenset(tokens(text)), chunk=chunk)
    return SimpleNamespace(lead=lead, text=text, mentions=frozenset(mentions),
                           topical=topical, cells=(), label="", columns=())


def test_close_in_meaning_puts_a_wordless_technology_on_the_topic() -> None:
    close = _item("Laravel and Django are opinionated frameworks.", SEM_ON + 0.05, False)
    far = _item("Laravel's hosting is smoothest on Forge.", SEM_ON - 0.2, False)
    fit_topical("laravel or express if we want most things included?", [close, far],
                [LARAVEL], INDEX)
    assert close.topical and not far.topical


def test_one_shared_word_and_nothing_close_is_off_the_topic() -> None:
    row = _item("Time-to-MVP: Laravel fast.", SEM_WEAK - 0.1, True)
    other = _item("Laravel hides magic behind facades.", SEM_WEAK - 0.05, False)
    fit_topical("How do I make Laravel queues retry a failed job three times?",
                [row, other], [LARAVEL], INDEX)
    assert not row.topical


def test_one_shared_word_stands_when_an_item_is_close_in_meaning() -> None:
    row = _item("Time-to-MVP: Laravel fast.", SEM_WEAK - 0.1, True)
    near = _item("Laravel ships queues and mail.", SEM_WEAK + 0.05, False)
    fit_topical("How do I make Laravel queues retry a failed job three times?",
                [row, near], [LARAVEL], INDEX)
    assert row.topical


def test_two_shared_words_stand_however_far() -> None:
    item = _item("Laravel queues retry jobs.", 0.1, True)
    fit_topical("How do I make Laravel queues retry a failed job three times?", [item],
                [LARAVEL], INDEX)
    assert item.topical


def _idx(chunks: list[str]) -> Any:
    return SimpleNamespace(chunk_tokens=[frozenset(tokens(c)) for c in chunks],
                           memo={("article-subject-tokens",): [frozenset()] * len(chunks)})


TOK = SimpleNamespace(tokens=tokens)


def test_a_passing_name_beside_a_covered_name_and_a_question_word() -> None:
    idx = _idx(["Laravel is best for shops that want to grow out of WordPress.",
                "Laravel hides magic."])
    topical = list(tokens("laravel sensible step online shop leave wordpress"))
    assert said_beside("WordPress", ["Laravel"], topical, idx, TOK)


def test_a_passing_name_beside_a_covered_name_only_is_still_passing() -> None:
    # the passage names both, but nothing the question asks of them ("cost", "seat")
    idx = _idx(["Laravel users reach for the paid Nova package."])
    topical = list(tokens("laravel nova cost seat"))
    assert not said_beside("Nova", ["Laravel"], topical, idx, TOK)
    assert not said_beside("Nova", [], topical, idx, TOK)


def _chunk(cid: str, text: str) -> Any:
    return SimpleNamespace(chunk_id=cid, text=text)


def test_with_passing_fetches_a_rare_names_passages_only() -> None:
    wp = _chunk("c2", "Shops that want to grow out of WordPress.")
    everywhere = [_chunk(f"l{i}", "Laravel again.") for i in range(5)]
    index = SimpleNamespace(chunks=[wp, *everywhere])
    retrieval = SimpleNamespace(chunks=[SimpleNamespace(chunk=everywhere[0], score=0.7)],
                                extra=[], index=index)
    import dataclasses

    @dataclasses.dataclass
    class R:
        chunks: list[Any]
        extra: list[Any]
        index: Any

    got = with_passing(R(retrieval.chunks, [], index),
                       [LARAVEL, Named("WordPress", frozenset({"wordpress"}))])
    assert [sc.chunk.chunk_id for sc in got.extra] == ["c2"]
    assert got.extra[0].score == 0.7


def test_a_topic_another_name_holds_in_words_is_not_rescued_by_meaning() -> None:
    # the Django sentence on its template language holds the topic; Laravel's close
    # sentence (close because it names both) does not say anything about templates
    django = _item("Django ships its own template language.", 0.64, True, ("Django",))
    laravel = _item("Laravel is the PHP answer to Django.", SEM_ON + 0.09, False,
                    ("Django", "Laravel"))
    fit_topical("Does Laravel have a better template engine than Django?", [django, laravel],
                [LARAVEL, Named("Django", frozenset({"django"}), "Django")], INDEX)
    assert not laravel.topical


def test_a_passing_name_in_the_referred_article_is_its_topic() -> None:
    # g44's shape (review 16): "What is <name>, mentioned on <site>'s page?"
    from assistant.passing_beside import explained, in_referred

    texts = [("agency", "Our clients include Fernleaf, a garden planner with reminders."),
             ("agency", "We build with Django."), ("blog", "Node.js is fast.")]
    idx = SimpleNamespace(
        chunks=[SimpleNamespace(article_id=a, chunk_id=str(i)) for i, (a, _t) in enumerate(texts)],
        chunk_tokens=[frozenset(tokens(t)) for _a, t in texts], vocabulary={}, memo={})
    on_page = SimpleNamespace(index=idx, article=SimpleNamespace(article_id="agency"))
    assert in_referred("Fernleaf", on_page, TOK)
    assert explained("Fernleaf", [], list(tokens("fernleaf garden product")), on_page, TOK)
    # the same name with no article referred to, or another article referred to, is passing
    assert not in_referred("Fernleaf", SimpleNamespace(index=idx, article=None), TOK)
    other = SimpleNamespace(index=idx, article=SimpleNamespace(article_id="blog"))
    assert not explained("Fernleaf", [], list(tokens("fernleaf garden product")), other, TOK)
