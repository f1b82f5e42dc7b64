"""The names a question uses, read against the corpus (for ``assistant.abstain``).

* ``KNOWN_TECH`` / ``foreign_tech``: technologies and products readers ask about that a
  corpus may lack; a name counts as foreign only when the corpus vocabulary lacks it.
* ``unknown_names``: capitalised words (not sentence-initial) that occur nowhere in the
  corpus; ``source_words``: the words of the articles' titles, publishers and authors.
* ``name_support``: how many passages mention a name, and how much of the question's other
  words the best of them holds ("in passing" when little); every passage of an article
  whose title or lead names a proper name counts as saying it (``assistant.article_subject``).
* ``coordinated`` / ``compared_with`` / ``possessed``: how the question uses a name (beside
  a subject, weighed against something, or asking about the name's own thing).
* ``GENERIC`` / ``STANDING``: question words that say nothing about the topic, and words
  that ask about a thing's standing rather than a feature of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.article_subject import implied_tokens
from assistant.retriever import STOPWORDS, stem, words
from assistant.rewrite import ASPECTS
from assistant.word_family import verb_kin

#: Technologies and products readers ask about that a Django-vs-Node.js corpus may lack.
#: A name counts as foreign only if the corpus vocabulary does not contain it.
KNOWN_TECH: dict[str, str] = {
    "laravel": "Laravel", "rails": "Ruby on Rails", "ruby": "Ruby", "flask": "Flask",
    "spring": "Spring", "springboot": "Spring Boot", "hibernate": "Hibernate",
    "symfony": "Symfony", "php": "PHP", "asp": "ASP.NET", "aspnet": "ASP.NET",
    "dotnet": ".NET", "csharp": "C#", "java": "Java", "kotlin": "Kotlin", "golang": "Go",
    "goroutine": "Go", "goroutines": "Go", "gin": "Gin", "rust": "Rust", "actix": "Actix",
    "elixir": "Elixir", "phoenix": "Phoenix", "deno": "Deno", "bun": "Bun",
    "express": "Express", "expressjs": "Express", "nestjs": "NestJS", "koa": "Koa",
    "fastify": "Fastify", "nextjs": "Next.js", "nuxt": "Nuxt", "svelte": "Svelte",
    "vue": "Vue", "vuejs": "Vue", "ember": "Ember", "jquery": "jQuery", "flutter": "Flutter",
    "swift": "Swift", "kubernetes": "Kubernetes", "docker": "Docker", "terraform": "Terraform",
    "aws": "AWS", "azure": "Azure", "gcp": "Google Cloud", "heroku": "Heroku",
    "mongodb": "MongoDB", "postgres": "PostgreSQL", "postgresql": "PostgreSQL",
    "mysql": "MySQL", "redis": "Redis", "graphql": "GraphQL", "tornado": "Tornado",
    "pyramid": "Pyramid", "bottle": "Bottle", "sanic": "Sanic", "celery": "Celery",
    "wordpress": "WordPress", "drupal": "Drupal", "typescript": "TypeScript",
    "webassembly": "WebAssembly", "perl": "Perl", "scala": "Scala", "haskell": "Haskell",
    "tensorflow": "TensorFlow", "pytorch": "PyTorch", "blockchain": "blockchain",
    "react": "React", "reactjs": "React", "angularjs": "AngularJS", "solidjs": "Solid",
}
_TECH_SPELLINGS = (
    (re.compile(r"\basp\.net\b", re.I), " aspnet "),
    (re.compile(r"\.net\b", re.I), " dotnet "),
    (re.compile(r"\bc#", re.I), " csharp "),
    (re.compile(r"\bspring\s+boot\b", re.I), " springboot "),
    (re.compile(r"\bexpress\.js\b", re.I), " expressjs "),
    (re.compile(r"\bnext\.js\b", re.I), " nextjs "),
    (re.compile(r"\bvue\.js\b", re.I), " vuejs "),
    (re.compile(r"\breact(?:\.js|js|[- ]native)\b", re.I), " reactjs "),
    (re.compile(r"\bgo\s+(?:lang|language)\b|\bgo's\b", re.I), " golang "),
)

#: Question words that say nothing about the topic (beyond the retriever's stopwords).
GENERIC = frozenset(
    stem(w)
    for w in """
    good bad best better worse use used using uses choose choice pick need want like
    make makes work works help helps happen happened happens main kind kinds type types
    lot lots many much thing today now people someone anyone home way difference team teams
    different ok okay hello hi thanks thank please answer question questions
    essay essays piece pieces post posts blog tutorial guide newsletter writeup
    """.split()  # noqa: SIM905 - a word list reads better as text
)
#: Words that ask about a thing's standing, not a feature of it ("Socket.IO's role",
#: "Gin's strengths"): the articles answer those in other words.
STANDING = frozenset(
    stem(w)
    for w in """
    role roles purpose place part job point story approach future idea philosophy
    strength strengths weakness weaknesses advantage advantages disadvantage disadvantages
    pros cons benefit benefits drawback drawbacks downside downsides upside upsides
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z]+|[A-Z]{2,})\b")


def foreign_tech(question: str, vocabulary: frozenset[str]) -> list[str]:
    text = question
    for pattern, repl in _TECH_SPELLINGS:
        text = pattern.sub(repl, text)
    found: list[str] = []
    for w in words(text):
        name = KNOWN_TECH.get(w)
        if name and w not in vocabulary and name not in found:
            found.append(name)
    return found


def spellings(name: str) -> list[str]:
    """``name`` and the words ``KNOWN_TECH`` reads as it ("Ruby on Rails": ruby, rails)."""
    return [name, *(w for w, display in KNOWN_TECH.items() if display == name)]


def unknown_names(question: str, vocabulary: frozenset[str], subjects: Any) -> list[str]:
    """Capitalised words (not sentence-initial) that occur nowhere in the corpus."""
    out = []
    for m in _CAPITALISED.finditer(question.strip()):
        word = m.group(1)
        low = word.lower()
        if low in vocabulary or low in STOPWORDS or subjects.find_subjects(word):
            continue
        out.append(word)
    return out


def source_words(idx: Any) -> frozenset[str]:
    """Words of the articles' titles, publishers and authors ("the Javatpoint tutorial")."""
    key = ("source-words",)
    got = idx.memo.get(key)
    if got is None:
        got = frozenset(
            w for meta in idx.metas.values()
            for w in words(" ".join(str(getattr(meta, f, "") or "")
                                    for f in ("title", "publisher", "author")))
        )
        idx.memo[key] = got
    return frozenset(got)


def name_support(name: str, topical: list[str], idx: Any, tok: Any) -> tuple[int, float]:
    """How many passages mention ``name``, and the best share of the question's other
    content words (``topical``) that one of them holds. A passage of an article whose
    title or lead names a proper name says that name (``assistant.article_subject``: the
    company an interview is about is the topic of all its passages)."""
    import numpy as np

    ntoks = set(tok.tokens(name))
    if not ntoks:
        return -1, 1.0
    implied = implied_tokens(idx, tok)
    key = ("name-passages", name.lower())
    where = idx.memo.get(key)
    if where is None:
        # the stem alone may be another word ("Ledgerly" stems to "ledger", which a passage
        # on a ledger database holds): a passage says the name when it spells it, or when
        # its article's lead names it
        spelt = re.compile(rf"(?<![\w-]){re.escape(name)}" if " " not in name else "", re.I)
        where = [i for i, ct in enumerate(idx.chunk_tokens) if ntoks <= ct | implied[i]
                 and (ntoks <= implied[i] or spelt.search(idx.chunks[i].text))]
        idx.memo[key] = where
    other = [t for t in topical if t not in ntoks]
    if not where:
        return 0, 0.0
    if not other:
        return len(where), 1.0
    kin = verb_kin(other, idx.vocabulary, idx.memo)  # "spend" is said by a passage's "spent"
    best = max(float(np.mean([not kin[t].isdisjoint(idx.chunk_tokens[i])
                              or not kin[t].isdisjoint(implied[i]) for t in other]))
               for i in where)
    return len(where), best


#: An initialism ("DX", "TCO", "SLA"): letters only, all capitals, two to five of them.
_INITIALISM = re.compile(r"[A-Z]{2,5}s?")


def abbreviation(name: str) -> bool:
    """Whether ``name`` is an initialism that no list knows as a product (KNOWN_TECH)."""
    return bool(_INITIALISM.fullmatch(name)) and name.lower().rstrip("s") not in KNOWN_TECH \
        and name.lower() not in KNOWN_TECH


_COMPARED = (r"(?:than|vs\.?|versus|over|instead\s+of|or|against"
             r"|compar(?:e|es|ed|ing)\s+(?:to|with))")


def coordinated(question: str, name: str) -> bool:
    """Whether ``name`` is joined to the rest by "and" or a comma ("How do Django and
    Quarkus handle sessions?"): then the question has a part without it."""
    n = re.escape(name)
    return bool(re.search(rf"(?:,|\band\b|&)\s+{n}\b|\b{n}(?:'s)?\s*(?:,|\band\b|&)",
                          question, re.I))


def compared_with(question: str, name: str) -> bool:
    """Whether the question compares something with ``name`` ("faster than Quarkus",
    "Quarkus or Django", "FastAPI over Django")."""
    n = re.escape(name)
    return bool(
        re.search(rf"\b{_COMPARED}\s+(?:[\w.']+\s+){{0,2}}{n}\b", question, re.I)
        or re.search(rf"\b{n}(?:'s)?\s+(?:[\w.']+\s+){{0,3}}{_COMPARED}\b", question, re.I)
    )


#: Do-support before a possessive ("What does ...", "How did ...") and the end of its
#: clause after the possessed words: punctuation, the end, or a word opening another clause.
_DO_SUPPORT = re.compile(r"\b(?:do|does|did|can|could|will|would|should|might|must)\b", re.I)
_CLAUSE_END = re.compile(r"\s*(?:[?.!,;:]|$|(?:when|if|by|about|of|at|like|with|to|in|on|for"
                         r"|that|as|because|while|after|before|during|than)\b)", re.I)


def possessed(question: str, name: str, tok: Any) -> list[str]:
    """The content tokens of what the question asks about ``name``'s own thing: the (up
    to two) words after its possessive ("Fastify's plugin system" -> plugin, system);
    empty when the question has no such possessive."""
    m = re.search(rf"\b{re.escape(name)}['’]s\s+([\w-]+(?:\s+[\w-]+)?)", question, re.I)
    if not m or any(pattern.search(m.group(1)) for _n, pattern in ASPECTS.values()):
        return []  # an aspect the articles compare ("Gin's performance"), said in their words
    owned = m.group(1).split()
    if len(owned) == 2 and _DO_SUPPORT.search(question[: m.start()]) \
            and _CLAUSE_END.match(question[m.end():]):
        # "What does X's CTO mean when ...": after do-support the clause's last word is
        # its bare verb, not part of what X owns ("How does X's plugin system work?")
        owned = owned[:1]
    out: list[str] = []
    for w in owned:
        if w.lower() in STOPWORDS:
            break
        out.extend(t for t in tok.tokens(w) if t not in GENERIC and t not in STANDING)
    return out


def inside_other(question: str, name: str, others: Sequence[str]) -> bool:
    """Whether every mention of ``name`` in the question lies inside a mention of another
    of ``others`` ("C" in "C#", "Spring" in "Spring Boot"): then it is a part of that name,
    not a name of its own, and a decline must not list it beside the whole."""
    def spans(n: str) -> list[tuple[int, int]]:
        return [m.span() for m in re.finditer(rf"(?<![\w.#+]){re.escape(n)}(?![\w#+]|\.\w)",
                                              question, re.I)]

    own = [m.span() for m in re.finditer(rf"(?<![\w.]){re.escape(name)}(?!\w|\.\w)",
                                         question, re.I)]
    wholes = [s for o in others if o != name and len(o) > len(name) for s in spans(o)]
    return bool(own) and bool(wholes) and all(
        any(a <= s < e <= b for a, b in wholes) for s, e in own)


#: A possessive's part asked in words of the question's own ("Fastify's worst
#: one-in-a-hundred response times" for its p99) is the name's when a passage naming it is
#: at least this close to the question in meaning (cosine) and gives a figure. The name is
#: the topic, the rest is paraphrase; measured on hand-written possessives
#: (``tests/data/third_tech_probe.jsonl`` -t half): figures asked in other words 0.56-0.60,
#: parts no passage gives ("Gin's middleware chaining", "Prisma's query engine") 0.23-0.50.
NAMED_DENSE = 0.55
_FIGURE = re.compile(r"\d")
#: "How do I configure X's ...", "How does X's ... work?": a procedure, not a figure.
_PROCEDURE = re.compile(r"^\W*how\s+(?:do|does|did|can|could|should|would|will|to)\b",
                        re.I)


def figure_close(question: str, name: str, retrieval: Any) -> bool:
    """Whether a retrieved passage that names ``name`` is close to the question in meaning
    (``NAMED_DENSE``) and holds a figure: a measure of the name asked in other words. A
    question asking how to do something asks a procedure, which no figure answers."""
    if _PROCEDURE.search(question):
        return False
    own = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w]|\.\w)", re.I)
    texts = {c.chunk_id: c.text for c in retrieval.index.chunks}
    return any(score >= NAMED_DENSE and cid in texts and own.search(texts[cid])
               and _FIGURE.search(texts[cid]) for cid, score in retrieval.dense)


def measured(question: str, name: str) -> bool:
    """Whether the question asks an amount of ``name`` ("how much RAM", "how many GB"): the
    name is the measure asked, not a product mentioned in passing."""
    return re.search(rf"\bhow\s+(?:much|many)\s+{re.escape(name)}(?![\w])", question,
                     re.I) is not None
