"""Find the words of a sentence that name PLOVER events, and decide what each names.

A trigger is a verb ("attacked"), a light verb with its event noun ("lodged a protest"), an event noun
("a drone attack on its territory") or an adjective that turns its noun into an event ("retaliatory
measures"). Which one wins when they overlap is decided here, once, so later stages see each event once.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventlens.extract.lexicon import Lexicon, Sense

__all__ = ["DEFINITE", "EVENT_NOUNS_TRANSPARENT", "WEAPONS", "Trigger", "find_triggers"]

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


def _phrasal(token: Token) -> str:
    particles = [c.lemma_.lower() for c in token.children if c.dep_ == "prt"]
    return f"{token.lemma_.lower()} {particles[0]}" if particles else token.lemma_.lower()


def _noun_lemma(token: Token) -> str:
    compounds = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    if compounds:
        return f"{compounds[-1].lemma_.lower()} {token.lemma_.lower()}"
    return token.lemma_.lower()


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


def _combo(verb: Token, lexicon: Lexicon) -> tuple[Sense, Token] | None:
    for noun in _light_objects(verb):
        for lemma in (_noun_lemma(noun), noun.lemma_.lower()):
            for form in verb_lemmas(verb):
                sense = lexicon.combo(form, lemma)
                if sense:
                    return sense, noun
    return None


def _prepositional(token: Token, lexicon: Lexicon) -> Sense | None:
    """Verbs whose meaning needs their preposition: "stand by", "side with"."""
    for child in token.children:
        if child.dep_ == "prep":
            sense = lexicon.word(f"{token.lemma_.lower()} {child.lower_}", "V")
            if sense:
                return sense
    return None


def _verb_sense(token: Token, lexicon: Lexicon) -> Sense | None:
    sense = (
        lexicon.word(_phrasal(token), "V")
        or _prepositional(token, lexicon)
        or next((s for form in verb_lemmas(token) if (s := lexicon.word(form, "V"))), None)
    )
    if sense and token.lemma_.lower() in _IMPACT_VERBS and sense.type == "ASSAULT":
        # "a drone crashed near the airport": impact verbs are attacks only with a weapon or an agent.
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            subject is not None
            and subject.lemma_.lower() not in WEAPONS
            and subject.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON")
            and not any(c.dep_ == "dobj" for c in token.children)
        ):
            return None
    return sense


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


def find_triggers(sentence: Span, lexicon: Lexicon) -> list[Trigger]:
    """All triggers of a sentence, in text order, with light-verb pairs taking precedence over their parts."""
    found: list[Trigger] = []
    taken: set[int] = set()
    for token in sentence:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() not in ("be", "have"):
            combo = _combo(token, lexicon)
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
            sense = _verb_sense(token, lexicon)
            trigger = Trigger(head=token, words=(token,), sense=sense, nominal=False) if sense else None
        elif token.pos_ in _NOMINAL_POS:
            sense = lexicon.word(_noun_lemma(token), "N") or lexicon.word(token.lemma_, "N")
            trigger = Trigger(head=token, words=(token,), sense=sense, nominal=True) if sense else None
        if trigger and trigger.head.i not in taken:
            found.append(trigger)
            taken.update(t.i for t in trigger.words)
    return sorted(found, key=lambda t: t.head.i)
