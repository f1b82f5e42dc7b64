"""The cleaning rule table: the patterns ``ingest.clean`` applies, each with its reason.

Generic rules only: the patterns are data (whole-line furniture, footer starts, promotional
sentence markers), each with the reason it exists. No rule names an article id. The shape
rules (recognised by the form of the text, not a pattern) are listed by name in
``SHAPE_RULES``. ``ingest.clean`` applies the rules and holds the audit
(``python -m ingest.clean --audit``); this module only holds the table and its ids.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


# Whole-line page furniture: matched against the complete stripped line, so a sentence that
# merely mentions "logo" or "share" is never touched.
_BOILERPLATE_LINES: tuple[tuple[str, str], ...] = (
    (r"(?:[\w.&'’-]+\s+){1,3}logo", "site logo alt text captured as a line"),
    (r"(?:next|previous|prev)\s*(?:topic|post|article|page|lesson|chapter).*", "pager"),
    (r"back to top(?: button)?", "theme widget"),
    (r"table of contents\s*:?", "TOC label; the real headings follow in the text"),
    (r"(?:help others,?\s*)?please share\b.*|share(?: this(?: post| article| page)?| on \w+)?\s*:?",
     "share prompt"),
    (r"(?:(?:facebook|twitter|pinterest|linkedin|reddit|whatsapp|telegram|tumblr|instagram|"
     r"youtube|email|e-mail|print|copy link)\b[\s,|/•·]*){2,}", "row of social share buttons"),
    (r".*\bjoin our \w+ (?:channel|group|community)\b.*", "channel/community promo"),
    (r"(?:also\s+)?(?:check\s?out|read more|read also|see more|see also)\s*:.*"
     r"|check (?:out )?(?:our |the )?related posts?\b.*|you (?:may|might) also like\b.*"
     r"|related (?:articles|posts|reading|stories)\s*:?", "related-posts widget or link"),
    (r"advertisement|sponsored(?: content)?", "ad label"),
    (r"[-=_*~]{3,}", "plain-text horizontal rule"),
)
_BOILERPLATE_RES = tuple((re.compile(p, _I), why) for p, why in _BOILERPLATE_LINES)

# Whole lines after which a capture holds only site chrome and reader comments. Only honoured
# in the last 40% of the text so that, say, a mid-article "Related Articles" heading in an
# upload cannot truncate the article.
_FOOTER_STARTS: tuple[tuple[str, str], ...] = (
    (r"related (?:articles|posts|reading|stories)\s*:?|you (?:may|might) also like\b.*",
     "related-posts widget"),
    (r"(?:\d+\s+)?(?:comments?|responses?|replies)\s*:?", "comment section title"),
    (r"leave a (?:reply|comment)\b.*", "comment form title"),
    (r"(?:next|previous|prev)\s*(?:topic|post|article|page|lesson|chapter).*", "pager"),
    (r"--", "e-mail signature separator ('-- ', RFC 3676): signature and list footer follow"),
)
_FOOTER_START_RES = tuple((re.compile(p, _I), p) for p, _ in _FOOTER_STARTS)
_FOOTER_MIN_POSITION = 0.6

# Sentences that sell, link out or talk to the reader instead of informing. Searched inside a
# sentence; a match drops that sentence only (see ``_drop_promo_sentences``).
_PROMO_SENTENCE_PATTERNS: tuple[str, ...] = (
    # a vendor's call to action inside a technical paragraph
    r"\b(?:contact us|get in touch|reach out to (?:us|our)|free consultation|"
    r"(?:discover|explore) our|hire (?:dedicated|expert|top|our) (?:\w+ )?developers)\b",
    # comment bait
    r"\b(?:let us know your thoughts|in the comments below)\b",
    # social call to action ("Follow us on Twitter", "Tell me on Mastodon")
    r"\b(?:connect (?:with )?|follow |tell |find |ping )(?:me|us) on [A-Z][\w.]+",
    # newsletter box
    r"\bsubscribe to (?:our|my) (?:newsletter|channel)\b",
)
_PROMO_RES = tuple((re.compile(p, _I), p) for p in _PROMO_SENTENCE_PATTERNS)


def rule_count() -> int:
    """How many cleaning rules there are (patterns plus shape rules)."""
    return len(_BOILERPLATE_RES) + len(_FOOTER_START_RES) + len(_PROMO_RES) + len(SHAPE_RULES)


#: Rules recognised by the shape of the text rather than by a pattern.
SHAPE_RULES: tuple[str, ...] = (
    "shape: numbered off-topic first-person comment",
    "shape: run of promo cards",
    "shape: short hook in a promotional paragraph",
    "shape: heading orphaned by a removed box",
    "shape: closing author bio",
)


def all_rules() -> list[str]:
    """Every rule id, as ``audit_rules`` reports it."""
    return [
        *(f"line: {rx.pattern}" for rx, _ in _BOILERPLATE_RES),
        *(f"footer: {rid}" for _, rid in _FOOTER_START_RES),
        *(f"promo: {rid}" for _, rid in _PROMO_RES),
        *SHAPE_RULES,
    ]
