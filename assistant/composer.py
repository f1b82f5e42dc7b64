"""The offline answer composer: an answer built only from sentences of cited passages.

No language model writes anything here. The composer scores each sentence of the retrieved
passages against the question, then shapes the answer by its intent (``assistant.intent``):

* which is better / which for X: a verdict line first (on a measured criterion the figures
  given for both sides, ``assistant.figure_verdict``; else ``assistant.verdict``: the
  matrix's article stances on the criterion, each cited by a claim on it; without a matrix
  row, or first for a use of several words, which side the quoted sentences on the question
  speak for; then one table row's cells ranked; a lean of one article; each side's best),
  then the reasons per side ("Django: ... [1]", "Node.js: ... [2]"; "Compared directly:
  ..." only for a sentence that names both sides; no label when only one side has a
  sentence to show);
* when to choose, and other questions naming both subjects: per side the best sentence
  stating a condition as the lead line (``assistant.conditions``), then conditions per side;
* pros / cons of one subject: only sentences of the asked polarity (their merit for the
  subject, ``assistant.merit``: the matrix's stance analyser, VADER without it);
* list, definition, fact: a fact question asking a quantity ("By how much did Node beat
  Django?") is answered as a plain question even when it names both subjects (the sentence
  holding the figure, not a line per side); the sentence that answers best first (a
  sentence listing names for "which companies use X?", an "X is a ..." sentence for
  "what is X?", the sentence holding the asked focus, off-focus lines to "more":
  ``assistant.shape``);
* a question naming a technology other than the configured pair ("Is Django faster than
  Go's Gin?"): a row verdict when a table row with the named columns' cells leads (its
  cells ranked, or two rows of a one-row-per-stack table: ``assistant.table_rows``), else
  the pair's count only when both subjects are named, the third said to be outside it
  (``assistant.asked.pair_line``); the passages that mention what it names.

Filler never makes it in (``assistant.filler``: meta, signpost, and dangling sentences unless quoted
with the sentence before them), nor framing (``assistant.framing``); a near-duplicate from another
article is merged into the kept sentence, which cites both. Of the selected sentences only those on
the question's focus are shown, at most about four, the best first (``assistant.focus``); the others
go to ``Composition.more`` ("more from the sources"). Sentences are copied verbatim from the cleaned
article; the only words the composer adds are the verdict template, the side labels, "On X: " for an
"It ..." about the other subject, a list's intro before an item quoted without it and a heading
before a section's "This ..." (``assistant.template_lead``), and a table cell's row label and column
("Memory per instance, Node.js — Medium: ...", one compact row: ``assistant.table_cells``). A
sentence that would dangle where it is shown (``assistant.openers``: a leading connective or pronoun
whose antecedent is not the sentence before it) loses its leading connective, shows its known
referent as an editorial bracket ("[Django] requires ..."), or goes to "more".

Why sentence-level: passages are paragraphs, and a paragraph about Node.js security
usually also says something about Django; the question deserves the one or two sentences
that answer it, each traceable to its passage.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from assistant.advice import favour_advice
from assistant.answer_lead import advice_first, answer_first
from assistant.answer_type import quantity, unanswered_type
from assistant.asked import facet_named, pair_line, polar
from assistant.biography import without_biography
from assistant.cell_column import column_shown
from assistant.change import favour_change
from assistant.compare.lexicon import load_general_lexicon
from assistant.conditions import condition_firsts, conditions_only
from assistant.counted_columns import counted_columns
from assistant.every_part import widen
from assistant.evidence import counted_first, recording
from assistant.figure_lead import figure_items
from assistant.figure_verdict import by_figures
from assistant.filler import PRONOUN_START
from assistant.focus import split_visible
from assistant.framing import without_framing
from assistant.intent import Intent, asks_no_sides, classify_intent
from assistant.lean import lean, purpose, row_line, side_firsts, side_groups, weighs
from assistant.line_parts import line_parts, lower_first
from assistant.models import Citation
from assistant.name_lists import with_name_lists
from assistant.named import (
    Named,
    asked_technologies,
    choose,
    compares,
    items,
    row_verdict,
    uncovered,
    with_described,
)
from assistant.named_fit import fit_topical
from assistant.named_topic import mark_topical
from assistant.near_duplicates import repeats
from assistant.numbering import Citations, cite_candidate, cite_claim, passage_key
from assistant.openers import arrange, standalone
from assistant.passing_beside import with_passing
from assistant.plain_answer import refine
from assistant.product_kind import demote
from assistant.promo import without_promotion
from assistant.qualifier import favour_qualifier
from assistant.retriever import Retrieval
from assistant.rewrite import find_aspect
from assistant.sentences import Candidate, candidates, is_comparison, select, usable
from assistant.set_aside import without_aside
from assistant.story_compare import direct_line, story_focus, story_passages
from assistant.story_compare import row_line as story_row
from assistant.subject import member_side, sides
from assistant.table_cells import cell_sentence, compact_row
from assistant.table_rows import cited_rows
from assistant.template_lead import about as about_lead
from assistant.template_lead import lead_heading, led_text, with_intros
from assistant.tool_kind import favour
from assistant.trim import trim
from assistant.unweighed import unweighed_line
from assistant.verdict import PURPOSE, CriterionView, verdict_sentence
from assistant.voices import name_voices, source_label
from knowledge.subjects_config import default_subjects

#: Evidence sentences in an answer (a comparison gets one more, split between the
#: subjects); the next ones go to "more from the sources".
MAX_SENTENCES = 5
MAX_SENTENCES_COMPARISON = 6
MAX_MORE = 6
#: "More from the sources" is chosen among this many best remaining candidates.
MORE_POOL = 40

#: The matrix's view of the asked criterion, passed in by the chain (the old name is kept:
#: it used to carry only the disagreeing claims).
Disagreement = CriterionView


@dataclass
class Composition:
    """A composed answer: text pieces (each a sentence or heading) and their citations."""

    pieces: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    abstained: bool = False
    verdict: str | None = None
    more: list[str] = field(default_factory=list)
    intent: str | None = None

    def __post_init__(self) -> None:
        # an answer is never empty above "more" (review 10's a24: all moved there)
        if not self.abstained and self.more and not "".join(self.pieces).strip():
            self.pieces, self.more = [self.more[0]], self.more[1:]

    @property
    def text(self) -> str:
        return "".join(self.pieces).strip()

    def stream(self) -> Iterator[str]:
        """Yield the answer sentence by sentence (the app renders as they arrive)."""
        yield from self.pieces


def abstention(message: str) -> Composition:
    """The answer when the articles don't cover the question: no claims, no citations."""
    return Composition(pieces=[message], citations=[], abstained=True)


def _render_sentence(cand: Candidate, cites: Citations, about: str | None, config: Any,
                     twins: Sequence[Candidate] = (), shown: str | None = None,
                     named: bool = False) -> str:
    """The sentence and its markers (a merged near-duplicate from another article adds its
    own); a table cell after its row label and its column, unless it stands under
    ``about``'s side label (``named`` False: "Memory per instance, Node.js — Medium: ...",
    ``assistant.cell_column``); "On X: " when an unnamed "It ..." is about another subject
    than ``about`` (the subjects as the subjects object ``config`` names them). ``shown``:
    the sentence with a repaired opener (``assistant.openers``)."""
    marks = {cite_candidate(cand, cites)}
    marks.update(cite_candidate(t, cites) for t in twins)
    text = shown or cand.text
    if cand.table_label:  # its column unless under its own side's label (``cell_column``)
        text = cell_sentence(cand.table_label, text, column_shown(cand, about, not named))
    elif (cand.subject and cand.subject != about and PRONOUN_START.match(text)
          and not config.find_subjects(text)):
        text = about_lead(cand.subject, text)  # "On Go (Gin): We reach for it ..."
    return text + " " + "".join(f"[{n}]" for n in sorted(marks))


def _render_all(items: Sequence[tuple[Candidate, str]], cites: Citations, about: str | None,
                config: Any, merged: dict[int, list[Candidate]], named: bool = False
                ) -> list[str]:
    """``_render_sentence`` for each (candidate, text shown); cells of one table row shown
    one after the other, from two columns or more, as one compact row ("Memory per
    instance — Django “High: ...”, Node.js “Medium: ...”. [2]")."""
    out: list[str] = []
    # a list item under no side label reads after its intro ("Laravel is best for: ...")
    items = with_intros(items, config.subject_names) if named else items
    i = 0
    while i < len(items):
        cand = items[i][0]
        j = i + 1
        while cand.table_label and j < len(items) and items[j][0].table_label and (
                items[j][0].chunk.chunk_id == cand.chunk.chunk_id):
            j += 1
        run = items[i:j]
        columns: dict[str, list[str]] = {}
        for c, text in run:
            columns.setdefault(c.subject or "", []).append(text)
        if len(columns) > 1 and "" not in columns:
            marks = {cite_candidate(t, cites) for c, _t in run for t in (c, *merged.get(id(c), ()))}
            out.append(compact_row(cand.table_label or "", [(k, " ".join(v)) for k, v in
                                                             columns.items()])
                       + " " + "".join(f"[{n}]" for n in sorted(marks)))
        else:
            out.extend(_render_sentence(c, cites, about, config, merged.get(id(c), ()), text,
                                        named) for c, text in run)
        i = j
    return out


def _in_reading_order(chosen: list[Candidate]) -> list[Candidate]:
    """Best sentence first; sentences of one passage stay together, in document order."""
    by_chunk: dict[str, list[Candidate]] = {}  # each in document order (a stable sort)
    for cand in sorted(chosen, key=lambda c: c.span.start):
        by_chunk.setdefault(cand.chunk.chunk_id, []).append(cand)
    out: dict[int, Candidate] = {}  # by identity (as candidates compare), first seen first
    for cand in chosen:
        if id(cand) not in out:
            out.update((id(c), c) for c in by_chunk[cand.chunk.chunk_id])
    return list(out.values())


def compose(
    question: str,
    retrieval: Retrieval,
    *,
    subjects: Sequence[str] = (),
    aspect: str | None = None,
    disagreement: Disagreement | None = None,
    config: Any = None,
) -> Composition:
    """Build the grounded answer to ``question`` from ``retrieval``'s passages.

    The question's intent (``assistant.intent``) decides the shape: a comparison opens
    with a verdict line from the matrix's stances on the asked criterion, then the reasons
    per side; pros/cons keep only the asked polarity; the others lead with the sentence
    that answers best. Filler is dropped, near-duplicates across articles are merged (both
    cited), and sentences past the limit go to ``more``.

    Args:
        question: The standalone question.
        retrieval: Its retrieval (passages, query vector, index with sentence vectors).
        subjects: Subjects the question is about (from the rewrite).
        aspect: The aspect it asks about, if recognised.
        disagreement: The comparison matrix's view of the asked criterion
            (``assistant.verdict.matrix_view``), or None.
        config: The subjects object (``ComparisonConfig``, injected by
            ``build_assistant``): which subjects a sentence is about and the sides an
            answer is grouped by. The configured one when None.

    Returns:
        The answer pieces, citations, verdict line and more sentences; ``abstained`` when
        no sentence qualified.
    """
    metas = retrieval.index.metas
    config = config or default_subjects()
    names = config.subject_names
    intent = classify_intent(question, subjects)
    if (intent.kind == "fact" and disagreement is not None and disagreement.criterion
            and polar(question, subjects, config.find_subjects)):
        intent = Intent("better")
    named = asked_technologies(without_aside(question), retrieval.index, config) or (
        counted_columns(question, retrieval, config))  # "the three stacks": every column
    if named:  # a third technology: the pair verdict at most (``assistant.named``)
        return _compose_named(question, retrieval, named, intent, subjects, aspect, config,
                              disagreement)
    own, foil = sides(question, config)
    if len(set(subjects)) == 1 and not own and subjects[0] in foil:
        # "the catch with npm packages compared to Django's ecosystem": the one subject
        # named is the foil, so the question weighs the pair (``assistant.subject``)
        subjects = names
        intent = classify_intent(question, subjects)
    # "By how much did Node beat Django?" names both sides but asks for one figure: the
    # sentence holding it answers, not a sentence per side
    comparison = (intent.comparative or is_comparison(question, subjects)) and not (
        intent.kind == "fact" and (quantity(question) is not None or asks_no_sides(question)))
    member = member_side(question, intent.polarity, config)
    if member:  # "the risks of relying on npm packages" asks about Node.js alone
        subjects = (member,)
    single = subjects[0] if len(set(subjects)) == 1 else None
    view = disagreement
    if aspect is None and comparison and view is not None and view.criterion:
        aspect = find_aspect(view.criterion)  # the matrix's criterion chooses the evidence
    retrieval = with_name_lists(question, retrieval, subjects, config)
    retrieval = story_passages(comparison, retrieval)  # its story's passages too
    scored = candidates(question, retrieval, subjects, aspect, config)
    # "a learning platform" is no learning curve (``assistant.product_kind``)
    demote(question, scored, config, view.criterion if view is not None else None)
    scored = favour(question, scored)  # "zod" answers "request validation" (``tool_kind``)
    scored = favour_change(question, scored)  # "what got better?" (``assistant.change``)
    scored = favour_advice(question, scored)  # "what would X tell ...?" (``advice``)
    scored = favour_qualifier(question, scored, retrieval.index)  # p99, not p50 (``qualifier``)
    scored = without_framing(question, without_promotion(scored, retrieval.index))  # ``promo``
    scored = without_biography(question, scored, retrieval.index, config)  # ``biography``
    scored, view = story_focus(comparison, scored, view, retrieval)  # ``story_compare``
    cands = usable(scored, intent, single, view, retrieval.index.memo, names,
                   labelled=comparison, inferred=member is not None)
    missing = None if comparison else unanswered_type(question, (c.text for c in cands))
    if missing:  # "when was it released?" answered without a year would only look answered
        return abstention(missing)
    limit = MAX_SENTENCES_COMPARISON if comparison else MAX_SENTENCES
    merged: dict[int, list[Candidate]] = {}
    chosen = select(cands, limit, comparison, merged)
    if not chosen:
        return abstention("The articles don't say anything about that.")
    taken = {id(c) for c in chosen} | {id(t) for ts in merged.values() for t in ts}
    pool = [c for c in cands[:MORE_POOL] if id(c) not in taken]  # none repeating a chosen one
    rest = [c for c, again in zip(pool, repeats(pool, chosen), strict=True) if not again]
    extra = select(rest, MAX_MORE, comparison) if rest else []
    selected, (chosen, hidden) = chosen, split_visible(chosen, comparison, cands, intent.polarity,
                                                       config.find_subjects)
    # what does not help goes to "more" (``assistant.trim``); the verdict reads all ``chosen``
    visible, cut = trim(chosen, intent, subjects, comparison, merged)
    hidden = [*cut, *hidden]
    if not comparison:  # the asked thing first, then only what is about it
        visible, hidden = refine(question, intent, retrieval, visible, hidden, cands,
                                 subjects, single, config, scored)
    visible, extra = answer_first(question, *widen(question, intent.kind, visible, hidden,
                                                          extra, retrieval.index, config, MAX_MORE))
    cites = Citations(metas)
    pieces: list[str] = []
    verdict: str | None = None
    heading = partial(lead_heading, index=retrieval.index)  # a section's "This ..." leans on it
    groups = side_groups(visible, names) if comparison else []
    # In a "which is better" answer, a sentence about both (or neither) side weighing nothing
    # ("Choosing between the two is a core step of your project") reads as an answer under
    # "Compared directly" and is none: it goes under "more". Table rows compare by cells.
    generic = [c for s, g in groups if s is None for c in g
               if not c.table_label and not weighs(c.text, config.patterns)]
    if generic and intent.comparative:
        groups = [(s, [c for c in g if c not in generic]) for s, g in groups]
        extra = [*generic, *extra]
    if comparison:
        matrix_line = intent.kind == "better" and view is not None and bool(view.criterion)
        # "which stack costs less?" names neither side: the pair is meant
        may_lean = intent.kind == "better" and (view is None or view.sided) and (
            len(set(subjects)) != 1 or bool(PURPOSE.search(question)))
        topic = purpose(question)

        def cite(cand: Candidate) -> int:
            return cite_candidate(cand, cites)
        # a decision asked in the asker's own situation: the advice restating it leads
        advice = None if intent.kind == "better" else advice_first(question, visible)
        verdict = (_render_sentence(advice, cites, None, config) if advice else unweighed_line(
            view, chosen, cites, cite) if view and view.unweighed else story_row(retrieval, cites))
        verdict, used = (verdict, [advice] if advice else []) if (
            verdict or intent.kind != "better") else by_figures(
            question, cands, config, cite, cites.metas, view.source if view else None)
        if verdict is None and may_lean and view is not None and view.use:
            # "For a chat app with live updates, ...": the passages on the use speak to it,
            # the matrix's stances on its criterion only in general
            # (one article on the use itself, said as such, before a count on the criterion)
            verdict = (lean(chosen, view, cite, names, topic, question)
                       or lean(selected, view, cite, names, topic, question)
                       or (None if view.facet or not topic else lean(
                           chosen, view, cite, names, topic, question, relaxed=True,
                           on_use=True)))
        counted: list[Any] = []  # the claims the matrix line cites
        if verdict is None and matrix_line and view is not None:
            verdict = verdict_sentence(view, recording(lambda c: cite_claim(c, cites), counted))
        if verdict is None and may_lean:
            verdict = (lean(chosen, view, cite, names, topic, question)
                       or lean(selected, view, cite, names, topic, question))
        if verdict is None and intent.kind != "when":
            # each side's best sentence is its cell of one table row: the row ranks them
            firsts = side_firsts(groups)
            verdict = (row_line(firsts, cite, lambda aid: source_label(cites.metas.get(aid),
                                                                       aid))
                       if len(firsts) > 1 else None)
            used = [c for _s, c in firsts] if verdict else []
        if verdict is None and may_lean:
            # a lean of one article, said as such, when nothing quoted speaks for the
            # other side on the question
            verdict = lean(chosen, view, cite, names, topic, question, relaxed=True)
        if verdict is None:  # a when-question's line quotes conditions (``conditions``)
            verdict, used = _contrast(groups, cites, intent, config, condition_firsts(
                groups, cands, subjects, names, view, question) if intent.kind == "when" else None)
        if verdict is None:  # the story's own sentence setting one side against the other
            verdict, used = direct_line(retrieval, chosen, config, cite, cites.metas)
        groups = [(s, [c for c in g if c not in used]) for s, g in groups]
        if counted:  # what the line counted is shown as each side's evidence (``evidence``)
            on = [c for c in counted if not view or not view.facet or facet_named(view.facet, [c])]
            groups, off = counted_first(groups, on, cands)
            extra = [c for c in [*off, *extra] if not any(c in g for _s, g in groups)]
        if intent.kind == "when" and verdict:  # under the conditions line, conditions only
            groups, off = conditions_only(groups, used)
            extra = [*off, *extra]
        if verdict:
            pieces.append(verdict)
            pieces.append("\n\n")
        labelled = sum(1 for _s, g in groups if g) > 1  # a lone side needs no label
        for subject, group in groups:
            if not group:
                continue
            if pieces and not pieces[-1].endswith("\n\n"):
                pieces.append("\n\n")
            lead = (f"{subject}: " if subject else "Compared directly: ") if labelled else ""
            shown, dropped = arrange(group, subject if labelled else None, names, heading)
            extra = [*dropped, *extra]
            # a lone side has no lead: its table cells name their column
            for j, sentence in enumerate(_render_all([(s.cand, s.text) for s in shown], cites,
                                                     subject, config, merged, not labelled)):
                pieces.append((lead if j == 0 else "") + sentence + " ")
    else:
        shown, dropped = arrange(visible, None, names, heading)  # best first (``trim``)
        extra = [*dropped, *extra]
        pieces.extend(sentence + " " for sentence in _render_all(  # no side labels
            [(s.cand, s.text) for s in shown], cites, single, config, merged, True))
    pieces = [p for p in pieces if p]
    if pieces:
        pieces[-1] = pieces[-1].rstrip()
    more = _render_all(standalone(_in_reading_order(extra), heading), cites, single, config, {},
                       True)
    return name_voices(Composition(pieces=pieces, citations=cites.build(), verdict=verdict,
                                   more=more, intent=intent.kind), retrieval.index,
                       [f"{s}: " for s in (*names, "Compared directly")])  # ``voices``


def _contrast(groups: list[tuple[str | None, list[Candidate]]], cites: Citations,
              intent: Intent, config: Any, firsts: list[tuple[str, Candidate]] | None = None,
              ) -> tuple[str | None, list[Candidate]]:
    """A verdict line when no side is favoured: the best sentence for each side.

    "Django: it is a web framework [3]; Node.js: it is a runtime environment [3]." For a
    when-to-choose question it reads as conditions. Returns the line and the sentences it
    used (they are not repeated below). ``firsts``: the sentence per side, when chosen
    otherwise (a when-question's conditions); by default each side's best reading alone there.
    """
    picks = line_parts(groups, config.subject_names, firsts)  # each reads alone there
    if len(picks) < 2:
        return None, []
    parts = []
    for subject, cand, shown in picks:
        text = _render_sentence(cand, cites, subject, config, (), shown).replace(". [", " [")
        opener = config.find_subjects(text.split(" ", 1)[0])
        text = lower_first(text) if not opener else text
        # "Django: Django inherits ..." says the name twice: a sentence that opens with its
        # own side's name needs no label
        parts.append(text if list(opener) == [subject] else f"{subject}: {text}")
    lead = "It depends on the project. " if intent.kind == "when" else ""
    return lead + "; ".join(parts) + ("" if parts[-1].endswith(".") else "."), [
        c for _s, c, _t in picks]


def _compose_named(question: str, retrieval: Retrieval, named: Sequence[Named],
                   intent: Intent, subjects: Sequence[str], aspect: str | None,
                   config: Any, view: CriterionView | None = None) -> Composition:
    """The answer to a question naming a third technology (``assistant.named``): the
    passages that mention the named technologies, best first, no pair verdict; a table
    row shows the named columns' cells; a third technology's unnamed sentence says whose
    it is. Says so when the articles do not cover a named third technology on the topic.
    """
    keep = frozenset(n.display for n in named if n.third)
    third, names_all = [n.display for n in named], config.subject_names
    retrieval = with_passing(with_described(question, retrieval, named), named)
    cands = usable(candidates(question, retrieval, subjects, aspect, config, keep_foreign=keep),
                   intent, None, None, retrieval.index.memo, config.subject_names,
                   labelled=True)
    ranked = mark_topical(question, items(question, cands, named, retrieval.index, config, [
        *retrieval.chunks, *retrieval.extra]), named, retrieval.index, config, intent.kind)
    # on the topic by meaning when no word is shared; off it when one word only is
    ranked = fit_topical(question, ranked, named, retrieval.index)
    shown, rest = figure_items(question, *choose(ranked, named))  # ``figure_lead``
    missing = uncovered(shown, named)
    if not shown or len(missing) == sum(1 for n in named if n.third):
        return abstention(f"The articles don't say anything about {' or '.join(missing)} "
                          "on that.")
    cites = Citations(retrieval.index.metas)
    pieces: list[str] = []
    if missing:
        pieces.append(f"The articles don't say anything about {' or '.join(missing)} on "
                      "that.\n\n")
    verdict: str | None = None
    comparing = intent.comparative or compares(question, named)
    found = (row_verdict(shown, named, load_general_lexicon(), lambda aid: "the table of "
                         + source_label(retrieval.index.metas.get(aid), aid))
             if comparing else None)

    before: list[Any] = [None]

    def render(item: Any) -> str:
        cand = item.lead
        chunk = cand.chunk
        if item.cells:
            marks = {cites.cite(passage_key(chunk.article_id, chunk.start, chunk.end),
                                chunk.article_id, chunk.text, chunk.start, chunk.end,
                                chunk.section, cell) for cell in item.cells}
        else:
            marks = {cite_candidate(cand, cites)}
        text = led_text(cand, item.text, item.about, before[0], [*third, *names_all])
        before[0] = cand  # a list's next item reads on from it (``template_lead``)
        return text + " " + "".join(f"[{n}]" for n in sorted(marks))

    rows = cited_rows(ranked, named, retrieval.index, cites, lambda aid: source_label(
        retrieval.index.metas.get(aid), aid)) if found is None and comparing else None
    if found is not None:
        # The row's cells are quoted in the verdict line, under their columns' names; the
        # row is not shown again below it.
        verdict = found.text + " " + render(found.item).rsplit(" ", 1)[-1] + "."
        pieces.append(verdict + "\n\n")
        shown = [it for it in shown if it is not found.item]
    elif rows is not None:  # two rows of one table, each a named technology, ranked
        verdict = rows.text
        pieces.append(verdict + "\n\n")
        shown = [it for it in shown if it.lead.chunk not in rows.rows]
    elif intent.comparative and view is not None:  # the pair's count; the third is outside
        verdict = pair_line(lambda: verdict_sentence(view, lambda c: cite_claim(c, cites)),
                            named, config.subject_names)
        pieces.extend([verdict, "\n\n"] if verdict else [])
    for item in shown:
        pieces.append(render(item) + " ")
    if pieces:
        pieces[-1] = pieces[-1].rstrip()
    more = [render(it) for it in rest[:MAX_MORE]]
    return name_voices(Composition(pieces=pieces, citations=cites.build(), verdict=verdict,
                                   more=more, intent=intent.kind), retrieval.index)
