"""The cleaning rule table: the patterns ``ingest.clean`` applies, each with its reason.

Generic rules only: the patterns are data (whole-line furniture, footer starts, promotional
sentence markers), each with the reason it exists. No rule names an article id. The shape
rules (recognised by the form of the text, not a pattern) are listed by name in
``SHAPE_RULES``. ``ingest.clean`` applies the rules and holds the audit
(``python -m ingest.clean --audit``); this module only holds the table and its ids.
"""

from __future__ import annotations

import re

from ingest.clean_cards import CARD_RULE
from ingest.clean_shapes import SHAPE_RULES as _SHAPES_OF_NEW_PAGES

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
    (r"(?:share(?: this(?: post| article| page)?)?\s*:?\s*)?"
     r"(?:(?:facebook|twitter|pinterest|linkedin|reddit|whatsapp|telegram|tumblr|instagram|"
     r"youtube|email|e-mail|print|copy link)\b[\s,|/•·]*){2,}",
     "row of social share buttons (a Markdown paragraph may join it to its 'Share this:')"),
    (r".*\bjoin our \w+ (?:channel|group|community)\b.*", "channel/community promo"),
    (r"(?:also\s+)?(?:check\s?out|read more|read also|see more|see also)\s*:.*"
     r"|check (?:out )?(?:our |the )?related posts?\b.*|you (?:may|might) also like\b.*"
     r"|related (?:articles|posts|reading|stories)\s*:?", "related-posts widget or link"),
    (r"advertisement|sponsored(?: content)?", "ad label"),
    (r"[-=_*~]{3,}", "plain-text horizontal rule"),
    (r"(?:[^.!?·|•]{0,40}[·|•]\s*)*(?:unsubscribe|forward (?:this (?:e-?mail|issue|newsletter) )?"
     r"to a friend|view (?:it |this (?:e-?mail|issue|newsletter|post) )?(?:in|on) (?:your |the )?"
     r"(?:browser|web)|update (?:your )?(?:subscription |e-?mail )?preferences|manage (?:your )?"
     r"subscription)\b[^.!?]{0,80}", "newsletter e-mail links (unsubscribe, view in browser)"),
    (r"\d{1,3}\s*min(?:ute)?s?\s+read\b.{0,40}", "reading-time label of a blog platform"),
    (r"follow(?:ing)?|listen|clap|bookmark|save(?: for later)?", "blog-platform button text"),
    (r"(?:#[a-z][\w.+-]*[\s,·]*){2,}", "row of hashtags (a platform's tag list)"),
    (r"(?=.*(?:\b(?:claps?|reactions?|likes?|hearts?|responses?|saves?|upvotes?)\b|"
     r"[\u2764\U0001F300-\U0001FAFF]))(?:[^\w\s]*\s*\d[\d.,]*[km]?\s*(?:claps?|reactions?|"
     r"likes?|hearts?|responses?|comments?|saves?|upvotes?|views?)?\s*[·|•,]?\s*){1,8}",
     "reaction / clap counts of a blog platform"),
    (r"(?:this (?:post|article) was )?originally (?:published|posted) (?:at|on|in)\b.*",
     "cross-post notice of a blog platform"),
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
    (r"you(?:['’]re| are) receiving this\b.*|you received this (?:e-?mail|newsletter|message)\b.*",
     "newsletter subscription footer"),
    (r"written by (?:[A-Z][\w.'’-]*\s*){1,4}|more from [\w .&'’-]{1,60}",
     "blog-platform author footer"),
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
    # social call to action ("Follow us on Twitter", "Tell me on Mastodon", "Follow Luis on X")
    r"\b(?:connect (?:with )?|follow |tell |find |ping )(?:me|us) on [A-Z][\w.]+"
    r"|\bfollow [\w'’-]+ on (?:Mastodon|Twitter|X|LinkedIn|Bluesky|GitHub|YouTube|Instagram|"
    r"Threads|Twitch)\b",
    # newsletter box
    r"\bsubscribe to (?:our|my) (?:newsletter|channel)\b",
    # a newsletter's sign-off asking for mail
    r"\bhit reply\b|\breply to this (?:e-?mail|issue|newsletter)\b",
    # a podcast's call to subscribe
    r"\b(?:subscribe|listen|follow)\b[^.!?]{0,40}\bwherever you (?:get|listen to|find) "
    r"(?:your )?podcasts\b",
)
_PROMO_RES = tuple((re.compile(p, _I), p) for p in _PROMO_SENTENCE_PATTERNS)


def rule_count() -> int:
    """How many cleaning rules there are (patterns plus shape rules)."""
    return len(_BOILERPLATE_RES) + len(_FOOTER_START_RES) + len(_PROMO_RES) + len(SHAPE_RULES)


#: Rules recognised by the shape of the text rather than by a pattern.
SHAPE_RULES: tuple[str, ...] = (
    "shape: numbered off-topic first-person comment",
    CARD_RULE,
    "shape: short hook in a promotional paragraph",
    "shape: heading orphaned by a removed box",
    "shape: closing author bio",
    *_SHAPES_OF_NEW_PAGES,
)


def all_rules() -> list[str]:
    """Every rule id, as ``audit_rules`` reports it."""
    return [
        *(f"line: {rx.pattern}" for rx, _ in _BOILERPLATE_RES),
        *(f"footer: {rid}" for _, rid in _FOOTER_START_RES),
        *(f"promo: {rid}" for _, rid in _PROMO_RES),
        *SHAPE_RULES,
    ]
