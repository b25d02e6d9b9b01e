"""Casualty and weapon figures from the parse of one sentence: killed, injured, launched, intercepted, ...

Reports of one event disagree on their numbers ("four" per the Prosecutor General, "several" in an
analysis), and a story keeps them side by side, so each sentence gives its figures as written, never
normalised away. A figure needs three things in the parse:

- a count: digits ("4", "1,000"), number words ("four", "a dozen", "twenty-five") or a vague quantity
  ("several", "dozens of", "hundreds of thousands of"), with its modifiers ("at least", "up to");
- a person or a weapon counted: its noun ("four civilians"), or for a bare count the nearest earlier
  noun ("four drones ..., while one was disabled") or else the predicate ("killed at least 10": people);
- a predicate: the verb it is the object or passive subject of, an intransitive verb ("died"), a
  modifier ("12 dead", "one intercepted by"), a relative clause, a nominal ("the deaths of 12 protesters")
  or a death toll ("the death toll rose to 12").

`low` is the lower bound the words give: "at least N" → N, "more than N" → N + 1; for vague
quantities "several" → 3 (more than a couple), "a few" → 2, and a plural scale word is at least two of it
("dozens" → 24, "scores" → 40, "hundreds of thousands" → 200,000); "many" gives none. An exact count
("four") and an upper bound ("up to 16", "about 20") give no lower bound.
"""

from __future__ import annotations

import math
import re

from spacy.tokens import Span, Token

from eventlens.model import Figure

__all__ = ["Figure", "figures_in"]

# What a count counts; "any" is a bare count with no noun before it: the predicate says what it was.
_PERSON, _WEAPON, _ANY = "person", "weapon", "any"

# fmt: off
# Predicate words (lemma or surface form; the model lemmatises "missing" to "miss") → figure name.
_PERSON_PREDICATES = {word: name for name, words in (
    ("killed", "kill die dead slay murder perish"), ("injured", "injure injured wound wounded hurt maim"),
    ("arrested", "arrest detain jail imprison"), ("displaced", "displace flee evacuate uproot"),
    ("missing", "missing"),
) for word in words.split()}
_WEAPON_PREDICATES = {word: name for name, words in (
    ("launched", "fire launch send direct"), ("intercepted", "intercept down disable destroy neutralize"),
) for word in words.split()}
# Weapon verbs clear enough to say a bare count ("intercepted 12") was a weapon.
_WEAPON_ONLY_VERBS = frozenset({"fire", "launch", "intercept", "down"})
_PARTICLE_PREDICATES = {("shoot", "down"): "intercepted", ("bring", "down"): "intercepted"}
# Nouns whose "of" object is counted: "the deaths of 12 protesters", "the arrest of 30 students".
_NOMINAL_PREDICATES = {"death": "killed", "killing": "killed", "arrest": "arrested", "detention": "arrested"}
_COMPLEMENTS = frozenset({"xcomp", "oprd", "acomp"})
_LOOSE = frozenset({"dep", "advcl"})  # how the model sometimes hangs "dead" or "injured" on "left"
_INTRANSITIVE = frozenset({"die", "flee", "perish", "missing"})
_LINKING = frozenset({"be", "remain", "go", "become", "lie"})

_PERSON_NOUNS = frozenset((
    "people", "person", "civilian", "soldier", "troop", "serviceman", "servicemen", "protester", "protestor",
    "demonstrator", "child", "children", "schoolchild", "schoolchildren", "officer", "policeman", "policemen",
    "police", "militant", "fighter", "rebel", "resident", "worker", "student", "journalist", "woman", "women",
    "man", "men", "member", "passenger", "pilot", "crew", "refugee", "migrant", "citizen", "national",
    "villager", "prisoner", "detainee", "activist", "guard", "teenager", "pupil", "casualty", "victim",
    "personnel", "employee", "farmer", "fisherman", "fishermen", "worshipper", "official", "opponent", "son",
    "daughter", "brother", "sister", "wife", "husband", "mother", "father", "baby", "infant", "boy", "girl",
))
_WEAPON_NOUNS = frozenset(("drone", "missile", "rocket", "uav", "uavs", "shell", "projectile", "munition"))
_UNITS = dict(zip((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
), [*range(20), *range(20, 100, 10)], strict=True))
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 10**6}
_VAGUE_SCALES = {f"{word}s": n for word, n in (*_SCALES.items(), ("score", 20), ("ten", 10))}  # "dozens"
_DEMONYMS, _UNMANNED = ("ians", "ans", "ons", "is"), frozenset({"unmanned", "aerial"})
# fmt: on
_VAGUE_LOW = {"several": 3, "few": 2, "many": None, "numerous": None}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
_NOT_COUNTED_DETS = frozenset({"no", "another", "the", "this", "that", "each", "every", "any", "which"})
_VAGUE_DEPS = frozenset({"amod", "nsubj", "nsubjpass", "dobj", "pobj", "conj"})
_PHRASE_DEPS = frozenset({"quantmod", "advmod", "compound", "amod", "punct", "det", "nmod", "npadvmod"})
_AT_LEAST = ("at least", "no fewer than", "no less than", "not less than", "a minimum of")
_MORE_THAN = ("more than", "over", "upwards of", "in excess of", "above")


def _numberish(token: Token) -> bool:
    word = token.lower_
    return bool(_DIGITS.match(word)) or word in _UNITS or word in _SCALES or word in _VAGUE_SCALES


def _is_count(token: Token) -> bool:
    """The head word of a count: not part of a bigger number, a date, a measure or a hyphenated modifier
    ("a 24-hour strike", "the 700-kilometer border")."""
    word = token.lower_
    if not (_numberish(token) or (word in _VAGUE_LOW and token.dep_ in _VAGUE_DEPS)):
        return False
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    if (word == "few" and before != "a") or (word == "many" and before == "how"):
        return False  # "few were hurt" says almost none; "how many" asks
    if token.dep_ in ("compound", "quantmod") and _numberish(token.head):
        return False
    if token.ent_type_ in _NOT_COUNTS or any(c.lower_ in _NOT_COUNTED_DETS for c in token.children):
        return False
    doc = token.doc
    hyphen = not token.whitespace_ and token.i + 2 < len(doc) and doc[token.i + 1].text == "-"
    return not (hyphen and not _numberish(doc[token.i + 2]))


def _phrase(count: Token) -> Span:
    """The words of the count as written: "at least 156", "Hundreds of thousands of", "a dozen"."""
    start = count.i
    for child in reversed(list(count.lefts)):
        if child.dep_ not in _PHRASE_DEPS or child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
    if count.lower_ == "few" and start > 0 and count.doc[start - 1].lower_ == "a":
        start -= 1  # "a few" (the model hangs "a" on the noun)
    end = count.i + 1
    if count.lower_ in _VAGUE_SCALES and end < len(count.doc) and count.doc[end].lower_ == "of":
        end += 1  # "dozens of people": the quantity is "dozens of"
    return count.doc[start:end]


def _number(words: list[str]) -> int | None:
    """The value of an exact count's words: "1,000", "twenty - five", "1.5 million", "a dozen"."""
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if _DIGITS.match(word):
            current, seen = current + float(word.replace(",", "")), True
        elif word in _UNITS:
            current, seen = current + _UNITS[word], True
        elif word in _SCALES:
            current, seen = (current or 1) * _SCALES[word], True
            if _SCALES[word] >= 1_000:
                total, current = total + current, 0.0
    return round(total + current) if seen else None


def _quantity(phrase: Span) -> tuple[int | None, int | None]:
    """(value, low) of a count phrase; value None for a vague quantity."""
    words = [t.lower_ for t in phrase]
    vague = [w for w in words if w in _VAGUE_SCALES or w in _VAGUE_LOW]
    if vague:
        if any(w in _VAGUE_SCALES for w in vague):
            return None, 2 * math.prod(_VAGUE_SCALES.get(w, _SCALES.get(w, 1)) for w in words)
        return None, _VAGUE_LOW[vague[0]]
    value = _number(words)
    text = " ".join(words)
    if value is not None and text.startswith(_AT_LEAST):
        return value, value
    if value is not None and text.startswith(_MORE_THAN):
        return value, value + 1
    return value, None


def _noun_kind(noun: Token) -> str | None:
    lemma = noun.lemma_.lower()
    if lemma in _PERSON_NOUNS or noun.lower_ in _PERSON_NOUNS:
        return _PERSON
    if noun.tag_ in ("NNS", "NNPS") and (noun.ent_type_ == "NORP" or noun.lower_.endswith(_DEMONYMS)):
        return _PERSON  # "14 Palestinians", "three Britons" (which the model tags ORG)
    if lemma in _WEAPON_NOUNS or noun.lower_ in _WEAPON_NOUNS:
        return _WEAPON
    if lemma == "vehicle" and any(c.lower_ in _UNMANNED for c in noun.children):
        return _WEAPON
    return None


def _target(count: Token) -> tuple[Token, Token | None]:
    """(slot, noun): the word whose role links the count to its predicate, and the counted noun if any."""
    head = count.head
    if count.dep_ in ("nummod", "amod") and head.pos_ in ("NOUN", "PROPN", "ADJ") and head.i != count.i:
        bare = head.pos_ == "ADJ" or head.lemma_.lower() == "other"  # "12 dead", "12 others"
        return head, (None if bare else head)
    for prep in count.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ != "PRON":
                return count, objects[0]  # "dozens of people", "one of the drones"; "40 of them" is bare
    return count, None


def _kind(count: Token, noun: Token | None, sentence: Span) -> str | None:
    """Person, weapon, or (a bare count with nothing before it) any; None when it counts something else."""
    if noun is not None:
        return _noun_kind(noun)
    before = [t for t in sentence.doc[sentence.start : count.i] if t.pos_ in ("NOUN", "PROPN")]
    counted = [t for t in before if any(c.dep_ == "nummod" or _numberish(c) for c in t.children)]
    for candidate in reversed(counted + before):  # a counted noun first: "four drones ... one"
        kind = _noun_kind(candidate)
        if kind is not None:
            return kind
    return _ANY


def _complements(verb: Token, slot: Token) -> list[Token]:
    """The verb and what completes it for this slot: "reported killed", "shot dead", "feared dead"; of
    several ("left 10 people dead and 25 injured"), the nearest after the slot."""
    rest = [c for c in verb.children if c.dep_ in _COMPLEMENTS or (c.dep_ in _LOOSE and c.pos_ == "ADJ")]
    after = [c for c in rest if c.i > slot.i]
    return [verb, *(after[:1] or rest)]


def _subject_predicates(verb: Token) -> list[Token]:
    """Predicates of a counted subject: intransitive ("died"), reduced passive ("156 wounded"), linking
    ("were missing"); an active transitive verb's subject is the doer ("two gunmen killed") and gives none."""
    reduced_passive = verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children)
    if verb.lemma_ in _INTRANSITIVE or verb.lower_ in _INTRANSITIVE or reduced_passive:
        return [verb]
    if verb.lemma_ in _LINKING:
        return [c for c in verb.children if c.dep_ in ("acomp", "oprd", "attr")]
    return []


def _own_predicates(slot: Token) -> list[Token]:
    """Modifiers of the counted word: "12 dead", "one intercepted by ...", "civilians who were hurt"."""
    found = [slot] if slot.pos_ == "ADJ" else []  # "12 dead" with "dead" as the head
    for child in slot.children:
        if child.dep_ == "amod" or (child.dep_ == "acl" and child.tag_ == "VBN"):
            found.extend(_complements(child, slot))
        elif child.dep_ == "acl" and child.lemma_ in _INTRANSITIVE:
            found.append(child)  # "families fleeing the fighting"; "gunmen killing ..." are the doers
        elif child.dep_ == "relcl":
            found.extend(_relative_predicates(child))
    return found


def _relative_predicates(clause: Token) -> list[Token]:
    """A relative clause about the counted noun: "who were wounded", "who died", "(that) Iran fired"."""
    pronouns = [c for c in clause.children if c.tag_ in ("WP", "WDT")]
    role = pronouns[0].dep_ if pronouns else None
    if role == "nsubj":
        return _subject_predicates(clause)
    gap = role is None and not any(c.dep_ in ("dobj", "nsubjpass") for c in clause.children)
    return _complements(clause, clause) if role in ("nsubjpass", "dobj") or gap else []


def _role_predicates(slot: Token) -> list[Token]:
    """Predicates through the counted word's role: object, passive subject, subject, "of" object, conjunct."""
    head = slot.head
    if slot.dep_ in ("dobj", "nsubjpass"):
        return _complements(head, slot)
    if slot.dep_ == "nsubj":
        return _subject_predicates(head)
    if slot.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _NOMINAL_PREDICATES:
        return [head.head]
    if slot.dep_ == "conj" and head.i != slot.i:
        return _role_predicates(head) if head.pos_ not in ("VERB", "AUX") else _complements(head, slot)[1:]
    return []


def _is_toll(token: Token) -> bool:
    return token.lemma_ == "toll" and any(c.lemma_ == "death" for c in token.children)


def _death_toll(slot: Token) -> bool:
    """A count of the death toll: "rose to 12", "reached 31", "was 12", "a death toll of 12"."""
    head = slot.head
    if slot.dep_ == "pobj" and head.lower_ in ("to", "at", "of"):
        head = head.head
    elif slot.dep_ not in ("dobj", "attr"):
        return False
    return _is_toll(head) or any(c.dep_ == "nsubj" and _is_toll(c) for c in head.children)


def _name(predicate: Token, kind: str) -> str | None:
    """The figure a predicate word gives for a counted thing of this kind; None for a negated one."""
    if any(c.dep_ == "neg" for c in predicate.children):
        return None
    lemma, word = predicate.lemma_.lower(), predicate.lower_
    particles = {c.lower_ for c in predicate.children if c.dep_ == "prt"}
    if predicate.pos_ == "NOUN" and lemma in _NOMINAL_PREDICATES and predicate.dep_ not in ("amod", "acl"):
        name = _NOMINAL_PREDICATES[lemma]
        return name if kind in (_PERSON, _ANY) else None
    for (verb, particle), name in _PARTICLE_PREDICATES.items():
        if lemma == verb and particle in particles:
            return name if kind in (_WEAPON, _ANY) else None
    person = _PERSON_PREDICATES.get(lemma) or _PERSON_PREDICATES.get(word)
    if person and kind in (_PERSON, _ANY):
        return person
    weapon = _WEAPON_PREDICATES.get(lemma)
    if weapon and (kind == _WEAPON or (kind == _ANY and lemma in _WEAPON_ONLY_VERBS)):
        return weapon
    return None


def _names(predicates: list[Token], kind: str) -> list[str]:
    return [name for p in predicates if (name := _name(p, kind)) is not None]


def figures_in(sentence: Span) -> tuple[Figure, ...]:
    """Figures stated in one parsed sentence, in the order of their counts; one per count and name."""
    figures: list[Figure] = []
    for count in sentence:
        if not _is_count(count):
            continue
        slot, noun = _target(count)
        kind = _kind(count, noun, sentence)
        phrase = _phrase(count)
        value, low = _quantity(phrase)
        names: list[str] = []
        if _death_toll(slot) and kind in (_PERSON, _ANY):
            names.append("killed")
        if kind is not None:
            names += _names(_own_predicates(slot), kind) or _names(_role_predicates(slot), kind)
        for name in dict.fromkeys(names):
            figures.append(Figure(name=name, value=value, text=phrase.text, low=low))
    return tuple(figures)
