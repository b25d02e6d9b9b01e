"""Checks of query parameters, shared by the command line and the HTTP API.

Each check takes the value as a user typed it and the parameter's name as that user spells it ("--since"
on the command line, "since" in the API), and gives back the value eventlens works with (a date, an
upper-cased code) or raises ParameterError naming the parameter, the value and what to give instead: an
unknown code or type is an error listing the valid ones, never an empty result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from eventlens.analyze import period_bounds
from eventlens.errors import ParameterError

__all__ = [
    "STANCES",
    "Spell",
    "api_parameter",
    "check_choice",
    "check_code",
    "check_limit",
    "check_mode",
    "check_outlet",
    "check_type",
    "check_window",
    "cli_option",
    "parse_day",
]

Spell = Callable[[str], str]
"""How a caller spells a parameter's name in its messages: `cli_option` or `api_parameter`."""

STANCES = ("asserts", "denies", "reports")


def cli_option(name: str) -> str:
    """The command-line spelling of a parameter: since → --since."""
    return "--" + name.replace("_", "-")


def api_parameter(name: str) -> str:
    """The API spelling of a parameter: its own name."""
    return name


def parse_day(value: str | None, name: str, *, end: bool = False) -> dt.date | None:
    """A date as YYYY-MM-DD, YYYY-MM or YYYY: the period's first day, or with `end` its last (so since
    2026-03 and until 2026-03 is March); None stays None. ParameterError naming `name` otherwise."""
    if value is None:
        return None
    try:
        first, last = period_bounds(value, name)
    except ValueError as error:
        raise ParameterError(name, str(error)) from None
    return last if end else first


def check_window(
    since: dt.date | None, until: dt.date | None, *, spell: Spell, given: tuple[str | None, str | None]
) -> None:
    """Refuse a window that ends before it starts; `given` is (since, until) as typed, for the message."""
    if since and until and since > until:
        raise ParameterError(spell("since"), f"{spell('since')} {given[0]} is after {spell('until')} "
                                             f"{given[1]}: swap them")  # fmt: skip


def check_code(value: str, name: str) -> str:
    """An actor code (ISO 3166-1 alpha-3 country, or a group's code such as NATO), upper-cased; a name
    ("Iran") or an unknown code is a ParameterError that says which code to give."""
    import pycountry

    from eventlens.resolve.actors import ActorCoder

    code = value.strip().upper()
    if pycountry.countries.get(alpha_3=code) is not None:
        return code
    entity = ActorCoder.load().code(value.strip()) if value.strip() else None
    country = entity.country if entity is not None else None
    if country == code:
        return code
    if country:
        raise ParameterError(name, f"{name} {value!r}: give its code, {name} {country}")
    raise ParameterError(
        name,
        f"{name} {value!r}: no such country or group code; give an ISO 3166-1 alpha-3 country code "
        "(IRN, AZE, USA) or a group's code (NATO, OTS, EUR)",
    )


def check_type(value: str | None, name: str = "--type") -> str | None:
    """A PLOVER event type, upper-cased; an unknown one is a ParameterError listing the 16 types."""
    if value is None:
        return None
    from eventlens.ontology import Ontology

    types = Ontology.load().types
    if value.upper() not in types:
        raise ParameterError(
            name, f"{name} {value!r}: not a PLOVER event type; give one of {', '.join(types)}"
        )
    return value.upper()


def check_mode(value: str | None, name: str = "--mode") -> str | None:
    """A PLOVER mode (drone, allege, phone, ...), lower-cased; an unknown one is a ParameterError listing
    the modes the ontology has."""
    if value is None:
        return None
    from eventlens.ontology import Ontology

    modes = sorted({mode for t in Ontology.load().types.values() for mode in t.modes})
    if value.lower() not in modes:
        raise ParameterError(name, f"{name} {value!r}: not a PLOVER mode; give one of {', '.join(modes)}")
    return value.lower()


def check_choice(value: str | None, name: str, choices: tuple[str, ...]) -> str | None:
    """One of `choices` (compared without case), lower-cased, or a ParameterError listing them."""
    if value is None or value.lower() in choices:
        return None if value is None else value.lower()
    raise ParameterError(name, f"{name} {value!r}: give one of {', '.join(choices)}")


def check_limit(value: int | None, name: str = "--limit") -> int | None:
    """A limit of 1 or more (None: no limit)."""
    if value is not None and value < 1:
        raise ParameterError(name, f"{name} {value}: give a number of 1 or more, or leave it out for all")
    return value


def check_outlet(value: str | None, name: str, outlets: Iterable[str | None]) -> None:
    """An outlet no stored article has is a ParameterError listing the outlets there are."""
    if value is None:
        return
    known = sorted({o for o in outlets if o})
    if value.casefold() not in {o.casefold() for o in known}:
        shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "") if known else "none"
        raise ParameterError(name, f"{name} {value!r}: no stored article has it; outlets: {shown}")
