"""carecite's errors: one root, one subclass per stage, each saying where and what to do.

The library raises these and never prints or exits; ``carecite.cli.app`` turns any of them
into one message on stderr and exit status 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


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


class DraftError(CareciteError):
    """The rendered Markdown could not be written as a Word document."""


class OutputExistsError(CareciteError):
    """The output file already exists and ``force`` was not given."""


class LookupFailed(CareciteError):
    """An id (passage, source, theme, template) is not known; the hint suggests close ones."""
