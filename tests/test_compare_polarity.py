"""The fitted polarity model for lexicon-neutral sentences (``assistant/compare/polarity.py``).

Fast units use hand-set weights and stub scorers; the integration tests load the bundled
MiniLM model: the shipped weights are what ``tests/fit_polarity.py`` fits on the tuning split,
and on the held-out field articles the model does not lose ground against the rules alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.compare import judge_text, leans
from assistant.compare.extract import _Extractor
from assistant.compare.polarity import (
    CLASSES,
    MODEL_FILE,
    PolarityModel,
    PolarityScorer,
    cheap_features,
)
from assistant.compare.stance import _Analyzer
from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import load_comparison_config

N_EXTRA = len(cheap_features("it is fine"))


@pytest.fixture(scope="module")
def cfg() -> Any:
    return load_comparison_config(BUNDLED_SUBJECTS)


def _model(margin: float = 0.1) -> PolarityModel:
    """A cheap-only model: the first extra (VADER compound) pushes "it" up, "other" down."""
    w = np.zeros((3, N_EXTRA))
    w[CLASSES.index("it"), 0] = 3.0
    w[CLASSES.index("other"), 0] = -3.0
    return PolarityModel(w, np.zeros(3), np.zeros(N_EXTRA), np.ones(N_EXTRA), margin,
                         use_vector=False)


class _Stub(PolarityScorer):
    def __init__(self, value: float) -> None:
        super().__init__(None, None)
        self.value = value
        self.seen: list[str] = []

    @property
    def available(self) -> bool:
        return True

    def polarity(self, rewritten: str) -> float:
        self.seen.append(rewritten)
        return self.value


def test_polarity_of_needs_the_margin_and_a_side() -> None:
    m = _model(margin=0.1)
    assert m.polarity_of(np.array([0.5, 0.3, 0.2])) == 1.0
    assert m.polarity_of(np.array([0.3, 0.5, 0.2])) == -1.0
    assert m.polarity_of(np.array([0.45, 0.4, 0.15])) == 0.0  # within the margin
    assert m.polarity_of(np.array([0.2, 0.2, 0.6])) == 0.0  # "neither" wins


def test_probabilities_follow_the_weights() -> None:
    m = _model()
    extras = np.array([[0.9] + [0.0] * (N_EXTRA - 1), [-0.9] + [0.0] * (N_EXTRA - 1)])
    p = m.probabilities(np.zeros((2, 0)), extras)
    assert np.allclose(p.sum(axis=1), 1.0)
    assert CLASSES[int(np.argmax(p[0]))] == "it"
    assert CLASSES[int(np.argmax(p[1]))] == "other"


def test_save_and_load_keep_the_weights(tmp_path: Path) -> None:
    m = _model(margin=0.25)
    m.save(tmp_path / "p.npz")
    back = PolarityModel.load(tmp_path / "p.npz")
    assert np.allclose(back.weights, m.weights) and back.margin == pytest.approx(0.25)
    assert back.use_vector is False


def test_missing_weights_say_where_they_come_from(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        PolarityModel.load(tmp_path / "none.npz")


def test_scorer_without_an_embedder_is_off_for_a_vector_model() -> None:
    vec_model = PolarityModel(np.zeros((3, 4 + N_EXTRA)), np.zeros(3), np.zeros(N_EXTRA),
                              np.ones(N_EXTRA), 0.1)
    assert not PolarityScorer(vec_model, None).available
    assert PolarityScorer(vec_model, None).polarity("it needs Redis") == 0.0
    assert PolarityScorer(_model(), None).available  # cheap features need no embedder
    assert PolarityScorer(_model(), None).polarity("it is wonderful and great") == 1.0
    assert PolarityScorer(_model(), None).polarity("it is awful and broken") == -1.0


def test_an_embedder_of_another_size_gets_no_opinion_rather_than_a_crash() -> None:
    # weights for 4 dimensions that push "it" hard; a 6-dimension embedder (another
    # model in the settings, a test's fake) must not reach the matrix product
    w = np.zeros((3, 4 + N_EXTRA))
    w[CLASSES.index("it"), :4] = 5.0
    model = PolarityModel(w, np.zeros(3), np.zeros(N_EXTRA), np.ones(N_EXTRA), 0.1)
    assert model.vector_size == 4
    right = PolarityScorer(model, lambda texts: np.ones((len(texts), 4), dtype=np.float32))
    wrong = PolarityScorer(model, lambda texts: np.ones((len(texts), 6), dtype=np.float32))
    assert right.polarity("it needs Redis") == 1.0
    assert wrong.polarity("it needs Redis") == 0.0


def test_shipped_weights_match_the_features() -> None:
    m = PolarityModel.load(MODEL_FILE)
    assert m.use_vector
    assert m.weights.shape == (3, 384 + N_EXTRA)
    assert m.mean.shape == m.scale.shape == (N_EXTRA,)
    assert 0.0 <= m.margin < 1.0


def test_a_neutral_sentence_takes_the_models_side(cfg: Any) -> None:
    """Only a sentence the lexicon leaves neutral asks the model; its subject reads "it"."""
    text = "Node.js needs Redis and a separate worker process for this."
    assert judge_text(cfg, text) == "neither"
    stub = _Stub(-1.0)
    assert judge_text(cfg, text, scorer=stub) == "Django"
    assert stub.seen == ["it needs Redis and a separate worker process for this."]
    assert judge_text(cfg, text, scorer=_Stub(1.0)) == "Node.js"
    opinionated = _Stub(-1.0)
    assert judge_text(cfg, "Django is wonderful for this.", scorer=opinionated) == "Django"
    assert opinionated.seen == []  # the lexicon decided: the model is not asked


def test_the_extractor_asks_the_model_after_the_section(cfg: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    ex = _Extractor(_Analyzer(cfg))
    assert ex.scorer is not None and not ex.scorer.available  # no matcher, no embedder
    ex.scorer = _Stub(1.0)
    assert ex._inferred("Django runs on one instance.", "Django", "Hosting") == 1.0
    assert ex._inferred("Django runs on one instance.", "Django", "What got worse") == -1.0
    monkeypatch.setattr(leans, "USE_POLARITY_MODEL", False)
    assert ex._inferred("Django runs on one instance.", "Django", "Hosting") == 0.0


# -- the real model ------------------------------------------------------------------------------


@pytest.mark.integration
def test_fit_script_reproduces_the_shipped_weights(cfg: Any) -> None:
    """The shipped file is what ``python -m tests.fit_polarity`` writes (tuning split only)."""
    from tests import fit_polarity, stance_eval

    examples = fit_polarity.all_examples(cfg)
    groups = {e.group.split(":", 1)[-1] for e in examples}
    assert not groups & stance_eval.HELD_OUT_ARTICLES
    shipped = PolarityModel.load(MODEL_FILE)
    vecs, extras = fit_polarity.featurize(cfg, examples)
    y = np.array([e.label for e in examples])
    refit = fit_polarity.fit(vecs, extras, y, fit_polarity.DEFAULT_C, True, shipped.margin)
    assert np.allclose(refit.weights, shipped.weights, atol=1e-3)


@pytest.mark.integration
def test_model_does_not_lose_on_the_held_out_articles(cfg: Any,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import stance_eval

    matcher = stance_eval.real_matcher(cfg)
    with_model = stance_eval.field_scores(cfg, matcher)
    monkeypatch.setattr(leans, "USE_POLARITY_MODEL", False)
    without = stance_eval.field_scores(cfg, matcher)
    held = stance_eval.HELD_OUT_ARTICLES
    on = stance_eval.total({a: s for a, s in with_model.items() if a in held})
    off = stance_eval.total({a: s for a, s in without.items() if a in held})
    print(f"\nheld-out with the model {on.accuracy:.3f} ({on.matched} met), "
          f"without {off.accuracy:.3f} ({off.matched} met)")
    assert on.correct >= off.correct
