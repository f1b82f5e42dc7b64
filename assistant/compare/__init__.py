"""The comparison matrix: per criterion, what each article claims about each subject, cited.

Readers come to decide between two technologies; the matrix gives them the whole picture at
a glance, and every cell is traceable to an exact passage (``cleaned[start:end] == text``).

How a matrix is built (``build_matrix``), and why:

1. **Criteria come from configuration** (``knowledge/subjects/*.toml``, loaded by
   ``knowledge.subjects_config``): subjects with aliases, criteria with the labels articles
   use for them, keywords, and question cues. Another pair of technologies is another file.
2. **Table rows first.** A ``table-row`` chunk is the article's own verdict: its label names
   the criterion (an alias, so "Tool Type" and "Definition" merge; else the most similar
   criterion or keyword cues, see ``criteria``), each cell is a claim about the subject its
   column header names, cited by the cell's span (a third technology's column is never
   read). A row is a comparison, so both of its claims favour the same side: the better cell
   on an ordinal scale ("Native" > "Good", "Built-in" > "DIY", "Low" memory > "High";
   ``cells.cell_level``), else the subject whose cell is positive when the other's is not,
   else the one whose cell uses comparative wording, else ``neither`` (two cells that both
   praise, like "large community" / "a large community too", do not pick a side). A
   sentence inside a cell that is clearly about another criterion ("However, it is easy to
   learn." in an Efficiency row) becomes a claim of that criterion too, and does not count
   towards the row's own verdict.
3. **Prose sentences next.** Each sentence (split in two where the subject changes: "Django
   is much secure ... and Node JS provides many libraries") is classified to the best-
   scoring criterion: keyword cues plus a bonus for the section it sits in ("Security in
   Node.js vs Django"); an opinionated sentence with neither goes to its most similar
   criterion (shown, but it does not sway the agreement). Its subject is the subject it
   names (a subject named only as the comparison target, "in contrast to Node.js", "outperforms
   Django", "trails both Node.js and Go", means the claim is about the other one); else,
   with a pronoun ("it", "its", "they"), the subject of the sentence before it in the same
   section; else the subject the section title names; else (no pronoun, no subject in the
   title) the previous sentence's subject in the same section. A sentence or section
   whose first named technology is a third one ("Laravel ...", "Go (Gin): ...") has none.
   Neutral prose is kept only with a strong cue; per cell at most ``MAX_PROSE_PER_CELL``
   prose claims, chosen round-robin over articles so one article cannot crowd out the
   others, most opinionated first. Near-duplicates are dropped.
4. **Stance by documented rules** (the lexicons are data: ``knowledge/subjects/stance-
   en.toml`` for technical valence, ``stance-general-en.toml`` for VADER's valences,
   comparison idioms and scales): polarity is the sum of cue weights (a domain entry, else
   its Snowball stem, else VADER's valence, else the mean valence of the VADER words sharing
   its Snowball stem, unless the stem is one of the ``[vader] ignore`` words; a comparative
   or superlative takes its base form's, "costlier" from "costly", and counts as comparative
   wording); with a comparison target and comparative wording only the comparative wording
   counts ("lags behind Django in built-in protection"); a verdict that names only its
   winner ("Verdict on security: Django.") favours it; comparative wording after a mention
   of the other subject is said of that subject ("ships releases at a rate Django cannot
   match" favours the sentence's own subject); a sentence giving each subject a number in
   one unit ("2,400 requests per second against 1,100 for Django", "600 lines ... and 900",
   "three times as many requests per second as") adds one unit for the subject whose number
   is better (``cells.numeric_verdict``), and so do two consecutive sentences that each give
   one subject one number in one unit ("I received 31 applications. The Node.js role
   received over 200.", ``cells.paired_measures``); a sentence naming both subjects that
   calls them alike ("similar", "the same", "on par", "just as") favours neither, and so
   does one whose subject is all the options ("None of these is a wrong answer"); a
   provision verb after a negator ("doesn't offer", "does not provide") is a lack; a "Yes" /
   "No" answer under a question heading that takes a side ("Is Django more secure than
   Node.js?") takes that side or the other; a sentence these rules leave neutral takes its
   section heading's polarity, else (with the embedder) the side a small fitted model gives
   it (``polarity``: logistic regression on its MiniLM vector, fitted on the tuning split;
   half a unit); a negator (the domain list plus VADER's own:
   "rarely", "seldom", "none") up to four words before a cue flips it ("not secure", "less
   flexible"), unless a degree adverb follows it ("not dramatically shorter": about the
   same, so the cue counts nothing), a remover flips only negative cues ("avoids common
   mistakes", "without compromising"), and its scope runs over the dot inside a name
   ("wouldn't call Node.js insecure"); after "but" / "however" the earlier part counts a
   third; a concessive opener ("Though ..., ...") counts half, an "if" condition a quarter;
   "A, but B" or "Although A, B" where B holds no cue turns A round (the contrast says B
   goes against it: "can be every bit as quick, but only after tuning"); "only as <good> as"
   is a limit; a foil opener ("In contrast to frameworks that ..., Node.js ...") counts for
   the other side; a purpose ("to ensure your application is secure") and a view reported
   from others ("people say ...", "critics argue ...", "it is often said ...", "the common
   complaint against X is that ...") do not count; nor do the cues of a clause before the
   one a subject first opens ("the async runtime is a delight and X feels bolted on") or of
   a later clause about a new, indefinite thing ("..., and a slow query will hurt you
   more"). A cost noun is a cost after "more" / "extra" (one modifier may stand between:
   "additional wiring effort"), after a verb that raises it ("increases maintenance") or
   time spent ("you spend a week wiring ..."), a saving after a verb that cuts it ("reduces
   boilerplate") or "half" / "a fraction of". A recommendation ("pick", "choose", "go for",
   "start with", "I would choose" + a subject) favours that subject. A domain entry that is
   an adjective ("maintainable") lends nothing to the verb or noun it is made from
   ("maintaining"). Positive polarity favours the claim's subject, negative favours the
   other subject ("Node.js may fall short for CPU-intensive tasks" favours Django), zero
   favours ``neither``. Criteria marked ``neutral`` (use cases, definitions) only count
   comparative wording ("better suited", "less suited"): "great for CMSs" is a fit, not a
   verdict.
5. **Agreement** per criterion: each article that speaks gets a stance from *all* its claims
   on the criterion (not only the few shown, so the display cap cannot flip it; a table cell
   weighs ``TABLE_WEIGHT``, a sentence 1): a side wins when it outweighs the other at least
   ``STANCE_MARGIN`` times, otherwise the article is ``mixed``; only neutral claims give
   ``neither``. Then: one article speaks -> ``single-source``; some article favours one
   subject and another article the other -> ``disagree``; all articles share one stance ->
   ``agree`` (that side in ``favours``); anything else (one favours Django, another is
   neutral or torn) -> ``mixed``.

Build once, serve fast: ``ComparisonService`` caches the matrix by the store's corpus version
(plus the configuration's digest and this module's ``RULES_VERSION``) in memory and in
``<data_dir>/compare-<key>.json``, so reading it costs one manifest read and a dict lookup.

Modules: ``models`` (data types and tuning constants), ``lexicon`` (VADER valences, third
technologies, ordinal scales), ``stance`` (the stance analyser), ``cells`` (ordinal table
cells, numbers paired with subjects), ``criteria`` (labels placed
by similarity), ``extract`` (claims from table rows and prose), ``candidates`` (the
claim-candidate type and its span helpers), ``judge`` (stance of one
statement or row), ``matrix`` (selection, agreement, the matrix), ``service`` (the cached
``ComparisonService``). Terminal rendering lives in
``assistant.cli_render``. Every public name is importable from ``assistant.compare``.
"""

from __future__ import annotations

from assistant.compare.extract import _Extractor
from assistant.compare.extract_corpus import extract_candidates, extract_claims
from assistant.compare.judge import judge_row, judge_text, stance_of
from assistant.compare.matrix import agreement, article_stance, build_matrix
from assistant.compare.models import (
    AGREE,
    DISAGREE,
    MAX_PROSE_PER_CELL,
    MIXED,
    NEITHER,
    RULES_VERSION,
    SINGLE_SOURCE,
    Claim,
    ClaimCitation,
    ComparisonMatrix,
    Criterion,
    UnknownCriterion,
)
from assistant.compare.service import ComparisonService
from assistant.compare.stance import _Analyzer

__all__ = [
    "AGREE",
    "DISAGREE",
    "MAX_PROSE_PER_CELL",
    "MIXED",
    "NEITHER",
    "RULES_VERSION",
    "SINGLE_SOURCE",
    "Claim",
    "ClaimCitation",
    "ComparisonMatrix",
    "ComparisonService",
    "Criterion",
    "UnknownCriterion",
    # used by assistant/verdict.py for a cached analyser (see ``judge._extractor``)
    "_Analyzer",
    "_Extractor",
    "agreement",
    "article_stance",
    "build_matrix",
    "extract_candidates",
    "extract_claims",
    "judge_row",
    "judge_text",
    "stance_of",
]
