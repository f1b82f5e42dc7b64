"""A story's appositive description of its own company is setting (``described_name``)."""

from __future__ import annotations

from assistant.corpus_index import tokens
from assistant.scene import scene_setting, topic_terms
from tests.test_scene import _chunk, _index

THREAD = ["I disagree with the answer above, at least for your size.",
          "Quillmark, the ceramics auction house where I work, runs its sales on Django.",
          "What actually hurt us was a queue of writes all waiting on one row."]
OTHER = ["Netflix, the streaming service, runs Node.js in production.",
         "Django powers many content sites."]
OTHER2 = ["Netflix, the streaming giant, is often cited for Node.js."]


def _corpus():  # type: ignore[no-untyped-def]
    lead, _ = _chunk("t0", "thread", 0, ["Which framework should run our live bidding?"])
    thread, spans = _chunk("t1", "thread", 100, THREAD)  # an answer, not the lead passage
    other, _ = _chunk("o1", "guide", 0, OTHER)
    other2, _ = _chunk("o2", "guide2", 0, OTHER2)
    return _index([lead, thread, other, other2], {"thread": "Forum", "guide": "A guide",
                                            "guide2": "Another"}), thread, spans


def _fam(word: str) -> frozenset[str]:
    return frozenset(tokens(word))


def test_the_description_of_an_own_name_is_a_scene_word_of_its_article() -> None:
    idx, *_ = _corpus()
    got = topic_terms(idx, "thread")
    assert set(tokens("ceramics auction house")) <= got
    assert not set(tokens("runs sales")) & got  # the clause after it is no description


def test_a_name_several_articles_write_gives_no_scene_words() -> None:
    idx, *_ = _corpus()
    assert not set(tokens("streaming")) & topic_terms(idx, "guide")


def test_the_introducing_sentence_sets_the_scene_mid_passage_the_answer_does_not() -> None:
    idx, thread, spans = _corpus()
    intro = [_fam("ceramics"), _fam("auction")]
    assert scene_setting(idx, thread, spans[1], spans, intro)
    # the same terms held by a mid-passage sentence that introduces nothing: no scene
    assert not scene_setting(idx, thread, spans[2], spans, intro)
    # the answer holds a point term ("queue"): it is no scene-setting sentence
    assert not scene_setting(idx, thread, spans[2], spans, [_fam("queue")])
