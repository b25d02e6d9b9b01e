"""Article in, coded event mentions out: parse once, extract candidates, code and place them.

`Extractor` wires the stages of DESIGN.md §1 together for one process: the spaCy pipeline, the trigger
lexicon, the actor and place tables and the ontology are loaded once and shared by every article.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventlens.extract.candidates import Candidate, sentence_candidates
from eventlens.extract.claims import last_speaker
from eventlens.extract.figures import figures_in
from eventlens.extract.judgement_words import kind_of
from eventlens.extract.judgements import Rebuttal, rebuttals
from eventlens.extract.lexicon import Lexicon
from eventlens.extract.modes import contexts_of, refine_mode
from eventlens.extract.names import Name, names_in
from eventlens.extract.triggers import WEAPONS
from eventlens.model import Article, Claim, Entity, EventMention, Figure
from eventlens.nlp import load_pipeline, mask_dateline
from eventlens.ontology import Ontology
from eventlens.prefilter import Prefilter
from eventlens.resolve.actors import ActorCoder
from eventlens.resolve.context import ArticleCoder
from eventlens.resolve.discourse import Discourse
from eventlens.resolve.participants import (
    RECIPROCAL,
    SPEECH_ACTS,
    UNATTRIBUTED,
    by_whom,
    claimant_struck,
    coded_recipients,
    default_recipient,
    denied_as_told,
    event_place,
    fought_each_other,
    own_denial,
    recipient_around,
    speaks_for_state,
)
from eventlens.resolve.places import Gazetteer
from eventlens.resolve.timeline import Timeline
from eventlens.titles import sentences_read, title_prefix

__all__ = ["Extractor", "Reading"]

log = logging.getLogger(__name__)

# Events whose figures (killed, injured, launched, intercepted, arrested) a report gives; see _counts.
_COUNTED = frozenset({"ASSAULT", "COERCE", "PROTEST"})
# Events by unnamed people coded to the country where they happened: violence (as above) and protest
# ("protests spread across Iran": PLOVER codes a protest by its country's civilians).
_PLACED = UNATTRIBUTED | {"PROTEST"}
# How many sentences back a rebuttal ("Iran rejected the accusation") looks for the claim it denies:
# wire reports give the denial within a paragraph or two of the claim.
_REBUTTAL_REACH = 4


def _reading(
    article: Article, prefilter: Prefilter | None = None
) -> tuple[str, tuple[Article, str | None, int]]:
    """The text the parser reads for `article`, with the article, its dateline and where its title ends.

    The text is the article's, its wire dateline masked (`mask_dateline`), after the title as a paragraph
    of its own where the title is read as a sentence (`titles.title_prefix`); offsets count from its start.
    With a `prefilter`, the sentences it does not keep are blanked (the same length and offsets).
    """
    title = title_prefix(article.title, article.text)
    masked, dateline = mask_dateline(article.text)
    text = title + masked
    if prefilter is not None:
        text, _ = prefilter.reduce(text, title_end=len(title))
    return text, (article, dateline, len(title))


def _attach_figures(
    mentions: list[EventMention], first_new: int, figures: Sequence[Figure], said_by: Token | None
) -> None:
    """Give a sentence's figures to its violent or coercive events (`_counts`); a sentence of figures
    without one ("the prosecutor said four people were injured") adds them, with who gave them, to the last
    such event told in the article before it."""
    if not figures:
        return
    targets = [i for i in range(first_new, len(mentions)) if _counts(mentions[i])]
    if not targets:
        earlier = [i for i in range(first_new) if _counts(mentions[i])]
        targets = earlier[-1:]
        figures = [replace(f, per=_phrase_text(said_by)) for f in figures] if said_by is not None else figures
    for i in targets:
        new = [f for f in figures if f not in mentions[i].figures]  # a denial may repeat the claim's figures
        mentions[i] = replace(mentions[i], figures=(*mentions[i].figures, *new))


def _counts(mention: EventMention) -> bool:
    """Whether a mention takes the figures told with it. The figures `figures_in` reads (killed, injured,
    arrested, displaced, missing, launched, intercepted) count the harm and the weapons of an assault, a
    coercion or a protest (_COUNTED); none counts the forces a MOBILIZE deploys, so a deployment told
    beside an attack takes none. A denial takes none either: the figures of a sentence that tells a denial
    ("Iran denied the strike, which injured four") are the asserting side's, and belong to the asserted
    event (gold/README.md codes the denial as the denied event, under the denier's claim)."""
    return mention.type in _COUNTED and mention.claim.stance != "denies"


def _phrase_text(head: Token) -> str:
    return head.doc[head.left_edge.i : head.right_edge.i + 1].text


def _quote_goes_on(sentence: Span) -> bool:
    """A quotation that does not close in this sentence continues in the next."""
    text = sentence.text
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _dedupe(entities: Iterable[Entity]) -> tuple[Entity, ...]:
    seen: dict[tuple[str | None, str | None], Entity] = {}
    for entity in entities:
        seen.setdefault((entity.country, entity.sector), entity)
    return tuple(seen.values())


class Reading(NamedTuple):
    """What one article gave: its event mentions, and the names it mentions (for article clustering)."""

    article: Article
    mentions: list[EventMention]
    names: tuple[Name, ...]


class Extractor:
    """Runs the per-article pipeline; build it once with `Extractor.load()`."""

    def __init__(
        self,
        *,
        nlp: Language,
        lexicon: Lexicon,
        actors: ActorCoder,
        places: Gazetteer,
        ontology: Ontology,
        prefilter: Prefilter | None = None,
    ) -> None:
        self.nlp = nlp
        self.lexicon = lexicon
        self.actors = actors
        self.places = places
        self.ontology = ontology
        self.prefilter = prefilter

    @classmethod
    def load(cls, *, prefilter: bool = False) -> Extractor:
        """The packaged models and tables (each loaded once per process); with `prefilter`, the cheap
        first pass of eventlens.prefilter chooses the sentences to parse (off by default: see there)."""
        return cls(
            nlp=load_pipeline(),
            lexicon=Lexicon.load(),
            actors=ActorCoder.load(),
            places=Gazetteer.load(),
            ontology=Ontology.load(),
            prefilter=Prefilter.load() if prefilter else None,
        )

    def extract(self, article: Article) -> list[EventMention]:
        """The event mentions of one article."""
        return next(self.extract_many([article])).mentions

    def extract_many(
        self,
        articles: Iterable[Article],
        *,
        batch_size: int = 16,
        failures: list[tuple[Article, Exception]] | None = None,
    ) -> Iterator[Reading]:
        """Mentions and names per article, parsing in batches with nlp.pipe; order is kept.

        With `failures`, an article whose extraction raises is recorded there and skipped, so one odd
        text never stops a batch; without it the error propagates.
        """
        stream = (_reading(article, self.prefilter) for article in articles)
        for doc, (article, dateline, title_end) in self.nlp.pipe(
            stream, as_tuples=True, batch_size=batch_size
        ):
            try:
                mentions = self._mentions(doc, article, dateline, title_end=title_end)
                reading = Reading(article, mentions, names_in(doc))
            except Exception as error:
                if failures is None:
                    raise
                log.exception("extraction failed on %s", article.path or article.source_id or article.id)
                failures.append((article, error))
                continue
            yield reading

    def _home(self, dateline: str | None) -> str | None:
        if not dateline:
            return None
        for part in reversed(dateline.split("(")[0].split(",")):
            entity = self.actors.code(part.strip())
            if entity and entity.country:
                return entity.country
            place = self.places.lookup(part.strip())
            if place and place.country:
                return place.country
        return None

    def _mentions(
        self, doc: Doc, article: Article, dateline: str | None, *, title_end: int
    ) -> list[EventMention]:
        coder = ArticleCoder(
            doc,
            published=article.published,
            actors=self.actors,
            places=self.places,
            home=self._home(dateline),
        )
        timeline = Timeline(doc, article.published)
        discourse = Discourse()
        out: list[EventMention] = []
        speaker = None
        recent: tuple[int, ...] = ()  # where the last sentences read start, for what a rebuttal reaches
        told: list[EventMention] = []  # what a rebuttal may deny: events told and events referred to
        for sentence in sentences_read(doc, title_end=title_end):
            denials = [
                (r, d)
                for r in rebuttals(sentence, self.lexicon, quoted_speaker=speaker)
                if (d := _denial(r, told, recent[0] if recent else 0, article, coder)) is not None
            ]
            # "rejected the claim" is no REJECT where it denies a claim told before.
            judging = {w.i for r, _ in denials for w in r.words}
            found = [
                c
                for c in sentence_candidates(sentence, self.lexicon, quoted_speaker=speaker)
                if judging.isdisjoint(w.i for w in c.trigger.words)
            ]
            candidates = [c for c in found if not c.reference]
            said_by = last_speaker(sentence, self.lexicon)
            speaker = said_by or (speaker if _quote_goes_on(sentence) else None)
            readings = [
                r
                for cand in candidates
                if (r := self._mention(cand, article, coder, timeline, discourse)) is not None
            ]
            fresh = _merge_duplicates(readings + [(d, False) for _, d in denials])
            told.extend(fresh)
            told.extend(
                self._referenced([c for c in found if c.reference], article, coder, timeline, discourse)
            )
            recent = (*recent[1 - _REBUTTAL_REACH :], sentence.start_char)
            out.extend(fresh)
            _attach_figures(out, len(out) - len(fresh), figures_in(sentence), said_by)
        return out

    def _code_all(
        self, heads: tuple[Token, ...], coder: ArticleCoder, discourse: Discourse
    ) -> tuple[Entity, ...]:
        return _dedupe(e for r in heads for h in coder.heads(r) for e in self._code_role(h, coder, discourse))

    def _referenced(
        self,
        references: list[Candidate],
        article: Article,
        coder: ArticleCoder,
        timeline: Timeline,
        discourse: Discourse,
    ) -> list[EventMention]:
        """Events a sentence refers back to and says who did ("condemned the Iranian drone attack on
        Nakhchivan"), coded like events but not emitted: the discourse remembers their dyad, and a later
        denial may deny them ("Tehran rejected the accusations")."""
        out = []
        for ref in references:
            if not self._code_all(ref.roles.actor, coder, discourse):
                continue  # "the attack": who did it is what the discourse knows already, or nobody
            reading = self._mention(ref, article, coder, timeline, discourse)
            if reading is not None:
                out.append(reading[0])
        return out

    def _refers_to_told(self, head: Token, type_: str) -> bool:
        """A definite weapon or event of this type in the event's clause ("when the drones came down",
        "wounded in the shelling"): the event told already."""
        for token in head.subtree:
            if token.pos_ != "NOUN" or not _definite(token):
                continue
            sense = self.lexicon.word(token.lemma_, "N")
            if token.lemma_.lower() in WEAPONS or (sense is not None and sense.type == type_):
                return True
        return False

    def _names_an_act(self, head: Token) -> bool:
        """An event noun or a noun for an act ("the attack", "this act", "the decision") in a role: the
        role is the act's doer (`_code_role`)."""
        sense = self.lexicon.word(head.lemma_, "N")
        return head.pos_ == "NOUN" and (
            (sense is not None and sense.type is not None) or kind_of(head) == "act"
        )

    def _code_role(self, head: Token, coder: ArticleCoder, discourse: Discourse) -> tuple[Entity, ...]:
        """A role filler; an event noun or a noun for an act in a role ("condemned the Iranian attack",
        "this terrorist act") stands for its doer, or for nobody known."""
        if head.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"):
            return ()
        if self._names_an_act(head):
            for child in head.children:
                owner = child
                if child.dep_ == "prep" and child.lower_ == "by":  # "the attack by Chile"
                    owner = next((g for g in child.children if g.dep_ == "pobj"), child)
                elif child.dep_ != "poss" and (child.dep_ not in ("amod", "compound") or not child.ent_type_):
                    continue  # "the Iranian attack", not "this terrorist act"
                entity = coder.entity(owner)
                if entity is not None and entity.country:
                    return (entity,)
            # "condemned the attack": the attack last told, by its actor.
            sense = self.lexicon.word(head.lemma_, "N")
            typed = sense is not None and sense.type is not None and _definite(head)
            last = discourse.actor_of_last(sense.type) if typed and sense is not None and sense.type else None
            return (last,) if last is not None else ()
        return coder.entities(head)

    def _mention(
        self,
        cand: Candidate,
        article: Article,
        coder: ArticleCoder,
        timeline: Timeline,
        discourse: Discourse,
    ) -> tuple[EventMention, bool] | None:
        """The coded mention of a candidate, and whether its recipient was implied rather than read."""
        head = cand.trigger.head
        claimant = coder.entity(cand.attribution.speaker) if cand.attribution else None
        actors = self._code_all(cand.roles.actor, coder, discourse)
        if not actors and claimant is not None and cand.type in SPEECH_ACTS:
            actors = (claimant,)
        coded = self._code_all(cand.roles.recipient, coder, discourse)
        location, located_by_preposition = event_place(
            head, coded or actors, type_=cand.type, places=self.places, coder=coder
        )
        if not actors and cand.type in UNATTRIBUTED and self._refers_to_told(head, cand.type):
            # "several civilians were hurt when the drones came down": by those of the attack told.
            actors, told_recipients = discourse.last_dyad.get(cand.type, ((), ()))
            if {r.country for r in coded} <= {a.country for a in actors} | {None}:
                coded = told_recipients  # victims of no other side named: the side struck before
        if not actors and cand.type in _PLACED and location and located_by_preposition:
            # Violence by an unnamed hand is coded to the country where it happened.
            actors = (Entity(text=location.name, country=location.country, name=location.name),)
        if not actors:
            return None
        cand = own_denial(cand, claimant, actors, discourse)
        recipients = coded_recipients(cand.type, actors, coded)
        type_, mode = by_whom(
            cand.type,
            cand.mode,
            actors,
            coder=self.actors,
            trigger=cand.trigger,
        )
        implied = not recipients
        # "condemned this terrorist act": its doer, unknown; not the victim, not the actor's state.
        unknown_doer = cand.mode == "disapprove" and any(self._names_an_act(h) for h in cand.roles.recipient)
        if not (implied and unknown_doer) and (
            implied or {r.country for r in recipients} <= {a.country for a in actors}
        ):
            # Nobody named, or only the actor's own side: a denial denies the act told before, aimed
            # where that was; else the clauses around it may name the other party.
            if denied := denied_as_told(cand, type_, actors, discourse):
                recipients, implied = denied, True
            elif (
                around := recipient_around(
                    actors,
                    location,
                    cand,
                    coder,
                    named_own=not implied,
                    mutual=len(actors) > 1 and type_ in RECIPROCAL,
                )
            ) is not None:
                recipients, implied = around
            elif implied and (struck := claimant_struck(type_, actors, claimant)):
                recipients, implied = struck, False  # the reporting state says it was struck
            elif implied and fought_each_other(cand, type_, actors):
                recipients = actors  # "Indian and Pakistani troops exchanged fire": each against the other
            elif implied:
                recipients = default_recipient(type_, actors, discourse)
        if not implied:
            discourse.note(type_, actors, recipients)
        when = timeline.when(head, future=cand.modality == "future")
        mode = refine_mode(type_, mode, head)
        modes = (mode,) if mode else ()
        sectors = [e.sector for e in (*actors, *recipients)]
        start, end, evidence = _evidence(cand)
        if claimant is None and cand.attribution is not None:
            claimant = Entity(text=cand.attribution.speaker.text)
        mention = EventMention(
            id=_mention_id(article.id, head.i, cand.type),
            article_id=article.id,
            sentence=head.sent.text.strip(),
            sentence_start=head.sent.start_char,
            evidence=evidence,
            start=start,
            end=end,
            trigger=" ".join(t.text for t in cand.trigger.words),
            type=type_,
            mode=modes,
            context=contexts_of(type_, sectors, head),
            score=self.ontology.score(type_, modes),
            actor=actors,
            recipient=recipients,
            when=when,
            location=location,
            claim=_claim(cand, claimant),
            modality=cand.modality,
        )
        return mention, implied


def _denial(
    rebuttal: Rebuttal, told: Sequence[EventMention], since: int, article: Article, coder: ArticleCoder
) -> EventMention | None:
    """The event a rebuttal denies ("Iran rejected the accusation"), as a mention of this sentence with
    the denier as claimant and stance "denies" (gold/README.md: a denial is coded as the denied event).

    Which event: the last one told in the `_REBUTTAL_REACH` sentences before (those starting at
    character `since` or later), not already denied, not hypothetical and not claimed by the denier's
    state (`_claimed_by_state`); a speech act must be claimed by someone (the outlet's "X demanded" is
    no claim to deny). One the denier's side is said to have done comes first (the accused deny what
    they are accused of), then a material act over a speech act. None when the denier codes to no
    country or no such event was told: the rebut verb then keeps its own reading.
    """
    denier = coder.entity(rebuttal.denier)
    if denier is None or not denier.country:
        return None
    country = denier.country
    told_by_others = [
        m
        for m in told
        if m.sentence_start >= since
        and m.claim.stance != "denies"
        and m.modality is None
        and not _claimed_by_state(m.claim, country)
        and (m.claim.claimant is not None or m.type not in SPEECH_ACTS)  # a claim, or an act
    ]
    own = [m for m in told_by_others if country in {a.country for a in m.actor}]
    ranked = (
        [m for m in own if m.type not in SPEECH_ACTS],
        own,
        [m for m in told_by_others if m.type not in SPEECH_ACTS and m.claim.claimant is not None],
    )
    event = next((group[-1] for group in ranked if group), None)
    if event is None:
        return None
    doc = rebuttal.denier.doc
    sentence = rebuttal.denier.sent
    first = min(rebuttal.denier.left_edge.i, *(w.i for w in rebuttal.words))
    last = max(rebuttal.denier.i, *(w.i for w in rebuttal.words))
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)  # doc[first : last + 1]'s characters
    return replace(
        event,
        id=_mention_id(article.id, rebuttal.words[0].i, event.type),
        sentence=sentence.text.strip(),
        sentence_start=sentence.start_char,
        evidence=doc[first : last + 1].text,
        start=start,
        end=end,
        trigger=" ".join(w.text for w in rebuttal.words),
        claim=Claim(claimant=denier, stance="denies"),
        figures=(),
    )


def _claimed_by_state(claim: Claim, country: str) -> bool:
    """Whether this country's state (a state sector, or the country named alone) makes the claim: a
    state does not deny what it claims, while its country's media or opposition may say what it denies."""
    claimant = claim.claimant
    return claimant is not None and claimant.country == country and speaks_for_state(claimant)


def _definite(noun: Token) -> bool:
    return any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those") for c in noun.children
    )


def _claim(cand: Candidate, claimant: Entity | None) -> Claim:
    if cand.attribution is None or claimant is None:
        return Claim()
    return Claim(claimant=claimant, stance="denies" if cand.attribution.stance == "denies" else "asserts")


def _evidence(cand: Candidate) -> tuple[int, int, str]:
    """Character span of the words that carry the event (trigger, actor and recipient phrases), and its
    text: the tokens' own, as `doc.text` would give it but without joining the whole article's text."""
    tokens = list(cand.trigger.words) + list(cand.roles.actor) + list(cand.roles.recipient)
    sentence = cand.trigger.head.sent
    inside = [t for t in tokens if sentence.start <= t.i < sentence.end]
    first = min(t.left_edge.i if t in cand.roles.actor else t.i for t in inside)
    last = max(t.i for t in inside)
    doc = sentence.doc
    first = max(first, sentence.start)
    return doc[first].idx, doc[last].idx + len(doc[last].text), doc[first : last + 1].text


def _mention_id(article_id: str, token_index: int, type_: str) -> str:
    return hashlib.sha1(f"{article_id}:{token_index}:{type_}".encode()).hexdigest()[:16]


def _merge_duplicates(readings: list[tuple[EventMention, bool]]) -> list[EventMention]:
    """One sentence, one event per (type, stance, actors): a recipient read off the text beats an implied
    one, another party beats the actor's own polity (the fallback where nothing is named: "Israeli
    airstrikes killed 20 people in Gaza" is aimed at Gaza, as the verb's reading says, not at Israel as
    the noun's says), and more recipients beat fewer."""

    def key(m: EventMention) -> tuple[str, str, frozenset[str | None]]:
        return (m.type, m.claim.stance, frozenset(a.country for a in m.actor))

    def rank(reading: tuple[EventMention, bool]) -> tuple[bool, bool, int]:
        mention, implied = reading
        own = {a.country for a in mention.actor}
        return (not implied, any(r.country not in own for r in mention.recipient), len(mention.recipient))

    best: dict[tuple[str, str, frozenset[str | None]], tuple[EventMention, bool]] = {}
    for reading in readings:
        kept = best.get(key(reading[0]))
        if kept is None or rank(reading) > rank(kept):
            best[key(reading[0])] = reading
    return [m for m, _ in readings if best[key(m)][0] is m]
