"""Tokens and cue matching shared by the stance analyser and the extractor."""

from __future__ import annotations

import functools
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import Stemmer

_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[.,;:!?()\[\]–—|]")
_BOUNDARY_TOKENS = frozenset(".,;:!?()[]–—|")
_STEMMER = Stemmer.Stemmer("english")
_STEM_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int
    hyphenated: bool = False

    @property
    def is_word(self) -> bool:
        return self.text not in _BOUNDARY_TOKENS


@functools.lru_cache(maxsize=20000)
def _stem(word: str) -> str:
    with _STEM_LOCK:  # a PyStemmer object is not thread-safe
        return str(_STEMMER.stemWord(word))


def _in_compound(toks: Sequence[_Tok], i: int) -> bool:
    """Whether token ``i`` is joined to a neighbour by a hyphen ("non-blocking")."""
    return toks[i].hyphenated


def _tokens(text: str, offset: int = 0) -> list[_Tok]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        a, b = m.start(), m.end()
        joined = (a > 0 and text[a - 1] == "-") or (b < len(text) and text[b] == "-")
        out.append(_Tok(m.group().lower().replace("’", "'"), a + offset, b + offset, joined))
    return out


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(t.text for t in _tokens(phrase) if t.is_word)


class _CueSet:
    """Word-sequence cues matched on tokens (fast: a dict lookup per token).

    A cue is one or more words ("-" and spaces alike); a trailing ``*`` makes its last word
    a prefix. Each cue carries a payload (a criterion name and a weight).
    """

    def __init__(self, cues: Iterable[tuple[str, Any]]) -> None:
        self._exact: dict[str, list[tuple[tuple[str, ...], bool, Any]]] = defaultdict(list)
        # single-word prefixes, bucketed by their first (up to) three letters
        self._prefix: dict[str, list[tuple[tuple[str, ...], bool, Any]]] = defaultdict(list)
        for cue, payload in cues:
            prefix = cue.endswith("*")
            toks = _phrase_tokens(cue.rstrip("*"))
            if not toks:
                continue
            entry = (toks, prefix, payload)
            if prefix and len(toks) == 1:
                self._prefix[toks[0][:3]].append(entry)
            else:
                self._exact[toks[0]].append(entry)
        for lst in self._exact.values():
            lst.sort(key=lambda e: len(e[0]), reverse=True)

    def find(self, toks: Sequence[_Tok]) -> list[tuple[int, int, str, Any]]:
        """All cue hits as ``(first_token, end_token, matched_text, payload)``."""
        words = [t.text for t in toks]
        out: list[tuple[int, int, str, Any]] = []
        for i, w in enumerate(words):
            if not toks[i].is_word:
                continue
            for cue, prefix, payload in self._exact.get(w, ()):
                n = len(cue)
                if i + n > len(words) or not all(toks[i + k].is_word for k in range(n)):
                    continue
                if tuple(words[i : i + n - 1]) != cue[:-1]:
                    continue
                last = words[i + n - 1]
                if last == cue[-1] or (prefix and last.startswith(cue[-1])):
                    out.append((i, i + n, " ".join(words[i : i + n]), payload))
            for key in dict.fromkeys((w[:3], w[:2], w[:1])):  # in order, not by string hash
                for cue, _prefix, payload in self._prefix.get(key, ()):
                    if w.startswith(cue[0]):
                        out.append((i, i + 1, w, payload))
        return out

#: After a negator, a provision verb states a lack ("doesn't offer": ``stance.NEGATED_PROVISION``)
#: and a degree adverb before a cue hedges it ("not much faster": ``stance.HEDGED_NEGATION``).
_PROVIDE = frozenset({"offer", "offers", "provide", "provides", "include", "includes", "ship",
                      "ships", "bundle", "bundles"})
_DEGREE = frozenset({"dramatically", "significantly", "substantially", "considerably",
                     "noticeably", "markedly", "much", "vastly", "hugely", "massively",
                     "meaningfully", "radically", "drastically", "appreciably", "materially"})


def _alias_regex(aliases: Sequence[str], proper: frozenset[str] = frozenset()) -> re.Pattern[str]:
    """One regex for the aliases; those in ``proper`` match only as capitalised."""
    parts = []
    for alias in sorted(aliases, key=len, reverse=True):
        pat = r"[\s\-]*".join(re.escape(w) for w in re.split(r"\s+", alias.strip()))
        parts.append(f"(?-i:{pat})" if alias in proper else pat)
    return re.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


_TARGET_BEFORE = re.compile(
    r"(?:\bthan|\bunlike|\bas|\blike|\bvs\.?|\bversus|\bover|"
    r"\bcompar(?:ed|ing|e|ison)\s+(?:to|with)|\bin\s+comparison\s+(?:to|with)|"
    r"\bcontrast\s+(?:to|with))\s+(?:both\s+|either\s+)?(?:the\s+|a\s+)?$",
    re.IGNORECASE,
)
