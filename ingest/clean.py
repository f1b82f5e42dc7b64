"""Boilerplate removal and section detection for captured web articles.

The raw articles are web captures: besides the article they carry site chrome (logos,
pagers, footer menus), share rows, links to unrelated posts, vendor sales pitches and reader
comments. Anything left in would be retrieved and cited as if the author had claimed it, so
cleaning removes it - but a grounded assistant is only as good as the facts it keeps, so the
rules are deliberately narrow and prefer keeping a doubtful sentence to losing a real one.

Design rules:

* Generic rules only: patterns (the table in ``ingest.clean_rules``) are data (whole-line
  furniture, promotional sentence markers, footer starts), each with the reason it exists.
  No rule names an article id.
* Removal is by whole line or by single sentence inside a paragraph; words are never
  rewritten. Whitespace is normalised lightly (trailing spaces, runs of 3+ blank lines, bullet
  glyphs to "• ", runs of spaces), which is what lets offsets stay meaningful afterwards.
* Everything dropped is recorded in ``CleanedArticle.removed`` so tests (and a curious
  developer) can see exactly what cleaning decided.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ingest.clean_cards import grid_spans, keep_prose_cards
from ingest.clean_lines import Line, drop, fire
from ingest.clean_rules import (
    _BOILERPLATE_RES,
    _FOOTER_MIN_POSITION,
    _FOOTER_START_RES,
    _PROMO_RES,
    SHAPE_RULES,
    all_rules,
    rule_count,
)
from ingest.clean_shapes import drop_sponsor_boxes, take_speakers
from ingest.sections import detect_sections, heading_title, is_heading_candidate, subject_terms
from ingest.tables import find_tables
from knowledge.models import ArticleMeta, CleanedArticle, SpeakerTurn
from knowledge.text.person import first_person_singular
from knowledge.text.sentences import BULLET_RE, split_sentences

__all__ = ["SHAPE_RULES", "all_rules", "audit_rules", "clean_article", "detect_sections",
           "heading_title", "rule_count"]

# The rule table (patterns with their reasons, shape-rule ids, ``rule_count``, ``all_rules``)
# lives in ``ingest.clean_rules``; this module applies it.

# In a paragraph that is mostly promotion, short sentences that name no subject are its hooks
# ("Don't leave your project's success to chance.") and go with it. Longer sentences stay:
# they may be the author's real conclusion sitting next to a call to action.
_HOOK_MAX_CHARS = 80

_TERMINAL = ".!?"

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
_FENCE_RE = re.compile(r"\s*(?:```|~~~)")
#: A run of "=" or "-" right under a line underlines it as a heading (setext style).
_SETEXT_RE = re.compile(r"=+|-+")
_BULLET_PREFIX_RE = re.compile(r"^(?:[•●▪◦‣∙]\s*|[*+-]\s+)(?=\S)")
_GLYPH_BULLET_RE = re.compile(r"•\s*")
_NUMBERED_RE = re.compile(r"\d{1,3}[.)]\s")
_COMMENT_MIN_CHARS = 60
_BIO_MAX_CHARS = 240
_BIO_MAX_SENTENCES = 3
# Removal reasons whose line, if it directly follows a heading-like line, orphans that line.
_ORPHANING_REASONS = frozenset({"boilerplate", "promo", "teaser card", "author bio"})


def _normalise(raw_text: str, subject_names: Sequence[str] | None = None) -> list[Line]:
    """Split into lines with light whitespace normalisation.

    Code between fences is dropped as a whole (code is never article prose and never quoted);
    lines of tables (see ``ingest.tables``) are marked so that no prose rule touches them.
    """
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = text.replace("\xa0", " ")
    lines: list[Line] = []
    fenced = False
    for raw in text.split("\n"):
        if _FENCE_RE.match(raw) or fenced:
            if _FENCE_RE.match(raw):
                fenced = not fenced
            lines.append(Line(raw.rstrip(), fenced=True))
            continue
        line = re.sub(r"[ \t]{2,}", " ", raw.replace("\t", " ")).strip()
        line = _BULLET_PREFIX_RE.sub("• ", line, count=1)
        lines.append(Line(line))
    for code in lines:
        if code.fenced:
            drop(code, "code")
    _mark_tables(lines, subject_names)
    return _unwrap(lines)


def _mark_tables(lines: list[Line], subject_names: Sequence[str] | None) -> None:
    """Flag the lines of ``rows`` and pipe tables (flattened tables read as prose)."""
    starts: list[int] = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line.text) + 1
    text = "\n".join(line.text for line in lines)
    spans = [
        (t.start, t.end) for t in find_tables(text, subject_names) if t.kind in {"rows", "pipe"}
    ]
    for line, start in zip(lines, starts, strict=True):
        if line.kept and any(a <= start < b for a, b in spans):
            line.table = True


#: A line ending in one of these words stops mid-sentence (no heading or label ends so), so
#: the next line continues it even when that line opens with a name or a number ("... and" /
#: "Node.js gives you ...", "... against 1,100 for" / "Django.").
_OPEN_ENDINGS = frozenset({
    "a", "an", "the", "and", "or", "nor", "but", "of", "to", "for", "with", "than", "in", "on",
    "at", "by", "from", "as", "that", "which", "who", "whose", "is", "are", "was", "were", "be",
    "into", "onto", "over", "under", "between", "against", "like", "via", "per", "while",
    "whereas", "because", "if", "when", "so", "its", "their", "our", "your", "my",
})
#: A line this long that ends without punctuation, directly followed by a line that is no
#: bullet, is a hard-wrapped paragraph line (headings and labels are short).
_WRAP_MIN_CHARS = 60


def _continues(prev: str, line: str) -> bool:
    """Whether ``line`` continues the sentence ``prev`` breaks off (see ``_unwrap``)."""
    if line[0].islower():
        return True
    if BULLET_RE.match(line) or not (line[0].isalnum() or line[0] in "\"'“‘($"):
        return False  # a bullet, a rule or underline, a table or quote marker
    last = re.findall(r"[\w'’]+", prev[-20:].lower())
    return bool(last and last[-1] in _OPEN_ENDINGS) or len(prev) >= _WRAP_MIN_CHARS


def _unwrap(lines: list[Line]) -> list[Line]:
    """Join hard-wrapped lines: a line with no terminal punctuation followed directly by a line
    starting in lower case is one sentence broken by a text editor, not two paragraphs; so is
    one that breaks off after a function word ("and", "for", "the") or is as long as a wrapped
    paragraph line (``_WRAP_MIN_CHARS``), whatever the next line opens with."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.live
            and line.live
            and prev.text[-1] not in _TERMINAL + ":"
            and _continues(prev.text, line.text)
            and "|" not in prev.text + line.text
        ):
            prev.text = f"{prev.text} {line.text}"
            continue
        out.append(line)
    return out


def _truncate_footer(lines: list[Line], fired: Counter[str] | None = None) -> None:
    """Drop everything from a footer marker ("Related Articles", "Next Topic...") onwards."""
    total = sum(len(line.text) + 1 for line in lines) or 1
    seen = 0
    for i, line in enumerate(lines):
        rule = next(
            (rid for rx, rid in _FOOTER_START_RES if rx.fullmatch(line.text)), None
        ) if line.live and seen >= _FOOTER_MIN_POSITION * total else None
        if rule is not None:
            fire(fired, f"footer: {rule}")
            for rest in lines[i:]:
                if rest.kept and rest.text:
                    drop(rest, "footer")
            return
        seen += len(line.text) + 1


def _drop_boilerplate(lines: list[Line], fired: Counter[str] | None = None) -> None:
    for line in lines:
        if not line.live:
            continue
        rule = next((rx.pattern for rx, _ in _BOILERPLATE_RES if rx.fullmatch(line.text)), None)
        if rule is not None:
            fire(fired, f"line: {rule}")
            drop(line, "boilerplate")


def _drop_comment_spam(lines: list[Line], fired: Counter[str] | None = None) -> None:
    """Numbered reader comments: first person, off topic ("I seem to be unable to ...")."""
    for line in lines:
        if (
            line.live
            and _NUMBERED_RE.match(line.text)
            and len(line.text) > _COMMENT_MIN_CHARS
            and first_person_singular(line.text)
            and not subject_terms().search(line.text)
        ):
            fire(fired, "shape: numbered off-topic first-person comment")
            drop(line, "comment")


def _drop_promo_sentences(lines: list[Line], fired: Counter[str] | None = None) -> None:
    """Drop promotional sentences; drop the line when nothing of substance is left.

    When at least half of a paragraph's sentences are promotional, its short hooks that
    name no subject go too. Sentences about the compared technologies always stay.
    """
    for line in lines:
        if not line.live or "|" in line.text:
            continue
        text = line.text
        spans = split_sentences(text)
        hits = [
            [rid for rx, rid in _PROMO_RES if rx.search(text, s.start, s.end)] for s in spans
        ]
        promo = [bool(h) for h in hits]
        if not any(promo):
            continue
        for rid in {r for h in hits for r in h}:
            fire(fired, f"promo: {rid}")
        majority = 2 * sum(promo) >= len(spans)
        keep: list[str] = []
        dropped: list[str] = []
        for span, is_promo in zip(spans, promo, strict=True):
            sentence = text[span.start : span.end]
            hook = (
                majority
                and len(sentence) <= _HOOK_MAX_CHARS
                and not subject_terms().search(sentence)
            )
            if hook and not is_promo:
                fire(fired, "shape: short hook in a promotional paragraph")
            (dropped if is_promo or hook else keep).append(sentence)
        if not keep:
            drop(line, "promo")
            continue
        bullet = BULLET_RE.match(text)
        prefix = text[: bullet.end()] if bullet and text.startswith("•") else ""
        line.text = prefix + " ".join(keep)
        line.dropped.extend(dropped)


def _drop_author_bio(
    lines: list[Line], meta: ArticleMeta, fired: Counter[str] | None = None
) -> None:
    """Drop a closing author bio: the article's last paragraph, at most three short sentences, that
    starts with the author's name ("NAME is a backend lead at ...", "NAME writes about ...").
    It describes the writer, not the subject; the name comes from the file's own metadata."""
    if not meta.author:
        return
    last = next((ln for ln in reversed(lines) if ln.live), None)
    if (
        last is not None
        and last.text.startswith(meta.author + " ")
        and len(last.text) <= _BIO_MAX_CHARS
        and len(split_sentences(last.text)) <= _BIO_MAX_SENTENCES
    ):
        fire(fired, "shape: closing author bio")
        drop(last, "author bio")


def _drop_orphan_headings(lines: list[Line], fired: Counter[str] | None = None) -> None:
    """Drop a heading-like line whose next line was removed as promotion or furniture.

    "Scale Your Business with Ease" / "Are you frustrated in your programming life?" are the
    titles of promo boxes; once the box body is gone they would otherwise become headings
    governing the article text that follows. Headings naming a subject are kept regardless.
    """
    for i, line in enumerate(lines):
        if not line.live or not is_heading_candidate(line.text):
            continue
        if subject_terms().search(line.text):
            continue
        nxt = next((ln for ln in lines[i + 1 :] if ln.text), None)
        if nxt is not None and nxt is lines[i + 1] and _SETEXT_RE.fullmatch(nxt.text):
            continue  # "Performance" over "-----------": a plain-text heading's underline
        if nxt is not None and not nxt.kept and nxt.reason in _ORPHANING_REASONS:
            fire(fired, "shape: heading orphaned by a removed box")
            drop(line, "orphan heading")


def _assemble(lines: list[Line]) -> tuple[str, list[str], list[SpeakerTurn]]:
    """Join kept lines; gaps of 3+ blank lines become one, gaps of 1-2 are kept.

    A double blank line is kept because captures use it where a sub-heading was lost (the
    advantages and disadvantages lists in a tutorial); the chunker treats it as a break. The
    gap left by a removed line is the larger of the blank runs around it, so removing a line
    never manufactures a double blank line. A transcript line's speaker becomes a turn over
    its span of the joined text (consecutive lines of one speaker make one turn).
    """
    out: list[str] = []
    turns: list[SpeakerTurn] = []
    pos = -1  # where the next line starts, less the newline that joins it
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
            pos += 1 if gap >= 3 else gap
        start = pos + 1
        out.append(line.text)
        pos = start + len(line.text)
        if line.speaker and turns and turns[-1].speaker == line.speaker:
            turns[-1] = SpeakerTurn(line.speaker, turns[-1].start, pos)
        elif line.speaker:
            turns.append(SpeakerTurn(line.speaker, start, pos))
        gap = run = 0
    return "\n".join(out), removed, turns


def _clean(
    raw_text: str, meta: ArticleMeta, subject_names: Sequence[str] | None,
    fired: Counter[str] | None, headings: Sequence[tuple[str, int]] | None = None,
) -> CleanedArticle:
    lines = _normalise(raw_text, subject_names)
    _truncate_footer(lines, fired)
    take_speakers(lines, fired)
    _drop_boilerplate(lines, fired)
    drop_sponsor_boxes(lines, fired)
    _drop_comment_spam(lines, fired)
    grids = keep_prose_cards(lines, fired)
    _drop_promo_sentences(lines, fired)
    _drop_author_bio(lines, meta, fired)
    _drop_orphan_headings(lines, fired)
    text, removed, turns = _assemble(lines)
    return CleanedArticle(
        meta=meta,
        text=text,
        sections=detect_sections(text, meta, subject_names, headings),
        removed=tuple(removed),
        speakers=tuple(turns),
        blocks=grid_spans(text, grids),
    )


def clean_article(
    raw_text: str,
    meta: ArticleMeta,
    subject_names: Sequence[str] | None = None,
    headings: Sequence[tuple[str, int]] | None = None,
) -> CleanedArticle:
    """Remove what is not the article from a captured page and find its sections.

    Args:
        raw_text: The article as plain text (see ``ingest.formats`` for files).
        meta: Bibliographic facts; ``meta.title`` lets the first line be kept as the title.
        subject_names: Names a flattened table header may use (default: the configured
            subjects file).
        headings: Headings the markup declared (``ingest.meta.Document.headings``); see
            ``ingest.sections.detect_sections``.

    Returns:
        The cleaned article: text, sections (see ``detect_sections``) and every removed line
        or sentence, in document order.
    """
    return _clean(raw_text, meta, subject_names, None, headings)



def audit_rules(articles: dict[str, tuple[str, ArticleMeta]]) -> dict[str, list[str]]:
    """Which articles each rule fires on: rule id -> article ids (every rule listed).

    Args:
        articles: article id -> (plain text as ``ingest.formats`` produces it, its metadata).
    """
    out: dict[str, list[str]] = {rule: [] for rule in all_rules()}
    for article_id, (text, meta) in articles.items():
        fired: Counter[str] = Counter()
        _clean(text, meta, None, fired)
        for rule in fired:
            out.setdefault(rule, []).append(article_id)
    return out


def _audit_main(folders: Sequence[str]) -> None:
    """Print the rule -> articles table for the bundled corpus plus ``folders``."""
    from pathlib import Path

    from ingest.formats import to_document
    from ingest.pipeline import bundled_sources
    from knowledge.settings import Settings

    articles: dict[str, tuple[str, ArticleMeta]] = {}
    for src in bundled_sources(Settings().corpus_dir):
        doc = to_document(src.path.read_bytes(), src.path.suffix)
        articles[src.article_id] = (doc.text, src.meta or ArticleMeta(src.article_id, ""))
    for folder in folders:
        for path in sorted(Path(folder).iterdir()):
            doc = to_document(path.read_bytes(), path.suffix)
            meta = ArticleMeta(path.stem, doc.title or path.stem, author=doc.author)
            articles[path.stem] = (doc.text, meta)
    table = audit_rules(articles)
    print(f"{rule_count()} cleaning rules, {len(articles)} articles")
    for rule, ids in table.items():
        print(f"{len(ids):2d}  {rule[:70]:70}  {', '.join(ids)}")


if __name__ == "__main__":
    import sys

    if len(sys.argv) >= 2 and sys.argv[1] == "--audit":
        _audit_main(sys.argv[2:] or ["tests/field/articles"])
    else:
        print("usage: python -m ingest.clean --audit [FOLDER ...]", file=sys.stderr)
        sys.exit(2)
