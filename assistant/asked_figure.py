"""Is the figure a question asks given of the thing it asks about?

"How many weekly npm downloads does Express get?", "How much did Harbourlight spend on
outside contractors during its rewrite?", "What did a ticket cost for the cup final?": a
question asking a quantity of a covered entity about a covered topic. Every coverage
signal says yes (the entity's passages are close in meaning, and they hold numbers), so
the answer was a collage of the entity's other figures: npm's package count, a monthly
hosting bill, a connection count.

A figure answers such a question only when it is a figure *of the asked thing*. Here one
sentence of a shown passage (the retrieval's passages; a table row reads as one sentence;
every passage of an article the question names by its company) must hold a number, in
digits or in words, and either

* by words: at least ``WORD_SHARE`` of the IDF weight of the asked thing's tokens (the
  counted noun of "how many X", else the question's topic: its content words without the
  measure's frame, a scene clause or closing place phrase, a second ask, the subjects or
  the proper names that only say whose figure it is) within ``WINDOW`` words of a number
  or in what names the sentence's measure (its heading, a table row's headers, a short
  figure-less sentence before it), so the rare word that singles the thing out
  ("downloads", "contractors") counts more than one every passage shares; or
* by meaning: its pooled vector (the index's sentence matrix, one product over the shown
  passages' rows, no model call) within ``MEANING_FLOOR`` cosine of the question.

Measures said in their units (oos16b, ``measure_kind``): a question asking a kind of
measure ("How much RAM", "How many days", "What does X charge", "How many engineers", "by
how much did X fall") is answered only by a figure in a unit of that kind ("around 180
MB", a "Memory (MB)" column, "seven weeks", "$310", "a team of 14", "80 percent"), and
the kind's words count as said there; a plain count ("How many payouts") ignores numbers
written in a unit ("eight-second responses") or used as a pronoun ("one of our ..."). A
"how long" question is not declined: a duration is told of a step in the story's own
words ("a shortlist in about four weeks" under a heading on hiring that the chunk lost to
its run-in speaker), and the words rarely meet.

A question asking a version, a date or a price by its kind is read by
``answer_frame.FACT_KINDS`` already; this reads the rest of the quantity questions.
Called by ``abstain.assess`` through ``asked_unsaid`` after the detail check; a quoted
phrase vouches for the question, a passage holding the frame and topic does not (that is
the collage this check is for). oos16 first left it unwired: without units it declined
covered figures said in other words (sp14-h13 "RAM" against "Memory (MB)", ps-t05's
hiring time, review 14's e26 and e27); sp14-t23, also declined, is labelled out of scope.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from assistant.answer_frame import ASKS_FOR_FACT
from assistant.corpus_index import idf
from assistant.figure_owner import owner_articles
from assistant.measure_kind import (
    KINDS,
    NUMBER_WORDS,
    SHARE,
    asked_kind,
    bound_numbers,
    figure_kinds,
    kind_said,
    unit_after,
    word_kind,
)
from knowledge.text.tokens import passage_context

#: A share of a whole asked by its frame: "What percentage of backend developers ...?",
#: "What share of its revenue ...?", "How big a fraction of ...?" (review 22's m35 was
#: no quantity question at all, so the check never ran); a share's figure is a percentage
#: or a fraction (``measure_kind.SHARE``).
_SHARE_ASKED = re.compile(
    r"\bwhat\s+(?:percentage|percent|proportion|share|fraction|portion)\s+of\b"
    r"|\bhow\s+(?:big|large|small)\s+an?\s+(?:percentage|proportion|share|fraction|portion)"
    r"\s+of\b", re.I)
#: "What number of X": a count of X, read as "how many X".
_NUMBER_OF_ASKED = re.compile(r"\bwhat\s+number\s+of\b", re.I)
#: A quantity asked: "how many / how much / how long", "what did ... cost", a share.
FIGURE_ASKED = re.compile(
    r"\bhow\s+(?:many|much|long)\b"
    r"|\bwhat\s+(?:did|does|do|would|will|could)\b[^?]*\b(?:cost|costs|charge|charged)\b"
    rf"|{_SHARE_ASKED.pattern}|{_NUMBER_OF_ASKED.pattern}", re.I)
#: The words that say a quantity is asked (its frame, no topic): the question words, the
#: measure's verbs ("cost", "spend", "take", "use", "eat", "how much time goes on"), time
#: words that only say when ("now", "to begin with"), and a possessive's "s" ("Kestrel
#: Pay's" leaves "s" to the tokenizer).
_FRAME = re.compile(
    r"\b(?:each|every|per|a|an|one)\s+(?:second|minute|hour|day|week|sprint|month|quarter|"
    r"year)\b|"  # a rate's period ("each month") says how it is counted, not what
    r"\b(?:how|many|much|long|what|did|does|do|cost|costs|charge|charged|spend|spent|pay|"
    r"paid|take|took|taken|get|got|go|goes|went|gone|need|needed|total|roughly|approximately|"
    r"about|around|to\s+(?:begin|start)\s+with|at\s+first|initially|"
    r"currently|today|now|still|use|uses|used|eat|eats|consume|consumes|require|requires|"
    r"['’]s)\b", re.I)
#: "How many X ...": the counted phrase, up to the verb or preposition that ends it (the
#: plural that "how many" counts ends it too: "packages" of "how many packages sit in").
_STOP = (r"(?!(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|of|"
         r"on|in|for|to|at|a|an|the)\b)")
_COUNTED = re.compile(r"\bhow\s+many\s+((?:" + _STOP + r"[\w'’.-]+\s+){0,2}?" + _STOP
                      + r"[\w'’.-]+s)\b|\bhow\s+(?:many|much)\s+((?:" + _STOP
                      + r"[\w'’.-]+\s*){1,3})", re.I)
#: "How long ...": a duration is told of a step in the story's own words ("a shortlist in
#: about four weeks" under a heading on hiring), too few shared words to decline on.
_HOW_LONG = re.compile(r"\bhow\s+long\b", re.I)
#: A number in a sentence: digits, or a number in words ("nine banks", "twice as many").
NUMBER = re.compile(rf"\d|\b(?:{NUMBER_WORDS})\b", re.I)
#: Share of the asked thing's IDF weight one numeric sentence must hold.
WORD_SHARE = 0.5
#: The share a question asking a share of a whole needs (any asked word beside a
#: percentage or a fraction, ``measure_kind.SHARE``): share questions were never checked
#: before oosfig25, and their whole is often named in the asker's own words.
SHARE_WORDS = 1e-6
#: Words either side of a number that it may count ("46 endpoints", "about 1,800 small
#: online shops", "tickets fell from about 30").
WINDOW = 5
#: A sentence of at most this many words and no figure, just before a figure, names
#: the measure it gives ("Memory is the other cost."); a longer one tells a story of its own.
LEAD_WORDS = 8
#: A numeric sentence this close in meaning to the question gives the figure in its words.
#: 0.5: at 0.55 (tried with units read by words, ``measure_kind``) the field set lost two
#: covered figures said in other words (fa-q12 at 0.519, fb-q01 at 0.522), while the
#: covered labels that still need meaning sit at 0.62 and above; a count of other things
#: can reach 0.50-0.54 (fig16-u01's booking counter), so a few of those stay answered.
MEANING_FLOOR = 0.5


#: A reporting verb: "What does the write-up say about hosting cost?" asks what a text
#: says of a cost, not a figure.
_REPORTED = re.compile(r"\b(?:say|says|said|write|writes|wrote|think|thinks|tell|tells|"
                       r"mention|mentions|claim|claims|argue|argues|note|notes)\b", re.I)


def figure_asked(question: str) -> bool:
    """Whether ``question`` asks a quantity ("how many", "how much", "how long", "what
    did it cost"; not "what does the post say about hosting cost")."""
    m = FIGURE_ASKED.search(question)
    if not m:
        return False
    return m.group().lower().startswith("how") or not _REPORTED.search(question)


def _names(question: str) -> set[str]:
    """Capitalised words after the first: whose figure it is ("Harbourlight", "Kestrel
    Pay"), not what is measured; a unit or measure written in capitals ("RAM", "MB") is
    what is measured."""
    out = set()
    for i, m in enumerate(re.finditer(r"[\w'’.-]+", question)):
        w = m.group().rstrip(".")
        if i and w[:1].isupper() and not word_kind(w):
            out.add(re.sub(r"['’]s$", "", w))
    return out


#: A leading clause before a comma sets the scene ("When Turnstile replayed its biggest
#: sale against staging, by how much ...", "In the interview with the CTO, how long
#: ..."): which story or when, not the thing measured (its names still say whose).
_SCENE = re.compile(r"^\s*(?:when|after|before|once|while|during|in|at|on|since|from)\b"
                    r"[^,?]*,\s*(?=[^?]*\b(?:how|what)\b)", re.I)
#: A closing place phrase says where the figure was given ("... in the 2025 benchmark
#: run", "... at the cup final"), not what it measures.
_PLACE = re.compile(r"\s+(?:in|at|during)\s+the\s[^?,]*(?=\?*\s*$)", re.I)
#: A second ask joined by "and" ("by how much did traffic fall, and where did CPU top
#: out?"): the figure asked first is the one read here.
_SECOND = re.compile(r",?\s+and\s+(?:how|what|where|which|who|when|why)\b[^?]*", re.I)
#: "How much sooner / faster / cheaper / more ...": a difference of two figures, told in
#: their unit ("0.8 seconds, down from about 3"), not a count of the comparative; the
#: comparative is the last word of "how much" before a verb, "than" or the end (a word in
#: -er there is an adjective: "how much power does ..." reads as one too, which only
#: loosens the check).
_COMPARATIVE = re.compile(
    r"\bhow\s+much\s+(?:more|less|fewer|[a-z]+er)\b(?=\s*(?:\?|$|than\b|(?:did|does|do|is|"
    r"are|was|were|has|have|had|can|could|will|would|should)\b))", re.I)
#: "What did <it> cost the booking team / us?": a cost with someone who paid it is a price in
#: anything, weeks as well as money ("almost three weeks untangling ..."); "What did a
#: ticket cost for the final?" asks a price. The payer may be a possessive phrase and the
#: cost a rate ("cost the payments interviewee's team each sprint?", review 23's n25: read as
#: a money question, so only figures in money were read; it is still declined, as its
#: words, "ongoing npm maintenance", are not the article's, "package upgrades").
_COST_TO = re.compile(r"\bcost\s+(?:us|them|him|her|me|you|our|their|its|the\s+[\w'’-]+"
                      r"(?:\s+[\w'’-]+){0,2})(?:\s+(?:each|every|per|a|an)\s+(?:week|sprint|"
                      r"month|quarter|year))?\s*\?", re.I)
#: "How many of the client agency's 37 production backends were written in Go?": a part
#: of a counted whole; the whole's noun phrase after its owner ("the client agency's",
#: whose backends) is what is counted, the rest of the question which part.
_PARTITIVE = re.compile(
    r"\bhow\s+many\s+of\s+(?:the|its|their|our|his|her|these|those|your)\s+"
    r"(?:[^?,]*?['’]s\s+)?((?:[\w'’.,-]+\s+){0,3}?[\w'’.-]+s)\b", re.I)
#: "How many days of downtime": the thing a unit counts follows it after "of".
_OF_THING = re.compile(r"\s+of\s+((?:" + _STOP + r"[\w'’.-]+\s*){1,3})", re.I)


def _rest(question: str) -> str:
    """``question`` without its frame, scene, place, second ask and a cost's payer (who paid
    a cost is no part of what it was): the words of what it measures."""
    return _FRAME.sub(" ", _PLACE.sub("", _SECOND.sub("", _SCENE.sub("", _COST_TO.sub(
        "?", _SHARE_ASKED.sub(" ", question))))))


def described(ask: str, counted: Sequence[str], tok: Any, ignore: Iterable[str],
              text: str) -> bool:
    """Whether sentence ``text`` names the things a plain count counts (every ``counted``
    token) and says ``WORD_SHARE`` of the words (unweighted) the question describes them by
    (the rest of its topic: "how many customers were sold an already-taken seat?" against
    "Around 30 support tickets a month came from customers who had been sold the same
    seat"): the number counts them in the story's words, though the counted noun sits
    past ``WINDOW``. A sentence naming the counted noun in passing ("paying customers use
    the booking API") lacks the description and still answers nothing."""
    words = set(tok.tokens(text))
    skip = set(ignore) | set(counted) | {t for n in _names(ask) for t in tok.tokens(n)}
    clause = [t for t in dict.fromkeys(tok.tokens(_rest(ask))) if t not in skip]
    if not counted or not clause or not set(counted) <= words:
        return False
    return sum(t in words for t in clause) / len(clause) >= WORD_SHARE


def asked_parts(question: str, tok: Any, ignore: Iterable[str]
                ) -> tuple[tuple[str, ...], str | None]:
    """The stemmed tokens of what a quantity question measures and the kind of measure
    asked (``measure_kind.asked_kind``): the counted phrase of "how many X" when it has a
    content word ("days of downtime": a unit with the thing it counts), else the
    question's words without the scene, the frame, the proper names and ``ignore`` (the
    subjects' tokens, generic words)."""
    question = _NUMBER_OF_ASKED.sub("how many", question)
    skip = set(ignore) | {t for n in _names(question) for t in tok.tokens(n)}
    rest = _rest(question)
    if _SHARE_ASKED.search(question):  # "what share of X": X's words, a share's figures
        return tuple(dict.fromkeys(t for t in tok.tokens(rest) if t not in skip)), SHARE
    counted = None if _COMPARATIVE.search(question) else (
        _PARTITIVE.search(question) or _COUNTED.search(question))
    if counted:
        phrase = counted.group(1) or counted.group(2)
        # "How many ferry passengers were charged twice?" counts passengers: a money verb
        # names the kind only when no plural thing is counted (tuning22's fg-q19)
        kind = asked_kind("" if counted.group(1) else question, phrase, None)
        of = _OF_THING.match(question, counted.end())
        if all(word_kind(w) for w in _FRAME.sub(" ", phrase).split()):
            # a unit alone ("How much RAM does X need in Y?") counts its "of" thing, else
            # the question's topic
            phrase = f"{phrase} {of.group(1) if of else rest}"
        counted_own = [t for t in tok.tokens(_FRAME.sub(" ", phrase)) if t not in skip]
        if counted_own:
            return tuple(dict.fromkeys(counted_own)), kind
    own = tuple(dict.fromkeys(t for t in tok.tokens(rest) if t not in skip))
    if _HOW_LONG.search(question) or _COMPARATIVE.search(question) or _COST_TO.search(question):
        return own, None  # a comparative's measure is the comparative, not a topic word
    return own, asked_kind(question, "", rest)


def asked_tokens(question: str, tok: Any, ignore: Iterable[str]) -> tuple[str, ...]:
    """The stemmed tokens of what a quantity question measures (``asked_parts``)."""
    return asked_parts(question, tok, ignore)[0]


def _has_figure(text: str) -> bool:
    """Whether ``text`` holds a number: digits, a number word, or "a"/"an" before a unit
    ("about a day on package upgrades", "an hour a week")."""
    return bool(NUMBER.search(text)) or bool(figure_kinds(text))


def _figure_at(ws: list[str], k: int) -> bool:
    """Whether word ``k`` of ``ws`` is a number: as ``NUMBER``, or "a"/"an" before a unit."""
    return bool(NUMBER.search(ws[k])) or (
        bool(re.fullmatch(r"(?i)an?", ws[k])) and unit_after(ws, k) is not None)


def _numeric_sentences(idx: Any, positions: Sequence[int]
                       ) -> list[tuple[int, str, int, bool, str]]:
    """``(position, text, matrix row or -1, is a table row, context)`` of every sentence
    holding a number; a table row is one sentence. The context is what names the measure
    a figure gives without saying it beside the number: the passage's heading ("Is it
    harder to hire for one stack than the other?" over "a shortlist in about four weeks"),
    a table row's label and column headers ("Memory (MB)"), and a short sentence without
    a figure just before ("Memory is the other cost.")."""
    out: list[tuple[int, str, int, bool, str]] = []
    for i in positions:
        chunk = idx.chunks[i]
        rows = idx.sentence_rows.get(chunk.chunk_id) or []
        prefix, suffix = passage_context(chunk)
        if getattr(chunk, "row", None) is not None or not rows:
            if _has_figure(chunk.text):
                out.append((i, chunk.text, rows[0][2] if rows else -1, True,
                            prefix + suffix))
            continue
        lead = ""
        for start, end, row in rows:
            text = chunk.text[start - chunk.start : end - chunk.start]
            if _has_figure(text):
                out.append((i, text, row, "|" in text, f"{prefix}{lead}{suffix}"))
                lead = ""
            else:  # "Memory is the other cost. Each worker uses around 180 MB."
                lead = text if len(text.split()) <= LEAD_WORDS else ""
    return out


def near_number(text: str, tok: Any, table: bool, counted: bool = False,
                anchors: frozenset[str] = frozenset()) -> set[str]:
    """The stemmed tokens of ``text`` within ``WINDOW`` words of a number in it ("about
    30 support tickets a month came from customers": "tickets" is counted, "customers"
    is not); a table row's label and cells are all near its figures. ``counted`` (a
    plain "how many X"): a number written in a unit ("eight-second responses", "180 MB")
    or a pronoun ("one of our payout providers") counts no thing beside it. ``anchors``
    (the asked kind's words) hold a figure's place too: "Database queries during the sale
    fell by roughly 80 percent" says what fell beside "fell"."""
    if table:
        return set(tok.tokens(text))
    ws = re.findall(r"[^\s]+", text)
    bound = bound_numbers(text) if counted else set()
    # "a day" is a figure of a measure, never a count of the thing beside it
    at = [k for k, w in enumerate(ws)
          if (NUMBER.search(w) if counted else _figure_at(ws, k)) and k not in bound]
    if at and anchors:
        at += [k for k, w in enumerate(ws) if set(tok.tokens(w)) & anchors]
    return {t for k, w in enumerate(ws) if any(abs(k - n) <= WINDOW for n in at)
            for t in tok.tokens(w)}


def _free_number(text: str) -> bool:
    """Whether ``text`` holds a number not written in a unit nor used as a pronoun (a
    count: "46 endpoints", not "eight-second responses", "one of our providers")."""
    bound = bound_numbers(text)
    return any(NUMBER.search(w) and k not in bound
               for k, w in enumerate(re.findall(r"[^\s]+", text)))


def _share(weight: dict[str, float], total: float, said: set[str]) -> float:
    """The share of the asked thing's IDF weight a sentence holds."""
    return sum(w for t, w in weight.items() if t in said) / total


def whose(question: str, idx: Any, tok: Any, positions: Sequence[int],
          ignore: Iterable[str] = ()) -> list[int]:
    """The passages to read: when ``question`` names articles by their lead's proper
    names ("How many paying customers use Harbourlight's booking API?"), their publisher
    or their author ("How many Django developers does PLANEKS employ?",
    ``figure_owner.owner_articles``), every passage of those articles, shown or not (a
    count of paying customers in another article's story is another company's, and the
    retrieval may have shown the named story's other passages); else ``positions``.
    ``ignore``: tokens that name no article (the subjects')."""
    named = owner_articles(question, idx, tok, ignore)
    if not named:
        return list(positions)
    return [i for i, c in enumerate(idx.chunks) if c.article_id in named]


#: Where a question's next ask begins: ", and by how many dollars?", " and what was done
#: about it?", ", and how many engineers maintain its backend?" (a wh-word or an auxiliary
#: after "and", with an optional preposition of the figure's frame).
_NEXT_ASK = re.compile(
    r",?\s+and\s+(?=(?:by\s+|in\s+|for\s+|to\s+|at\s+)?(?:how|what|where|which|who|whose|"
    r"when|why|did|does|do|is|are|was|were|has|have|had)\b)", re.I)


def asks(question: str) -> list[str]:
    """The asks of ``question``, split where "and" opens a new wh- or yes/no question
    ("How large is Turnstile's codebase, and how many engineers maintain its backend?"
    asks two things); one ask when there is no such "and"."""
    return [p for p in _NEXT_ASK.split(question) if p.strip()] or [question]


def figure_unsaid(question: str, retrieval: Any, tok: Any, ignore: Iterable[str],
                  signals: dict[str, Any] | None = None) -> bool:
    """Whether ``question`` asks only quantities (``figure_asked``) and no shown sentence
    gives one of them of the asked thing, by words or by meaning (measurements in
    ``signals["figure"]``).

    A question of several asks (``asks``) is declined only when every ask is a quantity
    and none is given: "Which stack is slowest to a first MVP, and by how many weeks?",
    "Did hosting get cheaper or dearer, and by how many dollars?", "How large is the
    codebase, and how many engineers maintain it?" (review 22's m07, m12, m27) each ask
    something the figure check cannot judge, and a figure asked beside it is said in the
    words of the other ask ("Time to first MVP" row: "Slow, often 9 weeks or more"), so
    the whole question's words read as the figure's topic declined them. The other
    coverage checks still judge the question as a whole."""
    parts = asks(question)
    if len(parts) == 1:
        return _ask_unsaid(question, question, retrieval, tok, ignore, signals)
    if not all(figure_asked(p) for p in parts):
        if signals is not None:
            signals["figure"] = {"asks": len(parts), "figure_asks": sum(
                figure_asked(p) for p in parts)}
        return False
    return all(_ask_unsaid(p, question, retrieval, tok, ignore, signals) for p in parts)


def _ask_unsaid(ask: str, question: str, retrieval: Any, tok: Any, ignore: Iterable[str],
                signals: dict[str, Any] | None = None) -> bool:
    """Whether the one ask ``ask`` of ``question`` asks a quantity that no shown sentence
    gives of the asked thing (``figure_unsaid``); whose figure it is (the articles named)
    is read from the whole question."""
    if not figure_asked(ask) or _HOW_LONG.search(ask) \
            or any(p.search(ask) for p in ASKS_FOR_FACT.values()):
        # a duration is told of a step in the story's own words ("a shortlist in about
        # four weeks" under a heading on hiring): too few shared words to decline on
        return False
    idx = retrieval.index
    ignore = set(ignore)
    asked, kind = asked_parts(ask, tok, ignore)
    shown = [*retrieval.chunks, *getattr(retrieval, "extra", ())]
    positions = list(dict.fromkeys(idx.by_id[c.chunk.chunk_id] for c in shown
                                   if c.chunk.chunk_id in idx.by_id))
    if not asked or not positions:
        return False
    weight = {t: idf(idx, t) for t in asked}
    numeric = _numeric_sentences(idx, whose(question, idx, tok, positions, ignore))
    if kind:  # "How much RAM ...": only a figure in a unit of memory answers it
        numeric = [n for n in numeric if kind_said(kind, f"{n[4]}\n{n[1]}")]
    measure = KINDS[kind][0] if kind else frozenset()
    counted = kind is None and not _COMPARATIVE.search(ask) \
        and not _COST_TO.search(ask)
    if counted:  # a plain count: a sentence whose every number is in a unit counts nothing
        numeric = [n for n in numeric if n[3] or _free_number(n[1])]
    total = sum(weight.values()) or 1.0
    said = [(_share(weight, total, near_number(text, tok, table, counted, measure)
                    | set(tok.tokens(context)) | measure), text)
            for _i, text, _r, table, context in numeric]
    share, best = max(said, default=(0.0, ""))
    if counted and share < WORD_SHARE:  # the count's things told past the number's window
        told = next((t for _i, t, _r, _table, _c in numeric
                     if described(ask, asked, tok, ignore, t)), "")
        share, best = (WORD_SHARE, told) if told else (share, best)
    # a share is asked of a whole in the asker's words ("the npm security warnings" for
    # "security advisories"): with its figures read by kind, one asked word beside one is
    # enough; none at all is the article's silence (review 22's m35)
    need = SHARE_WORDS if kind == SHARE else WORD_SHARE
    meaning = -1.0
    rows = [r for _i, _t, r, _table, _c in numeric if r >= 0]
    if share < need and rows and retrieval.vector and idx.sentence_matrix is not None:
        import numpy as np

        sims = idx.sentence_matrix[np.asarray(rows)] @ np.asarray(retrieval.vector,
                                                                  dtype=np.float32)
        meaning = float(sims.max())
    if signals is not None:
        signals["figure"] = {"asked": list(asked), "kind": kind, "share": round(share, 3),
                             "meaning": round(meaning, 3), "best": best[:80]}
    return share < need and meaning < MEANING_FLOOR
