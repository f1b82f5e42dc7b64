"""Kinds of measure and their units: which figures can answer a quantity question.

"How much RAM does each worker take?" is answered by "each worker uses around 180 MB" or a
table column "Memory (MB)"; "How many engineers ...?" by "a team of 14"; "How many days
...?" by "seven weeks"; "What does X charge ...?" by "$310". The asked measure and the
figure's unit are different words of one *kind*, so a word match misses them (oos16's
check declined five such covered questions), while a figure of another kind ("eight-second
responses", "a 20 dollar instance") near the asked word answers nothing ("How many payouts
...?", "How much RAM does the instance have?").

Units are a closed class: a handful of words per kind (bytes, durations, currencies,
people), the same in every article about software teams, so one small table names them
(``KINDS``) instead of a word list grown from one page. Each kind holds its measure words
(what a question asks: "memory", "RAM", "cost", "staff") and its units (what a figure is
written in: "MB", "weeks", "$", "engineers"); a kind's words are one another's
near-synonyms for this purpose only. Stems come from the corpus tokenizer, so "weeks",
"week" and "weekly"'s neighbours are read as the index reads them.
"""

from __future__ import annotations

import re

from assistant.corpus_index import tokens

#: kind -> (measure words a question asks by, units a figure is written in). Units of a
#: kind are measure words too ("How many weeks ...?" asks a duration).
_RAW: dict[str, tuple[str, str]] = {
    "memory": ("memory RAM footprint", "MB GB KB TB megabytes gigabytes kilobytes"),
    "time": ("time duration",
             "ms milliseconds seconds minutes hours days weeks fortnights months quarters "
             "years sprints afternoons weekends"),
    "money": ("money cash cost price spend budget charge fee bill revenue funding salary "
              "income earnings",
              "dollars pounds euros usd gbp eur"),
    "people": ("people persons staff engineers developers employees headcount programmers "
               "devs members",
               "people persons staff engineers developers employees programmers devs"),
    "change": ("fall fell drop dropped rise rose grow grew increase decrease shrink shrank",
               "percent percentage"),
}
#: A share of a whole ("What percentage of ...", "What fraction of ..."): asked by these
#: words, given as a percentage or a fraction ("about half of those advisories", "one in
#: five", "19 of them"), never by a dollar or a plain count (review 22's m35 was answered
#: with three unrelated figure lines). Read before ``change`` by ``word_kind``; it has no
#: units of its own (``unit_after`` reads "80 percent" as a change, as before), and its
#: figures are read by ``kind_said``. "share" itself is no measure word: "sharing types"
#: is a verb (``asked_figure`` reads "what share of" as this kind by its frame).
SHARE = "share"
_RAW = {SHARE: ("percentage percent proportion fraction portion", ""), **_RAW}
#: kind -> (measure stems, unit stems), stemmed as the index stems.
KINDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    kind: (frozenset(tokens(words)) | frozenset(tokens(units)), frozenset(tokens(units)))
    for kind, (words, units) in _RAW.items()}
#: A currency sign before a figure ("$240", "€ 30") is a money unit the tokenizer drops;
#: so is a percent sign.
_CURRENCY = re.compile(r"[$€£]\s?\d|\d\s?[$€£]")
_PERCENT = re.compile(r"\d\s?%")
#: "a team of 14", "team of twenty-two": a head count.
_TEAM = re.compile(r"\bteam\s+of\s+(?:\d|[a-z]+\b)", re.I)
#: Money asked by its verb ("What does X charge ...", "How much did they spend ..."), in
#: lower case: "Kestrel Pay" is a name.
_MONEY_FRAME = re.compile(r"\b(?:cost|costs|charge|charges|charged|spend|spends|spent|pay|"
                          r"pays|paid|earn|earns|earned)\b")
#: A number token: digits, or a number word (as ``asked_figure.NUMBER``).
#: Numbers in words, one list for this module and ``asked_figure.NUMBER``.
NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                "twenty|thirty|forty|fifty|sixty|hundred|hundreds|thousand|thousands|"
                "million|millions|billion|billions|dozen|dozens|half|twice|double|triple|"
                "single")
_NUMBER_WORD = re.compile(rf"^(?:\d[\d,.]*[a-z]*|{NUMBER_WORDS}|a|an)$", re.I)


#: Words after which "one" is a pronoun ("the other one", "this one", "each one").
_BEFORE_PRONOUN = frozenset(["the", "other", "this", "that", "each", "every", "which",
                             "no", "any", "new", "old", "same", "only", "right", "wrong"])


def measure_words(kind: str) -> list[str]:
    """The words a question asks ``kind`` by, as written ("cost", "bill", "budget")."""
    return _RAW[kind][0].split()


def word_kind(word: str) -> str | None:
    """The kind whose measure word ``word`` is ("RAM" memory, "weeks" time), or None; an
    adverb of a unit ("weekly", "monthly") is a rate's period, no measure asked."""
    if word.lower().endswith("ly"):
        return None
    stems = set(tokens(word))
    return next((kind for kind, (measure, _u) in KINDS.items() if stems & measure), None)


def asked_kind(question: str, counted: str, topic: str | None) -> str | None:
    """The kind of measure ``question`` asks: a kind's word in its counted phrase
    (``counted``, "How many *engineers* ..."), else a money verb of its frame ("What does
    X charge ..."), else a kind's word of its topic (``topic``, "by how much did traffic
    *fall*"; None when the question counts a phrase: "How many cafes does the
    two-person startup serve?" counts cafes); None for a plain count or another measure
    ("How long did the runbook get?" may be pages, not time)."""
    for words in (counted, None, topic or ""):
        if words is None:
            if _MONEY_FRAME.search(question):
                return "money"
            continue
        kind = next((k for w in re.findall(r"[\w'’.-]+", words) if (k := word_kind(w))),
                    None)
        if kind:
            return kind
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\s\-–/()|,;:]+", text)


def unit_after(words: list[str], k: int) -> str | None:
    """The kind of the unit a number at ``words[k]`` is written in ("180 MB", "seven
    weeks", "eight-second" split into words, "14 engineers"), or None."""
    for nxt in words[k + 1 : k + 3]:
        stems = set(tokens(nxt))
        kind = next((kd for kd, (_m, units) in KINDS.items() if stems & units), None)
        if kind:
            return kind
        if not re.fullmatch(r"(?:of|more|or|so|extra|full|whole|\d[\d,.]*)", nxt, re.I):
            return None
    return None


def figure_kinds(text: str) -> set[str]:
    """The kinds of the figures ``text`` writes with a unit: "$240" money, "a team of
    14" people, "about 310 MB" memory, "about a day" time ("a"/"an" is a number only
    before a unit)."""
    out = {"money"} if _CURRENCY.search(text) else set()
    if _PERCENT.search(text):
        out.add("change")
    if _TEAM.search(text):
        out.add("people")
    ws = _words(text)
    for k, w in enumerate(ws):
        if _NUMBER_WORD.match(w):
            kind = unit_after(ws, k)
            if kind:
                out.add(kind)
    return out


def bound_numbers(text: str) -> set[int]:
    """Word positions (as ``re.findall(r"[^\\s]+")`` splits ``text``) of numbers written in
    a unit ("eight-second", "180 MB", "$240") or used as a pronoun ("one of our ..."):
    no count of a thing beside them."""
    ws = re.findall(r"[^\s]+", text)
    out: set[int] = set()
    for k, w in enumerate(ws):
        parts = _words(w)
        tail = ws[k + 1 : k + 3]
        # "one of our providers", "the other one", "each one": no figure
        pronoun = bool(re.fullmatch(r"(?i)one[.,;:!?]*", w)) and (
            tail[:1] in (["of"], ["another"]) or not tail or w[3:] != ""
            or (k > 0 and ws[k - 1].lower() in _BEFORE_PRONOUN))
        in_unit = bool(_CURRENCY.search(w) or _PERCENT.search(w)) or (
            bool(parts) and bool(_NUMBER_WORD.match(parts[0]))
            and not re.fullmatch(r"(?i)an?", parts[0])
            and bool(figure_kinds(" ".join([*parts, *tail[:1]]))))
        if pronoun or in_unit:
            out.add(k)
    return out


#: A lower-case word naming a role ("backend", "senior", "frontend"), not a function word.
_ROLE = re.compile(r"(?!(?:of|or|so|more|extra|full|whole|the|a|an|and|to|in|on|at|for|by|"
                   r"with|from|other|new|old|our|their|its|his|her|my|your)\b)[a-z][a-z-]+")


def head_count(text: str) -> bool:
    """Whether ``text`` counts people with a role before the unit ("four backend
    engineers", "12 senior developers") or as the speaker's own team ("three of us", "all
    four of us"). Read only when the answer's lines are chosen (``figure_shown``,
    ``not_given``), never by the coverage check: that a story counts its own team says
    nothing of a head count it does not give (the figure probes' "how many developers
    wrote the waiting room?")."""
    ws = _words(text)
    for k, w in enumerate(ws[:-2]):
        if not _NUMBER_WORD.match(w) or re.fullmatch(r"(?i)an?", w):
            continue
        nxt, after = ws[k + 1], ws[k + 2]
        if nxt.lower() == "of" and re.fullmatch(r"(?i)us\W*", after):
            return True
        if _ROLE.fullmatch(nxt) and set(tokens(after)) & KINDS["people"][1]:
            return True
    return False


#: A share said as a percentage or a fraction: "55 percent", "20%", "about half", "a
#: third", "one in five", "five out of nine", "19 of them", "of the nine incidents, five".
_SHARE_SAID = re.compile(
    rf"\d\s?%|\b(?:\d[\d,.]*|{NUMBER_WORDS})\s+(?:per\s?cent|percent)\b|\bhalf\b"
    rf"|\b(?:a|one|two)\s+(?:third|quarter|fifth|tenth)s?\b"
    rf"|\b(?:\d[\d,.]*|{NUMBER_WORDS})\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d|{NUMBER_WORDS})"
    rf"|\b(?:\d[\d,.]*|{NUMBER_WORDS})\s+of\s+(?:them|those|these|the|our|its|their)\b"
    rf"|\bof\s+the\s+(?:\d[\d,.]*|{NUMBER_WORDS})\b", re.I)


#: Words after a number that a head count may reach over to its people ("one other
#: engineer", "two of our frontend engineers", "one backend person").
PEOPLE_REACH = 4


def _people_counted(text: str) -> bool:
    """Whether a number of ``text`` counts people: a people unit or measure word within
    ``PEOPLE_REACH`` words after it. A people word elsewhere beside some number counts
    nothing ("over 3 million plugins, letting developers", "a Flask developer and got 9
    replies": the shapes of review 22's set and oos25's PLANEKS question)."""
    ws = re.findall(r"[^\s\-–/()|]+", text)
    measure = KINDS["people"][0]
    for k, w in enumerate(ws):
        if not _NUMBER_WORD.match(w.rstrip(",;:.")) or re.fullmatch(r"(?i)an?", w):
            continue
        for x in ws[k + 1 : k + 1 + PEOPLE_REACH]:
            if set(tokens(x)) & measure:
                return True
            # the noun phrase the number counts ends at a plural or a clause mark
            # ("14 applications", "2 million packages, enabling developers")
            if re.search(r"[a-z]s[,;:.]?$|[,;:.]$", x) and not _NUMBER_WORD.match(x):
                break
    return False


def kind_said(kind: str, text: str, heads: bool = False) -> bool:
    """Whether ``text`` (a sentence with its lead, heading or table headers) gives a
    figure of ``kind``: a number in one of its units, or a number beside one of its
    measure words ("Memory (MB)" over a row of figures); a share as a percentage or a
    fraction (``_SHARE_SAID``); with ``heads``, also a head count told with a role or as
    "N of us" (``head_count``)."""
    if kind == SHARE and _SHARE_SAID.search(text):
        return True
    if kind == "people":
        return ("people" in figure_kinds(text) or _people_counted(text)
                or (heads and head_count(text)))
    if kind in figure_kinds(text):
        return True
    measure, _units = KINDS[kind]
    return bool(set(tokens(text)) & measure) and bool(re.search(r"\d", text))
