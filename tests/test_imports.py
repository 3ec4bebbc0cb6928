"""Imports flow one way, and the CLI starts without the heavy libraries."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "carecite"

# Small shared helpers any stage may use: they import nothing else of ours.
LEAVES = {"model", "errors", "suggest", "resources", "output", "yamlfile", "english"}
# What each module may import from carecite besides the leaves (None: not constrained here).
ALLOWED = {
    "rules": set(),
    "validate": {"rules"},
    "bank": {"validate", "rules"},
    "cite": set(),
    "history": set(),
    "records": {"cite"},
    "sourcetext": set(),
    "search": {"bank", "cite", "records", "index"},
    "index": {"bank", "rules"},
    "verify": {"sourcetext", "locate", "bank", "cite"},
    "locate": {"sourcetext"},
    "quotations": set(),
    "docxtext": set(),
    "audit": {"cite", "docxtext", "index", "locate", "quotations", "sourcetext"},
    "audit_report": {"audit", "draft.markdown", "draft.docx"},
}
# The Word writer (draft.* but render) knows nothing of the bank: only its own modules.
WRITER_MAY_IMPORT = "draft"


def _carecite_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {n.removeprefix("carecite.") for n in names if n.startswith("carecite.")}
    return found


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name not in {"__init__.py", "__main__.py"})


@pytest.mark.parametrize("path", MODULES, ids=_module_name)
def test_imports_flow_one_way(path: Path) -> None:
    name = _module_name(path)
    imported = _carecite_imports(path)
    assert "cli" not in imported, f"{name} imports the CLI"
    if name in LEAVES:
        assert imported <= {"errors"}, f"{name} should import nothing of ours but errors"
    elif name.startswith("draft.") and name != "draft.render":
        extra = {m for m in imported - LEAVES if m.split(".")[0] != WRITER_MAY_IMPORT}
        assert not extra and "draft.render" not in imported, f"the writer {name} imports {extra}"
    elif name in ALLOWED:
        extra = imported - LEAVES - ALLOWED[name]
        assert not extra, f"{name} imports {sorted(extra)}"


def test_cli_imports_no_heavy_library() -> None:
    """`carecite --help` must stay fast: the heavy libraries load inside commands."""
    heavy = ["docx", "pypdf", "jinja2", "markdown_it", "rapidfuzz", "yaml", "sqlite3", "lxml"]
    code = f"import sys, carecite.cli; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_package_exports_its_verbs() -> None:
    import carecite

    for name in carecite.__all__:
        assert callable(getattr(carecite, name)) or name == "__version__", name
