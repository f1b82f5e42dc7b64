"""Question intent: paraphrases written for this test, never used to tune the rules."""

from __future__ import annotations

import pytest

from assistant.intent import classify_intent

D, N = "Django", "Node.js"

CASES = [
    # which is better / which for X
    ("Which one is quicker at serving requests, Django or Node.js?", (D, N), "better"),
    ("Is Node.js safer than Django?", (N, D), "better"),
    ("Django vs Node.js for an online shop: which wins?", (D, N), "better"),
    ("What would you recommend for a startup's API?", (), "better"),
    ("Which of them handles heavy load better?", (), "better"),
    ("Is Django or Node.js easier to maintain?", (D, N), "better"),
    # a comparative form in a which-question naming neither side (written for issue 11's
    # fifth round, never tuned on)
    ("Which stack will cost us less to host?", (), "better"),
    ("For a team of twenty, which codebase stays easier to maintain?", (), "better"),
    ("Which version of Django is newer?", (D,), "fact"),
    # when to choose
    ("When is it wise to use Node.js rather than Django?", (N, D), "when"),
    ("Under what circumstances would Django be preferable?", (D,), "when"),
    ("In which cases does Node.js make more sense?", (N,), "when"),
    # definition
    ("What's Node.js?", (N,), "definition"),
    ("What does ORM stand for?", (), "definition"),
    ("Define Django.", (D,), "definition"),
    # list
    ("Which businesses rely on Django?", (D,), "list"),
    ("Give me examples of apps made with Node.js.", (N,), "list"),
    ("What libraries does Node.js have for authentication?", (N,), "list"),
    ("Who is using Node.js?", (N,), "list"),
    # the points of comparison are a list even when both subjects are named; a comparative
    # form keeps the verdict
    ("Which aspects do writers weigh when they put Django against Node.js?", (D, N), "list"),
    ("On what dimensions are Node.js and Django usually compared?", (D, N), "list"),
    ("Which factors make Node.js faster than Django?", (D, N), "better"),
    # pros
    ("Why do people like Django?", (D,), "pros"),
    ("What upsides does Node.js bring?", (N,), "pros"),
    ("What are the plus points of Django?", (D,), "pros"),
    # cons
    ("What's wrong with Node.js?", (N,), "cons"),
    ("What limitations does Django have?", (D,), "cons"),
    ("Where does Node.js fall short?", (N,), "cons"),
    ("In which areas does Django come up short?", (D,), "cons"),
    ("Is Node.js falling short anywhere?", (N,), "cons"),
    ("What are the negatives of picking Django?", (D,), "cons"),
    # fact
    ("Who wrote Node.js?", (N,), "fact"),
    ("Does Node.js run on V8?", (N,), "fact"),
    ("How many stars does Django have on GitHub?", (D,), "fact"),
    ("Can Django handle asynchronous views?", (D,), "fact"),
]


@pytest.mark.parametrize(("question", "subjects", "kind"), CASES)
def test_intent_of_unseen_paraphrases(question: str, subjects: tuple[str, ...],
                                      kind: str) -> None:
    assert classify_intent(question, subjects).kind == kind


def test_comparative_and_polarity_flags() -> None:
    assert classify_intent("Which is faster, Django or Node.js?", (D, N)).comparative
    assert not classify_intent("What is Django?", (D,)).comparative
    assert classify_intent("What are the drawbacks of Django?", (D,)).polarity == -1
    assert classify_intent("What are the benefits of Node.js?", (N,)).polarity == 1
    assert classify_intent("Who created Django?", (D,)).polarity == 0


#: Round two: comparative shapes written for this test before the rules were changed
#: (superlatives, comparison idioms, "easier to X than Y", "X or Y", a third technology,
#: suitability of one subject), and look-alikes that must stay facts.
COMPARATIVE_SHAPES = [
    ("Which of Django, Node.js and Rails is the quickest to prototype with?", (D, N), "better"),
    ("Which runs cheapest on a small server?", (), "better"),
    ("Out of the three, which has the gentlest learning curve?", (), "better"),
    ("Which one needs the least boilerplate for a REST API?", (), "better"),
    ("How do Node.js and Django measure up on testing support?", (N, D), "better"),
    ("How does Django fare against Express for admin panels?", (D, N), "better"),
    ("How do the two stack up on documentation?", (), "better"),
    ("How do these frameworks compare on hosting costs?", (), "better"),
    ("Is it harder to debug Node.js code than Django code?", (N, D), "better"),
    ("Is it cheaper to host Django apps than Node.js apps?", (D, N), "better"),
    ("Django or Node.js for a newsroom CMS?", (D, N), "better"),
    ("Should a bank go with Node.js or Django for its core API?", (N, D), "better"),
    ("Between Django, Node.js and Flask, which should a beginner learn?", (D, N), "better"),
    ("Which of Express, Django or Spring gives the smallest Docker images?", (N, D), "better"),
    ("Is Node.js a sensible choice for a payment system?", (N,), "better"),
    ("Would Django be a good fit for a mobile app backend?", (D,), "better"),
    # look-alikes: a word ending in -est that is no superlative, a plain fact
    ("Which request header does Django check for CSRF?", (D,), "fact"),
    ("Which test runner ships with Node.js?", (N,), "fact"),
    ("When did the latest Django release come out?", (D,), "fact"),
    ("Does Node.js use the V8 engine or its own?", (N,), "fact"),
]


@pytest.mark.parametrize(("question", "subjects", "kind"), COMPARATIVE_SHAPES)
def test_comparative_shapes(question: str, subjects: tuple[str, ...], kind: str) -> None:
    assert classify_intent(question, subjects).kind == kind


#: Follow-ups the rewrite kept beside the earlier question ("<new> (<earlier>)?"): the
#: shape is the new question's; a short aspect bracket still counts.
FOLLOW_UP_SHAPES = [
    ("Does Django handle that sort of load (Which backend is best for a busy API)?", (D,),
     "fact"),
    ("What went wrong in the Node one (Which of the two shops had the better uptime)?", (N,),
     "fact"),
    ("Which one should I use for that instead (What runs a nightly batch import)?", (), "better"),
    ("What are the drawbacks for that (Which stack suits a small newsroom)?", (D,), "cons"),
    ("Does Django have any (disadvantages)?", (D,), "cons"),
]


@pytest.mark.parametrize(("question", "subjects", "kind"), FOLLOW_UP_SHAPES)
def test_a_follow_up_is_classified_on_its_own_words(question: str, subjects: tuple[str, ...],
                                                    kind: str) -> None:
    assert classify_intent(question, subjects).kind == kind


#: Issue 11, round six: when-questions about one subject carry the asked polarity (the
#: wrong choice / avoid asks for its cons as conditions), definition and cons shapes.
#: Written for this test; the labelled paraphrases measured by ``tests.measure_shape``
#: are in tests/data/shape_labels*.jsonl.
ROUND_SIX = [
    ("When is Flask the wrong tool?", ("Flask",), "when", -1),
    ("When shouldn't a startup use Django?", (D,), "when", -1),
    ("When does Node.js turn into overkill?", (N,), "when", -1),
    ("When would Django be a smart bet?", (D,), "when", 1),
    ("Under which circumstances does Node.js shine?", (N,), "when", 1),
    ("When is it worth choosing Node.js over Django?", (N, D), "when", 0),
    ("What exactly are Django signals?", (D,), "definition", 0),
    ("Could you explain what npm is?", (), "definition", 0),
    ("What kind of framework is Django?", (D,), "definition", 0),
    ("Why would a team stay away from Node.js?", (N,), "cons", -1),
    ("When was Django first released?", (D,), "fact", 0),
    ("What about Node.js?", (N,), "fact", 0),
]


@pytest.mark.parametrize(("question", "subjects", "kind", "polarity"), ROUND_SIX)
def test_round_six_shapes(question: str, subjects: tuple[str, ...], kind: str,
                          polarity: int) -> None:
    got = classify_intent(question, subjects)
    assert (got.kind, got.polarity) == (kind, polarity)


def test_a_one_subject_when_question_is_not_a_comparison() -> None:
    assert not classify_intent("When is Django the wrong choice?", (D,)).comparative
    assert classify_intent("When should I pick Django over Node.js?", (D, N)).comparative


@pytest.mark.parametrize("question", [
    "Three of us keep a parish booking app in Python. When is Django the obvious pick "
    "over Node for that?",
    "When should a two-person agency go for Node and when for Django?",
    "When is Node.js preferable to Django for a game lobby?",
])
def test_a_when_question_by_fit_noun_or_go_for_is_when_to_choose(question: str) -> None:
    assert classify_intent(question, ["Django", "Node.js"]).kind == "when"


def test_an_in_what_cases_question_about_a_past_event_is_a_fact() -> None:
    from assistant.intent import asks_no_sides

    q = "In what cases did the studio regret running Django Channels?"
    assert classify_intent(q, ["Django"]).kind == "fact"
    assert asks_no_sides(q)
    assert classify_intent("In what cases is Django the wiser pick over Node?",
                           ["Django", "Node.js"]).kind == "when"


@pytest.mark.parametrize("question, subject", [
    ("We plan to power a ticket queue with Node.js. Would that be a mistake?", "Node.js"),
    ("Is it a mistake to write a bookkeeping tool in Django?", "Django"),
    ("Is Django the wrong call for a live bidding page?", "Django"),
])
def test_is_x_a_mistake_for_a_purpose_weighs_its_fitness(question: str, subject: str) -> None:
    # review 22's m15: "I'm thinking of building a chat app in Django. Is that a mistake?"
    assert classify_intent(question, (subject,)).kind == "better"


def test_a_mistake_without_a_purpose_is_no_choice() -> None:
    assert classify_intent("Did the Django team admit a mistake?", ("Django",)).kind != "better"
