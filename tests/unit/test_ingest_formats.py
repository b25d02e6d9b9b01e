"""read_inputs over each format, the metadata sidecar, folders, globs and stdin (hand-made fixtures)."""

from __future__ import annotations

import datetime as dt
import io
import logging
import sys
from pathlib import Path

import pytest

from eventlens.ingest import Rejected, read_inputs
from eventlens.model import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def _read(*inputs: str | Path, **options: int) -> tuple[list[Article], list[Rejected]]:
    items = list(read_inputs([str(i) for i in inputs], **options))
    articles = [i for i in items if isinstance(i, Article)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert len(articles) + len(rejected) == len(items)
    return articles, rejected


def test_markdown_file() -> None:
    (article,), rejected = _read(FIXTURES / "briefing.md")
    assert not rejected
    assert article.title == "Coastal States Agree on Fishing Patrols"
    assert article.path == article.source_id == "briefing.md"
    assert article.language == "en"
    assert "according to a statement from the regional council" in article.text
    assert "Patrol boats from both navies will share radio channels.\nEach side" in article.text
    for residue in ("**", "](", "![", "#", "_a first"):
        assert residue not in article.text


def test_text_file_byline_date_and_rejoined_lines() -> None:
    (article,), _ = _read(FIXTURES / "wire.txt")
    assert article.published == dt.date(2026, 3, 12)
    assert article.title is None
    assert "shared river dam would resume next week" in article.text
    assert "its delegation had been told" in article.text
    assert article.text.startswith(
        "Ministry Says Dam Talks Resume\n\nBy a staff correspondent\n\nMarch 12, 2026"
    )


def test_html_page_uses_trafilatura_metadata() -> None:
    (article,), _ = _read(FIXTURES / "page.html")
    assert article.title == "Ceasefire holds in the valley"
    assert article.outlet == "Northern Herald"
    assert article.published == dt.date(2026, 4, 2)
    assert article.url == "https://herald.example/2026/04/02/ceasefire"
    assert "held for a third day" in article.text
    assert "\n\nThe militia's spokesman accused the army" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text


def test_rss_feed_gives_one_article_per_item() -> None:
    articles, rejected = _read(FIXTURES / "feed.rss")
    assert [a.title for a in articles] == ["Port workers strike over pay", "Governor meets fishing unions"]
    first, second = articles
    assert {a.outlet for a in articles} == {"Island Gazette"}
    assert first.published == dt.date(2026, 3, 5) and second.published == dt.date(2026, 3, 6)
    assert first.url == "https://gazette.example/news/port-strike"
    assert first.source_id == "gazette-0001" and first.path == "feed.rss"
    assert first.text.endswith("cannot afford.\n\nFerries to the outer islands were cancelled.")
    assert "<p>" not in first.text
    assert rejected == [Rejected(f"{FIXTURES / 'feed.rss'}#3", "feed item has no content or summary text")]


def test_atom_feed() -> None:
    (article,), _ = _read(FIXTURES / "updates.atom")
    assert article.outlet == "Border Monitor"
    assert article.published == dt.date(2026, 3, 7)
    assert article.url == "https://monitor.example/17"
    assert article.text.startswith("International observers reported shelling")


def test_jsonl_bad_lines_are_rejected_and_good_lines_still_come() -> None:
    articles, rejected = _read(FIXTURES / "mixed.jsonl")
    assert [a.source_id for a in articles] == ["rec-1", "rec-3", "5"]
    assert [a.published for a in articles] == [dt.date(2026, 3, 5)] * 3
    assert [a.outlet for a in articles] == ["Capital Post", "Provincial Radio", None]
    assert articles[0].title == "Talks collapse" and articles[0].url == "https://post.example/1"
    assert {a.path for a in articles} == {"mixed.jsonl"}
    sources = [r.source for r in rejected]
    assert sources == [f"{FIXTURES / 'mixed.jsonl'}:{n}" for n in (2, 5, 6)]
    assert rejected[0].reason.startswith("malformed JSON on line 2")
    assert rejected[1].reason == "line 5 has no 'text' field"
    assert rejected[2].reason == "line 6 is not a JSON object"


def test_metadata_sidecar_wins_and_is_not_an_article() -> None:
    articles, rejected = _read(FIXTURES / "sidecar")
    assert not rejected
    by_file = {a.path: a for a in articles}
    assert set(by_file) == {"first-report.txt", "second-report.md"}
    first, second = by_file["first-report.txt"], by_file["second-report.md"]
    assert (first.outlet, first.published, first.title) == (
        "City Courier",
        dt.date(2026, 2, 1),
        "Rescue teams reach flooded district",
    )
    # No title in the sidecar: the Markdown heading stays the title.
    assert (second.outlet, second.published, second.title) == (
        "Valley Times",
        dt.date(2026, 2, 2),
        "River levels fall",
    )


def test_sidecar_applies_to_a_file_named_alone() -> None:
    (article,), _ = _read(FIXTURES / "sidecar" / "first-report.txt")
    assert article.outlet == "City Courier"


def test_sidecar_named_explicitly_is_skipped() -> None:
    assert _read(FIXTURES / "sidecar" / "metadata.jsonl") == ([], [])


def test_folder_is_read_recursively_in_sorted_order() -> None:
    articles, rejected = _read(FIXTURES)
    assert [a.path for a in articles][:2] == ["briefing.md", "feed.rss"]
    assert {"first-report.txt", "second-report.md", "updates.atom", "wire.txt"} <= {a.path for a in articles}
    assert any(r.source.endswith("french.txt") for r in rejected)


def test_glob_pattern() -> None:
    articles, _ = _read(FIXTURES / "*.atom")
    assert [a.path for a in articles] == ["updates.atom"]


def test_missing_path_and_empty_glob_are_rejected() -> None:
    _, rejected = _read(FIXTURES / "nowhere.txt", FIXTURES / "*.nothing")
    assert [r.reason for r in rejected] == ["no such file or folder", "no file matches this pattern"]


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"The  mayor resigned on Friday after a week of protests.\n")
    (article,), _ = _read("-")
    assert article.text == "The mayor resigned on Friday after a week of protests."
    assert article.path is None and article.source_id is None


def test_stdin_jsonl_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, (FIXTURES / "mixed.jsonl").read_bytes())
    articles, rejected = _read("-")
    assert [a.source_id for a in articles] == ["rec-1", "rec-3", "5"]
    assert [r.source for r in rejected] == ["<stdin>:2", "<stdin>:5", "<stdin>:6"]


def test_stdin_html_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, (FIXTURES / "page.html").read_bytes())
    (article,), _ = _read("-")
    assert article.outlet == "Northern Herald"


def test_stdin_as_plain_string_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Rebels freed twelve hostages near the border on Sunday."))
    (article,), _ = _read("-")
    assert article.text.startswith("Rebels freed")


def test_rejections_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="eventlens.ingest"):
        _read(FIXTURES / "french.txt")
    assert "french.txt" in caplog.text and "not English" in caplog.text
