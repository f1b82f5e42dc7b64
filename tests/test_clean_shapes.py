"""Unit tests of the clean12 shape rules on small hand-written texts: what they must take out
and, as important, what they must leave alone (labels that are not speakers, a sponsor word
in a sentence, a number that is not a reaction count)."""

from __future__ import annotations

from ingest.clean import clean_article
from ingest.meta import take_byline
from ingest.speakers import is_transcript, run_in_label, speaker_at
from knowledge.models import ArticleMeta

META = ArticleMeta("t", "A test")


def _clean(text: str) -> str:
    return clean_article(text, META).text


def test_plain_text_transcript_labels_become_speakers() -> None:
    text = (
        "Q: Why did you pick Node.js for the chat service?\n\n"
        "A: We needed thousands of idle sockets and I did not want a worker per socket.\n\n"
        "Q: And the billing side?\n\n"
        "A: Billing stayed on Django, because our invoices are a web of related tables.\n"
    )
    article = clean_article(text, META)
    assert "Q:" not in article.text and "A:" not in article.text
    at = article.text.index("Billing stayed on Django")
    assert speaker_at(article, at) == "A"
    assert speaker_at(article, article.text.index("And the billing side?")) == "Q"
    assert all(s.title not in {"Q", "A"} for s in article.sections)


def test_timestamp_only_turn_markers_are_taken_out() -> None:
    lines = [f"[00:0{i}:10] We kept the Django admin for support staff, turn {i}."
             for i in range(5)]
    article = clean_article("\n\n".join(lines), META)
    assert "[00:" not in article.text
    assert "We kept the Django admin for support staff, turn 3." in article.text
    assert article.speakers == ()


def test_labelled_paragraphs_that_are_not_talk_stay() -> None:
    text = (
        "Django\n\nPros: Batteries included, a mature ORM and an admin site.\n\n"
        "Cons: Synchronous by default, heavier for tiny services.\n\n"
        "Node.js\n\nPros: Non-blocking input and output, one language end to end.\n\n"
        "Cons: Many small packages to audit, fewer conventions.\n"
    )
    assert not is_transcript([ln for ln in text.split("\n") if ln])
    cleaned = clean_article(text, META)
    assert "Pros: Batteries included, a mature ORM and an admin site." in cleaned.text
    assert cleaned.speakers == ()


def test_a_single_note_label_is_no_speaker() -> None:
    text = "Note: Django 5 dropped support for old databases.\n\nWe upgraded anyway."
    assert _clean(text).startswith("Note: Django 5")
    assert run_in_label("Note: x")[1] == "Note"  # a label shape, but one line is no transcript


def test_sponsor_box_goes_and_sponsor_word_in_prose_stays() -> None:
    text = (
        "Django ships an admin site that saves weeks of back-office work.\n\n"
        "Our sponsor\n\nRackNest hosts Django and Node.js apps with one command. Try it now.\n\n"
        "Performance\n\n"
        "The foundation that sponsors Django pays for security releases and the fellows.\n"
    )
    cleaned = _clean(text)
    assert "RackNest" not in cleaned and "Our sponsor" not in cleaned
    assert "The foundation that sponsors Django pays for security releases" in cleaned
    assert "Performance" in cleaned


def test_platform_furniture_lines_go_and_numbers_in_prose_stay() -> None:
    text = (
        "4 min read\n\nOur API moved from Express to Django in 2024.\n\n"
        "80K\n\nGitHub stars on the Django repository, by our count.\n\n"
        "Throughput stayed at 1,200 requests per second after the move.\n\n"
        "#python #django\n\n❤️ 52 · 💬 7\n\n"
        "Originally published at example.dev on May 1, 2024.\n"
    )
    cleaned = _clean(text)
    for gone in ("4 min read", "#python", "❤️ 52", "Originally published"):
        assert gone not in cleaned, gone
    assert "Throughput stayed at 1,200 requests per second after the move." in cleaned
    assert "80K\n" in cleaned  # a stat card's bare number is no reaction count


def test_newsletter_footer_is_cut_and_mention_of_unsubscribing_in_prose_stays() -> None:
    body = "Django and Node.js both send mail; Django's mail API is built in. " * 8
    text = (
        f"{body}\n\nWe argue in the piece that an unsubscribe link must work in one click, "
        "whichever stack sends it.\n\n"
        "You're receiving this because you signed up at example.org.\n\nUnsubscribe\n"
    )
    cleaned = _clean(text)
    assert "receiving this" not in cleaned and "\nUnsubscribe" not in cleaned
    assert "an unsubscribe link must work in one click" in cleaned


def test_platform_byline_gives_author_and_date() -> None:
    text = "Ana Ruiz · Follow\n\n5 min read · Mar 2, 2026\n\nThe article starts here."
    rest, author, date = take_byline(text)
    assert (author, date) == ("Ana Ruiz", "2026-03-02")
    assert "Follow" not in rest
