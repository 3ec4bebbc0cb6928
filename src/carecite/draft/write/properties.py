"""A document's core properties: a value the renderer fills and the writer records.

Kept apart from the writer so that rendering a draft (or writing it as Markdown) never
imports python-docx.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

__all__ = ["DocumentProperties"]

# Word's core properties hold at most 255 characters each (python-docx enforces it).
LIMIT = 255


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

    def fitted(self) -> tuple[DocumentProperties, tuple[str, ...]]:
        """These properties cut to what Word holds (``LIMIT`` characters), and a warning for
        each one cut: a long case number or name is kept whole in the text, never a crash."""
        long = [name for name in ("title", "author", "subject") if len(getattr(self, name)) > LIMIT]
        warnings = tuple(
            f"the document's {name} is longer than Word keeps ({LIMIT} characters): it is "
            "cut short in File ▸ Info, and whole in the text"
            for name in long
        )
        fitted = replace(
            self, title=_fit(self.title), author=_fit(self.author), subject=_fit(self.subject)
        )
        return fitted, warnings


def _fit(value: str) -> str:
    return value if len(value) <= LIMIT else value[: LIMIT - 1] + "…"
