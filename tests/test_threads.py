"""Thread pages keep every post: trafilatura alone keeps only the first content element.

The pages are written here (no text from elsewhere). Each post is long enough to be a post
of its own (trafilatura's 250-character minimum); the furniture around them (votes,
comment widgets, a sidebar, a footer) must still be dropped; a signature line may stay,
as on any page where the byline sits under the text.
"""

from __future__ import annotations

import pytest

from ingest.html import html_to_document
from ingest.threads import thread_posts

_QUESTION = (
    "Our bakery chain of twelve shops wants one ordering site for wholesale customers. The team "
    "is two developers who know Python well and one who writes JavaScript every day. Orders "
    "arrive mostly at night, in bursts before the morning bake. Which backend should we pick, "
    "and what will hurt later if we choose wrong? We also need a simple back office for staff."
    "</p><p>Some numbers: about four hundred wholesale customers, most ordering between ten in "
    "the evening and two at night, each order thirty lines long on average. Payments go through "
    "our bank's invoice system, so no card handling. We host on two rented servers today and "
    "would like to keep it that way for at least three more years, if the budget holds."
)
_ANSWER_1 = (
    "Pick the one your two Python developers can support at three in the morning. The night "
    "bursts you describe are a few hundred orders, which any of the usual servers absorbs "
    "without tuning. The ready-made staff screens save you the back office for months, and the "
    "ORM's migrations keep the order tables honest while the menu of products keeps changing."
    "</p><p>One warning from running a similar shop: price lists change every season, and "
    "wholesale customers get their own discounts. Model the price rules as data from day one, "
    "not as code, or every seasonal change becomes a deployment. Keep the nightly export to the "
    "bakeries as a scheduled job outside the request path so a slow printer never blocks orders."
)
_ANSWER_2 = (
    "I would argue for the JavaScript runtime if the ordering page needs live stock counts, "
    "because pushing a changed count to every open page is where its event loop shines. Plan "
    "on choosing the parts yourself, though: a router, a validation library, a query builder, "
    "and a login library, and budget a day a month for keeping those packages up to date."
    "</p><p>Sharing the order types between the browser and the server is the other win: when "
    "someone renames a field, the build fails instead of a night's orders. The back office is "
    "the cost. Expect to build the staff screens yourself, which took us most of a season, and "
    "to write the permission checks for each screen by hand, with tests for every role."
)


def _page(post_tag: str, body_class: str) -> str:
    def post(kind: str, text: str, votes: int, signature: str) -> str:
        return (
            f'<{post_tag} class="{kind}"><div class="votes">{votes}</div>'
            f'<div class="{body_class}"><p>{text}</p></div>'
            f'<div class="signature">{signature}</div>'
            f'<div class="comments"><p class="comment">Thanks, useful. - reader42</p></div>'
            f"</{post_tag}>"
        )

    return (
        "<html><head><title>Backend for a bakery ordering site? - Stack Corner</title>"
        '<meta name="author" content="Wren Adeyemi"></head><body>'
        '<nav><a href="/">Home</a> <a href="/questions">Questions</a></nav>'
        '<main><h1>Backend for a bakery ordering site?</h1>'
        + post("question", _QUESTION, 12, "asked by Wren Adeyemi")
        + "<h2>2 Answers</h2>"
        + post("answer accepted", _ANSWER_1, 30, "Ola Brandt, backend lead")
        + post("answer", _ANSWER_2, 8, "Min-jun Park, freelance")
        + '</main><aside><h3>Related</h3><ul><li><a href="/q/1">Other question</a></li></ul>'
        "</aside><footer>Site design by nobody in particular</footer></body></html>"
    )


@pytest.mark.parametrize(
    ("post_tag", "body_class"),
    [("article", "body"), ("div", "post-body"), ("div", "s-prose js-post-body")],
)
def test_every_post_of_a_thread_is_kept_in_order(post_tag: str, body_class: str) -> None:
    doc = html_to_document(_page(post_tag, body_class))
    starts = [doc.text.find(t[:60]) for t in (_QUESTION, _ANSWER_1, _ANSWER_2)]
    assert -1 not in starts, doc.text
    assert starts == sorted(starts)
    assert doc.author == "Wren Adeyemi"
    for furniture in ("reader42", "Related", "Site design"):  # comments, sidebar, footer
        assert furniture not in doc.text


def test_short_sibling_cards_do_not_make_a_page_a_thread() -> None:
    cards = "".join(
        f'<article class="card"><h3>Related post {n}</h3><p>A short teaser, {n}.</p></article>'
        for n in range(4)
    )
    page = (
        "<html><head><title>Why we picked Django</title></head><body>"
        f'<article class="post"><h1>Why we picked Django</h1><p>{_QUESTION}</p>'
        f"<p>{_ANSWER_1}</p></article><section class=\"related\">{cards}</section></body></html>"
    )
    assert thread_posts(page) == []
    assert "teaser" not in html_to_document(page).text
    assert _ANSWER_1[:60] in html_to_document(page).text


def test_non_html_and_broken_input_is_not_a_thread() -> None:
    assert thread_posts("") == []
    assert thread_posts("plain text, no tags at all") == []
    assert thread_posts("<<<<>>>>\x00\x01") == []
