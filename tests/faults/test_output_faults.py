"""Writing a draft or report: every fault of the target is one line, and nothing is lost.

Faults needing a file system of their own (read-only, full) run in a private mount
namespace (``unshare -m``, or ``unshare -rm`` for a user without privileges) where the
machine allows one, and skip with the reason where it does not.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import BinaryIO

import pytest

from carecite.errors import FileError, OutputExistsError
from carecite.output import write_atomic, write_text_atomic
from tests.faults.conftest import Run, one_error


def _stray(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- targets that are not a writable file ----------------------------------------------------


def test_out_under_a_plain_file(
    run: Run, case_file: Path, tmp_path: Path, draft: tuple[str, str]
) -> None:
    line = one_error(run(*draft, str(case_file), "-o", str(case_file / "draft.docx")))
    assert (
        line == f"error: {case_file}: is a file, not a folder; nothing was written — check the path"
    )


def test_out_into_a_missing_folder_is_refused_and_makes_nothing(
    run: Run, case_file: Path, tmp_path: Path, draft: tuple[str, str]
) -> None:
    """A mistyped folder must not hide the draft somewhere the lawyer will not look."""
    missing = tmp_path / "new" / "folder"
    line = one_error(run(*draft, str(case_file), "-o", str(missing / "draft.docx")))
    assert line == (
        f"error: {missing}: the folder does not exist; nothing was written — check the path, "
        "or make the folder first"
    )
    assert not (tmp_path / "new").exists()


def test_the_library_refuses_a_missing_folder_too(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="the folder does not exist"):
        write_text_atomic(tmp_path / "new" / "draft.md", "text")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_a_device_is_refused_even_with_force(
    run: Run, case_file: Path, force: bool, draft: tuple[str, str]
) -> None:
    args = [*draft, str(case_file), "-o", os.devnull, *(["--force"] if force else [])]
    assert one_error(run(*args)) == (
        "error: /dev/null: is not a regular file (a device, pipe or socket); nothing was "
        "written — write to a file name instead"
    )


def test_a_fifo_is_refused_with_force_and_never_opened(
    run: Run, case_file: Path, tmp_path: Path, draft: tuple[str, str]
) -> None:
    fifo = tmp_path / "draft.docx"
    os.mkfifo(fifo)
    line = one_error(run(*draft, str(case_file), "-o", str(fifo), "--force"))
    assert "is not a regular file (a device, pipe or socket)" in line
    assert _stray(tmp_path) == []


def test_a_socket_is_refused_with_force(tmp_path: Path) -> None:
    path = tmp_path / "s.docx"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(FileError, match="not a regular file"):
            write_text_atomic(path, "x", force=True)


def test_a_dangling_symlink_is_refused_without_force(
    run: Run, case_file: Path, tmp_path: Path, draft: tuple[str, str]
) -> None:
    link = tmp_path / "draft.docx"
    link.symlink_to(tmp_path / "nowhere")
    line = one_error(run(*draft, str(case_file), "-o", str(link)))
    assert line == (
        f"error: {link}: already exists as a symbolic link; nothing was written — choose "
        "another file name, or pass --force to replace it"
    )
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_with_force_a_dangling_symlink_is_replaced_by_the_file(tmp_path: Path) -> None:
    link = tmp_path / "draft.md"
    link.symlink_to(tmp_path / "nowhere")
    write_text_atomic(link, "text", force=True)
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == "text"


def test_out_a_folder_is_one_line(
    run: Run, case_file: Path, tmp_path: Path, draft: tuple[str, str]
) -> None:
    line = one_error(run(*draft, str(case_file), "-o", str(tmp_path)))
    assert line == (
        f"error: {tmp_path}: is a folder, not a file (--out names a file) — give a file name, "
        "not a folder"
    )


def test_a_folder_is_refused_by_the_library_too(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="is a folder; nothing was written"):
        write_text_atomic(tmp_path, "x", force=True)


@pytest.mark.skipif(os.geteuid() == 0, reason="root is never denied permission")
def test_permission_denied(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(FileError) as raised:
            write_text_atomic(folder / "draft.md", "x")
    finally:
        folder.chmod(0o700)
    assert str(raised.value) == (
        f"{folder / 'draft.md'}: cannot write (permission denied) — check the permissions "
        "of the file and its folder"
    )


# --- races and killed writers ----------------------------------------------------------------


def test_two_writers_without_force_exactly_one_wins(tmp_path: Path) -> None:
    """Both pass the up-front check before either finishes: the exclusive link decides."""
    target = tmp_path / "draft.docx"
    both_writing = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def writer(name: str) -> None:
        def write(stream: BinaryIO) -> None:
            both_writing.wait(timeout=10)
            stream.write(name.encode())

        try:
            write_atomic(target, write)
            outcomes[name] = "wrote"
        except OutputExistsError as error:
            outcomes[name] = str(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    winners = [n for n, said in outcomes.items() if said == "wrote"]
    assert len(winners) == 1, outcomes
    loser = next(n for n in outcomes if n not in winners)
    assert "appeared while writing; nothing was replaced" in outcomes[loser]
    assert target.read_text(encoding="utf-8") == winners[0]
    assert _stray(tmp_path) == []


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_killed_writers_temp_file_is_cleaned_by_the_next_write(tmp_path: Path) -> None:
    orphan = tmp_path / f".draft.md.{_dead_pid()}.abc123.tmp"
    orphan.write_bytes(b"half a draft")
    minute_ago = time.time() - 120
    os.utime(orphan, (minute_ago, minute_ago))
    in_progress = tmp_path / f".draft.md.{os.getpid()}.def456.tmp"  # a live writer's
    in_progress.write_bytes(b"being written")
    someone_elses = tmp_path / ".notes.md.1.x.tmp"
    someone_elses.write_bytes(b"not ours")
    write_text_atomic(tmp_path / "draft.md", "text")
    assert not orphan.exists()
    assert in_progress.exists() and someone_elses.exists()


def test_a_write_killed_by_sigkill_never_leaves_a_partial_draft(tmp_path: Path) -> None:
    """The target is absent or whole; the next write clears the dead writer's temp file."""
    target = tmp_path / "draft.md"
    code = (
        "import sys, time\n"
        "from carecite.output import write_atomic\n"
        "def slow(stream):\n"
        "    stream.write(b'half'); stream.flush(); print('writing', flush=True); time.sleep(60)\n"
        f"write_atomic({str(target)!r}, slow)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert process.stdout is not None
    with process.stdout:
        assert process.stdout.readline() == b"writing\n"
        process.kill()
        process.wait(timeout=10)
    assert not target.exists()
    [left] = _stray(tmp_path)
    old = time.time() - 120
    os.utime(tmp_path / left, (old, old))
    write_text_atomic(target, "whole")
    assert target.read_text(encoding="utf-8") == "whole"
    assert _stray(tmp_path) == []


# --- standard output and input ---------------------------------------------------------------


def test_out_dash_writes_the_draft_to_stdout(
    run: Run, case_file: Path, draft: tuple[str, str]
) -> None:
    result = run(*draft, str(case_file), "-o", "-", "--format", "md")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("#") or "ZE17C00000" in result.stdout
    assert "ZE17C00000" in result.stdout
    assert "wrote -" in result.stderr and "wrote" not in result.stdout


def _draft_to_stdout(bank: Path, case_file: Path, draft: tuple[str, str], stdout: int) -> str:
    """Run ``carecite draft … -o -`` in its own process with ``stdout`` as its output; stderr."""
    command = [sys.executable, "-m", "carecite", "--bank", str(bank), *draft, str(case_file)]
    result = subprocess.run(
        [*command, "-o", "-"], stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120
    )
    assert result.returncode == (2 if "error" in result.stderr else 0), result.stderr
    return result.stderr


def test_a_word_document_is_never_written_to_a_terminal(
    bank: Path, case_file: Path, draft: tuple[str, str]
) -> None:
    import pty

    controller, terminal = pty.openpty()
    try:
        stderr = _draft_to_stdout(bank, case_file, draft, terminal)
        os.set_blocking(controller, False)
        try:
            printed = os.read(controller, 4096)
        except BlockingIOError:
            printed = b""
    finally:
        os.close(terminal)
        os.close(controller)
    assert stderr.splitlines() == [
        "error: standard output is a terminal, and a Word document is binary: it would print "
        "as garbage; nothing was written — redirect it ('-o - > draft.docx') or name the file "
        "with -o"
    ]
    assert printed == b""


def test_a_word_document_goes_down_a_pipe(
    bank: Path, case_file: Path, draft: tuple[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "piped.docx"
    with out.open("wb") as stream:
        stderr = _draft_to_stdout(bank, case_file, draft, stream.fileno())
    assert "wrote -" in stderr
    assert out.read_bytes().startswith(b"PK")  # a whole .docx (a zip), not a refusal


def test_dash_reads_the_case_from_stdin(run: Run, case_file: Path, draft: tuple[str, str]) -> None:
    text = case_file.read_text(encoding="utf-8")
    result = run(*draft, "-", "-o", "-", "--format", "md", input=text)
    assert result.exit_code == 0, result.output
    assert "ZE17C00000" in result.stdout


def test_a_bad_case_on_stdin_is_named_stdin(
    run: Run, case_file: Path, draft: tuple[str, str]
) -> None:
    text = case_file.read_text(encoding="utf-8").replace(
        "case_number: ZE17C00000", "case_number: [1]"
    )
    line = one_error(run(*draft, "-", "-o", "-", "--format", "md", input=text))
    assert line.startswith("error: stdin:2: ")


# --- a file system of its own: read-only, full ------------------------------------------------


def _private_mount(tmp_path: Path, options: str, command: str) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with a fresh tmpfs (``options``) mounted at tmp_path/mnt, privately."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare is not installed: no private mount namespace")
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    script = f"mount -t tmpfs -o {options} tmpfs {mount_point} && {command}"
    for flags in (["-m"], ["-rm"]):
        probe = subprocess.run(
            [unshare, *flags, "sh", "-c", f"mount -t tmpfs -o size=4k tmpfs {mount_point}"],
            capture_output=True,
        )
        if probe.returncode == 0:
            return subprocess.run(
                [unshare, *flags, "sh", "-c", script], capture_output=True, text=True, timeout=120
            )
    pytest.skip("this machine allows no private mount namespace (unshare -m and -rm refused)")


def _python(code: str) -> str:
    return f"{sys.executable} -c {shlex.quote(code)}"


def test_disk_full_is_one_line_and_keeps_the_old_file(tmp_path: Path) -> None:
    mnt = tmp_path / "mnt"
    code = (
        "from pathlib import Path\n"
        "from carecite.errors import CareciteError\n"
        "from carecite.output import write_text_atomic\n"
        f"target = Path({str(mnt / 'draft.md')!r})\n"
        "target.write_text('the old draft')\n"
        "try:\n"
        "    write_text_atomic(target, 'x' * 200_000, force=True)\n"
        "except CareciteError as error:\n"
        "    print(error)\n"
        "print(target.read_text(), sorted(p.name for p in target.parent.iterdir()))\n"
    )
    result = _private_mount(tmp_path, "size=64k", _python(code))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{mnt / 'draft.md'}: cannot write (no space left on device) — the disk is full: free "
        "some space or write somewhere else",
        "the old draft ['draft.md']",
    ]


def test_read_only_file_system_is_one_line(
    tmp_path: Path, bank: Path, case_file: Path, draft: tuple[str, str]
) -> None:
    mnt = tmp_path / "mnt"
    command = (
        f"{sys.executable} -m carecite --bank {bank} draft {draft[1]} {case_file} "
        f"-o {mnt / 'draft.docx'}"
    )
    result = _private_mount(tmp_path, "ro,size=64k", command)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"error: {mnt / 'draft.docx'}: cannot write (read-only file system) — the file system "
        "is read-only: choose a folder you can write to"
    ]
