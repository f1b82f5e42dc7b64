"""The comparison matrix on real ingested stores (real model, real Chroma, real CLI).

Pins what reading the four bundled articles shows: they disagree about which framework is
easier to learn (PLANEKS and the robust-apps article favour Django, the 2021 article says
"Nodejs is very easy to learn"), and they agree that Django is the more secure one. Stance
accuracy is measured on ``tests/data/stance_labels.jsonl``, claims labelled by hand.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from assistant.compare import (
    AGREE,
    DISAGREE,
    MIXED,
    SINGLE_SOURCE,
    ComparisonMatrix,
    extract_claims,
)
from assistant.service import build_assistant
from knowledge.settings import BUNDLED_CORPUS, Settings
from tests.conftest import run_cli
from tests.test_compare import CORE, FLASK_EXPRESS_ARTICLES, FLASK_EXPRESS_TOML

pytestmark = pytest.mark.integration

LABELS = Path(__file__).resolve().parent / "data" / "stance_labels.jsonl"
AGREEMENTS = (AGREE, DISAGREE, MIXED, SINGLE_SOURCE)


@pytest.fixture(scope="module")
def compare_dir(tmp_path_factory: pytest.TempPathFactory, ingested_dir: Path) -> Path:
    """A private copy of the ingested store: the matrix writes its cache next to it."""
    dst = tmp_path_factory.mktemp("compare") / "data"
    shutil.copytree(ingested_dir, dst)
    return dst


@pytest.fixture(scope="module")
def versus(compare_dir: Path, real_embedder: Any) -> Any:
    return build_assistant(Settings(data_dir=compare_dir), embedder=real_embedder)


@pytest.fixture(scope="module")
def matrix(versus: Any) -> ComparisonMatrix:
    return versus.compare()


def _texts(versus: Any) -> dict[str, str]:
    return {aid: versus.article(aid).text for aid in versus.manifest().articles}


# -- coverage and citations ---------------------------------------------------------------------


def test_covers_the_nine_criteria_and_every_discussed_cell(matrix: ComparisonMatrix) -> None:
    assert set(CORE) <= set(matrix.names)
    assert len(matrix.names) >= 9
    for name in CORE:
        crit = matrix.criterion(name)
        assert crit is not None
        for subject in matrix.subjects:
            assert crit.cells[subject], f"{name} / {subject} has no claim"
    for crit in matrix.criteria:
        assert crit.agreement in AGREEMENTS
        assert any(crit.cells.values())


def test_table_labels_of_the_articles_are_merged(matrix: ComparisonMatrix) -> None:
    definition = matrix.criterion("Definition / tool type")
    community = matrix.criterion("Ecosystem and community")
    assert definition is not None and {"Definition", "Tool Type"} <= set(definition.labels)
    assert community is not None
    assert {"Community", "Ecosystem & community"} <= set(community.labels)


def test_every_citation_equals_the_cleaned_article(versus: Any, matrix: ComparisonMatrix) -> None:
    texts = _texts(versus)
    n = 0
    for crit in matrix.criteria:
        for claim in crit.claims():
            c = claim.citation
            assert texts[c.article_id][c.start : c.end] == c.text, claim
            assert claim.favours in (*matrix.subjects, "neither")
            n += 1
    assert n >= 60
    # the uncapped list too (it feeds the agreement)
    cfg = versus.comparisons.config()
    arts = {aid: versus.article(aid) for aid in texts}
    for _, claim in extract_claims(cfg, arts, versus.store.chunks()):
        c = claim.citation
        assert texts[c.article_id][c.start : c.end] == c.text


def test_table_rows_come_first(matrix: ComparisonMatrix) -> None:
    security = matrix.criterion("Security")
    assert security is not None
    first = security.cells["Node.js"][0]
    assert first.source_kind == "table"
    assert first.text.startswith("It is not secure as Django")
    assert first.favours == "Django"


# -- stance accuracy on the labelled set ----------------------------------------------------------


def _accuracy(labels: list[dict[str, Any]], claims: list[tuple[str, Any]],
              texts: dict[str, str]) -> tuple[int, int]:
    """(matched, correct): each label meets the claim of its criterion it overlaps most."""
    matched = correct = 0
    for lab in labels:
        text = texts[lab["article_id"]]
        start = text.find(lab["quote"])
        assert start >= 0, f"quote not in the cleaned article: {lab['quote']!r}"
        end = start + len(lab["quote"])
        best: tuple[float, str] | None = None
        for crit, claim in claims:
            c = claim.citation
            if c.article_id != lab["article_id"] or crit != lab["criterion"]:
                continue
            overlap = min(end, c.end) - max(start, c.start)
            if overlap > 0:
                score = overlap / max(end - start, c.end - c.start)
                if best is None or score > best[0]:
                    best = (score, claim.favours)
        if best is not None:
            matched += 1
            correct += best[1] == lab["favours"]
    return matched, correct


def test_stance_accuracy_on_the_labelled_set(versus: Any, matrix: ComparisonMatrix) -> None:
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()
              if line.strip()]
    assert len(labels) >= 40
    texts = _texts(versus)
    cfg = versus.comparisons.config()
    arts = {aid: versus.article(aid) for aid in texts}
    every = extract_claims(cfg, arts, versus.store.chunks())
    matched, correct = _accuracy(labels, every, texts)
    print(f"\nstance, all claims: n={len(labels)} matched={matched} "
          f"accuracy={correct / matched:.3f}")
    assert matched >= 0.9 * len(labels)
    assert correct / matched >= 0.85
    shown = [(crit.name, claim) for crit in matrix.criteria for claim in crit.claims()]
    matched, correct = _accuracy(labels, shown, texts)
    print(f"stance, shown claims: matched={matched} accuracy={correct / matched:.3f}")
    assert matched >= 40
    assert correct / matched >= 0.85


# -- agreement found by reading the articles -------------------------------------------------------


def test_articles_disagree_on_the_learning_curve(matrix: ComparisonMatrix) -> None:
    crit = matrix.criterion("Learning curve")
    assert crit is not None
    assert crit.agreement == DISAGREE
    # PLANEKS: "Django has a pretty gentle learning curve compared to Node.js"
    assert crit.article_stances["planeks-django-vs-nodejs"] == "Django"
    # 2021: "Nodejs is very easy to learn for the developers."
    assert crit.article_stances["nodejs-vs-django-2021"] == "Node.js"


def test_articles_agree_django_is_more_secure(matrix: ComparisonMatrix) -> None:
    crit = matrix.criterion("Security")
    assert crit is not None
    assert crit.agreement == AGREE and crit.favours == "Django"
    assert len(crit.article_stances) == 4


def test_articles_agree_node_is_more_flexible(matrix: ComparisonMatrix) -> None:
    crit = matrix.criterion("Flexibility")
    assert crit is not None
    assert crit.agreement == AGREE and crit.favours == "Node.js"


# -- build once, serve fast ---------------------------------------------------------------


def test_the_matrix_is_read_from_its_cache_not_rebuilt(compare_dir: Path, real_embedder: Any,
                                               matrix: ComparisonMatrix) -> None:
    versus = build_assistant(Settings(data_dir=compare_dir), embedder=real_embedder)
    versus.manifest()  # open the store first: we time the matrix, not Chroma's start-up
    from_disk = versus.compare()
    assert from_disk == matrix
    assert versus.comparisons.last_build_ms is None  # served from the disk cache
    assert versus.compare() is from_disk  # and from memory after that
    assert list(compare_dir.glob("compare-*.json"))


def test_editing_an_article_changes_the_matrix(
    tmp_path: Path, compare_dir: Path, real_embedder: Any, matrix: ComparisonMatrix
) -> None:
    data = tmp_path / "data"
    shutil.copytree(compare_dir, data)
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    target = corpus / "javatpoint-django-vs-nodejs.txt"
    old = "It is not secure as Django and requires manual operations to handle the security issues."
    new = "It is as secure as Django and handles the security issues without manual operations."
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")

    versus = build_assistant(Settings(data_dir=data, corpus_dir=corpus), embedder=real_embedder)
    assert versus.compare() == matrix  # same corpus version: the cached matrix
    report = versus.ingest()
    assert report.updated == ["javatpoint-django-vs-nodejs"]
    after = versus.compare()
    assert after.corpus_version != matrix.corpus_version
    security = after.criterion("Security")
    assert security is not None
    node = {c.text: c for c in security.cells["Node.js"]}
    assert new in node and old not in node
    assert node[new].favours != "Django"  # the row no longer says Node.js is less secure


# -- another pair of technologies: a new file, no new code -------------------------------


def test_flask_vs_express_corpus_builds_its_own_matrix(tmp_path: Path, real_embedder: Any) -> None:
    toml = tmp_path / "flask-vs-express.toml"
    toml.write_text(FLASK_EXPRESS_TOML, encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    for aid, body in FLASK_EXPRESS_ARTICLES.items():
        (articles / f"{aid}.txt").write_text(body, encoding="utf-8")
    versus = build_assistant(Settings(data_dir=tmp_path / "data", subjects_file=toml),
                             embedder=real_embedder)
    report = versus.ingest([articles])
    assert sorted(report.added) == sorted(FLASK_EXPRESS_ARTICLES)
    m = versus.compare()
    assert m.subjects == ("Flask", "Express")
    assert {"Learning curve", "Performance", "Ecosystem"} <= set(m.names)
    learning = m.criterion("Learning curve")
    speed = m.criterion("Performance")
    eco = m.criterion("Ecosystem")
    assert learning is not None and learning.agreement == AGREE and learning.favours == "Flask"
    assert speed is not None and speed.agreement == DISAGREE
    assert eco is not None and eco.agreement == SINGLE_SOURCE
    texts = _texts(versus)
    for crit in m.criteria:
        for claim in crit.claims():
            c = claim.citation
            assert texts[c.article_id][c.start : c.end] == c.text
    assert versus.comparisons.find_criterion("Which one is easier to learn?") == "Learning curve"


# -- the command line -----------------------------------------------------------------------------


def test_cli_compare_json_follows_the_contract(compare_dir: Path) -> None:
    res = run_cli("compare", "--json", env={"VERSUS_DATA_DIR": str(compare_dir)})
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["subjects"] == ["Django", "Node.js"]
    assert len(data["criteria"]) >= 9
    for crit in data["criteria"]:
        assert set(crit) >= {"name", "agreement", "cells"}
        assert crit["agreement"] in AGREEMENTS
        assert set(crit["cells"]) == {"Django", "Node.js"}
        for claims in crit["cells"].values():
            for claim in claims:
                assert set(claim) >= {"text", "favours", "citation"}
                assert claim["favours"] in ("Django", "Node.js", "neither")
                assert set(claim["citation"]) >= {"article_id", "start", "end", "text"}


def test_cli_compare_one_criterion_and_the_table(compare_dir: Path) -> None:
    env = {"VERSUS_DATA_DIR": str(compare_dir)}
    res = run_cli("compare", "--criterion", "learning curve", "--json", env=env)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert [c["name"] for c in data["criteria"]] == ["Learning curve"]
    assert data["criteria"][0]["agreement"] == DISAGREE
    res = run_cli("compare", "--criterion", "security", env={**env, "COLUMNS": "140"})
    assert res.returncode == 0, res.stderr
    assert "Security" in res.stdout and "agree" in res.stdout


def test_cli_unknown_criterion_exits_2_with_one_line(compare_dir: Path) -> None:
    res = run_cli("compare", "--criterion", "nonsense", env={"VERSUS_DATA_DIR": str(compare_dir)})
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "unknown criterion 'nonsense'" in lines[0] and "Learning curve" in lines[0]
    assert res.stdout == ""


# -- conditions on the verdict line (assistant.condition) -----------------------------------


def test_conditions_on_the_real_store(versus: Any) -> None:
    """A quality word that only modifies another noun names no criterion; a skill the
    asker already has is counted first; an agreement question is answered by the count
    (the real model, store and matrix; questions worded here, in no question file)."""
    pharmacy = versus.ask("A pharmacy chain keeps prescriptions under strict privacy "
                          "regulations. Django or Node.js for its records system?", [])
    assert "flexib" not in (pharmacy.verdict or "").lower()
    python_team = versus.ask("Our developers come from Python; which of the two will they "
                             "find easier to learn?", [])
    line = python_team.verdict or ""
    assert line.startswith("Where the articles speak of developers who know Python, one "
                           "article favours Django"), line
    agree = versus.ask("Do the four write-ups reach the same conclusion on which one is "
                       "more secure?", [])
    assert (agree.verdict or "").startswith("They agree: all four articles that weigh "
                                            "security favour Django"), agree.verdict
