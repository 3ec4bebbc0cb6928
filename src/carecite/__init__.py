"""carecite: citable Ofsted findings and Word drafts for lawyers in English care proceedings.

The package exports typed verbs whose results compose, one stage each::

    load_bank        read and validate a quote bank                     → Bank
    load_case        read and validate a case file against a bank       → Case
    search_passages  ranked, typo-tolerant search of a bank folder      → tuple[SearchHit, ...]
    format_citation  OSCOLA or practitioner citation of passages        → Citation
    render_draft     a template and a case to Markdown                  → RenderedDraft
    write_docx       that Markdown (and its properties) to Word         → Path
    make_draft       load a case, render and write, in one call         → DraftResult
    read_report      a report PDF's pages, paragraphs and headings      → SourceText
    locate_quote     where words are in a report, and how they compare  → Location
    verify_bank      every passage of a bank against its report         → tuple[PassageCheck, ...]
    audit_docx       every quotation of a finished Word draft           → AuditReport
    add_passage      add a passage to a bank, pinpointed from the report → Passage
    load_history     an authority's inspections, from the dataset and the bank → History
    import_report    a report PDF made a source file of a bank, passages and all → ImportResult

and what their callers show: ``template_catalogue`` (the shipped templates);
``source_record``, ``passage_record`` and ``hit_record`` (a source, passage or search hit as
the record ``--json`` prints) and ``json_text`` (that JSON); ``audit_json``,
``audit_markdown`` and ``write_audit`` (an audit report as JSON, Markdown or Word);
``inspection_record`` and ``history_svg`` (an inspection as data, a history as a plot).

For example::

    import carecite

    bank = carecite.load_bank(carecite.shipped_bank())
    case = carecite.load_case("examples/re-a-tower-hamlets.yaml", bank)
    rendered = carecite.render_draft("skeleton-argument", case, bank)
    carecite.write_docx(rendered.markdown, "skeleton.docx", properties=rendered.properties)

Every failure is a ``CareciteError`` (``.problems`` lists each with its file and line). The
verbs are imported on first use, so ``import carecite`` (and ``carecite --help``) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Each public name and the module it lives in.
_EXPORTS = {
    "load_bank": "carecite.bank.load",
    "load_case": "carecite.draft.case",
    "search_passages": "carecite.search.query",
    "format_citation": "carecite.cite.citation",
    "render_draft": "carecite.draft.render",
    "write_docx": "carecite.draft.write.docx",
    "make_draft": "carecite.draft.render",
    "read_report": "carecite.reports.ingest",
    "locate_quote": "carecite.reports.locate",
    "verify_bank": "carecite.reports.verify",
    "audit_docx": "carecite.draft.audit.check",
    "add_passage": "carecite.reports.add",
    "shipped_bank": "carecite.resources",
    "template_catalogue": "carecite.draft.render",
    "audit_markdown": "carecite.draft.audit.report",
    "audit_json": "carecite.draft.audit.report",
    "write_audit": "carecite.draft.audit.report",
    "passage_record": "carecite.bank.records",
    "json_text": "carecite.bank.records",
    "hit_record": "carecite.search.records",
    "source_record": "carecite.bank.records",
    "import_report": "carecite.reports.importer",
    "import_record": "carecite.reports.importer",
    "load_history": "carecite.history.inspections",
    "inspection_record": "carecite.history.inspections",
    "history_svg": "carecite.history.plot",
    # The values the verbs take and give.
    "Bank": "carecite.bank.load",
    "Case": "carecite.draft.case",
    "Passage": "carecite.model",
    "Source": "carecite.model",
    "Theme": "carecite.model",
    "Verdict": "carecite.model",
    "SearchHit": "carecite.search.query",
    "Citation": "carecite.cite.citation",
    "RenderedDraft": "carecite.draft.render",
    "History": "carecite.history.inspections",
    "ImportResult": "carecite.reports.importer",
    "Inspection": "carecite.history.inspections",
    "TemplateInfo": "carecite.draft.render",
    "DraftResult": "carecite.draft.render",
    "DocumentProperties": "carecite.draft.write.properties",
    "SourceText": "carecite.reports.ingest",
    "Location": "carecite.reports.locate",
    "PassageCheck": "carecite.reports.verify",
    "AuditReport": "carecite.draft.audit.check",
    "CareciteError": "carecite.errors",
}

if TYPE_CHECKING:
    from carecite.bank.load import Bank, load_bank
    from carecite.bank.records import json_text, passage_record, source_record
    from carecite.cite.citation import Citation, format_citation
    from carecite.draft.audit.check import AuditReport, audit_docx
    from carecite.draft.audit.report import audit_json, audit_markdown, write_audit
    from carecite.draft.case import Case, load_case
    from carecite.draft.render import (
        DraftResult,
        RenderedDraft,
        TemplateInfo,
        make_draft,
        render_draft,
        template_catalogue,
    )
    from carecite.draft.write.docx import write_docx
    from carecite.draft.write.properties import DocumentProperties
    from carecite.errors import CareciteError
    from carecite.history.inspections import History, Inspection, inspection_record, load_history
    from carecite.history.plot import history_svg
    from carecite.model import Passage, Source, Theme, Verdict
    from carecite.reports.add import add_passage
    from carecite.reports.importer import ImportResult, import_record, import_report
    from carecite.reports.ingest import SourceText, read_report
    from carecite.reports.locate import Location, locate_quote
    from carecite.reports.verify import PassageCheck, verify_bank
    from carecite.resources import shipped_bank
    from carecite.search.query import SearchHit, search_passages
    from carecite.search.records import hit_record

__all__ = [
    "AuditReport",
    "Bank",
    "CareciteError",
    "Case",
    "Citation",
    "DocumentProperties",
    "DraftResult",
    "History",
    "ImportResult",
    "Inspection",
    "Location",
    "Passage",
    "PassageCheck",
    "RenderedDraft",
    "SearchHit",
    "Source",
    "SourceText",
    "TemplateInfo",
    "Theme",
    "Verdict",
    "__version__",
    "add_passage",
    "audit_docx",
    "audit_json",
    "audit_markdown",
    "format_citation",
    "history_svg",
    "hit_record",
    "import_record",
    "import_report",
    "inspection_record",
    "json_text",
    "load_bank",
    "load_case",
    "load_history",
    "locate_quote",
    "make_draft",
    "passage_record",
    "read_report",
    "render_draft",
    "search_passages",
    "shipped_bank",
    "source_record",
    "template_catalogue",
    "verify_bank",
    "write_audit",
    "write_docx",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'carecite' has no attribute {name!r}")
