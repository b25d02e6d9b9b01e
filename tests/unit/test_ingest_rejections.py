"""Every reason an input is skipped: each gives a Rejected naming the problem, and the batch goes on."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from eventlens.ingest import Rejected, read_inputs
from eventlens.model import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
GOOD = "The defence ministry said on Monday that two patrol boats had returned to port safely."


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _only_rejection(path: Path, **options: int) -> Rejected:
    (item,) = read_inputs([str(path)], **options)
    assert isinstance(item, Rejected), item
    assert item.source == str(path)
    return item


def test_binary_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in _only_rejection(path).reason


def test_mostly_non_text_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "noise.txt", bytes(range(1, 32)) * 20)
    assert "binary" in _only_rejection(path).reason


def test_empty_and_whitespace_only_files(tmp_path: Path) -> None:
    assert _only_rejection(_write(tmp_path, "empty.txt", b"")).reason == "empty file"
    assert "empty" in _only_rejection(_write(tmp_path, "blank.md", b" \n\n\t \n")).reason
    assert "empty" in _only_rejection(_write(tmp_path, "empty.jsonl", b"\n\n")).reason


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = _write(tmp_path, "long.txt", (GOOD + "\n\n").encode() * 50)
    assert (
        _only_rejection(path, max_bytes=1000).reason
        == f"too large ({path.stat().st_size:,} bytes; limit max_bytes=1,000)"
    )
    assert isinstance(next(read_inputs([str(path)])), Article)


def test_jsonl_line_over_max_bytes(tmp_path: Path) -> None:
    short = json.dumps({"id": "a", "text": GOOD}) + "\n"
    long = json.dumps({"id": "b", "text": GOOD * 20}) + "\n"
    path = _write(tmp_path, "lines.jsonl", (short + long + short).encode())
    items = list(read_inputs([str(path)], max_bytes=500))
    assert [type(i).__name__ for i in items] == ["Article", "Rejected", "Article"]
    assert items[1].source == f"{path}:2" and "too large" in items[1].reason


def test_latin1_bytes_are_rejected_with_offset(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "latin1.txt", "The café owner in Bogotá said the protest was peaceful.".encode("latin-1")
    )
    assert _only_rejection(path).reason == "not valid UTF-8 (byte 0xe9 at offset 7)"


def test_byte_order_marks_are_honoured(tmp_path: Path) -> None:
    sig = _write(tmp_path, "bom8.txt", codecs.BOM_UTF8 + GOOD.encode())
    utf16 = _write(tmp_path, "bom16.txt", GOOD.encode("utf-16"))
    articles = list(read_inputs([str(sig), str(utf16)]))
    assert [a.text for a in articles] == [GOOD, GOOD]  # type: ignore[union-attr]
    assert articles[0].id == articles[1].id  # type: ignore[union-attr]


def test_french_text_is_rejected() -> None:
    reason = _only_rejection(FIXTURES / "french.txt").reason
    assert reason == "not English (language 'fr', detected)"


def test_language_from_metadata_is_trusted(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", GOOD.encode())
    _write(tmp_path, "metadata.jsonl", b'{"file": "a.txt", "language": "de"}\n')
    assert _only_rejection(tmp_path / "a.txt").reason == "not English (language 'de', per its metadata)"


def test_too_short(tmp_path: Path) -> None:
    assert _only_rejection(_write(tmp_path, "short.txt", b"Troops withdrew.")).reason == (
        "too short (2 words; at least 5 needed)"
    )


def test_unsupported_file_in_a_folder(tmp_path: Path) -> None:
    _write(tmp_path, "notes.pdf", b"%PDF-1.4")
    _write(tmp_path, ".hidden.txt", GOOD.encode())
    (item,) = read_inputs([str(tmp_path)])
    assert isinstance(item, Rejected) and item.reason.startswith("unsupported file type '.pdf'")


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = _write(tmp_path, "config.xml", b"<?xml version='1.0'?><settings><mode>fast</mode></settings>")
    assert "not a readable RSS/Atom feed" in _only_rejection(path).reason


def test_bad_sidecar_line_is_reported_and_the_rest_used(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", GOOD.encode())
    _write(
        tmp_path, "metadata.jsonl", b'{"file": "a.txt", "outlet": "Harbour News"}\n{oops\n{"outlet": "x"}\n'
    )
    items = list(read_inputs([str(tmp_path)]))
    rejected = [i for i in items if isinstance(i, Rejected)]
    (article,) = [i for i in items if isinstance(i, Article)]
    assert article.outlet == "Harbour News"
    assert [r.source for r in rejected] == [f"{tmp_path / 'metadata.jsonl'}:{n}" for n in (2, 3)]


def test_one_bad_input_never_stops_the_rest(tmp_path: Path) -> None:
    bad = _write(tmp_path, "bad.txt", b"\x00\x01\x02")
    good = _write(tmp_path, "good.txt", GOOD.encode())
    kinds = [type(i).__name__ for i in read_inputs([str(bad), str(tmp_path / "missing.txt"), str(good)])]
    assert kinds == ["Rejected", "Rejected", "Article"]
