"""The library's messages in the web's words: each step as the page offers it, the command
line's words only on the command line."""

from __future__ import annotations

import ast
import json
import pickle
import re
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

import carecite
from carecite.cli.app import COMMAND_MODULES, cli
from carecite.errors import LookupFailed, Step, StepText
from carecite.search import index as index_module
from carecite.search import vocabulary_child
from carecite.web.wording import BY_THE_API, ON_THE_PAGE, Face, said
from tests.web.conftest import AUTH

LIBRARY = Path(carecite.__file__).parent


@pytest.mark.parametrize(
    ("text", "page", "api"),
    [
        (
            StepText("cut about 3 lines; or ", Step.ALLOW_OVER_LENGTH),
            "cut about 3 lines; or tick “Allow a draft over its page limit”",
            'cut about 3 lines; or send "allow_over_length": true',
        ),
        (  # a step inside the text, and two in one text
            StepText(Step.SINCE, " 2020-01-01 is after ", Step.UNTIL, " 2019-01-01"),
            "“Published from” 2020-01-01 is after “Published to” 2019-01-01",
            "since 2020-01-01 is after until 2019-01-01",
        ),
        (  # a step the API has no words of its own for: the page's
            StepText(Step.SEE_THEMES),
            "choose one from the Theme list on the Search page",
            "choose one from the Theme list on the Search page",
        ),
        (  # text placed in front of a message keeps its steps
            StepText("case.yaml:3: ", StepText("give the date ", Step.PUBLISHED)),
            "case.yaml:3: give the date in “Published”",
            'case.yaml:3: give the date in the field "published" (YYYY-MM-DD)',
        ),
        ("did you mean 'neglect'?", "did you mean 'neglect'?", "did you mean 'neglect'?"),
    ],
    ids=["over-length", "since-until", "page-words-only", "placed", "no-step"],
)
def test_a_step_is_said_as_each_face_offers_it(text: str, page: str, api: str) -> None:
    assert said(text) == said(text, Face.PAGE) == page
    assert said(text, Face.API) == api


def test_the_command_line_reads_a_step_text_as_it_always_read() -> None:
    text = StepText("cut about 3 lines; or ", Step.ALLOW_OVER_LENGTH)
    assert text == "cut about 3 lines; or pass --allow-over-length"
    assert json.loads(json.dumps(text)) == text  # --json, as for any text
    kept = pickle.loads(pickle.dumps(text))  # a bank snapshot keeps its warnings so
    assert said(kept) == said(text) != text


def test_every_step_has_the_page_s_words_and_none_is_a_flag() -> None:
    assert set(ON_THE_PAGE) == set(Step)
    assert set(BY_THE_API) <= set(Step)
    for words in (*ON_THE_PAGE.values(), *BY_THE_API.values()):
        assert not re.search(r"(?<![\w-])--?[a-z]", words), words
        assert not any(step.value in words for step in Step), words  # said once, for good


# Real refusals, as the command line prints them and as the search page and the API say them.
@pytest.mark.parametrize(
    ("options", "cli_line", "page_words", "api_words"),
    [
        (
            {"since": "2020-01-01", "until": "2019-01-01"},
            "error: --since 2020-01-01 is after --until 2019-01-01 — swap them, or leave one out",
            "“Published from” 2020-01-01 is after “Published to” 2019-01-01 — swap them",
            "since 2020-01-01 is after until 2019-01-01",
        ),
        (
            {"theme": "zzzz"},
            "error: no theme 'zzzz' — run 'carecite themes' to see them",
            "no theme 'zzzz' — choose one from the Theme list on the Search page",
            "no theme 'zzzz'",
        ),
    ],
    ids=["dates-the-wrong-way-round", "unknown-theme"],
)
def test_a_refused_search_is_said_in_each_face_s_words(
    browser: TestClient,
    anonymous: TestClient,
    options: dict[str, str],
    cli_line: str,
    page_words: str,
    api_words: str,
) -> None:
    flags = [part for name, value in options.items() for part in (f"--{name}", value)]
    run = CliRunner().invoke(cli, ["search", "drift", *flags])
    assert (run.exit_code, run.stdout, run.stderr.splitlines()) == (2, "", [cli_line])
    page = browser.get("/search", params={"q": "drift", **options})
    assert page_words in " ".join(unescape(re.sub(r"<[^>]+>", "", page.text)).split())
    api = anonymous.get("/api/search", params={"q": "drift", **options}, headers=AUTH)
    (problem,) = api.json()["errors"]
    assert api.status_code == 422 and problem["message"] == api_words


def test_a_lookup_of_each_kind_names_its_listing_on_the_page() -> None:
    bank = carecite.load_bank(carecite.shipped_bank())
    for look_up, words in (
        (bank.passage, ("run 'carecite list' to see them", "find the passage on the Search page")),
        (
            bank.source,
            ("run 'carecite sources' to see them", "find the report on the Authorities page"),
        ),
        (
            bank.theme,
            (
                "run 'carecite themes' to see them",
                "choose one from the Theme list on the Search page",
            ),
        ),
    ):
        with pytest.raises(LookupFailed) as unknown:
            look_up("zzzz-nothing-like-it")
        assert (unknown.value.hint, said(unknown.value.hint or "")) == words


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
    "run 'carecite init' (it": "no reports folder: the server starts with one, or none",
    "soffice --headless --convert-to pdf": "-o's extension: the web names its downloads",
    "carecite init DIR": "carecite init",
    "`carecite history --about`": "history --about: the web shows no dataset provenance",
    "'carecite --bank DIR check'": "carecite init",
    "'carecite templates' to list them, or give a path": "the web takes shipped templates only",
    "Imported with carecite import": "a note written into the bank file, not a message",
    "suggested by carecite import": "a note written into the bank file, not a message",
    "given to carecite import.": "a note written into the bank file, not a message",
}
# Whole strings that are no message: the options carecite passes to LibreOffice, pdftotext
# and Python's own child.
_NO_MESSAGE = {
    *("--headless", "--convert-to", "--outdir", "-env:UserInstallation=", "-p", "-pg", "-v"),
    *("-m", "-c"),
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


def _library_literals() -> list[tuple[str, int, str]]:
    """Every string constant (not a docstring) of the modules whose messages a web page can
    show: all but the CLI's, the web's own and the steps' table."""
    return [
        (str(path.relative_to(LIBRARY)), line, text)
        for path in sorted(LIBRARY.rglob("*.py"))
        if path.relative_to(LIBRARY).parts[0] not in ("cli", "web", "errors.py")
        for line, text in _string_literals(path)
    ]


def test_every_message_naming_a_flag_or_command_has_the_web_s_words() -> None:
    """A new message that tells the user to pass a flag names it as a Step (so the web says
    it its own way, and its words are written once, in ``errors.Step``) or is one the web
    never shows."""
    unsaid = [
        f"{module}:{line}: {text!r}"
        for module, line, text in _library_literals()
        if _NAMES_A_STEP.search(text)
        and not text.lstrip().startswith("#")  # comments of a file carecite writes
        and text not in _NO_MESSAGE
        and not any(known in text for known in _COMMAND_LINE_ONLY)
    ]
    assert unsaid == []


def test_a_search_whose_word_count_stops_says_try_again_on_the_page(
    browser: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The page showed the command line's "run the command again": the web has no command.
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(index_module, "_COUNT_APART_FROM_BYTES", 0)
    monkeypatch.setattr(vocabulary_child, "_CHILD", "import sys; sys.exit('out of memory')")
    page = browser.get("/search", params={"q": "drift"})
    words = " ".join(unescape(re.sub(r"<[^>]+>", "", page.text)).split())
    assert "the process counting its words stopped (out of memory)" in words
    assert "try again; if it stops again, report this message" in words
    assert "run the command again" not in words
