"""False declines of answerable questions about a named company, an article's author, or a
tool an article uses without defining it (blind review 18's i21, i38, i45).

* i21 "... for Kestrel Pay's ledger database ...": "Pay" was read as a name of its own,
  and the story's passage on the ledger database was missed because the possessed tokens
  were stemmed twice ("databas" -> "databa"). A run of names a passage spells whole is one
  name (``assistant.whole_name``); ``article_subject.owned_in_story`` takes tokens as they are.
* i38 "... when Sofia Lindqvist wrapped up her diary?": the diary's author, a name of its
  metadata only, read as an unknown name; the referred article's byline names that article
  (``assistant.byline_name``).
* i45 "What is PM2, and how was it used ...?": the use is the covered half; a tool named
  only inside a list of names is still declined (``assistant.asked_use``).

Units use small fake indexes; the integration tests ask the real model and store (field
articles, plus the tuning10 articles for the Kestrel Pay and Turnstile stories).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from assistant.article_subject import owned_in_story
from assistant.asked_use import listed_only, story_cover, use_asked, use_note
from assistant.byline_name import of_referred_byline
from assistant.question_names import possessed
from assistant.whole_name import support, whole_names
from tests.token_index import token_index

# -- the use of a tool -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "name", "defines"),
    [
        ("What is Vexa, and how was it used in the load tests?", "Vexa", True),
        ("What is Vexa and what did the teams use it for?", "Vexa", True),
        ("What is q7 used for?", "q7", False),
        ("What is Vexa used for in these projects?", "Vexa", False),
        ("How was Vexa used in the migration?", "Vexa", False),
        ("What did the ticketing team use Vexa for?", "Vexa", False),
    ],
)
def test_a_use_question_names_its_tool(question: str, name: str, defines: bool) -> None:
    got = use_asked(question, [name])
    assert got is not None and (got.name, got.defines) == (name, defines)


@pytest.mark.parametrize("question", [
    "What is Vexa?",                      # a definition only
    "What is Vexa good for?",             # a judgement
    "Is Vexa faster than Express?",
    "What is Vexa, and who wrote it?",    # a second part that asks no use
])
def test_other_questions_ask_no_use(question: str) -> None:
    assert use_asked(question, ["Vexa"]) is None


def test_a_tool_only_in_a_list_of_names_is_listed_not_used() -> None:
    idx, _tok = token_index({
        "a": ["Node.js has no built-in ORM; Quill, Mossy, Tarn and Brisk all work."],
        "b": ["The servers ran with Vexa in cluster mode.", "Mossy also ran the migrations."],
    })
    assert listed_only("Tarn", idx) and listed_only("Quill", idx)
    # named in a sentence of its own somewhere: used
    assert not listed_only("Mossy", idx) and not listed_only("Vexa", idx)
    # never named: not "listed", other checks decide
    assert not listed_only("Zed", idx)


def test_a_use_question_s_setting_is_held_by_the_tool_s_stories() -> None:
    idx, tok = token_index({
        "bench": ["We benchmarked both stacks on one box.", "Servers ran with Vexa."],
        "other": ["A coursework report on booking apps."],
    })
    topical = tok.tokens("Vexa benchmarks coursework")
    # "benchmark" is in the story naming Vexa, "coursework" is not
    assert story_cover("Vexa", topical, idx, tok) == pytest.approx(0.5)
    assert story_cover("Vexa", tok.tokens("Vexa"), idx, tok) == 1.0


def test_the_note_says_the_definition_is_not_given() -> None:
    two_part = use_asked("What is Vexa, and how was it used?", ["Vexa"])
    assert two_part is not None
    assert "don't say what Vexa is" in use_note(two_part, described=False)
    assert use_note(two_part, described=True) == ""
    use_only = use_asked("What is Vexa used for?", ["Vexa"])
    assert use_only is not None and use_note(use_only, described=False) == ""


# -- a name of several words --------------------------------------------------------------


def test_adjacent_names_spelt_together_are_one_name() -> None:
    idx, tok = token_index({
        "a": ["Orvanta Pay runs payroll for shops.", "We keep the ledger database small."],
        "b": ["Most teams pay by the month."],
    })
    q = "What did Orvanta Pay's ledger database gain?"
    assert whole_names(q, ["Orvanta", "Pay"], idx, tok) == ["Orvanta Pay"]
    # a possessive ends a name; a run no passage spells stays apart
    assert whole_names("Did Orvanta's Pay team grow?", ["Orvanta", "Pay"], idx, tok) == [
        "Orvanta", "Pay"]
    assert whole_names("Is Orvanta Ledger new?", ["Orvanta", "Ledger"], idx, tok) == [
        "Orvanta", "Ledger"]
    # a run of terms names no article's subject: it stays word by word
    idx2, tok2 = token_index({"a": ["We built a REST API for bookings."],
                         "b": ["The REST layer is thin.", "Our API has ten endpoints."]})
    assert whole_names("Which suits a REST API?", ["REST", "API"], idx2, tok2) == [
        "REST", "API"]
    # its passages: the whole spelt, or its article's lead naming its proper word
    n, cover = support("Orvanta Pay", possessed(q, "Orvanta Pay", tok), idx, tok)
    assert n == 2 and cover == 1.0


def test_a_possessed_thing_given_as_tokens_is_held_by_the_story() -> None:
    idx, tok = token_index({
        "a": ["Orvanta Pay runs payroll for shops.",
              "We ran 600 migrations against the ledger database."],
        "b": ["Most teams pay by the month."],
    })
    q = "What have migrations done for Orvanta Pay's ledger database?"
    owned = possessed(q, "Pay", tok)
    assert owned == tok.tokens("ledger database")  # stemmed once already
    assert owned_in_story(q, owned, idx, tok)
    assert not owned_in_story(q, tok.tokens("refund queue"), idx, tok)


# -- a byline name -----------------------------------------------------------------------


def test_the_referred_article_s_author_is_no_unknown_name() -> None:
    idx, _tok = token_index({"diary": ["We moved the waiting room."], "other": ["Hello."]},
                       metas={"diary": SimpleNamespace(author="Sofia Lindqvist",
                                                       publisher=""),
                              "other": SimpleNamespace(author="Tomasz Wilk", publisher="")})
    ref = SimpleNamespace(article_id="diary")
    retrieval = SimpleNamespace(article=ref, index=idx)
    assert of_referred_byline("Lindqvist", retrieval)
    assert of_referred_byline("Sofia Lindqvist", retrieval)
    # another article's author, an unknown name, or no referred article: still a name
    assert not of_referred_byline("Wilk", retrieval)
    assert not of_referred_byline("Karlsson", retrieval)
    assert not of_referred_byline("Lindqvist", SimpleNamespace(article=None, index=idx))


# -- the real model and store ------------------------------------------------------------------


@pytest.mark.integration
def test_the_use_half_is_answered_and_a_listed_tool_declined(field_versus: Any) -> None:
    """PM2 is used, never defined, by the benchmark post and the RecipeBox report (i45);
    TypeORM and Drizzle stand only in the FAQ's list of Node.js ORMs."""
    ans = field_versus.ask(
        "What is PM2, and how was it used in the benchmarks and the coursework?")
    assert not ans.abstained, ans.answer
    assert "don't say what PM2 is" in ans.answer
    assert "run with PM2 in cluster mode" in ans.answer
    ans = field_versus.ask("What is k6 used for?")
    assert not ans.abstained and "k6 with 100 virtual users" in ans.answer, ans.answer
    for q in ("What is TypeORM, and how did the teams in the articles use it?",
              "What is Drizzle used for in these projects?"):
        assert field_versus.ask(q).abstained, q


@pytest.fixture(scope="module")
def tuning_versus(field_dir: Path, real_embedder: Any,
                  tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The field store plus the three tuning10 articles (the Kestrel Pay interview, the
    Turnstile diary, the Routewise talk), ingested into a copy."""
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    data = tmp_path_factory.mktemp("decline20") / "data"
    shutil.copytree(field_dir, data)
    versus = build_assistant(Settings(data_dir=data), embedder=real_embedder)
    versus.ingest([Path(__file__).resolve().parent / "field" / "tuning10" / "articles"])
    return versus


@pytest.mark.integration
def test_a_company_of_two_words_and_a_diary_s_author_are_answered(tuning_versus: Any) -> None:
    ans = tuning_versus.ask("What has Django's migration tooling done for Kestrel Pay's "
                            "ledger database over four years?")
    assert not ans.abstained, ans.answer
    assert "600 migrations" in ans.answer
    ans = tuning_versus.ask("Which jobs were still open on Turnstile's to-do list when "
                            "Sofia Lindqvist wrapped up her diary?")
    assert not ans.abstained, ans.answer
    # asked of her something the diary does not say, or of a name nobody uses: declined
    for q in ("Which university did Sofia Lindqvist graduate from?",
              "What did Bluefin Payments change in its ledger schema?"):
        assert tuning_versus.ask(q).abstained, q


@pytest.mark.integration
def test_a_card_of_the_publisher_s_own_page_is_answered(field_versus: Any) -> None:
    """Review 16's g44: the PLANEKS page's card grid is one passage, far from the question
    in meaning (dense 0.21), but the referred page spells the name; a figure it does not
    give is still declined."""
    ans = field_versus.ask("What is Elaborate, the health product mentioned on the PLANEKS "
                           "page?")
    assert not ans.abstained and "Elaborate simplifies lab result management" in ans.answer
    assert field_versus.ask("What does Elaborate cost, according to the PLANEKS page?"
                            ).abstained
