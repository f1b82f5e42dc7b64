"""Fast unit tests of the comparison matrix: no model, no Chroma.

Chunks are built by hand (or by the pure ``ingest.chunk.parse_article``) so that each rule
(criterion merging, subjects, stance, agreement, caching, the JSON shape) is pinned on its
own.
"""

from __future__ import annotations

import itertools
import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from assistant.cli_render import render_matrix
from assistant.compare import (
    AGREE,
    DISAGREE,
    MAX_PROSE_PER_CELL,
    MIXED,
    NEITHER,
    SINGLE_SOURCE,
    ComparisonMatrix,
    ComparisonService,
    UnknownCriterion,
    agreement,
    article_stance,
    build_matrix,
    extract_claims,
    stance_of,
)
from assistant.errors import BadInput
from knowledge.models import ArticleMeta, Chunk, CleanedArticle, Section, Span, TableRow
from knowledge.protocols import ArticleRecord, Manifest
from knowledge.settings import BUNDLED_SUBJECTS, Settings
from knowledge.subjects_config import (
    SubjectsConfigError,
    load_comparison_config,
    normalize_label,
)

CORE = [
    "Performance",
    "Scalability",
    "Security",
    "Development speed",
    "Learning curve",
    "Ecosystem and community",
    "Flexibility",
    "Architecture",
    "Use cases",
]


@pytest.fixture(scope="module")
def cfg() -> Any:
    return load_comparison_config(BUNDLED_SUBJECTS)


# -- hand-built corpora ------------------------------------------------------------------

_SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _sentences(text: str, start: int, end: int) -> tuple[Span, ...]:
    """Sentence spans: a split after . ! ? followed by a capital ("Node.js" stays whole)."""
    out = []
    cuts = [start, *(m.end() for m in _SENT_END.finditer(text, start, end)), end]
    for a, b in itertools.pairwise(cuts):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Span(a, b))
    return tuple(out)


class Doc:
    """Builds one cleaned article and its chunks piece by piece, offsets exact."""

    def __init__(self, article_id: str) -> None:
        self.article_id = article_id
        self.text = ""
        self.sections: list[Section] = []
        self.chunks: list[Chunk] = []
        self._open: tuple[str, int] | None = None

    def _add(self, piece: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += piece + "\n\n"
        return start, start + len(piece)

    def heading(self, title: str) -> Doc:
        self._close()
        start, _ = self._add(title)
        self._open = (title, start)
        return self

    def _close(self) -> None:
        if self._open is not None:
            title, start = self._open
            self.sections.append(Section(title, start, len(self.text), 1))
            self._open = None

    def prose(self, para: str) -> Doc:
        start, end = self._add(para)
        self.chunks.append(Chunk(
            chunk_id=f"{self.article_id}/{len(self.chunks)}", article_id=self.article_id,
            ordinal=len(self.chunks), text=para, start=start, end=end,
            section=self._open[0] if self._open else "", kind="prose",
            sentences=_sentences(self.text, start, end),
        ))
        return self

    def row(self, label: str, cells: dict[str, str]) -> Doc:
        line = label + " | " + " | ".join(cells.values())
        start, end = self._add(line)
        spans = []
        pos = start + len(label) + 3
        for header, cell in cells.items():
            spans.append((header, Span(pos, pos + len(cell))))
            pos += len(cell) + 3
        self.chunks.append(Chunk(
            chunk_id=f"{self.article_id}/{len(self.chunks)}", article_id=self.article_id,
            ordinal=len(self.chunks), text=line, start=start, end=end,
            section=self._open[0] if self._open else "", kind="table-row",
            sentences=tuple(s for _, sp in spans for s in _sentences(self.text, sp.start, sp.end)),
            row=TableRow(label, tuple(spans)),
        ))
        return self

    def article(self) -> CleanedArticle:
        self._close()
        return CleanedArticle(
            ArticleMeta(self.article_id, self.article_id.title()), self.text,
            tuple(self.sections),
        )


def corpus(*docs: Doc) -> tuple[dict[str, CleanedArticle], list[Chunk]]:
    arts = {d.article_id: d.article() for d in docs}
    return arts, [c for d in docs for c in d.chunks]


def claims_by_text(cfg: Any, *docs: Doc) -> dict[str, Any]:
    """The claims the extractor finds in ``docs``, by their text."""
    from assistant.compare import extract_claims

    arts, chunks = corpus(*docs)
    return {c.text: c for _crit, c in extract_claims(cfg, arts, chunks)}


def assert_paragraph_lean(cfg: Any, lead: str, detail: str, side: str) -> None:
    """``detail`` takes ``lead``'s side in one paragraph under a heading, not from the
    paragraph before it (the paragraph-lean rules of ``assistant.compare.leans``)."""
    same = claims_by_text(cfg, Doc("para").heading("Real-time").prose(f"{lead} {detail}"))
    assert same[lead].favours == side
    assert same[detail].favours == side
    apart = claims_by_text(cfg, Doc("apart").heading("Real-time").prose(lead).prose(detail))
    assert detail not in apart or apart[detail].favours == "neither"


def assert_citations_exact(matrix: ComparisonMatrix, arts: dict[str, CleanedArticle]) -> None:
    for crit in matrix.criteria:
        for claim in crit.claims():
            c = claim.citation
            assert arts[c.article_id].text[c.start : c.end] == c.text, claim


# -- configuration ------------------------------------------------------------------------


def test_bundled_config_has_subjects_aliases_and_core_criteria(cfg: Any) -> None:
    assert cfg.subject_names == ("Django", "Node.js")
    names = [c.name for c in cfg.criteria]
    assert set(CORE) <= set(names)
    for alias in ("NodeJs", "Node JS", "node", "Node.JS"):
        assert cfg.subject_for_label(alias).name == "Node.js"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tool Type", "Definition"),
        ("Ecosystem & community", "Community"),
        ("Development Speed", "development speed"),
        ("Learning Curve", "learning curve"),
    ],
)
def test_equivalent_table_labels_merge_into_one_criterion(cfg: Any, a: str, b: str) -> None:
    assert cfg.criterion_for_label(a) is not None
    assert cfg.criterion_for_label(a) is cfg.criterion_for_label(b)


def test_normalize_label() -> None:
    assert normalize_label("Ecosystem & community:") == "ecosystem and community"
    assert normalize_label("  Tool   Type ") == "tool type"


def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "pair.toml"
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return p


def test_config_rejects_three_subjects(tmp_path: Path) -> None:
    p = _write(tmp_path, """
        [[subjects]]
        name = "A"
        [[subjects]]
        name = "B"
        [[subjects]]
        name = "C"
        [[criteria]]
        name = "Speed"
    """)
    with pytest.raises(SubjectsConfigError, match=r"exactly two \[\[subjects\]\].*got 3"):
        load_comparison_config(p)


def test_config_names_a_misspelt_key(tmp_path: Path) -> None:
    p = _write(tmp_path, """
        [[subjects]]
        name = "A"
        [[subjects]]
        name = "B"
        [[criteria]]
        name = "Speed"
        keyword = ["fast"]
    """)
    with pytest.raises(SubjectsConfigError, match=r"unknown keys \['keyword'\]") as exc:
        load_comparison_config(p)
    assert str(p) in str(exc.value)


def test_config_rejects_a_label_shared_by_two_criteria(tmp_path: Path) -> None:
    p = _write(tmp_path, """
        [[subjects]]
        name = "A"
        [[subjects]]
        name = "B"
        [[criteria]]
        name = "Speed"
        aliases = ["Velocity"]
        [[criteria]]
        name = "Performance"
        aliases = ["velocity"]
    """)
    with pytest.raises(SubjectsConfigError, match="'velocity' belongs to both"):
        load_comparison_config(p)


def test_config_missing_file_is_a_settings_error(tmp_path: Path) -> None:
    from knowledge.settings import SettingsError

    with pytest.raises(SettingsError, match="VERSUS_SUBJECTS_FILE"):
        load_comparison_config(tmp_path / "nope.toml")


def test_config_stance_table_extends_the_shared_lexicon(tmp_path: Path) -> None:
    p = _write(tmp_path, """
        [[subjects]]
        name = "Flask"
        [[subjects]]
        name = "Express"
        [[criteria]]
        name = "Speed"
        [stance.positive]
        "snappy" = 1
    """)
    c = load_comparison_config(p)
    assert c.stance.positive["snappy"] == 1.0
    assert "secure" in c.stance.positive  # the shared lexicon is still there
    assert stance_of(c, "Flask feels snappy.", "Flask") == "Flask"


# -- stance rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject", "criterion", "favours"),
    [
        # the brief's examples
        ("It is not secure as Django", "Node.js", None, "Django"),
        ("Node.js may fall short for CPU-intensive tasks", "Node.js", None, "Django"),
        ("Django has a much easier learning curve compared to Node.js", "Django", None,
         "Django"),
        ("Nodejs is very easy to learn", "Node.js", None, "Node.js"),
        ("Django follows the MVT (Model View Template) architecture.", "Django", None, NEITHER),
        # negation and removers
        ("The performance of Node.js is not bad.", "Node.js", None, "Node.js"),
        ("This framework is less scalable.", "Django", None, "Node.js"),
        ("It avoids common security mistakes.", "Django", None, "Django"),
        ("It can handle thousands of requests without compromising performance.", "Node.js",
         None, NEITHER),
        ("Django framework provides limited flexibility comparing to Nodejs.", "Django", None,
         "Node.js"),
        # contrast, concession, condition, purpose, foil
        ("The community of Django is active but not too big.", "Django", None, "Node.js"),
        ("Though Node.js uses the V8 engine to make the best use of single threads, it is not "
         "as fast as multiple threads.", "Node.js", None, "Django"),
        ("It takes more operating time but if developers are experienced then it is quite "
         "helpful.", "Node.js", None, NEITHER),
        ("It requires manual operation to secured your nodejs application.", "Node.js", None,
         "Django"),
        ("In contrast to frameworks that implement strict conventions, Node.js allows developers "
         "to structure applications as they see fit.", "Node.js", None, "Node.js"),
        # neutral criteria count comparative wording only
        ("Django is best suited for data-heavy applications.", "Django", "Use cases", NEITHER),
        ("It is less suitable for real-time applications.", "Django", "Use cases", "Node.js"),
        ("Node.js is better suited for real-time features.", "Node.js", "Use cases", "Node.js"),
    ],
)
def test_stance_rules(cfg: Any, text: str, subject: str, criterion: str | None,
                      favours: str) -> None:
    assert stance_of(cfg, text, subject, criterion) == favours


def test_stance_of_rejects_an_unknown_subject(cfg: Any) -> None:
    with pytest.raises(ValueError, match="got 'Rails'"):
        stance_of(cfg, "Rails is fast.", "Rails")


# -- agreement rules ------------------------------------------------------------------------

SUBJ = ("Django", "Node.js")


@pytest.mark.parametrize(
    ("votes", "stance"),
    [
        ([("Django", 1.0), ("Django", 1.0), ("Node.js", 1.0)], "Django"),  # 2 >= 2 x 1
        ([("Django", 1.0), ("Node.js", 1.0)], MIXED),
        ([("Django", 2.0), ("Node.js", 1.5)], MIXED),  # no clear margin
        ([("neither", 1.0)], NEITHER),
        ([("Node.js", 2.0), ("neither", 1.0)], "Node.js"),
    ],
)
def test_article_stance(votes: list[tuple[str, float]], stance: str) -> None:
    assert article_stance(votes, SUBJ) == stance


@pytest.mark.parametrize(
    ("stances", "expected"),
    [
        ({"a": "Django"}, (SINGLE_SOURCE, "Django")),
        ({"a": "Django", "b": "Django"}, (AGREE, "Django")),
        ({"a": "neither", "b": "neither"}, (AGREE, "neither")),
        ({"a": "Django", "b": "Node.js"}, (DISAGREE, None)),
        ({"a": "Django", "b": "mixed", "c": "Node.js"}, (DISAGREE, None)),
        ({"a": "Django", "b": "mixed"}, (MIXED, None)),
        ({"a": "Django", "b": "neither"}, (MIXED, None)),
    ],
)
def test_agreement(stances: dict[str, str], expected: tuple[str, str | None]) -> None:
    assert agreement(stances, SUBJ) == expected


# -- extraction on hand-built chunks -------------------------------------------------------


def two_articles() -> tuple[dict[str, CleanedArticle], list[Chunk]]:
    a = (
        Doc("alpha")
        .heading("Difference between Django and Node JS")
        .row("Tool Type", {"Django": "It is a web framework.",
                           "Node JS": "It is a runtime environment."})
        .row("Security", {"Django": "It provides strong security out of the box.",
                          "Node JS": "It is not secure as Django and requires manual work."})
        .row("Community", {"Django": "Django has a vast community.",
                           "Node JS": "It also has a vast community."})
        .row("Efficiency", {"Django": "Django is very efficient and cost effective.",
                            "Node JS": "It is less cost effective. However, it is easy to learn."})
        .heading("Learning Curve")
        .prose("Django has a much easier learning curve compared to Node.js. "
               "Node.js represents a steeper learning curve for beginners.")
    )
    b = (
        Doc("beta")
        .heading("Comparison")
        .row("Definition", {"Django": "A Python web framework.",
                            "Node.js": "A JavaScript runtime environment."})
        .row("Ecosystem & community", {"Django": "Mature ecosystem.",
                                       "Node.js": "Vast ecosystem."})
        .heading("Learning")
        .prose("Nodejs is very easy to learn for the developers. "
               "Django is very complex to learn for beginners.")
        .heading("Security in Node.js vs Django")
        .prose("Django takes security very seriously. "
               "Since Node.js doesn't offer default security settings, developers must add "
               "security measures manually.")
    )
    return corpus(a, b)


def test_matrix_merges_equivalent_criteria_across_articles(cfg: Any) -> None:
    arts, chunks = two_articles()
    m = build_matrix(cfg, arts, chunks, "v1")
    definition = m.criterion("Definition / tool type")
    assert definition is not None
    assert set(definition.labels) == {"Tool Type", "Definition"}
    assert {c.citation.article_id for c in definition.claims()} == {"alpha", "beta"}
    eco = m.criterion("Ecosystem and community")
    assert eco is not None and set(eco.labels) == {"Community", "Ecosystem & community"}
    assert_citations_exact(m, arts)


def test_table_rows_come_first_and_rows_pick_one_side(cfg: Any) -> None:
    arts, chunks = two_articles()
    m = build_matrix(cfg, arts, chunks)
    sec = m.criterion("Security")
    assert sec is not None
    node = sec.cells["Node.js"]
    assert node[0].source_kind == "table"
    assert node[0].text == "It is not secure as Django and requires manual work."
    assert node[0].favours == "Django"
    assert sec.cells["Django"][0].favours == "Django"  # a row favours one side in both cells
    # two cells that both praise do not pick a side
    eco = m.criterion("Ecosystem and community")
    assert eco is not None
    assert {c.favours for c in eco.claims() if c.source_kind == "table"} == {NEITHER}


def test_a_cell_sentence_about_another_criterion_becomes_its_claim(cfg: Any) -> None:
    arts, chunks = two_articles()
    m = build_matrix(cfg, arts, chunks)
    learning = m.criterion("Learning curve")
    assert learning is not None
    texts = {c.text: c for c in learning.cells["Node.js"]}
    assert texts["However, it is easy to learn."].favours == "Node.js"
    assert texts["However, it is easy to learn."].source_kind == "table"
    eff = m.criterion("Efficiency and cost")
    assert eff is not None and eff.cells["Node.js"][0].favours == "Django"


def test_subject_from_mentions_and_comparison_targets(cfg: Any) -> None:
    arts, chunks = two_articles()
    m = build_matrix(cfg, arts, chunks)
    learning = m.criterion("Learning curve")
    assert learning is not None
    django = {c.text: c for c in learning.cells["Django"]}
    claim = django["Django has a much easier learning curve compared to Node.js."]
    assert claim.favours == "Django" and claim.subject == "Django"


def test_a_sentence_naming_no_subject_takes_the_previous_ones(cfg: Any) -> None:
    """No subject, no pronoun, no subject in the section title: the sentence before it in
    the same section says whom it is about; a new section starts afresh."""
    doc = (Doc("carry").heading("Security")
           .prose("Django ships its own defences. CSRF protection and safe password hashing "
                  "are switched on by default.")
           .heading("Hosting")
           .prose("Cheap hosting plans are robust and reliable."))
    arts, chunks = corpus(doc)
    claims = {c.text: (crit, c) for crit, c in extract_claims(cfg, arts, chunks)}
    crit, claim = claims["CSRF protection and safe password hashing are switched on by default."]
    assert crit == "Security" and claim.subject == "Django" and claim.favours == "Django"
    assert not any(t.startswith("Cheap hosting") for t in claims)


def test_a_sentence_naming_both_subjects_passes_no_subject_on(cfg: Any) -> None:
    doc = (Doc("carry-two").heading("What got worse")
           .prose("Django is slower for us. The latency went from 90 ms on Express to 130 ms "
                  "on Django. The cost of hosting also got worse."))
    arts, chunks = corpus(doc)
    claims = {c.text: c for _crit, c in extract_claims(cfg, arts, chunks)}
    claim = claims["The cost of hosting also got worse."]
    assert claim.subject == "Django" and claim.favours == "Node.js"


def test_learning_curve_disagreement_and_security_agreement(cfg: Any) -> None:
    arts, chunks = two_articles()
    m = build_matrix(cfg, arts, chunks)
    learning = m.criterion("Learning curve")
    security = m.criterion("Security")
    assert learning is not None and security is not None
    # alpha: prose favours Django twice, its Efficiency row says Node.js "is easy to learn"
    # (a table cell weighs double) -> torn; beta: Node.js is easy, Django complex -> Node.js.
    assert learning.article_stances == {"alpha": "mixed", "beta": "Node.js"}
    assert learning.agreement == MIXED
    assert security.agreement == AGREE and security.favours == "Django"


def test_disagreement_picks_one_named_claim_per_side(cfg: Any) -> None:
    a = Doc("one").heading("Learning Curve").prose(
        "Django has a much easier learning curve compared to Node.js. "
        "Node.js represents a steeper learning curve.")
    b = Doc("two").heading("Learning").prose("Nodejs is very easy to learn for the developers.")
    arts, chunks = corpus(a, b)
    crit = build_matrix(cfg, arts, chunks).criterion("Learning curve")
    assert crit is not None and crit.agreement == DISAGREE
    pair = crit.disagreement()
    assert pair is not None
    assert pair[0].text.startswith("Django has a much easier")
    assert pair[0].favours == "Django" and pair[0].citation.article_id == "one"
    assert pair[1].text == "Nodejs is very easy to learn for the developers."
    security = build_matrix(cfg, *two_articles()).criterion("Security")
    assert security is not None and security.disagreement() is None


def test_prose_is_capped_and_duplicates_dropped(cfg: Any) -> None:
    doc = Doc("gamma").heading("Security")
    for sentence in (
        "Django is very secure thanks to careful session handling.",
        "Its password storage keeps Django safe by default.",
        "Django protects forms against forgery out of the box.",
        "Cookies are signed, so Django stays secure.",
        "Django ships strong security headers.",
        "Templates escape output, a secure default in Django.",
        "Django queries are protected from SQL injection.",
        "Uploads in Django are safely validated.",
    ):
        doc.prose(sentence)
    doc.prose("Django is very secure, thanks to careful session handling!")  # near-duplicate
    arts, chunks = corpus(doc)
    m = build_matrix(cfg, arts, chunks)
    sec = m.criterion("Security")
    assert sec is not None
    assert len(sec.cells["Django"]) == MAX_PROSE_PER_CELL
    texts = [c.text for c in sec.cells["Django"]]
    assert len(set(texts)) == len(texts)
    assert sec.agreement == SINGLE_SOURCE and sec.favours == "Django"


def test_both_subjects_sentence_favours_neither_in_both_cells(cfg: Any) -> None:
    arts, chunks = corpus(Doc("delta").prose("Both NodeJs and Django have a huge developer "
                                             "community as well."))
    m = build_matrix(cfg, arts, chunks)
    eco = m.criterion("Ecosystem and community")
    assert eco is not None
    assert [c.favours for c in eco.cells["Django"]] == [NEITHER]
    assert [c.favours for c in eco.cells["Node.js"]] == [NEITHER]


def test_sentence_is_split_where_the_subject_changes(cfg: Any) -> None:
    arts, chunks = corpus(Doc("eps").prose(
        "Django is much secure where it maintains passwords effectively and Node JS provides "
        "many libraries, which helps the developer create highly flexible web apps."))
    m = build_matrix(cfg, arts, chunks)
    sec = m.criterion("Security")
    assert sec is not None
    assert [c.text for c in sec.cells["Django"]] == [
        "Django is much secure where it maintains passwords effectively"]
    node_claims = [(name, c) for name in m.names for c in m.criterion(name).cells["Node.js"]]
    assert node_claims and all(c.text.startswith("Node JS provides") for _, c in node_claims)
    assert_citations_exact(m, arts)


def test_unknown_table_label_becomes_its_own_criterion(cfg: Any) -> None:
    arts, chunks = corpus(Doc("zeta").row(
        "Hosting price", {"Django": "It is cheap to host.", "Node.js": "It is cheap to host."}))
    m = build_matrix(cfg, arts, chunks)
    assert "Hosting price" in m.names


def test_extract_claims_lists_every_claim_before_the_cap(cfg: Any) -> None:
    arts, chunks = two_articles()
    claims = extract_claims(cfg, arts, chunks)
    m = build_matrix(cfg, arts, chunks)
    shown = {(n, c.citation.start, c.citation.article_id) for n in m.names
             for c in m.criterion(n).claims()}
    listed = {(n, c.citation.start, c.citation.article_id) for n, c in claims}
    assert shown <= listed


def test_parse_article_corpus_with_another_pair_needs_no_code_change(tmp_path: Path) -> None:
    from ingest.chunk import parse_article

    toml = tmp_path / "flask-vs-express.toml"
    toml.write_text(FLASK_EXPRESS_TOML, encoding="utf-8")
    pair = load_comparison_config(toml)
    arts: dict[str, CleanedArticle] = {}
    chunks: list[Chunk] = []
    for aid, body in FLASK_EXPRESS_ARTICLES.items():
        art, cs = parse_article(body, ArticleMeta(aid, aid))
        arts[aid] = art
        chunks += cs
    m = build_matrix(pair, arts, chunks, "fx")
    assert m.subjects == ("Flask", "Express")
    learning = m.criterion("Learning curve")
    speed = m.criterion("Performance")
    assert learning is not None and learning.agreement == AGREE
    assert learning.favours == "Flask"
    assert speed is not None and speed.agreement == DISAGREE
    assert_citations_exact(m, arts)


# -- JSON ------------------------------------------------------------------------------------


def test_to_json_matches_the_contract_and_round_trips(cfg: Any) -> None:
    arts, chunks = two_articles()
    m = build_matrix(cfg, arts, chunks, "v9")
    data = json.loads(json.dumps(m.to_json()))
    assert data["subjects"] == ["Django", "Node.js"]
    for crit in data["criteria"]:
        assert {"name", "agreement", "cells"} <= set(crit)
        assert crit["agreement"] in (AGREE, DISAGREE, MIXED, SINGLE_SOURCE)
        assert set(crit["cells"]) == {"Django", "Node.js"}
        for claims in crit["cells"].values():
            for claim in claims:
                assert {"text", "favours", "citation"} <= set(claim)
                assert claim["favours"] in ("Django", "Node.js", "neither")
                assert set(claim["citation"]) >= {"article_id", "start", "end", "text"}
    assert ComparisonMatrix.from_json(data) == m


# -- the service: criterion lookup, caching ---------------------------------------------------


class FakeStore:
    """The three store reads the service needs, counting how often chunks are read."""

    def __init__(self, arts: dict[str, CleanedArticle], chunks: list[Chunk],
                 version: str = "1") -> None:
        self.arts, self._chunks = arts, chunks
        self.version = version
        self.chunk_reads = 0

    def manifest(self) -> Manifest:
        return Manifest(
            articles={
                aid: ArticleRecord(meta=a.meta, content_hash="h", version=f"{aid}-{self.version}",
                                   chunk_count=1, ingested_at="now")
                for aid, a in self.arts.items()
            },
            embedder="fake",
        )

    def chunks(self, article_ids: Any = None) -> list[Chunk]:
        self.chunk_reads += 1
        return list(self._chunks)

    def article(self, article_id: str) -> CleanedArticle | None:
        return self.arts.get(article_id)


@pytest.fixture
def service(tmp_path: Path) -> tuple[ComparisonService, FakeStore]:
    arts, chunks = two_articles()
    store = FakeStore(arts, chunks)
    return ComparisonService(store=store, settings=Settings(data_dir=tmp_path)), store


def test_unknown_criterion_lists_valid_names(service: Any) -> None:
    svc, _ = service
    with pytest.raises(UnknownCriterion) as exc:
        svc.matrix("nonsense")
    assert isinstance(exc.value, BadInput)
    msg = str(exc.value)
    assert "'nonsense'" in msg and "Security" in msg and "Learning curve" in msg
    assert "\n" not in msg


@pytest.mark.parametrize(
    ("asked", "name"),
    [("security", "Security"), ("LEARNING CURVE", "Learning curve"),
     ("Tool Type", "Definition / tool type"), ("ecosystem & community", "Ecosystem and community"),
     ("learn", "Learning curve")],
)
def test_criterion_matches_names_and_aliases(service: Any, asked: str, name: str) -> None:
    svc, _ = service
    m = svc.matrix(asked)
    assert [c.name for c in m.criteria] == [name]


def test_known_criterion_nobody_discusses_gives_no_rows(service: Any) -> None:
    svc, _ = service
    assert svc.matrix("Popularity").criteria == ()


@pytest.mark.parametrize(
    ("question", "criterion"),
    [
        ("Which is easier to learn, Django or Node.js?", "Learning curve"),
        ("Is Django more secure than Node.js?", "Security"),
        ("Which one scales better?", "Scalability"),
        ("Which has the bigger community?", "Ecosystem and community"),
        ("Which is faster?", "Performance"),
        ("Which lets me build a prototype quicker?", "Development speed"),
        ("Which is more flexible?", "Flexibility"),
        ("When should I use Node.js instead of Django?", "Use cases"),
        ("How does the event loop architecture of Node.js work?", "Architecture"),
        ("How do Django and Node.js compare on Ecosystem and community?",
         "Ecosystem and community"),
        ("How do Django and Node.js compare on Definition / tool type?",
         "Definition / tool type"),
        ("How do Django and Node.js compare on Full-stack development?",
         "Full-stack development"),
        ("What is Django?", "Definition / tool type"),
        ("What is the weather like today?", None),
        ("", None),
    ],
)
def test_find_criterion(service: Any, question: str, criterion: str | None) -> None:
    svc, store = service
    assert svc.find_criterion(question) == criterion
    assert store.chunk_reads == 0  # pure text matching


def test_matrix_is_built_once_then_served_from_memory_and_disk(
    tmp_path: Path, service: Any
) -> None:
    svc, store = service
    first = svc.matrix()
    assert store.chunk_reads == 1
    assert svc.matrix() is first
    assert store.chunk_reads == 1
    files = list(tmp_path.glob("compare-*.json"))
    assert len(files) == 1 and not list(tmp_path.glob(".compare-*"))
    # a fresh service (another process) reads the disk cache
    again = ComparisonService(store=store, settings=Settings(data_dir=tmp_path))
    assert again.matrix() == first
    assert store.chunk_reads == 1
    # invalidate() forgets memory but the corpus is unchanged: disk answers
    svc.invalidate()
    assert svc.matrix() == first and store.chunk_reads == 1


def test_a_new_corpus_version_rebuilds_and_replaces_the_disk_cache(
    tmp_path: Path, service: Any
) -> None:
    svc, store = service
    old = svc.matrix()
    store.version = "2"
    new = svc.matrix()
    assert store.chunk_reads == 2
    assert new.corpus_version != old.corpus_version
    assert len(list(tmp_path.glob("compare-*.json"))) == 1


def test_a_damaged_disk_cache_is_rebuilt(tmp_path: Path, service: Any) -> None:
    svc, store = service
    svc.matrix()
    (path,) = tmp_path.glob("compare-*.json")
    path.write_text("{not json", encoding="utf-8")
    fresh = ComparisonService(store=store, settings=Settings(data_dir=tmp_path))
    assert fresh.matrix().criteria
    assert store.chunk_reads == 2


def test_empty_store_gives_an_empty_matrix(tmp_path: Path) -> None:
    svc = ComparisonService(store=FakeStore({}, []), settings=Settings(data_dir=tmp_path))
    m = svc.matrix()
    assert m.subjects == ("Django", "Node.js") and m.criteria == ()


# -- rendering -------------------------------------------------------------------------------


def test_render_matrix_prints_article_text_literally(cfg: Any) -> None:
    from rich.console import Console

    arts, chunks = corpus(Doc("md").heading("Security").prose(
        "Django is very secure [bold]really[/bold] and safe."))
    m = build_matrix(cfg, arts, chunks)
    console = Console(record=True, width=160)
    render_matrix(console, m)
    out = console.export_text()
    assert "[bold]really[/bold]" in out
    assert "Security" in out and "single-source" in out


def test_render_empty_matrix(cfg: Any) -> None:
    from rich.console import Console

    console = Console(record=True)
    render_matrix(console, ComparisonMatrix(subjects=("Django", "Node.js"), criteria=()))
    assert "No criterion" in console.export_text()


# -- a second pair of technologies, shared with the integration test ----------------------------

FLASK_EXPRESS_TOML = """\
title = "Flask vs Express"

[[subjects]]
name = "Flask"
aliases = ["Flask", "flask"]

[[subjects]]
name = "Express"
aliases = ["Express", "Express.js", "ExpressJS"]

[[criteria]]
name = "Performance"
aliases = ["Performance", "Speed"]
keywords = ["requests per second", "latency", "throughput"]
strong = ["perform*", "fast*", "slow*"]
questions = ["faster", "performance"]

[[criteria]]
name = "Learning curve"
aliases = ["Learning curve"]
strong = ["learn", "learning", "beginner*"]
questions = ["learn*", "beginner*"]

[[criteria]]
name = "Ecosystem"
aliases = ["Ecosystem", "Extensions"]
strong = ["extension*", "middleware*", "ecosystem"]
questions = ["extension*", "ecosystem", "plugins"]
"""

FLASK_EXPRESS_ARTICLES = {
    "fx-one": (
        "Flask or Express?\n\n"
        "Learning curve\n\n"
        "Flask is very easy to learn for beginners. Express is harder to learn for beginners "
        "because of callbacks.\n\n"
        "Performance\n\n"
        "Express is faster than Flask for I/O-bound services.\n"
    ),
    "fx-two": (
        "Choosing a micro framework\n\n"
        "Learning curve\n\n"
        "Express has a steeper learning curve than Flask.\n\n"
        "Performance\n\n"
        "In our benchmark Flask was faster than Express. Express is slower when templates "
        "are rendered.\n"
    ),
    "fx-three": (
        "Flask vs Express in 2024\n\n"
        "Ecosystem\n\n"
        "Flask has a mature set of extensions. Express offers a vast middleware ecosystem.\n\n"
        "Learning curve\n\n"
        "Flask is easier to learn than Express.\n"
    ),
}


# -- round two: section polarity and advantage framing ------------------------------------


def test_a_negative_heading_sets_the_polarity_of_its_neutral_sentences(cfg: Any) -> None:
    doc = (Doc("drawbacks")
           .heading("Weak points in security")
           .prose("Express leaves the security headers to a separate package."))
    arts, chunks = corpus(doc)
    claims = [c for _, c in extract_claims(cfg, arts, chunks)]
    assert [(c.subject, c.favours) for c in claims] == [("Node.js", "Django")]


def test_a_neutral_heading_leaves_a_neutral_sentence_out(cfg: Any) -> None:
    doc = (Doc("plain")
           .heading("Security")
           .prose("Express leaves the security headers to a separate package."))
    arts, chunks = corpus(doc)
    assert all(c.favours == NEITHER for _, c in extract_claims(cfg, arts, chunks))


@pytest.mark.parametrize(("text", "favours"), [
    ("Django validates every form for free.", "Django"),
    ("Django comes with an admin interface.", "Django"),
    ("In Express every route check is written by hand.", "Django"),
])
def test_advantage_framing(cfg: Any, text: str, favours: str) -> None:
    from assistant.compare import judge_text

    assert judge_text(cfg, text) == favours


def test_prototype_stance_compares_best_positive_and_negative_similarity(cfg: Any) -> None:
    import numpy as np

    from assistant.compare.criteria import CriterionMatcher
    from assistant.compare.prototypes import NEGATIVE, POSITIVE, PrototypeStance

    def embed(texts: Any) -> np.ndarray:
        # a fake embedder: positive prototypes on one axis, negative on another
        rows = []
        for t in texts:
            v = np.array([1.0 if t in POSITIVE or t == "good" else 0.0,
                          1.0 if t in NEGATIVE or t == "bad" else 0.0, 0.1])
            rows.append(v / np.linalg.norm(v))
        return np.stack(rows)

    protos = PrototypeStance(CriterionMatcher(cfg, embed))
    assert protos.polarity("good") == 1.0
    assert protos.polarity("bad") == -1.0
    assert protos.polarity("neither") == 0.0
    assert not PrototypeStance(CriterionMatcher(cfg, None)).available


@pytest.mark.parametrize(
    ("question", "criterion"),
    [
        # a purpose phrase names a use; a cue word inside it is not the asked criterion
        ("Which is better for machine learning and data work?", None),
        ("For heavy number crunching with complex maths, should I pick Django or Node.js?",
         None),
        # unless the phrase is one word, or its first word is itself the criterion's cue
        ("For security, which is better, Django or Node.js?", "Security"),
        ("For a secure payments service, is Django or Node.js the stronger pick?", "Security"),
        # a question with no purpose phrase keeps its criterion
        ("Is Django more secure than Node.js?", "Security"),
    ],
)
def test_asked_criterion_skips_cues_inside_a_use(service: Any, question: str,
                                                 criterion: str | None) -> None:
    from assistant.verdict import asked_criterion

    svc, _store = service
    assert asked_criterion(svc.find_criterion, question) == criterion
