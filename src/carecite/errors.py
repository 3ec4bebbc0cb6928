"""carecite's errors: one root, one subclass per stage, each saying where and what to do.

The library raises these and never prints or exits; ``carecite.cli.app`` turns any of them
into one message on stderr and exit status 2.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Step(Enum):
    """A step the library's messages tell the user to take, in the command line's words.

    Each value is what the command line says (its option or command: ``pass
    --allow-over-length``); a message names a step only through ``StepText``, so a face
    without a command line says the same step by its own controls (``carecite.web.wording``
    gives every member the web's words). A message that names an option or a command the
    web can show says it with one of these.
    """

    ALLOW_OVER_LENGTH = "pass --allow-over-length"
    CHECK_LENGTH = "(--check-length)"
    PUBLISHED = "with --published YYYY-MM-DD"
    OWN_BANK = "make a bank of your own with `carecite init`, or name one with --bank"
    FORCE = "choose another file name, or pass --force to replace it"
    ANOTHER_SOURCE_ID = "import it under another source id with --id, or pass --force to replace it"
    OTHER_SOURCE_ID = "import it under another source id with --id"
    REIMPORT = (
        "it is this report, imported before; to replace it with this reading, pass --force "
        "(under another --id the bank would hold the same report twice)"
    )
    SINCE = "--since"
    UNTIL = "--until"
    AUDIT = "use 'carecite audit'"
    SEE_THEMES = "run 'carecite themes' to see them"
    LIST_THEMES = "run 'carecite themes' to list them"
    THEMES = "run 'carecite themes'"
    THEMES_NAMED = "('carecite themes' lists them)"
    THEME_IDS = "(carecite themes lists them)"
    SEE_PASSAGES = "run 'carecite list' to see them"
    PASSAGES = "run 'carecite list'"
    SEE_SOURCES = "run 'carecite sources' to see them"
    SOURCES = "run 'carecite sources'"
    AUTHORITIES = "run 'carecite authorities' to see every authority's name"
    HISTORY = 'carecite history "'
    IMPORT = "carecite import adds a report to the bank"
    IMPORT_READS = "carecite import reads"
    IMPORT_OR_DATA = "import its reports, or give --data with its inspections"
    TEMPLATE_FOR_HEARING = "see 'carecite templates' for the right document"
    TEMPLATE_NEEDS = "(see examples/ and 'carecite templates')"
    SHOW = "(see 'carecite show')"
    DRAFTED = "or carecite draft"
    AGAIN = "run the command again"
    IMPORT_AGAIN = "import it again"
    REPLACE_FILE = "pass --force to replace that file"
    INIT_THEMES = (
        "'carecite init FOLDER' puts the shipped one in the bank's folder, keeping its other files"
    )
    REPORTS_FOLDER = (
        "in the reports folder (the bank's reports/, or --reports DIR; 'carecite init' makes "
        "a bank of your own with one)"
    )
    RELIANCE_REASON = (
        "take it out, or say why it is relied on under relied_on.reasons (PASSAGE-ID: the reason)"
    )
    EXTRACTS = "witness.extracts"
    QUOTE_FROM = "(start:, sentence:)"
    FINDING_WORDS = (
        "'sentence: N' quotes sentence N ('start:' begins within it), 'block: true' the whole "
        "passage, 'paraphrase:' your own words; e.g. {passage: ID, sentence: 2}"
    )
    REPORT_PDF = (
        "keep it in the reports folder (the bank's reports/, or --reports DIR): the audit "
        "checks a draft's quotations against it there, and carecite verify the bank's passages"
    )


class StepText(str):
    """A message, hint or warning that names steps, kept as its parts.

    As a ``str`` it is the command line's words, so the CLI, ``--json`` and any caller
    treating it as text see what they always saw; ``say`` puts each step in another face's
    words. A ``str`` that carries what it is, as markupsafe's ``Markup`` does; unlike
    ``Markup``, only this constructor keeps the parts (a ``StepText`` given as a part gives
    its own): ``+``, f-strings and ``str``'s methods make plain command-line text.

    Example: ``StepText("cut about 3 lines; or ", Step.ALLOW_OVER_LENGTH)``.
    """

    parts: tuple[str | Step, ...]

    def __new__(cls, *parts: str | Step) -> StepText:
        flat = tuple(
            piece
            for part in parts
            for piece in (part.parts if isinstance(part, StepText) else (part,))
        )
        text = super().__new__(cls, "".join(p.value if isinstance(p, Step) else p for p in flat))
        text.parts = flat
        return text

    def say(self, words: Callable[[Step], str]) -> str:
        """The text with each step in ``words(step)``: another face's words for it."""
        return "".join(words(part) if isinstance(part, Step) else part for part in self.parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input: where it is, what is wrong, and what to do."""

    message: str
    path: str | None = None
    line: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}" + (f" — {self.hint}" if self.hint else "")


class CareciteError(Exception):
    """Root of every error carecite raises on bad input.

    Args:
        message: what is wrong.
        path: the file it is in, if any.
        line: the 1-based line in that file, if known.
        hint: what the user should do about it.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.problems: tuple[Problem, ...] = (
            Problem(message, str(path) if path is not None else None, line, hint),
        )
        super().__init__(str(self.problems[0]))

    @classmethod
    def from_problems(cls, problems: Iterable[Problem]) -> CareciteError:
        """One error reporting several problems at once, one per line."""
        found = tuple(problems)
        if not found:
            raise ValueError("from_problems needs at least one problem")
        error = cls(found[0].message, path=found[0].path, line=found[0].line, hint=found[0].hint)
        error.problems = found
        error.args = ("\n".join(str(p) for p in found),)
        return error

    @property
    def path(self) -> str | None:
        return self.problems[0].path

    @property
    def line(self) -> int | None:
        return self.problems[0].line

    @property
    def hint(self) -> str | None:
        return self.problems[0].hint


class BankError(CareciteError):
    """The quote bank (``quotes/*.yaml``) is malformed or refers to something unknown."""


class CaseError(CareciteError):
    """A case file is malformed or missing a field a template needs."""


class TemplateError(CareciteError):
    """A draft template failed to render."""


class SourceError(CareciteError):
    """A report could not be read (not a PDF, encrypted, scanned with no text)."""


class InspectionsError(CareciteError):
    """An inspections dataset (``--data``, ``$CARECITE_INSPECTIONS``) has a row it cannot read."""


class DraftError(CareciteError):
    """The rendered Markdown could not be written as a Word document."""


class OutputFormatError(CareciteError):
    """The output's name is not of a format carecite writes, or not of the format asked for."""


class OutputExistsError(CareciteError):
    """The output file already exists and ``force`` was not given."""


class FileError(CareciteError):
    """The operating system refused to read or write a file (missing, denied, disk full)."""


# What to do about an operating-system error, by errno name: the user's next step.
_OS_HINTS = {
    "ENOENT": "check the path",
    "EACCES": "check the permissions of the file and its folder",
    "EPERM": "check the permissions of the file and its folder",
    "EROFS": "the file system is read-only: choose a folder you can write to",
    "ENOSPC": "the disk is full: free some space or write somewhere else",
    "EDQUOT": "your disk quota is used up: free some space or write somewhere else",
    "EISDIR": "give a file name, not a folder",
    "ENOTDIR": "part of the path is a file, not a folder: check the path",
    "ELOOP": "the path is a loop of symbolic links: fix or remove the link",
    "ENAMETOOLONG": "choose a shorter name",
    "EMFILE": "too many files are open: close some programs and try again",
}


def file_error(error: OSError, path: str | Path | None = None, doing: str = "") -> FileError:
    """An ``OSError`` in carecite's words: the file, what the system said, what to do.

    Args:
        error: what the operating system raised.
        path: the file to name, when the error does not (or names a temporary file).
        doing: what was being done, e.g. ``"cannot write"``; the system's words follow.
    """
    import errno
    import os

    name = errno.errorcode.get(error.errno or 0, "")
    named = error.filename if isinstance(error.filename, str | bytes) else None
    where = path if path is not None else (os.fsdecode(named) if named else None)
    said = error.strerror or str(error) or type(error).__name__
    message = f"{doing} ({said.lower()})" if doing else said.lower()
    return FileError(message, path=where, hint=_OS_HINTS.get(name, "check the path"))


class LookupFailed(CareciteError):
    """An id (passage, source, theme, template) is not known; the hint suggests close ones."""
