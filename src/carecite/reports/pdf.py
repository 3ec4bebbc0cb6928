"""The one way carecite opens a PDF: in a child process, within a memory and a time budget.

A report PDF comes from outside, and PDFium (C++, through pypdfium2) reading a hostile one
is unbounded: a 1 MB FlateDecode stream inflates to 1 GB, which PDFium holds three times
over, and when memory runs out it aborts the whole process, with no Python exception to
catch. So each PDF is read in a child process whose address space may grow by at most
``MEMORY_LIMIT`` bytes (``RLIMIT_AS``, where the system has it) and which is killed after
``TIME_LIMIT`` seconds. Whatever ends the child — PDFium's own error, an abort, the kill —
comes back as one ``SourceError``: "cannot read this PDF: … — what to do".

On Linux, from a process with one thread (the CLI), the child is a fork: about 25 ms more
per report read (79 ms → 104 ms, the mean over the 40 real reports); elsewhere (the web
server's threads, macOS, Windows, where forking is unsafe or absent) it is a fresh
interpreter, about 0.1 s more (``bench/bench_pdf.py``). ``carecite.reports.ingest`` caches
what it read, so the cost is paid once per report. The child sends its lines back as JSON:
plain data, so even a child subverted by a hostile file cannot run code in this process.
"""

from __future__ import annotations

import contextlib
import faulthandler
import json
import os
import selectors
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from carecite.errors import SourceError
from carecite.reports.layout import Line, PageLayout

__all__ = ["MEMORY_LIMIT", "TIME_LIMIT", "read_pdf_lines"]

# Real reports need under 40 MB and 0.3 s each (bench/bench_pdf.py); the budgets leave room
# for a report ten times the largest Ofsted publishes, on a slow machine.
MEMORY_LIMIT = 1 << 30
TIME_LIMIT = 60.0

_DAMAGED = "check that it opens in a PDF reader, or download the report again"
_PASSWORD = "password"
# How the child says PDFium refused the file (rather than crashing), or that carecite's
# own code failed there (a bug, not the file's fault): the message follows.
_REFUSED = "refused"
_BUG = "bug"


def read_pdf_lines(file: str | Path, data: bytes, *, pages: int | None = None) -> list[PageLayout]:
    """Every page's lines (or the first ``pages`` pages'), read in a guarded child process.

    Args:
        file: the PDF's path, named in any error.
        data: the PDF's bytes.
        pages: read only this many pages from the start (the cover: ``1``).

    Raises:
        SourceError: PDFium cannot open the file, it needs a password, or reading it
            needed more than ``MEMORY_LIMIT`` bytes or ``TIME_LIMIT`` seconds.
    """
    if _can_fork():
        output, ended = _forked(data, pages)
    else:
        output, ended = _spawned(data, pages)
    try:
        answer = json.loads(output) if output else None
    except ValueError:
        answer = None  # cut off mid-write: the child died; ``ended`` says how
    if isinstance(answer, dict) and _REFUSED in answer:
        raise _refused(Path(file), str(answer[_REFUSED]), password=bool(answer.get(_PASSWORD)))
    if isinstance(answer, dict) and _BUG in answer:
        raise RuntimeError(f"reading {file} failed: {answer[_BUG]}")
    if not isinstance(answer, list):
        raise SourceError(f"cannot read this PDF: {ended}", path=Path(file), hint=_DAMAGED)
    return [_page(page) for page in answer]


def _refused(file: Path, message: str, *, password: bool) -> SourceError:
    if password:
        return SourceError(
            "the PDF is encrypted with a password",
            path=file,
            hint="open it in a PDF reader and save an unprotected copy",
        )
    return SourceError(f"cannot read this PDF: {message}", path=file, hint=_DAMAGED)


def _page(page: list[Any]) -> PageLayout:
    height, lines = page
    return PageLayout(float(height), tuple(Line(*line) for line in lines))


# --- the child ------------------------------------------------------------------------------


def _child_answer(data: bytes, pages: int | None, budget: int) -> bytes:
    """What the child prints: the pages as JSON lists, or why PDFium refused the file."""
    from carecite.reports.layout import LayoutError, read_pdfium

    _limit_memory(budget)
    try:
        read = read_pdfium(data, pages)
    except LayoutError as error:
        answer: Any = {_REFUSED: str(error), _PASSWORD: error.password}
    except MemoryError:
        return b""  # nothing to say: the parent reports the memory budget
    except Exception as error:  # carecite's bug, reported as one by the CLI's boundary
        answer = {_BUG: f"{type(error).__name__}: {error}"}
    else:
        answer = [
            [
                page.height,
                [
                    [ln.text, ln.x, ln.y, ln.size, ln.bold, ln.side, ln.right, ln.lead]
                    for ln in page.lines
                ],
            ]
            for page in read
        ]
    return json.dumps(answer).encode("utf-8")


def _limit_memory(budget: int) -> None:
    """Let this process's address space grow by ``budget`` bytes from here, at most."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return  # no RLIMIT_AS to speak of here (Windows, macOS): the time budget still holds
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = size + budget
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _can_fork() -> bool:
    # Forking a process with other threads can leave a lock held forever in the child, and
    # macOS's system libraries do not survive a fork: there a fresh interpreter is safer.
    return sys.platform == "linux" and threading.active_count() == 1


def _forked(data: bytes, pages: int | None) -> tuple[bytes, str]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer, and leave without running this process's clean-up
        status = 1
        try:
            os.close(read_end)
            _quiet_stderr()
            answer = _child_answer(data, pages, MEMORY_LIMIT)
            with os.fdopen(write_end, "wb") as stream:
                stream.write(answer)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    output, timed_out = _read_until(read_end, pid)
    _, wait_status = os.waitpid(pid, 0)
    return output, _how_it_ended(timed_out, os.waitstatus_to_exitcode(wait_status))


def _quiet_stderr() -> None:
    """PDFium's own complaints, or a crash report of the child (faulthandler, which may
    write to a copy of stderr), would break the one-line error: the parent words it."""
    faulthandler.disable()
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)


def _read_until(fd: int, pid: int) -> tuple[bytes, bool]:
    """All the child writes to ``fd``; the child is killed when ``TIME_LIMIT`` passes."""
    deadline = time.monotonic() + TIME_LIMIT
    chunks: list[bytes] = []
    with selectors.DefaultSelector() as selector, os.fdopen(fd, "rb", buffering=0) as pipe:
        selector.register(pipe, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                os.kill(pid, signal.SIGKILL)
                return b"", True
            chunk = pipe.read(1 << 20)
            if not chunk:
                return b"".join(chunks), False
            chunks.append(chunk)


def _spawned(data: bytes, pages: int | None) -> tuple[bytes, str]:
    command = [sys.executable, "-m", "carecite.reports.pdf", str(pages or 0), str(MEMORY_LIMIT)]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as child:
        try:
            output, _ = child.communicate(data, timeout=TIME_LIMIT)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            return b"", _how_it_ended(True, 0)
    return output, _how_it_ended(False, child.returncode)


def _how_it_ended(timed_out: bool, code: int) -> str:
    """Why a child gave no answer, in words: time, memory, or a crash of the reader."""
    if timed_out:
        return f"reading it took longer than {TIME_LIMIT:g} seconds, so it was stopped"
    megabytes = MEMORY_LIMIT >> 20
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        return (
            f"the PDF reader stopped ({name}): the file is damaged, or reading it needs "
            f"more than {megabytes} MB of memory"
        )
    return f"reading it needs more than {megabytes} MB of memory, or the file is damaged"


if __name__ == "__main__":  # the spawned child: the PDF on stdin, the answer on stdout
    answer = _child_answer(sys.stdin.buffer.read(), int(sys.argv[1]) or None, int(sys.argv[2]))
    sys.stdout.buffer.write(answer)
