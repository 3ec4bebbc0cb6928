"""The Markdown dialect a draft is written in, and the checks made before parsing it.

The dialect (docs/markdown.md) is CommonMark with pipe tables, footnotes, attribute spans
(``[text]{.placeholder}``), block attributes (``{.schedule}`` on the line before a block)
and three ``:::`` containers. Raw HTML is off, so a ``<`` in case data prints as typed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from carecite.errors import DraftError, Problem

if TYPE_CHECKING:
    from markdown_it.token import Token

#: The ``:::`` container names the writer understands.
CONTAINERS = ("right", "center", "signature")

# XML 1.0 forbids C0 controls other than tab, newline and carriage return, lone surrogates
# and U+FFFE/U+FFFF. markdown-it would silently turn NUL into U+FFFD, so check the source.
# A set, not a pattern: compiling a character class of the 2,048 surrogates cost as much as
# parsing a page of the draft, at every draft.
_NOT_XML_CHARACTERS = frozenset(
    map(chr, (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF))
)

_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 11: "VT", 12: "FF", 27: "ESC"}


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The markdown-it parser for the draft dialect (built once, reused)."""
    md = (
        MarkdownIt("commonmark", {"html": False})
        .enable("table")
        .use(footnote_plugin)
        .use(attrs_plugin, spans=True)
        .use(attrs_block_plugin)
    )
    for name in CONTAINERS:
        md.use(container_plugin, name=name)
    return md


def parse(markdown: str, source_name: str) -> list[Token]:
    """Check ``markdown`` for characters Word cannot hold, then parse it into tokens.

    Raises:
        DraftError: listing every line holding a character XML forbids (NUL, other C0
            controls, lone surrogates), with its column.
    """
    if _NOT_XML_CHARACTERS.isdisjoint(markdown):
        return parser().parse(markdown)
    problems = []
    for number, line in enumerate(markdown.split("\n"), start=1):
        column = next((at for at, c in enumerate(line, 1) if c in _NOT_XML_CHARACTERS), None)
        if column is not None:
            code = ord(line[column - 1])
            name = _CONTROL_NAMES.get(code, "control character")
            problems.append(
                Problem(
                    f"column {column}: {name} (U+{code:04X}) cannot go in a Word document",
                    source_name,
                    number,
                    "delete it from the case file or template text it came from (text "
                    "copied out of a PDF often carries such characters), then render again",
                )
            )
    raise DraftError.from_problems(problems)


# Markdown's specials and the dialect's own ({attrs}, :::, |tables, ^notes, &entities).
_SPECIALS = re.compile(r"([\\`*_{}\[\]<>#|~!&^$])")
# Characters that start a block only at the beginning of a line.
_LINE_START = re.compile(r"^([-+=:>]|\d+[.)])")


def escape_markdown(value: object) -> str:
    """``value`` as Markdown that prints exactly its text: specials backslash-escaped.

    Line breaks become spaces, so a value can never start a heading, list or quotation.
    """
    text = re.sub(r"\s+", " ", str(value))
    text = _SPECIALS.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)
