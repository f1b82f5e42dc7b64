"""Questions that name a technology other than the configured pair.

"Is Django faster than Go's Gin?", "Is Fastify faster than Express?", "How do Laravel
migrations compare to Django's?": the comparison matrix and the side-by-side shape are
Django vs Node.js only, so such a question gets another answer (``compose_named``): no pair
verdict, only passages that mention the technologies the question names.

* ``asked_technologies`` finds what the question names: the configured subjects (as the
  subject, "Django", or as a member of one, "Express" for Node.js: an alias that does not
  spell the subject's own name) and third technologies the corpus knows, found generically:
  a comparison-table column or a name seen beside one (``assistant.attribution``), or a
  product of abstention's ``KNOWN_TECH`` list that the articles mention.
* A comparison-table row that has a column for a named third technology is shown with the
  cells of the named columns only, each quoted after its column's header ("Raw throughput
  — Django “Medium ...”, Go (Gin) “Fastest ...”.", ``assistant.table_cells``); a row whose
  label names one is shown whole.
* Sentences that name the asked technologies (or sit in a passage about one of them) rank
  first, those naming more of them before those naming fewer. A sentence about a third
  technology that does not name it carries "On Laravel: " (``assistant.template_lead``).
* No lean line: the matrix counts Django-vs-Node.js stances, not these. A question that
  compares ("faster than", "compare", "the way Django does", "Laravel or Django") opens
  with a row verdict when one of its first two items is such a row (``row_verdict``): the
  named cells ranked by a figure in one unit or their ordinal level (``assistant.compare.
  cells``), "On raw throughput (JSON endpoint), the table of ... puts Go (Gin) ahead of
  Django: Django “Medium: ...”, Go (Gin) “Fastest: ...” [1]." (each cell quoted under its
  own column, so a third technology's claim is never a subject's). When no shown passage
  mentions a named third technology on the question's topic, the answer says the articles
  do not cover it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.answer_type import YEAR
from assistant.attribution import about_other_technology, companions, third_technologies
from assistant.filler import PRONOUN_START
from assistant.kind_named import kind_sentence, kind_words
from assistant.retriever import tokens
from assistant.sentences import Candidate, duplicate
from assistant.table_cells import compact_row
from assistant.word_family import inflected_family
from knowledge.models import ScoredChunk, Span
from knowledge.subjects_config import normalize_label
from knowledge.text.tokens import STOPWORDS

#: Ranking bonus of a sentence by the share of the named technologies it mentions, and of
#: its passage by the share the passage mentions (a passage naming all of them weighs
#: them against each other).
W_NAMED = 0.5
W_PASSAGE_NAMED = 0.5
#: A table row's score: weights of its passage's retrieval score (relative to the best)
#: and of its label's share of the topic terms; plus the best cell's cosine with the
#: question at the sentence weight, or ``ROW_SEM`` for cells too short to be sentences.
W_ROW_PASSAGE, W_ROW_LABEL, W_ROW_SEM, ROW_SEM = 0.25, 0.35, 0.5, 0.45
#: A definition question: bonus of a sentence that says what the named thing is.
W_DEFINES = 0.5
#: ... and by the share of the question's topic terms (its words other than the names).
W_TOPIC = 0.3
#: Items shown in the answer; the next ones go to "more from the sources".
VISIBLE = 4
MAX_PER_CHUNK = 2
#: A shown item (after the first) scores at least this share of the best one.
FLOOR = 0.6
#: A question of degree ("faster than", "how much memory"): a measured figure about a named
#: technology answers it even without the question's words ("topped the chart at 18,600
#: requests per second"). Cosine is no topic test here: the names dominate a sentence's
#: vector, so any sentence about Laravel is close to any question about Laravel.
_DEGREE = re.compile(r"\b\w+er\s+than\b|\b(?:more|less|fewer|lower|higher)\b|"
                     r"\bhow\s+(?:much|many|fast|quick\w*)\b", re.I)
#: A figure answers a question of degree ("how many ..."); a year ("in 2024") does not.
_FIGURE = re.compile(r"\d")
#: Words that make a question a comparison without saying what is compared.
_COMPARING = frozenset({"better", "worse", "best", "good", "compare", "compared",
                        "comparison", "versus", "vs", "differ", "difference", "than"})
#: Lower-case names that are ordinary English words: they count only when capitalised.
_WORDS = frozenset({"go", "gin", "rust", "swift", "spring", "bottle", "pyramid",
                    "phoenix", "react", "ember", "flutter", "java", "ruby", "bun", "deno",
                    "tornado", "celery", "scala", "perl", "blockchain", "vue", "koa"})
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.+#]*")
_CLAIM_END = re.compile(r"[.!?:;\"”’)]$")
_BULLET = re.compile(r"^[•\-*·–—]|^\d+[.)]\s")


@dataclass(frozen=True)
class Named:
    """A technology a question names.

    Attributes:
        display: How answers name it ("Go (Gin)", "Laravel", "Express", "Django").
        names: Its lowercase names ("go", "gin").
        subject: The configured subject it is or belongs to, else None (a third technology).
        member: It is a member of ``subject`` ("Express" for Node.js), not the subject.
    """

    display: str
    names: frozenset[str]
    subject: str | None = None
    member: bool = False

    @property
    def third(self) -> bool:
        return self.subject is None

    def named_in(self, text: str) -> bool:
        """Whether ``text`` names it (any of its names, as a word)."""
        return any(m.group(0).lower().rstrip(".") in self.names for m in _WORD.finditer(text))


def _corpus_words(index: Any) -> frozenset[str]:
    key = ("corpus-words",)
    memo = getattr(index, "memo", None)
    if memo is not None and key in memo:
        found: frozenset[str] = memo[key]
        return found
    words = frozenset(m.group(0).lower().rstrip(".") for chunk in index.chunks
                      for m in _WORD.finditer(chunk.text))
    if memo is not None:
        memo[key] = words
    return words


def _is_member(alias: str, subject: str) -> bool:
    """An alias that does not spell its subject's own name ("Express" for Node.js)."""
    head = normalize_label(subject).split(" ")[0][:4]
    return bool(head) and not normalize_label(alias).startswith(head)


def asked_technologies(question: str, index: Any, config: Any) -> tuple[Named, ...]:
    """The technologies ``question`` names, in order; empty unless one is a third one.

    Only a third technology the corpus knows turns the question into a named one: one the
    articles never mention is abstention's business ("Is Django faster than Quarkus?").
    """
    from assistant.question_names import KNOWN_TECH  # abstention's list of products
    from assistant.scope import asker_context, defined_term, member_names, option_asked, pair_meant
    from assistant.situation import told_beside_subjects

    choosing = option_asked(question, config) or pair_meant(question, config)

    third = third_technologies(index, config)
    friends = companions(index, config)
    corpus = _corpus_words(index)
    found: dict[str, Named] = {}
    for m in _WORD.finditer(question):
        word = m.group(0)
        low = word.lower().rstrip(".")
        if low in STOPWORDS or (not word[0].isupper() and low in _WORDS):
            continue
        subs = config.find_subjects(word)
        if subs:
            subject = subs[0]
            member = _is_member(word, subject)
            display = word if member else subject
            old = found.get(display)
            names = {low} if member else {low, *(normalize_label(subject).split(" "))}
            found[display] = Named(display, frozenset(names | (old.names if old else set())),
                                   subject, member)
            continue
        told = choosing or told_beside_subjects(question, [word], config)
        if told and asker_context(question, [word]):
            # "My team writes Go. Which ...?", "We're React devs. When is Node best?": a skill,
            # not asked (abstention agrees); "what do Laravel developers use?" asks of Laravel
            continue
        if low in third:
            display = third[low]
            names = {w.lower() for w in _WORD.findall(display)} - STOPWORDS
        elif low in friends:
            display = friends[low]
            names = {low, *({w.lower() for w in _WORD.findall(display)} - STOPWORDS)}
        elif (low in KNOWN_TECH or (kind_words(word) and defined_term(question) == word)
              ) and low in corpus:
            display = KNOWN_TECH.get(low, word)  # a glossary tool: "What is Drizzle?"
            names = {low}
        else:
            continue
        old = found.get(display)
        found[display] = Named(display, frozenset(names | (old.names if old else set())))
    term = defined_term(question)
    members = member_names(term, config) if term else ()
    if members:
        # "What is Express?": a member alias named for itself is not its subject; the
        # answer shows the passages that name it (abstention declined when none says
        # what it is)
        found = {members[0]: Named(members[0], frozenset(
            m.lower().rstrip(".") for m in members))}
    out = tuple(found.values())
    return out if any(n.third for n in out) else ()


def with_described(question: str, retrieval: Any, named: Sequence[Named]) -> Any:
    """For "What is Express?" (a member alias or another technology named for itself): add
    the passages that say what it is ("Express is the minimalist web layer ...").
    Retrieval reads a member alias as its subject, so it finds the subject's definitions,
    not the member's."""
    from assistant.scope import defined_term, describing

    third = [w for n in named if n.third for w in n.names]
    pattern = describing(third, strict=True) if third and defined_term(question) else None
    if pattern is None:
        return retrieval
    have = {sc.chunk.chunk_id for sc in (*retrieval.chunks, *retrieval.extra)}
    top = max((sc.score for sc in retrieval.chunks), default=0.0)
    add = [ScoredChunk(c, top) for c in retrieval.index.chunks if c.chunk_id not in have
           and (pattern.search(c.text) or kind_sentence(third, c.text))]
    return dataclasses.replace(retrieval, extra=[*retrieval.extra, *add]) if add else retrieval


@dataclass
class Item:
    """One thing the answer can show: a sentence, or a table row's named cells."""

    cands: list[Candidate]
    text: str
    score: float
    mentions: frozenset[str]
    topical: bool
    about: str | None = None  # whose an unnamed sentence is ("On Laravel: Its ...")
    cells: tuple[tuple[int, int], ...] = ()
    columns: tuple[str, ...] = ()  # a row: each cell's column header, as ``cells``
    label: str = ""  # a row: its label

    @property
    def lead(self) -> Candidate:
        return self.cands[0]


def _topic_terms(question: str, named: Sequence[Named], index: Any) -> list[frozenset[str]]:
    """The question's terms other than the names, each with its word family."""
    skip = set().union(*(n.names for n in named)) | _COMPARING
    skip_toks = set(tokens(" ".join(skip))) if skip else set()
    out = []
    for t in dict.fromkeys(tokens(question)):
        if t in skip_toks:
            continue
        out.append(frozenset(inflected_family(t, index.vocabulary, index.memo)) | {t})
    return out


def _share(terms: list[frozenset[str]], toks: frozenset[str]) -> float:
    if not terms:
        return 1.0
    return sum(1 for fam in terms if not fam.isdisjoint(toks)) / len(terms)


def items(question: str, cands: list[Candidate], named: Sequence[Named], index: Any,
          config: Any, passages: Sequence[Any] = ()) -> list[Item]:
    """The candidates as answer items, best first: sentences, and a row per table row of
    the retrieved ``passages`` (scored chunks; their cells are often too short to be
    candidates)."""
    from assistant.scope import defined_term, describing

    terms = _topic_terms(question, named, index)
    degree = bool(_DEGREE.search(question))
    # "For a solo developer, Django, Express or Laravel?": a choice among three or more
    # named options asks which fits: when no item on a third option holds the question's
    # words (the asker's situation in words of their own), what the articles say of each
    # option answers it
    choice = len(named) > 2 and compares(question, named)
    third_asked = {n.display for n in named if n.third}
    defines = describing([w for n in named if n.third for w in n.names], strict=True) \
        if defined_term(question) else None
    if defines is not None:
        terms = []  # "What exactly is Express?": the name is the whole topic
    third = third_technologies(index, config)
    friends = companions(index, config)
    out: list[Item] = []
    rows: dict[str, list[Candidate]] = {}
    passage_named: dict[str, float] = {}
    for cand in cands:
        if cand.chunk.row is not None:
            rows.setdefault(cand.chunk.chunk_id, []).append(cand)
            continue
        cid = cand.chunk.chunk_id
        if cid not in passage_named:
            passage_named[cid] = sum(1 for n in named if n.named_in(cand.chunk.text)
                                     ) / len(named)
        chunk, span = cand.chunk, cand.span
        raw = chunk.text[span.start - chunk.start : span.end - chunk.start].strip()
        line = chunk.text[: span.start - chunk.start].rsplit("\n", 1)[-1] + raw  # its bullet
        if not _CLAIM_END.search(raw) and not _BULLET.match(line.lstrip()):
            continue  # a heading or a table caption, not a claim
        about = about_other_technology(chunk, span, config, third, friends)
        mentions = {n.display for n in named if n.named_in(cand.text)
                    or (n.third and about == n.display)
                    or (not n.third and not n.member and cand.subject == n.subject)}
        ctx = cand.toks | frozenset(tokens(chunk.section))
        share = _share(terms, ctx)
        topical = (share > 0 or cand.on_aspect
                   or (degree and bool(mentions) and bool(_FIGURE.search(YEAR.sub("", cand.text)))))
        unnamed = about if about and not any(
            n.named_in(cand.text) for n in named if n.display == about) else None
        if (unnamed is None and about is None and cand.subject
                and PRONOUN_START.match(cand.text) and not config.find_subjects(cand.text)):
            unnamed = cand.subject  # "It provides ..." of Django: no side label says whose
        bonus = (W_NAMED * len(mentions) / len(named) + W_PASSAGE_NAMED * passage_named[cid]
                 if mentions else 0.0)
        if defines is not None and (defines.search(cand.text) or kind_sentence(
                [w for n in named if n.third for w in n.names], cand.text)):
            bonus += W_DEFINES  # "What is Express?": "Express is the minimalist ..." first
        out.append(Item([cand], cand.text, cand.score + bonus + W_TOPIC * share,
                        frozenset(mentions), topical, unnamed))
    top = max((sc.score for sc in passages), default=1.0) or 1.0
    for sc in passages:
        if sc.chunk.row is None:
            continue
        item = _row_item(sc.chunk, rows.get(sc.chunk.chunk_id, []), named, terms,
                         max(sc.score, 0.0) / top)
        if item is not None:
            out.append(item)
    if choice and not any(it.topical and not it.mentions.isdisjoint(third_asked) for it in out):
        for it in out:  # no option's item in the question's words: each option's items
            it.topical = it.topical or not it.mentions.isdisjoint(third_asked)
    out.sort(key=lambda it: -it.score)
    return out


def _row_item(chunk: Any, group: list[Candidate], named: Sequence[Named],
              terms: list[frozenset[str]], passage: float) -> Item | None:
    row = chunk.row
    assert row is not None
    label = row.criterion or ""
    by_label = [n for n in named if n.named_in(label)]
    columns = [(h, sp) for h, sp in row.cells if any(n.named_in(h) for n in named)]
    if not by_label and not any(n.third and n.named_in(h) for h, _ in columns for n in named):
        return None  # a row without the named third technology weighs nothing asked
    cells = list(row.cells) if by_label else columns
    values = [(header.strip(), chunk.text[sp.start - chunk.start : sp.end - chunk.start].strip())
              for header, sp in cells]
    parts = [f"{header}: {value}" if header else value for header, value in values]
    mentions = frozenset(n.display for n in named
                         if n.named_in(label) or any(n.named_in(h) for h, _ in cells))
    # the shown cells' headers are the row's topic too ("p99 latency (ms)" of a row per
    # stack); not the cells' words ("Needs extras" is no answer to "if I need ...")
    toks = frozenset(tokens("\n".join([label, chunk.section, *(h for h, _v in values)])))
    share = _share(terms, toks)
    sem = max((c.sem for c in group), default=ROW_SEM)
    topical = share > 0 or any(c.on_aspect for c in group)
    # "Time to first MVP — Django “Fastest, ...”, Go (Gin) “Slow, ...”." (``table_cells``)
    text = (compact_row(label, values) if label and all(h for h, _v in values)
            else " · ".join(parts))
    score = (W_ROW_PASSAGE * passage + W_ROW_LABEL * share + W_ROW_SEM * sem
             + (W_NAMED + W_PASSAGE_NAMED) * len(mentions) / len(named) + W_TOPIC * share)
    lead = group[0] if group else Candidate(chunk, Span(chunk.start, chunk.end), text,
                                            score, 0, None)
    return Item([lead], text.rstrip(". ") + ".", score, mentions, topical,
                cells=tuple((sp.start, sp.end) for _h, sp in cells),
                columns=tuple(h.strip() for h, _sp in cells), label=label)


def choose(ranked: list[Item], named: Sequence[Named]) -> tuple[list[Item], list[Item]]:
    """The items to show (on topic, naming what was asked; those on a named third
    technology first, then the best) and the rest."""
    shown: list[Item] = []
    per_chunk: dict[str, int] = {}
    third = {n.display for n in named if n.third}
    pool = sorted((it for it in ranked if it.mentions and it.topical),
                  key=lambda it: (it.mentions.isdisjoint(third), -it.score))
    best = max((it.score for it in pool), default=0.0)
    for it in pool:
        if len(shown) >= VISIBLE:
            break
        if shown and it.score < best * FLOOR:
            continue
        cid = it.lead.chunk.chunk_id
        if per_chunk.get(cid, 0) >= MAX_PER_CHUNK:
            continue
        if any(not it.cells and not s.cells and duplicate(it.lead, s.lead) for s in shown):
            continue
        shown.append(it)
        per_chunk[cid] = per_chunk.get(cid, 0) + 1
    for n in named:  # each named technology the articles speak of gets its best item
        if not shown or any(n.display in it.mentions for it in shown):
            continue
        extra = next((it for it in pool if n.display in it.mentions and it not in shown
                      and it.score >= best * FLOOR), None)
        if extra is not None:
            if len(shown) >= VISIBLE:
                shown.pop()
            shown.append(extra)
    rest = [it for it in ranked if it not in shown]
    return shown, rest


def uncovered(shown: list[Item], named: Sequence[Named]) -> list[str]:
    """The named third technologies no shown item mentions."""
    said = set().union(*(it.mentions for it in shown)) if shown else set()
    return [n.display for n in named if n.third and n.display not in said]


# -- the verdict line of a named comparison: a table row's cells ranked --------------------


@dataclass(frozen=True)
class RowVerdict:
    """A named comparison's verdict line from one table row (``row_verdict``).

    Attributes:
        item: The row it reads (the composer cites its cells and shows it no further).
        text: The line without its marker ("On raw throughput (JSON endpoint), the table
            puts Go (Gin) ahead of Django: Go (Gin) “Fastest: ...”, Django “Medium: ...”").
    """

    item: Item
    text: str


def _measure(general: Any, value: str) -> tuple[float, str, float] | None:
    """A cell's first measured figure: (value, unit, direction: +1 benefit, -1 cost)."""
    from assistant.compare.cells import _NUMBER, _unit_at

    for m in _NUMBER.finditer(value):
        unit = ("$", -1.0) if m.group(1) else _unit_at(general, value, m.end())
        if unit is not None:
            return float(m.group(2).replace(",", "")), unit[0], unit[1]
    return None


def rank_cells(general: Any, label: str, values: Sequence[str]) -> list[float] | None:
    """The cells' places, higher better: by a figure in one unit when every cell has one
    (a cost unit counts down), else by their ordinal level (``cell_level``); None when
    some cell has neither."""
    from assistant.compare.cells import NUMERIC_MIN_RATIO, cell_level

    measures = [_measure(general, v) for v in values]
    if all(m is not None for m in measures) and len({m[1] for m in measures if m}) == 1:
        nums = [m[0] * m[2] for m in measures if m]
        low, high = min(abs(n) for n in nums), max(abs(n) for n in nums)
        if low > 0 and high / low < NUMERIC_MIN_RATIO:
            return [0.0 for _n in nums]  # figures this close say nothing
        return nums
    levels = [cell_level(general, label, v) for v in values]
    if any(lv is None for lv in levels):
        return None
    return [float(lv) for lv in levels if lv is not None]


def lower_label(label: str) -> str:
    """"Raw throughput (JSON endpoint)" reads inside a sentence as "raw throughput
    (JSON endpoint)"; an acronym ("ORM and migrations") keeps its capitals."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def row_sentence(label: str, source: str, cols: Sequence[tuple[str, str]],
                 ranks: Sequence[float]) -> str:
    """"On <label>, <source> puts A ahead of B: A “cell”, B “cell”" (or "rates A and B
    alike"), without its marker: ``cols`` are (column name, cell text), ``ranks`` their
    places (``rank_cells``)."""
    on = lower_label(label) if label else "this"
    quoted = ", ".join(f"{h} “{v}”" for h, v in cols)
    best = max(ranks)
    top = [h for (h, _v), r in zip(cols, ranks, strict=True) if r == best]
    if len(top) == len(cols):
        return f"On {on}, {source} rates {' and '.join(h for h, _v in cols)} alike: {quoted}"
    rest = [h for h, _v in cols if h not in top]
    return f"On {on}, {source} puts {' and '.join(top)} ahead of {' and '.join(rest)}: {quoted}"


def row_verdict(shown: Sequence[Item], named: Sequence[Named], general: Any,
                source: str | Callable[[str], str] = "the table") -> RowVerdict | None:
    """The verdict line of a question naming a third technology, from a table row.

    The first shown item that is a table row on the question's topic and has a cell for at
    least two of the named technologies (one of them a third one) is read: its cells are
    ranked by a figure in one unit, or by their ordinal level ("Fastest" > "Medium"), and
    the line says which technology the table puts ahead, quoting each named cell under its
    own column's name, or that the table rates them alike. The words are ours; what each
    technology gets is its own cell, so a third technology's claim is never a subject's.
    ``source`` names the table, or (a callable) names the article id of the row read: the
    line must name the article of the row it quotes, not of another shown row.
    None when no such row leads the answer or its cells cannot be ranked.
    """
    for item in shown[:2]:
        if not item.cells or not item.topical:
            continue
        chunk = item.lead.chunk
        cols: list[tuple[str, str]] = []
        for header, (start, end) in zip(item.columns, item.cells, strict=False):
            who = next((n for n in named if n.named_in(header)), None)
            if who is None or any(who.display == d for d, _v in cols):
                continue
            value = chunk.text[start - chunk.start : end - chunk.start].strip().rstrip(".")
            if value:
                cols.append((header, value))
        if len(cols) < 2 or not any(n.third and any(n.named_in(h) for h, _v in cols)
                                    for n in named):
            continue
        ranks = rank_cells(general, item.label, [v for _h, v in cols])
        if ranks is None:
            continue
        where = source if isinstance(source, str) else source(chunk.article_id)
        return RowVerdict(item, row_sentence(item.label, where, cols, ranks))
    return None


#: "the way Django does", "like Django does", "as Django does": a comparison by likeness;
#: "X or Y" between two names.
_LIKENESS = re.compile(r"\b(?:the\s+way|like|as)\s+\S+\s+(?:does|do|did|has|is)\b", re.I)


def compares(question: str, named: Sequence[Named] = ()) -> bool:
    """Whether a question naming a third technology weighs the named ones ("faster than",
    "how do X and Y compare", "better", "versus", "the way Django does", "Laravel or
    Django"): only then its answer opens with a row verdict."""
    words = {w.lower() for w in _WORD.findall(question)}
    if _DEGREE.search(question) or _LIKENESS.search(question) or not words.isdisjoint(
            _COMPARING):
        return True
    for m in re.finditer(r"\bor\b", question, re.I):
        before, after = question[: m.start()], question[m.end() :]
        if any(n.named_in(before) for n in named) and any(n.named_in(after) for n in named):
            return True
    return False
