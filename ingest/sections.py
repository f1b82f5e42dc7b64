"""Sections of cleaned text: which lines are headings, and the spans they govern.

Captured articles lose their heading markup, so headings are recognised by shape (a short
standalone line that reads as a title), by position (the article's own title first) and by
form (a bullet heading, a labelled paragraph "Security: ..."). Lines of tables are never
headings. ``ingest.clean`` calls ``detect_sections`` on the text it keeps; ``ingest.chunk``
names each chunk after the innermost section around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ingest.tables import configured_subject_names, find_tables
from knowledge.models import ArticleMeta, Section
from knowledge.text.sentences import BULLET_RE, split_sentences

_I = re.IGNORECASE

# Words of the field that make a sentence or heading "about the comparison" besides the
# configured subjects' names (see ``subject_terms``).
_FIELD_TERMS = r"python|javascript|typescript|frameworks?|runtime|backend"
# Languages a bare heading may name besides a subject (see ``_bare_subject_re``).
_BARE_LANGUAGES = r"python|javascript"


@lru_cache(maxsize=8)
def _names_alternation(names: tuple[str, ...]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True) if n)


def subject_terms(names: Sequence[str] | None = None) -> re.Pattern[str]:
    """Names of the configured subjects (and their aliases) or words of the field: text that
    matches is "about the comparison" and never treated as a promotional hook, case-study
    card or orphaned promo heading."""
    alts = _names_alternation(tuple(names) if names is not None else configured_subject_names())
    return _compile(rf"\b(?:{alts}|{_FIELD_TERMS})\b" if alts else rf"\b(?:{_FIELD_TERMS})\b")


def _bare_subject_re(names: Sequence[str] | None) -> re.Pattern[str]:
    """A heading that is just a subject's name ("Django", "Node.js") or a language is a
    sub-heading of a comparison section (pros/cons per framework), hence level 2."""
    alts = _names_alternation(tuple(names) if names is not None else configured_subject_names())
    return _compile(rf"(?:{alts}|{_BARE_LANGUAGES})" if alts else _BARE_LANGUAGES)


@lru_cache(maxsize=32)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I)


# Headings that frame the whole comparison (or ask a question) are level 1.
_FRAMING_RE = re.compile(
    r"\b(?:vs\.?|versus|comparison|compared?|comparing|differences?|overview|introduction|"
    r"conclusion|summary|pros|cons|advantages|disadvantages|which|what|how|why|when|should|"
    r"decide|choosing|choose|verdict)\b",
    _I,
)
# "A few things Django gives you for free are:" introduces a list; it is no heading.
_LEAD_IN_LAST_WORDS = frozenset(
    {"are", "is", "include", "includes", "including", "following", "follows", "as", "below",
     "like", "were", "be", "was", "these"}
)
# "Security: NodeJs is very secured technology ..." - a label (up to five words) governing
# the paragraph it starts.
_LABEL_RE = re.compile(r"(?P<label>[A-Z][\w&/+'’.-]*(?: [\w&/+'’.-]+){0,4}) ?: (?=\S)")
_LABEL_MIN_BODY = 40
_HEADING_MAX_CHARS = 90
_HEADING_MAX_WORDS = 12
_BULLET_HEADING_MAX_WORDS = 6
_TERMINAL = ".!?"


def is_heading_candidate(text: str) -> bool:
    """A short standalone line that reads as a title, not a sentence.

    Under 90 characters and 12 words, one "sentence", no final full stop, comma, semicolon or
    exclamation mark, not a bullet or table line, and not a list lead-in ending in "are:".
    """
    s = text.strip()
    if (
        not s
        or len(s) >= _HEADING_MAX_CHARS
        or s.startswith("•")
        or "|" in s
        or len(s.split()) > _HEADING_MAX_WORDS
        or s[-1] in ".,;!…"
        or not (s[0].isupper() or s[0].isdigit())
    ):
        return False
    if len(split_sentences(s)) > 1:
        return False
    if s.endswith(":"):
        words = s[:-1].split()
        if not words or words[-1].lower() in _LEAD_IN_LAST_WORDS:
            return False
    return True


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _matches_title(line: str, title: str) -> bool:
    """Whether the first line is the article's own title (equal or mostly the same words)."""
    a, b = set(_tokens(line)), set(_tokens(title))
    if not a or not b or len(line) > 200:
        return False
    return a == b or len(a & b) / len(a | b) >= 0.6


def heading_title(line: str) -> str:
    """The title a heading line stands for: no bullet marker, no trailing colon."""
    stripped = line.strip()
    m = BULLET_RE.match(stripped)
    if m and stripped.startswith(("•", "-", "*", "+")):
        stripped = stripped[m.end() :]
    return stripped.rstrip(":").strip()



def _relative_levels(headings: Sequence[tuple[str, int]], title: str) -> dict[str, int]:
    """Heading text -> level counted from the top level the document uses below its title
    (a post whose sections are ``<h2>`` and sub-sections ``<h3>`` gives 1 and 2)."""
    body = [(t, lv) for t, lv in headings if t != title]
    ranks = {lv: i + 1 for i, lv in enumerate(sorted({lv for _, lv in body}))}
    out: dict[str, int] = {}
    for heading, lv in body:
        out.setdefault(heading, ranks[lv])
    return out


def detect_sections(
    text: str,
    meta: ArticleMeta | None = None,
    subject_names: Sequence[str] | None = None,
    headings: Sequence[tuple[str, int]] | None = None,
) -> tuple[Section, ...]:
    """Find headings in cleaned text and the spans they govern.

    Heading kinds, in the order they are tried for each non-blank line:

    * the first line, when it is the article's title (``meta.title``): level 1;
    * a bullet heading ("• Secure") - a short bullet without final punctuation, not inside a
      bullet list, followed by prose: level 2;
    * a plain heading - see ``_is_heading_candidate`` - followed by a line that does not
      continue it in lower case;
    * a labelled paragraph ("Security: NodeJs is ...") - the label is the title: level 2.

    Plain heading levels: a bare subject name ("Django") or a heading directly under another
    heading is level 2; a question, or a title naming a subject or framing the comparison
    ("Main Differences", "Upsides and Downsides ...") is level 1; any other heading is level 2
    once a level-1 heading exists ("Performance" under "Main Differences"), else 1.

    A section ends where the next section of the same or a higher level starts. A level-2
    section also ends where a comparison table starts after some body text: such a table
    summarises the parent section ("All in all ... one absolute table" sits under "Security"
    but lists every criterion), so its rows belong to the parent. (Not when the markup
    declared its headings: then the table sits where the markup put it.)

    Lines of tables are never headings.

    When the markup declared its headings (``headings``, from Markdown or HTML), those lines
    are the headings, at their declared levels, and the shape rules for plain and bullet
    headings are off (labelled paragraphs still count); the guessing above is for captures
    that lost their markup.
    """
    known = _relative_levels(headings or (), meta.title if meta else "")
    subject_re = subject_terms(subject_names)
    bare_re = _bare_subject_re(subject_names)
    tables = find_tables(text, subject_names)
    table_lines: set[int] = set()
    for table in tables:
        table_lines.add(table.header.start)
        table_lines.update(span.start for span in (*table.rows, *table.skipped))
    nonblank: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            nonblank.append((pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1

    heads: list[tuple[int, str, int]] = []  # (start, title, level)
    have_l1 = False
    prev_heading = False
    for n, (cs, ce) in enumerate(nonblank):
        line = text[cs:ce]
        nxt = text[nonblank[n + 1][0] : nonblank[n + 1][1]] if n + 1 < len(nonblank) else ""
        prv = text[nonblank[n - 1][0] : nonblank[n - 1][1]] if n else ""
        if cs in table_lines:
            prev_heading = False
            continue
        if n == 0 and meta is not None and _matches_title(line, meta.title):
            heads.append((cs, heading_title(line), 1))
            have_l1, prev_heading = True, False
            continue
        if line in known:
            level = known[line]
            heads.append((cs, heading_title(line), level))
            have_l1, prev_heading = have_l1 or level == 1, True
            continue
        if known and not _LABEL_RE.match(line):
            prev_heading = False
            continue
        if line.startswith("•"):
            content = heading_title(line)
            if (
                content
                and len(content.split()) <= _BULLET_HEADING_MAX_WORDS
                and content[-1] not in _TERMINAL + ",;:"
                and not prv.startswith("•")
                and nxt
                and not nxt.startswith("•")
                and nonblank[n + 1][0] not in table_lines
            ):
                heads.append((cs, content, 2))
                prev_heading = True
            else:
                prev_heading = False
            continue
        if is_heading_candidate(line) and nxt and not nxt[0].islower():
            title = heading_title(line)
            if bare_re.fullmatch(title) or prev_heading:
                level = 2
            elif "?" in line or subject_re.search(title) or _FRAMING_RE.search(title):
                level = 1
            else:
                level = 2 if have_l1 else 1
            heads.append((cs, title, level))
            have_l1 = have_l1 or level == 1
            prev_heading = True
            continue
        label = _LABEL_RE.match(line)
        if (
            label
            and len(line) - label.end() >= _LABEL_MIN_BODY
            and line[-1] in _TERMINAL + "\"”)"
        ):
            heads.append((cs, label.group("label"), 2))
        prev_heading = False

    sections: list[Section] = []
    for i, (start, title, level) in enumerate(heads):
        end = next((s for s, _, lv in heads[i + 1 :] if lv <= level), len(text))
        if level >= 2 and not known:
            line_end = text.find("\n", start)
            line_end = len(text) if line_end == -1 else line_end
            for table in tables:
                if start < table.start < end and text[line_end : table.start].strip():
                    end = table.start
                    break
        sections.append(Section(title=title, start=start, end=end, level=level))
    return tuple(sections)
