"""What shape of answer a question wants: its intent.

``classify_intent(question, subjects)`` returns an ``Intent``:

* ``better``: which is better / which for X / is A more Y than B: a verdict line, then the
  reasons per side.
* ``when``: when to choose which: conditions per side. About one subject ("When is Django
  the wrong choice?", "When should I reach for Node.js?") it asks for that subject's
  conditions of one polarity (``Intent.asked``: -1 for "wrong choice", "avoid", "not
  use"; +1 otherwise): the answer is that subject's pros or cons, conditions first.
* ``definition``: what is X / what exactly is X / what does X mean / explain (tell me)
  what X is / what kind of tool is X / what is X, in a nutshell (in Node.js) / explain X /
  what does X actually do / what is meant by X / what do people mean when they call X
  Y / what does it mean that X ... (a property or a claim explained).
* ``list``: who uses it, which companies, which tools, examples, kinds of apps.
* ``pros`` / ``cons``: the advantages or the drawbacks of one subject (only that polarity).
* ``fact``: everything else (who, when, how many, yes/no), and what got better or worse
  after an event ("What got better when they replayed the sale?", ``assistant.change``):
  its improvements are the answer, not which side is better.

Follow-ups are classified on their standalone rewrite (the chain rewrites first), so "And
its drawbacks?" after a Django question is ``cons``. A rewrite that keeps the earlier
question beside the new one ("How well does Django cope with that kind of thing (Which is
best for live features?)?", ``assistant.rewrite``) is classified on the new question's own
words: the earlier one is its topic, not its shape. The rules read the question's shape
(interrogative, comparative forms, polarity nouns), never an article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from assistant.change import asked_change
from assistant.lead_change import asks_change
from assistant.what_about import what_about

#: "... the wrong choice", "... a good idea", "... the better option": a choice's fitness.
_FIT_WORDS = (r"(?:(?:wrong|right|good|bad|poor|better|best|worse|worst|ideal|great|smart|"
              r"sensible|wise)(?:\s+\w+)?\s+(?:choice|fit|call|idea|option|tool|pick|"
              r"bet|match)|(?:a )?(?:mistake|overkill))\b")
IntentKind = Literal["better", "when", "definition", "list", "pros", "cons", "fact"]

_WHEN = re.compile(
    r"\bwhen\s+(?:should(?:n['’]t)?|would(?:n['’]t)?|do(?:n['’]t)?|does(?:n['’]t)?|is it|to|"
    r"must|might|could|can(?:['’]t)?)(?!\w).*\b(?:choos(?:e|ing)|pick(?:ing)?|us(?:e|ing)|"
    r"go(?:ing)? with|prefer|select(?:ing)?|opt|opting|consider|adopt(?:ing)?|"
    r"switch(?:ing)?|avoid(?:ing)?|skip|steer clear|stay away|reach for|make (?:more )?sense|"
    r"(?:go|opt|start|stick|stay)(?:ing)? (?:for|with)|stay(?:ing)? on)\b"
    r"|\bright (?:choice|tool|pick)\b.*\binstead\b"
    # "When is Django the wrong choice?", "When would Node.js be a good idea?", "When is
    # Django the clear pick over Node?" (any one word before a choice noun after "the")
    r"|\bwhen\s+(?:is|are|would|will|might|could|does|do)\b.*(?:\b" + _FIT_WORDS +
    r"|\b(?:the|a|an)\s+\w+\s+(?:choice|pick|option|winner|bet|fit)\b"
    r"|\b(?:recommended|preferable|preferred)\b)"
    r"|\bfor (?:what|which) (?:kinds? |sorts? |types? )?(?:of )?(?:projects?|apps?|"
    r"applications?|products?|teams?|use cases?)\b.*\b(?:should|would)\b"
    r".*\b(?:instead of|rather than|over)\b",
    re.I,
)
#: "In what cases / under which circumstances ...": a when-to-choose question unless the
#: clause after it tells of a past event ("In what cases did she regret Channels?", "In which
#: circumstances did the setup start dropping connections?"): that asks what happened, a
#: fact answered by what an article says of it, not by each side's conditions.
_CASES = re.compile(r"\b(?:what|which) (?:situations?|cases?|circumstances|scenarios?|"
                    r"conditions)\b(?P<rest>.*)", re.I)
_PAST = re.compile(r"^\W*(?:did|was|were|had)\b", re.I)


def _asks_cases(q: str) -> bool:
    """Whether an "in what cases ..." question asks when to choose (``_CASES``)."""
    m = _CASES.search(q)
    if m is None:
        return False
    return not _PAST.search(m.group("rest"))


#: A when-question asking when a subject is the WRONG choice: its cons are the conditions.
_WRONG = re.compile(
    r"\b(?:wrong|bad|poor|worse|worst|unsuitable|unwise|mistake|overkill|avoid\w*|skip|"
    r"steer clear|stay away|not (?:use|pick|choose|go with)|(?:shouldn['’]t|should not|"
    r"wouldn['’]t|would not|don['’]t|do not) (?:\w+ ){0,2}(?:use|pick|choose|go with)|"
    r"not (?:a |the )?(?:good|right|best|ideal|great)|never)\b",
    re.I,
)
_BETTER = re.compile(
    r"\b(?:better|best|worse|worst|prefer\w*|recommend\w*|superior|winner|wins?)\b"
    r"|\b\w+er\s+than\b|\b(?:more|less)\s+\w+(?:\s+\w+)?\s+than\b"
    r"|\bwhich\s+(?:one|of (?:the|them|these)|framework|technology|tool|is|has|scales|"
    r"performs|offers|gives|lets|should|would|protects|handles|runs)\b"
    r"|\b(?:should|would|do) (?:i|we|you) (?:pick|choose|use|go with|select)\b"
    r"|\bvs\.?\b|\bversus\b|\b\w+ or \w+(?:\.js)?\s*[:?,]",
    re.I,
)
_CONS = re.compile(
    r"\b(?:dis-?advantages?|cons|drawbacks?|downsides?|weakness\w*|limitations?|shortcomings?|"
    r"pitfalls?|problems?|issues|risks?|dangers?|hazards?|negatives?|flaws?|criticism\w*|"
    r"bad about|wrong with|"
    r"struggle\w*|pain points?|weak (?:points?|spots?)|fall(?:s|ing)? short|"
    r"(?:comes?|came|coming) up short|lack\w*)\b"
    r"|\bwhat makes .* (?:hard|harder|difficult|tricky|risky|painful)\b"
    r"|\bwhy\b.*\b(?:avoid|steer clear|stay away|think twice|hesitate|wary)\b"
    r"|\breasons? (?:to|for) (?:avoid|not)\b",
    re.I,
)
_PROS = re.compile(
    r"\b(?:advantages?|pros|benefits?|strengths?|strong points?|upsides?|positives?|"
    r"good about|great about|attractive|appeal\w*|why (?:use|choose|pick)|merits?|"
    r"plus(?:es| points?)|why (?:do|would|should) (?:\w+ )?(?:like|love|use|choose|pick|prefer)|"
    r"what makes .* (?:good|great|popular|attractive))\b"
    r"|\bwhy\b.*\b(?:cheaper|easier|simpler|quicker)\b",
    re.I,
)
_LIST = re.compile(
    r"\b(?:which|what|name|list)\s+(?:some\s+|the\s+|a few\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:companies|company|firms|platforms|products|sites|websites|brands|businesses|"
    r"organi[sz]ations|apps|applications|services|tools|libraries|packages|modules|features|"
    r"kinds|types|examples|criteria|aspects|factors|dimensions|metrics|parameters)\b"
    r"|\bwho\s+(?:is\s+|are\s+)?us(?:es|e|ing)\b|\bused\s+by\b|\bexamples?\s+of\b|^list\b|"
    r"\bname (?:some|a few)\b|\bpowered by\b",
    re.I,
)
_DEFINITION = re.compile(
    r"^(?:so,?\s+)?what(?:(?:'s| is| are)\s+(?:exactly\s+|actually\s+)?"
    r"|\s+(?:exactly|actually)\s+(?:is|are)\s+)(?:a |an |the )?"
    r"[\w.+/'’-]+(?:\s+[\w.+/'’-]+){0,2}"
    # "..., in a nutshell?", "... in Node.js?", "..., as used in Django?"
    r"(?:,?\s+(?:in (?:a nutshell|short|brief|plain (?:words|english|terms)|simple terms)"
    r"|in [\w.]+)|,\s+as (?:used|found|meant) in [\w. ]+)?\s*[?.]?$"
    # "What do people mean when they call Django versatile?", "What's meant by ...?",
    # "What does it mean that Node.js doesn't buffer data?"
    r"|\bwhat\s+(?:do|does|did)\s+(?:[\w'’.-]+\s+){1,5}mean\s+(?:when|by|if)\b"
    r"|\bwhat\s+does\s+it\s+mean\s+(?:that|when|if|for|to)\b"
    r"|\bwhat(?:'s|’s|\s+is|\s+are)\s+meant\s+(?:by|with)\b"
    # "What does Node.js actually do?"
    r"|^(?:so,?\s+)?what\s+(?:does|do)\s+[\w.+/'’-]+(?:\s+[\w.+/'’-]+)?\s+"
    r"(?:actually\s+|really\s+|even\s+|exactly\s+)?do\s*[?.]?$"
    # "Explain non-blocking I/O in Node.js." (not "explain why / how / the difference")
    r"|^(?:please\s+)?(?:(?:could|can|would) you\s+)?explain\s+(?!(?:what|why|how|whether|if|"
    r"when|which|who|where|the differences?|the pros|the cons)\b)"
    r"|\bwhat does\s+.+\s+(?:mean|stand for)\b|^define\b|\bdefinition of\b|\bmeaning of\b"
    r"|^(?:please\s+)?(?:(?:could|can|would) you\s+)?(?:explain|tell me|describe)\s+what\s+"
    r".+\s+(?:is|are|means)\b"
    r"|^(?:(?:could|can|would) you\s+)?define\b"
    r"|^what (?:sort|kind|type) of (?:a |an )?(?:thing|tool|technology|software|product|"
    r"framework|platform|runtime|library|project)\s+(?:is|are)\b",
    re.I,
)


@dataclass(frozen=True)
class Intent:
    """The shape an answer should take.

    Attributes:
        kind: One of ``IntentKind``.
        asked: For a ``when`` question about one subject, the polarity of the conditions
            asked for (+1 when it is the right choice, -1 when the wrong one); 0 for one
            about both subjects, which weighs them (``comparative``).
    """

    kind: IntentKind
    asked: int = 0

    @property
    def comparative(self) -> bool:
        """``better``, and ``when`` about both subjects (or none)."""
        return self.kind == "better" or (self.kind == "when" and not self.asked)

    @property
    def polarity(self) -> int:
        """+1 for pros, -1 for cons, a one-subject when-question's ``asked`` polarity (its
        pros or its cons are the conditions), 0 otherwise."""
        if self.kind == "when":
            return self.asked
        return {"pros": 1, "cons": -1}.get(self.kind, 0)


def classify_intent(question: str, subjects: Sequence[str] = ()) -> Intent:
    """The intent of a standalone ``question`` about ``subjects`` (from the rewrite)."""
    q = own_words(" ".join(question.split()))
    both = len(set(subjects)) > 1
    if asked_change(q):  # "what got better after the move?": a fact, not a verdict
        return Intent("fact")
    if asks_change(q):  # "has Node's lead widened or narrowed?" (``assistant.lead_change``)
        return Intent("fact")
    said = _TRAILING.match(q)
    if said is not None:  # "<statement>. Which one?": the statement's own shape
        return classify_intent(said.group("statement"), subjects)
    if what_about(q):  # "What was harder about X than Y?": the things, not a side
        return Intent("fact")
    if _WHEN.search(q) or _asks_cases(q):
        if len(set(subjects)) != 1:
            return Intent("when")
        return Intent("when", -1 if _WRONG.search(q) else 1)
    # Polarity first: "What are the cons of choosing Node.js for a large project?" is a
    # cons question even though it names a use.
    if both_polarities(q) and not _BETTER.search(q):
        return Intent("fact")  # "a strength or a weakness?": what each source says, no side
    if not both or not _BETTER.search(q):
        if _CONS.search(q):
            return Intent("cons")
        if _PROS.search(q):
            return Intent("pros")
    if _LIST.search(q) and (not both or (_ASPECTS.search(q) and not _BETTER.search(q))):
        return Intent("list")
    if _BETTER.search(q) and (both or len(set(subjects)) == 0 or _THAN.search(q)):
        return Intent("better")
    if _weighs(q, subjects):
        return Intent("better")
    if both and _COMPARATIVE_FORM.search(q):
        return Intent("better")
    if both and re.search(r"\b(?:differ\w*|compare\w*|comparison)\b", q, re.I):
        return Intent("better")
    if _DEFINITION.search(q):
        return Intent("definition")
    return Intent("fact")


#: What may stand between two offered alternatives: "a strength or a weakness", "pros and
#: cons", "an advantage or rather a drawback" (at most two words on either side of the joint).
_ALTERNATIVE = re.compile(r"^\W*(?:[\w'-]+\W+){0,2}?(?:or|and|vs|versus)\W+(?:[\w'-]+\W+){0,2}?$",
                          re.I)


def both_polarities(question: str) -> bool:
    """Whether ``question`` offers both polarities as alternatives ("a strength or a
    weakness?", "the pros and cons"): it asks for both views, so neither is its answer's
    only polarity. A drawback word elsewhere in the question ("what do teams that lack
    experience gain?") is no such offer: only the two joined by "or" / "and" are."""
    marks = sorted([(m.start(), m.end()) for m in _CONS.finditer(question)]
                   + [(m.start(), m.end()) for m in _PROS.finditer(question)])
    cons = {m.start() for m in _CONS.finditer(question)}
    return any((a[0] in cons) != (b[0] in cons) and _ALTERNATIVE.match(question[a[1]:b[0]])
               for a, b in pairwise(marks))


def asks_no_sides(question: str) -> bool:
    """Whether ``question`` is a fact question whose words only look like a comparison:
    a change over time ("has Node's lead widened or narrowed?") or a statement followed by
    a bare "Which one?", or what was harder about one thing than the other
    (``assistant.what_about``). Its answer is the sentences that say it, not a side per
    label; nor does an "in what cases ..." question about a past event (``_CASES``)."""
    q = own_words(" ".join(question.split()))
    return (asks_change(q) or bool(_TRAILING.match(q)) or what_about(q)
            or (bool(_CASES.search(q)) and not _asks_cases(q)))


_THAN = re.compile(r"\bthan\b", re.I)
#: A statement followed by a bare wh-question that only points back into it ("Routewise
#: keeps its planning in Python because of one toolkit. Which one?", "... What was it?"):
#: the question asks the thing the statement names, so the statement's words give the
#: shape; "which one" there is no choice between the subjects (review 16's g26).
_TRAILING = re.compile(
    r"^(?P<statement>[^?]*\w[^?]*[.!])\s+(?:which(?:\s+ones?)?|who|whom|whose|what|where|when)"
    r"(?:\s+(?:was|is|were|are|did|does)\s+(?:it|that|this|they|he|she))?\s*\?\s*$", re.I)
#: A follow-up rewritten with the earlier question as its topic in brackets: "<new> (<earlier
#: question>)?". A bracket of a few words is an aspect ("(disadvantages)") and stays.
_TOPIC_BRACKET = re.compile(r"^(?P<own>.*\S)\s+\((?P<topic>[^()]+)\)\s*\??$")
TOPIC_WORDS = 4


def own_words(question: str) -> str:
    """``question`` without an earlier question the rewrite copied beside it in brackets
    (more than ``TOPIC_WORDS`` words), with its question mark; unchanged otherwise."""
    m = _TOPIC_BRACKET.match(question)
    if m is None or len(m.group("topic").split()) <= TOPIC_WORDS:
        return question
    return m.group("own").rstrip("?.! ") + "?"
#: A question for the list of points of comparison ("What criteria are used to compare
#: A and B?") asks for a list, not a verdict, even though it names both subjects.
_ASPECTS = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+)?(?:criteria|aspects|factors|dimensions|areas|metrics|"
    r"parameters)\b", re.I)
#: Comparative forms that make a question naming both subjects a "which is better" one.
_COMPARATIVE_FORM = re.compile(
    r"\b(?:more|less|fewer)\s+\w+|\b(?:bigger|larger|smaller|faster|slower|easier|harder|"
    r"cheaper|safer|simpler|newer|older|higher|lower|greater|stronger|quicker|wider)\b",
    re.I,
)


#: Superlatives: "which ... gets me there fastest", "the least boilerplate". A word ending
#: in -est counts unless it is one of the common words that only look like one.
_SUPERLATIVE = re.compile(r"\b(?:most|least|fewest|\w{2,}est)\b", re.I)
_NOT_SUPERLATIVE = frozenset({
    "test", "latest", "request", "interest", "suggest", "honest", "digest", "manifest",
    "contest", "protest", "invest", "harvest", "forest", "rest", "quest", "guest", "arrest",
    "modest", "attest", "ingest", "nest", "west", "chest", "pest", "unrest", "conquest",
})
_ASKS_WHICH = re.compile(r"\b(?:which|who|what)\b", re.I)
_WHICH = re.compile(r"\bwhich\b", re.I)
#: Comparison idioms: "how do they stack up", "fare against", "compare on".
_COMPARE_VERB = re.compile(
    r"\b(?:stacks?|stacked|measures?|measured|matche?s?|lines?) up\b"
    r"|\b(?:fares?|holds? up|goes|go|went) (?:against|up against|head[- ]to[- ]head)\b"
    r"|\bhow (?:do|does|did|would|will)\b.*\bcompare[sd]?\b"
    r"|\bcompared? (?:with|to)\b|\bin comparison (?:with|to)\b",
    re.I,
)
#: A choice between named options: "Django or Node.js", "of Django, Express or Laravel".
_OR = re.compile(r"\bor\b", re.I)
#: Several technologies at once: "the three frameworks", "the two", "all three".
_SEVERAL = re.compile(
    r"\b(?:the|these|those|all|both)\s+(?:two|three|four|2|3|4)\b"
    r"|\b(?:out of|of|between|among)\s+(?:the\s+)?(?:two|three|four|them|these)\b"
    r"|\bthese (?:frameworks|technologies|stacks|tools|options)\b",
    re.I,
)
#: Suitability of one subject for a purpose: "is X a good fit for ...", "suitable for".
_SUITABILITY = re.compile(
    r"\b(?:good|great|right|sensible|wise|smart|poor|bad|solid|reasonable)\s+"
    r"(?:choice|fit|pick|option|match|idea|bet)\b.*\bfor\b"
    r"|\b(?:suited|suitable|appropriate)\s+(?:to|for)\b",
    re.I,
)


#: "Is that a mistake?", "the wrong call": a choice's fitness asked without "good / bad ...
#: for"; with a purpose (``_PURPOSE_OF``) it weighs one subject's suitability, as
#: ``_SUITABILITY`` does (review 22's m15: "I'm thinking of building a chat app in Django.
#: Is that a mistake?").
_MISTAKE = re.compile(r"\bmistake\b|\bwrong\s+(?:choice|call|pick|option|tool|bet|move)\b",
                      re.I)
#: What the subject would be used for: "for a ...", "building a ...", "to run an ...".
_PURPOSE_OF = re.compile(
    r"\bfor\s+(?:a|an|the|my|our|this)\s+\w+"
    r"|\b(?:build(?:ing)?|mak(?:e|ing)|writ(?:e|ing)|creat(?:e|ing)|run(?:ning)?|"
    r"power(?:ing)?)\s+(?:a|an|the|my|our)\s+\w+", re.I)


def _superlative(question: str) -> bool:
    return any(m.group(0).lower() not in _NOT_SUPERLATIVE
               for m in _SUPERLATIVE.finditer(question))


def _weighs(q: str, subjects: Sequence[str]) -> bool:
    """Comparative by syntax: a superlative or a comparative form ("costs less", "easier")
    in a which-question naming neither or several technologies, a comparison idiom, a
    choice between the named subjects ("Django or Node.js"), several technologies at
    once, "easier to X than Y" with both subjects, or one subject's suitability."""
    both = len(set(subjects)) > 1
    several = both or bool(_SEVERAL.search(q))
    if _ASKS_WHICH.search(q) and _superlative(q) and (several or not subjects):
        return True
    if _WHICH.search(q) and _COMPARATIVE_FORM.search(q) and (several or not subjects):
        return True  # "which stack will cost me less", "which codebase stays easier to ..."
    if _COMPARE_VERB.search(q) and (several or not subjects or _SEVERAL.search(q)):
        return True
    if both and (_OR.search(q) or _THAN.search(q)):
        return True
    if several and _SEVERAL.search(q) and _BETTER.search(q):
        return True
    return bool(subjects) and bool(_SUITABILITY.search(q) or (
        _MISTAKE.search(q) and _PURPOSE_OF.search(q)))
