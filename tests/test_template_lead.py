"""Template lead-ins (assistant.template_lead) and how the filler checker reads them: fast
units on invented passages (Flask, Sinatra and a made-up heading, not the corpus)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.filler import answer_sentences, classify_answer, is_filler
from assistant.openers import arrange, standalone
from assistant.sentences import Candidate
from assistant.template_lead import (
    LEAD,
    about,
    heading_lead,
    led_text,
    list_intro,
    list_lead,
    opens_section,
    section_heading,
    with_intros,
)
from knowledge.models import Chunk, Span

LIST = ("Sinatra suits:\n\n• Tiny webhook relays that answer in one route\n"
        "• Prototypes a single person throws away\n\nOther text follows here.")


def _chunk(cid: str, text: str, section: str = "", ordinal: int = 0,
           article: str = "art") -> Chunk:
    spans, pos = [], 0
    for part in [p for p in text.replace("\n\n", "\n").split("\n") if p.strip()]:
        at = text.index(part, pos)
        body = part.lstrip("• ")
        start = at + len(part) - len(body)
        spans.append(Span(start, at + len(part)))
        pos = at + len(part)
    return Chunk(cid, article, ordinal, text, 0, len(text), section, sentences=tuple(spans))


def _cand(chunk: Chunk, span: Span, subject: str | None = None) -> Candidate:
    return Candidate(chunk, span, chunk.text[span.start:span.end], 0.5, 0, subject)


@dataclass
class _Meta:
    title: str


@dataclass
class _Index:
    chunks: list[Chunk]
    metas: dict[str, Any] = field(default_factory=dict)

    @property
    def by_id(self) -> dict[str, int]:
        return {c.chunk_id: i for i, c in enumerate(self.chunks)}


def test_leads_are_template_words_the_pattern_reads_back() -> None:
    said = about("Sinatra (Ruby)", "We pick it for tiny relays.")
    assert said == "On Sinatra (Ruby): We pick it for tiny relays."
    m = LEAD.match(said)
    assert m is not None and m.group("about") == "Sinatra (Ruby)"
    under = heading_lead(" Caveats ", "This is one run on one laptop.")
    assert under == "Under “Caveats”: This is one run on one laptop."
    m = LEAD.match(under)
    assert m is not None and m.group("heading") == "Caveats"
    # a row verdict ("On cost, the table of ... puts ...:") is no lead
    assert LEAD.match("On cost, the table of the post puts Flask ahead: ...") is None


def test_a_list_item_reads_after_its_intro_when_the_intro_names_a_technology() -> None:
    chunk = _chunk("c1", LIST)
    intro, relay, proto, other = chunk.sentences
    assert list_intro(chunk, relay) == "Sinatra suits:"
    item = chunk.text[relay.start:relay.end]
    assert list_lead(chunk, relay, item, ["Sinatra"]) == f"Sinatra suits: {item}"
    assert list_lead(chunk, relay, item, ["Flask"]) is None  # the intro names no one asked
    assert list_intro(chunk, other) is None  # no list item: the list ended before it
    assert list_intro(chunk, intro) is None
    # the second item after the first reads on from it: the intro once
    shown = with_intros([(_cand(chunk, relay), "A."), (_cand(chunk, proto), "B.")],
                        ["Sinatra"])
    assert [t for _c, t in shown] == ["Sinatra suits: A.", "B."]


def test_the_section_heading_only_for_the_first_sentence_of_a_section() -> None:
    first = _chunk("c1", "This is the slow part.\nFlask waits on the disk.", "Caveats", 0)
    second = _chunk("c2", "This is still the slow part.", "Caveats", 1)
    intro = _chunk("c3", "This post is short.", "My Flask Story", 0, "other")
    index = _Index([first, second, intro], {"other": _Meta("My Flask Story")})
    assert section_heading(first, first.sentences[0], index) == "Caveats"
    assert section_heading(first, first.sentences[1], index) is None  # one comes before it
    assert section_heading(second, second.sentences[0], index) is None  # section goes on
    assert section_heading(intro, intro.sentences[0], index) is None  # the title, no heading


def test_arrange_shows_a_section_opener_under_its_heading_instead_of_dropping_it() -> None:
    chunk = _chunk("c1", "This is where Sinatra struggles.", "Heavy traffic")
    cand = _cand(chunk, chunk.sentences[0], "Sinatra")
    shown, dropped = arrange([cand])
    assert shown == [] or shown[0].text == cand.text  # without a heading: left out (or kept)
    shown, dropped = arrange([cand], heading=lambda c: "Heavy traffic")
    assert [s.text for s in shown] == ["Under “Heavy traffic”: This is where Sinatra struggles."]
    assert dropped == []


def test_filler_reads_the_leads_as_naming_the_referent() -> None:
    bare = classify_answer("It suits relays that must take heavy traffic. [1]")
    assert bare[0][1] == "dangling"  # "it" with nothing before it
    led = classify_answer("On Sinatra (Ruby): It suits relays that must take heavy "
                          "traffic. [1]")
    assert led == [("It suits relays that must take heavy traffic.", "ok")]
    bare = classify_answer("Flask is small. [2] This is where Sinatra struggles most. [1]")
    assert [k for _t, k in bare] == ["ok", "dangling"]
    headed = classify_answer("Flask is small. [2] Under “Heavy traffic”: This is where "
                             "Sinatra struggles most. [1]")
    assert [k for _t, k in headed] == ["ok", "ok"]
    assert answer_sentences("On Sinatra (Ruby): It suits relays. [1]") == ["It suits relays."]
    # the eval's filler rate reads a sentence alone: under its heading it is no filler
    assert is_filler("This is where Sinatra struggles most.")
    (kept,) = answer_sentences("Under “Heavy traffic”: This is where Sinatra struggles most. [1]")
    assert not is_filler(kept)


def test_only_a_demonstrative_opening_its_passage_under_a_heading_passes_the_filter() -> None:
    chunk = _chunk("c1", "This is the slow part.\nThis one follows it.", "Caveats")
    first, second = (_cand(chunk, sp) for sp in chunk.sentences)
    assert opens_section(first)
    assert not opens_section(second)  # its "this" is the sentence before it
    bare = _chunk("c2", "This is the slow part.", "")
    assert not opens_section(_cand(bare, bare.sentences[0]))  # no heading to show
    named = _chunk("c3", "Flask is slow here.", "Caveats")
    assert not opens_section(_cand(named, named.sentences[0]))  # no demonstrative


def test_a_more_line_opening_its_section_is_shown_under_its_heading() -> None:
    chunk = _chunk("c1", "This is where Sinatra struggles.", "Heavy traffic")
    cand = _cand(chunk, chunk.sentences[0], "Sinatra")
    assert standalone([cand]) == [(cand, cand.text)]
    assert standalone([cand], lambda c: "Heavy traffic") == [
        (cand, "Under “Heavy traffic”: This is where Sinatra struggles.")]


def test_a_named_path_item_gets_its_intro_once_and_no_tag_after_a_sibling() -> None:
    chunk = _chunk("c1", LIST)
    _intro, relay, proto, _other = (_cand(chunk, sp) for sp in chunk.sentences)
    assert led_text(relay, "A.", "Sinatra", None, ["Sinatra"]) == "Sinatra suits: A."
    assert led_text(proto, "B.", "Sinatra", relay, ["Sinatra"]) == "B."  # reads on from A
    prose = _chunk("c2", "It boots in a blink.")
    it = _cand(prose, prose.sentences[0])
    assert led_text(it, "It boots in a blink.", "Sinatra", None, ["Sinatra"]) == (
        "On Sinatra: It boots in a blink.")
