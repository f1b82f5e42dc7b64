"""Issue 10's acceptance on the real model: stance accuracy >= 0.85 on the field claims and
on the probe set, >= 0.90 on the bundled labels (in sample), each article's figure printed.

The same scoring as ``python -m tests.stance_eval`` (the fitted polarity model reads the
claims the lexicon leaves neutral through the bundled MiniLM). The fast tier's
``test_compare_field`` checks lower floors without the model."""

from __future__ import annotations

from typing import Any

import pytest

from tests import stance_eval

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def cfg() -> Any:
    from knowledge.subjects_config import default_subjects

    return default_subjects()


@pytest.fixture(scope="module")
def matcher(cfg: Any) -> Any:
    return stance_eval.real_matcher(cfg)


def test_field_stance_accuracy_with_the_model(cfg: Any, matcher: Any) -> None:
    per = stance_eval.field_scores(cfg, matcher)
    for aid, s in sorted(per.items()):
        print(f"\n{aid}: n={s.n} accuracy={s.accuracy:.3f}", end="")
    t = stance_eval.total(per)
    print(f"\nfield: n={t.n} accuracy={t.accuracy:.3f}")
    assert t.n == 258 and len(per) == 10
    assert t.accuracy >= 0.85


def test_probe_and_bundled_stance_accuracy_with_the_model(cfg: Any, matcher: Any) -> None:
    probe = stance_eval.probe_score(cfg, matcher=matcher)
    bundled = stance_eval.total(stance_eval.bundled_scores(cfg, matcher))
    print(f"\nprobe {probe.accuracy:.3f} (n={probe.n}); bundled {bundled.accuracy:.3f}")
    assert probe.n == 152 and probe.accuracy >= 0.85
    assert bundled.accuracy >= 0.90
