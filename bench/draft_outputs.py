"""Every draft the examples make, written by one carecite source tree, for comparing two trees.

Run: ``python bench/draft_outputs.py SRC OUT``, then the same with the other tree's ``src``
folder into another OUT, and ``diff -r`` the two. Not a benchmark: the check that a change
made for speed changes no output. Each example case in ``examples/`` is drafted with each
shipped template and a user template (run sandboxed, including a shipped one), citations as
footnotes and inline, as .docx and .md, and each .docx also on a firm's reference document
(the first skeleton draft); a draft the template refuses is kept as its message. Every run
is a process of its own, as a user's is, three times over one cache folder (made, then
kept), so a cache that changed what it gives would show. A .docx is unpacked into its parts
with their names in order: a zip's time stamps differ between runs, its parts must not.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from report import REPO

TEMPLATES = (
    "position-statement",
    "skeleton-argument",
    "witness-statement",
    "witness-statement-section",
)
# A user template: a quotation, a citation and a placeholder of its own, then a shipped
# template included from the user's folder's search path.
USER_TEMPLATE = (
    "# {{ case.case_number }}\n\n{{ quote(case.passages[0]) }}\n\n"
    "{{ cite(case.passages[:2]) }} text {{ placeholder('x') }}\n"
    "{% include 'skeleton-argument.md.j2' %}\n"
)
ROUNDS = ("made", "kept", "kept-again")


def _unpacked(docx: bytes, folder: Path) -> None:
    folder.mkdir()
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        names = [info.filename for info in package.infolist()]
        (folder / "_names").write_text("\n".join(names), encoding="utf-8")
        for name in names:
            part = folder / name
            part.parent.mkdir(parents=True, exist_ok=True)
            part.write_bytes(package.read(name))


def write_all(src: Path, out: Path) -> int:
    """Write every draft with the carecite in ``src`` into ``out``; the number written."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    scratch = out / "_scratch"
    scratch.mkdir()
    env = {**os.environ, "PYTHONPATH": str(src), "CARECITE_CACHE": str(scratch / "cache")}
    user = scratch / "user.md.j2"
    user.write_text(USER_TEMPLATE, encoding="utf-8")
    reference: Path | None = None
    log: list[str] = []
    written = 0
    for round_ in ROUNDS:
        for case in sorted((REPO / "examples").glob("*.yaml")):
            for template in (*TEMPLATES, str(user)):
                for citations in ("footnotes", "inline"):
                    firms = [None] if reference is None else [None, reference]
                    variants = [("md", None), *(("docx", firm) for firm in firms)]
                    for fmt, firm in variants:
                        name = f"{case.stem}.{Path(template).name.split('.')[0]}.{citations}"
                        name += ".firm" if firm else ""
                        target = out / round_ / f"{name}.{fmt}"
                        target.parent.mkdir(parents=True, exist_ok=True)
                        argv = [
                            sys.executable, "-m", "carecite", "draft", template, str(case),
                            "-o", str(target), "--format", fmt, "--citations", citations,
                            "--allow-over-length",
                        ]  # fmt: skip
                        if firm is not None:
                            argv += ["--reference-docx", str(firm)]
                        done = subprocess.run(argv, env=env, capture_output=True, text=True)
                        said = (done.stdout + done.stderr).replace(str(out), "OUT")
                        said = said.replace(str(REPO), "REPO").replace(str(src.parent), "TREE")
                        log.append(f"== {round_} {target.name}: {done.returncode}\n{said}")
                        if fmt == "docx" and target.exists():
                            package = target.read_bytes()
                            target.unlink()
                            _unpacked(package, target.with_suffix(".parts"))
                            if reference is None and template == "skeleton-argument":
                                reference = scratch / "firm.docx"
                                reference.write_bytes(package)
                        written += done.returncode == 0
    (out / "log.txt").write_text("\n".join(log), encoding="utf-8")
    shutil.rmtree(scratch)  # the firm's document: its parts are the first skeleton's
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="a carecite source tree's src folder")
    parser.add_argument("out", type=Path, help="folder to write into (emptied first)")
    options = parser.parse_args()
    print(f"{write_all(options.src.resolve(), options.out)} drafts written to {options.out}")


if __name__ == "__main__":
    main()
