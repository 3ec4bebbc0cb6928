"""How long checking a bank against its JSON Schema takes, cold and cached. Prints a table.

    python bench/bench_validate.py                      # 1k, 10k, 100k passages
    python bench/bench_validate.py --sizes 1000 10000   # quicker

Each size gets a synthetic bank from ``make_bank.py`` (kept in /tmp between runs) and a
fresh cache folder. Measured, each in a process of its own so no cache leaks between rows:

- **parse**: every bank file read with carecite's YAML reader, nothing checked;
- **jsonschema**: the parsed files validated with the compiled Draft 2020-12 validator
  (``iter_errors``, as ``load_bank`` calls it), nothing else;
- **load_bank, cold**: an empty validation cache, so every file is validated;
- **load_bank, same process**: the same bank loaded again (verdicts held in memory);
- **load_bank, new process**: verdicts read back from the cache folder;
- **one file changed**: a new process, after one source file is edited.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent

_MEASURE = r"""
import json, sys, time
from pathlib import Path
folder, what = Path(sys.argv[1]), sys.argv[2]
files = sorted(folder.glob("*.yaml"))
t = time.perf_counter()
if what == "parse":
    from carecite.yamlfile import parse_yaml
    for f in files:
        parse_yaml(f.read_text(encoding="utf-8"), f)
elif what == "jsonschema":
    from carecite.bank import validate
    from carecite.yamlfile import parse_yaml
    docs = [(f, parse_yaml(f.read_text(encoding="utf-8"), f)[0]) for f in files]
    parts = ("sourceFile", "themesFile")
    validators = {n: validate._validator("bank.schema.json", n) for n in parts}
    t = time.perf_counter()
    for f, doc in docs:
        part = "themesFile" if f.name == "themes.yaml" else "sourceFile"
        assert not list(validate._schema_errors(validators[part], doc))
elif what == "twice":
    from carecite.bank.load import load_bank
    load_bank(folder)
    t = time.perf_counter()
    load_bank(folder)
else:
    from carecite.bank.load import load_bank
    load_bank(folder)
print(json.dumps(time.perf_counter() - t))
"""


def _run(folder: Path, what: str, cache: Path) -> float:
    env = {"CARECITE_CACHE": str(cache), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(folder), what],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return float(json.loads(out))


def _bank(size: int) -> Path:
    folder = Path(tempfile.gettempdir()) / f"carecite-bench-validate-{size}"
    if not folder.is_dir():
        maker = [sys.executable, str(BENCH / "make_bank.py"), str(size), str(folder)]
        subprocess.run(maker, check=True)
    return folder


def _measure(size: int) -> dict[str, float]:
    folder = _bank(size)
    with tempfile.TemporaryDirectory() as scratch:
        cache = Path(scratch) / "cache"
        row = {
            "parse": _run(folder, "parse", cache),
            "jsonschema": _run(folder, "jsonschema", cache),
            "cold": _run(folder, "load", cache),
        }
        row["warm-process"] = _run(folder, "load", cache)
        row["same-process"] = _run(folder, "twice", Path(scratch) / "other")
        changed = sorted(p for p in folder.glob("*.yaml") if p.name != "themes.yaml")[-1]
        original = changed.read_bytes()
        try:
            changed.write_bytes(original.replace(b"children", b"young people", 1))
            row["one-changed"] = _run(folder, "load", cache)
        finally:
            changed.write_bytes(original)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    sizes = parser.parse_args().sizes
    rows = {size: _measure(size) for size in sizes}
    labels = {
        "parse": "parse YAML only",
        "jsonschema": "jsonschema validation only",
        "cold": "load_bank, empty cache",
        "same-process": "load_bank again, same process",
        "warm-process": "load_bank, new process, cache",
        "one-changed": "load_bank, one file changed",
    }
    print(f"| {'measure':<34} | " + " | ".join(f"{s:>9,}" for s in sizes) + " |")
    print(f"| {'-' * 34} | " + " | ".join("-" * 9 for _ in sizes) + " |")
    for key, label in labels.items():
        cells = " | ".join(f"{rows[s][key]:>7.2f} s" for s in sizes)
        print(f"| {label:<34} | {cells} |")


if __name__ == "__main__":
    main()
