"""Answer shape (assistant.shape, assistant.conditions) on hand-built candidates: fast units.

The sentences are invented for these tests; what they check is the rules' shape: the
focus read from a question's syntax, the sentence holding it (or its negation) first,
off-focus sentences to "more", "X is a ..." first for a definition, conditions first for
a when-question. How often the first sentence holds the asked thing on labelled
paraphrases is measured by ``python -m tests.measure_shape``.
"""

from __future__ import annotations

import pytest

from assistant.conditions import condition_firsts, conditions_only
from assistant.corpus_index import tokens
from assistant.intent import Intent
from assistant.sentences import Candidate
from assistant.shape import defined, focus, shape
from knowledge.models import Span
from tests.conftest import passage as _passage
from tests.conftest import vocab_index as _index

D, N = "Django", "Node.js"


def _cand(aid: str, text: str, *, score: float = 0.8, subject: str | None = D,
          typed: bool = False, polarity: int = 0) -> Candidate:
    chunk, spans = _passage(aid, [text])
    span: Span = spans[0]
    return Candidate(chunk, span, text, score, 0, subject, typed=typed, polarity=polarity,
                     toks=frozenset(tokens(text)))


def _stem(word: str) -> str:
    return tokens(word)[0]


def test_the_focus_of_a_which_question_is_its_noun_phrase() -> None:
    got = focus("Which JavaScript engine does Node.js run on?")
    assert got[_stem("engine")] == 1.0
    assert _stem("run") not in got  # a light verb says nothing about what is asked


def test_a_property_word_weighs_double_in_a_yes_no_question() -> None:
    got = focus("Does Django support asynchronous views?")
    assert got[_stem("asynchronous")] == 2.0
    assert got[_stem("views")] == 1.0
    assert _stem("support") not in got


def test_the_sentence_holding_the_focus_comes_first_and_off_focus_ones_go() -> None:
    mvt = _cand("a", "Django follows a layered pattern of models, views and templates.",
                score=0.9)
    admin = _cand("b", "The admin site is generated from your models.", score=0.85)
    sync = _cand("c", "Django serves each request in a synchronous way, one at a time.",
                 score=0.6)
    idx = _index(mvt, admin, sync)
    shown, hidden = shape("Does Django support asynchronous views?", Intent("fact"),
                          [mvt, admin], [], [mvt, admin, sync], [D], idx)
    assert shown[0] is sync  # "synchronous" answers "asynchronous?" (the answer is no)
    assert admin in hidden and admin not in shown


def test_a_sentence_about_the_other_subject_does_not_lead_a_fact_answer() -> None:
    mine = _cand("a", "Django keeps its templates in a folder of plain files.", score=0.5)
    other = _cand("b", "Node.js renders templates with any engine you install.", score=0.9,
                  subject=N)
    idx = _index(mine, other)
    shown, _hidden = shape("Which template engine does Django ship?", Intent("fact"),
                           [other, mine], [], [other, mine], [D], idx)
    assert shown[0] is mine


@pytest.mark.parametrize(("question", "x"), [
    ("What is template fragment caching?", "template fragment caching"),
    ("What exactly is Django?", "Django"),
    ("Explain what Node.js is.", "Node.js"),
    ("What does MVT stand for in Django?", "MVT"),
    ("Could you define Node.js for me?", "Node.js"),
    ("What sort of tool is Django?", "Django"),
    ("What is the Django admin in this context?", "Django admin"),
])
def test_what_a_definition_question_asks_about(question: str, x: str) -> None:
    assert defined(question) == x


def test_an_x_is_a_sentence_about_the_asked_x_comes_first() -> None:
    other = _cand("a", "Django is a framework with many parts, caching among them.",
                  score=0.9)
    lead = _cand("b", "Row caching is a way to keep computed rows in memory.", score=0.6)
    prop = _cand("c", "Row caching is cheap when rows rarely change.", score=0.8)
    idx = _index(other, lead, prop)
    shown, hidden = shape("What is row caching?", Intent("definition"), [other, prop],
                          [], [other, prop, lead], [], idx)
    assert shown[0] is lead  # a class ("is a way") before a property ("is cheap")
    assert other in hidden  # it does not name row caching


def test_an_acronym_spelt_out_answers_what_it_stands_for() -> None:
    plain = _cand("a", "Django has followed MVT since its first release.", score=0.9)
    spelt = _cand("b", "Django uses MVT (Model View Template) to split its code.", score=0.5)
    idx = _index(plain, spelt)
    shown, _h = shape("What does MVT stand for?", Intent("definition"), [plain], [],
                      [plain, spelt], [D], idx)
    assert shown[0] is spelt


def test_a_one_subject_when_answer_opens_with_a_condition_of_the_asked_polarity() -> None:
    general = _cand("a", "Django has a steep learning curve overall.", score=0.9, polarity=-1)
    cond = _cand("b", "Django is not suitable for small apps with a single page.", score=0.6,
                 polarity=-1)
    praise = _cand("c", "Django is ideal for projects with strict deadlines.", score=0.95,
                   polarity=1)
    idx = _index(general, cond, praise)
    shown, _h = shape("When is Django the wrong choice?", Intent("when", -1),
                      [general, cond], [], [praise, general, cond], [D], idx)
    assert shown[0] is cond


def test_the_conditions_line_quotes_a_recommending_condition_per_side() -> None:
    d_plain = _cand("a", "Django has plenty of plugins for every need.", score=0.9)
    d_cond = _cand("b", "If your product stores sensitive records, Django is the better "
                        "choice.", score=0.6)
    n_cond = _cand("c", "For apps with live updates, Node.js is the ideal choice.", score=0.7,
                   subject=N)
    groups = [(D, [d_plain]), (N, [n_cond])]
    firsts = condition_firsts(groups, [d_plain, n_cond, d_cond], [N, D], [D, N])
    assert firsts == [(N, n_cond), (D, d_cond)]  # the side named first, first
    kept, off = conditions_only(groups, [c for _s, c in firsts])
    assert kept == [(D, []), (N, [])] and off == [d_plain]


def _sem(cand: Candidate, sem: float) -> Candidate:
    cand.sem = sem
    return cand


def test_a_list_answer_leads_with_the_sentence_naming_the_items() -> None:
    summary = _sem(_cand("a", "Django guards against most common threats by default."), 0.70)
    items = _sem(_cand("b", "Django blocks attacks such as SQL injection, cross-site "
                            "scripting (XSS), and clickjacking."), 0.62)
    idx = _index(summary, items)
    shown, _hidden = shape("Which kinds of attack does Django stop?", Intent("list"),
                          [summary], [], [summary, items], [D], idx)
    assert shown[0] is items
    assert summary in shown  # the summary stays, after the items


@pytest.mark.parametrize("sem, subject", [(0.50, D), (0.65, N)])
def test_a_far_or_off_subject_enumeration_does_not_lead(sem: float, subject: str) -> None:
    summary = _sem(_cand("a", "Django guards against most common threats by default."), 0.70)
    items = _sem(_cand("b", "It blocks SQL injection, cross-site scripting, and clickjacking.",
                       subject=subject), sem)
    idx = _index(summary, items)
    shown, _h = shape("Which kinds of attack does Django stop?", Intent("list"),
                      [summary], [], [summary, items], [D], idx)
    assert shown[0] is summary


def test_a_list_answer_that_already_names_items_keeps_its_lead() -> None:
    names = _sem(_cand("a", "Netflix, PayPal, LinkedIn and Uber run Node.js.", subject=N), 0.5)
    other = _sem(_cand("b", "Firms such as Walmart, NASA, and eBay rely on it.", subject=N),
                 0.7)
    idx = _index(names, other)
    shown, _h = shape("Which companies use Node.js?", Intent("list"), [names], [],
                      [other, names], [N], idx)
    assert shown[0] is names


def test_a_list_lead_holding_more_of_the_asked_words_stays() -> None:
    lead = _sem(_cand("a", "The main features of Django are worth a look."), 0.60)
    lead.lex = 0.8
    other = _sem(_cand("b", "Django has a big community, good docs, and many plugins."), 0.65)
    idx = _index(lead, other)
    shown, _h = shape("List the main features of Django.", Intent("list"), [lead], [],
                      [other, lead], [D], idx)
    assert shown[0] is lead


def test_a_cue_and_long_items_count_as_naming_them() -> None:
    lead = _sem(_cand("a", "Its ORM makes it ideal for applications like content management "
                           "systems (CMS), customer relationship tools, or online shops."),
                0.55)
    other = _sem(_cand("b", "Django has a big community, good docs, and many plugins."), 0.65)
    idx = _index(lead, other)
    shown, _h = shape("What kinds of projects is Django best for?", Intent("list"), [lead],
                      [], [other, lead], [D], idx)
    assert shown[0] is lead


def test_a_which_question_whose_focus_no_sentence_holds_leads_by_meaning() -> None:
    # "photo-sharing app" names the asked thing's kind; the answer names the thing itself
    named = _sem(_cand("a", "Pictogram, Songbird and Boxcloud were built with Django."),
                 0.61)
    word = _sem(_cand("b", "Django is said to be too heavy for small mobile apps.", score=0.9),
                0.50)
    filler = _sem(_cand("c", "The admin site is generated from your models, tables and "
                             "forms, so teams rarely write it by hand."), 0.30)
    idx = _index(named, word, filler)
    shown, _hidden = shape("Which photo-sharing app is listed among the products built with "
                           "Django?", Intent("fact"), [word], [], [word, named, filler], [D],
                           idx)
    assert shown[0] is named


def test_a_sentence_holding_the_focus_still_leads_over_a_closer_one() -> None:
    engine = _sem(_cand("a", "Node.js runs on the V8 JavaScript engine from Chrome.",
                        subject=N), 0.40)
    close = _sem(_cand("b", "Node.js is a runtime that executes code outside a browser.",
                       subject=N), 0.60)
    idx = _index(engine, close)
    shown, _hidden = shape("Which JavaScript engine does Node.js run on?", Intent("fact"),
                           [close], [], [close, engine], [N], idx)
    assert shown[0] is engine


def test_a_low_scoring_line_close_in_meaning_does_not_lead_a_weak_focus_answer() -> None:
    byline = _sem(_cand("a", "Prepared by Ana Lima for the spring term, with thanks.",
                        score=0.3), 0.70)
    named = _sem(_cand("b", "Pictogram, Songbird and Boxcloud were built with Django.",
                       score=0.8), 0.55)
    idx = _index(byline, named)
    shown, _hidden = shape("Which photo-sharing app is listed among the products built with "
                           "Django?", Intent("fact"), [byline, named], [], [byline, named],
                           [D], idx)
    assert shown[0] is named
