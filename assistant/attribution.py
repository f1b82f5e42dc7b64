"""Whose claim is it? Sentences about a technology that is not one of the subjects.

Articles that compare Django and Node.js often bring a third technology along: a
three-column table (Django / Node.js / Laravel), a "Laravel is best for" list, a section
on Go. A sentence from there must never be presented as Django's, Node.js's or both.

Third technologies are found generically, from the corpus's own structure, not from a list:

* a **comparison table column** whose header names no subject ("Laravel", "Go (Gin)") in a
  table where another column does name one;
* the names in such a header ("Go (Gin)" gives Go and Gin);
* names seen in a sentence about one of them that names no subject ("PHP" in "Laravel's
  Reverb server closed the gap for PHP teams"): a sentence that opens with such a name
  and names no subject ("PHP talent is plentiful") is that technology's.

A sentence is about a third technology when its table cell sits in that technology's
column, or it names the technology and no subject, or it names no technology at all and
the list lead-in above it ("Laravel is best for:"), the sentence it continues ("Its ..."),
or its heading ("Go (Gin): fast, lean ...") names the technology and no subject.

``technology_names`` finds product-like names in free text (capitalised words inside a
sentence, CamelCase, letters mixed with digits: "Quarkus", "FastAPI", "k6"); abstention
uses it for questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from knowledge.models import Chunk, Span
from knowledge.text.tokens import STOPWORDS

_PRONOUN_START = re.compile(r"^\W*(?:it|its|it's|they|their|them|this|these|that)\b", re.I)
#: Product-like tokens: "Node.js", "ASP.NET", "k6", "Socket.IO", "FastAPI".
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.+#][A-Za-z0-9]+)*")


def _is_namelike(word: str, initial: bool) -> bool:
    if any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
        return True  # k6, wrk2, PM2, http2
    if len(word) > 1 and any(ch.isupper() for ch in word[1:]) and any(
            ch.islower() for ch in word):
        return True  # FastAPI, RecipeBox, NestJS
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]?\.?", word):
        return False  # an abbreviation of single letters ("e.g", "i.e"), not a product
    if "." in word and word[0].isalpha():
        return True  # Socket.IO, Express.js
    return word[0].isupper() and not initial and word.lower() not in STOPWORDS


def technology_names(text: str, subjects: Any) -> list[str]:
    """Product-like names in ``text`` that are not the subjects, in order of appearance.

    Capitalised words count unless they start a sentence; CamelCase, dotted names and
    words mixing letters and digits count anywhere. "I" and stopwords never count.
    """
    out: list[str] = []
    for m in _NAME.finditer(text):
        word = m.group(0)
        prefix = text[: m.start()].rstrip(" \t\"'“‘")
        initial = (not prefix or prefix[-1] in ".!?\n(") and not re.search(
            r"\b(?:[a-z]\.){2,}$", prefix)  # "e.g. Jest": no sentence starts after "e.g."
        if word == "I" or not _is_namelike(word, initial):
            continue
        if subjects.find_subjects(word):
            continue
        if word not in out:
            out.append(word)
    return out


def _header_names(header: str, subjects: Any) -> list[str]:
    """The names a table header gives ("Go (Gin)" -> ["Go", "Gin"])."""
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9.+#]*", header)
            if w[0].isupper() and not subjects.find_subjects(w)]


def third_technologies(index: Any, subjects: Any) -> dict[str, str]:
    """Name (lowercase) -> display name of each third technology in the corpus.

    Memoised on the index (it changes only with the corpus).
    """
    key = ("third-technologies", getattr(subjects, "digest", ""))
    memo = getattr(index, "memo", None)
    if memo is not None and key in memo:
        found: dict[str, str] = memo[key]
        return found
    out: dict[str, str] = {}
    for chunk in index.chunks:
        row = chunk.row
        if row is None:
            continue
        headers = [name for name, _span in row.cells]
        if not any(subjects.find_subjects(h) for h in headers):
            continue  # not a comparison of the subjects (a benchmark or a dependency table)
        for h in headers:
            if h and not subjects.find_subjects(h):
                display = h.strip()
                for name in _header_names(h, subjects):
                    out.setdefault(name.lower(), display)
    if memo is not None:
        memo[key] = out
    return out


def companions(index: Any, subjects: Any) -> dict[str, str]:
    """``_companions`` of the corpus's third technologies (memoised on the index)."""
    key = ("third-companions", getattr(subjects, "digest", ""))
    memo = getattr(index, "memo", None)
    if memo is not None and key in memo:
        found: dict[str, str] = memo[key]
        return found
    third = third_technologies(index, subjects)
    out = _companions(index, subjects, third) if third else {}
    if memo is not None:
        memo[key] = out
    return out


def _companions(index: Any, subjects: Any, third: dict[str, str]) -> dict[str, str]:
    """Names seen beside a third technology ("Laravel's Reverb server ... for PHP teams"):
    a sentence that opens with one of them and names no subject is that technology's.

    Names from the subjects' own column headers ("Node.js (Express)") never count: those
    belong to the subject.
    """
    family: set[str] = set()
    for chunk in index.chunks:
        if chunk.row is not None:
            for name, _span in chunk.row.cells:
                if subjects.find_subjects(name):
                    family.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9.+#]*", name))
    out: dict[str, str] = {}
    for chunk in index.chunks:
        if chunk.row is not None:
            continue
        for sp in chunk.sentences:
            text = chunk.text[sp.start - chunk.start : sp.end - chunk.start]
            tech = _named_third(text, third)
            if tech is None or subjects.find_subjects(text):
                continue
            for name in technology_names(text, subjects):
                low = name.lower().rstrip(".")
                if low not in third and low not in family and len(low) > 1:
                    out.setdefault(low, tech)
    return out


def _named_third(text: str, third: dict[str, str]) -> str | None:
    """The third technology ``text`` names (the first one), else None."""
    for m in re.finditer(r"[A-Za-z][A-Za-z0-9.+#]*", text):
        got = third.get(m.group(0).lower().rstrip("."))
        if got and m.group(0)[0].isupper():
            return got
    return None


def about_other_technology(chunk: Chunk, span: Span, subjects: Any,
                           third: dict[str, str],
                           companion: dict[str, str] | None = None) -> str | None:
    """The third technology a sentence of ``chunk`` is about, or None.

    Args:
        chunk: The passage.
        span: The sentence's absolute span inside it.
        subjects: The subjects object (``find_subjects``).
        third: ``third_technologies`` of the corpus.
        companion: ``companions`` of the corpus (names seen beside a third technology).
    """
    if not third:
        return None
    if chunk.row is not None:
        for name, cell in chunk.row.cells:
            if cell.start <= span.start < cell.end + 1:
                if subjects.find_subjects(name):
                    return None
                return _named_third(name, third)
    text = chunk.text[span.start - chunk.start : span.end - chunk.start]
    named = subjects.find_subjects(text)
    other = _named_third(text, third)
    if other:
        return None if named else other
    if named:
        return None
    head = re.match(r"\W*([A-Z][A-Za-z0-9.+#]*)", text)
    if head and companion and head.group(1).lower().rstrip(".") in companion:
        return companion[head.group(1).lower().rstrip(".")]
    # Names nothing. A list item belongs to the lead-in line above it ("Laravel is best
    # for:"); a sentence that opens with a pronoun ("Its hosting story") continues the one
    # before it; anything else belongs to its heading.
    earlier = [s for s in chunk.sentences if s.end <= span.start]
    for sp in reversed(earlier):
        before = chunk.text[sp.start - chunk.start : sp.end - chunk.start]
        if before.rstrip().endswith(":"):
            if subjects.find_subjects(before):
                return None
            return _named_third(before, third)
    if _PRONOUN_START.match(text):
        for sp in reversed(earlier):
            before = chunk.text[sp.start - chunk.start : sp.end - chunk.start]
            if subjects.find_subjects(before):
                return None
            other = _named_third(before, third)
            if other:
                return other
    if chunk.section and not subjects.find_subjects(chunk.section):
        return _named_third(chunk.section, third)
    return None


def foreign_claim(retrieval: Any, chunk: Chunk, span: Span, subjects: Any = None) -> str | None:
    """The third technology a candidate sentence is about, when the answer must leave it out.

    A sentence about a third technology stays out of an answer. The one exception: the
    question asks about that technology alone (names it, names no subject, compares
    nothing) and the sentence names it itself, so that the quote carries its own
    attribution. Returns the technology, or None to keep the sentence.
    """
    if subjects is None:
        from knowledge.subjects_config import default_subjects

        subjects = default_subjects()
    idx = retrieval.index
    third = third_technologies(idx, subjects)
    key = ("foreign-claim", chunk.chunk_id, span.start)
    memo = getattr(idx, "memo", None)
    if memo is not None and key in memo:
        other = memo[key]
    else:
        other = about_other_technology(chunk, span, subjects, third,
                                       companions(idx, subjects))
        if memo is not None:
            memo[key] = other
    if other is None:
        return None
    question = getattr(retrieval, "question", "")
    own = {k: v for k, v in third.items() if v == other}
    text = chunk.text[span.start - chunk.start : span.end - chunk.start]
    if (not subjects.find_subjects(question) and _named_third(question, own)
            and _named_third(text, own) and not _COMPARING.search(question)):
        return None
    return str(other)


#: A question that compares (its answer is grouped by subject, where a third technology's
#: sentence has no place).
_COMPARING = re.compile(
    r"\b(?:which|better|worse|compare\w*|vs\.?|versus|differen\w*|than|both|three|"
    r"each|either|instead)\b", re.I)


def attributed(sentences: Sequence[tuple[Chunk, Span]], subjects: Any,
               third: dict[str, str]) -> list[str | None]:
    """``about_other_technology`` for several sentences (tests and the eval use it)."""
    return [about_other_technology(c, s, subjects, third) for c, s in sentences]
