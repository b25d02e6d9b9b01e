"""What the list commands' options mean: each value checked against what eventlens knows (an unknown code
is an error that lists the valid ones, never an empty result), and the filters the store has no column
for (a story's recipient or outlet) applied to its records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from eventlens.analyze import period_bounds
from eventlens.errors import EventlensError

__all__ = ["Filters", "check_choice", "check_code", "check_limit", "check_type", "parse_day"]


def parse_day(value: str | None, option: str) -> dt.date | None:
    """A date option as YYYY-MM-DD, YYYY-MM or YYYY: the period's first day, or its last for --until (so
    `--since 2026-03 --until 2026-03` is March). A clear error naming the option otherwise."""
    if value is None:
        return None
    try:
        first, last = period_bounds(value, option)
    except ValueError as error:
        raise EventlensError(str(error)) from None
    return last if option == "--until" else first


def check_code(value: str, option: str) -> str:
    """An actor code (ISO 3166-1 alpha-3 country, or a group's code such as NATO), upper-cased; a name
    ("Iran") or an unknown code is an error that says which code to give."""
    import pycountry

    from eventlens.resolve.actors import ActorCoder

    code = value.strip().upper()
    if pycountry.countries.get(alpha_3=code) is not None:
        return code
    entity = ActorCoder.load().code(value.strip())
    country = entity.country if entity is not None else None
    if country == code:
        return code
    if country:
        raise EventlensError(f"{option} {value!r}: give its code, {option} {country}")
    raise EventlensError(
        f"{option} {value!r}: no such country or group code; give an ISO 3166-1 alpha-3 country code "
        "(IRN, AZE, USA) or a group's code (NATO, OTS, EUR)"
    )


def check_type(value: str | None) -> str | None:
    """A PLOVER event type, upper-cased; an unknown one is an error listing the 16 types."""
    if value is None:
        return None
    from eventlens.ontology import Ontology

    types = Ontology.load().types
    if value.upper() not in types:
        raise EventlensError(f"--type {value!r}: not a PLOVER event type; give one of {', '.join(types)}")
    return value.upper()


def _within(date: str | None, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether a date at its own precision ("2026", "2026-03", "2026-03-05") fits the bounds: a month is
    on or after a --since within it, as the store compares mention dates."""
    if date is None:
        return since is None and until is None
    after = since is None or date >= since.isoformat()[: len(date)]
    return after and (until is None or date <= until.isoformat()[: len(date)])


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """The filters every list command shares, checked: `Filters.parse` raises on an unknown value."""

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None

    @classmethod
    def parse(
        cls,
        *,
        actor: str | None = None,
        recipient: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
    ) -> Filters:
        """The options as given on the command line, each checked."""
        found = cls(
            actor=None if actor is None else check_code(actor, "--actor"),
            recipient=None if recipient is None else check_code(recipient, "--recipient"),
            type=check_type(type),
            since=parse_day(since, "--since"),
            until=parse_day(until, "--until"),
            outlet=outlet,
        )
        if found.since and found.until and found.since > found.until:
            raise EventlensError(f"--since {since} is after --until {until}: swap them")
        return found

    def check_outlet(self, outlets: Iterable[str | None]) -> None:
        """An --outlet no stored article has is an error listing the outlets there are."""
        if self.outlet is None:
            return
        known = sorted({o for o in outlets if o})
        if self.outlet.casefold() not in {o.casefold() for o in known}:
            shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "") if known else "none"
            raise EventlensError(f"--outlet {self.outlet!r}: no stored article has it; outlets: {shown}")

    def has_outlet(self, outlet: str | None) -> bool:
        """Whether an article's outlet passes --outlet (compared without case)."""
        return self.outlet is None or (outlet or "").casefold() == self.outlet.casefold()

    def stories(self, records: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """The stories-jsonl records that pass: actor and recipient by side, dates at the story's own
        precision, outlet among its reports'."""
        for record in records:
            if self.actor and self.actor not in {e.get("country") for e in record["actor"]}:
                continue
            if self.recipient and self.recipient not in {e.get("country") for e in record["recipient"]}:
                continue
            if self.type and record["type"] != self.type:
                continue
            if not _within(record["date"], self.since, self.until):
                continue
            if self.outlet and not any(self.has_outlet(a.get("outlet")) for a in record["articles"]):
                continue
            yield record


def check_choice(value: str | None, option: str, choices: tuple[str, ...]) -> str | None:
    """One of `choices` (compared without case), or an error listing them."""
    if value is None or value.lower() in choices:
        return None if value is None else value.lower()
    raise EventlensError(f"{option} {value!r}: give one of {', '.join(choices)}")


def check_limit(value: int | None) -> int | None:
    """A --limit of 1 or more (None: no limit)."""
    if value is not None and value < 1:
        raise EventlensError(f"--limit {value}: give a number of 1 or more, or leave it out for all")
    return value
