"""Benchmark: ``carecite draft`` end to end against a ``pandoc`` process on the same Markdown.

Run: ``python bench/bench_draft.py [--runs N]``. Prints a table; not a test. Targets (issue
17): the README's skeleton example within 2.5x a pandoc process converting the same Markdown
to .docx (median of paired runs), and within 1x at 100 pages.

Both sides are processes, carecite as a user runs it (the install's console script), timed
from outside (wall clock; CPU in the note), alternating so both meet the same machine load,
after one warm-up each: carecite's caches (the bank snapshot, compiled templates, validation
verdicts) and Python's bytecode are what a user's second draft finds. The Markdown pandoc
reads is the one carecite's writer reads (``--format md`` of the same draft). The 100-page
document is ``bench_docx.skeleton`` grown to 100 pages, set as a user template's text, so
``carecite draft`` still loads the case and the bank, renders (sandboxed) and writes Word.
Beside the short draft, the libraries it imports are timed alone in a process
(``LIBRARIES``): the part of its start-up no carecite code can cut.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench_docx import skeleton
from report import REPO, Context, Measure, Row, Skipped, paired, print_rows, run_process

EXAMPLE = REPO / "examples" / "re-c-norfolk.yaml"
# What a draft imports that no carecite code can do without: the command line, the user
# folders, Jinja (its sandbox only for a user's template), markdown-it with the plugins of
# carecite's dialect, and python-docx. Imported by a bare interpreter, they are the floor of
# a draft's start-up.
LIBRARIES = (
    "click",
    "platformdirs",
    "jinja2",
    "markdown_it",
    "mdit_py_plugins.attrs",
    "mdit_py_plugins.container",
    "mdit_py_plugins.footnote",
    "docx",
)
# bench_docx.skeleton's paragraphs and notes for about 100 pages (carecite's own estimate
# is printed beside the row).
LONG_PARAGRAPHS = 520
LONG_NOTES = 260


def _carecite(*args: str) -> list[str]:
    """The command as a user runs it: the install's ``carecite`` console script (beside this
    interpreter), not ``python -m carecite``, whose runpy start-up a user never pays."""
    script = Path(sys.executable).with_name("carecite")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "carecite", *args]


def _launched() -> str:
    """How ``_carecite`` runs carecite and how it is installed, for a row's note.

    An editable install (``pip install -e .``, a checkout's ``src`` folder on the path by a
    ``.pth`` file) starts as fast as ``pip install .``: the skeleton draft from a venv of
    each, same code, paired (31 runs, load 1.8) differed by 0.1 ms (median of the pairs).
    """
    import carecite

    how = "console script" if _carecite()[0] != sys.executable else "python -m carecite"
    installed = "site-packages" in Path(carecite.__file__).parts
    return f"{how}, {'installed' if installed else 'editable install'}"


def _pages(context: Context, template: str, case: Path, out: Path) -> str:
    """carecite's own page estimate of a draft ("about 5.2 pages"), for the row's note."""
    import subprocess

    done = subprocess.run(
        _carecite("draft", template, str(case), "-o", str(out), "--force", "--allow-over-length"),
        env=context.env(),
        capture_output=True,
        text=True,
        check=True,
    )
    last = (done.stderr + done.stdout).strip().splitlines()[-1]
    return last[last.rfind("(") + 1 : last.rfind(")")]


def _versus_pandoc(
    context: Context, figure: str, template: str, case: Path, target: float
) -> list[Row]:
    # A folder each figure: the skeleton's files are kept beside the 100 pages', not overwritten.
    folder = context.work / "draft" / re.sub(r"\W+", "-", figure).strip("-")
    folder.mkdir(parents=True, exist_ok=True)
    markdown = folder / "draft.md"
    run_process(
        _carecite("draft", template, str(case), "-o", str(markdown), "--format", "md", "--force"),
        context.env(),
    )
    pages = _pages(context, template, case, folder / "draft.docx")
    draft = _carecite(
        "draft", template, str(case), "-o", str(folder / "draft.docx"), "--force",
        "--allow-over-length",
    )  # fmt: skip
    pandoc_path = shutil.which("pandoc")
    if pandoc_path is None:
        context.skipped.append(
            Skipped("draft", figure, "pandoc is not installed (apt-get install pandoc)")
        )
        return []
    pandoc = [pandoc_path, "-f", "markdown", "-t", "docx", "-o", str(folder / "pandoc.docx")]
    pandoc.append(str(markdown))
    ours_cpu: list[float] = []
    theirs_cpu: list[float] = []

    def ours() -> float:
        cost = run_process(draft, context.env())
        ours_cpu.append(cost.cpu)
        return cost.wall

    def theirs() -> float:
        cost = run_process(pandoc, context.env())
        theirs_cpu.append(cost.cpu)
        return cost.wall

    mine, baseline = paired(ours, theirs, context.runs)
    cpu = Measure.of(ours_cpu[1:]).median, Measure.of(theirs_cpu[1:]).median
    rows = [
        Row(
            section="draft",
            figure=f"{figure} ({pages})",
            value=mine,
            unit="s",
            how="process",
            baseline="pandoc -f markdown -t docx, same Markdown",
            baseline_value=baseline,
            target=target,
            note=f"{_launched()}; CPU {cpu[0]:.2f} s against {cpu[1]:.2f} s",
        )
    ]
    if target > 1:  # the short draft, where start-up is most of the run
        rows.append(_libraries(context, theirs))
    return rows


def _libraries(context: Context, pandoc: Callable[[], float]) -> Row:
    """The libraries a draft imports (``LIBRARIES``), alone in a process, against pandoc.

    The process ends as a draft's does, without the interpreter's teardown (``os._exit``),
    which would otherwise cost as much again as some of the imports.
    """
    code = f"import os, {', '.join(LIBRARIES)}; os._exit(0)"
    cpu: list[float] = []

    def libraries() -> float:
        cost = run_process([sys.executable, "-c", code], context.env())
        cpu.append(cost.cpu)
        return cost.wall

    mine, baseline = paired(libraries, pandoc, context.runs)
    return Row(
        section="draft",
        figure="its libraries alone: python -c 'import click, jinja2, markdown_it, docx, …'",
        value=mine,
        unit="s",
        how="process",
        baseline="pandoc, the same Markdown",
        baseline_value=baseline,
        note=f"CPU {Measure.of(cpu[1:]).median:.2f} s; no carecite code: the floor of the row "
        "above",
    )


def _long_template(folder: Path) -> Path:
    """A user template whose text is a 100-page skeleton argument (Markdown, kept raw)."""
    folder.mkdir(parents=True, exist_ok=True)
    template = folder / "long.md.j2"
    body = skeleton(LONG_PARAGRAPHS, LONG_NOTES)
    template.write_text("{% raw %}" + body + "{% endraw %}", encoding="utf-8")
    return template


def _help(context: Context) -> list[Row]:
    def help_() -> float:
        return run_process(_carecite("--help"), context.env()).wall

    def python() -> float:
        return run_process([sys.executable, "-c", "pass"], context.env()).wall

    mine, baseline = paired(help_, python, context.runs)
    return [
        Row(
            section="start-up",
            figure="carecite --help",
            value=mine,
            unit="s",
            how="process",
            baseline="python -c pass (the interpreter alone)",
            baseline_value=baseline,
            note=f"{_launched()}; imports only click",
        )
    ]


def rows(context: Context) -> list[Row]:
    """The draft rows of the report: the skeleton (and its libraries alone) and 100 pages
    against pandoc; --help."""
    long = _long_template(context.work / "draft" / "template")
    return [
        *_versus_pandoc(
            context, "carecite draft, README skeleton example", "skeleton-argument", EXAMPLE, 2.5
        ),
        *_versus_pandoc(context, "carecite draft, 100 pages", str(long), EXAMPLE, 1.0),
        *_help(context),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="paired runs (default 9)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-draft-") as folder:
        context = Context(Path(folder), quick=False, sizes=(), runs=options.runs)
        print_rows(rows(context), context.skipped)


if __name__ == "__main__":
    main()
