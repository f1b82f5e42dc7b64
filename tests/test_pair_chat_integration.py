"""Another pair for real: the Flask-vs-Express corpus drives chat, not only the matrix.

Real model, real Chroma. Everything subject-specific must come from the pair's subjects file
(``FLASK_EXPRESS_TOML``): a question, a follow-up that leans on it, and a question the
articles do not cover. A failure here that names Django or Node.js means chat code still
holds a literal of the bundled pair: the subjects object ``build_assistant`` loads from the
settings' subjects file reaches the rewrite, the retriever, the abstention check and the
messages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from assistant.service import build_assistant
from knowledge.settings import Settings
from tests.test_compare import FLASK_EXPRESS_ARTICLES, FLASK_EXPRESS_TOML

pytestmark = pytest.mark.integration

BUNDLED_PAIR = re.compile(r"\b(?:django|node\.?js|node)\b", re.IGNORECASE)
#: A side label of a composed comparison ("Express: ...", "Compared directly: ...").
SIDE_LABEL = re.compile(r"(?:^|\n\n|; )([A-Z][\w.]*(?: [a-z]+)*): ")


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> Any:
    root = tmp_path_factory.mktemp("pair")
    toml = root / "flask-vs-express.toml"
    toml.write_text(FLASK_EXPRESS_TOML, encoding="utf-8")
    articles = root / "articles"
    articles.mkdir()
    for aid, body in FLASK_EXPRESS_ARTICLES.items():
        (articles / f"{aid}.txt").write_text(body, encoding="utf-8")
    versus = build_assistant(
        Settings(data_dir=root / "data", subjects_file=toml, llm="none"),
        embedder=real_embedder,
    )
    report = versus.ingest([Path(articles)])
    assert sorted(report.added) == sorted(FLASK_EXPRESS_ARTICLES)
    return versus


def _cited(answer: Any) -> set[str]:
    return {c.article_id for c in answer.citations}


def test_a_question_is_answered_from_the_pair_articles(pair: Any) -> None:
    answer = pair.ask("Which is easier to learn, Flask or Express?")
    assert not answer.abstained, answer.answer
    assert _cited(answer) <= set(FLASK_EXPRESS_ARTICLES) and answer.citations
    assert "Flask" in answer.answer
    assert not BUNDLED_PAIR.search(answer.answer), answer.answer
    # A comparison: its sides are the pair's subjects, each group quoting the pair's passages.
    labels = set(SIDE_LABEL.findall(answer.answer))
    assert labels & {"Flask", "Express"}, answer.answer
    assert labels <= {"Flask", "Express", "Compared directly"}, answer.answer


def test_a_follow_up_takes_the_subjects_from_the_pair(pair: Any) -> None:
    first = "How fast is Flask?"
    answer = pair.ask("And what about Express?", [first])
    assert "Express" in answer.standalone_question, answer.standalone_question
    assert re.search(r"fast|perform|speed", answer.standalone_question, re.I), (
        answer.standalone_question
    )
    assert not BUNDLED_PAIR.search(answer.standalone_question), answer.standalone_question
    assert not answer.abstained, answer.answer
    assert answer.citations and _cited(answer) <= set(FLASK_EXPRESS_ARTICLES)


def test_an_out_of_scope_question_abstains_in_the_pair_words(pair: Any) -> None:
    answer = pair.ask("How do I tune garbage collection in the Java virtual machine?")
    assert answer.abstained, answer.answer
    assert not answer.citations
    assert not BUNDLED_PAIR.search(answer.answer), answer.answer
