"""The library's messages in the web's words: each command-line step as the page offers it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import carecite
from carecite.cli.app import COMMAND_MODULES
from carecite.errors import LookupFailed, Step
from carecite.web.wording import BY_THE_API, ON_THE_PAGE, Face, said

LIBRARY = Path(carecite.__file__).parent


@pytest.mark.parametrize(
    ("text", "page", "api"),
    [
        (
            "cut about 3 lines; or pass --allow-over-length",
            "cut about 3 lines; or tick “Allow a draft over its page limit”",
            'cut about 3 lines; or send "allow_over_length": true',
        ),
        (
            "Word may lay it out a little differently: count the pages as laid out "
            "(--check-length) before filing",
            "Word may lay it out a little differently: count the pages as laid out "
            "(tick “Count the pages as laid out”) before filing",
            "Word may lay it out a little differently: count the pages as laid out "
            '(send "check_length": true) before filing',
        ),
        (
            "--since 2020-01-01 is after --until 2019-01-01",
            "“Published from” 2020-01-01 is after “Published to” 2019-01-01",
            "since 2020-01-01 is after until 2019-01-01",
        ),
        (
            "give the date Ofsted published it with --published YYYY-MM-DD",
            "give the date Ofsted published it in “Published”",
            'give the date Ofsted published it in the field "published" (YYYY-MM-DD)',
        ),
        (  # the longer step wins over the one its words begin with
            "run 'carecite themes' to see them",
            "choose one from the Theme list on the Search page",
            "choose one from the Theme list on the Search page",
        ),
        (
            "run 'carecite themes'",
            "see the Theme list on the Search page",
            "see the Theme list on the Search page",
        ),
        ("did you mean 'neglect'?", "did you mean 'neglect'?", "did you mean 'neglect'?"),
    ],
    ids=["over-length", "check-length", "since-until", "published", "see-themes", "themes", "none"],
)
def test_a_step_is_said_as_each_face_offers_it(text: str, page: str, api: str) -> None:
    assert said(text) == said(text, Face.PAGE) == page
    assert said(text, Face.API) == api


def test_every_step_has_the_page_s_words_and_none_is_a_flag() -> None:
    assert set(ON_THE_PAGE) == set(Step)
    assert set(BY_THE_API) <= set(Step)
    for words in (*ON_THE_PAGE.values(), *BY_THE_API.values()):
        assert not re.search(r"(?<![\w-])--?[a-z]", words), words
        assert not any(step.value in words for step in Step), words  # said once, for good


def _library_literals() -> list[tuple[str, int, str]]:
    """Every string constant (not a docstring) of the modules whose messages a web page can
    show: all but the CLI's, the web's own and the steps' table."""
    return [
        (str(path.relative_to(LIBRARY)), line, text)
        for path in sorted(LIBRARY.rglob("*.py"))
        if path.relative_to(LIBRARY).parts[0] not in ("cli", "web", "errors.py")
        for line, text in _string_literals(path)
    ]


def test_each_step_is_worded_as_the_library_words_it() -> None:
    """A message reworded in the library, with the table left behind, would show the flag."""
    texts = [text for _, _, text in _library_literals()]
    assert [step for step in Step if not any(step.value in text for text in texts)] == [
        Step.SEE_PASSAGES  # composed by the bank's one lookup, as are the others: asked below
    ]
    bank = carecite.load_bank(carecite.shipped_bank())
    for look_up, step in (
        (bank.passage, Step.SEE_PASSAGES),
        (bank.source, Step.SEE_SOURCES),
        (bank.theme, Step.SEE_THEMES),
    ):
        with pytest.raises(LookupFailed) as unknown:
            look_up("zzzz-nothing-like-it")
        assert unknown.value.hint == step.value


# Messages that name an option or a command, and why the web never shows them (or shows them
# as they are): each is only the command line's.
_COMMAND_LINE_ONLY = {
    "point --bank (or CARECITE_BANK)": "the bank folder is named when the server starts",
    "or pass --bank DIR": "add and import's check; the web's import meets Step.OWN_BANK first",
    "(--data or $": "history --about: the web shows no dataset provenance",
    "pass --force to replace the examples": "carecite examples",
    "name the file with -o": "a draft to standard output",
    "pass --themes": "carecite add",
    "pass another --id": "carecite add",
    "'carecite locate'": "carecite add",
    "--strict": "the web never imports strictly",
    "pass --reports DIR": "the reports folder is named when the server starts",
    "carecite init DIR": "carecite init",
    "`carecite history --about`": "history --about: the web shows no dataset provenance",
    "'carecite --bank DIR check'": "carecite init",
    "'carecite templates' to list them, or give a path": "the web takes shipped templates only",
    "Imported with carecite import": "a note written into the bank file, not a message",
    "suggested by carecite import": "a note written into the bank file, not a message",
    "given to carecite import.": "a note written into the bank file, not a message",
}
# Whole strings that are no message: the listing each bank lookup composes its hint from
# (a Step, asked above), and the options carecite passes to LibreOffice, pdftotext and
# Python's own child.
_NO_MESSAGE = {
    *("carecite list", "carecite sources", "carecite themes"),
    *("--headless", "--convert-to", "--outdir", "-env:UserInstallation=", "-p", "-pg", "-v"),
    "-m",
}
_NAMES_A_STEP = re.compile(
    r"(?<![\w-])--?[a-z][\w-]*|\bcarecite (?:" + "|".join(COMMAND_MODULES) + r")\b"
)


def _string_literals(path: Path) -> list[tuple[int, str]]:
    """The string constants of a module, but not its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documented = ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, documented)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_every_message_naming_a_flag_or_command_has_the_web_s_words() -> None:
    """A new message that tells the user to pass a flag must be a Step (so the web says it
    its own way) or be one the web never shows."""
    unsaid = [
        f"{module}:{line}: {text!r}"
        for module, line, text in _library_literals()
        if _NAMES_A_STEP.search(text)
        and not text.lstrip().startswith("#")  # comments of a file carecite writes
        and text not in _NO_MESSAGE
        and not any(step.value in text for step in Step)
        and not any(known in text for known in _COMMAND_LINE_ONLY)
    ]
    assert unsaid == []
