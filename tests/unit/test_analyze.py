"""Dyad series and the escalation rule, on hand-made story records; the alerts command's output."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eventlens.analyze
from eventlens.analyze import (
    MIN_CONFLICT,
    Alert,
    alerts,
    dyad_rows,
    eligible_dyads,
    period_bounds,
    period_start,
)
from eventlens.cli.app import app
from eventlens.store import Store

START = dt.date(2026, 2, 1)


def story(
    sid: str,
    day: str,
    score: float,
    actor: str = "AZE",
    recipient: str = "IRN",
    precision: str = "day",
    articles: tuple[tuple[str, str], ...] | None = None,
) -> dict:
    """A stories-jsonl record; by default told by one article of its own (id `a-<sid>`, outlet Wire)."""
    told = articles if articles is not None else ((f"a-{sid}", "Wire"),)
    return {
        "id": sid,
        "date": day,
        "date_precision": precision,
        "score": score,
        "actor": [{"country": actor}],
        "recipient": [{"country": recipient}],
        "articles": [{"id": i, "outlet": o} for i, o in told],
    }


def daily(prefix: str, score: float, days: int, **kw: object) -> list[dict]:
    """One story a day on `days` days from START."""
    return [
        story(f"{prefix}{i}", (START + dt.timedelta(days=i)).isoformat(), score, **kw) for i in range(days)
    ]


SPIKE = "2026-03-05"


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


def test_a_dyad_without_history_does_not_alert_however_hot_its_first_day() -> None:
    first = [story(f"s{i}", SPIKE, -9.5) for i in range(5)]
    assert alerts(first) == []
    once_before = [story("c0", "2026-02-20", 4.0), *first]
    assert alerts(once_before) == []
    assert eligible_dyads(once_before) == set()


def test_a_steady_dyad_that_spikes_alerts_and_says_why() -> None:
    calm = daily("c", 4.0, 10)
    spike = [story(f"s{i}", SPIKE, -6.0, articles=((f"a{i}", f"Outlet {i % 2}"),)) for i in range(3)]
    [alert] = alerts([*calm, *spike])
    assert (alert.actor, alert.recipient, alert.day) == ("AZE", "IRN", dt.date(2026, 3, 5))
    assert (alert.conflict, alert.events, alert.reports, alert.outlets) == (
        18.0,
        3,
        3,
        ("Outlet 0", "Outlet 1"),
    )
    assert (alert.days_observed, alert.events_before, alert.conflict_before) == (10, 10, 0)
    assert alert.stories == ("s0", "s1", "s2")
    assert alert.baseline < 0.2 and alert.p < 0.01
    record = alert.to_dict()
    assert record["day"] == SPIKE and record["outlets"] == ["Outlet 0", "Outlet 1"]
    assert set(record) == set(Alert.__slots__)


def test_the_other_side_of_a_pair_in_the_news_counts_as_history() -> None:
    calm = daily("c", 4.0, 10, actor="IRN", recipient="AZE")
    spike = [story(f"s{i}", SPIKE, -6.0) for i in range(3)]
    assert [(a.actor, a.recipient) for a in alerts([*calm, *spike])] == [("AZE", "IRN")]


def test_one_report_is_not_enough_however_many_acts_it_codes() -> None:
    calm = daily("c", 4.0, 10)
    one_story = [story("s", SPIKE, -9.5)]
    one_article = [story(f"s{i}", SPIKE, -6.0, articles=(("a", "Wire"),)) for i in range(4)]
    assert alerts([*calm, *one_story]) == []
    assert alerts([*calm, *one_article]) == []


def test_one_story_told_by_two_outlets_or_two_stories_in_two_reports_can_alert() -> None:
    calm = daily("c", 4.0, 30)  # one conflict story is improbable only after a long calm
    two_outlets = story("s", SPIKE, -9.5, articles=(("a1", "Wire"), ("a2", "Post")))
    [alert] = alerts([*calm, two_outlets])
    assert (alert.events, alert.reports, alert.outlets) == (1, 2, ("Post", "Wire"))
    assert len(alerts([*calm, story("s1", SPIKE, -6.0), story("s2", SPIKE, -6.0)])) == 1


def test_small_conflict_does_not_ring() -> None:
    calm = daily("c", 4.0, 10)
    minor = [story(f"s{i}", SPIKE, -(MIN_CONFLICT - 1) / 2) for i in range(2)]
    assert alerts([*calm, *minor]) == []


def test_a_dyad_always_at_war_alerts_only_when_it_gets_markedly_worse() -> None:
    war = daily("d", -9.0, 30)
    day = (START + dt.timedelta(days=30)).isoformat()
    assert alerts([*war, story("x1", day, -9.0), story("x2", day, -9.0)]) == []
    worse = [story(f"w{i}", day, -9.0) for i in range(7)]
    assert [a.day.isoformat() for a in alerts([*war, *worse])] == [day]


def test_filters_choose_the_alerts_not_the_history() -> None:
    calm = daily("c", 4.0, 10) + daily("k", 4.0, 10, actor="ARM", recipient="TUR")
    spikes = [story(f"s{i}", SPIKE, -6.0) for i in range(3)]
    spikes += [story(f"t{i}", "2026-03-06", -6.0, actor="ARM", recipient="TUR") for i in range(3)]
    both = alerts([*calm, *spikes])
    assert [(a.actor, a.day.day) for a in both] == [("AZE", 5), ("ARM", 6)]
    assert [a.actor for a in alerts([*calm, *spikes], actor="ARM")] == ["ARM"]
    assert [a.actor for a in alerts([*calm, *spikes], recipient="IRN")] == ["AZE"]
    assert [a.actor for a in alerts([*calm, *spikes], since=dt.date(2026, 3, 6))] == ["ARM"]
    assert [a.actor for a in alerts([*calm, *spikes], until=dt.date(2026, 3, 5))] == ["AZE"]


def test_periods_are_years_months_or_days() -> None:
    assert period_bounds("2026", "--since") == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert period_bounds("2024-02", "--since") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_bounds("2025-12", "--until")[1] == dt.date(2025, 12, 31)
    assert period_bounds("2026-03-05", "--until") == (dt.date(2026, 3, 5), dt.date(2026, 3, 5))
    with pytest.raises(ValueError, match="--until '2026-3'"):
        period_bounds("2026-3", "--until")


@pytest.fixture
def stored_alerts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict]:
    """An empty database, and the alerts rule replaced by one that records its options and returns two
    alerts (the command's own job is options in, formatted alerts out)."""
    db = tmp_path / "x.duckdb"
    Store(db).close()
    calls: dict = {}
    fixed = [
        Alert(
            "AZE", "IRN", dt.date(2026, 3, 5), 13.5, 4, 0.37, 0.0023, 3, 4, 1, 2, ("AP", "EDM"), ("s1", "s2")
        ),
        Alert("ARM", "TUR", dt.date(2026, 3, 6), 12.0, 2, 0.1, 0.004, 5, 6, 0, 2, ("AP",), ("s3",)),
    ]

    def fake(stories: list, **options: object) -> list[Alert]:
        calls.update(options)
        return fixed

    monkeypatch.setattr(eventlens.analyze, "alerts", fake)
    return db, calls


def test_alerts_csv_has_a_row_per_alert_with_why_it_fired(stored_alerts: tuple[Path, dict]) -> None:
    db, calls = stored_alerts
    args = ["alerts", "--db", str(db), "--format", "csv", "--since", "2026-03", "--until", "2026"]
    result = CliRunner().invoke(app, [*args, "--actor", "aze", "--limit", "1"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 1
    assert rows[0]["day"] == "2026-03-05" and rows[0]["baseline"] == "0.37" and rows[0]["p"] == "0.0023"
    assert (rows[0]["events"], rows[0]["reports"], rows[0]["days_observed"]) == ("4", "2", "3")
    assert rows[0]["outlets"] == "AP; EDM" and rows[0]["stories"] == "s1 s2"
    assert calls == {"since": dt.date(2026, 3, 1), "until": dt.date(2026, 12, 31), "actor": "AZE",
                     "recipient": None}  # fmt: skip


def test_alerts_table_and_json_show_the_explanation(stored_alerts: tuple[Path, dict]) -> None:
    db, _ = stored_alerts
    table = CliRunner().invoke(app, ["alerts", "--db", str(db)]).stdout
    assert "baseline" in table and "0.0023" in table and "3d/4e" in table and "2 alerts" in table
    json_out = CliRunner().invoke(app, ["alerts", "--db", str(db), "--format", "json"]).stdout
    assert '"conflict_before": 1' in json_out and '"outlets": [' in json_out
    bad = CliRunner().invoke(app, ["alerts", "--db", str(db), "--since", "March"])
    assert bad.exit_code != 0 and "YYYY, YYYY-MM or YYYY-MM-DD" in bad.output + str(bad.exception)
