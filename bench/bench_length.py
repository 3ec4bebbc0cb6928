"""The length estimate against LibreOffice's layout, on the examples and generated variants.

Run: ``python bench/bench_length.py`` (needs ``soffice`` and ``pdftotext``). Each variant is
rendered, built as Word, given a last line holding a marker word, estimated, and converted to
PDF by LibreOffice in one batch. The table gives, per variant, the estimate's page count and
LibreOffice's, and where the text ends (pages before + share of the last page down to the
marker) by each; the error is estimate minus LibreOffice, so a negative error is a short
estimate. Variants are split by a fixed rule into the set the model's constants were set on
("fit") and the rest ("held out"), reported apart. Then the estimate's time per document.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from carecite.bank.load import load_bank  # noqa: E402
from carecite.draft.case import load_case  # noqa: E402
from carecite.draft.length import estimate_length  # noqa: E402
from carecite.draft.render import render_draft  # noqa: E402
from carecite.draft.write.docx import build_document  # noqa: E402

MARKER = "Zqxendmarker"
TIMES = "Times New Roman"
EXAMPLES = {
    "position-statement": "re-a-tower-hamlets.yaml",
    "skeleton-argument": "re-c-norfolk.yaml",
    "witness-statement": "re-a-statement.yaml",
    "witness-statement-section": "re-a-statement.yaml",
}
FILLER = (
    "The local authority's own records for the period show the same pattern, and the "
    "court is asked to read them with the report's findings in mind. "
)


def variants() -> dict[str, tuple[str, dict[str, object]]]:
    """Name → (template, case data): the examples and their generated variations."""
    out: dict[str, tuple[str, dict[str, object]]] = {}
    for template, example in EXAMPLES.items():
        case = yaml.safe_load((REPO / "examples" / example).read_text(encoding="utf-8"))
        out[template] = (template, case)
        if "issues" not in case:
            for facts in (1, 3, 6, 9, 12):
                longer = dict(case, facts=[FILLER * (2 + n % 3) for n in range(facts)])
                out[f"{template}+facts×{facts}"] = (template, longer)
            continue
        out[f"{template}+history"] = (template, dict(case, history=True))
        out[f"{template}-one-issue"] = (template, dict(case, issues=case["issues"][:1]))
        for times in (2, 3, 5):
            out[f"{template}+issues×{times}"] = (
                template,
                dict(case, issues=case["issues"] * times),
            )
        for step in range(1, 9):
            issues = [
                dict(issue, position=str(issue["position"]) + " " + FILLER * step)
                for issue in case["issues"]
            ]
            out[f"{template}+position×{step}"] = (template, dict(case, issues=issues))
        blocks = [
            dict(
                issue,
                findings=[
                    {"passage": f if isinstance(f, str) else f["passage"], "block": True}
                    for f in issue["findings"]
                ],
            )
            for issue in case["issues"]
        ]
        for step in (1, 3, 5, 7):
            issues = [
                dict(issue, relevance=str(issue["relevance"]) + " " + FILLER * step)
                for issue in case["issues"]
            ]
            out[f"{template}+history+relevance×{step}"] = (
                template,
                dict(case, issues=issues, history=True),
            )
        out[f"{template}+blocks"] = (template, dict(case, issues=blocks))
        out[f"{template}+blocks+history"] = (template, dict(case, issues=blocks, history=True))
    return out


def held_out(name: str) -> bool:
    """A fixed split: about a third of the variants were not looked at while fitting."""
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % 3 == 0


def laid_out(pdf: Path) -> tuple[int, float]:
    """LibreOffice's pages, and where the marker line ends (pages before + share of page)."""
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))
    bbox = _run("pdftotext", "-bbox", str(pdf), "-")
    page_top, page_bottom = 70.87, 841.89 - 70.87  # the house page's margins
    page = -1
    for line in bbox.splitlines():
        if line.strip().startswith("<page "):
            page += 1
        if MARKER in line:
            y_max = float(re.search(r'yMax="([\d.]+)"', line).group(1))
            # The line box runs below the glyphs by half the 1.5 spacing's extra leading.
            return pages, page + (y_max - page_top) / (page_bottom - page_top)
    raise SystemExit(f"marker not found in {pdf}")


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def main() -> None:
    if not shutil.which("soffice"):
        raise SystemExit("soffice is not installed")
    bank = load_bank(REPO / "quotes")
    rows = []
    timings = []
    with tempfile.TemporaryDirectory(prefix="bench-length-") as folder:
        scratch = Path(folder)
        documents = []
        for name, (template, data) in variants().items():
            for citations, font in (("footnotes", None), ("inline", None), ("footnotes", TIMES)):
                if template.startswith("witness") and citations == "inline":
                    continue  # a statement has no notes to put inline
                if font and name not in EXAMPLES:
                    continue  # the examples alone in a second font
                case_file = scratch / "case.yaml"
                case_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
                case = load_case(case_file, bank)
                draft = render_draft(template, case, bank, citations=citations)
                document = build_document(
                    draft.markdown + f"\n{MARKER}\n", citations=citations, font=font
                )
                started = time.perf_counter()
                length = estimate_length(document)
                timings.append(time.perf_counter() - started)
                label = f"{name} [{citations}{', ' + font if font else ''}]"
                path = scratch / f"d{len(documents):03d}.docx"
                document.save(str(path))
                documents.append((label, path, length))
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(scratch / 'profile').as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(scratch), *(str(d[1]) for d in documents)],
            check=True, capture_output=True, timeout=900,
        )  # fmt: skip
        for label, path, length in documents:
            pages, end = laid_out(path.with_suffix(".pdf"))
            rows.append((label, -(-length.pages // 1), pages, length.text_end, end))
    print(f"{'variant':58} {'est':>4} {'LO':>4} {'est end':>8} {'LO end':>7} {'error':>6}")
    for label, est_pages, pages, est_end, end in rows:
        flag = "" if est_pages == pages else ("  LONG" if est_pages > pages else "  SHORT")
        print(
            f"{label:58} {est_pages:4.0f} {pages:4d} {est_end:8.2f} {end:7.2f} "
            f"{est_end - end:+6.2f}{flag}"
        )
    for title, chosen in (
        ("fit", [r for r in rows if not held_out(r[0].split(" [")[0])]),
        ("held out", [r for r in rows if held_out(r[0].split(" [")[0])]),
    ):
        errors = [r[3] - r[4] for r in chosen]
        agree = sum(r[1] == r[2] for r in chosen)
        print(
            f"{title}: {len(chosen)} documents, page count agrees on {agree}; text end error "
            f"(pages) mean {statistics.mean(errors):+.3f}, mean |error| "
            f"{statistics.mean(abs(e) for e in errors):.3f}, most short {min(errors):+.3f}, "
            f"most long {max(errors):+.3f}"
        )
    print(
        f"estimate: median {statistics.median(timings) * 1000:.1f} ms, "
        f"max {max(timings) * 1000:.1f} ms per document ({len(timings)} documents)"
    )


if __name__ == "__main__":
    main()
