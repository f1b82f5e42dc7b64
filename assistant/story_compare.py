"""A comparison inside one company's story is answered from that story.

Why: "At Routewise, which service drags in more packages through its lockfile?" names a
company only one article tells of (a talk write-up whose table compares its two services),
but the composer answered it like "which is better": a library-wide count line ("eight of
the fifteen articles ... favour Django") and another company's lockfile figures (blind
review 15, f03). The name says whose comparison is asked: the library's stances on the
criterion are not about that company.

With a name-only reference to one article (``Retrieval.named``: a name no other article's
passages use, ``assistant.article_reference``; the search is not narrowed by it, see
``assistant.retriever``), a comparison's candidates are that article's sentences and the
sentences of other articles that name the entity themselves (a comparison that mentions
it); with none of them among the candidates nothing changes. The matrix view is dropped,
so no library-wide count line is written: the verdict, if any, is read from the kept
sentences (a table row's cells, that article's own lean). No model call: the candidates
and their article ids are at hand.

When no line comes from those (no table row, no lean, the chosen sentences on one side
only), the line is the story's own sentence that sets both sides against each other
(``direct_line``): "At Kestrel Pay, how does the RAM footprint of the Python app servers
compare with the JavaScript service?" is answered by the interview's "Each Gunicorn worker
of ours uses around 180 MB, ..., while the Node.js webhook service handles more requests
per second in two processes of about 120 MB each", filed under Django (Node.js is its
foil), so no contrast line could be made and the answer had no line up front (fd-q17; on
main its line paired that sentence with another article's PM2 figure as Node.js's side).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from assistant.corpus_index import idf, tokens
from assistant.entity_fact import name_tokens
from assistant.filler import classify_in_context
from assistant.glossary_query import expansion
from assistant.lean import weighs
from assistant.numbering import Citations, passage_key
from assistant.sentences import Candidate
from assistant.voices import source_label, speaker_of, speaker_turns, voice_label
from assistant.word_family import word_family
from knowledge.glossary import Glossary, default_glossary
from knowledge.models import Chunk, ScoredChunk

V = TypeVar("V")
#: Share of the question's word weight (IDF) a row's label must hold to be the asked row.
ROW_SHARE = 0.3
#: Passages of the named article added to the pool at most (its densest first).
ADD = 8


def story_article(retrieval: Any) -> str | None:
    """The article whose company / project / person the question names, or None.

    Only a name reference counts (``ref.named``): a phrase reference ("the 2021 post")
    already narrows the search itself, and a question about what other articles say of
    that post ("do the other articles agree?") must keep them."""
    ref = getattr(retrieval, "named", None)
    return ref.article_id if ref is not None and getattr(ref, "named", False) else None


def story_passages(comparison: bool, retrieval: Any) -> Any:
    """The retrieval with the named article's passages added to the pool (``extra``).

    The search is not narrowed by a name, so the passage that compares the company's two
    sides (Routewise's table row "Packages in the lockfile") may not be among the selected
    ones; the article's other passages join at the lowest selected score, those closest to
    the question (dense ranking) first. The sentence vectors are in the index: no model
    call."""
    aid = story_article(retrieval) if comparison else None
    if aid is None:
        return retrieval
    idx = retrieval.index
    have = {sc.chunk.chunk_id for sc in (*retrieval.chunks, *retrieval.extra)}
    rank = {cid: i for i, (cid, _cos) in enumerate(retrieval.dense)}
    mine = sorted((c for c in idx.chunks if c.article_id == aid and c.chunk_id not in have),
                  key=lambda c: rank.get(c.chunk_id, len(rank)))
    if not mine:
        return retrieval
    floor = min((sc.score for sc in retrieval.chunks), default=0.0)
    return dataclasses.replace(retrieval, extra=[*retrieval.extra,
                                                 *(ScoredChunk(c, floor) for c in mine[:ADD])])


def story_focus(comparison: bool, cands: Sequence[Candidate], view: V | None,
                retrieval: Any) -> tuple[list[Candidate], V | None]:
    """(candidates, matrix view) of a comparison, narrowed to the named article's story.

    Args:
        comparison: Whether the question compares (only a comparison is changed: a fact
            about the entity is ``assistant.entity_fact``'s).
        cands: The usable candidates, best first.
        view: The matrix view of the asked criterion (dropped for a story comparison).
        retrieval: The question's retrieval (``named``: the name reference).
    """
    aid = story_article(retrieval) if comparison else None
    if aid is None:
        return list(cands), view
    ref = retrieval.named
    name = frozenset(tokens(ref.phrase))
    own = [c for c in cands if c.chunk.article_id == aid
           or (name and name <= (c.toks or frozenset(tokens(c.text))))]
    if not own:
        return list(cands), view
    return own, None


def asked_row(retrieval: Any, names: frozenset[str] = frozenset()) -> Chunk | None:
    """The named article's table row whose label holds the most of the question's words.

    Why: a row's cells are often bare figures ("58", "1,020") that are no sentence of
    their own (too short to be a candidate), so "which service has the bigger lockfile?"
    could not quote the row "Packages in the lockfile" that answers it. The label is
    matched by the question's stems and their word families, each weighed by its IDF;
    the row must hold ``ROW_SHARE`` of the question's weight (the subjects' and the
    entity's names are no question words)."""
    aid = story_article(retrieval)
    if aid is None:
        return None
    idx = retrieval.index
    own = frozenset(tokens(retrieval.named.phrase)) | names
    weights = {t: idf(idx, t) for t in set(retrieval.query_tokens) if t not in own}
    total = sum(weights.values())
    if total <= 0:
        return None
    fams = {t: word_family(t, idx.vocabulary, idx.memo) | {t} for t in weights}
    best, top = None, 0.0
    for chunk in idx.chunks:
        if chunk.article_id != aid or chunk.row is None:
            continue
        label = frozenset(tokens(chunk.row.criterion))
        held = sum(w for t, w in weights.items() if not fams[t].isdisjoint(label)) / total
        if held > top:
            best, top = chunk, held
    return best if top >= ROW_SHARE else None


def row_line(retrieval: Any, cites: Citations) -> str | None:
    """The verdict line of a story comparison: the asked row of its article's table,
    quoted whole with its cells under their columns' names, or None."""
    chunk = asked_row(retrieval, name_tokens(retrieval.index))
    if chunk is None:
        return None
    n = cites.cite(passage_key(chunk.article_id, chunk.start, chunk.end), chunk.article_id,
                   chunk.text, chunk.start, chunk.end, chunk.section, (chunk.start, chunk.end))
    label = source_label(cites.metas.get(chunk.article_id), chunk.article_id)
    return f"The table of {label}: {chunk.text.strip()} [{n}]"


def named_sides(text: str, config: Any, glossary: Glossary | None = None) -> set[str]:
    """The compared subjects ``text`` names: by name (a foil too: "while the Node.js
    service ...") or through a tool or word of its ecosystem (the glossary's: "Gunicorn"
    is Python's, so Django's side; an ecosystem is a subject's when its words name that
    subject alone, "django" and "node" among them)."""
    g = glossary or default_glossary()
    found = set(config.find_subjects(text))
    for eco in expansion(text, g).ecosystems:
        spec = g.ecosystems.get(eco)
        owners = {s for word in (spec.names if spec else ()) for s in config.find_subjects(word)}
        if len(owners) == 1:
            found |= owners
    return found


def direct_line(retrieval: Any, chosen: Sequence[Candidate], config: Any,
                cite: Callable[[Candidate], int], metas: Any,
                ) -> tuple[str | None, list[Candidate]]:
    """A story comparison's line when nothing else made one: the named article's best
    chosen sentence that names both compared sides and weighs one against the other
    (``assistant.lean.weighs``), reading alone first in the answer, quoted under its voice
    ("<speaker or author>, in “<title>”: ..." as ``assistant.voices`` names it). Returns the
    line and the sentence it used (not repeated below), or (None, [])."""
    aid = story_article(retrieval)
    if aid is None:
        return None, []
    both = set(config.subject_names)
    for cand in sorted(chosen, key=lambda c: c.score, reverse=True):
        if (cand.chunk.article_id != aid or cand.table_label or not weighs(cand.text)
                or classify_in_context(cand.text, antecedent=False) != "ok"
                or not both <= named_sides(cand.text, config)):
            continue
        turns = speaker_turns(retrieval.index, aid)
        speaker = speaker_of(cand.text, cand.chunk.text, turns) if turns else None
        meta = metas.get(aid) if metas else None
        return f"{voice_label(meta, aid, speaker, not turns)}{cand.text.strip()} [{cite(cand)}]", [
            cand]
    return None, []
