"""Does the corpus cover a question? Decided from several signals, not one threshold.

One similarity threshold cannot work here: "How does Laravel compare to Rails?" sits close
to web-framework prose in embedding space (cosine ~0.5, like many real questions), while a
real question phrased in words the articles never use can score lower. So the decision
combines evidence of different kinds:

1. **Instructions**: "ignore your previous instructions", "reveal your system prompt" are
   not questions about the articles; answering them is never grounded.
2. **Foreign names**: the question names a technology (Laravel, Flask, Spring) or a proper
   noun (Paris, FIFA) that appears nowhere in the corpus. The check is against the live
   corpus vocabulary, so an article about Laravel added later makes Laravel covered.
3. **Lexical evidence**: how many of the question's content words occur in the corpus.
4. **Dense evidence**: the best cosine similarity of a passage to the question.

5. **Names in passing**: a product-like name in the question (``attribution.technology_names``:
   "Vercel", "Filament", "k6") that some passage mentions is not enough: the passages that
   mention it must also hold the question's other content words (``NAME_COVERAGE``). An
   article that names Vercel once in a deployment row does not answer "How do I set up a
   custom domain on Vercel with SSL?".

6. **A name's own thing**: a question about a part of a well-covered name ("How does
   Fastify's plugin system work?", "Gunicorn's graceful timeout") is not covered when no
   passage that mentions the name holds that part (``possessed``), however many passages
   mention the name. A possessive that asks about an aspect the articles compare ("Gin's
   performance") or a name's standing ("Socket.IO's role", ``STANDING``) is not checked:
   the articles say those in other words. Third technologies of the corpus (a comparison
   table's other column: Laravel, Go) are checked like any name even when an article's
   title holds them.

7. **Scope** (``assistant.scope``): a subject-less comparative means the configured pair
   and is covered when it asks about a criterion of the subjects file; "What is Express?"
   (a member alias of a subject) needs a passage that says what Express is; a subject's
   product or part that no passage names ("Django REST Framework", "Django signals"), a
   definition of a name the articles only use ("What is DRF?"), a kind of thing no
   passage names ("What port ...?") and a default no sentence states ("What database
   does Django use by default?") are not covered; a member the articles never name
   ("Is Express fast?") is answered as its subject, with a note saying so.

8. **Answer frames** (``assistant.answer_frame``): a question asking for names or a
   quantity is weighed without the words that say so ("household-name firms whose products
   depend on", "how big ... these days, counted in"): a passage holding such an answer
   with the question's subjects and half its other words vouches for it, and a topic of
   two or more words that no passage holds ("for brewing beer") declines it. One passage
   holding ``answer_frame.TOGETHER`` or more, and half, of the question's words is
   topical evidence (``held_together``). A quantity question is answered by a passage
   giving a number of what it counts ("80K stars" for "what star count has Django's
   repository collected?"), which also overrules the unknown-compound rule of 7.

9. **Asked facts** (``answer_frame.FACT_KINDS``): a question asking a version or release,
   a date or a price ("What is the current long-term-support release of Django, and until
   when is it supported?") is declined unless a passage with its subjects and half its
   topic gives a fact of that kind (a version number, a year, an amount): passages that
   only share its topic words ("long-term support") do not answer it.

10. **Criterion by meaning**: a question on the pair that the words alone would decline
    ("Which one lets me organise my codebase however I like instead of imposing a
    structure?") is covered when it asks a criterion of the subjects file by meaning
    (``assistant.asked.criterion_by_meaning``: the question's vector against the
    criteria's cue phrases). The answer path injects it as a callable (``meaning``), so
    this module imports no comparison service; without one, the words decide.

The name readings (foreign technologies, names in passing, possessives) live in
``assistant.question_names``.

Names of the subjects (from the subjects object passed in, never from this module) count
as strong evidence of topicality; the other signals then decide whether the question asks
something the articles talk about. A question that names an uncovered technology beside a
subject without comparing the two gets the covered part answered, with a note naming
what is not covered (``Coverage.note``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.answer_frame import FACT_KINDS, answer_frame, frame_evidence, held_together
from assistant.article_focus import referred_words
from assistant.article_list import lists_of
from assistant.article_subject import is_lead_name, owned_in_story
from assistant.asked import either_or
from assistant.asked_judgement import _evaluative, _judged, is_instruction
from assistant.asked_topic import unknown_topic
from assistant.asked_unsaid import unsaid as asked_unsaid
from assistant.asked_use import listed_only, story_cover, use_asked, use_note
from assistant.attribution import technology_names, third_technologies
from assistant.byline_name import affiliation_cover, of_referred_byline
from assistant.described import described
from assistant.kind_named import kind_said
from assistant.kind_unheard import unheard_kind
from assistant.passing_beside import PASSING, explained, in_referred
from assistant.question_names import (
    GENERIC,
    abbreviation,
    compared_with,
    coordinated,
    figure_close,
    foreign_tech,
    inside_other,
    measured,
    possessed,
    source_words,
    spellings,
    unknown_names,
)
from assistant.reported import meant_unsaid
from assistant.retriever import STOPWORDS, Retrieval, words
from assistant.scope import (
    asked_criterion,
    asked_kind,
    asker_context,
    at_head,
    default_unsaid,
    defined_term,
    describes,
    kind_phrase,
    longer_names,
    member_names,
    mentions,
    option_asked,
    pair_meant,
    quoted_in,
    split_compound,
    subject_products,
    unknown_compound,
    unmentioned_members,
    unsaid_versions,
)
from assistant.side_one import repeated_by_one
from assistant.situation import only_told
from assistant.unnamed_kind import unnamed_kinds
from assistant.whole_name import support, whole_names

#: Below this best-passage cosine nothing in the corpus is about the question.
DENSE_FLOOR = 0.25
#: A BM25 score this high on a question whose every content word is in the corpus is
#: lexical evidence strong enough to overrule a low dense score (MiniLM scores meta
#: questions like "Do the articles name a clear winner?" under 0.2).
BM25_STRONG = 1.5
#: Below this, a question that names neither subject needs lexical support to be answered.
DENSE_TOPICAL = 0.45
#: Fraction of content words that must occur in the corpus for an off-subject question.
LEXICAL_MIN = 0.6
#: Share of the question's other content words that a passage mentioning a name in
#: passing must hold for the question to count as covered.
NAME_COVERAGE = 0.5

#: What the decline of a fact question says the articles don't give, by its kind.
FACT_NOUN = {"version": "version or release", "date": "date", "price": "price"}

#: The configured criterion a question asks about by meaning (its embedding in, the
#: criterion's name or None out; a text, such as a phrase of the question, is embedded
#: first): ``assistant.asked.criterion_by_meaning`` bound to the
#: comparison service, injected by the answer path so this module imports no service.
CriterionByMeaning = Callable[["Sequence[float] | str"], "str | None"]


@dataclass(frozen=True)
class Coverage:
    """Whether the articles cover a question, and why.

    Attributes:
        covered: False means: answer that the articles don't say, with no citations.
        reason: ``covered``, ``partial``, ``instructions``, ``foreign-name``,
            ``passing-name``, ``unrelated-name``, ``undescribed-member``,
            ``undescribed-name``, ``default-unsaid``, ``fact-unsaid``, ``detail-unsaid``,
            ``off-topic`` or ``empty``.
        message: The reply to give when not covered.
        signals: The measurements the decision used (shown in debugging and the eval).
    """

    covered: bool
    reason: str
    message: str = ""
    signals: dict[str, Any] = field(default_factory=dict)
    #: When covered: a sentence to put before the answer (the question also names a
    #: technology the articles don't cover), else "".
    note: str = ""


def assess(question: str, retrieval: Retrieval, subjects: Any = None,
           meaning: CriterionByMeaning | None = None) -> Coverage:
    """Decide whether the corpus covers ``question`` (its standalone form).

    Args:
        question: The standalone question.
        retrieval: The retrieval for it (dense top score, query tokens, corpus index).
        subjects: The subjects object (``ComparisonConfig``); the configured one when None.
        meaning: The criterion by meaning of the question's vector (``retrieval.vector``);
            asked only of a question on the pair that the words alone would decline.
    """
    if subjects is None:
        from knowledge.subjects_config import default_subjects

        subjects = default_subjects()
    idx = retrieval.index
    tok = idx.tokenizer or subjects.tokenizer
    vocab_raw = idx.raw_vocabulary
    named = subjects.find_subjects(question)
    if not named and pair_meant(question, subjects):
        # "which one has the better perf?", "Which scales further?": a choice between
        # unnamed options is, in a corpus of one pair, a choice between the pair
        named = tuple(subjects.subject_names)
    criterion = asked_criterion(question, subjects) if len(set(named)) > 1 else None
    content = [t for t in retrieval.query_tokens if t not in GENERIC]
    topical = [t for t in content if t not in subjects.subject_tokens]
    known = [t for t in topical if t in idx.vocabulary]
    lexical = len(known) / len(topical) if topical else (1.0 if named else 0.0)
    foreign = foreign_tech(question, vocab_raw)
    unknown = unknown_names(question, vocab_raw, subjects)
    sources = source_words(idx) if not idx.empty else frozenset()
    # "In the FAQ, ...": the words naming the article the question refers to are no topic,
    # nor a third technology that article compares (``assistant.article_focus``)
    own = referred_words(retrieval, idx, subjects)
    passing: list[str] = []
    unrelated: list[str] = []
    third = third_technologies(idx, subjects) if not idx.empty else {}
    names = {}
    asked_names = technology_names(question, subjects)
    # a question naming an article's own subject (its lead's company) is about that article
    anchored = not idx.empty and any(is_lead_name(n, idx, tok) for n in asked_names)
    # "What is PM2, and how was it used ...?": the use is a covered half (``asked_use``)
    use = use_asked(question, asked_names) if not idx.empty else None
    # "Kestrel Pay's ledger database" asks about Kestrel Pay, not "Pay" (``whole_name``)
    asked_names = whole_names(question, asked_names, idx, tok) if not idx.empty else asked_names
    for name in asked_names:
        if (set(words(name)) <= sources and name.lower() not in third) \
                or set(words(name)) <= own:
            continue  # names an article or its publisher (a third technology still counts)
        n, cover = support(name, topical, idx, tok)
        names[name] = (n, round(cover, 2))
        if n == 0 and abbreviation(name) and not compared_with(question, name) \
                and not at_head(question, name):
            # "better DX", "the TCO": an unknown initialism not weighed against anything
            # is a term, not a product; it weighs like any capitalised unknown word
            if name not in unknown:
                unknown.append(name)
        elif n == 0 and name not in foreign and name.lower() not in STOPWORDS:
            foreign.append(name)
        elif 0 < n <= PASSING and cover < NAME_COVERAGE and not (
                anchored and abbreviation(name) and not compared_with(question, name)
                and not at_head(question, name)) and not (
                use and name == use.name and not listed_only(name, idx)
                and story_cover(name, topical, idx, tok) >= NAME_COVERAGE) \
                and affiliation_cover(name, topical, idx, tok) < NAME_COVERAGE:  # "our API"
            # in a question about an article's own company, an initialism not weighed
            # against anything ("At <company>, how does the RAM footprint ...") is a term
            # the question uses, not a product the articles mention in passing
            passing.append(name)
        elif n > PASSING and (owned := possessed(question, name, tok)) \
                and support(name, owned, idx, tok)[1] < 1.0 \
                and not figure_close(question, name, retrieval) \
                and not lists_of(name, owned, idx, tok) \
                and not owned_in_story(question, owned, idx, tok):
            # "How does Fastify's plugin system work?": the articles mention Fastify often,
            # but no passage that does holds what the question asks about it (a figure of
            # it asked in other words, "Fastify's worst one-in-a-hundred response times",
            # is held by a passage close in meaning: ``figure_close``)
            unrelated.append(name)
    covered = [m for m, (k, _c) in names.items() if k > PASSING]  # "leave WordPress for Laravel"
    passing = [p for p in passing
               if not explained(p, covered, topical, retrieval, tok, question)]
    # "C" read out of "C#": a name found only inside another name the question uses is no
    # name of its own (nor listed in a decline beside it)
    foreign = [f for f in foreign if not inside_other(question, f, foreign)
               and not set(words(f)) <= own]
    unknown = [u for u in unknown if not inside_other(question, u, foreign + unknown)
               and not set(words(u)) <= own]
    # "... when Sofia Lindqvist wrapped up her diary?": the referred article's author
    foreign = [f for f in foreign if not of_referred_byline(f, retrieval)]
    unknown = [u for u in unknown if not of_referred_byline(u, retrieval)]
    if not named and option_asked(question, subjects) and all(
            asker_context(question, spellings(f)) for f in [*foreign, *unknown]):
        # "We are five C# developers. Which of the two backends?": the names describe the
        # asker's team, and the options named by their kind are the pair
        named = tuple(subjects.subject_names)
        criterion = asked_criterion(question, subjects)
    pair = " and ".join(subjects.subject_names)
    term = defined_term(question)
    members = member_names(term, subjects) if term else ()
    products = [p for p in subject_products(question, subjects, vocab_raw)
                if idx.empty or not mentions([p], idx)]
    kind = asked_kind(question, subjects, tok)
    # "in Django's favour", "Node's strengths": a judgement word is no part of the subject
    compound = [w for w in unknown_compound(question, subjects, idx, tok, story=getattr(
        retrieval, "named", None) is not None) if not _evaluative(w)
        and not repeated_by_one(question, w, subjects)]  # "a Django X alongside a Node.js one"
    # "Django's rigid structure": a trait described in words of the question's own, which
    # the articles weigh as a criterion ("strict", "less flexible"), is no unknown part
    traits = described(question, compound, idx, tok, meaning)
    compound = [w for w in compound if not any(p.split()[0] == w for p in traits)]
    signals: dict[str, Any] = {
        "dense_top": round(retrieval.dense_top, 4),
        "bm25_top": round(retrieval.bm25_top, 4),
        "lexical": round(lexical, 3),
        "subjects": list(named),
        "foreign": foreign,
        "unknown_names": unknown,
        "names": names,
        "anchored": anchored,
        "passing": passing,
        "unrelated": unrelated,
        "criterion": criterion,
        "defined": term,
        "members": list(members),
        "products": products,
        "kind": kind,
        "compound": compound,
        "traits": traits,
    }

    def no(reason: str, message: str) -> Coverage:
        return Coverage(False, reason, message, signals)

    def by_meaning(pair: bool) -> bool:
        """Whether a question on the pair asks about a configured criterion by meaning."""
        if not pair or meaning is None or not retrieval.vector:
            return False
        signals["meaning"] = meaning(retrieval.vector)
        return bool(signals["meaning"])

    if idx.empty:
        return no("empty", "The knowledge base is empty: ingest the articles first "
                  "(`versus ingest`).")
    if is_instruction(question):
        return no(
            "instructions",
            f"I can only answer questions about what the articles say about {pair}; the "
            "articles don't say anything about that request.",
        )
    if term and members and not describes(members, idx):
        # "What is Express?": Express is listed as an alias of a subject, but a definition
        # of the subject is not one of Express (``assistant.scope``)
        said = ("mention " + term + " but don't say what it is" if mentions(members, idx)
                else "don't describe " + term)
        return no("undescribed-member", f"The articles {said}; they compare {pair}.")
    if products:
        return no("foreign-name", f"The articles don't cover {', '.join(products)}; "
                  f"they compare {pair}.")
    if versions := unsaid_versions(question, subjects, idx):
        # "List the main features added in Django 5.0": no passage speaks of that release
        signals["versions"] = versions
        return no("foreign-name", f"The articles don't cover {', '.join(versions)}; "
                  f"they compare {pair}.")
    used = use is not None and names.get(use.name, (0, 0.0))[0] > 0
    if used and use is not None and listed_only(use.name, idx):
        # "What is TypeORM, and how did the teams use it?": only a list of names holds it
        return no("passing-name", f"The articles mention {use.name} only in a list of names "
                  "and don't say how it was used.")
    if term and not members and (tn := [n for n in names if n in term and names[n][0] > 0]) \
            and not subjects.find_subjects(term) and not describes(tn, idx) \
            and not kind_said(tn, idx) and not _judged(term, tn) \
            and not (used and use is not None and use.name in tn):
        # "What is DRF?" where the articles only use DRF ("DRF's generic views covered ...");
        # a passage naming the tool beside the word of its kind ("Node.js has no built-in
        # ORM; Prisma, ... all work") says what it is (``assistant.kind_named``), and "What
        # is Go good for?" asks for a judgement, not a definition
        return no("undescribed-name", f"The articles mention {', '.join(tn)} but don't say "
                  "what it is.")
    if unsaid := meant_unsaid(question, idx, tok):
        # "What does <speaker> mean by <term>?": no passage uses the speaker's term
        return no("off-topic", f"The articles don't use the term {unsaid}.")
    if kinds := unnamed_kinds(question, idx):  # "Which linters ...?": no passage names one
        return no("off-topic", f"The articles don't name any {' or '.join(kinds)}.")
    # an answer-typed question: "list a few household-name firms whose products depend
    # on Node" asks for names, and its frame is no topic (``assistant.answer_frame``)
    framed = answer_frame(question, tok, subjects.subject_tokens, GENERIC)
    evidence = frame_evidence(framed, [t for n in dict.fromkeys(named) for t in tok.tokens(n)],
                              idx, question) if framed else None
    if framed:
        signals["frame"] = {"kind": framed.kind, "topic": list(framed.topic),
                            "evidence": evidence}
    if compound and evidence != "answered":
        # "How do Django signals work?", "Django's collectstatic command": a part of a
        # subject that no passage speaks of ("what star count has Django's repository
        # collected?" is answered by "80K stars", whatever it calls the repository)
        return no("off-topic", "The articles don't say anything about that.")
    if framed and framed.kind in FACT_KINDS and evidence != "answered":
        # "What is the current long-term-support release of Django?": passages on the
        # topic, none giving a release (a version number, a year, a price)
        return no("fact-unsaid", f"The articles don't give that {FACT_NOUN[framed.kind]}.")
    if len(kind) == 1 and kind[0] not in idx.vocabulary and lexical < 0.5 \
            and evidence != "answered" and not _evaluative(kind_phrase(question)):
        # "What port does Django listen on?": no passage speaks of that kind of thing, nor
        # of most of the question's other words ("Which firms have adopted Django?" asks
        # for names a passage lists). An evaluative kind ("What trouble does
        # Django run into ...", "Which benefits ...") asks for a judgement the articles
        # give in words of their own, and a question mostly in the articles' words
        # ("Which pieces would I pick libraries for ...") is about what they cover
        return no("off-topic", "The articles don't say anything about that.")
    if default_unsaid(question, kind, idx, tok):
        # "What database does Django use by default?": passages on databases and on
        # defaults, none on the default database
        return no("default-unsaid", f"The articles don't say which {kind_phrase(question)} "
                  "is the default.")
    note = use_note(use, describes([use.name], idx) or kind_said([use.name], idx)) \
        if used and use is not None else ""
    if foreign:
        # "Ruby on Rails" says "Ruby" and "Rails" too; "C#" says "C": list the whole only
        listed = ", ".join(f for f in foreign if not any(
            f != g and (f in g.split() or (g.startswith(f) and not g[len(f)].isalnum()))
            for g in foreign))
        # "Is Django faster than Quarkus?", "Can I use Django with React?": nothing to
        # answer without the name. "How do Django and Quarkus handle sessions?": the
        # Django part is covered, and so is "We have three React developers: Django or
        # Node.js?", where the name only describes the asker's team (``asker_context``)
        context = [f for f in foreign if asker_context(question, spellings(f))]
        choice = either_or(question, list(subjects.subject_names), subjects.find_subjects)
        if choice:
            # "Our app is written in TypeScript for React Native: is Node.js or Django the
            # better backend?": the pair itself is offered as the choice, so a name that is
            # not compared with a side is the asker's setting, not what is asked about; one
            # in the asking clause ("easier to roll out on Kubernetes, Django or Node?") is
            # what it asks (``situation.only_told``), even listed beside the pair ("to
            # provision with Terraform, Django or Node.js?")
            context += [f for f in foreign if f not in context and not compared_with(
                question, f) and not at_head(question, f) and only_told(question, spellings(f))]
        signals["context"] = context
        if not named or not all(f in context or (
                coordinated(question, f) and not compared_with(question, f) and not choice
                and not at_head(question, f)) for f in foreign):
            # "What is Deno, and how is it related to Node.js?": a name the question opens
            # on is what it asks about, so there is no covered part to answer
            return no("foreign-name",
                      f"The articles don't say: they compare {pair} and do not cover {listed}.")
        note = f"The articles don't cover {listed}; this answer covers the rest of the question."
    topic = unknown_topic(question, idx, tok, compound=split_compound) if not named else []
    if topic:
        # "What are the benefits of mechanical keyboards for programmers?": the thing
        # judged is a word no passage uses, however many of the question's other words
        # ("benefits", "programmers") the articles share (``assistant.asked_topic``)
        signals["topic"] = topic
        return no("off-topic", "The articles don't say anything about that.")
    asked_measure = [p for p in passing if measured(question, p)]
    if asked_measure and framed is not None and framed.kind == "quantity":
        # "how much RAM does one Go (Gin) instance need?": the name is the measure asked
        # (a table says "Memory"), not topic; a passage giving a figure with the rest of
        # the question's topic answers it (``answer_frame``)
        drop = {t for p in asked_measure for t in tok.tokens(p)}
        rest = replace(framed, topic=tuple(t for t in framed.topic if t not in drop))
        if frame_evidence(rest, [t for n in dict.fromkeys(named) for t in tok.tokens(n)],
                          idx) == "answered":
            passing = [p for p in passing if p not in asked_measure]
    if passing:
        listed = ", ".join(passing)
        # "the Django Software Foundation": a longer name that a subject's opens is what
        # the question asks about, not the subject
        longer = [n for n in longer_names(question, subjects)
                  if any(f in n.split()[1:] for f in passing)]
        if not named or longer or any(compared_with(question, f) for f in passing):
            listed = ", ".join(longer) or listed
            return no("passing-name",
                      f"The articles mention {listed} only in passing and don't cover that.")
    if unrelated:
        return no("unrelated-name",
                  f"The articles mention {', '.join(unrelated)} but don't say anything "
                  "about that.")
    if evidence != "answered" and not foreign and not _evaluative(kind_phrase(question)) \
            and unheard_kind(kind, kind_phrase(question), retrieval.dense_top, idx,
                             split_compound):
        # "Which autovacuum settings ...?": a kind in a word no passage uses, and no
        # passage close in meaning (``assistant.kind_unheard``); read after the name
        # declines, whose messages say which name is not covered ("Which Rust crate ...")
        return no("off-topic", "The articles don't say anything about that.")
    if own and not topical and not foreign and not unknown:
        # "In the migration story, what got worse?": the article referred to is the topic
        return Coverage(True, "partial" if note else "covered", "", signals, note)
    if not content and not named:
        return no("off-topic", "The articles don't say anything about that.")
    if evidence == "untouched":
        # "Which companies use Django for brewing beer?": no passage holds brewing or beer
        return no("off-topic", "The articles don't say anything about that.")
    strong_lexical = lexical >= 0.99 and retrieval.bm25_top >= BM25_STRONG
    # a phrase quoted from the articles ("What does 'batteries included' refer to?")
    quoted = quoted_in(question, [c.text for c in idx.chunks]) if not idx.empty else None
    signals["quoted"] = quoted
    # a passage in the articles' words vouches for a question in words of its own
    vouched = bool(quoted) or evidence == "answered"
    # "What is Elaborate, the health product mentioned on the PLANEKS page?": a name the
    # referred article spells is the question's topic however low the dense score
    referred_name = any(k > 0 and in_referred(m, retrieval, tok) for m, (k, _c) in names.items())
    if retrieval.dense_top < DENSE_FLOOR and not strong_lexical and not vouched \
            and not referred_name:
        return no("off-topic", "The articles don't say anything about that.")
    if not named:
        if unknown and retrieval.dense_top < DENSE_TOPICAL + 0.1:
            return no(
                "foreign-name",
                f"The articles don't say anything about {', '.join(unknown)}.",
            )
        if lexical < LEXICAL_MIN and retrieval.dense_top < DENSE_TOPICAL and not vouched \
                and not held_together(topical, idx, signals):
            return no("off-topic", "The articles don't say anything about that.")
    elif topical and lexical <= 0.5 and retrieval.dense_top < DENSE_TOPICAL and not criterion \
            and not vouched and not held_together(topical, idx, signals) \
            and not by_meaning(len(set(named)) > 1):
        # a comparison of the pair on a criterion of the subjects file, by a cue word ("Which
        # of the two is less prone to security holes?") or by meaning ("Which one lets me
        # organise my codebase however I like?": flexibility), is covered in the articles'
        # words
        return no("off-topic", "The articles don't say anything about that.")
    gap = asked_unsaid(question, retrieval, topical, tok,
                       [*subjects.subject_tokens, *GENERIC], signals, vouched, bool(quoted))
    if gap:  # a detail or a figure of a covered subject no shown passage gives
        return no(*gap)
    unmentioned = unmentioned_members(question, subjects, idx)
    if unmentioned and not note:
        # "Is Express fast?" over articles that never name Express: the subjects file
        # counts Express as Node.js, the answer says so
        which = " and ".join(dict.fromkeys(subject for _m, subject in unmentioned))
        note = (f"The articles don't mention {', '.join(m for m, _s in unmentioned)}; this "
                f"answer is about {which}.")
        signals["unmentioned"] = [m for m, _s in unmentioned]
    return Coverage(True, "partial" if note else "covered", "", signals, note)
