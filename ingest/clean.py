"""Boilerplate removal and section detection for captured web articles.

The raw articles are web captures: besides the article they carry site chrome (logos,
pagers, footer menus), share rows, links to unrelated posts, vendor sales pitches and reader
comments. Anything left in would be retrieved and cited as if the author had claimed it, so
cleaning removes it - but a grounded assistant is only as good as the facts it keeps, so the
rules are deliberately narrow and prefer keeping a doubtful sentence to losing a real one.

Design rules:

* Generic rules only: patterns below are data (whole-line furniture, promotional sentence
  markers, footer starts), each with the reason it exists. No rule names an article id.
* Removal is by whole line or by single sentence inside a paragraph; words are never
  rewritten. Whitespace is normalised lightly (trailing spaces, runs of 3+ blank lines, bullet
  glyphs to "• ", runs of spaces), which is what lets offsets stay meaningful afterwards.
* Everything dropped is recorded in ``CleanedArticle.removed`` so tests (and a curious
  developer) can see exactly what cleaning decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.chunk import BULLET_RE, find_tables, heading_title, split_sentences
from knowledge.models import ArticleMeta, CleanedArticle, Section

_I = re.IGNORECASE

# Whole-line page furniture: matched against the complete stripped line, so a sentence that
# merely mentions "logo" or "share" is never touched.
_BOILERPLATE_LINES: tuple[tuple[str, str], ...] = (
    (r"(?:[\w.&'’-]+\s+){1,3}logo", "site logo alt text captured as a line"),
    (r"(?:next|previous|prev)\s*topic.*", "tutorial-site pager ('Next TopicPython ...')"),
    (r"learn latest tutorials|trending technologies|b\.?\s?tech\s*/\s*mca",
     "tutorial-site footer menu titles"),
    (r"back to top(?: button)?", "theme widget"),
    (r"table of contents\s*:?", "TOC label; the real headings follow in the text"),
    (r"(?:help others,?\s*)?please share\b.*", "share prompt"),
    (r"share (?:this(?: post| article| page)?|on \w+)\s*:?", "share prompt"),
    (r"(?:(?:facebook|twitter|pinterest|linkedin|reddit|whatsapp|telegram|tumblr|instagram|"
     r"youtube|email|e-mail|print)\b[\s,|/•·]*){2,}", "row of social share buttons"),
    (r".*\bjoin our \w+ (?:channel|group|community)\b.*", "channel/community promo"),
    (r"(?:also\s+)?check\s?out\s*:.*", "'Checkout : <other post>' link to an unrelated post"),
    (r"check (?:out )?(?:our |the )?related posts?\b.*", "link to related posts"),
    (r"you (?:may|might) also like\b.*", "link to related posts"),
    (r"related (?:articles|posts|reading|stories)\s*:?", "related-posts widget title"),
    (r"(?:read|see) (?:more|also)\s*:.*", "link to another post"),
    (r"advertisement|sponsored(?: content)?", "ad label"),
)
_BOILERPLATE_RES = tuple((re.compile(p, _I), why) for p, why in _BOILERPLATE_LINES)

# Whole lines after which a capture holds only site chrome and reader comments. Only honoured
# in the last 40% of the text so that, say, a mid-article "Related Articles" heading in an
# upload cannot truncate the article.
_FOOTER_START_RE = re.compile(
    r"related (?:articles|posts|reading|stories)\s*:?"
    r"|(?:\d+\s+)?(?:comments?|responses?|replies)\s*:?"
    r"|leave a (?:reply|comment)\b.*"
    r"|(?:next|previous|prev)\s*topic.*"
    r"|you (?:may|might) also like\b.*",
    _I,
)
_FOOTER_MIN_POSITION = 0.6

# Sentences that sell, link out or talk to the reader instead of informing. Searched inside a
# sentence; a match drops that sentence only (see ``_drop_promo_sentences``).
_PROMO_SENTENCE_PATTERNS: tuple[str, ...] = (
    r"\bhire (?:dedicated|our|expert|top)\b",  # staffing pitch inside a technical paragraph
    r"\bat [A-Z][\w&.-]*, we\b",  # "At PLANEKS, we specialize ..."
    r"\bwe specialize\b",
    r"\breach out to (?:us|our)\b",
    r"\bcontact us\b",
    r"\bget in touch\b",
    r"\blet us help\b",
    r"\bfree consultation\b",
    r"\bwe are committed to\b",
    r"\bour team is here\b",
    r"\bwith our support\b",  # case-study blurb
    r"\bdiscover our\b",  # "Discover our Django development services ..."
    r"\bis your trusted\b",
    r"\blet us know your thoughts\b",  # comment bait
    r"\bin the comments below\b",
    r"\bconnect (?:with )?(?:me|us) on (?:twitter|linkedin|facebook|instagram|x)\b",
    r"\bfollow (?:me|us) on (?:twitter|linkedin|facebook|instagram|x)\b",
    r"\bthis post is dedicated to you\b",  # promo box for another post
    r"\bwe(?:'ve| have) covered (?:the|this) topic in detail\b",  # link-out to another post
    r"\bsubscribe to (?:our|my) (?:newsletter|channel)\b",
    r"\bwould you mind if i share your blog\b",  # reader-comment spam
)
_PROMO_RE = re.compile("|".join(_PROMO_SENTENCE_PATTERNS), _I)
# In a paragraph that is mostly promotion, short sentences that name no subject are its hooks
# ("Don't leave your project's success to chance.") and go with it. Longer sentences stay:
# they may be the author's real conclusion sitting next to a call to action.
_HOOK_MAX_CHARS = 80

# Words that make a sentence or heading "about the comparison"; such text is never treated as
# a promotional hook, case-study card or orphaned promo heading.
_SUBJECT_TERM_RE = re.compile(
    r"\b(?:django|node(?:\.?\s?js)?|nodejs|python|javascript|typescript|frameworks?|runtime|"
    r"backend)\b",
    _I,
)
# A heading that is just a subject name ("Django", "Node.js") is a sub-heading of a
# comparison section (pros/cons per framework), hence level 2.
_BARE_SUBJECT_RE = re.compile(
    r"(?:python\s+)?django|node(?:\.?\s?js)?|nodejs|python|javascript|express(?:\.?js)?", _I
)
# Headings that frame the whole comparison (or ask a question) are level 1.
_FRAMING_RE = re.compile(
    r"\b(?:vs\.?|versus|comparison|compared?|comparing|differences?|overview|introduction|"
    r"conclusion|summary|pros|cons|advantages|disadvantages|which|what|how|why|when|should|"
    r"decide|choosing|choose|verdict)\b",
    _I,
)
# "Some of the security features Django provides are:" introduces a list; it is no heading.
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

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
_FENCE_RE = re.compile(r"\s*(?:```|~~~)")
_BULLET_PREFIX_RE = re.compile(r"^(?:[•●▪◦‣∙]\s*|[*+-]\s+)(?=\S)")
_GLYPH_BULLET_RE = re.compile(r"•\s*")
_NUMBERED_RE = re.compile(r"\d{1,3}[.)]\s")
_FIRST_PERSON_RE = re.compile(r"\b(?:I|I['’]m|I['’]ve|I['’]d)\b|\b(?:my|me)\b")
_COMMENT_MIN_CHARS = 60
_CARD_TITLE_MAX_WORDS = 4
_CARD_TITLE_MAX_CHARS = 40
_CARD_BLURB_MAX_CHARS = 240
_MIN_CARDS = 2
# Removal reasons whose line, if it directly follows a heading-like line, orphans that line.
_ORPHANING_REASONS = frozenset({"boilerplate", "promo", "promo card"})


@dataclass
class _Line:
    """A line under cleaning: its (possibly sentence-trimmed) text and what happened to it."""

    text: str
    fenced: bool = False
    kept: bool = True
    reason: str = ""
    dropped: list[str] = field(default_factory=list)

    @property
    def live(self) -> bool:
        """A kept, non-blank line outside code fences: the only kind rules look at."""
        return self.kept and bool(self.text) and not self.fenced


def _normalise(raw_text: str) -> list[_Line]:
    """Split into lines with light whitespace normalisation (code fences left verbatim)."""
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = text.replace("\xa0", " ")
    lines: list[_Line] = []
    fenced = False
    for raw in text.split("\n"):
        if _FENCE_RE.match(raw) or fenced:
            if _FENCE_RE.match(raw):
                fenced = not fenced
            lines.append(_Line(raw.rstrip(), fenced=True))
            continue
        line = re.sub(r"[ \t]{2,}", " ", raw.replace("\t", " ")).strip()
        line = _BULLET_PREFIX_RE.sub("• ", line, count=1)
        lines.append(_Line(line))
    return _unwrap(lines)


def _unwrap(lines: list[_Line]) -> list[_Line]:
    """Join hard-wrapped lines: a line with no terminal punctuation followed directly by a line
    starting in lower case is one sentence broken by a text editor, not two paragraphs."""
    out: list[_Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.live
            and line.live
            and prev.text[-1] not in _TERMINAL + ":"
            and line.text[0].islower()
            and "|" not in prev.text + line.text
        ):
            prev.text = f"{prev.text} {line.text}"
            continue
        out.append(line)
    return out


def _drop(line: _Line, reason: str) -> None:
    line.kept = False
    line.reason = reason


def _truncate_footer(lines: list[_Line]) -> None:
    """Drop everything from a footer marker ("Related Articles", "Next Topic...") onwards."""
    total = sum(len(line.text) + 1 for line in lines) or 1
    seen = 0
    for i, line in enumerate(lines):
        if (
            line.live
            and seen >= _FOOTER_MIN_POSITION * total
            and _FOOTER_START_RE.fullmatch(line.text)
        ):
            for rest in lines[i:]:
                if rest.kept and rest.text:
                    _drop(rest, "footer")
            return
        seen += len(line.text) + 1


def _drop_boilerplate(lines: list[_Line]) -> None:
    for line in lines:
        if line.live and any(rx.fullmatch(line.text) for rx, _ in _BOILERPLATE_RES):
            _drop(line, "boilerplate")


def _drop_comment_spam(lines: list[_Line]) -> None:
    """Numbered reader comments: first person, off topic ("I seem to be unable to ...")."""
    for line in lines:
        if (
            line.live
            and _NUMBERED_RE.match(line.text)
            and len(line.text) > _COMMENT_MIN_CHARS
            and _FIRST_PERSON_RE.search(line.text)
            and not _SUBJECT_TERM_RE.search(line.text)
        ):
            _drop(line, "comment")


def _is_card_title(text: str) -> bool:
    return (
        not text.startswith("•")
        and len(text.split()) <= _CARD_TITLE_MAX_WORDS
        and len(text) <= _CARD_TITLE_MAX_CHARS
        and text[-1] not in _TERMINAL + ":,;"
        and (text[0].isupper() or text[0].isdigit())
        and not _SUBJECT_TERM_RE.search(text)
    )


def _is_card_blurb(text: str) -> bool:
    return (
        not text.startswith("•")
        and len(text) <= _CARD_BLURB_MAX_CHARS
        and text.endswith(".")
        and len(split_sentences(text)) == 1
        and not _SUBJECT_TERM_RE.search(text)
    )


def _drop_card_runs(lines: list[_Line]) -> None:
    """Drop runs of case-study cards: two or more (short title, one-sentence blurb) pairs in a
    row whose blurbs never mention the compared technologies ("MusicTeam" / "With our support,
    MusicTeam launched v1 ..."). A single such pair is left alone: it may be a real heading
    with a one-line paragraph."""
    idx = [i for i, line in enumerate(lines) if line.live]
    k = 0
    while k < len(idx):
        pairs: list[tuple[int, int]] = []
        j = k
        while (
            j + 1 < len(idx)
            and _is_card_title(lines[idx[j]].text)
            and _is_card_blurb(lines[idx[j + 1]].text)
        ):
            pairs.append((idx[j], idx[j + 1]))
            j += 2
        if len(pairs) >= _MIN_CARDS:
            for a, b in pairs:
                _drop(lines[a], "promo card")
                _drop(lines[b], "promo card")
            k = j
        else:
            k += 1


def _drop_promo_sentences(lines: list[_Line]) -> None:
    """Drop promotional sentences; drop the line when nothing of substance is left.

    When at least half of a paragraph's sentences are promotional, its short hooks that
    name no subject go too. Sentences about the compared technologies always stay.
    """
    for line in lines:
        if not line.live or "|" in line.text:
            continue
        text = line.text
        spans = split_sentences(text)
        promo = [bool(_PROMO_RE.search(text, s.start, s.end)) for s in spans]
        if not any(promo):
            continue
        majority = 2 * sum(promo) >= len(spans)
        keep: list[str] = []
        dropped: list[str] = []
        for span, is_promo in zip(spans, promo, strict=True):
            sentence = text[span.start : span.end]
            hook = (
                majority
                and len(sentence) <= _HOOK_MAX_CHARS
                and not _SUBJECT_TERM_RE.search(sentence)
            )
            (dropped if is_promo or hook else keep).append(sentence)
        if not keep:
            _drop(line, "promo")
            continue
        bullet = BULLET_RE.match(text)
        prefix = text[: bullet.end()] if bullet and text.startswith("•") else ""
        line.text = prefix + " ".join(keep)
        line.dropped.extend(dropped)


def _is_heading_candidate(text: str) -> bool:
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


def _drop_orphan_headings(lines: list[_Line]) -> None:
    """Drop a heading-like line whose next line was removed as promotion or furniture.

    "Scale Your Business with Ease" / "Are you frustrated in your programming life?" are the
    titles of promo boxes; once the box body is gone they would otherwise become headings
    governing the article text that follows. Headings naming a subject are kept regardless.
    """
    for i, line in enumerate(lines):
        if not line.live or not _is_heading_candidate(line.text):
            continue
        if _SUBJECT_TERM_RE.search(line.text):
            continue
        nxt = next((ln for ln in lines[i + 1 :] if ln.text), None)
        if nxt is not None and not nxt.kept and nxt.reason in _ORPHANING_REASONS:
            _drop(line, "orphan heading")


def _assemble(lines: list[_Line]) -> tuple[str, list[str]]:
    """Join kept lines; gaps of 3+ blank lines become one, gaps of 1-2 are kept.

    A double blank line is kept because captures use it where a sub-heading was lost (the
    advantages and disadvantages lists in a tutorial); the chunker treats it as a break. The
    gap left by a removed line is the larger of the blank runs around it, so removing a line
    never manufactures a double blank line.
    """
    out: list[str] = []
    removed: list[str] = []
    gap = run = 0
    for line in lines:
        if not line.kept:
            if line.text:
                removed.append(line.text)
            gap, run = max(gap, run), 0
            continue
        removed.extend(line.dropped)
        if not line.text:
            run += 1
            continue
        gap = max(gap, run)
        if out:
            out.extend([""] * (1 if gap >= 3 else gap))
        out.append(line.text)
        gap = run = 0
    return "\n".join(out), removed


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _matches_title(line: str, title: str) -> bool:
    """Whether the first line is the article's own title (equal or mostly the same words)."""
    a, b = set(_tokens(line)), set(_tokens(title))
    if not a or not b or len(line) > 200:
        return False
    return a == b or len(a & b) / len(a | b) >= 0.6


def detect_sections(text: str, meta: ArticleMeta | None = None) -> tuple[Section, ...]:
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
    ("Key Comparison Criteria", "Pros and Cons ...") is level 1; any other heading is level 2
    once a level-1 heading exists ("Performance" under "Key Comparison Criteria"), else 1.

    A section ends where the next section of the same or a higher level starts. A level-2
    section also ends where a comparison table starts after some body text: such a table
    summarises the parent section ("All in all ... one absolute table" sits under "Security"
    but lists every criterion), so its rows belong to the parent.

    Lines of comparison tables are never headings.
    """
    tables = find_tables(text)
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
        if _is_heading_candidate(line) and nxt and not nxt[0].islower():
            title = heading_title(line)
            if _BARE_SUBJECT_RE.fullmatch(title) or prev_heading:
                level = 2
            elif "?" in line or _SUBJECT_TERM_RE.search(title) or _FRAMING_RE.search(title):
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
        if level >= 2:
            line_end = text.find("\n", start)
            line_end = len(text) if line_end == -1 else line_end
            for table in tables:
                if start < table.start < end and text[line_end : table.start].strip():
                    end = table.start
                    break
        sections.append(Section(title=title, start=start, end=end, level=level))
    return tuple(sections)


def clean_article(raw_text: str, meta: ArticleMeta) -> CleanedArticle:
    """Remove what is not the article from a captured page and find its sections.

    Args:
        raw_text: The article as captured (plain text; see ``ingest.formats`` for files).
        meta: Bibliographic facts; ``meta.title`` lets the first line be kept as the title.

    Returns:
        The cleaned article: text, sections (see ``detect_sections``) and every removed line
        or sentence, in document order.
    """
    lines = _normalise(raw_text)
    _truncate_footer(lines)
    _drop_boilerplate(lines)
    _drop_comment_spam(lines)
    _drop_card_runs(lines)
    _drop_promo_sentences(lines)
    _drop_orphan_headings(lines)
    text, removed = _assemble(lines)
    return CleanedArticle(
        meta=meta,
        text=text,
        sections=detect_sections(text, meta),
        removed=tuple(removed),
    )
