"""Find the words of a sentence that name PLOVER events, and decide what each names.

A trigger is a verb ("attacked"), a light verb with its event noun ("lodged a protest"), an event noun
("a drone attack on its territory") or an adjective that turns its noun into an event ("retaliatory
measures"). Which one wins when they overlap is decided here, once, so later stages see each event once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventlens.extract.judgement_words import kind_of, names_as
from eventlens.extract.lexicon import Lexicon, Sense
from eventlens.extract.object_verbs import ObjectVerbs
from eventlens.extract.patterns import PatternMatch, VerbPatterns, of_objects

__all__ = [
    "DEFINITE",
    "EVENT_NOUNS_TRANSPARENT",
    "EXERCISES",
    "WEAPONS",
    "Trigger",
    "find_triggers",
    "phrasal",
]

# Nouns that stand for a claim about an event: walking up from the event, they pass the frame on.
EVENT_NOUNS_TRANSPARENT = frozenset(
    {
        "claim",
        "report",
        "allegation",
        "accusation",
        "responsibility",
        "involvement",
        "role",
        "charge",
        "fact",
        "evidence",
        "suggestion",
        "assertion",
        "statement",
        "denial",
    }
)
# Weapons as subjects or objects of attack verbs: "four drones were fired", "a drone crashed".
WEAPONS = frozenset(
    {
        "drone",
        "missile",
        "rocket",
        "shell",
        "bomb",
        "mortar",
        "uav",
        "aircraft",
        "jet",
        "warplane",
        "projectile",
        "grenade",
        "artillery",
        "munition",
        "vehicle",
        "one",
    }
)
DEFINITE = frozenset({"the", "this", "these", "that", "those", "such"})
_LIGHT_DEPS = frozenset({"dobj", "pobj", "attr", "nsubjpass", "oprd", "npadvmod", "dative"})
_NOMINAL_POS = frozenset({"NOUN", "PROPN"})
# Particle words the parser may tag as adverbs after a verb.
_PARTICLES = frozenset({"aside", "away", "back", "off", "out", "down", "up", "over"})
# Nouns that name a military exercise alone ("held drills") or with a military modifier of triggers.tsv
# ("naval drills"), but something else with another modifier ("a fire drill", "a cost-cutting exercise").
EXERCISES = frozenset({"exercise", "drill", "manoeuvre", "maneuver"})
# Adjectives that finish a verb's meaning as its result ("set free", "let loose"); the small model
# hangs them on the object ("set free two soldiers": "free" an adjective of "soldiers").
_RESULTATIVES = frozenset({"free", "loose"})
# Verbs by which an actor makes its own act known: their object names an act of their subject.
_ANNOUNCING = frozenset({"announce", "declare", "decree", "proclaim"})
# English action-noun suffixes and the verb endings they replace (`_deverbal_bases`).
_ACTION_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ulsion", ("el",)),
    ("ition", ("ite",)),
    ("ation", ("ate", "y", "", "e")),
    ("sion", ("d", "de")),
    ("ment", ("",)),
    ("ure", ("e",)),
    ("ion", ("e", "")),
    ("al", ("", "e")),
    ("ing", ("", "e")),
)
# Verbs of occurrence: their subject is the event ("clashes erupted", "fighting broke out", "talks took
# place"), with the particle or object some of them need. English grammar, not a list of events.
_OCCURRENCE = {
    "erupt": None,
    "continue": None,
    "resume": None,
    "flare": None,
    "occur": None,
    "rage": None,
    "intensify": None,
    "escalate": None,
    "spread": None,
    "happen": None,
    "ensue": None,
    "break": "out",
    "take": "place",
    "go": "on",
}
# A participle describing a noun ("the curfew imposed in Sudan", "the proposed corridor") tells what the
# noun is, not a new event.
_DESCRIPTIVE_DEPS = frozenset({"amod", "acl"})
_IMPACT_VERBS = frozenset({"crash", "explode", "hit", "strike", "land", "fall"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """One event-naming word (or pair) in a sentence.

    `head` carries the arguments: the verb for verbal and light-verb triggers, the noun for nominal ones.
    `words` are all the trigger's tokens, for the evidence span.
    """

    head: Token
    words: tuple[Token, ...]
    sense: Sense
    nominal: bool


def verb_lemmas(token: Token) -> list[str]:
    """The parser's lemma, then forms rebuilt from the word, for the small model's slips ("staged" →
    "stag")."""
    lemma, word = token.lemma_.lower(), token.lower_
    forms = [lemma]
    if word.endswith("ed"):
        forms += [word[:-1], word[:-2]]
    elif word.endswith("ing"):
        forms += [word[:-3], word[:-3] + "e"]
    elif word.endswith("s"):
        forms += [word[:-1]]
    return list(dict.fromkeys(forms))


def _particles(token: Token) -> list[str]:
    """A verb's particles ("out" of "pull out"); else an adverb right after it that is a particle word,
    as the parser often tags "aside" or "back" so ("brushed aside the request", "hit back at")."""
    particles = [c.lemma_.lower() for c in token.children if c.dep_ == "prt"]
    return particles or [
        c.lower_
        for c in token.children
        if c.dep_ == "advmod" and c.i == token.i + 1 and c.lower_ in _PARTICLES
    ]


def phrasal(token: Token) -> str:
    """The verb's lemma with its particle (`_particles`) as a multi-word verb ("pull out", "rule out"), or
    its lemma alone."""
    particles = _particles(token)
    return f"{token.lemma_.lower()} {particles[0]}" if particles else token.lemma_.lower()


def _noun_lemmas(token: Token) -> list[str]:
    """The names a noun may be part of, most specific first: the hyphenated word it ends ("sit-in"),
    with its nearest noun or adjective modifier ("peace talks", "martial law"), with its "of" phrase
    ("state of emergency"), alone."""
    lemma = token.lemma_.lower()
    out = [joined] if (joined := hyphenated(token)) else []
    modifiers = [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ")]
    if modifiers:
        out.append(f"{modifiers[-1].lemma_.lower()} {lemma}")
    inner = next(iter(of_objects(token)), None)
    if inner is not None:
        out.append(f"{lemma} of {inner.lemma_.lower()}")
    out.append(lemma)
    return out


def hyphenated(token: Token) -> str | None:
    """The hyphenated word a token ends, which the tokenizer splits ("sit-in" → sit, -, in; "pull-out"),
    lower-cased; None where the token follows no hyphen written without spaces."""
    doc, i = token.doc, token.i
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return None
    return f"{doc[i - 2].lower_}-{token.lemma_.lower()}"  # "sit-ins" → sit-in


def _light_objects(verb: Token) -> list[Token]:
    """Nouns a light verb governs directly or through one preposition ("placed forces on alert")."""
    out = []
    for child in verb.children:
        if child.dep_ in _LIGHT_DEPS and child.pos_ in _NOMINAL_POS:
            out.append(child)
            # "launched ten days of war games", "a series of strikes": the event is the "of" noun.
            out.extend(
                g
                for p in child.children
                if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children
                if g.dep_ == "pobj" and g.pos_ in _NOMINAL_POS
            )
        elif child.dep_ == "prep":
            out.extend(g for g in child.children if g.dep_ == "pobj" and g.pos_ in _NOMINAL_POS)
        elif child.dep_ == "prt":
            out.append(child)
    return out


def _other_exercise(noun: Token, lexicon: Lexicon) -> bool:
    """An exercise noun whose modifier makes it no military one: "held a fire drill", "launched a
    cost-cutting exercise" (the military ones are in triggers.tsv: "naval drill", "live-fire drill")."""
    lemma = noun.lemma_.lower()
    if lemma not in EXERCISES:
        return False
    lefts = [c for c in noun.lefts if c.dep_ in ("amod", "compound")]
    if any(lexicon.word(f"{hyphenated(c) or c.lemma_.lower()} {lemma}", "N") for c in lefts):
        return False
    # a noun or a verb names another kind of exercise; an adjective of size or time does not, nor a
    # hyphenated one ("annual exercises", "large-scale drills")
    return any((c.dep_ == "compound" and hyphenated(c) is None) or c.pos_ == "VERB" for c in lefts)


def _combo(verb: Token, objects: list[Token], lexicon: Lexicon) -> tuple[Sense, Token] | None:
    """A light verb and one of its `objects` (`_light_objects`) that name an event together."""
    if names_as(verb):
        return None  # "called the strike a provocation" calls no strike
    for noun in objects:
        for lemma in _noun_lemmas(noun):
            for form in verb_lemmas(verb):
                sense = lexicon.combo(form, lemma)
                if sense:
                    return sense, noun
    return None


def is_support_verb(verb: Token, patterns: VerbPatterns | None = None) -> bool:
    """A support verb ("carried out", "launched", "held"): it names no event, the event noun it takes
    does. `patterns`: the compiled dictionary (default: the packaged one)."""
    patterns = patterns if patterns is not None else VerbPatterns.load()
    return any(patterns.is_support(form) for form in (phrasal(verb), *verb_lemmas(verb)))


def _carried(verb: Token, lexicon: Lexicon, patterns: VerbPatterns) -> tuple[Sense, Token] | None:
    """A support verb with an event noun for its object: the noun names the event, the verb's subject
    does it ("launched talks with X", "held a rally", "mounted an offensive against Y")."""
    if not is_support_verb(verb, patterns):
        return None
    for noun in _light_objects(verb):
        if noun.dep_ in ("prep", "prt") or (noun.head.dep_ == "prep" and noun.head.head == verb):
            continue  # the object itself or what it counts ("ten days of war games"), not a place
        sense = _noun_sense(noun, lexicon, patterns) or _modifier_sense(noun, lexicon, patterns)
        if sense is not None and sense.type is not None:
            frame = "request" if sense.type == "REQUEST" else "plain"  # "made an appeal to X to ..."
            return Sense(sense.type, sense.mode, frame, origin=sense.origin), noun
    return None


def _on_object(
    verb: Token, lexicon: Lexicon, patterns: VerbPatterns, verbs: ObjectVerbs
) -> tuple[Sense, Token] | None:
    """An ending verb with a restriction or an exchange for its object ("relaxed the curfew", "the
    deliveries were scaled back"), or an admitting verb with foreign monitors ("received a mission of
    observers"; `extract/object_verbs.py`), unless the dictionary wrote a pattern for this verb with this
    object, which is more specific."""
    lemmas = verb_lemmas(verb)
    found = verbs.reading(verb, [phrasal(verb), *lemmas], lambda noun: _noun_sense(noun, lexicon, patterns))
    if found is None:
        return None
    match = patterns.match(verb, lemmas)
    if match is not None and match.pattern.objects and found.noun in match.words:
        return None
    return found.sense, found.noun


def _modifier_sense(noun: Token, lexicon: Lexicon, patterns: VerbPatterns) -> Sense | None:
    """The event a noun's compound modifier names when the noun itself names none ("launched a
    mediation effort", "a bombing campaign"): the head stays the trigger, so its own prepositional
    phrases ("between X and Y") still give the recipients."""
    for child in noun.children:
        if child.dep_ == "compound" and child.pos_ == "NOUN":
            sense = _noun_sense(child, lexicon, patterns)
            if sense is not None:
                return sense
    return None


def _prepositional(token: Token, lexicon: Lexicon) -> Sense | None:
    """Verbs whose meaning needs their preposition: "stand by", "side with", "take (its troops) out of"."""
    for child in token.children:
        if child.dep_ == "prep":
            # the longer phrase first: "take out of" before "take out"
            of = any(g.lower_ == "of" for g in child.children)
            for phrase in (f"{child.lower_} of", child.lower_) if of else (child.lower_,):
                sense = lexicon.word(f"{token.lemma_.lower()} {phrase}", "V")
                if sense:
                    return sense
    return None


def _resultative(token: Token, lexicon: Lexicon) -> Sense | None:
    """Verbs whose meaning needs the adjective right after them: "set free", "let free"."""
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if after is None or after.lower_ not in _RESULTATIVES or after.pos_ != "ADJ":
        return None
    return lexicon.word(f"{token.lemma_.lower()} {after.lower_}", "V")


def _impact_without_agent(token: Token, sense: Sense) -> bool:
    """'a drone crashed near the airport': impact verbs are attacks only with a weapon or an agent for
    their subject, an object, or someone they are aimed at."""
    if token.lemma_.lower() not in _IMPACT_VERBS or sense.type != "ASSAULT":
        return False
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (
        subject is not None
        and subject.lemma_.lower() not in WEAPONS
        and subject.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON")
        and not any(_aimed(c) for c in token.children)
    )


def _aimed(child: Token) -> bool:
    """An object, or the party or people an impact verb is aimed at: "troops struck (back) at militants",
    not "a hit at number six"."""
    if child.dep_ == "dobj":
        return True
    if child.dep_ != "prep" or child.lower_ not in ("at", "against"):
        return False
    return any(
        g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or g.tag_ in ("NNS", "NNPS"))
        for g in child.children
    )


def _armed(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a verb is done with weapons or strikes ("hit back at Hezbollah with airstrikes", "with a
    barrage of missiles"): force, whatever its particle says."""
    return any(
        t.lemma_.lower() in WEAPONS
        or ((sense := lexicon.word(t.lemma_, "N")) is not None and sense.type == "ASSAULT")
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "with"
        for t in prep.subtree
    )


def _dictionary_overrules(match: PatternMatch, ours: Sense, *, loose_particle: bool) -> bool:
    """Where the dictionary's reading of this verb beats our sense of the bare verb: a multi-word verb
    whose particle our lexicon does not know ("called up reservists", "called off the talks"), and a
    denial whose object is a thing refused, not a claim ("denied access to its airspace", "denied them
    entry": REJECT or SANCTION, not a denial)."""
    if loose_particle and (" " in match.pattern.verb or match.pattern.particle):
        return True  # "hit out at X": the dictionary's pattern with that particle, ACCUSE, not "hit"
    return ours.frame == "deny" and match.pattern.sense is not None and bool(match.pattern.objects)


def _verb_trigger(token: Token, lexicon: Lexicon, patterns: VerbPatterns) -> Trigger | None:
    """A verb's event, in order of trust: our own sense of the verb (the lexicon, checked against the
    PLOVER manual), unless the dictionary marks this verb + object as no event or reads the verb as
    another verb (`_dictionary_overrules`); else the most specific pattern of the compiled CAMEO
    dictionary that its clause satisfies."""
    lemmas = verb_lemmas(token)
    has_particle = bool(_particles(token))  # "hit out at", "hit back at" with "back" parsed as an adverb
    # A verb with its particle or preposition is a verb of its own ("shoot down", "call in", "stand by").
    multiword = (
        (lexicon.word(phrasal(token), "V") if has_particle else None)
        or _prepositional(token, lexicon)
        or _resultative(token, lexicon)
    )
    ours = multiword or next((s for form in lemmas if (s := lexicon.word(form, "V"))), None)
    loose_particle = multiword is None and has_particle
    if ours is not None and ours.frame == "report" and not loose_particle:
        return Trigger(head=token, words=(token,), sense=ours, nominal=False)  # who says what, kept
    match = patterns.match(token, lemmas)
    if (
        match is not None
        and ours is not None
        and _dictionary_overrules(match, ours, loose_particle=loose_particle)
        and not (ours.type == "ASSAULT" and _armed(token, lexicon))
    ):
        ours = None
    if match is not None and match.pattern.sense is None and not match.pattern.bare:
        # "released a report", "issued a statement": what the verb is done to says it is no event. A
        # dictionary pattern on the subject alone ("an aircraft crashed") does not overrule a sense of
        # ours; our own curated ones (line 0: "a warship visited") do.
        on_object = bool(match.pattern.objects or match.pattern.particle or match.pattern.preps)
        if ours is None or ((on_object or match.pattern.line == 0) and ours.frame != "deny"):
            return None  # also for a frame of ours: "pleaded guilty" is no plea for help
    if ours is not None:
        if ours.frame == "plain" and _impact_without_agent(token, ours):
            return None
        if ours.frame == "deny" and match is None and (thing := _thing_denied(token, lexicon, patterns)):
            return Trigger(
                head=token, words=(token, thing), sense=Sense("REJECT", None, "plain"), nominal=False
            )
        return Trigger(head=token, words=(token,), sense=ours, nominal=False)
    if match is None or match.pattern.sense is None or _impact_without_agent(token, match.pattern.sense):
        return None
    words = tuple(dict.fromkeys((token, *match.words)))
    return Trigger(head=token, words=words, sense=match.pattern.sense, nominal=False)


def _thing_denied(verb: Token, lexicon: Lexicon, patterns: VerbPatterns) -> Token | None:
    """The object of a denial that is a thing refused, not a claim, an act or an event ("denied land
    allocation", "denied the delegation visas"): the denial is then a refusal, PLOVER REJECT. None where
    it denies a claim or what happened ("denied the reports", "denied any role", "denied the attack") or
    has a clause ("denied that ...")."""
    if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return None
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None or thing.pos_ != "NOUN" or kind_of(thing) in ("claim", "act"):
        return None
    if _noun_sense(thing, lexicon, patterns) is not None or thing.lemma_.lower() in EVENT_NOUNS_TRANSPARENT:
        return None
    return thing


def _descriptive(verb: Token) -> bool:
    """A past participle without a subject of its own that describes a noun ("the curfew imposed in
    Sudan"); a present participle still acts ("a declaration demanding reforms")."""
    if verb.dep_ not in _DESCRIPTIVE_DEPS or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    return verb.dep_ == "amod" or verb.tag_ == "VBN"


def _adjective_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    sense = lexicon.word(token.lemma_, "A")
    if sense is None:
        return None
    if token.dep_ == "amod" and token.head.pos_ in _NOMINAL_POS:
        return Trigger(head=token.head, words=(token, token.head), sense=sense, nominal=True)
    if token.dep_ in ("acomp", "oprd", "xcomp"):
        return Trigger(head=token.head, words=(token.head, token), sense=sense, nominal=False)
    return None


def _noun_sense(token: Token, lexicon: Lexicon, patterns: VerbPatterns) -> Sense | None:
    """An event noun: ours first, then the nouns the dictionary's light-verb patterns carry, then a noun
    made from an event verb of ours that a verb of occurrence says took place (`_occurring`)."""
    return (
        next((sense for lemma in _noun_lemmas(token) if (sense := lexicon.word(lemma, "N"))), None)
        or (_dictionary_noun(token, patterns) if token.pos_ == "NOUN" else None)
        or _occurring(token, lexicon, patterns)
        or _announced(token, lexicon, patterns)
    )


def _dictionary_noun(token: Token, patterns: VerbPatterns) -> Sense | None:
    """An event noun of the compiled dictionary, as the hyphenated word it ends or by its lemma."""
    joined = hyphenated(token)
    return (patterns.event_noun(joined) if joined else None) or patterns.event_noun(token.lemma_)


def announcing_verb(noun: Token) -> Token | None:
    """The verb by which an actor makes an act of its own known, when a noun is its object ("Poland
    announced the expulsion of ...", "declared a state of emergency"); None otherwise."""
    verb = noun.head
    if noun.dep_ == "dobj" and verb.pos_ == "VERB" and verb.lemma_.lower() in _ANNOUNCING:
        return verb
    return None


def _deverbal_bases(noun: str) -> list[str]:
    """The verbs an English action noun may be made from, by its suffix: "withdrawal" → withdraw,
    "deployment" → deploy, "closure" → close, "evacuation" → evacuate, "occupation" → occupy,
    "mobilization" → mobilize, "suspension" → suspend, "invasion" → invade, "expulsion" → expel,
    "extradition" → extradite, "lifting" → lift, "easing" → ease; a noun that is its verb ("release",
    "blockade") → itself."""
    out = [noun]
    for suffix, endings in _ACTION_SUFFIXES:
        if noun.endswith(suffix) and len(noun) > len(suffix) + 2:
            stem = noun[: -len(suffix)]
            out.extend(stem + ending for ending in endings)
    return out


def occurrence_verb(noun: Token) -> Token | None:
    """The verb of occurrence a noun is the subject of ("clashes erupted", "fighting broke out"), whose
    clause then tells where and when the event happened; None otherwise."""
    verb = noun.head
    lemma = verb.lemma_.lower()
    if noun.pos_ != "NOUN" or noun.dep_ != "nsubj" or lemma not in _OCCURRENCE:
        return None
    needed = _OCCURRENCE[lemma]
    if needed is not None and not any(
        c.lower_ == needed and c.dep_ in ("prt", "dobj") for c in verb.children
    ):
        return None
    return verb


def _announced(noun: Token, lexicon: Lexicon, patterns: VerbPatterns) -> Sense | None:
    """An action noun made from an event verb of ours as the object of an announcing verb ("announced
    the expulsion of two diplomats"): the plain event sense of that verb, unless the dictionary marks
    that verb with the noun's "of" object as no event ("the release of its report")."""
    if noun.pos_ != "NOUN" or announcing_verb(noun) is None:
        return None
    found = _plain_verb_sense(_deverbal_bases(noun.lemma_.lower()), lexicon)
    if found is None:
        return None
    base, sense = found
    return None if any(patterns.names_nonevent(base, g.lemma_) for g in of_objects(noun)) else sense


def _occurring(noun: Token, lexicon: Lexicon, patterns: VerbPatterns) -> Sense | None:
    """A noun that is its verb ("clashes", "fighting", "shelling") as the subject of a verb of
    occurrence ("clashes erupted", "fighting broke out"): the plain event sense of that verb."""
    if occurrence_verb(noun) is None:
        return None
    lower = noun.lower_
    stems = (lower[:-3], lower[:-3] + "e") if lower.endswith("ing") else ()  # "shelling", "rioting"
    found = _plain_verb_sense((noun.lemma_.lower(), patterns.base_of(lower), *stems), lexicon)
    return found[1] if found is not None else None


def _plain_verb_sense(bases: Iterable[str | None], lexicon: Lexicon) -> tuple[str, Sense] | None:
    """The first of `bases` that is an event verb of ours in its plain sense, with that sense."""
    for base in bases:
        sense = lexicon.word(base, "V") if base else None
        if sense is not None and sense.type is not None and sense.frame == "plain":
            return base, sense
    return None


def find_triggers(
    sentence: Span, lexicon: Lexicon, patterns: VerbPatterns | None = None, verbs: ObjectVerbs | None = None
) -> list[Trigger]:
    """All triggers of a sentence, in text order, with light-verb pairs and verbs with the objects that
    make their event taking precedence over their parts.

    `patterns` is the compiled verb dictionary, `verbs` the ending and admitting verbs (default: the
    packaged ones).
    """
    patterns = patterns if patterns is not None else VerbPatterns.load()
    verbs = verbs if verbs is not None else ObjectVerbs.load()
    found: list[Trigger] = []
    taken: set[int] = set()
    for token in sentence:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() not in ("be", "have"):
            objects = _light_objects(token)
            if token.pos_ == "VERB" and any(_other_exercise(n, lexicon) for n in objects):
                taken.add(token.i)  # "launched a fact-finding exercise": no launch, no exercise
                continue
            combo = (
                _combo(token, objects, lexicon)
                or _carried(token, lexicon, patterns)
                or _on_object(token, lexicon, patterns, verbs)
            )
            if combo:
                sense, noun = combo
                found.append(Trigger(head=token, words=(token, noun), sense=sense, nominal=False))
                taken.update((token.i, noun.i))
    for token in sentence:
        if token.i in taken:
            continue
        trigger = None
        if token.pos_ == "ADJ":
            trigger = _adjective_trigger(token, lexicon)
        elif token.pos_ == "VERB" and not _descriptive(token):
            trigger = _verb_trigger(token, lexicon, patterns)
        elif token.pos_ in _NOMINAL_POS:
            sense = _noun_sense(token, lexicon, patterns)
            trigger = Trigger(head=token, words=(token,), sense=sense, nominal=True) if sense else None
        if trigger and trigger.head.i not in taken and not taken.intersection(t.i for t in trigger.words[1:]):
            found.append(trigger)
            taken.update(t.i for t in trigger.words)
    return sorted(found, key=lambda t: t.head.i)
