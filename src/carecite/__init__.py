"""carecite: citable Ofsted findings and Word drafts for lawyers in English care proceedings.

The package exports its verbs, one module each::

    load_bank        carecite.bank.load          read and validate a quote bank
    search_passages  carecite.search.query        ranked, typo-tolerant search
    format_citation  carecite.cite.citation          OSCOLA and practitioner citations
    read_report      carecite.reports.ingest    a report PDF's pages, paragraphs and headings
    locate_quote     carecite.reports.locate        where a quotation is in a report
    verify_bank      carecite.reports.verify        every passage against its report
    audit_docx       carecite.draft.audit.check         every quotation of a finished draft
    render_draft     carecite.draft.render  a template and a case file to Markdown
    write_docx       carecite.draft.write.docx    Markdown to a Word document

They are imported on first use, so ``import carecite`` (and ``carecite --help``) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_VERBS = {
    "load_bank": "carecite.bank.load",
    "search_passages": "carecite.search.query",
    "format_citation": "carecite.cite.citation",
    "read_report": "carecite.reports.ingest",
    "locate_quote": "carecite.reports.locate",
    "verify_bank": "carecite.reports.verify",
    "audit_docx": "carecite.draft.audit.check",
    "render_draft": "carecite.draft.render",
    "write_docx": "carecite.draft.write.docx",
}

__all__ = ["__version__", *_VERBS]


def __getattr__(name: str) -> Any:
    if name in _VERBS:
        return getattr(import_module(_VERBS[name]), name)
    raise AttributeError(f"module 'carecite' has no attribute {name!r}")
