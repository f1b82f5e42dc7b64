"""Leans: where a sentence's side comes from when its words alone do not say.

Numbers paired with subjects (in one sentence, or in two consecutive ones), a "Yes" / "No"
answer under a question heading that takes a side, the polarity of the section heading, and
(off, measured in their comments) the paragraph's last side, the article's side and MiniLM
prototype sentences. Split out of ``assistant.compare.extract`` (its
``_Extractor`` mixes these methods in; the flags are re-exported there) so that module keeps
the extraction rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.compare.candidates import _sign
from assistant.compare.cells import Measure, numeric_verdict, single_measure

if TYPE_CHECKING:
    from assistant.compare.candidates import _Candidate
    from assistant.compare.polarity import PolarityScorer
    from assistant.compare.prototypes import PrototypeStance
    from assistant.compare.stance import _Analyzer

#: Which fallbacks decide a sentence the lexicon leaves neutral, measured with
#: ``tests/stance_eval.py`` (field accuracy, tuning / held-out split): section polarity
#: 0.604 -> 0.610 / 0.434 -> 0.465, kept; MiniLM prototypes (``prototypes.py``) alone
#: 0.616 / 0.414 and with section polarity 0.623 / 0.444: lose on held-out, off.
USE_SECTION_POLARITY = True
USE_PROTOTYPES = False
#: A sentence still neutral after the section polarity (and the leans above) takes the side
#: the fitted polarity model gives it (``assistant.compare.polarity``: logistic regression on
#: the MiniLM vector and cheap features, fitted on the tuning split only; needs the matcher's
#: embedder). See the README for what it was measured to do.
USE_POLARITY_MODEL = True
#: A heading sets its sections' polarity only when its own is at least this strong: one mild
#: word ("Side by side: creating a booking", 0.6) is not a verdict on what follows ("What
#: got worse", "Where each one falls short": 1.0). Tuning split: 0.25 -> 0.7 gains one label
#: of 159, 0.9 none; comparative wording only loses two.
SECTION_MIN_POLARITY = 0.7

#: Two consecutive sentences of a section, each naming one subject and giving one number in
#: one unit ("I received 31 applications. The equivalent Node.js role received over 200."):
#: the later one leans to the better number's subject (``cells.paired_measures``).
USE_PAIRED_NUMBERS = True
#: The earlier sentence of such a pair ("Django handled 1,100 requests per second.") leans the
#: same way as the later one: it states the losing (or winning) half of the comparison.
PAIR_BOTH_WAYS = True
#: An FAQ answer opening "Yes" / "No" under a question heading that takes a side ("Is Django
#: more secure than Node.js?") leans to the side the question names, or the other one.
USE_YES_NO_ANSWERS = True
_YES_NO = re.compile(r"^\W*(yes|no)\b(?!\s+(?:one|longer|matter|doubt)\b)", re.IGNORECASE)


#: Numbers giving each subject a value in one unit add one unit of polarity for the better
#: one's subject (``cells.numeric_verdict``).
USE_NUMBERS = True
#: A sentence the lexicon leaves neutral, in a section whose heading says nothing, leans to
#: the side its article takes: an opinion piece's descriptive sentences ("Authentication, an
#: ORM and an admin all come in one install") support its verdict. The article takes a side
#: when, on the first pass, at least ``ARTICLE_LEAN_MIN`` of its opinionated sentences favour
#: one subject and at least ``ARTICLE_LEAN_RATIO`` times as many as favour the other.
#: Measured (tests/stance_eval.py, field tuning split of 159 labels / bundled 90): ratio 1.5
#: loses 3 / -, 2 loses 1 / gains 1, 3 and 4 change nothing. Off: it never gains on tuning.
USE_ARTICLE_LEAN = False
#: A sentence the lexicon leaves neutral, in a section whose heading says nothing, leans to
#: the side the sentence right before it in its paragraph took by its own words (an
#: elaboration: "Django is batteries-included. Authentication, an ORM and an admin all come
#: in one install."), unless it opens with a contrast or a condition or says the options are
#: alike. Measured (stance_eval, with MiniLM): field tuning split 145 -> 147 of 159 (claims
#: matched 134 -> 137), bundled 84 -> 85 of 90; but held-out 69 -> 68 of 99 with 77 -> 86
#: matched (matched accuracy 0.763 -> 0.709): the claims it adds on unseen articles are
#: right about half the time. Off, like the prototypes; any earlier sentence of the
#: paragraph (not only the one before) and the same subject only were worse on tuning.
USE_PARAGRAPH_LEAN = False
PARAGRAPH_SAME_SUBJECT = False
#: Not an elaboration: a sentence that opens with a contrast or a condition, or says the
#: options are alike ("roughly a tie", "made no practical difference").
_NOT_ELABORATION = re.compile(
    r"^\W*(?:but|however|yet|still|though|although|if|unless|whether)\b|\b(?:tie|ties|tied|"
    r"difference|same|similar|similarly|equally|alike|either)\b", re.IGNORECASE)
#: A heading that takes a side and names one subject ("Where Node.js falls short", "Why
#: Django wins") sets that side: a neutral sentence about the *other* subject under it takes
#: the heading's sign reversed (it is the heading's subject the sign is about). Measured
#: (stance_eval, round nine): field held-out 70 -> 71 of 99 (small-startup 10 -> 11 of 18),
#: tuning 147 / probe 133 / bundled 85 unchanged.
HEADING_NAMES_SIDE = True
#: A paragraph that opens its case with an explicit verdict ("Node.js wins, comfortably.",
#: "Verdict on real-time: Node.js."; a sentence of at most ``VERDICT_WORDS`` words taking a
#: side by its own words, or one that names a winner) leans its later neutral sentences to
#: the verdict's side ("Chat and live dashboards are what it was made for."), unless they
#: open with a contrast or a condition or say the options are alike. Measured (stance_eval,
#: round nine, alone): field held-out 70 -> 71 of 99 (benchmark-2025 13 -> 14 of 17), tuning
#: 147 -> 149 of 159 (honest-verdict 25 -> 27), probe 133 / bundled 85 unchanged.
VERDICT_LEAN = True
VERDICT_WORDS = 6
ARTICLE_LEAN_MIN = 3
ARTICLE_LEAN_RATIO = 2.0


class _Leans:
    """The lean helpers ``_Extractor`` mixes in (they read ``a``, ``protos``, ``_title_sign``)."""

    a: _Analyzer
    protos: PrototypeStance | None
    scorer: PolarityScorer | None
    _title_sign: dict[str, float]
    _article_lean: str | None = None
    _para_lean: str | None = None
    _para_subject: str | None = None
    _para_from = -1
    _para_verdict: str | None = None
    _sentence_no = -1

    def article_lean(self, cands: Sequence[_Candidate]) -> str | None:
        """The subject an article's opinionated prose favours clearly (see USE_ARTICLE_LEAN)."""
        if not USE_ARTICLE_LEAN:
            return None
        spans = {(c.start, c.end): c.favours for c in cands
                 if c.favours in self.a.subjects and abs(c.polarity) > 0.25}
        counts = Counter(spans.values()).most_common()
        if not counts:
            return None
        win, n = counts[0]
        rest = counts[1][1] if len(counts) > 1 else 0
        return win if n >= ARTICLE_LEAN_MIN and n >= ARTICLE_LEAN_RATIO * rest else None

    def _numbers(self, sentence: str) -> str | None:
        """The subject a sentence's paired numbers favour (``cells.numeric_verdict``)."""
        return numeric_verdict(self.a.general, sentence, self.a.mentions(sentence)) \
            if USE_NUMBERS else None

    def _answer_lean(self, title: str, sentence: str) -> str | None:
        """The side a "Yes" / "No" answer to a question heading takes, else None."""
        answer = _YES_NO.match(sentence) if USE_YES_NO_ANSWERS else None
        if answer is None or not title.rstrip().endswith("?") or self.a.about_third(title):
            return None
        named = [m[2] for m in self.a.mentions(title) if not m[3]]
        pol, _ = self.a.polarity(title)
        if not named or _sign(pol) == 0:
            return None
        side = named[0] if pol > 0 else self.a.other(named[0])
        return side if answer.group(1).lower() == "yes" else self.a.other(side)

    def _measure(self, sentence: str) -> tuple[str, Measure] | None:
        """(subject, measurement) of a sentence naming one subject and giving one number."""
        if not USE_PAIRED_NUMBERS:
            return None
        named = {m[2] for m in self.a.mentions(sentence) if not m[3]}
        if len(named) != 1 or self.a.third_mentions(sentence):
            return None
        found = single_measure(self.a.general, sentence)
        return (named.pop(), found) if found is not None else None

    def _note_verdict(self, text: str, favours: str) -> None:
        """Remember ``favours`` as the paragraph's verdict when ``text`` is one."""
        from assistant.compare.clauses import names_winner

        if VERDICT_LEAN and (len(re.findall(r"[\w.']+", text)) <= VERDICT_WORDS
                             or names_winner(self.a._subject_res, text)):
            self._para_verdict = favours

    def _section_sign(self, title: str) -> float:
        """The polarity a heading sets for its sentences ("What got worse", "Drawbacks"):
        the sign of the heading's own polarity when it names no single subject's rival."""
        if title not in self._title_sign:
            pol, _ = self.a.polarity(self.a.strip_subjects(title)) if title else (0.0, 0.0)
            self._title_sign[title] = float(_sign(pol)) if abs(pol) >= SECTION_MIN_POLARITY \
                else 0.0
        return self._title_sign[title]

    def _about_it(self, text: str, subject: str) -> str:
        """``text`` with its subject written "it" and the other subject "the other one"."""
        out, last = [], 0
        for s, e, name, _target in sorted(self.a.mentions(text)):
            out.append(text[last:s])
            out.append("it" if name == subject else "the other one")
            last = e
        out.append(text[last:])
        return "".join(out)

    def _inferred(self, text: str, subject: str, title: str) -> float:
        """Polarity for a sentence the lexicon leaves neutral: its section's, else the
        fitted polarity model's, else the prototypes' (0 when none says anything)."""
        if USE_SECTION_POLARITY:
            sign = self._section_sign(title)
            if sign and HEADING_NAMES_SIDE:
                named = {m[2] for m in self.a.mentions(title) if not m[3]}
                if len(named) == 1 and subject != named.pop():
                    return -sign
            if sign:
                return sign
        if VERDICT_LEAN and self._para_verdict is not None and not _NOT_ELABORATION.search(
                text):
            return 1.0 if subject == self._para_verdict else -1.0
        if USE_PARAGRAPH_LEAN and self._para_lean is not None and (
                not PARAGRAPH_SAME_SUBJECT or subject == self._para_subject) and (
                not _NOT_ELABORATION.search(text)):
            return 1.0 if subject == self._para_lean else -1.0
        if self._article_lean is not None:
            return 1.0 if subject == self._article_lean else -1.0
        if USE_POLARITY_MODEL and self.scorer is not None and self.scorer.available:
            return self.scorer.polarity(self._about_it(text, subject))
        if USE_PROTOTYPES and self.protos is not None and self.protos.available:
            return self.protos.polarity(self._about_it(text, subject))
        return 0.0
