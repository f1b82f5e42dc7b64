"""Word tokens for lexical search and the lexical signals: one tokenizer for every caller.

What a token is decides what BM25 can find, so it is decided here once:

* **Names unified.** The subjects file lists the spellings of each subject ("Node JS",
  "NodeJs", "node"); every spelling becomes one token (the name with its punctuation
  dropped: ``nodejs``), so a question that writes "Node" finds a passage that writes
  "Node.js". The names come from the subjects object passed in, not from this module.
* **Compounds split.** "Time-to-MVP", "Real-time / WebSockets" and "CSRF/XSS" are several
  words: a question asking about "real time" or "MVP" must reach the row that hyphenates
  them. Letters and digits stay together ("k6", "http2").
* **Stemmed.** English Snowball stemming (PyStemmer) through bm25s's tokenizer:
  "migrations" and "migrate", "features" and "feature" meet. Subject tokens are never
  stemmed.
* **Stopwords dropped**: function words and the words every question about articles has
  ("compare", "article", "versus").

A crude suffix stripper (``crude_stem``) is kept for comparison: ``STEMMER`` selects it;
``versus eval`` measured both (see the CHANGELOG).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any, Literal

#: ``snowball`` (PyStemmer's English stemmer) or ``crude`` (the suffix stripper below).
STEMMER: Literal["snowball", "crude", "snowball+crude"] = "snowball"

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren as at be because
    been before being below between both but by can cannot could did do does doing don
    down during each else few for from further get gets got had has have having he her
    here hers herself him himself his how i if in into is isn it its itself just let
    lets like me might more most much must my myself no nor not now of off on once one
    ones only or other others our ours ourselves out over own per please same shall she
    should so some such than that the their theirs them themselves then there these they
    this those through to too under until up upon us very via was we were what when
    where whether which while who whom why will with within would you your yours
    yourself yourselves tell say says said know give gives given show shows really thing
    things way ways any anything something two whose versus vs compared compare
    comparison according article articles source sources author authors writer
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

_SUFFIXES = (
    "ibilities", "abilities", "ational", "ability", "ibility", "ations", "ation", "ments",
    "ities", "ness", "ment", "ance", "ence", "ings", "able", "ible", "ity", "ing", "ers",
    "ies", "ied", "ful", "ous", "ive", "ize", "ise", "ed", "er", "es", "ly", "al", "s", "e",
)


def crude_stem(word: str) -> str:
    """A deliberately crude suffix stripper (scalability, scalable, scales -> scal)."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            word = word[: -len(suf)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


@lru_cache(maxsize=1)
def _snowball() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def _snowball_stem(word: str) -> str:
    out = str(_snowball().stemWord(word))
    if STEMMER == "snowball+crude":
        out = crude_stem(out)
    return out


def name_token(name: str) -> str:
    """The one token a name becomes: lowercase, punctuation and spaces dropped."""
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def alias_pattern(alias: str) -> str:
    """A regex source matching ``alias`` with spaces, dots and hyphens between its parts
    optional or interchangeable ("Node.js" also matches "Node JS", "NodeJS", "node-js")."""
    parts = [re.escape(p) for p in re.split(r"[\s.\-]+", alias.strip()) if p]
    parts_re = r"[\s.\-]?".join(parts)
    return rf"(?<![\w.]){parts_re}(?![\w])"


@dataclass(frozen=True)
class Tokenizer:
    """Tokens for one set of names (the configured subjects).

    Args:
        names: ``(canonical name, spellings)`` pairs; each spelling becomes the canonical
            name's token.
        stemmer: ``snowball`` or ``crude``.
    """

    names: tuple[tuple[str, tuple[str, ...]], ...] = ()
    stemmer: str = STEMMER
    _patterns: tuple[tuple[re.Pattern[str], str], ...] = field(default=(), init=False,
                                                               repr=False, compare=False)

    def __post_init__(self) -> None:
        pats: list[tuple[int, re.Pattern[str], str]] = []
        for name, spellings in self.names:
            token = name_token(name)
            for sp in dict.fromkeys((name, *spellings)):
                if sp.strip():
                    pats.append((len(sp), re.compile(alias_pattern(sp), re.I), f" {token}"))
        pats.sort(key=lambda t: -t[0])  # longest spelling first: "Python Django" before "Django"
        object.__setattr__(self, "_patterns", tuple((p, r) for _n, p, r in pats))

    @cached_property
    def name_tokens(self) -> frozenset[str]:
        """The tokens the configured names become (never stemmed)."""
        return frozenset(name_token(n) for n, _s in self.names)

    @cached_property
    def _normalised(self) -> dict[str, str]:
        return {}

    def normalise(self, text: str) -> str:
        """Lowercase, curly apostrophes straightened, every spelling of a name unified
        (memoised per text: a pattern per spelling, and the same sentences come back)."""
        memo = self._normalised
        hit = memo.get(text)
        if hit is not None:
            return hit
        out = text.replace("’", "'")
        for pattern, repl in self._patterns:
            out = pattern.sub(repl, out)
        if len(memo) >= 16384:
            memo.clear()
        memo[text] = out = out.lower()
        return out

    def words(self, text: str) -> list[str]:
        """Lowercased word tokens: names unified, compounds split, possessives dropped."""
        out = []
        for w in _WORD.findall(self.normalise(text)):
            if "'" in w:
                w = w.split("'", 1)[0]
            out.append(w)
        return out

    def stem(self, word: str) -> str:
        """One word's stem (names and numbers are left alone)."""
        if word in self.name_tokens or word.isdigit():
            return word
        if self.stemmer == "crude":
            return crude_stem(word)
        return _snowball_stem(word)

    def tokens(self, text: str) -> list[str]:
        """Stemmed content tokens: what BM25 and the lexical signals compare.

        Splitting and stemming run through bm25s's tokenizer (its stopword filter and
        stemmer hook) over the normalised words.
        """
        kept = [w for w in self.words(text) if w not in STOPWORDS]
        if not kept:
            return []
        if self.stemmer == "crude":
            return [self.stem(w) for w in kept]
        return self._bm25s_tokens(" ".join(kept))

    def _bm25s_tokens(self, text: str) -> list[str]:
        return _bm25s_tokenizer(self.name_tokens)(text)


class _Bm25sStems:
    """bm25s's tokenizer returning stems, with the id-to-stem map kept between calls.

    ``tokenize(..., return_as="string")`` decodes through a reverse vocabulary that bm25s
    rebuilds on every call: a cost per call that grows with every word the tokenizer has
    seen (the whole library, once the index is built), paid for each sentence the composer
    scores. Here the reverse map is rebuilt only when the vocabulary has grown (it only
    ever grows), so a call costs its own words. The stems are the same (a test compares).
    """

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self._lock = threading.Lock()
        self._reverse: dict[int, str] = {}
        self._size = -1

    def __call__(self, text: str) -> list[str]:
        with self._lock:
            # What ``tokenize([text], update_vocab=True)`` runs, without its progress bar.
            ids = next(iter(self.tokenizer.streaming_tokenize([text], update_vocab=True)))
            vocab = self.tokenizer.get_vocab_dict()
            if len(vocab) != self._size:
                self._reverse = {v: k for k, v in vocab.items()}
                self._size = len(vocab)
            reverse = self._reverse
            return [str(reverse[i]) for i in ids]


@lru_cache(maxsize=8)
def _bm25s_tokenizer(protected: frozenset[str]) -> _Bm25sStems:
    from bm25s.tokenization import Tokenizer as Bm25sTokenizer

    def stem(word: str) -> str:
        return word if word in protected or word.isdigit() else _snowball_stem(word)

    # The words arrive normalised and stopword-free; the splitter keeps one-character
    # tokens ("5", "c") that bm25s's default pattern would drop.
    return _Bm25sStems(
        Bm25sTokenizer(lower=False, splitter=r"[a-z0-9]+", stopwords=[], stemmer=stem))


def tokenizer_for(names: Iterable[tuple[str, Sequence[str]]],
                  stemmer: str | None = None) -> Tokenizer:
    """A tokenizer for these names (cached: building one compiles their patterns)."""
    key = tuple((n, tuple(s)) for n, s in names)
    return _tokenizer_cached(key, stemmer or STEMMER)


@lru_cache(maxsize=16)
def _tokenizer_cached(names: tuple[tuple[str, tuple[str, ...]], ...], stemmer: str) -> Tokenizer:
    return Tokenizer(names=names, stemmer=stemmer)


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Overlap of two token sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def passage_context(chunk: Any) -> tuple[str, str]:
    """What to put before and after a chunk's text when indexing or embedding it.

    Before: the section title (passages like "It is not as secure" only make sense under
    their heading) and, for a table row, the row label when the section does not hold it.
    After, for a table row: the column headers, so that a row is found by the technologies
    its cells describe ("Real-time features | Possible with Channels | Excellent ..." is
    about Django, Node.js and Go). Offsets into the text stay valid: the chunk text is
    only ever wrapped, never rewritten.
    """
    section = getattr(chunk, "section", "") or ""
    text = chunk.text
    lead = []
    if section and not text.startswith(section):
        lead.append(section)
    row = getattr(chunk, "row", None)
    if row is not None and row.criterion and row.criterion not in section \
            and not text.startswith(row.criterion):
        lead.append(row.criterion)
    prefix = "".join(f"{x}\n" for x in lead)
    suffix = ""
    if row is not None:
        headers = [name for name, _span in row.cells if name and name.strip()]
        if headers:
            suffix = "\n(" + ", ".join(headers) + ")"
    return prefix, suffix
