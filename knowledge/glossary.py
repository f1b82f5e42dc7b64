"""The ecosystem glossary: well-known tools, the category a user asks by, their ecosystem.

Users ask by category ("which ORM", "a task queue", "the test runner") while articles name
tools ("Prisma", "Celery", "Jest"), and the reverse: a question about "request validation"
shares no word with a passage that says "zod". ``knowledge/subjects/ecosystem-glossary.toml``
holds that general domain knowledge as data (written for this project, no article's
wording): ``default_ecosystems`` (searched when a question names none),
``[ecosystems.X]`` (the words that name an ecosystem in a question),
``[categories.X]`` (the phrases a question names a category by, the words searched for it,
whether naming it searches its tools) and ``[[tools]]`` (name, other spellings, categories,
ecosystem; ``"any"`` for tools of no one language ecosystem: databases, brokers, Docker).

The loader checks the file strictly (unknown keys, a tool in an unknown category or
ecosystem, a duplicate spelling) so a typo fails at load time. ``assistant.glossary_query``
uses it to widen the lexical query.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from knowledge.settings import SettingsError

GLOSSARY_FILE = Path(__file__).resolve().parent / "subjects" / "ecosystem-glossary.toml"
#: The ecosystem of tools that belong to no one language ecosystem.
ANY = "any"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Ecosystem(_Strict):
    """Words that name one ecosystem in a question ("django", "python")."""

    names: tuple[str, ...] = Field(min_length=1)


class Category(_Strict):
    """A kind of tool as users ask for it.

    ``phrases``: how a question names it (whole words, case-insensitive); ``terms``: the
    words searched when a question names one of its tools (empty when its words are too
    common to search); ``expand``: whether naming the category searches its tools' names.
    """

    phrases: tuple[str, ...] = Field(min_length=1)
    terms: tuple[str, ...] = ()
    expand: bool = True


class Tool(_Strict):
    """One tool: its spellings, categories and ecosystem.

    ``terms`` overrides the words searched for it (default: each one-word spelling);
    ``case_sensitive`` matches its spellings by case only ("Express", "Channels").
    """

    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    categories: tuple[str, ...] = Field(min_length=1)
    ecosystem: str
    case_sensitive: bool = False
    terms: tuple[str, ...] | None = None

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Glossary(_Strict):
    """The whole glossary, cross-checked."""

    default_ecosystems: tuple[str, ...] = Field(min_length=1)
    ecosystems: dict[str, Ecosystem]
    categories: dict[str, Category]
    tools: tuple[Tool, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check(self) -> Glossary:
        for eco in self.default_ecosystems:
            if eco not in self.ecosystems:
                raise ValueError(f"default ecosystem {eco!r} is not an [ecosystems] table")
        seen: dict[str, str] = {}
        for tool in self.tools:
            if tool.ecosystem != ANY and tool.ecosystem not in self.ecosystems:
                raise ValueError(
                    f"tool {tool.name!r}: unknown ecosystem {tool.ecosystem!r} "
                    f"(known: {', '.join(sorted(self.ecosystems))}, {ANY})")
            for cat in tool.categories:
                if cat not in self.categories:
                    raise ValueError(f"tool {tool.name!r}: unknown category {cat!r}")
            for spelling in tool.spellings:
                key = spelling.lower()
                if key in seen:
                    raise ValueError(
                        f"spelling {spelling!r} of {tool.name!r} already names {seen[key]!r}")
                seen[key] = tool.name
        return self

    def tools_of(self, category: str) -> list[Tool]:
        """The tools of ``category``, in file order."""
        return [t for t in self.tools if category in t.categories]


def load_glossary(path: Path | str = GLOSSARY_FILE) -> Glossary:
    """Read and check a glossary file.

    Raises:
        SettingsError: When the file is missing, is not TOML, or fails the checks.
    """
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SettingsError(f"cannot read glossary {p}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"glossary {p} is not valid TOML: {exc}") from exc
    try:
        return Glossary.model_validate(data)
    except ValidationError as exc:
        raise SettingsError(f"glossary {p} is invalid: {exc}") from exc


@lru_cache(maxsize=4)
def default_glossary() -> Glossary:
    """The bundled glossary (loaded once)."""
    return load_glossary(GLOSSARY_FILE)
