"""Draft the README's example position statement with carecite's Python API, then audit it.

Run from the top of the repository: ``python examples/api_example.py OUT_FOLDER``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import carecite


def main(out: Path) -> carecite.AuditReport:
    """Search, cite, draft and audit, each step taking the last one's result."""
    bank = carecite.load_bank(carecite.shipped_bank())

    hits = carecite.search_passages(carecite.shipped_bank(), "weak management oversight")
    best = hits[0].passage
    print(f"{best.id}: {carecite.format_citation([best], bank.sources).text}")

    case = carecite.load_case(Path(__file__).parent / "re-a-tower-hamlets.yaml", bank)
    rendered = carecite.render_draft("position-statement", case, bank)
    draft = carecite.write_docx(
        rendered.markdown, out / "position.docx", properties=rendered.properties, force=True
    )
    print(f"wrote {draft} with {len(rendered.quotations)} quotations")

    report = carecite.audit_docx(draft, carecite.shipped_bank(), None)
    print(f"{len(report.lines)} quotations checked; {report.attention} need attention")
    return report


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))
