"""Plain text and Markdown files: one article per file; a leading `# Title` or `## Title` is its title.

The clean-up (markup, broken lines) is shared with every format in `text_cleanup`, so this reader only
says where the text came from.
"""

from __future__ import annotations

from eventlens.ingest.records import Draft
from eventlens.ingest.text_cleanup import leading_heading

__all__ = ["read_text"]


def read_text(text: str, *, source: str, name: str | None) -> Draft:
    """One article from the decoded contents of a .txt or .md file (or text on stdin)."""
    return Draft(source=source, text=text, title=leading_heading(text), path=name, source_id=name)
