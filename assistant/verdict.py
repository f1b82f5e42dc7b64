"""The verdict line of a comparative answer, grounded in the comparison matrix.

Two parts:

* ``matrix_view`` is the ONE place the answer path reads the comparison matrix (its
  criteria, cells, claims, per-article stances and the stance analyser). It returns a
  ``CriterionView``: the asked criterion's agreement, each article's stance, the claims
  (every one checked against the cleaned article) and a ``stance(text, subject)`` function
  the composer uses for pros/cons polarity. When the compare module moves, only this
  function changes.
* ``verdict_sentence`` writes the line: "All four articles that weigh security favour
  Django [1][2][3][4]." The words are ours; the counts are the matrix's article stances
  (every article it counts); each article counted is cited with one of its own claims that
  favours the side it is counted for AND that a reader can check: the claim's text or row
  label / heading points to the criterion by the configuration's cues and it is not filler
  (``ClaimRef.on_criterion``). An article without such a claim is counted, not cited, and
  the line says how many are quoted; an even split is said as such.

``assistant.lean.lean_sentence`` is the fallback when the matrix has no criterion for the
question, or when the question names a use of several words (``names_a_use``: "Which is
better for a chat app?"): it counts the quoted evidence sentences that speak for each side
(by the same stance analysis) and says so, the lean first, with their citations. The
question's criterion in other words, its yes/no form and a facet of the criterion are read
in ``assistant.asked``; the criterion is read from the question's asking clause before the
situation it describes (``assistant.asked_criterion``, ``assistant.situation``); a use
that names no criterion cue ("better for WebSockets") is placed by the matrix's own row
labels and headings (``assistant.use_facet``), as a facet of the criterion they sit in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.article_focus import source_line
from assistant.asked_criterion import (  # noqa: F401  (re-exported: the verdict's API)
    LEADING_PURPOSE,
    PURPOSE,
    TRAILING_PURPOSE,
    _adjunct_cue,
    _criterion_in,
    _noun_adjunct,
    _singular,
    asked_criterion,
    asked_with_situation,
    names_a_use,
    one_source,
    weighs_sides,
)
from assistant.stance_fn import NEITHER, stance_function

log = logging.getLogger(__name__)

MIXED = "mixed"
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty")


@dataclass(frozen=True)
class ClaimRef:
    """A comparison claim the answer may cite (``passage`` equals the article at offsets)."""

    text: str
    article_id: str
    start: int
    end: int
    passage: str
    favours: str = NEITHER
    section: str = ""
    subject: str = ""
    #: The claim is on the criterion (its text or its row label / heading names it) and is
    #: not filler: only such a claim is cited in the verdict line as a reason.
    on_criterion: bool = True
    #: The article's own wording of the criterion: its table-row label or section title
    #: ("Real-time / WebSockets"); a facet is named by it as by the claim's text.
    label: str = ""
    #: A comparison-table cell (shown under its row label), not a sentence of prose.
    table: bool = False


@dataclass(frozen=True)
class CriterionView:
    """What the answer needs of the comparison matrix for one question.

    Attributes:
        criterion: The criterion the question asks about (display name), or None.
        claims: Its claims, each citation checked against the cleaned article.
        agreement: ``agree``, ``disagree``, ``mixed`` or ``single-source`` ("" without one).
        favours: The side the articles agree on, if any.
        stances: Article id -> stance (a subject, ``neither`` or ``mixed``), matrix order.
        subjects: The compared subjects, in the configuration's order.
        stance: ``stance(text, subject)`` -> the side one statement about ``subject``
            favours (a subject or ``neither``); None without a comparison service.
        use: The question asks about a use of several words (``names_a_use``): the
            composer tries the lean of the quoted passages on it before the matrix line.
        asks: For a yes/no comparative ("Is Django safer than Node.js?"), the side its
            claim favours (``assistant.asked.asked_side``): the line opens with "Yes" /
            "No" / "Not clearly" by the matrix's count. None otherwise.
        facet: The asked point when it is narrower than the criterion ("documentation"
            in ecosystem and community; ``assistant.asked.facet_term``): the line says
            how the criterion's claims on it lean before the criterion's count.
        facet_words: How the line names the facet when the question's words say more than
            its cue ("asynchronous code" for "asynchronous", a facet read from the
            situation the question describes: ``assistant.situation.situation_facet``).
        sided: False when the question asks what each side is on a neutral criterion
            ("Runtime versus framework: what separates them?"): no line says a lean.
        condition: A skill the asker already has ("Coming from Python, ...";
            ``assistant.situation.background``). When some claim on the criterion names it
            (not about newcomers to it: ``knowing_claims``) it is also the ``facet``, and
            the line counts those claims first; when none does, the line says its count
            is a general one.
        on_agreement: The question asks whether the articles agree ("Do these write-ups
            agree on which runs faster, or contradict each other?"; ``ASKS_AGREEMENT``):
            the line opens with that answer (``agreement_word``).
        unweighed: A facet the question names that no criterion weighs ("templating"),
            found nearest a criterion only by meaning; ``claims`` are that criterion's, for
            the nearest evidence (``assistant.unweighed.unweighed_line``).
    """

    criterion: str | None
    claims: tuple[ClaimRef, ...] = ()
    agreement: str = ""
    favours: str | None = None
    stances: tuple[tuple[str, str], ...] = ()
    subjects: tuple[str, ...] = ()
    stance: Callable[[str, str], str] | None = field(default=None, compare=False)
    use: bool = False
    asks: str | None = None
    facet: str | None = None
    facet_words: str | None = None
    sided: bool = True
    condition: str | None = None
    on_agreement: bool = False
    unweighed: str | None = None
    #: The words for the one article the question refers to (its stance only is counted).
    source: str | None = None


def _field(obj: Any, name: str) -> Any:
    return obj[name] if isinstance(obj, Mapping) else getattr(obj, name)


def matrix_view(
    comparisons: Any,
    question: str,
    subjects: Sequence[str],
    article_text: Callable[[str], str | None],
    section_of: Callable[[str, int], str] = lambda _aid, _pos: "",
    vector: Sequence[float] | None = None,
    memo: MutableMapping[Any, Any] | None = None,
    source: Any = None,
) -> CriterionView | None:
    """Read the comparison matrix for ``question`` (the adapter over ``assistant.compare``).

    The matrix itself is read only for a which-is-better question (the only answers with
    a verdict from it); every question gets the stance function, for pros/cons polarity.

    Args:
        comparisons: The comparison service (``find_criterion``, ``matrix``, ``config``).
        question: The standalone question.
        subjects: Subjects it names (from the rewrite).
        article_text: Article id -> its cleaned text (None when unknown); a claim whose
            citation differs from the text at its offsets is dropped and logged.
        section_of: (article id, offset) -> section heading, for the citation.
        vector: The question's embedding (the retrieval's): the criterion by meaning when
            no cue word names one (``assistant.asked.criterion_by_meaning``).
        memo: A cache as long-lived as the texts ``article_text`` and ``section_of`` read
            (the corpus index's ``memo``): a criterion's checked claims depend only on the
            matrix, the configuration and those texts, so they are checked once per matrix
            version, not again on every question about the criterion.

    Returns:
        The view (``criterion`` None when the question names none), or None when there is
        no service. Failures of the optional service are logged and give None.
    """
    if comparisons is None:
        return None
    from assistant.asked import asked_side, facet_term, polar, spelled
    from assistant.condition import ASKS_AGREEMENT, knowing_claims, quality
    from assistant.intent import classify_intent
    from assistant.situation import NEWCOMER, background, situation_facet, split
    from assistant.verdict_topic import WHICH, topic

    try:
        config_of = getattr(comparisons, "config", None)
        config = config_of() if callable(config_of) else None
        names = tuple(str(s.name) for s in config.subjects) if config is not None else ()
        stance = stance_function(config, names) if config is not None else None
        base = CriterionView(None, subjects=names, stance=stance)
        find = getattr(config, "find_subjects", None)
        if classify_intent(question, subjects).kind != "better" and not polar(question,
                                                                               subjects, find):
            return base
        if one_source(question) and source is None:  # "In the diary, which side ...": its own
            return base  # case, which no article found here can count
        name, situational = asked_with_situation(comparisons.find_criterion, question,
                                                 quality(config))
        if not name and (weighs_sides(question) or WHICH.match(question)):  # by meaning
            name = topic(comparisons, vector)  # (``verdict_topic``); none: no tally
            if name and _adjunct_cue(comparisons.find_criterion, question) == name:
                # the cue read as naming the use ("a learning platform") is not asked
                name = None
            situational = bool(name) and bool(split(question).situation)
        by_label = None
        if not name:  # a use the matrix's own labels place ("WebSockets": real-time)
            from assistant.use_facet import use_facet

            by_label = use_facet(comparisons, question)
            name = by_label[0] if by_label else None
        if not name:
            return base
        matrix = comparisons.matrix(name)
        crit = next((c for c in matrix.criteria if str(c.name).lower() == str(name).lower()),
                    matrix.criteria[0] if len(matrix.criteria) == 1 else None)
        if crit is None:
            return base
        key = ("matrix-view-claims", str(getattr(matrix, "corpus_version", "")),
               str(getattr(config, "digest", "")), str(crit.name))
        known = memo.get(key) if memo is not None else None
        if known is None:
            known = _checked_claims(comparisons.find_criterion, crit, article_text, section_of)
            if memo is not None:
                memo[key] = known
        claims = [c for c in known[0] if source is None or c.article_id == source.article_id]
        failed = set(known[1])
        spec = next((c for c in getattr(config, "criteria", ()) if str(c.name) == str(crit.name)),
                    None)
        facet = facet_term(question, spec) if spec is not None else None
        if by_label is None and facet is None:
            # a facet no cue names ("the better templating story", "the nicer ORM for complex
            # queries"), the criterion read from other words or by meaning: its facet when
            # a claim that leans names it, else not weighed at all
            from assistant.unweighed import asked_noun, leaning_claim_names

            noun = asked_noun(question, comparisons.find_criterion)
            if noun and leaning_claim_names(noun, claims, names):
                facet = noun
            elif noun:
                return CriterionView(None, claims=tuple(claims), subjects=names,
                                     stance=stance, unweighed=noun)
        if by_label is None and facet is None and not situational and PURPOSE.search(question):
            # "Which should I use for WebSockets?" finds use cases by its asking words; the
            # use itself is the facet the labels place under it (real-time)
            from assistant.use_facet import use_facet

            by_label = use_facet(comparisons, question)
            by_label = by_label if by_label and by_label[0] == str(crit.name) else None
        if by_label is not None:
            facet = by_label[1]
        facet_words = None
        situation = split(question).situation
        if (facet is None and not situational and NEWCOMER.search(situation)
                and config is not None):
            # a newcomer's situation narrows the asked criterion: "kinder to a developer who
            # has never written asynchronous code" asks about the learning curve of async
            # code (another situation is context, not the point weighed)
            from assistant.asked import facet_named

            found = situation_facet(situation, str(crit.name), config,
                                    lambda term: facet_named(term, claims))
            if found is not None:
                facet, facet_words = found
        condition = None
        skill = background(question, lambda w: bool(find(w)) if callable(find) else False)
        if facet is None and skill is not None and not situational:
            # "Coming from Python, which is easier to pick up?": the claims about people
            # who know Python decide, before the general count
            from assistant.asked import facet_named

            if facet_named(skill, knowing_claims(claims)):
                facet, facet_words = skill, f"developers who know {skill}"
            condition = skill
        if (spec is not None and getattr(spec, "neutral", False) and facet is None
                and not situation and not weighs_sides(question)):
            # "Runtime versus framework: what separates them?" weighs no side
            return CriterionView(None, subjects=names, stance=stance, sided=False)
        # An article whose every shown claim failed the citation check is not counted; one
        # whose claims the matrix does not show is counted (and said to be not quoted).
        dropped = failed - {c.article_id for c in claims}
        stances = getattr(crit, "article_stances", {}) or {}
        return CriterionView(
            criterion=str(crit.name),
            claims=tuple(claims),
            agreement=str(crit.agreement),
            favours=getattr(crit, "favours", None),
            stances=tuple((str(k), str(v)) for k, v in stances.items()
                          if str(k) not in dropped
                          and (source is None or str(k) == source.article_id)),
            source=source.phrase if source is not None else None,
            subjects=tuple(str(s) for s in getattr(matrix, "subjects", ()) or crit.cells)
            or names,
            stance=stance,
            # "For a student who has never deployed an app, which is less painful to
            # learn?": a newcomer is the person asking, not a use to weigh the passages on
            use=names_a_use(question, None if facet else comparisons.find_criterion)
            and (situational or not NEWCOMER.search(situation)),
            asks=asked_side(question, subjects, names, stance, find),
            facet=facet,
            facet_words=facet_words or spelled(question, facet),
            condition=condition,
            on_agreement=bool(ASKS_AGREEMENT.search(question)),
        )
    except Exception as exc:
        log.warning("comparison service failed: %s: %s", exc.__class__.__name__, exc)
        return None


def _checked_claims(find_criterion: Callable[[str], str | None], crit: Any,
                    article_text: Callable[[str], str | None],
                    section_of: Callable[[str, int], str],
                    ) -> tuple[tuple[ClaimRef, ...], frozenset[str]]:
    """The claims of matrix criterion ``crit`` whose citations match the article text, as
    ``ClaimRef``s, and the ids of the articles with a claim that does not (logged)."""
    claims: list[ClaimRef] = []
    failed: set[str] = set()
    for subject, cell in crit.cells.items():
        for claim in cell:
            cit = claim.citation
            aid = str(_field(cit, "article_id"))
            start, end = int(_field(cit, "start")), int(_field(cit, "end"))
            passage = str(_field(cit, "text"))
            text = article_text(aid)
            if text is None or text[start:end] != passage:
                log.warning("comparison claim citation does not match %s[%d:%d]",
                            aid, start, end)
                failed.add(aid)
                continue
            claim_text = str(claim.text)
            if claim_text not in passage:
                claim_text = passage
            on = _on_criterion(find_criterion, str(crit.name), claim_text,
                               str(getattr(claim, "label", "") or ""))
            claims.append(ClaimRef(claim_text, aid, start, end, passage,
                                   str(getattr(claim, "favours", NEITHER)),
                                   section_of(aid, start), str(subject), on,
                                   str(getattr(claim, "label", "") or ""),
                                   getattr(claim, "source_kind", "") == "table"))
    return tuple(claims), frozenset(failed)


def _on_criterion(find: Callable[[str], str | None], criterion: str, text: str,
                  label: str) -> bool:
    """Whether a claim can stand in the verdict line as a reason on ``criterion``.

    The matrix counts an article's stance from all its claims, some of them placed by their
    section alone ("Below are the few important features of Node JS." under "Features");
    a reader checking the verdict's marker must see the criterion in what is cited. So the
    claim's own text, or the row label / heading it sits under, must point to the
    criterion by the configuration's cues, and the claim must not be a meta, signpost or
    dangling sentence.
    """
    from assistant.filler import classify

    if classify(text) != "ok":
        return False
    want = criterion.lower()
    for probe in (text, label):
        if not probe.strip():
            continue
        try:
            found = find(probe)
        except Exception:  # the optional service: a failed probe is no reason to cite
            found = None
        if found and str(found).lower() == want:
            return True
    return False



def number(n: int) -> str:
    """Small counts as words ("three"), larger ones as digits."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def _claim_for(view: CriterionView, article_id: str, side: str) -> ClaimRef | None:
    """The article's best claim for ``side`` (a subject, or ``neither``): it favours that
    side, is on the criterion (``ClaimRef.on_criterion``), names the side, is short.
    None when the article has no such claim: then it is counted but not cited."""
    cands = [c for c in view.claims if c.article_id == article_id and c.favours == side
             and c.on_criterion]
    if not cands:
        return None

    def key(c: ClaimRef) -> tuple[bool, bool, int]:
        squashed = "".join(ch for ch in c.text.lower() if ch.isalnum())
        names = "".join(ch for ch in side.lower() if ch.isalnum()) in squashed
        return (names, c.subject == side, -len(c.text))

    return max(cands, key=key)


def verdict_sentence(view: CriterionView, cite: Callable[[ClaimRef], int]) -> str | None:
    """The grounded verdict line for ``view``'s criterion, or None when it has no stances.

    ``cite`` numbers a claim's passage and returns its marker number. A yes/no question
    (``view.asks``) gets its answer word first: "Yes: three of the four articles ...".
    """
    from assistant.asked import answer_word, facet_line, facet_named, with_answer_word
    from assistant.condition import agreement_word, knowing_claims

    if not view.asks and view.facet and view.criterion \
            and not facet_named(view.facet, view.claims):
        return None  # a facet the articles never name: the passages answer, no count
    line = _count_line(view, cite)
    claims = knowing_claims(view.claims) if view.condition else view.claims
    if (line is not None and view.condition and view.criterion and not view.asks
            and not (view.facet and facet_named(view.facet, claims))):
        # "Coming from Ruby, ...": no claim speaks of Ruby, the count is a general one
        return (f"No claim on {view.criterion.lower()} speaks of developers who know "
                f"{view.condition}; in general, {line[:1].lower()}{line[1:]}")
    if line is not None and view.on_agreement and not view.asks and not view.facet:
        return with_answer_word(agreement_word(view), line)
    if line is None or not (view.asks or view.facet):
        return line

    if not view.asks and view.facet and view.criterion:
        return facet_line(view.facet, view.criterion, line, claims, view.subjects, cite,
                          view.facet_words)

    asked = view.asks or ""
    tally = {s: 0 for s in view.subjects}
    for _aid, stance in view.stances:
        if stance in tally:
            tally[stance] += 1
    counts = sorted(tally.items(), key=lambda kv: -kv[1])
    return with_answer_word(answer_word(asked, counts), line)


def _count_line(view: CriterionView, cite: Callable[[ClaimRef], int]) -> str | None:
    """The matrix's count on the criterion, each counted article cited where it can be."""
    if not view.criterion or not view.stances:
        return None
    crit = view.criterion.lower()
    total = len(view.stances)
    by_side: dict[str, list[str]] = {s: [] for s in view.subjects}
    others: dict[str, list[str]] = {MIXED: [], NEITHER: []}
    for aid, stance in view.stances:
        (by_side if stance in by_side else others).setdefault(stance, []).append(aid)

    def marks(aids: Sequence[str], side: str) -> str:
        """The articles' markers; when some article has no claim on the criterion for
        ``side`` that a reader could check (``_claim_for``), the count of those quoted is
        said, so that the markers never seem to miscount. A mixed article is cited by one
        such claim for each of two sides; the mixed and the neutral articles are cited
        only when each of them can be, else their count stands without markers."""
        found: list[list[ClaimRef]] = []  # per citable article, its claims
        for aid in aids:
            if side == MIXED:
                pair = [c for c in (_claim_for(view, aid, s) for s in view.subjects) if c]
                if len(pair) >= 2:
                    found.append(pair[:2])
                continue
            claim = _claim_for(view, aid, side)
            if claim is not None:
                found.append([claim])
        if side in (MIXED, NEITHER) and len(found) < len(aids):
            return ""  # cited only when every such article can be: a count is said as is
        # numbered only now: a claim the line does not show gets no citation
        out = ["".join(f"[{cite(c)}]" for c in claims) for claims in found]
        if len(out) == len(aids):
            return "".join(out)
        if not out:
            return "(none quoted here)" if len(aids) > 1 else "(not quoted here)"
        return f"({number(len(out))} quoted here {''.join(out)})"

    if view.source:  # "The three-way comparison favours Node.js on real-time [3]."
        return source_line(view.source, crit, view.stances[0][1], view.subjects,
                           lambda side: marks([view.stances[0][0]], side))
    sides = sorted(((s, a) for s, a in by_side.items() if a), key=lambda kv: -len(kv[1]))
    if not sides:
        aids = others[MIXED] + others[NEITHER]
        return (f"None of the {number(total)} articles that discuss {crit} favours either "
                f"side {marks(aids, NEITHER)}.").replace(" .", ".")
    if total == 1:
        side, aids = sides[0]
        return f"Only one article weighs {crit}, and it favours {side} {marks(aids, side)}."
    parts: list[str] = []
    if len(sides) == 1 and len(sides[0][1]) == total:
        side, aids = sides[0]
        whole = "Both articles" if total == 2 else f"All {number(total)} articles"
        return f"{whole} that weigh {crit} favour {side} {marks(aids, side)}."
    if len(sides) >= 2 and len(sides[0][1]) == len(sides[1][1]):
        (s1, a1), (s2, a2) = sides[0], sides[1]
        verb = "favours" if len(a1) == 1 else "favour"
        parts.append(f"The articles are split evenly on {crit}: {number(len(a1))} {verb} "
                     f"{s1} {marks(a1, s1)} and {number(len(a2))} {verb} {s2} {marks(a2, s2)}")
    else:
        side, aids = sides[0]
        verb = "favours" if len(aids) == 1 else "favour"
        parts.append(f"{_capital(number(len(aids)))} of the {number(total)} articles that weigh "
                     f"{crit} {verb} {side} {marks(aids, side)}")
        for side, aids in sides[1:]:
            verb = "favours" if len(aids) == 1 else "favour"
            parts.append(f"{number(len(aids))} {verb} {side} {marks(aids, side)}")
    for kind, words in ((MIXED, ("is mixed", "are mixed")),
                        (NEITHER, ("takes no side", "take no side"))):
        aids = others.get(kind, [])
        if aids:
            verb = words[0] if len(aids) == 1 else words[1]
            parts.append(f"{number(len(aids))} {verb} {marks(aids, kind)}".rstrip())
    return "; ".join(parts) + "."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
