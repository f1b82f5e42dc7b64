"""The comparison on articles its rules were not written from (``tests/field/``).

Fast tests parse the articles with the ingest parser and judge stance without the model;
the integration test ingests the bundled and field articles into one real library (real
model, real Chroma) and reads ``versus compare --json`` as a user would. Figures are printed
(``-s``); ``python -m tests.stance_eval`` prints them per article.

The floors below are what the rules reach today, so that a change that loses ground fails.
Without the model the field set is below issue 10's 0.85 target (the probe set and the bundled
labels reach theirs: 0.868 and 0.933); see the README.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from assistant.compare import NEITHER, extract_claims, judge_row, judge_text
from knowledge.settings import BUNDLED_SUBJECTS
from knowledge.subjects_config import load_comparison_config
from tests import stance_eval
from tests.conftest import run_cli

FIELD_ARTICLES = Path(__file__).resolve().parent / "field" / "articles"


@pytest.fixture(scope="module")
def cfg() -> Any:
    return load_comparison_config(BUNDLED_SUBJECTS)


# -- stance figures, without the model -----------------------------------------------------------


def test_probe_stance_accuracy(cfg: Any) -> None:
    score = stance_eval.probe_score(cfg)
    print(f"\nprobe: n={score.n} accuracy={score.accuracy:.3f}")
    assert score.n == 152
    assert score.accuracy >= 0.865


def test_written_tuning_claims(cfg: Any) -> None:
    """The claims written for tuning in round seven (in sample, like the bundled labels)."""
    score = stance_eval.probe_score(cfg, None, stance_eval.WRITTEN_LABELS)
    print(f"\nwritten: n={score.n} accuracy={score.accuracy:.3f}")
    assert score.n == 47
    assert score.accuracy >= 0.74


def test_bundled_stance_accuracy_in_sample(cfg: Any) -> None:
    score = stance_eval.total(stance_eval.bundled_scores(cfg))
    print(f"\nbundled (in sample): n={score.n} matched={score.matched} "
          f"accuracy={score.accuracy:.3f}")
    assert score.accuracy >= 0.93


def test_field_stance_accuracy_per_article(cfg: Any) -> None:
    per = stance_eval.field_scores(cfg)
    for aid, s in sorted(per.items()):
        print(f"\n{aid}: n={s.n} matched={s.matched} accuracy={s.accuracy:.3f} "
              f"matched_accuracy={s.matched_accuracy:.3f}", end="")
    t = stance_eval.total(per)
    print(f"\nfield: n={t.n} matched={t.matched} accuracy={t.accuracy:.3f} "
          f"matched_accuracy={t.matched_accuracy:.3f}")
    assert t.n == 258 and len(per) == 10
    assert t.matched_accuracy >= 0.89
    assert t.accuracy >= 0.69


# -- the parts, on sentences of our own ---------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "label", "favours"),
    [
        ({"Django": "Good (with Channels)", "Node.js": "Native"}, "WebSockets", "Node.js"),
        ({"Django": "Built-in", "Node.js": "DIY"}, "Sessions", "Django"),
        ({"Django": "Automatic", "Node.js": "Manual"}, "Schema changes", "Django"),
        ({"Django": "Fast", "Node.js": "Fastest"}, "Cold start", "Node.js"),
        # magnitude: higher is better unless the label names a cost
        ({"Django": "High", "Node.js": "Medium"}, "Throughput", "Django"),
        ({"Django": "High", "Node.js": "Medium"}, "Memory use", "Node.js"),
        ({"Django": "Low", "Node.js": "High"}, "Learning curve", "Django"),
        ({"Django": "Low cost", "Node.js": "High cost"}, "Running", "Django"),
        # equal levels, or no scale at all: neither
        ({"Django": "Good", "Node.js": "Good"}, "Docs", NEITHER),
        ({"Django": "Python", "Node.js": "JavaScript"}, "Language", NEITHER),
        # a third column never decides
        ({"Django": "Medium", "Node.js (Express)": "Fast", "Go (Gin)": "Fastest"}, "Speed",
         "Node.js"),
    ],
)
def test_table_rows_are_judged_across_their_cells(cfg: Any, cells: dict[str, str], label: str,
                                                  favours: str) -> None:
    assert judge_row(cfg, cells, label) == favours


@pytest.mark.parametrize(
    ("text", "favours"),
    [
        # comparative structure: who is ahead of whom
        ("Node.js outperforms Django on streaming workloads.", "Node.js"),
        ("Django lags behind Node.js when thousands of sockets stay open.", "Node.js"),
        ("Node.js trails Django in built-in protection against CSRF.", "Django"),
        ("Express requires more configuration than Django.", "Django"),
        ("Django needs less boilerplate than a hand-assembled Express stack.", "Django"),
        # VADER valences with negation and contrast
        ("Django is not painful to upgrade.", "Django"),
        ("Node.js is quicker, but Django is quick enough and far safer.", "Django"),
        # a verdict naming its winner, a recommendation opening a clause
        ("Verdict on throughput: Node.js.", "Node.js"),
        ("For a content site with a small team, pick Django.", "Django"),
        ("Django, for example, is one of the frameworks we reviewed this year.", NEITHER),
        # word forms: comparatives by their base, inflections VADER lists in another form
        ("Express is costlier to run than Django.", "Django"),
        ("Django is harder to set up for a tiny service.", "Node.js"),
        ("Django saves a small team a lot of work.", "Django"),
        # VADER's own negators; time as a cost; a domain entry of several articles
        ("Django's admin rarely disappoints.", "Django"),
        # a negator's scope runs through a cue to the next one ("give" has valence by stem)
        ("Django does not give you the freedom to pick every part.", "Node.js"),
        ("Express took 14 more hours to finish the same features.", "Django"),
        ("Channels in Django feels bolted on.", "Node.js"),
        # comparison structure: "both" of the target, a comparison said of the other subject
        ("Django's raw throughput lags behind both Node.js and Go.", "Node.js"),
        ("Node.js ships new tools at a pace that Django cannot match.", "Node.js"),
        # numbers paired with subjects: a benefit unit, a cost unit, a multiple; no unit
        ("Express served 2,400 requests per second against 1,100 for Django.", "Node.js"),
        ("The Django version came to 600 lines of code and the Express version to 900.",
         "Django"),
        ("Node.js answered three times as many requests per second as Django.", "Node.js"),
        ("Django 4.2 and Node.js 20 were tested in 2024.", NEITHER),
        # a release after any name is not a measurement; a large number after one still is
        ("On Express 5, Django 5 and Python 3.12 the runs were repeated twice.", NEITHER),
        ("Express 5 served 2,400 requests per second against 1,100 for Django 5.", "Node.js"),
        # an implied contrast: "but" with no cue after it turns what came before
        ("Node.js is perfectly secure, but only when a team audits every dependency.",
         "Django"),
        ("Although Django trails in raw speed, it remains the usual choice for newsrooms.",
         "Django"),
        # a later clause about a new, indefinite thing is not about the subject
        ("Django is quick enough, and a slow query will hurt you far more.", "Django"),
        # a negator's scope runs over the dot inside a name
        ("We don't find Node.js unstable.", "Node.js"),
        # a view reported from others is not the writer's
        ("Critics claim Django is bloated.", NEITHER),
        ("It is often said that Node.js is chaotic.", NEITHER),
        # "only as <good> as" is a limit
        ("Node.js is only as reliable as the packages it pulls in.", "Django"),
        # cost nouns through a modifier, after verbs that raise or cut them, time spent
        ("Express needs additional routing code for every endpoint.", "Django"),
        ("Express increases the maintenance burden of a small team.", "Django"),
        ("Django reduces boilerplate for ordinary pages.", "Django"),
        ("With Express you spend whole weeks wiring middleware together.", "Django"),
        ("Node.js runs the same service in half the memory.", "Node.js"),
        # recommendations in the first person and with other verbs
        ("For a newsroom CMS I would choose Django.", "Django"),
        ("If you need sockets everywhere, go for Node.js.", "Node.js"),
        # an adjective entry ("maintainable") lends nothing to its verb ("maintained")
        ("Node.js is maintained by a foundation.", NEITHER),
        # cues of a clause before the one the subject opens are about something else
        ("The async runtime is a delight and Django Channels feels bolted on.", "Node.js"),
        # a sentence about a third technology favours neither subject
        ("Laravel is friendlier than both Django and Node.js for PHP teams.", NEITHER),
        ("Go is the fastest of the three by a wide margin.", NEITHER),
    ],
)
def test_general_stance_means(cfg: Any, text: str, favours: str) -> None:
    assert judge_text(cfg, text) == favours


def test_the_word_express_is_a_name_only_when_capitalised(cfg: Any) -> None:
    assert judge_text(cfg, "Relations are easy to express in Django.") == "Django"
    assert judge_text(cfg, "Express is easy to learn.") == "Node.js"


def test_no_third_technology_claim_in_a_subject_cell_without_the_model(cfg: Any) -> None:
    articles, chunks = stance_eval.field_corpus()
    claims = extract_claims(cfg, articles, chunks)
    _assert_third_technologies_kept_out(
        {aid: a.text for aid, a in articles.items()},
        [(c.citation.article_id, c.citation.start, c.citation.end, c.subject)
         for _, c in claims],
    )


def _assert_third_technologies_kept_out(
    texts: dict[str, str], claims: list[tuple[str, int, int, str]]
) -> None:
    labels = [lab for lab in stance_eval.read_jsonl(stance_eval.FIELD_LABELS) if lab["about"]]
    assert len(labels) == 11
    for lab in labels:
        if lab["kind"] == "table_row":
            continue  # a third column is never read as a subject's cell
        start = texts[lab["article_id"]].find(lab["quote"])
        assert start >= 0, lab["quote"]
        end = start + len(lab["quote"])
        inside = [c for c in claims if c[0] == lab["article_id"] and c[1] < end and start < c[2]
                  and c[3] in ("Django", "Node.js")]
        assert not inside, f"{lab['about']} claim filed under {inside[0][3]}: {lab['quote']!r}"


# -- the field library, ingested for real ---------------------------------------------------------


@pytest.fixture(scope="module")
def field_copy(tmp_path_factory: pytest.TempPathFactory, field_dir: Path) -> Path:
    """The bundled library plus the ten field articles (real model, real Chroma): a copy
    of the session's store (``field_dir`` in conftest), as the CLI writes its caches."""
    dst = tmp_path_factory.mktemp("field") / "data"
    shutil.copytree(field_dir, dst)
    return dst


@pytest.mark.integration
def test_field_library_merges_labels_and_adds_few_criteria(field_copy: Path, cfg: Any) -> None:
    res = run_cli("compare", "--json", env={"VERSUS_DATA_DIR": str(field_copy)})
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    configured = {c.name for c in cfg.criteria}
    by_name = {c["name"]: c for c in data["criteria"]}
    new = sorted(set(by_name) - configured)
    print(f"\nnew criteria: {new}")
    for c in data["criteria"]:
        assert "merged_labels" in c and isinstance(c["merged_labels"], list)
        if c["merged_labels"]:
            print(f"{c['name']}: merged {c['merged_labels']}")
    # at most one new criterion per three field articles
    assert len(new) <= 10 // 3, new
    # every table label a configured criterion holds is one of its aliases or shown as merged
    for name in configured & set(by_name):
        spec = cfg.criterion_for_label(name)
        for label in by_name[name]["labels"]:
            if cfg.criterion_for_label(label) is not spec:
                assert label in by_name[name]["merged_labels"], (name, label)
    # merges a reader would make
    assert "Long-run cost" in by_name["Efficiency and cost"]["merged_labels"]
    assert "Security defaults" in by_name["Security"]["merged_labels"]
    # no claim about a third technology in a Django or Node.js cell
    texts: dict[str, str] = {}
    claims = []
    for c in data["criteria"]:
        for subject, cell in c["cells"].items():
            for claim in cell:
                cit = claim["citation"]
                claims.append((cit["article_id"], cit["start"], cit["end"], subject))
    from assistant.service import build_assistant
    from knowledge.settings import Settings

    versus = build_assistant(Settings(data_dir=field_copy))
    for path in FIELD_ARTICLES.iterdir():
        art = versus.article(path.stem)
        assert art is not None, path.stem
        texts[path.stem] = art.text
    _assert_third_technologies_kept_out(texts, claims)
