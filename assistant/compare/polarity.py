"""A small fitted polarity model for sentences the stance lexicon leaves neutral.

Many verdicts hold no evaluative word: a fact that implies a side ("needs Redis and a
separate process", "gave up after three days", "runs on a single instance"). VADER and the
domain lexicon say nothing about them. This module scores such a sentence with a logistic
regression over

* the sentence's MiniLM vector (the embedder the matrix build already loads: no new model),
  with its own subject written "it" and the other subject "the other one", so the weights
  read what is said about "it", not which name occurs;
* a few cheap features (``cheap_features``): VADER's compound score, cost or effort nouns,
  numbers, comparative wording, negators.

Three classes: the sentence favours "it", favours "the other one", or neither. The weights
ship as ``polarity.npz`` next to this module, fitted by ``python -m tests.fit_polarity``
**only on the tuning split** (the six tuned field articles, the bundled labels and the
probe's odd half); the held-out field articles and the probe's even half score it.

The extractor asks the model only for a sentence whose lexicon polarity is neutral and whose
section heading sets no polarity (``leans._inferred``), and takes its side only when the
winning class's probability beats the others by ``margin`` (stored with the weights).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: Where the fitted weights live (written by ``tests/fit_polarity.py``).
MODEL_FILE = Path(__file__).resolve().parent / "polarity.npz"
#: Class order of the weights' rows.
CLASSES = ("it", "other", "neither")

_NUMBER = re.compile(r"\d")
_COMPARATIVE = re.compile(r"\b(?:than|more|less|fewer|compared|versus|vs\.?)\b|\w{3,}er\b",
                          re.IGNORECASE)
_NEGATOR = re.compile(r"\b(?:not|no|never|without|nothing|none|cannot)\b|n['’]t\b",
                      re.IGNORECASE)
_OTHER = re.compile(r"\bthe other one\b", re.IGNORECASE)
_IT = re.compile(r"\bit\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _vader() -> object:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def cheap_features(text: str, cost_nouns: Sequence[str] = ()) -> np.ndarray:
    """Cheap features of a rewritten sentence ("it" = its subject), in a fixed order:
    VADER compound, cost nouns (count, capped at 3), has a digit, comparative wording,
    negator, names "the other one", starts with "it"."""
    lower = text.lower()
    compound = _vader().polarity_scores(text)["compound"]  # type: ignore[attr-defined]
    costs = sum(len(re.findall(rf"\b{re.escape(n)}\b", lower)) for n in cost_nouns)
    return np.array([
        compound,
        min(costs, 3) / 3.0,
        float(bool(_NUMBER.search(text))),
        float(bool(_COMPARATIVE.search(text))),
        float(bool(_NEGATOR.search(text))),
        float(bool(_OTHER.search(text))),
        float(bool(_IT.match(text.strip()))),
    ], dtype=np.float32)


@dataclass(frozen=True)
class PolarityModel:
    """Multinomial logistic regression: ``softmax(W @ [vector, scaled extras] + b)``.

    Attributes:
        weights: (3, dims) rows in ``CLASSES`` order.
        bias: (3,).
        mean, scale: standardisation of the cheap features (``cheap_features``).
        margin: the winning probability must beat the runner-up by this much.
        use_vector: whether the MiniLM vector is part of the input (a cheap-only model
            needs no embedder).
    """

    weights: np.ndarray
    bias: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    margin: float
    use_vector: bool = True

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> PolarityModel:
        """The shipped weights.

        Raises:
            FileNotFoundError: no weights at ``path`` (run ``python -m tests.fit_polarity``).
        """
        with np.load(path) as data:
            return cls(weights=data["weights"], bias=data["bias"], mean=data["mean"],
                       scale=data["scale"], margin=float(data["margin"]),
                       use_vector=bool(data["use_vector"]))

    def save(self, path: Path = MODEL_FILE) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32),
                            bias=self.bias.astype(np.float32),
                            mean=self.mean.astype(np.float32),
                            scale=self.scale.astype(np.float32),
                            margin=np.float32(self.margin), use_vector=self.use_vector)

    @property
    def vector_size(self) -> int:
        """How many embedding dimensions the weights expect (0 without the vector)."""
        return int(self.weights.shape[1] - self.mean.shape[0]) if self.use_vector else 0

    def inputs(self, vectors: np.ndarray, extras: np.ndarray) -> np.ndarray:
        x = (extras - self.mean) / self.scale
        return np.hstack([vectors, x]) if self.use_vector else x

    def probabilities(self, vectors: np.ndarray, extras: np.ndarray) -> np.ndarray:
        z = self.inputs(vectors, extras) @ self.weights.T + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))

    def polarity_of(self, probs: np.ndarray) -> float:
        """+1 (favours "it"), -1 (favours "the other one") or 0 from one row of
        probabilities, by ``margin``."""
        order = np.argsort(probs)[::-1]
        best, second = int(order[0]), int(order[1])
        if probs[best] - probs[second] < self.margin or CLASSES[best] == "neither":
            return 0.0
        return 1.0 if CLASSES[best] == "it" else -1.0


class PolarityScorer:
    """The model bound to an embedder (``EmbedFn``); a sentence is embedded once."""

    def __init__(self, model: PolarityModel | None,
                 embed: Callable[[Sequence[str]], np.ndarray] | None,
                 cost_nouns: Sequence[str] = ()) -> None:
        self.model = model
        self.embed = embed
        self.cost_nouns = tuple(cost_nouns)

    @property
    def available(self) -> bool:
        return self.model is not None and (self.embed is not None or not self.model.use_vector)

    def polarity(self, rewritten: str) -> float:
        """+1 / -1 / 0 for a sentence with its subject already written "it"."""
        if self.model is None or not self.available or not rewritten.strip():
            return 0.0
        extras = cheap_features(rewritten, self.cost_nouns)[None, :]
        if self.model.use_vector:
            assert self.embed is not None
            vec = self.embed([rewritten])
            if vec.shape[-1] != self.model.vector_size:
                # Fitted on MiniLM's 384 dimensions: another embedding model (a user's
                # setting, a test's fake) gets no model opinion rather than a crash.
                return 0.0
        else:
            vec = np.zeros((1, 0), dtype=np.float32)
        return self.model.polarity_of(self.model.probabilities(vec, extras)[0])


@functools.lru_cache(maxsize=1)
def shipped_model() -> PolarityModel | None:
    """The shipped weights, or None when the file is missing."""
    try:
        return PolarityModel.load()
    except FileNotFoundError:
        return None
