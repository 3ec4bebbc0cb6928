"""A document's core properties: a value the renderer fills and the writer records.

Kept apart from the writer so that rendering a draft (or writing it as Markdown) never
imports python-docx.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["DocumentProperties"]


@dataclass(frozen=True, slots=True)
class DocumentProperties:
    """The document's core properties (File ▸ Info in Word).

    Attributes:
        title: the document title, e.g. "Skeleton argument on behalf of the Children's Guardian".
        author: the advocate or firm; also recorded as "last modified by".
        subject: e.g. the case number and hearing.
        created: when the draft was made; ``None`` means now (UTC).
    """

    title: str = ""
    author: str = ""
    subject: str = ""
    created: datetime | None = None
