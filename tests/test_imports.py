"""Imports flow one way, and the CLI starts without the heavy libraries."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "carecite"

# Small shared helpers any stage may use: they import nothing else of ours.
LEAVES = {
    "model",
    "errors",
    "suggest",
    "resources",
    "output",
    "inputfile",
    "yamlfile",
    "english",
    "archive",
    "shorten",
    "cachefile",
}
# The one leaf built on another: the YAML parser makes inputfile's line-keeping values, which
# live apart so that a command reading kept values imports no parser.
LEAF_IMPORTS = {"yamlfile": {"errors", "inputfile"}}
# The stages, one folder each, and the stages each may import besides itself and the leaves:
# load → search → cite → render → write → verify/audit, and nothing imports the CLI.
STAGES = {
    "cite": set(),
    "bank": {"cite"},
    "history": {"bank"},
    "search": {"bank", "cite", "history"},
    # import names an authority's sources and finds an ILACS report's publication date
    # as the history stage does (its authority resolver and inspections dataset).
    "reports": {"bank", "cite", "history"},
    "draft": {"bank", "cite", "search", "reports", "history"},
    # The web page calls the public API (``import carecite``) and may use any stage but the CLI.
    "web": {"bank", "cite", "search", "reports", "history", "draft"},
    "cli": {"bank", "cite", "search", "reports", "history", "draft", "web"},
}
# The Word writer knows nothing of the bank or the drafts: only itself and the dialect.
WRITER = "draft.write"
WRITER_MAY_IMPORT = {WRITER, "draft.markdown"}


def _carecite_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "carecite":
                names = [f"carecite.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {n.removeprefix("carecite.") for n in names if n.startswith("carecite.")}
    return found


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")
MODULES = [p for p in MODULES if p.parent != PACKAGE or p.name != "__init__.py"]


def test_every_module_is_a_leaf_or_in_a_stage() -> None:
    for path in MODULES:
        name = _module_name(path)
        assert name in LEAVES or name.split(".")[0] in STAGES, name


@pytest.mark.parametrize("path", MODULES, ids=_module_name)
def test_imports_flow_one_way(path: Path) -> None:
    name = _module_name(path)
    imported = _carecite_imports(path) - {"__version__"}
    if name in LEAVES:
        allowed = LEAF_IMPORTS.get(name, {"errors"})
        assert imported <= allowed, f"{name} should import nothing of ours but {allowed}"
        return
    stage = name.split(".")[0]
    stages = {m.split(".")[0] for m in imported - LEAVES}
    if stage != "cli":
        assert "cli" not in stages, f"{name} imports the CLI"
    assert stages <= STAGES[stage] | {stage}, f"{name} imports {sorted(stages - STAGES[stage])}"
    if name.startswith(WRITER):
        outside = {m for m in imported - LEAVES if not m.startswith(tuple(WRITER_MAY_IMPORT))}
        assert not outside, f"the writer {name} imports {sorted(outside)}"


def test_cli_imports_no_heavy_library() -> None:
    """`carecite --help` must stay fast: the heavy libraries load inside commands."""
    heavy = ["docx", "pypdf", "jinja2", "markdown_it", "rapidfuzz", "yaml", "sqlite3", "lxml"]
    code = f"import sys, carecite.cli.app; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_package_exports_its_verbs() -> None:
    import carecite

    for name in carecite.__all__:
        assert callable(getattr(carecite, name)) or name == "__version__", name


# What a draft of a case whose bank holds no report never needs: the report reader, the
# commands it is not, history beyond the authorities' names, the search libraries, the YAML
# parser and validator once the bank, the case and the shipped data were read before, Jinja's
# sandbox (a shipped template's draft), where packages install (only writing to a bank), and
# the reading of a bank or the Word styles' preparation once the bank's snapshot and the base
# document were kept.
NOT_FOR_A_DRAFT = [
    "jinja2.sandbox",
    "sysconfig",
    "carecite.reports.ingest",
    "carecite.reports.locate",
    "carecite.cli.bank_commands",
    "carecite.cli.report_commands",
    "carecite.cli.web_commands",
    "carecite.history.inspections",
    "carecite.history.dataset",
    "carecite.draft.write.styles",
    "carecite.bank.read",
    "carecite.yamlfile",
    "yaml",
    "jsonschema",
    "pypdfium2",
    "rapidfuzz",
    "sqlite3",
]


def test_a_draft_imports_only_what_it_needs(tmp_path: Path) -> None:
    """The second draft of an example (its caches made by the first) imports none of
    ``NOT_FOR_A_DRAFT``; each run is a process of its own, as a user's is."""
    repo = PACKAGE.parents[1]
    args = [
        "draft",
        "skeleton-argument",
        str(repo / "examples" / "re-c-norfolk.yaml"),
        "-o",
        str(tmp_path / "skeleton.docx"),
        "--force",
    ]
    code = (
        "import sys\n"
        "from carecite.cli.app import cli\n"
        f"cli.main({args!r}, standalone_mode=False)\n"
        f"print([m for m in {NOT_FOR_A_DRAFT!r} if m in sys.modules])\n"
    )
    env = {**os.environ, "CARECITE_CACHE": str(tmp_path / "cache")}
    env.pop("CARECITE_BANK", None)
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        for _ in range(2)
    ]
    assert (tmp_path / "skeleton.docx").is_file()
    assert runs[1].stdout.splitlines()[-1] == "[]"
