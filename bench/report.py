"""The one benchmark report's contract: rows each bench script hands to ``bench/run.py``.

Every headline figure is a :class:`Row`: what was measured, its median and spread over
repeated runs, how it was run (a process or a call inside one already-imported process),
and the baseline it is read against, measured in the same run. A script that contributes
to the report defines::

    def rows(context: Context) -> list[Row]: ...

and keeps its own ``main()`` for its detailed tables. ``run.py`` calls each script's
``rows`` in turn, prints one table and, with ``--write-readme``, puts that table into the
README. Helpers here time a process the same way everywhere (:func:`run_process`) and
alternate a figure with its baseline so both meet the same machine load (:func:`paired`).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

# GNU time, which reports a process's own peak memory (Debian's ``time`` package).
_GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None
BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent

How = Literal["process", "in-process", "file"]
"""A process timed from outside; a call timed inside a warm process; a size on disk."""


@dataclass(frozen=True, slots=True)
class Measure:
    """Repeated measurements of one thing: their median and their range.

    Attributes:
        median: The median of the runs.
        low: The smallest run.
        high: The largest run.
        runs: How many runs (1 for a figure measured once, such as a file's size).
    """

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Measure:
        """The median and range of ``samples`` (at least one)."""
        if not samples:
            raise ValueError("a measure needs at least one sample")
        return cls(statistics.median(samples), min(samples), max(samples), len(samples))

    @classmethod
    def once(cls, value: float) -> Measure:
        """A figure measured once (a size, a count)."""
        return cls(value, value, value, 1)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the report: a figure, and the baseline it is read against.

    Attributes:
        section: The group it is printed under ("draft", "search", "index", ...).
        figure: What was measured, as a reader would say it ("carecite draft, skeleton").
        value: The measurement.
        unit: "s", "ms", "MB", "ms/page", ...; the baseline has the same unit.
        how: How ``value`` was measured (see :data:`How`).
        baseline: What ``value`` is compared against, or "" when it stands alone.
        baseline_value: The baseline's measurement, made in the same run, or None.
        baseline_how: How the baseline was measured. A ratio of an in-process figure to a
            process figure is printed with a warning, never silently.
        target: The most ``value`` may be: a ratio to the baseline when there is one
            ("≤ 2.5×"), else the value itself in ``unit``. None when there is no target.
        note: A short remark printed beside the row (sizes, load, what was skipped).
    """

    section: str
    figure: str
    value: Measure
    unit: str
    how: How
    baseline: str = ""
    baseline_value: Measure | None = None
    baseline_how: How = "process"
    target: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """The value's median over the baseline's median, or None without a baseline."""
        if self.baseline_value is None or self.baseline_value.median == 0:
            return None
        return self.value.median / self.baseline_value.median

    @property
    def like_for_like(self) -> bool:
        """Whether value and baseline were measured the same way (a process with a process)."""
        return self.baseline_value is None or self.how == self.baseline_how

    @property
    def met(self) -> bool | None:
        """Whether the target holds; None when there is no target."""
        if self.target is None:
            return None
        measured = self.ratio if self.baseline_value is not None else self.value.median
        return measured is not None and measured <= self.target


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row that could not be measured here, and why (pandoc or rg not installed, ...)."""

    section: str
    figure: str
    reason: str


@dataclass(frozen=True)
class Context:
    """What ``run.py`` gives every script's ``rows``.

    Attributes:
        work: A scratch folder for this run, shared by all scripts (banks are made once).
        quick: Small sizes and fewer runs, for a check that the report still runs.
        sizes: Synthetic bank sizes to measure at (1k/10k quick; up to 300k in full).
        runs: How many times each process is timed (medians of paired runs).
        skipped: Rows a script could not measure; it appends a :class:`Skipped`.
    """

    work: Path
    quick: bool
    sizes: tuple[int, ...]
    runs: int
    skipped: list[Skipped] = field(default_factory=list)

    def bank(self, size: int) -> Path:
        """A synthetic bank of ``size`` passages made by ``make_bank.py``, once per run."""
        folder = self.work / f"bank-{size}"
        if not (folder / ".complete").exists():
            subprocess.run(
                [sys.executable, str(BENCH / "make_bank.py"), str(size), str(folder)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            (folder / ".complete").touch()
        return folder

    def env(self, cache: Path | None = None, **extra: str) -> dict[str, str]:
        """The environment for a timed process: carecite as a user's install runs it.

        Its caches go to ``cache`` (default: this run's own cache folder, never the user's).
        Python writes its bytecode once, as an installed package has it (this machine sets
        ``PYTHONDONTWRITEBYTECODE``, which would have every run compile carecite's modules
        again, ~0.1 s), into the run's scratch folder rather than the checkout.
        """
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(self.work / "pycache")
        env["CARECITE_CACHE"] = str(cache or self.work / "cache")
        env.update(extra)
        return env


@dataclass(frozen=True, slots=True)
class ProcessTime:
    """One process's cost, as the kernel counted it.

    Attributes:
        wall: Elapsed seconds from start to exit.
        cpu: User plus system CPU seconds of the process.
        peak_mb: Its peak resident memory, in MB.
        together_mb: With ``together``, the most the process and its children held at
            once, sampled (a full build counts its words in a second process, and GNU
            time's peak is one process's: the larger).
    """

    wall: float
    cpu: float
    peak_mb: float
    together_mb: float | None = None


def run_process(
    argv: Sequence[str],
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    together: bool = False,
) -> ProcessTime:
    """Run ``argv`` to completion, its output discarded, and return what it cost.

    The peak memory is the process's own, measured by GNU time (``/usr/bin/time``) where it
    is installed; without it, wait4's figure, which counts this process's memory too.
    ``together``: also sample the memory of the process and its children summed
    (``/proc``, every 50 ms).

    Raises:
        subprocess.CalledProcessError: When it exits non-zero (a benchmark of a failure
            would be a wrong figure).
    """
    with tempfile.NamedTemporaryFile(mode="r", suffix=".peak") as peak:
        # A child forked from this (perhaps large) process would count this process's memory
        # as its own peak; GNU time's small process forks it instead and reports its peak.
        launcher = [_GNU_TIME, "-f", "%M", "-o", peak.name] if _GNU_TIME else []
        started = time.perf_counter()
        process = subprocess.Popen(
            [*launcher, *argv],
            env=None if env is None else dict(env),
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        sampler = _TreeMemory(process.pid) if together else None
        _, status, usage = os.wait4(process.pid, 0)
        together_mb = sampler.stop() if sampler else None
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
        if process.stderr:
            process.stderr.close()
        if process.returncode != 0:
            raise subprocess.CalledProcessError(process.returncode, list(argv), stderr=stderr)
        reported = peak.read().split()
    # Kilobytes, from GNU time or (without it, an upper bound) from wait4's ru_maxrss.
    kilobytes = float(reported[-1]) if reported else usage.ru_maxrss
    return ProcessTime(wall, usage.ru_utime + usage.ru_stime, kilobytes / 1024, together_mb)


class _TreeMemory:
    """The most resident memory a process and its descendants held at once, sampled from
    ``/proc`` in a thread until :meth:`stop` (0 where there is no ``/proc``)."""

    def __init__(self, root: int) -> None:
        self._root, self._most, self._done = root, 0, threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> float:
        """Stop sampling; the most held, in MB."""
        self._done.set()
        self._thread.join()
        return self._most / 2**20

    def _sample(self) -> None:
        while not self._done.wait(0.05):
            self._most = max(self._most, self._held())

    def _held(self) -> int:
        parents: dict[int, int] = {}
        for entry in Path("/proc").glob("[0-9]*/stat"):
            with suppress(OSError, ValueError, IndexError):
                # The command name, in parentheses, may hold spaces: the fields after it.
                fields = entry.read_text().rsplit(")", 1)[1].split()
                parents[int(entry.parent.name)] = int(fields[1])
        tree, grown = {self._root}, True
        while grown:
            more = {pid for pid, parent in parents.items() if parent in tree} - tree
            tree |= more
            grown = bool(more)
        held = 0
        for pid in tree:
            with suppress(OSError, ValueError, IndexError):
                held += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * self._page
        return held


def paired(
    first: Callable[[], float], second: Callable[[], float], runs: int, warmup: int = 1
) -> tuple[Measure, Measure]:
    """Time two things alternately, so both meet the same machine load.

    Each callable returns the seconds (or other figure) of one run. ``warmup`` rounds of
    each run first and are not counted (they fill the caches a user's second run has).
    """
    for _ in range(warmup):
        first()
        second()
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return Measure.of(a), Measure.of(b)


def _amount(value: float, unit: str) -> str:
    if unit == "s" and value < 1:
        return f"{value * 1000:.0f} ms"
    if abs(value) >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:.3g} {unit}"


def _measured(measure: Measure, unit: str) -> str:
    if measure.runs == 1:
        return _amount(measure.median, unit)
    low, high = _amount(measure.low, unit).split()[0], _amount(measure.high, unit)
    return f"{_amount(measure.median, unit)} ({low}–{high})"


def _target(row: Row) -> str:
    if row.target is None:
        return ""
    limit = (
        f"≤ {row.target:g}×" if row.baseline_value is not None else f"≤ {row.target:g} {row.unit}"
    )
    return f"{limit} {'met' if row.met else '**not met**'}"


def table(rows: Sequence[Row], skipped: Sequence[Skipped] = ()) -> str:
    """The report as one Markdown table: each figure, its baseline, the ratio and target.

    Medians with the range of the runs in brackets. A ratio of figures measured different
    ways (a call inside a warm process against a process) says so beside it.
    """
    lines = [
        "| figure | measured: median (range) | against | baseline | ratio | target | note |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        baseline = "" if row.baseline_value is None else _measured(row.baseline_value, row.unit)
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}×"
        if not row.like_for_like:
            ratio += f" ({row.how} against {row.baseline_how})"
        figure = f"{row.figure} [{row.how}]"
        cells = [figure, _measured(row.value, row.unit), row.baseline, baseline, ratio]
        lines.append("| " + " | ".join([*cells, _target(row), row.note]) + " |")
    for skip in skipped:
        lines.append(f"| {skip.figure} | not measured | | | | | {skip.reason} |")
    return "\n".join(lines)


def print_rows(rows: Sequence[Row], skipped: Sequence[Skipped] = ()) -> None:
    """Print rows as the report's table (for a script run on its own)."""
    print(table(rows, skipped))
