"""Fit the polarity model for lexicon-neutral sentences (``assistant/compare/polarity.py``).

    PYTHONPATH=. python -m tests.fit_polarity            # fit on the tuning split, write
                                                         # assistant/compare/polarity.npz
    PYTHONPATH=. python -m tests.fit_polarity --cv       # grouped cross-validation only
    PYTHONPATH=. python -m tests.fit_polarity --cv-articles  # leave-one-article-out, per
                                                         # article (vector, C, margin)

**Training data is the tuning split only**: the six tuned field articles' sentence labels,
the bundled labels (``tests/data/stance_labels.jsonl``) and the probe's odd ids. The four
held-out field articles and the probe's even ids are never read here (``stance_eval``
scores them). Each label meets the prose unit the extractor reads (the unit its quote
overlaps most, with a subject); the unit, its subject written "it" and the other subject
"the other one", is embedded with the bundled MiniLM model; the class is whether the label
favours the unit's subject ("it"), the other one, or neither.

The extractor consults the model only for units the lexicon leaves neutral, so the fit can
be restricted to those (``--neutral-only``) or use every labelled unit (the default: more
data; the cheap features carry VADER's compound for the rest). The margin is chosen by
grouped cross-validation (one group per article, the probe half one group) on the net
gain the extractor would see: units moved to the labelled side minus units moved off a
right "neither".
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.compare.extract import _Extractor
from assistant.compare.models import _BOTH
from assistant.compare.polarity import CLASSES, PolarityModel, cheap_features
from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import ComparisonConfig, load_comparison_config
from tests import stance_eval

#: The fit's settings, chosen by the grouped cross-validation (``--cv``) on the tuning split.
DEFAULT_C = 0.2
DEFAULT_MARGIN = 0.2


@dataclass
class Example:
    group: str
    text: str  # rewritten: its subject "it", the other "the other one"
    label: int  # index into CLASSES
    neutral: bool  # the lexicon (and the section heading) leave it neutral
    original: str


_RECORD: list[dict[str, Any]] = []


def _recording_unit(orig: Any) -> Any:
    def unit(self: _Extractor, article: Any, s: int, e: int, ctx_crit: Any, ctx_subj: Any,
             carry: Any, title: str, lean: str | None = None) -> Any:
        text = article.text[s:e]
        subject, _ = self._subject(text, ctx_subj, carry)
        if subject is not None and subject != _BOTH:
            raw, _ = self.a.polarity(text)
            bias = 0.0 if lean is None else (1.0 if subject == lean else -1.0)
            _RECORD.append({"aid": article.article_id, "s": s, "e": e, "subject": subject,
                            "raw": raw + bias, "section": self._section_sign(title),
                            "text": text, "rewritten": self._about_it(text, subject)})
        return orig(self, article, s, e, ctx_crit, ctx_subj, carry, title, lean)
    return unit


def _units(cfg: ComparisonConfig, which: str) -> list[dict[str, Any]]:
    """Every prose unit with one subject the extractor reads in the corpus ``which``."""
    from assistant.compare import extract_claims

    _RECORD.clear()
    orig = _Extractor._unit
    _Extractor._unit = _recording_unit(orig)  # type: ignore[method-assign]
    try:
        if which == "field":
            articles, chunks = stance_eval.field_corpus()
            articles = {k: v for k, v in articles.items()
                        if k not in stance_eval.HELD_OUT_ARTICLES}
            chunks = [c for c in chunks if c.article_id in articles]
        else:
            articles, chunks = stance_eval.bundled_corpus()
        extract_claims(cfg, articles, chunks, stance_eval.real_matcher(cfg))
    finally:
        _Extractor._unit = orig  # type: ignore[method-assign]
    return list(_RECORD)


def _class(favours: str, subject: str) -> int:
    if favours == "neither":
        return CLASSES.index("neither")
    return CLASSES.index("it" if favours == subject else "other")


def article_examples(cfg: ComparisonConfig, which: str) -> list[Example]:
    units = _units(cfg, which)
    if which == "field":
        labels = [lab for lab in stance_eval.read_jsonl(stance_eval.FIELD_LABELS)
                  if lab["article_id"] not in stance_eval.HELD_OUT_ARTICLES]
        articles, _ = stance_eval.field_corpus()
    else:
        labels = stance_eval.read_jsonl(stance_eval.BUNDLED_LABELS)
        articles, _ = stance_eval.bundled_corpus()
    out: list[Example] = []
    for lab in labels:
        if lab.get("kind") == "table_row" or lab.get("about"):
            continue
        aid = lab["article_id"]
        assert aid not in stance_eval.HELD_OUT_ARTICLES
        start = articles[aid].text.find(lab["quote"])
        if start < 0:
            continue
        end = start + len(lab["quote"])
        best, best_score = None, 0.0
        for u in units:
            if u["aid"] != aid:
                continue
            overlap = min(end, u["e"]) - max(start, u["s"])
            if overlap > 0:
                score = overlap / max(end - start, u["e"] - u["s"])
                if score > best_score:
                    best, best_score = u, score
        if best is None:
            continue
        neutral = abs(best["raw"]) <= 0.25 and not best["section"]
        out.append(Example(f"{which}:{aid}", best["rewritten"],
                           _class(lab["favours"], best["subject"]), neutral, best["text"]))
    return out


def probe_examples(cfg: ComparisonConfig, path: Any = stance_eval.PROBE_LABELS,
                   group: str = "probe") -> list[Example]:
    """The probe's tuning half (odd ids), sentences with one unit and one subject (every
    claim of another set of the probe's form: ``path``)."""
    from assistant.compare.judge import _extractor

    ex = _extractor(cfg)
    out: list[Example] = []
    for lab in stance_eval.read_jsonl(path):
        if (group == "probe" and stance_eval.probe_held_out(lab["id"])) or \
                lab["kind"] != "sentence" or lab.get("about"):
            continue
        text = lab["text"]
        units = ex._units(text, 0, len(text))
        if len(units) != 1:
            continue
        subject, _ = ex._subject(text, None, None)
        if subject is None or subject == _BOTH:
            continue
        raw, _ = ex.a.polarity(text)
        lean = ex._numbers(text)
        raw += 0.0 if lean is None else (1.0 if lean == subject else -1.0)
        out.append(Example(group, ex._about_it(text, subject),
                           _class(lab["favours"], subject), abs(raw) <= 0.25, text))
    return out


def all_examples(cfg: ComparisonConfig, written: bool = False) -> list[Example]:
    """The tuning split's examples; ``written`` adds the claims written for tuning in round
    three (``tests/data/stance_written.jsonl``, in sample)."""
    out = article_examples(cfg, "field") + article_examples(cfg, "bundled") + \
        probe_examples(cfg)
    return out + probe_examples(cfg, stance_eval.WRITTEN_LABELS, "written") if written else out


def featurize(cfg: ComparisonConfig, examples: Sequence[Example]) -> tuple[np.ndarray, np.ndarray]:
    from assistant.compare.criteria import embed_fn
    from assistant.compare.lexicon import load_general_lexicon
    from knowledge.embedder import SentenceTransformerEmbedder
    from knowledge.settings import Settings

    emb = embed_fn(SentenceTransformerEmbedder(Settings().resolve_embedding_model()))
    # one text at a time, as the extractor embeds it (a batch moves vectors by ~1e-7)
    vecs = np.vstack([emb([e.text]) for e in examples])
    nouns = load_general_lexicon().cost_nouns
    extras = np.vstack([cheap_features(e.text, nouns) for e in examples])
    return vecs, extras


def fit(vecs: np.ndarray, extras: np.ndarray, y: np.ndarray, c: float, use_vector: bool,
        margin: float, weight: np.ndarray | None = None) -> PolarityModel:
    from sklearn.linear_model import LogisticRegression

    mean = extras.mean(axis=0)
    scale = extras.std(axis=0)
    scale[scale == 0] = 1.0
    proto = PolarityModel(np.zeros((3, 1)), np.zeros(3), mean, scale, margin, use_vector)
    x = proto.inputs(vecs, extras)
    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    clf.fit(x, y, sample_weight=weight)
    w = np.zeros((3, x.shape[1]))
    b = np.zeros(3)
    for k, cls in enumerate(clf.classes_):
        w[int(cls)] = clf.coef_[k]
        b[int(cls)] = clf.intercept_[k]
    return PolarityModel(w, b, mean, scale, margin, use_vector)


def gain(model: PolarityModel, vecs: np.ndarray, extras: np.ndarray, y: np.ndarray
         ) -> tuple[int, int]:
    """(units moved to their labelled side, units moved off a right "neither")."""
    probs = model.probabilities(vecs, extras)
    good = bad = 0
    for p, gold in zip(probs, y, strict=True):
        pol = model.polarity_of(p)
        if pol == 0:
            continue
        got = CLASSES.index("it" if pol > 0 else "other")
        good += got == gold
        bad += CLASSES[gold] == "neither"
    return good, bad


def knn_gain(vecs: np.ndarray, y: np.ndarray, train: np.ndarray, test: np.ndarray, k: int,
             min_sim: float, min_share: float) -> tuple[int, int]:
    """The cheaper alternative: the nearest labelled units by cosine vote."""
    good = bad = 0
    sims = vecs[test] @ vecs[train].T
    for row, gold in zip(sims, y[test], strict=True):
        top = np.argsort(row)[::-1][:k]
        top = [t for t in top if row[t] >= min_sim]
        if not top:
            continue
        votes = np.bincount(y[train][top], minlength=3)
        best = int(np.argmax(votes))
        if CLASSES[best] == "neither" or votes[best] / len(top) < min_share:
            continue
        good += best == gold
        bad += CLASSES[gold] == "neither"
    return good, bad


def cross_validate(examples: Sequence[Example], vecs: np.ndarray, extras: np.ndarray) -> None:
    y = np.array([e.label for e in examples])
    neutral = np.array([e.neutral for e in examples])
    groups = sorted({e.group for e in examples})
    gid = np.array([groups.index(e.group) for e in examples])
    print(f"examples {len(examples)}, lexicon-neutral {int(neutral.sum())}, classes "
          f"{np.bincount(y, minlength=3).tolist()} (neutral: "
          f"{np.bincount(y[neutral], minlength=3).tolist()}), groups {len(groups)}")
    for use_vector in (True, False):
        for train_on in ("all", "neutral"):
            for c in (0.05, 0.2, 1.0, 4.0):
                res = {m: [0, 0] for m in (0.0, 0.1, 0.2, 0.3, 0.4)}
                for g in range(len(groups)):
                    tr = (gid != g) & (neutral if train_on == "neutral" else True)
                    te = (gid == g) & neutral
                    if not te.any() or len(set(y[tr])) < 3:
                        continue
                    for m in res:
                        mod = fit(vecs[tr], extras[tr], y[tr], c, use_vector, m)
                        a, b = gain(mod, vecs[te], extras[te], y[te])
                        res[m][0] += a
                        res[m][1] += b
                line = " ".join(f"m{m}:+{a}-{b}={a - b}" for m, (a, b) in res.items())
                print(f"vector={use_vector!s:5} train={train_on:7} C={c:<5} {line}")
    for k in (1, 3, 5, 9):
        for min_sim in (0.3, 0.5):
            good = bad = 0
            for g in range(len(groups)):
                tr = np.where(gid != g)[0]
                te = np.where((gid == g) & neutral)[0]
                if len(te):
                    a, b = knn_gain(vecs, y, tr, te, k, min_sim, 0.6)
                    good += a
                    bad += b
            print(f"knn k={k} min_sim={min_sim}: +{good}-{bad}={good - bad}")


def article_cv(examples: Sequence[Example], vecs: np.ndarray, extras: np.ndarray,
               grid: Sequence[tuple[bool, float, float]] = tuple(
                   (v, c, m) for v in (True, False) for c in (0.05, 0.2, 1.0)
                   for m in (0.1, 0.2, 0.3))) -> dict[tuple[bool, float, float],
                                                      dict[str, tuple[int, int, int]]]:
    """Leave-one-article-out CV per setting (vector, C, margin): for each held-back group
    (an article, the probe half) the model fitted on the others is scored on the group's
    lexicon-neutral units as (moved to their labelled side, moved off a right "neither",
    neutral units). Printed per group by ``--cv-articles``."""
    y = np.array([e.label for e in examples])
    neutral = np.array([e.neutral for e in examples])
    groups = sorted({e.group for e in examples})
    gid = np.array([groups.index(e.group) for e in examples])
    out: dict[tuple[bool, float, float], dict[str, tuple[int, int, int]]] = {}
    for use_vector, c, m in grid:
        per: dict[str, tuple[int, int, int]] = {}
        for g, name in enumerate(groups):
            tr, te = gid != g, (gid == g) & neutral
            if not te.any() or len(set(y[tr])) < 3:
                continue
            mod = fit(vecs[tr], extras[tr], y[tr], c, use_vector, m)
            a, b = gain(mod, vecs[te], extras[te], y[te])
            per[name] = (a, b, int(te.sum()))
        out[(use_vector, c, m)] = per
    return out


def main(argv: list[str]) -> int:
    cfg = load_comparison_config(BUNDLED_SUBJECTS)
    examples = all_examples(cfg, "--written" in argv)
    vecs, extras = featurize(cfg, examples)
    if "--dump" in argv:
        for e in examples:
            if e.neutral:
                print(json.dumps({"group": e.group, "label": CLASSES[e.label],
                                  "text": e.original}))
        return 0
    if "--cv" in argv:
        cross_validate(examples, vecs, extras)
        return 0
    if "--cv-articles" in argv:  # leave-one-article-out, per article
        for (v, c, m), per in article_cv(examples, vecs, extras).items():
            net = sum(a - b for a, b, _ in per.values())
            print(f"vector={v!s:5} C={c:<4} margin={m}: net {net:+d}  " + "  ".join(
                f"{g.split(':')[-1][:24]} +{a}-{b}/{n}" for g, (a, b, n) in per.items()))
        return 0
    args = dict(a.split("=", 1) for a in argv if "=" in a)
    c = float(args.get("C", DEFAULT_C))
    margin = float(args.get("margin", DEFAULT_MARGIN))
    use_vector = args.get("vector", "1") == "1"
    y = np.array([e.label for e in examples])
    keep = np.array([e.neutral for e in examples]) if "--neutral-only" in argv else \
        np.ones(len(examples), bool)
    model = fit(vecs[keep], extras[keep], y[keep], c, use_vector, margin)
    model.save()
    print(f"wrote the model (C={c}, margin={margin}, vector={use_vector}, "
          f"{int(keep.sum())} examples)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
