"""Ingest: files, folders, globs, feeds, JSON Lines or stdin in; clean English `Article`s out.

`read_inputs` yields an `Article` for each report it can read and a `Rejected` (source, reason) for each
input it skips; one bad input never stops a batch. Formats: plain text and Markdown (.txt, .md), HTML
(.html, .htm), RSS/Atom (.xml, .rss, .atom), JSON Lines (.jsonl, .ndjson); other names are sniffed.
A `metadata.jsonl` beside the files supplies outlet, publication date, title and language.
"""

from eventlens.ingest.article import article_id
from eventlens.ingest.reader import read_inputs
from eventlens.ingest.records import Rejected
from eventlens.ingest.text_cleanup import normalise_text

__all__ = ["Rejected", "article_id", "normalise_text", "read_inputs"]
