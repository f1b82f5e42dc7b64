"""Does every article an answer names name the article of the passage it cites?

An answer names a source in words ("On memory per instance, the table of the 2026 article
“Django vs Express vs Laravel” puts ...", "the Javatpoint tutorial"); blind reviewers mark
an answer down when such a line is credited to an article other than the one its cited
passage comes from. ``misattributed`` finds, in an answer's visible text and its "more"
lines, each sentence holding a source name of the library (``assistant.composer.
source_label`` of every article) and checks that each ``[n]`` of that sentence cites a
passage of an article the sentence names. The expected article is the citation's own
``article_id`` from the answer object, never a value the composer chose for the name.

    VERSUS_DATA_DIR=... python -m tests.attribution_phrases QUESTIONS.jsonl [ANSWERS_OUT]

prints the answers whose phrases name another article than the one cited (for ``fc-``
questions, held out, only their number) and how many answers name a source at all; with
ANSWERS_OUT, writes every answer (one JSON object a line) for diffing two runs.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant.composer import source_label

#: A sentence of an answer: up to a full stop, a line break, or a run of ``[n]`` markers
#: (a quoted sentence's own stop comes before its markers).
_SENTENCE = re.compile(r"[^\n]*?(?:\[\d+\])+\.?|[^\n]+")
_MARK = re.compile(r"\[(\d+)\]")


def labels(metas: Mapping[str, Any]) -> dict[str, str]:
    """How answers name each article of the library: source label -> article id."""
    out: dict[str, str] = {}
    for aid, meta in metas.items():
        out[source_label(meta, aid)] = aid
    return out


def misattributed(text: str, cited: Mapping[int, str], names: Mapping[str, str]
                  ) -> list[tuple[str, str, str]]:
    """(sentence, named article, cited article) for each ``[n]`` of a sentence naming a
    source whose passage is from none of the articles the sentence names."""
    out: list[tuple[str, str, str]] = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        named = {aid for label, aid in names.items() if label in sentence}
        if not named:
            continue
        for n in _MARK.findall(sentence):
            got = cited.get(int(n))
            if got is not None and got not in named:
                out.append((sentence.strip(), ",".join(sorted(named)), got))
    return out


def check_answer(answer: Mapping[str, Any], names: Mapping[str, str]
                 ) -> tuple[bool, list[tuple[str, str, str]]]:
    """(whether the answer names a source, its misattributions) for an answer object."""
    cited = {int(c["n"]): str(c["article_id"]) for c in answer.get("citations", [])}
    parts: Sequence[str] = [answer.get("answer") or "", *(answer.get("more") or [])]
    bad: list[tuple[str, str, str]] = []
    names_any = False
    for part in parts:
        names_any = names_any or any(label in part for label in names)
        bad.extend(misattributed(part, cited, names))
    return names_any, bad


def main(argv: list[str]) -> int:
    from assistant.cli import _service
    from assistant.evaluation import load_questions

    versus = _service()
    metas = {aid: rec.meta for aid, rec in versus.manifest().articles.items()}
    names = labels(metas)
    out = open(argv[1], "w", encoding="utf-8") if len(argv) > 1 else None  # noqa: SIM115
    naming = wrong = held_wrong = 0
    for q in load_questions(Path(argv[0])):
        ans = versus.ask(q.question, list(q.history)).to_json()
        if out is not None:
            out.write(json.dumps({"id": q.id, **ans}, ensure_ascii=False) + "\n")
        any_name, bad = check_answer(ans, names)
        naming += any_name
        if not bad:
            continue
        if q.id.startswith("fc-"):
            held_wrong += 1
            continue
        wrong += 1
        for sentence, named, got in bad:
            print(f"{q.id}: names {named}, cites {got}: {sentence[:160]}")
    if out is not None:
        out.close()
    print(f"answers naming a source: {naming}; misattributed: {wrong} (+ {held_wrong} held out)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
