"""Irregular verb forms are one word to the topic match of the third-technology path
(review 19's j43: "why did teams here choose it over Express?" against "We chose Fastify
over Express because ..." shared no stem, so Fastify was "not covered on that")."""

from __future__ import annotations

from assistant.corpus_index import stem
from assistant.word_family import inflected_family, word_family
from knowledge.text.verb_forms import verb_forms


def test_forms_of_one_irregular_verb_are_one_group() -> None:
    assert {"choose", "chose", "chosen"} <= verb_forms("chose")
    assert {"run", "ran"} <= verb_forms("Ran")
    assert {"build", "built"} <= verb_forms("build")
    assert {"spend", "spent"} <= verb_forms("spent")
    assert {"write", "wrote", "written"} <= verb_forms("wrote")
    assert {"grow", "grew", "grown"} <= verb_forms("grew")
    assert {"take", "took", "taken"} <= verb_forms("take")


def test_regular_words_and_technology_names_have_no_forms() -> None:
    assert verb_forms("migrate") == frozenset()
    assert verb_forms("fastify") == frozenset()
    # "Go" and "Spring" name technologies the library compares: never read as verbs
    assert verb_forms("go") == frozenset()
    assert verb_forms("spring") == frozenset()


def test_the_inflected_family_of_a_question_stem_holds_the_past_tense_stem() -> None:
    vocab = {stem(w): 1 for w in ["chose", "choosing", "ran", "runtime", "built"]}
    memo: dict[object, object] = {}
    fam = inflected_family(stem("choose"), vocab, memo)
    assert stem("chose") in fam and stem("choose") in fam
    assert stem("ran") in inflected_family(stem("run"), vocab, memo)
    assert stem("built") in inflected_family(stem("build"), vocab, memo)
    # the lexical ranking's family is unchanged: "chose" is no derivation of "choose"
    assert stem("chose") not in word_family(stem("choose"), vocab, {})
    # a word no irregular verb takes keeps its family only
    assert inflected_family(stem("runtime"), vocab, memo) == word_family(
        stem("runtime"), vocab, {})
