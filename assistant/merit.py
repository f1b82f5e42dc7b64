"""Whether a sentence speaks for or against one subject: the polarity a pros/cons answer keeps.

A pros/cons question asks about one subject ("What are the drawbacks of Django?"); each
candidate sentence gets a *merit* for it: +1 (a strength), -1 (a weakness) or 0. The
side comes from the comparison matrix's stance analyser (``assistant.tone.stance``; VADER
without a matrix), read on the sentence's *claim*:

* a leading concessive clause is not the claim ("While the ecosystem is vast, it holds
  outdated libraries" speaks against: ``tone.main_clause``);
* a bracketed list of examples is not either ("CPU-intensive tasks (for instance, complex
  algorithms) run more smoothly with Django": "complex" names the workload, not a fault of
  the subject; ``claim``);
* nor is a closing clause that turns to the other subject ("Setting up takes longer
  because it lacks built-in features, whereas Django optimizes this process": the
  analyser would count "optimizes" for the sentence's own subject).

The analyser reads a sentence about its own subject. A sentence about the *other* subject
is a strength or weakness of the asked one only when it names the asked one as the thing
compared against ("It [Node.js] is not as secure as Django" is a strength of Django); its
merit is then the opposite of its own, else 0 (a weakness of Node.js is no weakness of
Django).

A question that names no subject (the subject is inferred from an ecosystem member it
names, "the risks of relying on npm packages") trusts the analyser's side only when the
sentence's own VADER tone agrees, and takes the tone when the analyser has no side.

A concession joined to the sentence that turns it ("Node.js is very secure. But compared
to Django, the game changes!", quoted together because the second dangles) is not a
weakness: ``concession`` tells the composer to drop such a pair from a cons (or pros)
answer when the antecedent alone speaks the other way and the turning sentence carries no
side of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.tone import main_clause, stance, tone
from assistant.verdict import CriterionView
from knowledge.subjects_config import default_subjects

#: A bracketed list of examples: "(for instance, ...)", "(e.g. ...)", "(such as ...)".
_EXAMPLES = re.compile(
    r"\s*\((?:for (?:example|instance)|e\.\s?g\.|i\.\s?e\.|such as|like|including|say)\b"
    r"[^()]*\)", re.I)


#: A closing clause that turns to another thing: ", whereas Django optimizes this", "where
#: the traditional servers create limited threads" (not "while maintaining ...", "where it").
_TURN = re.compile(r"[,;]?\s+(?:whereas|unlike|compared (?:to|with)|in contrast to|as opposed to|"
                   r"where|while)\s+(?!(?:it|its|this|that|they|you|we|he|she)\b|\w+ing\b)"
                   r"(?P<rest>[^,;]+?)[.!?]?\s*$", re.I)


def claim(text: str, about: str | None = None,
          find: Callable[[str], Sequence[str]] | None = None) -> str:
    """``text``'s claim: without a leading concessive clause, bracketed examples and (when
    ``about`` is given) a closing clause about another subject (", whereas Django
    optimizes this process": the other's side, not this one's)."""
    out = _EXAMPLES.sub("", main_clause(text)).strip()
    m = _TURN.search(out) if about else None
    if m:
        named = (find or default_subjects().find_subjects)(m.group("rest"))
        if about not in named:
            out = out[: m.start()].rstrip() + "."
    return out


def merit(view: CriterionView | None, text: str, own: str | None, about: str,
          names: Sequence[str] = (), inferred: bool = False,
          find: Callable[[str], Sequence[str]] | None = None) -> int:
    """+1 when ``text`` is a strength of ``about``, -1 a weakness, 0 neither.

    Args:
        view: The matrix view (its stance analyser), or None for VADER.
        text: The sentence.
        own: The subject the sentence is about (``Candidate.subject``), or None.
        about: The subject the question asks about.
        names: The compared subjects.
        inferred: ``about`` comes from an ecosystem member the question names, not from
            the question naming it: the side counts only when the sentence's tone agrees.
        find: Subjects a text names (the configured subjects' ``find_subjects``).
    """
    said = claim(text, about if own in (None, about) else None, find)
    if not said:
        return 0
    other = own is not None and own != about and own in (names or (about, own))
    side = stance(view, said, own if other and own else about, names)
    pol = 1 if side in (own if other else about,) else (
        0 if side in ("neither", "mixed", "") else -1)
    if other:
        finder = find or default_subjects().find_subjects
        return -pol if about in finder(said) else 0
    if inferred:
        felt = tone(said)
        return felt if pol == 0 or felt == pol else 0
    return pol


def concession(view: CriterionView | None, antecedent: str, turn: str, own: str | None,
               about: str, asked: int, names: Sequence[str] = (),
               find: Callable[[str], Sequence[str]] | None = None) -> bool:
    """Whether ``antecedent`` + ``turn`` (a dangling sentence quoted with the one before
    it) is a concession and its turn, not a claim of the ``asked`` polarity: the
    antecedent alone speaks the other way and the turn has no side of its own."""
    return (merit(view, antecedent, own, about, names, find=find) == -asked
            and merit(view, turn, own, about, names, find=find) != asked)
