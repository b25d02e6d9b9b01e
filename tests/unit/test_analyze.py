"""Dyad series and the escalation rule, on hand-made story records."""

from __future__ import annotations

import datetime as dt

from eventlens.analyze import MIN_CONFLICT, alerts, dyad_rows, period_start


def story(
    sid: str, day: str, score: float, actor: str = "AZE", recipient: str = "IRN", precision: str = "day"
) -> dict:
    return {
        "id": sid,
        "date": day,
        "date_precision": precision,
        "score": score,
        "actor": [{"country": actor}],
        "recipient": [{"country": recipient}],
    }


def test_series_sums_scores_per_day_and_week_both_directions() -> None:
    rows = dyad_rows(
        [
            story("s1", "2026-03-05", -9.5),
            story("s2", "2026-03-05", -3.5),
            story("s3", "2026-03-04", 4.0),
            story("s4", "2026-03", -6.0, precision="month"),
        ]
    )
    day = {(r[0], r[1], r[2], r[4]): r[5:] for r in rows if r[3] == "day"}
    assert day[("AZE", "IRN", True, dt.date(2026, 3, 5))] == (2, 13.0, 0.0)
    assert day[("AZE", "IRN", True, dt.date(2026, 3, 4))] == (1, 0.0, 4.0)
    week = [r for r in rows if r[3] == "week" and r[2]]
    assert week == [("AZE", "IRN", True, "week", dt.date(2026, 3, 2), 3, 13.0, 4.0)]
    assert period_start(dt.date(2026, 3, 5), "week") == dt.date(2026, 3, 2)


def test_a_quiet_dyad_that_collapses_raises_an_alert_naming_its_stories() -> None:
    found = alerts(
        [story("s0", "2026-02-20", 2.5), story("s1", "2026-03-05", -9.5), story("s2", "2026-03-05", -6.0)]
    )
    assert [(a.actor, a.recipient, a.day, a.stories) for a in found] == [
        ("AZE", "IRN", dt.date(2026, 3, 5), ("s1", "s2"))
    ]


def test_small_conflict_does_not_ring() -> None:
    assert alerts([story("s1", "2026-03-05", -(MIN_CONFLICT - 1))]) == []


def test_a_dyad_always_at_war_alerts_only_when_it_gets_markedly_worse() -> None:
    steady = [
        story(f"d{i}", (dt.date(2026, 2, 1) + dt.timedelta(days=i)).isoformat(), -9.0) for i in range(30)
    ]
    assert alerts([*steady, story("x", "2026-03-03", -9.0)], since=dt.date(2026, 3, 3)) == []
    worse = [story(f"w{i}", "2026-03-03", -9.0) for i in range(6)]
    assert [a.day for a in alerts(steady + worse, since=dt.date(2026, 3, 3))] == [dt.date(2026, 3, 3)]
