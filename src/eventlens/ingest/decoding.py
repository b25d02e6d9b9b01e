"""Bytes to text, refusing what is not text: binary files and bytes that are not valid UTF-8.

Encodings are not guessed: a wrong guess silently garbles names, which is worse than a clear rejection
the user can fix by re-encoding the file. Byte-order marks (UTF-8, UTF-16, UTF-32) are honoured because
they say what the encoding is.
"""

from __future__ import annotations

import codecs
import re

from eventlens.errors import InputError

__all__ = ["decode_bytes"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 8192
_MAX_NON_TEXT_SHARE = 0.1
_NON_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]")


def _non_text_share(text: str) -> float:
    """The share of characters that never occur in prose: control codes and private-use characters."""
    sample = text[:_SNIFF_BYTES]
    return len(_NON_TEXT.findall(sample)) / len(sample) if sample else 0.0


def _decode(data: bytes, encoding: str, *, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        name = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        raise InputError(source, f"not valid {name} (byte 0x{bad:02x} at offset {exc.start})") from None


def decode_bytes(data: bytes, *, source: str) -> str:
    """Decode `data` as UTF-8 (or as its byte-order mark says); InputError if it is binary or mis-encoded."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, source=source)
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(source, "binary data (contains NUL bytes), not text")
    text = _decode(data, "utf-8", source=source)
    if _non_text_share(text) > _MAX_NON_TEXT_SHARE:
        raise InputError(source, "binary data (mostly non-text characters), not text")
    return text
