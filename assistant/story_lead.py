"""A question asked of one story leads with the story's sentence that answers it.

Why: blind review 17 lost most where a comparison or a fact was asked of one story an
article tells: "Is it quicker for Kestrel Pay to fill a Node opening or a Django one?" (the
CTO interview gives four weeks against ten), "did RecipeBox's Express build end up with more
code?" (610 against 940 lines), "did Harbourlight pay more for servers?" ($240 to $310),
"which stack should we begin with, according to the Kestrel Pay CTO?". The story's sentence
holding the figures or the advice was among the candidates but sat under "more": the
comparison path wrote a verdict line and a sentence per side ("Django: the first backend
was written in Django 5.0 ...") or the which-is-better lean, and the plain path led with
the story's opening background, which shares the name and little else.

A story is found generically: a name the question uses that the library's passages spell
in one article only (``Retrieval.named``, ``assistant.article_reference``: no configured
subject, no name another article uses, so no third technology the library compares, and
no phrase reference such as "the benchmark post", which ``assistant.article_focus``
handles). Then, over that article's sentences (scored by ``assistant.sentences`` from the
index's sentence vectors: no model call):

* each sentence weighs its meaning score plus the share of the question's focus it holds
  (``assistant.shape.focus``; the story's own name and the subjects' names are no focus:
  every sentence of the article is about them), a figure when the question asks a measure
  or a comparison of the two sides, advice when it asks what someone advises;
* the best one leads, with its passage neighbour when the lead gives one side's figure and
  the neighbour the other's ("A Node.js opening ... four weeks." + "For Django roles it is
  closer to ten weeks ..."), and the next best when about as good (a second asked clause);
* the verdict line stays only when the article states it: its own table row
  (``assistant.story_compare.row_line``); a line the composer built (a count, a lean, a
  sentence per side) goes, and the answer's other lines move to "more", never away.

Nothing changes when the lead is already the answer's first line, or when no sentence of
the article holds any of the question's focus.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from assistant.advice import asks_advice, is_advice
from assistant.answer_type import RATIO, quantity
from assistant.composer import Composition
from assistant.corpus_index import tokens
from assistant.counted_columns import counted_columns
from assistant.entity_fact import name_tokens
from assistant.filler import classify_in_context
from assistant.framing import without_framing
from assistant.named import asked_technologies
from assistant.numbering import Citations, cite_candidate, passage_key
from assistant.sentences import Candidate, candidates
from assistant.shape import _Focus, _stands
from assistant.story_compare import named_sides as _named_sides
from assistant.story_keep import (
    AMOUNT,
    ASKED_KIND,
    COMPARES,
    asks_figure,
    carries,
    carrying_at,
    led_by,
    needs_weighing,
    weighs_sides,
)
from knowledge.models import ScoredChunk

#: Weights over a sentence's meaning score (cosine with the question, the base): the share
#: of the question's own words it holds; the kind of figure the question asks (money for
#: "did they pay more", a duration for "quicker to hire"); two sides' figures set against
#: each other (the sentence and its passage neighbour) when the sides are compared; advice
#: when asked.
W_SHARE = 0.3
W_TYPED = 0.12
W_CONTRAST = 0.1
W_ADVICE = 0.15
W_NAME = 0.06
#: A second sentence joins the lead when its weight is within this of the lead's.
SECOND = 0.05
#: The cues live with the check that the composer already answers (``story_keep``).
_COMPARES, _ASKED_KIND, _AMOUNT = COMPARES, ASKED_KIND, AMOUNT
_MARK = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_LABEL = re.compile(r"^(?:[A-Z][\w.]*(?: [A-Z][\w.]*)?|Compared directly): ")


_SIDES: dict[tuple[int, str], frozenset[str]] = {}


def named_sides(text: str, config: Any) -> frozenset[str]:
    """``story_compare.named_sides`` memoised: each sentence is read for its sides by
    several checks (a glossary expansion each time)."""
    key = (id(config), text)
    if key not in _SIDES:
        if len(_SIDES) > 4096:
            _SIDES.clear()
        _SIDES[key] = frozenset(_named_sides(text, config))
    return _SIDES[key]


def story_of(retrieval: Any) -> Any:
    """The name reference to one article (``ArticleReference`` with ``named``), or None:
    a name the search did not narrow by, or an article's byline it did."""
    for ref in (getattr(retrieval, "named", None), getattr(retrieval, "article", None)):
        if ref is not None and getattr(ref, "named", False):
            return ref
    return None


def _weights(question: str, query: Sequence[str], cands: Sequence[Candidate], ref: Any,
             index: Any, subjects: frozenset[str], config: Any,
             ) -> tuple[dict[int, float], dict[int, float]]:
    """Each candidate's weight (by ``id``) and the part of it its answer type gave."""
    # the question's own words, a reason or a manner asked too ("why did ... hurt fewer
    # people?"); the story's name and the subjects' are in every sentence's context
    name = frozenset(tokens(ref.phrase))
    drop = name_tokens(index) | name | subjects
    fx = _Focus(dict.fromkeys((t for t in query if t not in drop), 1.0), index)
    kinds = [p for asks, p in _ASKED_KIND if asks.search(question)]
    asked = quantity(question)
    if asked is not None:
        kinds.append(asked)
    compares = bool(_COMPARES.search(question))
    advice = asks_advice(question) or bool(re.search(r"\b(?:should|advi[sc]e|recommend)",
                                                     question, re.I))
    out, bonus = {}, {}
    for c in cands:
        b = 0.0
        if any(p.search(c.text) for p in kinds) and _AMOUNT.search(c.text):
            b += W_TYPED
        if compares and _contrast(c, cands, config):
            b += W_CONTRAST
        if advice and is_advice(c.text):
            b += W_ADVICE
        # a sentence spelling the story's name matches the question's scope, not its ask
        scope = W_NAME if name and name <= (c.toks or frozenset(tokens(c.text))) else 0.0
        out[id(c)] = c.sem + (W_SHARE * fx.share(c) if fx.terms else 0.0) + b - scope
        bonus[id(c)] = b
    return out, bonus


_asks_figure = asks_figure


def story_sentences(question: str, retrieval: Any, ref: Any, config: Any,
                    rows: bool = False) -> list[Candidate]:
    """The referred article's prose sentences scored against the question (no model call:
    the sentence vectors are in the index); with ``rows`` its table rows too."""
    idx = retrieval.index
    mine = [ScoredChunk(c, 1.0) for c in idx.chunks if c.article_id == ref.article_id]
    own = dataclasses.replace(retrieval, chunks=mine, extra=[])
    cands = candidates(question, own, list(config.subject_names), None, config)
    # a byline or the talk's set-up never leads (``assistant.framing``)
    return [c for c in without_framing(question, cands) if rows or not c.table_label]


def _opens(c: Candidate) -> bool:
    """Whether ``c`` reads alone at the head of an answer (checked on the few ranked first:
    the filler check is the costly part)."""
    return _stands(c) and classify_in_context(c.text, antecedent=False) == "ok"


def _contrast(c: Candidate, cands: Sequence[Candidate], config: Any) -> bool:
    """Whether ``c`` sets figures against each other: a change ("from $240 to $310"), both
    sides' figures ("610 lines ... and the Express build at about 940"), or one side's
    beside its passage neighbour giving the other's."""
    if not _AMOUNT.search(c.text):
        return False
    if RATIO.search(c.text):
        return True
    spans = [m.span() for m in _AMOUNT.finditer(c.text)]
    between = c.text[spans[0][1]:spans[-1][0]]  # a side named between two figures
    if len(spans) > 1 and named_sides(between, config) and set(
            config.subject_names) <= named_sides(c.text, config):
        return True
    return _neighbour(c, cands, config) is not None


def _neighbour(lead: Candidate, cands: Sequence[Candidate], config: Any) -> Candidate | None:
    """The sentence next to ``lead`` in its passage saying the other side's part: a figure,
    or the same thing ("Of the nine Node.js incidents, ..." and "The Django incidents were
    all slow database queries, ...")."""
    sides = named_sides(lead.text, config)
    if len(sides) != 1 or not _AMOUNT.search(lead.text):
        return None
    words = (lead.toks or frozenset(tokens(lead.text))) - frozenset(
        t for n in config.subject_names for t in tokens(n))
    near = [c for c in cands if c.chunk is lead.chunk and c is not lead]
    for c in sorted(near, key=lambda c: abs(c.span.start - lead.span.start))[:2]:
        other = named_sides(c.text, config)
        same = not words.isdisjoint(c.toks or frozenset(tokens(c.text)))
        if other and not other & sides and (_AMOUNT.search(c.text) or same) and _opens(c):
            return c
    return None


def _core(text: str) -> str:
    """A sentence without a leading connective the composer may drop ("And if ...")."""
    return re.sub(r"^(?:and|but|so|also|then)\s+", "", text.strip(), flags=re.I)


def lead_block(question: str, retrieval: Any, config: Any, first: str = "",
               scored: list[Candidate] | None = None) -> list[Candidate]:
    """The sentences a story question's answer leads with; [] when the question names no
    story, or when ``first`` (the answer's first line) already shows one of the story's
    sentences weighing about as much as the best (it answers as well)."""
    ref = story_of(retrieval)
    if ref is None:
        return []
    cands = [c for c in scored if not c.table_label] if scored is not None else (
        story_sentences(question, retrieval, ref, config))  # ``scored``: already read
    # the cues are read without the story's name ("Kestrel Pay" asks no payment)
    asked = re.sub(r"\b(?:" + "|".join(map(re.escape, ref.phrase.split())) + r")\b", " ",
                   question) if ref.phrase.split() else question
    weight, bonus = _weights(asked, retrieval.query_tokens, cands, ref, retrieval.index,
                      frozenset(t for n in config.subject_names for t in tokens(n)), config)
    ranked = [c for c in sorted(cands, key=lambda c: -weight[id(c)])[:12] if _opens(c)]
    if _asks_figure(asked):  # "how much", "did they pay more": a figure answers
        ranked = [c for c in ranked if _AMOUNT.search(c.text)] or ranked
    if not ranked:
        return []
    lead = ranked[0]
    shown = [weight[id(c)] for c in cands if first and _core(c.text)[:60] in first]
    if shown and max(shown) >= weight[id(lead)] - SECOND:
        return []
    pair = _neighbour(lead, cands, config)
    block = sorted([lead, pair], key=lambda c: c.span.start) if pair is not None else [lead]
    for c in ranked[1:3]:
        # a second asked clause's answer, of the lead's answer type when it has one
        typed = bonus[id(c)] > 0 or bonus[id(lead)] == 0
        if c not in block and weight[id(c)] >= weight[id(lead)] - SECOND and typed:
            block.append(c)
            break
    return block


def _stated_row(verdict: str | None) -> bool:
    """Whether the verdict line is the article's own table row (``story_compare.row_line``)."""
    return bool(verdict) and str(verdict).startswith("The table of ")


def _plain(piece: str) -> str:
    return _LABEL.sub("", piece.strip())


def _asked(question: str, ref: Any) -> str:
    """The question (or a line) without the story's name: its cues ("Kestrel Pay" asks,
    and says, no payment)."""
    words = ref.phrase.split()
    return re.sub(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", " ",
                  question) if words else question


def _own(line: str, ref: Any) -> str:
    """A line's own words: without the story's name and its attribution's quoted title
    ("In the 2026 article “Two Stacks, One Team”: ..." holds no figure of two)."""
    return _asked(re.sub(r"^[^“:]{0,60}“[^”]*”:\s*", "", line.strip()), ref)


def _renumbering(comp: Composition, cites: Citations) -> Any:
    """A function re-citing ``comp``'s markers in ``cites`` (numbers in order of reading)."""
    old = {c.n: c for c in comp.citations}

    def renumber(text: str) -> str:
        def one(m: re.Match[str]) -> str:
            nums = []
            for k in (int(x) for x in m.group(1).split(",")):
                c = old.get(k)
                if c is None:
                    continue
                key = passage_key(c.article_id, c.start, c.end)
                n = cites.cite(key, c.article_id, c.text, c.start, c.end, c.section, None)
                for h in c.highlight:
                    cites.cite(key, c.article_id, c.text, c.start, c.end, c.section, h)
                nums.append(str(n))
            return f"[{', '.join(nums)}]" if nums else ""
        return _MARK.sub(one, text)
    return renumber


def _kept(question: str, retrieval: Any, comp: Composition, config: Any, ref: Any,
          cands: list[Candidate]) -> Composition | None:
    """``comp`` when a visible line already answers from the story (``story_keep``): as
    it is when that line is first, else with it moved to the front; None when none does."""
    asked = _asked(question, ref)
    drop = name_tokens(retrieval.index) | frozenset(tokens(ref.phrase)) | frozenset(
        t for n in config.subject_names for t in tokens(n))
    focus = [t for t in retrieval.query_tokens if t not in drop]
    # a row of a few words at least: a cell of a figure or a name ("46", "Express 4") is
    # inside many a line that is no row
    rows = [" ".join(c.text.split()).rstrip(". ").lower() for c in cands
            if c.table_label and len(c.text.split()) >= 3]

    def is_row(text: str) -> bool:
        flat = " ".join(text.split()).lower()
        return any(r and r in flat for r in rows)

    cited = {c.n: c.article_id for c in comp.citations}
    pieces = list(comp.pieces)
    def says(text: str) -> bool:
        return carries(_own(text, ref), asked, focus)

    def weighs(text: str) -> bool:  # a verdict line answers a figure by both sides'
        if needs_weighing(asked):
            return weighs_sides(_own(text, ref), lambda t: bool(named_sides(t, config)))
        return says(text)

    at = carrying_at(pieces, cited, ref.article_id, is_row, says, comp.verdict, weighs)
    if at is None:
        return None
    if at == (0, 0):
        return comp
    cites = Citations(retrieval.index.metas)
    renumber = _renumbering(comp, cites)
    moved = [renumber(p) for p in led_by(pieces, at)]
    verdict = renumber(comp.verdict) if comp.verdict else None
    more = [renumber(m) for m in comp.more]  # cited before the list is built: no dangling [n]
    return Composition(pieces=moved, citations=cites.build(), verdict=verdict, more=more,
                       intent=comp.intent)


def with_story_lead(question: str, retrieval: Any, comp: Composition, config: Any,
                    ) -> Composition:
    """``comp`` led by the story's answering sentences (module docstring); unchanged when
    the question names no story or was declined. When a visible line already answers
    from the story it leads instead and nothing is replaced (``story_keep``); a question
    naming a third technology (``assistant.named``: its answer keeps each claim
    attributed) gets only that. The story's lead replaces the opening only when no
    visible line answers; the article's other visible lines stay visible after it."""
    ref = story_of(retrieval)
    if comp.abstained or ref is None:
        return comp
    everything = story_sentences(question, retrieval, ref, config, rows=True)
    kept = _kept(question, retrieval, comp, config, ref, everything)
    if kept is not None:
        return kept
    if asked_technologies(question, retrieval.index, config) or counted_columns(
            question, retrieval, config):
        return comp
    first = comp.text.split("\n\n")[0]
    block = lead_block(question, retrieval, config, first, everything)
    if not block or block[0].text.strip() in first:
        return comp
    cites = Citations(retrieval.index.metas)
    renumber = _renumbering(comp, cites)
    pieces = [" ".join(f"{c.text.strip()} [{cite_candidate(c, cites)}]" for c in block)]
    verdict = comp.verdict if _stated_row(comp.verdict) else None
    if verdict:
        verdict = renumber(verdict)
        pieces += ["\n\n", verdict]
    shown = set(c.text.strip() for c in block)
    cited = {c.n: c.article_id for c in comp.citations}
    body = [p for p in comp.pieces if p.strip() and p != comp.verdict
            and not any(s in p for s in shown)]
    # the story's own lines stay visible under the lead; a composer's verdict line (a
    # count, a lean, a sentence per side) and other articles' lines go to "more"
    own = [p for p in body if _articles_of(p, cited) == {ref.article_id}]
    if own:
        pieces += ["\n\n", " ".join(renumber(_plain(p)).strip() for p in own)]
    moved = [_plain(p) for p in body if p not in own]
    if comp.verdict and not verdict:
        moved.insert(0, _plain(comp.verdict))
    more = [renumber(m) for m in [*moved, *comp.more] if m and not any(s in m for s in shown)]
    return Composition(pieces=pieces, citations=cites.build(), verdict=verdict,
                       more=more, intent=comp.intent)


def _articles_of(piece: str, cited: dict[int, str]) -> set[str]:
    return {cited[int(k)] for m in _MARK.finditer(piece) for k in m.group(1).split(",")
            if int(k) in cited}
