"""Say first that the articles don't give the asked detail, then the closest they say.

Review 20's k35 ("What did the 90-day Express-to-Django rebuild cost Harbourlight in
contractor fees?") was answered with Harbourlight's hosting bill and an onboarding line:
the article gives hosting costs, never contractor fees, and the answer did not say so. A
reader can act on "The articles don't give the contractor fees; the closest they say:"
followed by the hosting bill, not on a collage that looks like an answer.

The coverage check (``asked_figure.figure_unsaid``) declines such a question outright only
when no shown sentence is close to it by words or by meaning; k35's hosting-bill sentence
is close in meaning (0.55), so it was answered. This module reads the answered question
again, after the composer, with two pieces of evidence that together say the detail is
missing rather than phrased in other words:

* no sentence of the articles in focus (every passage of the articles the answer cites,
  or that the question names by its lead's proper names) gives a value of the asked slot
  *of the asked thing*: a figure in the asked unit's kind (``measure_kind``), or a plain
  count, with at least ``asked_figure.WORD_SHARE`` of the asked thing's IDF weight near it
  or that sentence at least ``MEANING_SURE`` cosine from the question (a figure said in
  other words; the sentence matrix, no model call); and
* either at least ``MISSING_SHARE`` of the asked thing's own words (``_thing``: the counted
  phrase of "how many X", else the words right before a measure word, "contractor fees")
  are words those articles never use at all (a migration story that speaks of hosting
  bills, never of contractors, cannot give their fees), or no word of the asked thing
  stands beside any number of those articles and none of their numeric sentences comes
  within ``MEANING_NONE`` of the question (review 15's f35: payouts spoken of, never
  counted).

Only then does the answer open with one plain line naming what was asked in the question's
words; the answer itself is unchanged below it. Precision first: a false "not given" over
an answer that holds the detail is worse than none, so both pieces of evidence are needed,
the whole of each article in focus is read (not only the retrieved passages), and the line
is left off a comparison with a verdict, a follow-up and a "how long" question (a duration
is told of a step in the story's own words). Regular expressions, token sets and one
product over the articles' sentence rows: no model call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from assistant.answer_frame import ASKS_FOR_FACT
from assistant.article_subject import named_articles
from assistant.asked_figure import (
    _COMPARATIVE,
    _COST_TO,
    _COUNTED,
    _FRAME,
    _HOW_LONG,
    WORD_SHARE,
    _free_number,
    _numeric_sentences,
    _share,
    asked_parts,
    asks,
    described,
    figure_asked,
    near_number,
)
from assistant.corpus_index import idf
from assistant.measure_kind import KINDS, kind_said, word_kind
from assistant.question_names import GENERIC

#: A numeric sentence this close in meaning to the question gives the asked figure in
#: words of its own. Above ``asked_figure.MEANING_FLOOR`` (0.5, the decline's floor): the
#: line needs more to stay silent than the decline needs to answer, and the covered
#: figures that need meaning sit at 0.62 and above (``asked_figure``).
MEANING_SURE = 0.6
#: With no word of the asked thing beside any number of the articles in focus, a numeric
#: sentence this far in meaning from the question is about something else.
MEANING_NONE = 0.55
#: Share of the asked thing's own words' IDF weight (``_thing``) that must be in words no
#: passage of the articles in focus uses: the article does not speak of the thing at all.
MISSING_SHARE = 0.5
#: At most this many articles in focus: an answer quoting many articles is a survey, and
#: "the articles don't give" would speak for a library the answer only sampled.
MAX_FOCUS = 2


def _focus(question: str, idx: Any, tok: Any, cited: Iterable[str]) -> frozenset[str]:
    """The articles the answer is about: those the question names by a proper name of
    their lead, else those the answer cites."""
    return named_articles(question, idx, tok) or frozenset(cited)


#: The line itself, as the answer shows it: the evaluation's filler count skips it (it ends
#: in "the closest they say:" like a signpost, but it is the answer's first fact).
NOT_GIVEN_LINE = re.compile(r"^The articles don't give .+; the closest they say:$")

#: A counted thing described by a clause after it ("how many complaints about seats being
#: sold twice"): the clause, not the head noun, says what is counted, and an article counts
#: it in words of its own ("double-booking tickets fell from about 30 a month to 2"; the
#: field set's fa-q12 got a false line from the head noun alone). Precision first: no line.
_QUALIFIED = re.compile(r"\bhow\s+many\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+"
                        r"(?:about|over|regarding|concerning|involving|related\s+to)\s+\w", re.I)

#: A word that only frames or times the measure ("much", "monthly", "each"), not the thing.
_NOT_THING = re.compile(r"^(?:how|many|much|what|which|the|a|an|its|their|our|his|her|in|on|"
                        r"of|for|to|by|per|each|every|total|[a-z]+ly)$", re.I)


def _thing(question: str, tok: Any, skip: set[str]) -> tuple[tuple[str, ...], str]:
    """The asked thing's own tokens and its wording: the counted phrase of "how many X"
    ("paying customers": "the number of paying customers"), else up to two words right
    before a measure word ("contractor fees", "cloud hosting bill"). Words that say which
    story or article ("the 2025 framework benchmark's test server") are no part of it: a
    question describes an article in words of its own, and those words missing from the
    article say nothing about the figure."""
    counted = _COUNTED.search(question)
    if counted and counted.group(1):
        phrase = counted.group(1).strip()
        own = [t for w in phrase.split() if not word_kind(w) for t in tok.tokens(w)
               if t not in skip]
        return tuple(dict.fromkeys(own)), f"the number of {phrase}"
    words = list(re.finditer(r"[\w'’-]+", question))
    for k, m in enumerate(words):
        if k < 1 or not word_kind(m.group()) or _FRAME.fullmatch(m.group()):
            continue  # "did the rebuild cost them": a verb of the frame, no measure named
        before: list[re.Match[str]] = []
        for j in (k - 1, k - 2):
            w = words[j].group() if j >= 0 else ""
            if not w or _NOT_THING.match(w) or word_kind(w) or not tok.tokens(w) \
                    or w[:1].isupper():
                break
            before.insert(0, words[j])
        own = [t for b in before for t in tok.tokens(b.group()) if t not in skip]
        if own:
            return tuple(dict.fromkeys(own)), f"the {question[before[0].start():m.end()]}"
    return (), ""


def _memo(idx: Any) -> dict[Any, Any]:
    """The index's per-corpus-version memo (a fresh dict for an index without one)."""
    memo = getattr(idx, "memo", None)
    return memo if isinstance(memo, dict) else {}


def _positions(idx: Any, article_id: str) -> list[int]:
    """The chunk positions of one article (memoised per corpus version)."""
    memo = _memo(idx)
    key = ("not_given.positions", article_id)
    if key not in memo:
        memo[key] = [i for i, c in enumerate(idx.chunks) if c.article_id == article_id]
    return list(memo[key])


def _vocabulary(idx: Any, article_id: str) -> frozenset[str]:
    """Every token one article's passages use (memoised per corpus version)."""
    memo = _memo(idx)
    key = ("not_given.vocabulary", article_id)
    if key not in memo:
        chunk_tokens = getattr(idx, "chunk_tokens", None) or []
        memo[key] = frozenset().union(*(chunk_tokens[i] for i in _positions(idx, article_id)
                                         if i < len(chunk_tokens)))
    return frozenset(memo[key])


def _numeric(idx: Any, article_id: str, kind: str | None, counted: bool
             ) -> list[tuple[int, str, int, bool, str]]:
    """``asked_figure``'s numeric sentences of one whole article that can give the asked
    reading: a figure in a unit of ``kind`` ("How much RAM ...": only memory answers it),
    and for a plain count (``counted``) a sentence with a number not in a unit. Memoised:
    the same article's sentences are read on every question about it."""
    memo = _memo(idx)
    key = ("not_given.numeric", article_id, kind, counted)
    if key not in memo:
        numeric = _numeric_sentences(idx, _positions(idx, article_id))
        if kind:
            numeric = [n for n in numeric if kind_said(kind, f"{n[4]}\n{n[1]}", heads=True)]
        if counted:  # a sentence whose every number is in a unit counts nothing
            numeric = [n for n in numeric if n[3] or _free_number(n[1])]
        memo[key] = numeric
    return list(memo[key])


def _near(idx: Any, tok: Any, text: str, table: bool, counted: bool,
          measure: frozenset[str], context: str) -> set[str]:
    """The tokens said of a sentence's figures: beside a number, in what names its
    measure, and the asked kind's own words (memoised per sentence and reading)."""
    memo = _memo(idx)
    key = ("not_given.near", text, table, counted, measure, context)
    if key not in memo:
        memo[key] = frozenset(near_number(text, tok, table, counted, measure)
                              | set(tok.tokens(context)) | measure)
    return set(memo[key])


def not_given(question: str, retrieval: Any, cited: Sequence[str], tok: Any,
              ignore: Iterable[str], signals: dict[str, Any] | None = None) -> str | None:
    """The opening line when the articles in focus don't give the amount or count
    ``question`` asks (see the module docstring), else None."""
    if not figure_asked(question) or _HOW_LONG.search(question) \
            or any(p.search(question) for p in ASKS_FOR_FACT.values()):
        return None
    if _QUALIFIED.search(question):
        return None
    if not all(figure_asked(p) for p in asks(question)):
        # "How large is the codebase, and how many engineers maintain it?": the answer
        # serves the other ask too, and "Three of us work on the backend" counts engineers
        # in no unit of people; precision first, no line (as ``figure_unsaid``)
        return None
    idx = retrieval.index
    focus = _focus(question, idx, tok, cited)
    if not focus or len(focus) > MAX_FOCUS:
        return None
    skip = set(ignore)
    thing, wording = _thing(question, tok, skip)
    asked, kind = asked_parts(question, tok, skip)
    measure = KINDS[kind][0] if kind else frozenset()
    # a unit or the kind's own words ("RAM", "memory") are said by the figure's unit
    asked = tuple(t for t in asked if t not in measure and not word_kind(t))
    if not asked:
        return None
    said_anywhere = set().union(*(_vocabulary(idx, aid) for aid in focus))
    weight = {t: idf(idx, t) for t in asked}
    total = sum(weight.values()) or 1.0
    missing = {t for t in thing if t not in said_anywhere}
    gone = sum(idf(idx, t) for t in missing) / (sum(idf(idx, t) for t in thing) or 1.0) \
        if thing else 0.0
    counted = kind is None and not _COMPARATIVE.search(question) \
        and not _COST_TO.search(question)
    numeric = [n for aid in sorted(focus) for n in _numeric(idx, aid, kind, counted)]
    share = max((_share(weight, total, _near(idx, tok, text, table, counted, measure, context))
                 for _i, text, _r, table, context in numeric), default=0.0)
    meaning = -1.0
    rows = [r for _i, _t, r, _table, _c in numeric if r >= 0]
    if rows and retrieval.vector and idx.sentence_matrix is not None:
        import numpy as np

        sims = idx.sentence_matrix[np.asarray(rows)] @ np.asarray(retrieval.vector,
                                                                  dtype=np.float32)
        meaning = float(sims.max())
    if signals is not None:
        signals["not_given"] = {"asked": list(asked), "kind": kind, "share": round(share, 3),
                                "meaning": round(meaning, 3), "missing": sorted(missing),
                                "gone": round(gone, 3), "focus": sorted(focus)}
    if share >= WORD_SHARE or meaning >= MEANING_SURE:
        return None
    if counted and any(described(question, asked, tok, skip, text)
                       for _i, text, _r, _table, _c in numeric):
        return None  # the count's things told past the number, as ``figure_unsaid`` reads
    if not (thing and gone >= MISSING_SHARE) and not (share == 0 and meaning < MEANING_NONE):
        return None
    return f"The articles don't give {wording or 'that figure'}; the closest they say:"


def with_not_given(question: str, retrieval: Any, comp: Any, config: Any = None,
                   follow_up: bool = False) -> Any:
    """``comp`` with the "not given" line first when ``not_given`` finds the asked detail
    missing; unchanged for a declined answer, a comparison with a verdict and a follow-up
    kept with its earlier question (whose words are no part of what the new ask measures)."""
    if comp.abstained or comp.verdict or follow_up or not comp.citations:
        return comp
    if config is None:
        from knowledge.subjects_config import default_subjects

        config = default_subjects()
    tok = retrieval.index.tokenizer or config.tokenizer
    cited = [c.article_id for c in comp.citations]
    line = not_given(question, retrieval, cited, tok, [*config.subject_tokens, *GENERIC])
    if line:
        comp.pieces.insert(0, line + "\n\n")
    return comp
