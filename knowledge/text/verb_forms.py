"""The forms of one English irregular verb: "chose" and "choose" are one word.

Why: the stemmer (``knowledge.text.tokens``) meets regular inflections ("migrated" /
"migrate") but not irregular ones: "chose" stems to "chose" and "choose" to "choos", "ran"
to "ran" and "run" to "run". A question asking why teams *chose* a tool then shares no word
with the sentence "We chose Fastify over Express because ...", and the third-technology
path read it as off the topic (blind review 19's j43). The table is generic English grammar
(base, past, past participle of the common irregular verbs, as any grammar lists them),
never a word of one article; the word-family code (``assistant.word_family``) reads it.
Left out: the verbs whose every form is a stopword ("be", "do", "have", "get", "say"), and
"go" and "spring", which the library uses as technology names (Go, Spring Boot).
"""

from __future__ import annotations

from functools import lru_cache

#: "base past participle" per verb; a slash gives two accepted spellings of one form.
_TABLE = """
arise arose arisen|awake awoke awoken|bear bore borne|beat beat beaten
become became become|begin began begun|bend bent bent|bet bet bet|bind bound bound
bite bit bitten|bleed bled bled|blow blew blown|break broke broken|breed bred bred
bring brought brought|build built built|burn burnt/burned burnt/burned|buy bought bought
catch caught caught|choose chose chosen|cling clung clung|come came come|cost cost cost
creep crept crept|cut cut cut|deal dealt dealt|dig dug dug|draw drew drawn
dream dreamt/dreamed dreamt/dreamed|drink drank drunk|drive drove driven|eat ate eaten
fall fell fallen|feed fed fed|feel felt felt|fight fought fought|find found found
flee fled fled|fly flew flown|forbid forbade forbidden|forget forgot forgotten
forgive forgave forgiven|freeze froze frozen|give gave given
grind ground ground|grow grew grown|hang hung hung|hear heard heard
hide hid hidden|hit hit hit|hold held held|hurt hurt hurt|keep kept kept|know knew known
lay laid laid|lead led led|lean leant/leaned leant/leaned|leap leapt/leaped leapt/leaped
learn learnt/learned learnt/learned|leave left left|lend lent lent|let let let|lie lay lain
light lit lit|lose lost lost|make made made|mean meant meant|meet met met|pay paid paid
prove proved proven|put put put|quit quit quit|read read read|rewrite rewrote rewritten
ride rode ridden|ring rang rung|rise rose risen|run ran run|see saw seen
seek sought sought|sell sold sold|send sent sent|set set set|shake shook shaken
shine shone shone|shoot shot shot|show showed shown|shrink shrank shrunk|shut shut shut
sing sang sung|sink sank sunk|sit sat sat|sleep slept slept|slide slid slid
speak spoke spoken|speed sped sped|spend spent spent|spin spun spun|split split split
spread spread spread|stand stood stood|steal stole stolen
stick stuck stuck|sting stung stung|strike struck struck|strive strove striven
swear swore sworn|sweep swept swept|swim swam swum|swing swung swung|take took taken
teach taught taught|tear tore torn|tell told told|think thought thought|throw threw thrown
understand understood understood|undo undid undone|upset upset upset|wake woke woken
wear wore worn|weave wove woven|win won won|wind wound wound|withdraw withdrew withdrawn
write wrote written|outgrow outgrew outgrown|overtake overtook overtaken|rebuild rebuilt rebuilt
rethink rethought rethought|oversee oversaw overseen|undergo underwent undergone
"""


@lru_cache(maxsize=1)
def _forms() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for entry in " ".join(_TABLE.split()).replace("| ", "|").split("|"):
        group = frozenset(w for part in entry.split() for w in part.split("/"))
        for w in group:
            out.setdefault(w, set()).update(group)
    return {w: frozenset(g) for w, g in out.items()}


def verb_forms(word: str) -> frozenset[str]:
    """The forms of the irregular verb ``word`` is a form of ("chose" -> choose, chose,
    chosen), or the empty set for a word no irregular verb takes. A word two verbs share
    ("lay": lie's past and lay's base; "found", "ground", "wound") gets both verbs' forms."""
    return _forms().get(word.lower(), frozenset())


def all_forms() -> frozenset[frozenset[str]]:
    """Every verb's forms, one set per verb (a word two verbs share is in both)."""
    return frozenset(_forms().values())
