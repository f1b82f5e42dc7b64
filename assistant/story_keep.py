"""Whether the composer's answer already answers a story question, and leading with it.

Why: story19's lead (``assistant.story_lead``) replaced the composer's answer with the
story's best-weighted sentence whenever that sentence was not the first line. On the lead's
stores the composer had often already answered from the story itself, and the weights
preferred the story's background, which restates the question's setting: "By how much
did Node beat Django in ByteHarbor's load testing?" lost "served about 2.5 times as many
requests per second" to a sentence about npm packages; the RecipeBox endpoint question
lost the article's own table row to the project summary; Turnstile's replayed sale lost
"database queries fell by roughly 80 percent" to "We replayed the traffic ..."; the Porto
talk's "Share contracts, not code" lost to the slides link. And where the answering line
was shown, but not first (review 18's i28: Turnstile's TypeScript catch third, after two
other articles' TypeScript quotes; i02: Routewise's "a third as much to host" under the
talk's background), it was not moved up.

So a visible line *carries* the ask when it cites the story's article and either is one
of the article's own table rows, or holds what the question asks: the asked kind of
figure ("by how much": a ratio; "did they pay": money, or a cost word beside an amount),
an amount when two sides are compared, advice when advice is asked, else one of the
question's own words (the story's and the subjects' names excluded). The composer's
verdict line counts when it quotes the story and, for a figure or a comparison, sets the
sides' figures against each other (``weighs_sides``). When the
first visible line carries the ask the answer is left alone; when a later one does, its
paragraph (or, inside the first paragraph, the line) moves to the front and nothing else
moves; only when none does may the story lead replace the opening.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from assistant.advice import asks_advice, is_advice
from assistant.answer_type import DURATION, MEMORY, MONEY, RATIO, quantity
from assistant.corpus_index import tokens

#: A comparison of the two sides: "more or less", "quicker ... or", "harder ... than".
COMPARES = re.compile(
    r"\b(?:more|less|fewer|better|worse|than|versus|vs)\b|\b[a-z]{3,}(?:er|ier)\s+(?:or|for)\b"
    r"|\b(?:which|whichever)\s+of\b|\bcompared?\b|\bnext\s+to\b", re.I)
#: Kinds of figure a question asks in plain words, beyond ``answer_type.quantity``'s
#: "how much / how long" (general English: what a bill, a wait, a footprint is said in);
#: the same words in a sentence beside an amount say that kind of figure ("costs about a
#: third as much").
ASKED_KIND = (
    (re.compile(r"\b(?:pay|paid|paying|cost|costs|bill|bills|spend|spends|spent|price|cheaper|"
                r"pricier|expensive|budget|dearer)\b", re.I), MONEY),
    (re.compile(r"\b(?:quicker|sooner|longer|how\s+long|how\s+quickly|time\s+to|took)\b",
                re.I), DURATION),
    (re.compile(r"\b(?:memory|RAM|footprint)\b", re.I), MEMORY))
#: A figure of an amount: digits that are no year, or a number word above one, or a
#: fraction word ("a third as much").
AMOUNT = re.compile(
    r"(?<![\w.])(?!(?:19|20)\d\d\b)\d[\d,.]*|\b(?:two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|twice|half|"
    r"double|third|quarter|fifth)\b", re.I)
ADVICE_ASKED = re.compile(r"\b(?:should|advi[sc]e|recommend)", re.I)
_MARK = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
#: A release number after a product's name ("Node.js 20", "Django 5.0", "Express 4"): no
#: amount of anything the question could ask.
_VERSION = re.compile(r"\b[A-Z][\w.]*\s+v?\d+(?:\.\d+)*\b(?!\s*(?:%|x\b|×|times|per|percent))")
_LABELS = re.compile(r"^(?:(?:[A-Z][\w.]*(?: [A-Z][\w.]*)?): )+")
_NUMS = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")


def asks_figure(question: str) -> bool:
    """Whether ``question`` asks a measure ("how much", "did they pay more")."""
    return quantity(question) is not None or any(
        asks.search(question) for asks, _p in ASKED_KIND)


def says_kind(text: str, question: str) -> bool:
    """Whether ``text`` states the kind of figure ``question`` asks: the asked pattern
    (a ratio for "by how much", money for "how much did it cost"), or the question's
    cue word for the kind beside an amount; any amount when no narrower kind is asked."""
    text = _VERSION.sub(" ", text)
    if not AMOUNT.search(text) and not RATIO.search(text):
        return False
    kinds = [(cue, p) for cue, p in ASKED_KIND if cue.search(question)]
    asked = quantity(question)
    if asked is None and not kinds:
        return True
    if asked is not None and asked.search(text):
        return True
    return any(p.search(text) or cue.search(text) for cue, p in kinds)


def carries(text: str, question: str, focus: Collection[str]) -> bool:
    """Whether a line of the story (markers removed) holds what ``question`` asks
    (module docstring); ``focus``: the question's own stemmed words."""
    if asks_figure(question):
        return says_kind(text, question)
    if asks_advice(question) or ADVICE_ASKED.search(question):
        # each side's clause of a verdict line, without its labels ("Django: Amara Osei:")
        return any(is_advice(_LABELS.sub("", c)) for c in text.split("; "))
    if COMPARES.search(re.sub(r"\brather\s+than\b", " ", question, flags=re.I)):
        text = _VERSION.sub(" ", text)  # "rather than" weighs no two sides' figures
        return bool(AMOUNT.search(text) or RATIO.search(text))
    return not frozenset(focus).isdisjoint(tokens(text))


def weighs_sides(text: str, sides: Callable[[str], bool]) -> bool:
    """Whether ``text`` sets figures against each other: a ratio or a change ("from $240
    to $310"), or two amounts with a side named between them ("closer to ten weeks ...;
    Node.js: ... about four weeks"); release numbers are no amounts. What a verdict line
    must do to answer a figure or a comparison: the composer's one-article line is
    otherwise often the story's background ("... after three years ... a team of 14")."""
    text = _VERSION.sub(" ", text)
    if RATIO.search(text):
        return True
    spans = [m.span() for m in AMOUNT.finditer(text)]
    return len(spans) > 1 and sides(text[spans[0][1]:spans[-1][0]])


def needs_weighing(question: str) -> bool:
    """Whether ``question`` asks a figure or compares the sides (``weighs_sides``)."""
    return asks_figure(question) or bool(
        COMPARES.search(re.sub(r"\brather\s+than\b", " ", question, flags=re.I)))


def _articles(piece: str, cited: dict[int, str]) -> set[str]:
    return {cited[int(k)] for m in _NUMS.finditer(piece) for k in m.group(1).split(",")
            if int(k) in cited}


def paragraphs(pieces: Sequence[str]) -> list[list[str]]:
    """The visible pieces grouped by paragraph (a piece ending in a blank line closes one)."""
    out: list[list[str]] = [[]]
    for p in pieces:
        if p.strip():
            out[-1].append(p)
        if p.endswith("\n\n") or (p and not p.strip()):
            out.append([])
    return [para for para in out if para]


def carrying_at(pieces: Sequence[str], cited: dict[int, str], article_id: str,
                is_row: Callable[[str], bool], asks: Callable[[str], bool],
                verdict: str | None = None, asks_verdict: Callable[[str], bool] | None = None,
                ) -> tuple[int, int] | None:
    """(paragraph, line) of the first visible line citing ``article_id`` that is one of
    its table rows (``is_row``) or carries the ask (``asks``); a verdict line the composer
    built from the story's sentences counts as theirs ("Django: For Django roles it is
    closer to ten weeks ...; Node.js: ... about four weeks") when it passes
    ``asks_verdict`` (by default ``asks``). None when no line does."""
    for i, para in enumerate(paragraphs(pieces)):
        for j, piece in enumerate(para):
            if not piece.strip() or article_id not in _articles(piece, cited):
                continue
            text = _MARK.sub("", piece).strip()
            check = asks_verdict if piece == verdict and asks_verdict is not None else asks
            if is_row(text) or check(text):
                return i, j
    return None


def led_by(pieces: Sequence[str], at: tuple[int, int]) -> list[str]:
    """``pieces`` with the line at ``at`` in front: its paragraph first, or inside the
    first paragraph the line first; the other lines keep their order and stay visible."""
    paras = [list(p) for p in paragraphs(pieces)]
    i, j = at
    if i == 0:
        paras[0].insert(0, paras[0].pop(j))
    else:
        paras.insert(0, paras.pop(i))
    out: list[str] = []
    for k, para in enumerate(paras):
        for m, p in enumerate(para):
            p = p.rstrip()
            if m < len(para) - 1:
                p += " "
            elif k < len(paras) - 1:
                p += "\n\n"  # a blank line after each paragraph but the last
            out.append(p)
    return out
