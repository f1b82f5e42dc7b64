"""Which configured criterion an article's own label means, and when a label is new.

A table-row label or a section heading ("Admin panels", "Long-run cost", "Hiring ease") is
mapped, in this order, to:

1. the criterion that lists it as an alias (exact, normalised);
2. the criterion whose description (name, aliases and strong cues) is most similar to the
   label with the MiniLM embedder, when that similarity is at least ``MERGE_THRESHOLD`` for a
   table label, ``HEADING_THRESHOLD`` for a heading (measured on the field set:
   ``tests.stance_eval.threshold_sweep``);
3. the criterion its keyword cues point to (``_Analyzer.criterion_for_title``);
4. otherwise the label is *unplaced*. After extraction, unplaced table labels that are
   similar to each other (``SAME_LABEL_THRESHOLD``) form a group; a group that at least
   ``NEW_CRITERION_MIN_ARTICLES`` articles use becomes one new criterion (named by its most
   used label); a group of one article joins its most similar configured criterion when the
   similarity is at least ``LONE_LABEL_FLOOR``, else the one criterion ``OTHER`` (whose
   ``merged_labels`` name every label it holds).

Every label merged into a configured criterion that is not one of its aliases is listed in
``Criterion.merged_labels`` (and in ``versus compare --json``), so each merge is visible.

Without an embedder (fast unit tests), steps 1, 2 and 4 run, and a one-article group becomes
its own criterion as before.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from knowledge.subjects_config import ComparisonConfig, CriterionSpec, normalize_label

#: Cosine similarity from which a label means a configured criterion (measured on the field
#: set's labelled table rows and headings: see the README's comparison section).
MERGE_THRESHOLD = 0.4
#: The same for a section heading, higher: generic headings ("What Django offers", "Pros and
#: Cons") sit at 0.41-0.43, every field heading that names a criterion at 0.47 or more.
HEADING_THRESHOLD = 0.45
#: Cosine similarity from which an opinionated sentence with no criterion cue and no section
#: criterion is placed in its most similar criterion (lower: a sentence is longer than a label).
SENTENCE_THRESHOLD = 0.3
#: Cosine similarity from which two unplaced labels are the same new criterion.
SAME_LABEL_THRESHOLD = 0.6
#: A label only one article uses joins its nearest criterion from this similarity on.
LONE_LABEL_FLOOR = 0.3
#: Where one-article labels that fit nothing go (one criterion, not one per label).
OTHER = "Other criteria"
#: A new criterion needs this many articles using it; fewer joins the nearest configured one.
NEW_CRITERION_MIN_ARTICLES = 2

#: How many texts encoded alone (answer-time lookups: labels, asked uses) the matcher keeps.
SINGLE_MEMO_MAX = 4096

EmbedFn = Callable[[Sequence[str]], np.ndarray]


def embed_fn(embedder: object) -> EmbedFn:
    """An ``EmbedFn`` over anything with ``embed_documents`` (normalised rows)."""

    def embed(texts: Sequence[str]) -> np.ndarray:
        rows = embedder.embed_documents(list(texts))  # type: ignore[attr-defined]
        arr = np.asarray(rows, dtype=np.float32).reshape(len(texts), -1)
        norms = np.linalg.norm(arr, axis=1, keepdims=True)
        return arr / np.where(norms == 0, 1.0, norms)

    return embed


def description(spec: CriterionSpec) -> str:
    """What a criterion is about, as text to embed: name, aliases and strong cues."""
    cues = [c.rstrip("*") for c in (*spec.aliases, *spec.strong)]
    return f"{spec.name}: " + ", ".join(dict.fromkeys(cues))


class CriterionMatcher:
    """Maps labels to configured criteria by similarity; caches every vector it computes."""

    def __init__(self, config: ComparisonConfig, embed: EmbedFn | None,
                 threshold: float = MERGE_THRESHOLD) -> None:
        self.config = config
        self.embed = embed
        self.threshold = threshold
        self._lock = threading.Lock()
        self._crit_vecs: np.ndarray | None = None
        self._cache: dict[str, np.ndarray] = {}
        self._single: dict[str, np.ndarray] = {}

    def _criteria(self) -> np.ndarray:
        assert self.embed is not None
        if self._crit_vecs is None:
            self._crit_vecs = self.embed([description(c) for c in self.config.criteria])
        return self._crit_vecs

    def vectors(self, labels: Sequence[str]) -> np.ndarray:
        """Normalised vectors of ``labels`` (computed once per label).

        A text's vector differs by ~1e-7 with the batch it is encoded in, so a lookup of
        one text (``match`` at answer time) keeps its own cache of texts encoded alone: a
        vector cached from the matrix build's batches would make an answer depend on
        whether this process built the matrix or loaded it (a similarity near a
        threshold flips)."""
        assert self.embed is not None
        cache = self._single if len(labels) == 1 else self._cache
        with self._lock:
            if len(labels) == 1 and len(cache) >= SINGLE_MEMO_MAX and labels[0] not in cache:
                cache.clear()  # answer-time texts are open-ended: bounded, recomputed alike
            todo = [lab for lab in dict.fromkeys(labels) if lab not in cache]
            if todo:
                for lab, vec in zip(todo, self.embed(todo), strict=True):
                    cache[lab] = vec
            return np.stack([cache[lab] for lab in labels]) if labels else np.zeros((0, 1))

    def similarities(self, label: str) -> dict[str, float]:
        """Cosine similarity of ``label`` to each configured criterion."""
        if self.embed is None or not label.strip():
            return {}
        sims = self._criteria() @ self.vectors([label])[0]
        return {c.name: float(s) for c, s in zip(self.config.criteria, sims, strict=True)}

    def nearest(self, label: str) -> tuple[str | None, float]:
        sims = self.similarities(label)
        if not sims:
            return None, 0.0
        name = max(sims, key=lambda n: sims[n])
        return name, sims[name]

    def match(self, label: str, threshold: float | None = None) -> str | None:
        """The configured criterion ``label`` means by similarity, else None."""
        name, sim = self.nearest(label)
        limit = self.threshold if threshold is None else threshold
        return name if name is not None and sim >= limit else None


def group_unplaced(
    matcher: CriterionMatcher | None,
    uses: Mapping[str, set[str]],
    names: Mapping[str, str],
) -> dict[str, str]:
    """Unplaced label -> the criterion it ends in (a new one, or the nearest configured one).

    Args:
        matcher: The similarity matcher (None: every label is its own criterion).
        uses: Unplaced label -> ids of the articles that use it.
        names: Unplaced label -> its display name as an ad hoc criterion.
    """
    labels = sorted(uses)
    if not labels:
        return {}
    if matcher is None or matcher.embed is None:
        return {lab: names[lab] for lab in labels}
    vecs = matcher.vectors(labels)
    sims = vecs @ vecs.T
    parent = list(range(len(labels)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            if sims[i, j] >= SAME_LABEL_THRESHOLD or (
                normalize_label(names[labels[i]]) == normalize_label(names[labels[j]])
            ):
                parent[find(i)] = find(j)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, lab in enumerate(labels):
        groups[find(i)].append(lab)
    out: dict[str, str] = {}
    for members in groups.values():
        articles = set().union(*(uses[m] for m in members))
        if len(articles) >= NEW_CRITERION_MIN_ARTICLES:
            count = Counter({m: len(uses[m]) for m in members})
            top = max(members, key=lambda m: (count[m], -len(m), m))
            for m in members:
                out[m] = names[top]
        else:
            for m in members:
                near, sim = matcher.nearest(m)
                out[m] = near if near is not None and sim >= LONE_LABEL_FLOOR else OTHER
    return out
