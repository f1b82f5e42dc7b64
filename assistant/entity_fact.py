"""A fact about the company, project or person one article tells of, answered from it.

Why: "How much RAM does each of Kestrel Pay's Gunicorn workers eat?" names a company only
one article tells of (an interview with its CTO), but the search is not narrowed by a name
alone (a name one article happens to spell may be any article's topic:
``assistant.retriever``), so the answer led with another article's Gunicorn figure and
padded the right sentence with other companies' facts (blind review 14: e25, e27, e28, e30,
e31). The name still says whose fact is asked: with a reference to one article
(``Retrieval.article`` for a phrase, ``Retrieval.named`` for a name: its own name that no
other article's passages use, ``assistant.article_reference``), a fact answer

* leads, for a "how many / how much" question, with that article's sentence that holds a
  number and the largest share of the question's focus (``assistant.shape.focus``: the
  asked noun, its unit's words), the closest in meaning among those about as good;
* shows no sentence of another article unless it names the entity itself (a comparison
  that mentions it): the other articles' figures are not about it.

Nothing is done when the article gives no sentence among the candidates (the answer keeps
what the retrieval found). No model call: the sentences' scores and stems are at hand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.answer_type import ASKS_FOR_NUMBER
from assistant.corpus_index import tokens
from assistant.sentences import Candidate
from assistant.shape import SLACK, _Focus, _promote, _stands, focus

#: A figure: a number or a number word ("nine different banks", "a three-person startup");
#: a digit inside a name ("k6", "S3") is none.
FIGURE = re.compile(
    r"(?<![A-Za-z])\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred|thousand|million|dozen|twice|half)\b", re.I)
#: Candidates of the usable pool looked at for the lead (best-scored first).
POOL = 40


def name_tokens(index: Any) -> frozenset[str]:
    """The subjects' name tokens of the index's tokenizer (never a focus word)."""
    tok = getattr(index, "tokenizer", None)
    return frozenset(tok.name_tokens) if tok is not None else frozenset()


def referred(retrieval: Any) -> Any:
    """The article reference of the retrieval: a phrase's, else a name's, else None."""
    return getattr(retrieval, "article", None) or getattr(retrieval, "named", None)


def _names_it(cand: Candidate, name: frozenset[str]) -> bool:
    toks = cand.toks or frozenset(tokens(cand.text))
    return bool(name) and name <= toks


def entity_fact(question: str, retrieval: Any, visible: Sequence[Candidate],
                hidden: Sequence[Candidate], pool: Sequence[Candidate], index: Any,
                names: frozenset[str] = frozenset(),
                ) -> tuple[list[Candidate], list[Candidate]]:
    """(visible, hidden) of a fact answer with the referred article's figure first and
    other articles' sentences not naming the entity moved to ``hidden`` (module docstring).

    Args:
        question: The standalone question.
        retrieval: Its retrieval (``article`` / ``named``: the referred article).
        visible, hidden: The shown and the further sentences, as ``assistant.shape`` left them.
        pool: All usable candidates, best first: a lead may come from here.
        index: The corpus index (vocabulary and memo for the focus words).
        names: The subjects' name tokens (never a focus word).
    """
    shown, rest = list(visible), list(hidden)
    ref = referred(retrieval)
    if ref is None or not shown:
        return shown, rest
    aid = ref.article_id
    seen: list[Candidate] = []
    for c in [*shown, *rest, *pool[:POOL]]:
        if c not in seen:
            seen.append(c)
    mine = [c for c in seen if c.chunk.article_id == aid]
    if not mine:
        return shown, rest
    name = frozenset(tokens(ref.phrase)) if ref.named else frozenset()
    if ASKS_FOR_NUMBER.search(question):
        figures = [c for c in mine if FIGURE.search(c.text) and _stands(c)]
        # the entity's own name is no focus word: every sentence of its article is about it
        weights = focus(question, names | name)
        if figures and weights:
            fx = _Focus(weights, index)
            share = {id(c): fx.share(c) for c in figures}
            top = max(share.values())
            if top > 0:
                lead = max((c for c in figures if share[id(c)] >= top - SLACK),
                           key=lambda c: c.sem + share[id(c)])
                if lead is not shown[0]:
                    shown, rest = _promote(lead, shown, rest)
    keep = [c for c in shown if c.chunk.article_id == aid or _names_it(c, name)]
    if not keep:
        return shown, rest
    return keep, [*[c for c in shown if c not in keep], *rest]
