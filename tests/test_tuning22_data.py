"""The tuning22 answer-recall set is usable as written (issue 9, branch recall22).

Expected values come from the question file and the articles written before any rule
change (``tests/field/tuning22/``), never from the code under test: every evidence quote
must survive cleaning verbatim, or a miss would be the data's fault, not the answer's; and
the tune / heldback split is the one fixed before any answer was read (odd ids tune).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.chunk import parse_article
from ingest.formats import to_document
from knowledge.models import ArticleMeta
from tests.field_corpus import FIELD, read_jsonl

TUNING22 = FIELD / "tuning22"
QUESTIONS = read_jsonl(TUNING22 / "questions.jsonl")
#: Quotes a reader of the thread page sees that the cleaner drops (found when the set was
#: first ingested, 2026-12-02): comment rebuttals (comment widgets are furniture by design,
#: ``ingest.threads``) and the asker's update, which sits outside every post body. Kept in
#: the set: they are losses of the answer path on this page shape, counted as "not retrieved".
DROPPED_BY_CLEANING = frozenset({"fg-q17", "fg-q31"})


@lru_cache(maxsize=1)
def texts() -> dict[str, str]:
    out = {}
    for path in sorted((TUNING22 / "articles").iterdir()):
        doc = to_document(path.read_bytes(), path.suffix)
        meta = ArticleMeta(article_id=path.stem, title=doc.title or path.stem,
                           author=doc.author, date=doc.date)
        article, _ = parse_article(doc.text, meta, headings=doc.headings)
        out[path.stem] = " ".join(article.text.split())
    return out


def test_every_evidence_quote_survives_cleaning() -> None:
    quotes = [e for q in QUESTIONS if q["id"] not in DROPPED_BY_CLEANING
              for e in q.get("evidence", [])]  # type: ignore[attr-defined]
    assert len(quotes) >= 45
    missing = [e["quote"] for e in quotes
               if " ".join(e["quote"].split()) not in texts()[e["article_id"]]]
    assert missing == []


def test_split_is_the_one_fixed_before_answers_were_read() -> None:
    for q in QUESTIONS:
        number = int(re.sub(r"\D", "", str(q["id"])))
        assert q["split"] == ("tune" if number % 2 else "heldback"), q["id"]
    answerable = [q for q in QUESTIONS if q["answerable"]]
    assert len(QUESTIONS) == 42 and len(answerable) == 34
    assert {q["split"] for q in answerable} == {"tune", "heldback"}


def test_every_article_has_questions_and_the_code_stays_out() -> None:
    asked = {e["article_id"] for q in QUESTIONS for e in q.get("evidence", [])}  # type: ignore[attr-defined]
    assert asked == set(texts())
    tutorial = texts()["link-shortener-tutorial-django-express"]
    assert "pip install" not in tutorial and "models.CharField" not in tutorial
