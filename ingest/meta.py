"""What a converted file says about itself: title, author and date beside its text.

Format converters (``ingest.markdown``, ``ingest.html``, ``ingest.formats`` for plain text)
return a ``Document``: the plain text the cleaner works on plus the bibliographic facts the
file carries (front matter, HTML metadata, a byline). Those facts never stay in the text: a
front-matter block or a "Posted by NAME on DATE" line is not something an answer may quote.

Bylines are recognised by the two shapes blogs, CMS themes and newsletters use at the top of
a post, whatever the site: "By NAME[ · DATE ...]" / "Posted|Written|Published by NAME[ on
DATE]" and "Posted|Published on DATE by NAME". Only the first few lines are looked at, the
name must be one to four capitalised words and a date, when present, must parse as one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as date_parser

# How many non-blank lines from the top may hold the byline (title, byline, maybe a subtitle).
_BYLINE_WINDOW = 3
_NAME = r"(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|van|von|de|da|del|der|le|la)){0,3})"
_BY_FIRST_RE = re.compile(
    rf"(?:(?:[Pp]osted|[Ww]ritten|[Pp]ublished)\s+)?[Bb]y\s+{_NAME}"
    r"(?:\s*(?:[·•|,–—-]|\s[Oo]n\s)\s*(?P<date>.+?))?\s*"
)
_DATE_FIRST_RE = re.compile(
    rf"(?:[Pp]osted|[Pp]ublished|[Uu]pdated)\s+(?:on\s+)?(?P<date>.+?)\s+by\s+{_NAME}\s*"
)
#: A blog platform's byline: the author's name beside a Follow button ("Ana Ruiz · Follow").
_FOLLOW_RE = re.compile(rf"{_NAME}\s*(?:[·•|]\s*)?Follow")
#: A blog platform's reading-time line, often carrying the date ("6 min read · Sep 3, 2026").
_READ_TIME_RE = re.compile(r"(?:(?P<a>.+?)\s*[·•|]\s*)?\d{1,3}\s*min(?:ute)?s?\s+read"
                           r"(?:\s*[·•|]\s*(?P<b>.+))?", re.IGNORECASE)
_DATE_PIECES_RE = re.compile(r"\s*[·•|]\s*")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_EMPHASIS = "*_ "


@dataclass(frozen=True)
class Document:
    """A converted file: plain text plus the facts it carries about itself.

    Attributes:
        text: Plain text lines for the cleaner (see ``ingest.formats``).
        title: The title the file gives (front matter, HTML metadata, first heading), if any.
        author: The author's name, if the file gives one.
        date: Publication date as ``YYYY-MM-DD``, if the file gives one.
        publisher: The site or publication the file names itself part of (an HTML page's
            ``og:site_name``, its JSON-LD ``publisher``, front matter ``publisher``/``site``).
        headings: The headings the markup declares, as (text, level 1-6), in order; empty
            when the format has none (plain text), so cleaning falls back to heading shapes.
    """

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    headings: tuple[tuple[str, int], ...] = ()
    publisher: str | None = None


def iso_date(value: object) -> str | None:
    """A date or date-like string as ``YYYY-MM-DD``; None when it is not one.

    Accepts ``date``/``datetime`` values (YAML and TOML front matter give those) and strings
    such as "2026-03-14", "2026-01-20T08:30:00+00:00", "January 20, 2026" or "14 March 2025".
    A string must contain a four-digit year, so "5 min read" is never a date.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not _YEAR_RE.search(value):
        return None
    try:
        parsed = date_parser.parse(value.strip(), default=dt.datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat()


def _date_from(text: str | None) -> str | None:
    if not text:
        return None
    for piece in _DATE_PIECES_RE.split(text):
        found = iso_date(piece)
        if found:
            return found
    return None


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """(author, date or None) when ``line`` is a byline, else None."""
    core = line.strip().strip(_EMPHASIS).strip()
    m = _BY_FIRST_RE.fullmatch(core) or _DATE_FIRST_RE.fullmatch(core)
    if m is None:
        follow = _FOLLOW_RE.fullmatch(core)
        return (follow.group("name").strip(), None) if follow else None
    date_text = m.group("date")
    date = _date_from(date_text)
    if date_text and date is None:
        return None  # "By the way, ..." style prose: whatever follows the name is no date
    return m.group("name").strip(), date


def _reading_time_date(line: str) -> str | None:
    """The date on a blog platform's reading-time line, if it is one and carries a date."""
    m = _READ_TIME_RE.fullmatch(line.strip().strip(_EMPHASIS).strip())
    return _date_from(m.group("a") or m.group("b")) if m else None


def take_byline(text: str) -> tuple[str, str | None, str | None]:
    """Find a byline among the first lines of ``text``; return (text without it, author, date).

    A blog platform's export splits it in two: "NAME · Follow", then the reading-time line
    with the date; the date is read from that line (which cleaning drops as furniture).
    """
    lines = text.split("\n")
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _BYLINE_WINDOW:
            break
        found = parse_byline(line)
        if found is not None:
            author, date = found
            if date is None:
                nxt = next((x for x in lines[i + 1 :] if x.strip()), "")
                date = _reading_time_date(nxt)
            return "\n".join(lines[:i] + lines[i + 1 :]), author, date
    return text, None, None
