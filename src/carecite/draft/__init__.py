"""Drafts: Jinja templates render Markdown (``render``); ``write_docx`` turns it into Word.

The Word writer's names are loaded on first use, so importing ``carecite.draft.render``
does not pay for python-docx and markdown-it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from carecite.draft.docx import DocumentProperties, build_document, write_docx

__all__ = ["DocumentProperties", "build_document", "write_docx"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from carecite.draft import docx

        return getattr(docx, name)
    raise AttributeError(f"module 'carecite.draft' has no attribute {name!r}")
