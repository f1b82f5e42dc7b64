"""The asked thing no shown passage gives: a detail (``asked_detail``) or a figure
(``asked_figure``), read after every other coverage check.

One home for both so that ``abstain.assess`` asks once: a detail question ("Which Node.js
library sends transactional emails?") and a figure question ("How many weekly npm
downloads does Express get?") are both about a covered subject, and both were answered with
passages about it that do not say the asked thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from assistant.asked_detail import detail_unsaid
from assistant.asked_figure import figure_unsaid
from assistant.asked_name import name_unsaid

#: Whether the figure check declines (on). It declines review 14's e42-e44 and review 15's
#: f35 / f37 with gold, field (store f) and fd unchanged. At a meaning floor of 0.55 it had
#: declined two covered field figures said in other words (fa-q12, fb-q01), so the floor
#: is 0.5 (``asked_figure.MEANING_FLOOR``). Off, the detail check alone runs, as before.
FIGURE_CHECK = True
#: Whether the name check declines a "which <kind>" question no read sentence names an
#: instance of (``asked_name``; review 16's g35 / g37 / g42). OFF: on, the field set
#: (store f) lost held-out fc-q15 (abstention 1.0 -> 0.990, answer 0.829 -> 0.816), so it
#: waited for that cause (a release named by its number, ``release_name``). Still OFF after
#: which19: a name tied by the question's words (``name_tie``) or a release answers more
#: labels, but "Backend Days Porto" (conference), TypeScript (language), GitHub Actions (CI
#: service), React Native (mobile framework) and Render (hosting service) are named with
#: no word of their kind or of the question beside them, and are still declined.
NAME_CHECK = False


def unsaid(question: str, retrieval: Any, topical: Sequence[str], tok: Any,
           ignore: Iterable[str], signals: dict[str, Any], vouched: bool,
           quoted: bool) -> tuple[str, str] | None:
    """``(reason, message)`` when the detail or the figure ``question`` asks is in no shown
    passage, else None. ``vouched`` (a quoted phrase, or a passage holding the question's
    own frame and topic) answers a detail; a figure needs more than a passage with some
    number and the topic's words (``answer_frame`` says "answered" for the collages the
    figure check is for), so only a quoted phrase vouches for it."""
    if not vouched and detail_unsaid(question, retrieval, topical, signals):
        return "detail-unsaid", "The articles don't say anything about that."
    if FIGURE_CHECK and not quoted and figure_unsaid(question, retrieval, tok, ignore,
                                                     signals):
        return "figure-unsaid", "The articles don't give that figure."
    if NAME_CHECK and not quoted and (gap := name_unsaid(question, retrieval, tok, ignore,
                                                         signals)):
        kind, besides = gap
        if besides:  # "Besides Celery, which ...": what the articles give is that one
            return "name-unsaid", (f"The articles name only {besides}: they suggest no "
                                   f"other {kind}.")
        return "name-unsaid", f"The articles don't name the {kind}."
    return None
