"""Whose "I" is it? Each article's voice named when an answer quotes several.

The composer quotes sentences verbatim, so an answer may hold "I have been writing
backends since 2009. [2]" next to "We run a small consultancy ... [1]": two writers, one
"I" and one "we", read as one voice. Blind review 12 lost four answers that way (c13, c22,
c29, c32); the reviewers preferred the old answers that named each source.

``name_voices`` reads a composed answer and, when its visible sentences hold first-person
lines (``knowledge.text.person``) of two articles or more, introduces each run of
sentences from one article by that article's voice:

* the speaker of the paragraph the sentence comes from, when the article gives its
  turns a run-in label that recurs on paragraphs that mostly speak in the first person
  ("Amara Osei: ..." in an interview; "Node.js: ..." over a list of traits is a topic,
  not a speaker; read with
  ``ingest.speakers.run_in_label``): the "I" of an interview is the interviewee's, not the
  byline's. A sentence of such an article whose own paragraph carries no label is named
  by its article only;
* else the author the article's metadata gives ("Helen Achterberg, in “I Keep Choosing
  Django”: ...");
* else the article (``source_label``: "In the PLANEKS article: ...").

Once an answer is several voices, every switch of source is named, also for a sentence
without "I" or "we": an unnamed line after another article's "we" would read as that
writer's. A plain answer puts each voice in its own paragraph; a comparison keeps its
side paragraphs and names the voice after the side's lead. An answer whose first-person
lines come from one article stays as it is, and so does a sentence citing two articles
(a merged near-duplicate: no one voice) and the verdict line. A table cell is named like
a sentence (review 12's c27: another table's "$95 a month" read as the writer's before
it). Only words are added before a sentence: the sentence and its markers are unchanged,
except that an interview turn's own run-in label ("Amara Osei: If your
product ...") gives way to the fuller label that names the speaker and the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from ingest.speakers import run_in_label
from knowledge.models import ArticleMeta
from knowledge.text.person import first_person

#: Trailing citation markers of a rendered sentence ("... [2][5] ").
_MARKS = re.compile(r"((?:\s*\[\d+\])+)\s*$")
_NUM = re.compile(r"\[(\d+)\]")
#: A run-in label names a speaker when it opens at least this many paragraphs of the
#: article (a one-off "Security: ..." paragraph is a labelled paragraph, not a turn).
MIN_TURNS = 2
#: Characters of a sentence's end used to find its paragraph in the cited passage (the
#: start may have been repaired by ``assistant.openers``; the end is verbatim).
_TAIL = 40
#: A quoted title longer than this is cut ("..."): a label must not outgrow its sentence.
TITLE_CHARS = 80


def title_clause(meta: ArticleMeta | None, article_id: str = "") -> str:
    """An article's title as a voice label quotes it: its first clause ("Django or Node.js for
    a three-person startup?"), the whole title when that clause is two words or fewer
    ("Talk write-up" says nothing), at most ``TITLE_CHARS``, quotes inside made single."""
    title = ((meta.title if meta else "") or (meta.article_id if meta else article_id)).strip()
    first = re.split(r"(?<=[?!:])\s|:\s", title, maxsplit=1)[0].rstrip(":").strip()
    if len(first.strip("\"“”'‘’").split()) <= 2:
        first = title
    first = re.sub(r'"([^"]*)"', "‘\\1’", first.strip("\"“”"))
    first = first.replace("“", "‘").replace("”", "’")
    if len(first) > TITLE_CHARS:
        first = first[:TITLE_CHARS - 3].rstrip() + "..."
    return first


def source_label(meta: ArticleMeta | None, article_id: str = "") -> str:
    """How an answer names a source: "the Javatpoint tutorial", "the PLANEKS article".

    Articles without a publisher are named by their title's first clause and year, which
    is what a reader can find again in the library. (Moved here from the composer, as it
    was: the voice labels below name a source the same way.)
    """
    if meta is None:
        return f"the article {article_id}"
    if meta.publisher:
        kind = "tutorial" if "tutorial" in (meta.title or "").lower() else "article"
        if meta.publisher.lower() == "javatpoint":
            kind = "tutorial"
        return f"the {meta.publisher} {kind}"
    title = (meta.title or meta.article_id).strip()
    first = re.split(r"(?<=[?!:])\s|:\s", title, maxsplit=1)[0].rstrip(":").strip()
    if len(first) > 60:
        first = first[:57].rstrip() + "..."
    year = f"{meta.year} " if meta.year else ""
    return f"the {year}article “{first}”"


def voice_label(meta: ArticleMeta | None, article_id: str, speaker: str | None = None,
                author: bool = True) -> str:
    """The words that introduce an article's voice: "<speaker or author>, in “<title>”: ",
    or "In <source label>: " when neither is known (``author`` False: the byline is not
    the voice, as in an interview)."""
    who = speaker or (meta.author if meta is not None and author else None)
    if who:
        return f"{who.strip()}, in “{title_clause(meta, article_id)}”: "
    if meta is None or meta.publisher:
        return f"In {source_label(meta, article_id)}: "
    year = f"{meta.year} " if meta.year else ""
    return f"In the {year}article “{title_clause(meta, article_id)}”: "


def speaker_turns(index: Any, article_id: str) -> frozenset[str]:
    """The run-in labels that open ``MIN_TURNS`` paragraphs or more of the article, most
    of them in the first person (its speakers, when it is an interview or a transcript:
    the talk test of ``ingest.speakers``); memoised per corpus version."""
    memo = getattr(index, "memo", None)
    key = ("speaker-turns", article_id)
    if memo is not None and key in memo:
        got: frozenset[str] = memo[key]
        return got
    counts: dict[str, list[int]] = {}  # label -> [paragraphs, of them in the first person]
    for chunk in getattr(index, "chunks", ()):
        if chunk.article_id == article_id:
            for para in chunk.text.split("\n"):
                size, name = run_in_label(para.strip())
                if name:
                    seen = counts.setdefault(name, [0, 0])
                    seen[0] += 1
                    seen[1] += first_person(para.strip()[size:])
    # a speaker talks ("I wrote", "our markets"); "Node.js: Asynchronous; ..." labels a topic
    got = frozenset(n for n, (c, talk) in counts.items() if c >= MIN_TURNS and 2 * talk > c)
    if memo is not None:
        memo[key] = got
    return got


def speaker_of(sentence: str, passage: str, speakers: Iterable[str]) -> str | None:
    """The speaker whose labelled paragraph of ``passage`` holds ``sentence`` (None when
    its paragraph opens with no label among ``speakers``, or when it is not found)."""
    tail = sentence.strip()[-_TAIL:]
    for para in passage.split("\n"):
        if tail and tail in para:
            name = run_in_label(para.strip())[1]
            return name if name in set(speakers) else None
    return None


def _lead(piece: str, leads: Sequence[str]) -> str:
    return next((lead for lead in leads if piece.startswith(lead)), "")


def name_voices(comp: Any, index: Any, leads: Sequence[str] = ()) -> Any:
    """``comp`` (a ``Composition``) with each article's voice named before its run of
    sentences when first-person lines of two articles or more are shown (see the module
    docstring); unchanged otherwise. ``leads``: the side labels the composer puts before a
    paragraph ("Django: ", "Compared directly: "); ``index``: the corpus index (metadata
    and passages, for the speakers of an interview)."""
    if comp.abstained:
        return comp
    by_n = {c.n: c for c in comp.citations}
    lines: list[tuple[int, str, str, Any]] = []  # piece, lead, body, its one citation
    for i, piece in enumerate(comp.pieces):
        m = _MARKS.search(piece)
        if piece.strip() == (comp.verdict or "").strip() or not piece.strip() or m is None:
            continue
        cites = [by_n[int(n)] for n in _NUM.findall(m.group(1)) if int(n) in by_n]
        one = cites[0] if cites and len({c.article_id for c in cites}) == 1 else None
        lead = _lead(piece, leads)
        lines.append((i, lead, piece[len(lead):], one))
    voiced = {cite.article_id for _i, _l, body, cite in lines
              if cite and first_person(_MARKS.sub("", body))}
    if len(voiced) < 2:
        return comp
    metas = getattr(index, "metas", {}) or {}
    plain = not any(lead for _i, lead, _b, _a in lines) and "\n\n" not in comp.pieces
    pieces = list(comp.pieces)
    prev: tuple[int, str | None] | None = None  # (piece index, article) of the last line
    for i, lead, body, cite in lines:
        art = cite.article_id if cite else None
        joined = prev is not None and prev[0] == i - 1 and not lead and not any(
            "\n\n" in p for p in comp.pieces[prev[0]:i])
        same = joined and prev is not None and prev[1] == art
        prev = (i, art)
        if same or art is None:
            continue
        text = _MARKS.sub("", body)
        turns = speaker_turns(index, art)
        speaker = speaker_of(text, cite.text, turns) if turns else None
        own = f"{speaker}: " if speaker and body.startswith(f"{speaker}: ") else ""
        # a sentence opening with its own speaker's label takes the label with the title
        pieces[i] = lead + voice_label(metas.get(art), art, speaker, not turns) + body[len(own):]
        if plain and i > 0 and pieces[i - 1].strip():
            pieces[i - 1] = pieces[i - 1].rstrip() + "\n\n"
    comp.pieces = pieces
    return comp
