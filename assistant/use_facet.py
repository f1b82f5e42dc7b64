"""A use the question names, placed by the comparison matrix's own labels.

"Which is better for WebSockets?" names no cue of any configured criterion, and its
embedding is no closer to one criterion's cue words than to another's
(``assistant.asked.criterion_by_meaning`` finds none). The articles themselves say where
it belongs: one of them heads a section "Real-time / WebSockets", another has a table row
"Real-time features", and the matrix placed both under the criterion whose cue they hold
("real-time": a question cue and keyword of use cases). So the use is read as that facet
of that criterion, and the verdict line counts the criterion's claims on the facet
(``assistant.asked.facet_line``) instead of guessing from the quoted sentences.

``use_facet`` compares the asked use (``use_phrase``: "WebSockets", "live, socket-based
features") with the labels (table-row labels and section headings) of the matrix's claims
that name a facet of their configured criterion (``assistant.asked.facet_term`` read on
the label), by the embedder's cosine; the closest label is taken when it clears
``MIN_LABEL_SIMILARITY`` and is ``MIN_LABEL_MARGIN`` ahead of the closest label of another
criterion. One short embedding per such question (only a which-is-better question whose
words name no criterion; kept in the matcher's bounded memo of texts encoded alone, so a
use asked again pays none), the labels' once per matrix.

The threshold was measured on the purpose phrases of the comparative questions of the
field tuning split (fa-, fb-), review sets 1-7 and ``tests/data/verdict_labels.jsonl``
against the field store's labels (five name a facet: two real-time, two throughput, one
concurrency): the real-time uses score 0.67 ("live, socket-based features", "streaming
or real-time application") and "WebSockets" 0.86 against "Real-time / WebSockets"; the
closest wrong placement 0.41 ("machine learning projects" against "Real-time features").
Labels whose criterion is not configured (a table's own row, "Monthly hosting") and
labels that name no facet ("Authentication", 0.67 for "auth and user management") are
never candidates.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from assistant.asked_criterion import LEADING_PURPOSE, NO_USE, PURPOSE, TRAILING_PURPOSE

log = logging.getLogger(__name__)

#: The closest label must be at least this close to the asked use (cosine) ...
MIN_LABEL_SIMILARITY = 0.55
#: ... and this far ahead of the closest label placed under another criterion.
MIN_LABEL_MARGIN = 0.05

#: A use closing the question after "for", commas allowed ("stack up for live,
#: socket-based features?"); only when the purpose phrases find none.
_CLOSING_FOR = re.compile(
    r"\bfor\s+(?:an?\s+|the\s+|my\s+|our\s+)?(?P<np>[^?;:]+?)\s*\?\s*$", re.I)

_LOCK = threading.Lock()
_LABELS: dict[str, tuple[list[tuple[str, str, str]], np.ndarray]] = {}


def use_phrase(question: str, names_subject: Callable[[str], Sequence[str]]) -> str | None:
    """The use ``question`` asks about ("WebSockets" in "better for WebSockets?"), or
    None: no purpose phrase, one naming a subject ("for a small company, Django or
    Node"), or one with no word of its own ("for us")."""
    m = (PURPOSE.search(question) or LEADING_PURPOSE.search(question)
         or TRAILING_PURPOSE.search(question) or _CLOSING_FOR.search(question))
    if m is None:
        return None
    phrase = m.group("np").strip(" ,.")
    words = re.findall(r"[A-Za-z][\w/-]*", phrase)
    if not words or all(w.lower() in NO_USE for w in words) or len(words) > 8:
        return None
    if names_subject(phrase):
        return None
    return phrase


def _label_rows(matrix: Any, config: Any) -> list[tuple[str, str, str]]:
    """(label, criterion, facet) for each distinct claim label of a configured criterion
    that names a facet of it; in matrix order (no set decides the order)."""
    from assistant.asked import facet_term

    specs = {str(c.name): c for c in config.criteria}
    rows: dict[str, tuple[str, str, str]] = {}
    for crit in matrix.criteria:
        spec = specs.get(str(crit.name))
        if spec is None:
            continue
        for cell in crit.cells.values():
            for claim in cell:
                label = str(getattr(claim, "label", "") or "").strip()
                if not label or label in rows:
                    continue
                facet = facet_term(label, spec)
                if facet:
                    rows[label] = (label, str(crit.name), facet)
    return list(rows.values())


def use_facet(comparisons: Any, question: str) -> tuple[str, str] | None:
    """(criterion, facet) the use ``question`` names is placed under by the matrix's
    labels (see the module docstring), or None."""
    try:
        from assistant.asked import config_matcher

        found = config_matcher(comparisons)
        if found is None:
            return None
        config, matcher, config_key = found
        embed = matcher.embed
        phrase = use_phrase(question, config.find_subjects)
        if phrase is None:
            return None
        matrix = comparisons.matrix()
        key = f"{getattr(matrix, 'corpus_version', '')}-{config_key}"
        with _LOCK:
            hit = _LABELS.get(key)
        if hit is None:
            rows = _label_rows(matrix, config)
            vecs = (np.asarray(embed([r[0] for r in rows]), dtype=np.float32) if rows
                    else np.zeros((0, 1), dtype=np.float32))
            if len(rows):
                vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
            hit = (rows, vecs)
            with _LOCK:
                if len(_LABELS) > 8:
                    _LABELS.clear()
                _LABELS[key] = hit
        rows, vecs = hit
        if not rows:
            return None
        # the matcher's memo of texts encoded alone: the very vector ``embed([phrase])``
        # gives, so a use asked again (a rerun, a follow-up) costs no second model pass
        alone = getattr(matcher, "vectors", None)
        q = np.asarray((alone if callable(alone) else embed)([phrase])[0], dtype=np.float32)
        q /= max(float(np.linalg.norm(q)), 1e-9)
        return closest(rows, [float(x) for x in vecs @ q])
    except Exception as exc:  # the optional service: no facet rather than a failed answer
        log.warning("use facet failed: %s: %s", exc.__class__.__name__, exc)
        return None


def closest(rows: Sequence[tuple[str, str, str]], sims: Sequence[float]
            ) -> tuple[str, str] | None:
    """(criterion, facet) of the closest label when it clears the threshold and the
    margin over the closest label of another criterion; None otherwise."""
    if not len(rows):
        return None
    order = sorted(range(len(rows)), key=lambda i: (-float(sims[i]), i))
    top = order[0]
    _label, crit, facet = rows[top]
    if float(sims[top]) < MIN_LABEL_SIMILARITY:
        return None
    rival = next((float(sims[i]) for i in order[1:] if rows[i][1] != crit), None)
    if rival is not None and float(sims[top]) - rival < MIN_LABEL_MARGIN:
        return None
    return crit, facet
