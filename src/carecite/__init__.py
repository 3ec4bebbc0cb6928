"""carecite: citable Ofsted findings and Word drafts for lawyers in English care proceedings."""

from __future__ import annotations

__version__ = "0.1.0"
