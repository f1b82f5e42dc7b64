"""The first-ask shortcuts of speed24 give what the scans they replace gave.

``word_family`` reads one bucket of the vocabulary (``heads``) and ``corpus_kin`` one entry
of a compound index (``compounds``) instead of scanning every corpus stem for each new
question stem; ``use_asked`` returns early when the question holds no use word. The
references below are the scans as they were, written out here.
"""

from __future__ import annotations

import random

from assistant.asked_use import use_asked
from assistant.search_text import corpus_kin
from assistant.situation import only_told
from assistant.word_family import same_family, word_family

VOCAB = {w: 1 for w in (
    "scale", "scalabl", "scaler", "scala", "sca", "web", "socket", "websocket", "websockets",
    "data", "databas", "base", "learn", "learner", "learnt", "form", "format", "formal",
    "node", "nodejs", "api", "restapi", "rest", "fast", "faster", "fastest", "fastapi",
    "microservic", "micro", "servic", "12345", "abc12345",
)}


def _family_scan(stem: str, vocab: dict[str, int]) -> frozenset[str]:
    head = stem[:4]
    return frozenset({stem} | {t for t in vocab if t.startswith(head) and same_family(stem, t)})


def _kin_scan(stem: str, vocab: dict[str, int]) -> frozenset[str]:
    if len(stem) < 5 or stem.isdigit():
        return frozenset()
    return frozenset(t for t in vocab if len(t) >= len(stem) + 3 and t.endswith(stem)
                     and t[: -len(stem)] in vocab) - {stem}


def test_word_family_matches_the_scan_on_known_families() -> None:
    memo: dict[object, object] = {}
    assert word_family("scale", VOCAB, memo) == {"scale", "scalabl"}  # not "scaler"
    assert word_family("fast", VOCAB, memo) == {"fast", "faster", "fastest"}
    assert word_family("form", VOCAB, memo) == {"form"}  # "format" is another word
    assert word_family("sca", VOCAB, memo) == {"sca"}  # shorter than the shared prefix
    assert word_family("zzzz", VOCAB, memo) == {"zzzz"}  # not in the corpus at all


def test_corpus_kin_finds_compounds_of_corpus_words() -> None:
    memo: dict[object, object] = {}
    assert corpus_kin("socket", VOCAB, memo) == {"websocket"}
    assert corpus_kin("servic", VOCAB, memo) == {"microservic"}
    assert corpus_kin("base", VOCAB, memo) == frozenset()  # too short to have compounds
    assert corpus_kin("12345", VOCAB, memo) == frozenset()  # a number has none


def test_indexes_agree_with_the_scans_on_random_vocabularies() -> None:
    rng = random.Random(24)
    letters = "abcdeilnorst"
    for _ in range(30):
        words = {"".join(rng.choice(letters) for _ in range(rng.randint(2, 11)))
                 for _ in range(300)}
        vocab = dict.fromkeys(words, 1)
        vocab.update({a + b: 1 for a, b in zip(list(words)[:60], list(words)[60:120],
                                                strict=True)})
        memo: dict[object, object] = {}
        probes = list(vocab)[:80] + ["".join(rng.choice(letters) for _ in range(7))
                                     for _ in range(20)]
        for stem in probes:
            assert word_family(stem, vocab, memo) == _family_scan(stem, vocab), stem
            assert corpus_kin(stem, vocab, memo) == _kin_scan(stem, vocab), stem


def test_a_new_vocabulary_is_not_read_through_an_old_index() -> None:
    memo: dict[object, object] = {}
    assert word_family("scale", VOCAB, memo) == {"scale", "scalabl"}  # not "scaler"
    other = {"scale": 1, "scaling": 1}
    memo.pop(("family", "scale"))
    assert word_family("scale", other, memo) == {"scale"}


def test_use_asked_without_a_use_word_is_none_and_with_one_still_found() -> None:
    assert use_asked("What is PM2 and what does it do?", ["PM2"]) is None
    assert use_asked("Is PM2 useful for clustering?", ["PM2"]) is None  # "useful" is no use
    got = use_asked("What is PM2, and how was it used in the benchmarks?", ["PM2"])
    assert got is not None and got.name == "PM2" and got.defines
    got = use_asked("What is k6 used for?", ["k6"])
    assert got is not None and got.name == "k6" and not got.defines
    got = use_asked("How did the team use Redis?", ["Redis"])
    assert got is not None and got.name == "Redis"


def test_only_told_reads_each_spelling_alone() -> None:
    q = ("Our app is written in TypeScript for React Native: is Node.js or Django the "
         "better backend?")
    assert only_told(q, ["TypeScript"])
    assert not only_told(q, ["Node.js", "Node"])
    assert not only_told("Is Express.js fast?", ["Express"])  # "Express.js" is not "Express"
