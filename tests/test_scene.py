"""Scene-setting openers (``assistant.scene``): fast units on a fake index."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.corpus_index import tokens
from assistant.scene import scene_setting, topic_terms
from knowledge.models import ArticleMeta, Chunk, Span


def _chunk(cid: str, aid: str, start: int, sentences: list[str]) -> tuple[Chunk, list[Span]]:
    text, spans, pos = "", [], start
    for s in sentences:
        spans.append(Span(pos, pos + len(s)))
        text += s + " "
        pos += len(s) + 1
    return Chunk(cid, aid, 0, text, start, start + len(text), sentences=tuple(spans)), spans


def _index(chunks: list[Chunk], titles: dict[str, str]) -> SimpleNamespace:
    toks = [frozenset(tokens(c.text)) for c in chunks]
    vocab: dict[str, int] = {}
    for ts in toks:
        for t in ts:
            vocab[t] = vocab.get(t, 0) + 1
    return SimpleNamespace(
        chunks=chunks, chunk_tokens=toks, vocabulary=vocab, memo={}, tokenizer=None,
        by_id={c.chunk_id: i for i, c in enumerate(chunks)},
        metas={a: ArticleMeta(a, t) for a, t in titles.items()})


LEAD = ["We met the lead engineer of Larkspur in Lisbon, where JavaScript was the talk.",
        "She explained how the split came about."]
BODY = ["Larkspur keeps its ledger in one service.",
        "It writes each payout in a single transaction, so nothing is paid twice."]
OTHER = ["JavaScript runs in the browser and on the server.",
         "Many teams in Lisbon and elsewhere write JavaScript."]


def _corpus() -> tuple[SimpleNamespace, Chunk, list[Span], Chunk, list[Span]]:
    lead, lead_spans = _chunk("a1", "interview", 0, LEAD)
    body, body_spans = _chunk("a2", "interview", 200, BODY)
    other, _ = _chunk("b1", "guide", 0, OTHER)
    other2, _ = _chunk("b2", "guide", 300, ["Lisbon hosts a JavaScript meetup."])
    idx = _index([lead, body, other, other2], {"interview": "A Ledger Team on Two Stacks",
                                               "guide": "A guide"})
    return idx, lead, lead_spans, body, body_spans


def _fam(word: str) -> frozenset[str]:
    return frozenset(tokens(word))


def test_scene_words_are_the_articles_own_names_and_its_title_words() -> None:
    idx, *_ = _corpus()
    got = topic_terms(idx, "interview")
    assert tokens("Larkspur")[0] in got  # a name in the lead that is the article's own
    assert tokens("ledger")[0] in got  # a title word
    assert tokens("JavaScript")[0] not in got  # a name every article uses
    assert tokens("Lisbon")[0] not in got  # most passages naming it are another article's
    assert tokens("explained")[0] not in got  # a lead word that is no name


def test_an_opener_holding_only_scene_words_sets_the_scene() -> None:
    idx, lead, lead_spans, body, body_spans = _corpus()
    larkspur = [_fam("Larkspur")]
    assert scene_setting(idx, lead, lead_spans[0], lead_spans, larkspur)
    assert scene_setting(idx, body, body_spans[0], body_spans, larkspur)  # opens its passage
    # a question word that is no scene word: the sentence answers something
    assert not scene_setting(idx, body, body_spans[0], body_spans,
                             [_fam("Larkspur"), _fam("service")])
    # neither the passage's opener nor in the lead passage
    assert not scene_setting(idx, body, body_spans[1], body_spans, larkspur)


def test_a_lead_sentence_holding_no_question_word_sets_the_scene_too() -> None:
    idx, lead, lead_spans, body, body_spans = _corpus()
    assert scene_setting(idx, lead, lead_spans[1], lead_spans, [])
    assert not scene_setting(idx, body, body_spans[0], body_spans, [])


def test_a_short_first_line_does_not_open_its_passage() -> None:
    lead, _ = _chunk("c1", "notes", 0, ["Notes from the queue team at Larkspur, in full."])
    other, spans = _chunk("c2", "notes", 100, ["Some context first.",
                                               "Larkspur moved its queue again.",
                                               "Larkspur kept the rest."])
    idx = _index([lead, other], {"notes": "Notes"})
    larkspur = [_fam("Larkspur")]
    assert scene_setting(idx, other, spans[1], spans, larkspur)  # the first real sentence
    assert not scene_setting(idx, other, spans[2], spans, larkspur)


def test_scene_names_are_read_as_the_articles_lead_names() -> None:
    """One reading of an article's names (``article_subject``): a name opening the lead
    sentence counts (it used to be skipped as a sentence's first word)."""
    lead, spans = _chunk("d1", "diary", 0, ["Quorvel sells tickets for small clubs.",
                                            "Most of the work was in one service."])
    body, _ = _chunk("d2", "diary", 100, ["Quorvel moved its queue.",
                                          "most teams keep one stack."])
    idx = _index([lead, body], {"diary": "A diary"})
    got = topic_terms(idx, "diary")
    assert tokens("Quorvel")[0] in got
    assert tokens("stack")[0] not in got and tokens("service")[0] not in got
    assert scene_setting(idx, lead, spans[0], spans, [_fam("Quorvel")])


def test_a_common_word_inside_an_own_several_word_name_sets_the_scene() -> None:
    """"Quorvel Pay": "pay" is written in many articles, but inside the run with the
    article's own "Quorvel" it names the company, so a question's "Quorvel Pay" does not
    turn the lead's opener into an answer; "pay" outside such a run stays no scene word."""
    lead, spans = _chunk("e1", "interview", 0, ["Quorvel Pay moves money for small shops.",
                                                "Its team runs two stacks."])
    body, _ = _chunk("e2", "interview", 100, ["Quorvel keeps its ledger in one service."])
    others = [_chunk(f"g{i}", "guide", 200 + 100 * i, [f"You pay for memory per worker {i}."])[0]
              for i in range(3)]
    idx = _index([lead, body, *others], {"interview": "An interview", "guide": "A guide"})
    got = topic_terms(idx, "interview")
    assert tokens("Pay")[0] in got and tokens("Quorvel")[0] in got
    assert tokens("money")[0] not in got
    assert scene_setting(idx, lead, spans[0], spans, [_fam("Quorvel"), _fam("Pay")])
    guide = topic_terms(idx, "guide")
    assert tokens("pay")[0] not in guide
