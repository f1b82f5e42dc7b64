"""Load the comparison configuration: which subjects to compare, on which criteria.

The comparison matrix is driven by data, not code: a TOML file under ``knowledge/subjects/``
names the two subjects (with the aliases articles use for them) and the criteria (with the
labels articles give them in their tables, the keywords that put a prose sentence under them,
and the cues that recognise a chat question about them). Comparing another pair of
technologies is a new file, and the loader checks it strictly so that a typo ("keyword"
instead of "keywords") fails loudly at load time instead of silently emptying a criterion.

The stance lexicon (cue words for "favours which side") is language-level, not pair-level, so
it lives in a shared file (``stance-en.toml``) that a subjects file may point elsewhere with
``stance_file = "..."`` or extend with its own ``[stance]`` table.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from knowledge.settings import SettingsError

SUBJECTS_DIR = Path(__file__).resolve().parent / "subjects"
DEFAULT_STANCE_FILE = SUBJECTS_DIR / "stance-en.toml"

_CRITERION_KEYS = frozenset({"name", "aliases", "keywords", "strong", "questions", "neutral"})
_SUBJECT_KEYS = frozenset({"name", "aliases", "ecosystem"})
_TOP_KEYS = frozenset({"title", "subjects", "criteria", "stance", "stance_file"})
_STANCE_LISTS = (
    "comparatives", "negators", "removers", "contrast", "concessive", "conditional", "purpose",
    "foil", "connectives",
)
_STANCE_KEYS = frozenset({*_STANCE_LISTS, "positive", "negative"})


class SubjectsConfigError(SettingsError):
    """The subjects file is missing or malformed; the message names the file and the field."""


def normalize_label(label: str) -> str:
    """Canonical form of a criterion label, so that article spellings compare equal.

    "Ecosystem & community", "ecosystem and  Community:" and "Ecosystem and community" all
    become "ecosystem and community".
    """
    text = label.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9'+#/. -]+", " ", text)
    text = re.sub(r"[\s/]+", " ", text)
    return text.strip(" .:-")


@dataclass(frozen=True)
class SubjectSpec:
    """One technology being compared.

    Attributes:
        name: Display name (a key of every matrix cell dict).
        aliases: Spellings the articles use ("NodeJs", "Node JS", "node"); the name is included.
        ecosystem: Names that stand for the subject when an article names neither subject
            (its language and registry: "Python", "PyPI"; "JavaScript", "npm"). Read only by
            the comparison matrix's claim extraction, never as a subject mention elsewhere.
    """

    name: str
    aliases: tuple[str, ...]
    ecosystem: tuple[str, ...] = ()

    @cached_property
    def labels(self) -> frozenset[str]:
        """Normalised name and aliases."""
        return frozenset(normalize_label(a) for a in (self.name, *self.aliases))


@dataclass(frozen=True)
class CriterionSpec:
    """One row of the comparison matrix.

    Attributes:
        name: Display name.
        aliases: Table-row labels and section headings that mean this criterion.
        keywords: Weak cues (score 1) for classifying a prose sentence.
        strong: Strong cues (score 2.5).
        questions: Extra cues for recognising a chat question about the criterion.
        neutral: When true, only comparative wording makes a claim favour a subject.
    """

    name: str
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    strong: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    neutral: bool = False

    @cached_property
    def labels(self) -> tuple[str, ...]:
        """Normalised name and aliases, for exact label matching."""
        return tuple(dict.fromkeys(normalize_label(x) for x in (self.name, *self.aliases)))


@dataclass(frozen=True)
class StanceLexicon:
    """Cue words for deciding which subject a claim favours (see ``stance-en.toml``)."""

    positive: dict[str, float] = field(default_factory=dict)
    negative: dict[str, float] = field(default_factory=dict)
    comparatives: tuple[str, ...] = ()
    negators: tuple[str, ...] = ()
    removers: tuple[str, ...] = ()
    contrast: tuple[str, ...] = ()
    concessive: tuple[str, ...] = ()
    conditional: tuple[str, ...] = ()
    purpose: tuple[str, ...] = ()
    foil: tuple[str, ...] = ()
    connectives: tuple[str, ...] = ()


@dataclass(frozen=True)
class ComparisonConfig:
    """A loaded subjects file.

    Attributes:
        title: Human title ("Django vs Node.js").
        subjects: Exactly two subjects, in display order.
        criteria: Criteria in display order.
        stance: The stance lexicon in force.
        source: Path of the subjects file.
        digest: Hash of the subjects and stance files' bytes; part of every cache key, so an
            edited configuration rebuilds the matrix.
    """

    title: str
    subjects: tuple[SubjectSpec, ...]
    criteria: tuple[CriterionSpec, ...]
    stance: StanceLexicon
    source: str = ""
    digest: str = ""

    @property
    def subject_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.subjects)

    def criterion_for_label(self, label: str) -> CriterionSpec | None:
        """The criterion whose name or alias equals ``label`` (normalised), else None."""
        key = normalize_label(label)
        for spec in self.criteria:
            if key in spec.labels:
                return spec
        return None

    def subject_for_label(self, label: str) -> SubjectSpec | None:
        """The subject a table header or mention names ("Node JS" -> Node.js), else None."""
        key = normalize_label(label)
        for spec in self.subjects:
            if key in spec.labels:
                return spec
        return None

    # -- finding the subjects in text (rewrite, retrieval, abstention, attribution) ----

    @cached_property
    def patterns(self) -> dict[str, re.Pattern[str]]:
        """Subject name -> a pattern matching any of its spellings ("Node JS", "nodejs")."""
        from knowledge.text.tokens import alias_pattern

        out = {}
        for spec in self.subjects:
            spellings = sorted(dict.fromkeys((spec.name, *spec.aliases)), key=len, reverse=True)
            out[spec.name] = re.compile("|".join(alias_pattern(a) for a in spellings), re.I)
        return out

    @cached_property
    def _found(self) -> dict[str, tuple[str, ...]]:
        return {}

    def find_subjects(self, text: str) -> tuple[str, ...]:
        """Subjects named in ``text``, ordered by first mention (memoised per text: the
        same passages' sentences are read on every question)."""
        memo = self._found
        hit = memo.get(text)
        if hit is not None:
            return hit
        found = []
        for name, pattern in self.patterns.items():
            m = pattern.search(text)
            if m:
                found.append((m.start(), name))
        if len(memo) >= 16384:
            memo.clear()
        out = memo[text] = tuple(name for _, name in sorted(found))
        return out

    def find_members(self, text: str) -> tuple[str, ...]:
        """Subjects one of whose ``ecosystem`` names ("npm" for Node.js) ``text`` names as a
        word, ordered by first mention."""
        found = []
        for spec in self.subjects:
            hits = [m.start() for e in spec.ecosystem
                    if (m := re.search(rf"(?<![\w.]){re.escape(e)}(?![\w])", text, re.I))]
            if hits:
                found.append((min(hits), spec.name))
        return tuple(name for _, name in sorted(found))

    @cached_property
    def tokenizer(self) -> Any:
        """The word tokenizer that unifies the subjects' spellings (``knowledge.text.tokens``)."""
        from knowledge.text.tokens import tokenizer_for

        return tokenizer_for((s.name, s.aliases) for s in self.subjects)

    @property
    def subject_tokens(self) -> frozenset[str]:
        """The tokens the subjects' names become in ``tokenizer`` ("django", "nodejs")."""
        return frozenset(self.tokenizer.name_tokens)

    @cached_property
    def plain_word_aliases(self) -> frozenset[str]:
        """Lower-cased aliases that are a capitalised plain word other than a respelling of
        the subject's name ("Express" for Node.js; not "Nodejs"): written in lower case
        such a word is the ordinary word ("relations are easy to express"), so attribution
        (``assistant.subject.sides``) reads no subject there."""
        out = set()
        for spec in self.subjects:
            name = re.sub(r"[^a-z0-9]", "", spec.name.lower())
            for alias in spec.aliases:
                if (alias.isalpha() and alias[0].isupper() and alias[1:].islower()
                        and alias.lower() != name):
                    out.add(alias.lower())
        return frozenset(out)

    @cached_property
    def alias_words(self) -> frozenset[str]:
        """Every lowercase word of the subjects' spellings ("node", "js", "python")."""
        out: set[str] = set()
        for spec in self.subjects:
            for a in (spec.name, *spec.aliases):
                out.update(w for w in re.split(r"[^a-z0-9]+", a.lower()) if w)
        return frozenset(out)


def _fail(path: Path, msg: str) -> SubjectsConfigError:
    return SubjectsConfigError(f"subjects file {path}: {msg}")


def _str_list(path: Path, where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, f"{where} must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _weights(path: Path, where: str, value: Any) -> dict[str, float]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(path, f"{where} must be a table of phrase = weight, got {value!r}")
    out: dict[str, float] = {}
    for phrase, weight in value.items():
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise _fail(path, f"{where}.{phrase!r} must be a number, got {weight!r}")
        out[phrase.strip().lower()] = float(weight)
    return out


def _read_toml(path: Path) -> tuple[dict[str, Any], bytes]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SubjectsConfigError(
            f"cannot read subjects file {path} ({exc.strerror or exc}); set "
            "VERSUS_SUBJECTS_FILE to an existing TOML file"
        ) from exc
    try:
        return tomllib.loads(raw.decode("utf-8")), raw
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _fail(path, f"not valid TOML: {exc}") from exc


def _parse_stance(path: Path, data: Any, base: StanceLexicon | None) -> StanceLexicon:
    if not isinstance(data, dict):
        raise _fail(path, f"[stance] must be a table, got {data!r}")
    unknown = set(data) - _STANCE_KEYS
    if unknown:
        raise _fail(path, f"[stance] has unknown keys {sorted(unknown)}; known: "
                          f"{sorted(_STANCE_KEYS)}")
    base = base or StanceLexicon()
    lists = {
        name: tuple(dict.fromkeys(
            (*getattr(base, name), *(s.lower() for s in _str_list(path, f"stance.{name}",
                                                                   data.get(name)))))
        )
        for name in _STANCE_LISTS
    }
    return StanceLexicon(
        positive={**base.positive, **_weights(path, "stance.positive", data.get("positive"))},
        negative={**base.negative, **_weights(path, "stance.negative", data.get("negative"))},
        **lists,
    )


def _parse_subjects(path: Path, data: Any) -> tuple[SubjectSpec, ...]:
    if not isinstance(data, list) or len(data) != 2:
        n = len(data) if isinstance(data, list) else type(data).__name__
        raise _fail(path, f"needs exactly two [[subjects]] (a comparison is pairwise), got {n}")
    out = []
    for i, item in enumerate(data):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise _fail(path, f"subjects[{i}] needs a string name, got {item!r}")
        unknown = set(item) - _SUBJECT_KEYS
        if unknown:
            raise _fail(path, f"subjects[{i}] has unknown keys {sorted(unknown)}")
        name = item["name"].strip()
        aliases = _str_list(path, f"subjects[{i}].aliases", item.get("aliases"))
        eco = _str_list(path, f"subjects[{i}].ecosystem", item.get("ecosystem"))
        out.append(SubjectSpec(name=name, aliases=tuple(dict.fromkeys((name, *aliases))),
                               ecosystem=tuple(eco)))
    if normalize_label(out[0].name) == normalize_label(out[1].name):
        raise _fail(path, f"the two subjects have the same name {out[0].name!r}")
    shared = {normalize_label(a) for a in out[0].aliases} & {
        normalize_label(a) for a in out[1].aliases
    }
    if shared:
        raise _fail(path, f"aliases {sorted(shared)} name both subjects")
    return tuple(out)


def _parse_criteria(path: Path, data: Any) -> tuple[CriterionSpec, ...]:
    if not isinstance(data, list) or not data:
        raise _fail(path, f"needs at least one [[criteria]] entry, got {data!r}")
    out: list[CriterionSpec] = []
    seen: dict[str, str] = {}
    for i, item in enumerate(data):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise _fail(path, f"criteria[{i}] needs a string name, got {item!r}")
        unknown = set(item) - _CRITERION_KEYS
        if unknown:
            raise _fail(path, f"criteria[{i}] ({item['name']!r}) has unknown keys "
                              f"{sorted(unknown)}; known: {sorted(_CRITERION_KEYS)}")
        neutral = item.get("neutral", False)
        if not isinstance(neutral, bool):
            raise _fail(path, f"criteria[{i}].neutral must be true or false, got {neutral!r}")
        spec = CriterionSpec(
            name=item["name"].strip(),
            aliases=_str_list(path, f"criteria[{i}].aliases", item.get("aliases")),
            keywords=_str_list(path, f"criteria[{i}].keywords", item.get("keywords")),
            strong=_str_list(path, f"criteria[{i}].strong", item.get("strong")),
            questions=_str_list(path, f"criteria[{i}].questions", item.get("questions")),
            neutral=neutral,
        )
        for label in spec.labels:
            if label in seen and seen[label] != spec.name:
                raise _fail(path, f"label {label!r} belongs to both {seen[label]!r} and "
                                  f"{spec.name!r}; a table label must name one criterion")
            seen[label] = spec.name
        out.append(spec)
    return tuple(out)


@lru_cache(maxsize=16)
def _load_cached(path_str: str, _stamp: tuple[int, int, int]) -> ComparisonConfig:
    path = Path(path_str)
    data, raw = _read_toml(path)
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise _fail(path, f"unknown top-level keys {sorted(unknown)}; known: {sorted(_TOP_KEYS)}")
    stance_path = DEFAULT_STANCE_FILE
    if "stance_file" in data:
        if not isinstance(data["stance_file"], str):
            raise _fail(path, f"stance_file must be a path string, got {data['stance_file']!r}")
        stance_path = (path.parent / data["stance_file"]).resolve()
    stance_data, stance_raw = _read_toml(stance_path)
    stance = _parse_stance(stance_path, stance_data, None)
    if "stance" in data:
        stance = _parse_stance(path, data["stance"], stance)
    subjects = _parse_subjects(path, data.get("subjects"))
    criteria = _parse_criteria(path, data.get("criteria"))
    title = data.get("title") or f"{subjects[0].name} vs {subjects[1].name}"
    digest = hashlib.sha1(raw + b"\0" + stance_raw).hexdigest()[:12]
    return ComparisonConfig(
        title=str(title),
        subjects=subjects,
        criteria=criteria,
        stance=stance,
        source=str(path),
        digest=digest,
    )


@lru_cache(maxsize=64)
def _resolved(path: str) -> Path:
    """``path`` resolved (cached: resolving stats every component, ~50 us, and the file is
    looked up for every sentence the composer scores; the caller checks it still holds)."""
    return Path(path).resolve()


#: The subjects files already read in the current ``one_reading`` scope (None outside one).
_READ: ContextVar[dict[str, ComparisonConfig] | None] = ContextVar("versus_subjects_read",
                                                                   default=None)


@contextmanager
def one_reading() -> Iterator[None]:
    """Within this scope each subjects file is checked on disk once, not on every call.

    Why: an answer asks for the subjects object ~45 times (``default_subjects`` per
    sentence scored), and each call stats two files; on this overlay file system a stat
    costs ~15 us, ~1 ms of a warm ask's ~9 ms of own work. ``AnswerChain.ask`` answers
    inside one scope, so one question reads one version of the file throughout (an edit
    made while it is answered counts from the next question). No cache beyond the scope,
    and nothing read from the store: an ingest cannot make it stale.
    """
    token = _READ.set({})
    try:
        yield
    finally:
        _READ.reset(token)


def load_comparison_config(path: Path | str) -> ComparisonConfig:
    """Load and validate a subjects file (cached until the file changes).

    Cheap enough for every call (asked several times per question): the paths are
    resolved once, and each call costs one ``os.stat`` of the file (two for a symlink or a
    relative path) and one of the shared stance lexicon; inside ``one_reading``, only the
    scope's first call for a path does.

    Raises:
        SubjectsConfigError: Naming the file and the malformed field.
    """
    read = _READ.get()
    if read is None:
        return _load_checked(path)
    got = read.get(str(path))
    if got is None:
        got = read[str(path)] = _load_checked(path)
    return got


def _load_checked(path: Path | str) -> ComparisonConfig:
    """``load_comparison_config`` without the scope: the file's stat against the cache."""
    raw = str(path)
    given = _expanded(raw) if not raw.startswith("~") else str(Path(raw).expanduser())
    p = str(_resolved(given))
    try:
        st = os.stat(p)
        if p != given:  # a relative path or a symlink: is it still the file resolved?
            seen = os.stat(given)
            if (seen.st_dev, seen.st_ino) != (st.st_dev, st.st_ino):
                _resolved.cache_clear()
                p = str(_resolved(given))
                st = os.stat(p)
    except OSError as exc:
        raise SubjectsConfigError(
            f"no subjects file at {p}; set VERSUS_SUBJECTS_FILE to an existing TOML file"
        ) from exc
    try:
        shared = os.stat(_DEFAULT_STANCE_PATH).st_mtime_ns
    except OSError:
        shared = 0
    return _load_cached(p, (st.st_mtime_ns, st.st_size, shared))


@lru_cache(maxsize=64)
def _expanded(path: str) -> str:
    """``path`` as a normalised string (``Path`` parsing, cached: ~10 us a call)."""
    return str(Path(path))


_DEFAULT_STANCE_PATH = str(DEFAULT_STANCE_FILE)


def default_subjects() -> ComparisonConfig:
    """The subjects object for the configured subjects file (``VERSUS_SUBJECTS_FILE``, the
    same variable ``Settings.subjects_file`` reads), else the bundled one.

    Cheap enough for every call (one environment read and one ``stat``): callers that do
    not get a subjects object passed in use it per sentence.
    """
    import os

    from knowledge.settings import BUNDLED_SUBJECTS

    path = os.environ.get("VERSUS_SUBJECTS_FILE") or BUNDLED_SUBJECTS
    return load_comparison_config(path)
