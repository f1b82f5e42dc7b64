"""What leads the shown answer when the sentence scores put the answering line under "more".

The composer ranks sentences one by one, by meaning and terms; two kinds of question are
answered by a line the ranking places low (review 22's losses m18, m16, m40):

* a question asking for the steps taken is answered by the items of one list, in order,
  before any outcome (``assistant.steps_first``);
* a question asking for a decision is answered by the advice whose opening condition
  restates the asker's situation (``assistant.direct_advice``), which then leads.

Both only reorder what the composer already kept (shown and "more"); the advice rule runs
last, so a steps question whose list holds such advice still opens with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.direct_advice import lead_advice, leads
from assistant.steps_first import steps_first


def answer_first(question: str, visible: Sequence[Any], more: Sequence[Any]
         ) -> tuple[list[Any], list[Any]]:
    """(visible, more) after both rules."""
    return lead_advice(question, *steps_first(question, visible, more))


def advice_first(question: str, visible: Sequence[Any]) -> Any | None:
    """The first shown line when it is advice restating the asker's situation for a
    decision question (``assistant.direct_advice.leads``): in a comparison it is the lead
    line itself, not one side's paragraph."""
    return visible[0] if visible and leads(question, visible[0]) else None
