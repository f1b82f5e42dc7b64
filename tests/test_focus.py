"""The visible answer (assistant.focus.split_visible) and dangling openers
(assistant.filler.needs_antecedent) on hand-built candidates: fast units.

The sentences are invented for these tests; what they check is the shape of the rules.
"""

from __future__ import annotations

from assistant.filler import needs_antecedent
from assistant.focus import VISIBLE_MAX, split_visible
from assistant.sentences import Candidate
from knowledge.models import Chunk, Span
from tests.conftest import passage as _passage


def _cand(chunk: Chunk, span: Span, score: float, *, subject: str | None = None,
          lex: float = 0.5, sem: float = 0.5, typed: bool = False, polarity: int = 0,
          bonus: float = 0.0, label: str | None = None) -> Candidate:
    text = chunk.text[span.start:span.end]
    return Candidate(chunk, span, text, score, 0, subject, table_label=label, bonus=bonus,
                     polarity=polarity, sem=sem, lex=lex, typed=typed)


def _texts(cands: list[Candidate]) -> list[str]:
    return [c.text for c in cands]


def test_off_focus_sentences_go_to_more() -> None:
    a, sa = _passage("a", ["Django renders templates without any Python in them."])
    b, sb = _passage("b", ["Choosing a backend shapes your whole product."])
    on = _cand(a, sa[0], 0.9)
    off = _cand(b, sb[0], 0.85, lex=0.0, sem=0.4)  # no question term, not close in meaning
    shown, hidden = split_visible([on, off], comparison=False)
    assert _texts(shown) == [on.text]
    assert _texts(hidden) == [off.text]


def test_a_sentence_far_below_the_best_goes_to_more() -> None:
    a, sa = _passage("a", ["Express apps need helmet for secure headers."])
    b, sb = _passage("b", ["Security reviews take time on every stack."])
    best, weak = _cand(a, sa[0], 1.0), _cand(b, sb[0], 0.5)
    shown, hidden = split_visible([best, weak], comparison=False)
    assert _texts(shown) == [best.text] and _texts(hidden) == [weak.text]


def test_at_most_the_cap_and_the_best_first() -> None:
    chunks = [_passage(str(i), [f"Fact number {i} about routing in the framework."])
              for i in range(VISIBLE_MAX + 3)]
    cands = [_cand(c, s[0], 0.9 - 0.01 * i) for i, (c, s) in enumerate(chunks)]
    shown, hidden = split_visible(list(reversed(cands)), comparison=False)
    assert len(shown) == VISIBLE_MAX
    assert shown[0] is cands[0]
    assert len(hidden) == 3


def test_the_next_sentence_reads_on_and_comes_along() -> None:
    a, sa = _passage("a", ["We did not rewrite it at once.",
                           "A proxy routed each endpoint to the new app in turn."])
    first = _cand(a, sa[0], 0.9)
    nxt = _cand(a, sa[1], 0.3, lex=0.0, sem=0.3)  # weak alone, but announced
    shown, _hidden = split_visible([first], comparison=False, pool=[first, nxt])
    assert _texts(shown) == [first.text, nxt.text]


def test_answer_type_and_polarity_keep_only_matching_sentences() -> None:
    a, sa = _passage("a", ["Acme, Globex and Initech run their stores on it.",
                           "The framework is written in Python."])
    names = _cand(a, sa[0], 1.2, typed=True, bonus=0.5)
    other = _cand(a, sa[1], 0.7)
    b, sb = _passage("b", ["Its async support is still patchy in places."])
    other2 = _cand(b, sb[0], 0.7)
    shown, _ = split_visible([names, other2], comparison=False)
    assert _texts(shown) == [names.text]
    con = _cand(b, sb[0], 0.8, polarity=-1)
    neutral = _cand(a, sa[1], 0.79, polarity=0)
    shown, hidden = split_visible([con, neutral], comparison=False, polarity=-1)
    assert _texts(shown) == [con.text] and _texts(hidden) == [neutral.text]
    assert other not in shown


def test_a_comparison_shows_each_side_and_drops_general_remarks() -> None:
    a, sa = _passage("a", ["Django ships CSRF protection on by default."])
    b, sb = _passage("b", ["Node.js leaves security headers to middleware."])
    c, sc = _passage("c", ["Security matters for every web product."])
    d, sd = _passage("d", ["Django is safer than Node.js without extra setup."])
    dj = _cand(a, sa[0], 0.95, subject="Django")
    nd = _cand(b, sb[0], 0.6, subject="Node.js", lex=0.0, sem=0.7)
    general = _cand(c, sc[0], 0.9, subject=None)
    both = _cand(d, sd[0], 0.85, subject=None)
    shown, hidden = split_visible([dj, general, both, nd], comparison=True,
                                  find=lambda t: tuple(s for s in ("Django", "Node.js")
                                                       if s in t))
    assert nd in shown  # each side's best on focus, though below the floor
    assert both in shown and general in hidden


def test_a_table_cell_brings_the_other_sides_cell_of_its_row() -> None:
    row, sr = _passage("r", ["Web framework.", "Runtime environment."])
    dj = _cand(row, sr[0], 0.9, subject="Django", label="Tool type")
    nd = _cand(row, sr[1], 0.4, subject="Node.js", label="Tool type", lex=0.0, sem=0.3)
    shown, _ = split_visible([dj, nd], comparison=True)
    assert _texts(shown) == [dj.text, nd.text]


def test_dangling_openers() -> None:
    # "This"/"They" always point back; "It" is clear when the question or label names it.
    assert needs_antecedent("This language has a gentle learning curve.", "Django")
    assert needs_antecedent("They moved the billing service first.", None)
    assert needs_antecedent("It is not suited to small apps.", "Django", single="Node.js")
    assert not needs_antecedent("It is not suited to small apps.", "Django", single="Django")
    assert not needs_antecedent("It is not suited to small apps.", "Django", labelled=True)
    assert not needs_antecedent("It is easy to add a REST layer.", None)  # dummy "it"
    assert not needs_antecedent("It runs one request per worker.", None, table_label="Model")
    assert not needs_antecedent("Django has an admin site.", "Django")
    # in a comparison, an "Its ..." that names a subject itself is clear enough
    assert not needs_antecedent("Its event loop lets a Node.js API serve more.", None,
                                labelled=True, named=True)
    assert needs_antecedent("Its event loop serves more.", None, labelled=True)


def test_a_general_remark_is_not_shown_even_when_it_scores_best() -> None:
    # The best-scoring sentence of a comparison is a remark about neither side: it goes to
    # "more", and the sides' own sentences lead (no generic "Compared directly" line).
    a, sa = _passage("a", ["Every stack comes with trade-offs for a small team."])
    b, sb = _passage("b", ["Flask keeps request handling in one thread per worker."])
    c, sc = _passage("c", ["Express serves many open sockets from one process."])
    general = _cand(a, sa[0], 1.0, subject=None)
    fl = _cand(b, sb[0], 0.8, subject="Flask")
    ex = _cand(c, sc[0], 0.78, subject="Express")
    shown, hidden = split_visible([general, fl, ex], comparison=True,
                                  find=lambda t: tuple(s for s in ("Flask", "Express")
                                                       if s in t))
    assert general in hidden
    assert shown[0] is fl and ex in shown


def test_a_table_row_on_the_asked_point_is_shown_with_both_cells() -> None:
    # "How do Flask and Express handle uploads?": the row labelled with the asked term is
    # the side-by-side answer, even when neither cell was among the chosen sentences.
    a, sa = _passage("a", ["Flask streams large uploads to disk before the view runs."])
    b, sb = _passage("b", ["Express hands uploads to a middleware of your choice."])
    row, srow = _passage("r", ["Werkzeug parser.", "Multer or busboy."])
    fl = _cand(a, sa[0], 1.0, subject="Flask")
    ex = _cand(b, sb[0], 0.9, subject="Express")
    cell_f = _cand(row, srow[0], 0.5, subject="Flask", label="File uploads")
    cell_e = _cand(row, srow[1], 0.45, subject="Express", label="File uploads")
    cell_f.label_lex = cell_e.label_lex = 0.6
    find = lambda t: tuple(s for s in ("Flask", "Express") if s in t)  # noqa: E731
    shown, _hidden = split_visible([fl, ex], comparison=True, pool=[fl, ex, cell_f, cell_e],
                                   find=find)
    assert cell_f in shown and cell_e in shown
    # a row whose label is off the question stays out
    cell_f.label_lex = cell_e.label_lex = 0.1
    shown, _hidden = split_visible([fl, ex], comparison=True, pool=[fl, ex, cell_f, cell_e],
                                   find=find)
    assert cell_f not in shown and cell_e not in shown


def test_a_lone_short_line_naming_no_subject_brings_the_next_sentence() -> None:
    a, sa = _passage("a", ["Our support staff wanted an admin screen too."])
    b, sb = _passage("b", ["Express leaves that screen for you to build by hand."])
    lone = _cand(a, sa[0], 1.0, lex=0.4)
    nxt = _cand(b, sb[0], 0.4, lex=0.0, sem=0.3)  # far below the floor, off focus
    find = lambda t: tuple(s for s in ("Flask", "Express") if s in t)  # noqa: E731
    shown, _hidden = split_visible([lone, nxt], comparison=False, find=find)
    assert _texts(shown) == [lone.text, nxt.text]
    # a lone line that names its subject is an answer on its own
    named, sn = _passage("c", ["Express ships no admin screen at all."])
    own = _cand(named, sn[0], 1.0, lex=0.4)
    shown, _hidden = split_visible([own, nxt], comparison=False, find=find)
    assert _texts(shown) == [own.text]


def test_the_next_sentence_about_the_other_subject_does_not_come_along() -> None:
    a, sa = _passage("a", ["Django's task queue copes fine with nightly imports.",
                           "Node.js workers run the same jobs with a lighter footprint."])
    best = _cand(a, sa[0], 0.9, subject="Django")
    other = _cand(a, sa[1], 0.5, subject="Node.js")  # reads on, but about the other side
    shown, hidden = split_visible([best, other], comparison=False)
    assert _texts(shown) == [best.text]
    assert _texts(hidden) == [other.text]


def test_the_closest_sentence_in_meaning_is_shown_without_a_question_word() -> None:
    a, sa = _passage("a", ["Express apps need helmet for secure headers."])
    b, sb = _passage("b", ["Every package you add is code you now have to trust."])
    best = _cand(a, sa[0], 0.9, lex=0.4, sem=0.6)
    para = _cand(b, sb[0], 0.72, lex=0.0, sem=0.65)  # off focus by the gate's figures
    shown, _ = split_visible([best, para], comparison=False)
    assert _texts(shown) == [best.text, para.text]
    # far below the best it is not shown
    para.score = 0.5
    shown, hidden = split_visible([best, para], comparison=False)
    assert _texts(shown) == [best.text] and _texts(hidden) == [para.text]


def test_the_closest_sentence_keeps_to_the_asked_answer_type() -> None:
    a, sa = _passage("a", ["Acme, Globex and Initech run their shops on it."])
    b, sb = _passage("b", ["Its architecture differs from other server platforms."])
    names = _cand(a, sa[0], 0.9, sem=0.5, typed=True, bonus=0.3)
    close = _cand(b, sb[0], 0.7, lex=0.0, sem=0.7)  # closest, but lists no names
    shown, hidden = split_visible([names, close], comparison=False)
    assert _texts(shown) == [names.text] and _texts(hidden) == [close.text]
