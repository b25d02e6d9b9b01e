"""Turn text as it arrives (Markdown residue, hard-wrapped lines, odd whitespace) into clean prose.

The parser downstream reads sentences; markup and mid-sentence line breaks split or pollute them
("four drones\\n\\nwere directed toward" would become two sentences, neither with its event). Every
text-like format goes through `clean_text`, because residue turns up everywhere: the EDM seed is a .txt
file with `## Title`, `**bold**` and `[name](#)` links.

`normalise_text` is the small, idempotent part (unicode NFC, whitespace, paragraph breaks as "\\n\\n")
used for ids; curly quotes and dashes are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata

from eventlens.ingest.casing import readable_case

__all__ = ["clean_text", "clean_title", "leading_heading", "normalise_text", "rejoin_broken_lines"]

_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")  # the other control characters are whitespace

_MARKUP_CHARS = "[*_`"
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")
_CODE = re.compile(r"`([^`\n]+)`")

_HEADING = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?$")
_BULLET = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^(?:[-*_=]\s*){3,}$")
_QUOTE = re.compile(r"^>\s?")

# A line ending in one of these (possibly followed by closing quotes or brackets) ends a sentence.
_SENTENCE_FINAL = ".!?:;…"
_CLOSERS = "\"'”’)]"
# Words that cannot end a sentence: a line ending in one continues on the next, whatever its case.
_CONTINUING_WORDS = frozenset(
    ("a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "and", "or", "but", "that")
)
_TITLE_SHARE = 0.6
_SHORT_LINE_WORDS = 4


def normalise_text(text: str) -> str:
    """Unicode NFC, one space between words, lines trimmed, paragraphs separated by exactly "\\n\\n".

    Idempotent: ids are hashes of this form, so the same report with other whitespace gets the same id.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub(" ", _INVISIBLE.sub("", text))
    # str.split() knows every unicode space and runs in C; a regular expression here was the slowest step.
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def _strip_inline(line: str) -> str:
    """Markdown inline markup to its words: images go, links keep their text, emphasis loses its marks."""
    if not any(char in line for char in _MARKUP_CHARS):  # most lines have none: skip the substitutions
        return line
    line = _LINK.sub(r"\1", _IMAGE.sub("", line))
    line = _BOLD.sub(r"\2", line)
    line = _EM_STAR.sub(r"\1", line)
    line = _EM_UNDERSCORE.sub(r"\1", line)
    return _CODE.sub(r"\1", line)


def _is_block_marker(line: str) -> bool:
    """Headings, bullets, rules and quotes are lines of their own: never joined to a neighbour."""
    return bool(_HEADING.match(line) or _BULLET.match(line) or _RULE.match(line) or _QUOTE.match(line))


def _is_title_line(line: str) -> bool:
    """A headline in Title Case ("Rebels Seize Border Town in the North"): most of its words capitalised."""
    words = [word for word in line.split() if word[0].isalpha()]
    capitalised = sum(word[0].isupper() for word in words)
    return bool(words) and capitalised >= _TITLE_SHARE * len(words) and not line.isupper()


def _is_broken(previous: str, line: str) -> bool:
    """Whether `line` continues the sentence that `previous` left unfinished (see `rejoin_broken_lines`)."""
    if previous.rstrip(_CLOSERS)[-1:] in _SENTENCE_FINAL or not line[0].isalnum():
        return False
    if _HEADING.match(previous) or _RULE.match(previous) or _is_block_marker(line):
        return False
    words = previous.split()
    if len(words) < _SHORT_LINE_WORDS or _is_title_line(previous):
        return False
    return line[0].islower() or previous[-1] == "," or words[-1].lower() in _CONTINUING_WORDS


def rejoin_broken_lines(text: str) -> str:
    """Join lines broken mid-sentence with a space; keep real paragraph and line breaks.

    A break (single or paragraph) is a broken line when the line before it has no sentence-final
    punctuation and the next line starts lower-case, or the line before ends in a comma or a word that
    cannot end a sentence ("of", "the"). Headings, bullets, Title Case headlines and short title or
    byline lines (under four words) stay on their own. Expects normalised text.
    """
    out: list[list[str]] = []  # [separator before the line, the line]
    separator = ""
    for line in text.split("\n"):
        if not line:
            separator = "\n\n"
            continue
        if out and _is_broken(out[-1][1], line):
            out[-1][1] += " " + line
        else:
            out.append([separator if out else "", line])
        separator = "\n"
    return "".join(sep + line for sep, line in out)


def _strip_block(line: str) -> str:
    """Drop a line's Markdown block marker (heading hashes, bullet, quote); a rule becomes an empty line."""
    if _RULE.match(line):
        return ""
    heading = _HEADING.match(line)
    if heading:
        return heading.group(1)
    for marker in (_QUOTE, _BULLET):
        found = marker.match(line)
        if found:
            line = line[found.end() :]
    return line


def leading_heading(text: str) -> str | None:
    """The text of a Markdown heading (`# Title`, `## Title`) on the first non-empty line, else None."""
    for line in normalise_text(text).split("\n"):
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading is None:
            return None
        return _strip_inline(heading.group(1)).strip() or None
    return None


def clean_text(text: str) -> str:
    """The text the parser reads: normalised, Markdown stripped, broken lines re-joined, readable case."""
    text = normalise_text(text)
    text = rejoin_broken_lines("\n".join(_strip_inline(line) for line in text.split("\n")))
    text = "\n".join(_strip_block(line) for line in text.split("\n"))
    return normalise_text(readable_case(text))


def clean_title(title: str | None) -> str | None:
    """A title as one clean line, or None when nothing is left."""
    if not title:
        return None
    cleaned = " ".join(_strip_inline(normalise_text(title)).split())
    return readable_case(cleaned) or None
