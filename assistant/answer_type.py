"""What kind of answer a question expects: names, a person, a year, a number, a language.

"Which companies use X?" is answered by a sentence listing names, "Who created X?" by one
naming a person, "When was X released?" by one holding a year; a quantity question by a
sentence holding its narrow kind of quantity when it asks one (``quantity``: "by how much"
a ratio or difference, "how long" a duration, "how much RAM" an amount with a unit, "what
would I pay" money, "what machine" specs), else any number. The sentence scorer
(``assistant.sentences``) ranks such sentences first and the retriever such passages higher;
the composer says plainly that the articles don't give a year when no passage found holds
one, rather than answering with sentences that only look like an answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: "Which companies use Django?" expects names: the answer type of the question.
ASKS_FOR_NAMES = re.compile(
    r"\b(?:which|what|name|list)\s+(?:[\w-]+\s+){0,3}?(?:companies|company|firms|platforms|products|sites|"
    r"websites|brands|businesses|organi[sz]ations|apps|services)\b(?!['’])|\bwho\s+uses?\b|"
    r"\bused\s+by\b|\bexamples?\s+of\b"
    r"|\b(?:companies|firms|businesses|organi[sz]ations|brands)\s+(?:that|which|who|whose\s+\w+)\s+"
    r"(?:\w+\s+)?(?:use|uses|run|runs|build|builds|rely|relies|depend|depends|chose|picked)\b",
    re.I,
)
#: A list of proper names: "Acme, Globex, and Initech".
NAME_LIST = re.compile(r"\b[A-Z][A-Za-z]+(?:,\s+[A-Z][A-Za-z]+)+,?\s+(?:and|or)\s+[A-Z][A-Za-z]+")
#: "Who created Node.js?" expects a person; "which year" a year; "how many" a number.
ASKS_FOR_PERSON = re.compile(
    r"\bwho\s+(?:\w+\s+)?(?:created|developed|built|made|wrote|invented|founded|designed)\b"
    r"|\bwho\s+(?:is|was|are|were)\s+(?:the\s+)?(?:original\s+|main\s+|first\s+)?"
    r"(?:author|creator|inventor|founder|developer|designer|father)s?\b"
    r"|\bwho\s+(?:came up with|is behind|was behind|started)\b"
    # a yes/no question on the maker ("Was Node.js made by Google?") is answered by the
    # sentence that names who did make it
    r"|^\W*(?:was|were|is|are)\b.*\b(?:created|developed|built|made|written|invented"
    r"|founded|designed)\s+by\b",
    re.I,
)
PERSON = re.compile(r"\bby\s+[A-Z][a-z]+\s+[A-Z][a-z]+")
ASKS_FOR_YEAR = re.compile(
    r"\b(?:which|what)\s+year\b|\bwhen\s+(?:was|were|did)\b"
    # "the date of its first release", "its release date", "how long has X been around?"
    r"|\b(?:date|year)\s+of\s+(?:its|their|the)\s+(?:\w+\s+){0,2}?(?:release|version|launch)\b"
    r"|\brelease\s+date\b|\bhow\s+long\s+ha(?:s|ve)\b[^?]*\bbeen\s+around\b", re.I)
YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
ASKS_FOR_NUMBER = re.compile(
    r"\bhow\s+(?:many|much)\b"
    r"|\bwhat\s+(?:\w+\s+)?(?:throughput|latency|numbers?|figures?|percentage|price|cost|"
    r"rate|score|count|size|share)\b", re.I)
NUMBER = re.compile(r"\d")
#: Quantity questions narrower than "a number": each (what asks for it, what answers it).
#: "By how much did X beat Y?" is answered by a ratio or a difference ("2.5 times as many",
#: "50 percent more", "from 118 ms to 141 ms"), "how long" by a duration, "how much RAM" by
#: an amount with a unit, "what would I pay" by a sum of money, "what machine" by specs.
ASKS_FOR_RATIO = re.compile(
    r"\bby\s+how\s+much\b|\bhow\s+many\s+times\b|\bby\s+what\s+(?:factor|margin|percentage)\b"
    r"|\bhow\s+much\s+(?:faster|slower|more|less|fewer|cheaper|dearer|bigger|smaller|higher|"
    r"lower|better|worse|quicker)\b", re.I)
RATIO = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:(?-i:x)|×|times)(?!\w)|\b(?:twice|double|triple|half)\b"
    r"|\b(?:two|three|four|five|six|ten)\s+times\b|\d\s*(?:%|per\s?cent\b)"
    r"|\bfrom\s+(?:about\s+|roughly\s+|around\s+)?\S*\d[^.;]{0,40}?\bto\s+\S*\d", re.I)
ASKS_FOR_DURATION = re.compile(
    r"\bhow\s+long\b|\bhow\s+quickly\b|\bhow\s+many\s+(?:milliseconds|seconds|minutes|hours|"
    r"days|weeks|months|years)\b", re.I)
DURATION = re.compile(
    r"\b\d+(?:[.,]\d+)?(?:\s*(?:to|-|–)\s*\d+)?\s*(?:ms|milliseconds?|seconds?|secs?|minutes?|"
    r"mins?|hours?|hrs?|days?|weeks?|months?|years?)\b"
    r"|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|"
    r"several|a\s+couple\s+of)\s+(?:hours?|days?|weeks?|months?|years?|afternoons?|"
    r"weekends?)\b|\bday\s+(?:one|two|three)\b|\bovernight\b", re.I)
ASKS_FOR_MEMORY = re.compile(
    r"\bhow\s+much\s+(?:RAM|memory|disk|storage)\b|\b(?:RAM|memory)\s+(?:use|usage|"
    r"footprint|consumption)\b|\b(?:uses?|used|need|needs|takes?)\s+(?:less|more)\s+(?:RAM|"
    r"memory)\b|\bwhat\s+(?:\w+\s+)?(?:RAM|memory)\b", re.I)
#: (not a machine's spec: "a VM with 2 vCPUs and 4 GB of RAM" says what it has, not uses)
MEMORY = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:[KMGT]i?B|kilobytes?|megabytes?|gigabytes?)\b"
                    r"(?!\s+(?:of\s+)?RAM\b)")
ASKS_FOR_MONEY = re.compile(
    r"\bhow\s+much\s+(?:money|\w+\s+(?:\w+\s+){0,3}?(?:cost|costs|pay|paid|spend|spent|"
    r"charge|bill))\b|\bwhat\s+(?:\w+\s+){0,3}?(?:pay|cost|costs|price|bill|budget)\b"
    r"|\bhow\s+expensive\b", re.I)
MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s*(?:dollars|euros|pounds|USD|EUR|GBP)\b")
ASKS_FOR_HARDWARE = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+){0,2}?(?:machines?|hardware|CPUs?|processors?|computers?|"
    r"specs|specifications)\b", re.I)
HARDWARE = re.compile(
    r"\b\d+\s*(?:-?cores?|vCPUs?|CPUs?|threads)\b|\b\d+\s*[GT]B\s+(?:of\s+)?(?:RAM|memory)\b"
    r"|\b(?:Ryzen|Xeon|EPYC|Graviton|Core\s+i\d)\b", re.I)
#: "How well does Django cope with real-time?" asks for a rating: a comparison table's cell
#: for that subject on a row whose label holds a question term ("Real-time features:
#: Possible with Channels, but extra moving parts"; ``assistant.sentences`` checks the row).
ASKS_FOR_RATING = re.compile(
    r"\bhow\s+(?:well|good|bad|badly|strong|mature|easy|hard)\s+(?:is|are|does|do|did|can|"
    r"would|will)\b|\bhow\s+does\s+\S+(?:\s+\S+)?\s+(?:rate|rank|score|fare)\b", re.I)
#: The narrow quantity types, checked in this order (the first that a question asks wins).
QUANTITY_TYPES = ((ASKS_FOR_RATIO, RATIO), (ASKS_FOR_DURATION, DURATION),
                  (ASKS_FOR_MEMORY, MEMORY), (ASKS_FOR_MONEY, MONEY),
                  (ASKS_FOR_HARDWARE, HARDWARE))


def quantity(question: str) -> re.Pattern[str] | None:
    """The pattern of the quantity ``question`` asks for: a narrow type of
    ``QUANTITY_TYPES`` when it asks one ("by how much" -> a ratio), else any number for
    "how many / how much / what throughput", else None."""
    for asks, pattern in QUANTITY_TYPES:
        if asks.search(question):
            return pattern
    return NUMBER if ASKS_FOR_NUMBER.search(question) else None
#: "Which language is X written in?" expects a programming language's name (not "What
#: template language ...", a kind of language of its own).
ASKS_FOR_LANGUAGE = re.compile(
    r"\b(?:which|what)\s+(?:programming\s+)?languages?\s+(?:is|are|do|does|did|can|was|were)\b",
    re.I)
LANGUAGE = re.compile(  # case-sensitive: "Go", not "go along"
    r"\b(?:[Jj]ava[Ss]cript|[Tt]ype[Ss]cript|[Pp]ython|Java|Ruby|PHP|Go|Golang|Rust|C#|"
    r"C\+\+|Kotlin|Scala|Elixir|Perl|Swift)\b")
#: Answer types the composer's shaping (``assistant.shape``) checks on its own.
SHAPE_TYPES = ((ASKS_FOR_LANGUAGE, LANGUAGE),)


def asked_type(question: str) -> re.Pattern[str] | None:
    """The pattern a sentence answering ``question`` matches, for the types of
    ``SHAPE_TYPES`` (the sentence scorer handles names, persons, years and numbers)."""
    return next((pattern for asks, pattern in SHAPE_TYPES if asks.search(question)), None)
#: Answer types narrow enough that a passage pool without one means the articles don't say.
#: Only the year: a person is named in too many shapes ("X created it", "by X") for
#: "no match" to mean "not said".
STRICT_TYPES = ((ASKS_FOR_YEAR, YEAR, "The articles don't give a year for that."),)

#: Each answer type: (what asks for it, what a passage holding one looks like).
ANSWER_TYPES = ((ASKS_FOR_NAMES, NAME_LIST), (ASKS_FOR_PERSON, PERSON),
                (ASKS_FOR_YEAR, YEAR), (ASKS_FOR_NUMBER, NUMBER))


def expected_patterns(question: str) -> list[re.Pattern[str]]:
    """The patterns of the answer types ``question`` asks for (none for most questions)."""
    return [pattern for asks, pattern in ANSWER_TYPES if asks.search(question)]


def unanswered_type(question: str, texts: Iterable[str]) -> str | None:
    """What to say when a year question finds no year in ``texts``, else None.

    "When was the framework first released?" answered with sentences that hold no year
    would look like an answer and be none: the composer says the articles don't give it.
    Numbers, names and persons are left out: "how much more work" is answered in words.
    """
    pool = list(texts)
    for asks, pattern, message in STRICT_TYPES:
        if asks.search(question) and not any(pattern.search(t) for t in pool):
            return message
    return None
