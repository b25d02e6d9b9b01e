"""Turn text as it arrives (Markdown residue, hard-wrapped lines, odd whitespace) into clean prose.

The parser downstream reads sentences; markup and mid-sentence line breaks split or pollute them
("four drones\\n\\nwere directed toward" would become two sentences, neither with its event). Every
text-like format goes through `clean_text`, because residue turns up everywhere: the EDM seed is a .txt
file with `## Title`, `**bold**` and `[name](#)` links. What a scraper or a transcriber put between the
sentences goes first (`drop_captions_and_tags`: photo galleries, credits and captions' labels, transcript
tags such as "[BEGIN RECORDING]"); article ids are hashes of the cleaned text (see ingest/article.py for
what a change here does to articles already stored).

`normalise_text` is the small, idempotent part (unicode NFC, whitespace, paragraph breaks as "\\n\\n")
used for ids; curly quotes and dashes are kept as they are.
"""

from __future__ import annotations

import re
import unicodedata

from eventlens.ingest.casing import readable_case

__all__ = [
    "clean_text",
    "clean_title",
    "drop_captions_and_tags",
    "leading_heading",
    "normalise_text",
    "rejoin_broken_lines",
]

_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")  # the other control characters are whitespace

_MARKUP_CHARS = "[*_`"
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")
# A Markdown code span; a doubled backtick is no span but the opening quote of wire text (``like this'')
_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")

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

# Transcript and wire-service markers (MUC-3/FBIS style): what was recorded, left out or inaudible, and
# which genre the piece is. Bracketed names ("[FMLN]", "[DIAZ SALVADOR]": a gloss or a speaker) are words
# of the text and stay, and so does a Markdown link's text ("[statement](url)").
_TRANSCRIPT_TAG = re.compile(
    r"\s?\[(?:text|continued|excerpts?|(?:begin|end) (?:recording|excerpts?|quotation)|"
    r"(?:words?|passages?|questions?|sentences?|name|answer) (?:indistinct|omitted|inaudible)|"
    r"changes thought|applause|laughter|as (?:heard|received|published|printed)|signed|"
    r"report|communique|speech|statement|commentary|editorial|interview|article)\](?![(\[])",  # not a link
    re.IGNORECASE,
)
# Who took a picture: the agencies and papers whose names end a photo credit ("Jane Doe/AP").
_AGENCY = (
    r"(?:AP|AFP|Reuters|EPA|PA|Getty(?: Images)?|Rex(?: Features)?|Shutterstock|Bloomberg|Xinhua|Sipa|"
    r"Alamy|Anadolu(?: Agency)?|(?:The )?(?:Washington Post|New York Times|Guardian|Associated Press))"
)
_CREDIT_NAME = r"(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w.'-]*\s*/\s*" + _AGENCY
_PHOTO_CREDIT = re.compile(
    "|".join(
        (
            r"\s?\((?:Photo|Photograph|Picture|Image|Video)s?(?: by)?\s*[:/-][^()\n]{1,80}\)",
            r"\s?\(" + _AGENCY + r" Photos?(?:/[^()\n]{1,60})?\)",
            r"\s?\(" + _CREDIT_NAME + r"\)",
            r"(?<=[.!?\"”])\s*Credits?:?\s*" + _CREDIT_NAME + r"\b",
            r"\bImage copyright\s+(?:\S+\s+){1,5}?(?=Image caption\b)",
            r"\b(?:Image|Media) caption\s+",
        )
    )
)
# A gallery flattened into the text: "Tram crash 8 show all Tram crash 1/8 <caption> <credit> 2/8 ...".
_GALLERY = re.compile(r"(?P<title>(?:\S+ ){1,12}?)(?P<n>\d{1,3}) show all (?P=title)(?=1/(?P=n) )")
_GALLERY_LAST_CREDIT = re.compile(r"^(?:[^.!?\"“”]*?\s)?" + _AGENCY + r"\b\s*")
_GALLERY_LAST_WORDS = 12
# A gallery slide kept on lines of its own: a counter ("8/16", "8 of 16"), with a year, a credit and a
# caption on the lines around it.
_COUNTER_LINE = re.compile(r"^(\d{1,3}) ?(?:/|of) ?(\d{1,3})$")
_YEAR_LINE = re.compile(r"^(?:1[89]|20)\d\d$")
_CREDIT_LINE = re.compile(
    r"^(?:(?:Photo|Photograph|Picture|Image)s?(?: by)?\s*[:/-].{1,80}|" + _CREDIT_NAME + "|" + _AGENCY
    + r"|(?:[A-Z][\w'-]+ ){1,3}[A-Z][\w'-]+)$"  # the last: a photographer's name alone, "Jane Doe"
)  # fmt: skip
_CAPTION_WORDS = 40


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


def _flattened_gallery(text: str) -> str:
    """`text` without the galleries flattened into it (`_GALLERY`): from the title's first telling to the
    last slide's credit. The last caption has no end mark; it goes when an agency credit ends it within
    its first words, else its words stay (they cannot be told from the article's next sentence)."""
    while found := _GALLERY.search(text):
        n = int(found.group("n"))
        end = found.end()
        for k in range(1, n + 1):
            marker = text.find(f"{k}/{n} ", end)
            if marker < 0:
                return text
            end = marker + len(f"{k}/{n} ")
        last = " ".join(text[end:].split(" ")[:_GALLERY_LAST_WORDS])
        credit = _GALLERY_LAST_CREDIT.match(last)
        text = text[: found.start()] + text[end + (credit.end() if credit else 0) :]
    return text


def _is_slide_part(line: str) -> bool:
    return bool(_YEAR_LINE.match(line) or _CREDIT_LINE.match(line))


def _gallery_lines(lines: list[str]) -> list[str]:
    """`lines` without gallery slides on lines of their own: each counter line ("8/16", k <= n, n >= 2),
    the year and credit lines next to it, and the caption line that follows them (at most
    _CAPTION_WORDS words)."""
    dropped: set[int] = set()
    for i, line in enumerate(lines):
        counter = _COUNTER_LINE.match(line)
        if not counter or not 1 <= int(counter.group(1)) <= int(counter.group(2)) >= 2:
            continue
        dropped.add(i)
        before = i - 1
        while before >= 0 and _is_slide_part(lines[before]) and before not in dropped:
            dropped.add(before)
            before -= 1
        after = i + 1
        while after < len(lines) and _is_slide_part(lines[after]):
            dropped.add(after)
            after += 1
        caption = lines[after] if after < len(lines) else ""
        if caption and len(caption.split()) <= _CAPTION_WORDS and not _COUNTER_LINE.match(caption):
            dropped.add(after)
    return [line for i, line in enumerate(lines) if i not in dropped]


def drop_captions_and_tags(text: str) -> str:
    """`text` without what a scraper or a transcriber put between the article's sentences.

    Drops, because none of it is a sentence the outlet wrote about the event and the parser would read it
    as one (or glue it to the next):
    - transcript and wire markers such as "[BEGIN RECORDING]", "[END RECORDING]", "[TEXT]",
      "[PASSAGE OMITTED]", "[WORDS INDISTINCT]", "[APPLAUSE]" (`_TRANSCRIPT_TAG`); bracketed names, a
      gloss or a speaker, stay; a line left empty goes with its tag;
    - photo credits: "(Photo: Jane Doe, Getty Images)", "(AP Photo/Jane Doe)", "(Jane Doe/Reuters)", a
      credit glued to a caption ("...at the Capitol.CreditJane Doe/Reuters"), and the "Image copyright
      AGENCY", "Image caption", "Media caption" labels of scraped pages (the caption's own words cannot
      be told from the text around them there, and stay);
    - photo galleries: flattened into a paragraph ("Title 8 show all Title 1/8 caption credit 2/8 ...",
      see `_flattened_gallery`) or on lines of their own (a counter line "8/16" with the year, the
      photographer's credit and the caption around it, see `_gallery_lines`).
    A bare "(Reuters)" or "(AP)" stays: it is a dateline's source as often as a picture's. Expects
    normalised text; part of `clean_text`, so article ids are hashes of text without these.
    """
    if "[" in text:
        text = "\n".join(
            stripped
            for line in text.split("\n")
            if (stripped := " ".join(_TRANSCRIPT_TAG.sub("", line).split())) or not line
        )
    text = _PHOTO_CREDIT.sub(" ", text)
    if " show all " in text:
        text = _flattened_gallery(text)
    return normalise_text("\n".join(_gallery_lines(text.split("\n"))))


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
    """The text the parser reads: normalised, captions and transcript tags dropped, Markdown stripped,
    broken lines re-joined, readable case."""
    text = drop_captions_and_tags(normalise_text(text))
    text = rejoin_broken_lines("\n".join(_strip_inline(line) for line in text.split("\n")))
    text = "\n".join(_strip_block(line) for line in text.split("\n"))
    return normalise_text(readable_case(text))


def clean_title(title: str | None) -> str | None:
    """A title as one clean line, or None when nothing is left."""
    if not title:
        return None
    cleaned = " ".join(_strip_inline(normalise_text(title)).split())
    return readable_case(cleaned) or None
