"""Does the corpus cover a question? Decided from several signals, not one threshold.

One similarity threshold cannot work here: "How does Laravel compare to Rails?" sits close
to web-framework prose in embedding space (cosine ~0.5, like many real questions), while a
real question phrased in words the articles never use can score lower. So the decision
combines evidence of different kinds:

1. **Instructions**: "ignore your previous instructions", "reveal your system prompt" are
   not questions about the articles; answering them is never grounded.
2. **Foreign names**: the question names a technology (Laravel, Flask, Spring) or a proper
   noun (Paris, FIFA) that appears nowhere in the corpus. The check is against the live
   corpus vocabulary, so an article about Laravel added later makes Laravel covered.
3. **Lexical evidence**: how many of the question's content words occur in the corpus.
4. **Dense evidence**: the best cosine similarity of a passage to the question.

Names of the two subjects count as strong evidence of topicality; the other signals then
decide whether the question asks something the articles talk about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.retriever import STOPWORDS, Retrieval, stem, words
from assistant.rewrite import find_subjects

#: Below this best-passage cosine nothing in the corpus is about the question.
DENSE_FLOOR = 0.25
#: A BM25 score this high on a question whose every content word is in the corpus is
#: lexical evidence strong enough to overrule a low dense score (MiniLM scores meta
#: questions like "Do the articles name a clear winner?" under 0.2).
BM25_STRONG = 1.5
#: Below this, a question that names neither subject needs lexical support to be answered.
DENSE_TOPICAL = 0.45
#: Fraction of content words that must occur in the corpus for an off-subject question.
LEXICAL_MIN = 0.6

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

_INJECTION = (
    re.compile(
        r"\b(?:ignore|disregard|forget|override|bypass|skip)\b.{0,40}?"
        r"\b(?:instructions?|rules?|prompts?|guidelines|articles?|context|sources?|"
        r"above|previous|everything)\b",
        re.I | re.S,
    ),
    re.compile(r"\bsystem\s+prompt\b|\bdeveloper\s+mode\b|\bjailbreak\w*\b", re.I),
    re.compile(r"\byou\s+are\s+now\b|\bact\s+as\s+(?:a|an|my)\b|\bpretend\s+(?:to|you)\b", re.I),
    re.compile(r"\breveal\b.{0,30}\b(?:prompt|instructions|rules)\b", re.I | re.S),
)

#: Question words that say nothing about the topic (beyond the retriever's stopwords).
_GENERIC = frozenset(
    stem(w)
    for w in """
    good bad best better worse use used using uses choose choice pick need want like
    make makes work works help helps happen happened happens main kind kinds type types
    lot lots many much thing today now people someone anyone home way difference
    different ok okay hello hi thanks thank please answer question questions
    """.split()  # noqa: SIM905 - a word list reads better as text
)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-zA-Z]+|[A-Z]{2,})\b")


@dataclass(frozen=True)
class Coverage:
    """Whether the articles cover a question, and why.

    Attributes:
        covered: False means: answer that the articles don't say, with no citations.
        reason: ``covered``, ``instructions``, ``foreign-name``, ``off-topic`` or ``empty``.
        message: The reply to give when not covered.
        signals: The measurements the decision used (shown in debugging and the eval).
    """

    covered: bool
    reason: str
    message: str = ""
    signals: dict[str, Any] = field(default_factory=dict)


def _foreign_tech(question: str, vocabulary: frozenset[str]) -> list[str]:
    text = question
    for pattern, repl in _TECH_SPELLINGS:
        text = pattern.sub(repl, text)
    found: list[str] = []
    for w in words(text):
        name = KNOWN_TECH.get(w)
        if name and w not in vocabulary and name not in found:
            found.append(name)
    return found


def _unknown_names(question: str, vocabulary: frozenset[str]) -> list[str]:
    """Capitalised words (not sentence-initial) that occur nowhere in the corpus."""
    out = []
    for m in _CAPITALISED.finditer(question.strip()):
        word = m.group(1)
        low = word.lower()
        if low in vocabulary or low in STOPWORDS or find_subjects(word):
            continue
        out.append(word)
    return out


def is_instruction(question: str) -> bool:
    """Whether the text tries to give the assistant instructions instead of asking."""
    return any(p.search(question) for p in _INJECTION)


def assess(question: str, retrieval: Retrieval) -> Coverage:
    """Decide whether the corpus covers ``question`` (its standalone form).

    Args:
        question: The standalone question.
        retrieval: The retrieval for it (dense top score, query tokens, corpus index).
    """
    idx = retrieval.index
    vocab_raw = idx.raw_vocabulary
    subjects = find_subjects(question)
    content = [t for t in retrieval.query_tokens if t not in _GENERIC]
    topical = [t for t in content if t not in {"django", "nodej", "nodejs", "node"}]
    known = [t for t in topical if t in idx.vocabulary]
    lexical = len(known) / len(topical) if topical else (1.0 if subjects else 0.0)
    foreign = _foreign_tech(question, vocab_raw)
    unknown = _unknown_names(question, vocab_raw)
    signals: dict[str, Any] = {
        "dense_top": round(retrieval.dense_top, 4),
        "bm25_top": round(retrieval.bm25_top, 4),
        "lexical": round(lexical, 3),
        "subjects": list(subjects),
        "foreign": foreign,
        "unknown_names": unknown,
    }

    def no(reason: str, message: str) -> Coverage:
        return Coverage(False, reason, message, signals)

    if idx.empty:
        return no("empty", "The knowledge base is empty: ingest the articles first "
                  "(`versus ingest`).")
    if is_instruction(question):
        return no(
            "instructions",
            "I can only answer questions about what the articles say about Django and "
            "Node.js; the articles don't say anything about that request.",
        )
    if foreign:
        names = ", ".join(foreign)
        return no(
            "foreign-name",
            f"The articles don't say: they compare Django and Node.js and do not cover {names}.",
        )
    if not content and not subjects:
        return no("off-topic", "The articles don't say anything about that.")
    strong_lexical = lexical >= 0.99 and retrieval.bm25_top >= BM25_STRONG
    if retrieval.dense_top < DENSE_FLOOR and not strong_lexical:
        return no("off-topic", "The articles don't say anything about that.")
    if not subjects:
        if unknown and retrieval.dense_top < DENSE_TOPICAL + 0.1:
            return no(
                "foreign-name",
                f"The articles don't say anything about {', '.join(unknown)}.",
            )
        if lexical < LEXICAL_MIN and retrieval.dense_top < DENSE_TOPICAL:
            return no("off-topic", "The articles don't say anything about that.")
    elif topical and lexical <= 0.5 and retrieval.dense_top < DENSE_TOPICAL:
        return no("off-topic", "The articles don't say anything about that.")
    return Coverage(True, "covered", "", signals)
