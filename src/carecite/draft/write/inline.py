"""The text of one paragraph: markdown-it's inline nodes → python-docx runs.

``write_inline`` writes an ``inline`` node's children into one paragraph, one function per
node type. Emphasis, placeholders and comment spans nest, so each function returns the
runs it made: a ``{.comment}`` span anchors its comment on exactly those runs. A footnote
reference leaves its mark in the text and a ``PendingNote`` in the state; the block walker
writes the note's own paragraphs once the paragraph is done (``carecite.draft.write.blocks``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from docx.text.run import Run

from carecite.draft.write import ooxml
from carecite.draft.write.context import PendingNote

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph
    from markdown_it.tree import SyntaxTreeNode

    from carecite.draft.write.context import Env, State

#: Author and initials of the review comments carecite adds.
COMMENT_AUTHOR = "carecite"
COMMENT_INITIALS = "cc"
#: What a placeholder prints before its text; the lawyer replaces the whole bracket.
PLACEHOLDER_OPEN = "[●  "
PLACEHOLDER_CLOSE = "]"

_SPAN_CLASSES = {"placeholder", "comment"}


# eq=False, repr=False (``_Runs``): nothing compares or prints one, and Python 3.11
# compiles each generated method anew at every start (bench/README.md).
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class _Runs:
    """Where runs go and how they look.

    Attributes:
        paragraph: the paragraph receiving the runs.
        source: the ``inline`` node being written (errors name its line).
        bold, italic, highlight: the formatting of the runs made here.
    """

    paragraph: Paragraph
    source: SyntaxTreeNode
    bold: bool = False
    italic: bool = False
    highlight: bool = False

    def add(self, text: str) -> Run:
        r = ooxml.add_run(
            self.paragraph._p, bold=self.bold, italic=self.italic, highlight=self.highlight
        )
        ooxml.add_text(r, text)
        return Run(r, self.paragraph)


def write_inline(
    paragraph: Paragraph, inline: SyntaxTreeNode, env: Env, state: State, *, bold: bool = False
) -> list[Run]:
    """Write the children of ``inline`` (a markdown-it ``inline`` node) into ``paragraph``.

    Footnote references are left in ``state.pending_notes`` for the caller to write.

    Returns:
        The runs made, in order.

    Raises:
        DraftError: an image, an unknown span class, a comment without its note, or a
            footnote reference inside a footnote; the message names the line.
    """
    return _children(inline, _Runs(paragraph, inline, bold=bold), env, state)


def _children(node: SyntaxTreeNode, at: _Runs, env: Env, state: State) -> list[Run]:
    runs: list[Run] = []
    for child in node.children:
        handler = _HANDLERS.get(child.type)
        if handler is None:
            raise env.config.error(
                f"'{child.type}' is not part of the draft dialect",
                at.source,
                "images and raw markup cannot go in a draft (see docs/markdown.md)",
            )
        runs += handler(child, at, env, state)
    return runs


# A title and the name after it ("Ms G", "HHJ Smith") are kept on one line, as a typesetter
# keeps them: a non-breaking space. A pinpoint's label and number ("para 20") are left as the
# citation prints them, which the cite-check reads back.
_TITLE_AND_NAME = re.compile(r"\b((?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|HHJ|DJ)\.?) (?=[A-Z])")


def _text(node: SyntaxTreeNode, at: _Runs, env: Env, state: State) -> list[Run]:
    text = _TITLE_AND_NAME.sub("\\1\u00a0", node.content)
    return [at.add(text)] if text else []


def _softbreak(node: SyntaxTreeNode, at: _Runs, env: Env, state: State) -> list[Run]:
    return [at.add(" ")]


def _hardbreak(node: SyntaxTreeNode, at: _Runs, env: Env, state: State) -> list[Run]:
    run = at.add("")
    run.add_break()
    return [run]


def _em(node: SyntaxTreeNode, at: _Runs, env: Env, state: State) -> list[Run]:
    return _children(node, replace(at, italic=True), env, state)


def _strong(node: SyntaxTreeNode, at: _Runs, env: Env, state: State) -> list[Run]:
    return _children(node, replace(at, bold=True), env, state)


def _link(node: SyntaxTreeNode, at: _Runs, env: Env, state: State) -> list[Run]:
    """An autolink prints ``<url>`` (OSCOLA's form); a named link prints ``text <url>``."""
    if node.markup == "autolink":
        return [at.add("<"), *_children(node, at, env, state), at.add(">")]
    return [*_children(node, at, env, state), at.add(f" <{node.attrs.get('href', '')}>")]


def _span(node: SyntaxTreeNode, at: _Runs, env: Env, state: State) -> list[Run]:
    """``[text]{.placeholder}`` and ``[text]{.comment note="…"}``, alone or together."""
    classes = frozenset(str(node.attrs.get("class", "")).split())
    unknown = sorted(classes - _SPAN_CLASSES)
    if unknown:
        raise env.config.error(
            f"unknown span class {{.{unknown[0]}}}",
            at.source,
            'spans take {.placeholder} or {.comment note="..."}',
        )
    note = str(node.attrs.get("note", "")).strip()
    if "comment" in classes and not note:
        raise env.config.error('a {.comment} span needs its text in note="..."', at.source)
    if "placeholder" in classes:
        lit = replace(at, highlight=True)
        runs = [lit.add(PLACEHOLDER_OPEN), *_children(node, lit, env, state)]
        runs.append(lit.add(PLACEHOLDER_CLOSE))
    else:
        runs = _children(node, at, env, state)
    if "comment" in classes:
        # python-docx anchors comments in the main story only: a comment written inside a
        # footnote goes on the footnote's reference mark in the body.
        if env.in_note and env.config.citations == "footnotes":
            state.note_comments.append(note)
        elif runs:
            add_comment(env, runs, note)
    return runs


def add_comment(env: Env, runs: list[Run], text: str) -> None:
    """A review comment by carecite on ``runs`` (the first and last mark its range)."""
    env.config.document.add_comment(
        runs, text=text, author=COMMENT_AUTHOR, initials=COMMENT_INITIALS
    )


def _footnote_ref(node: SyntaxTreeNode, at: _Runs, env: Env, state: State) -> list[Run]:
    """``[^id]``: a real footnote's reference mark, or the note's text in brackets."""
    if env.in_note:
        raise env.config.error(
            "a footnote cannot contain another footnote reference",
            at.source,
            "move the second reference into the body text",
        )
    note = env.config.notes.get(node.meta["id"])
    if env.config.citations == "inline":
        return _inline_note(note, at, replace(env, in_note=True), state)
    note_id = state.next_note_id
    state.next_note_id += 1
    r = ooxml.footnote_reference(note_id, env.config.styles.footnote_reference)
    at.paragraph._p.append(r)
    reference = Run(r, at.paragraph)
    state.pending_notes.append(PendingNote(note_id, note, reference))
    return [reference]


def _inline_note(note: SyntaxTreeNode | None, at: _Runs, env: Env, state: State) -> list[Run]:
    """A note's text in brackets at the reference point: `` (Ofsted … para 16.)``.

    Its paragraphs run on, separated by spaces; a list item keeps its typed number or
    gets a bullet, so a list's numbers are not lost.
    """
    runs = [at.add(" (")]
    for n, (label, inline) in enumerate(_note_text(note)):
        if n:
            runs.append(at.add(" "))
        if label:
            runs.append(at.add(f"{label} "))
        runs += _children(inline, replace(at, source=inline), env, state)
    runs.append(at.add(")"))
    return runs


def _note_text(note: SyntaxTreeNode | None) -> Iterator[tuple[str, SyntaxTreeNode]]:
    """Each ``inline`` node of a note, with the label of the list item it opens, if any."""
    label = ""
    for node in note.walk() if note is not None else ():
        if node.type == "list_item":
            ordered = node.parent is not None and node.parent.type == "ordered_list"
            label = f"{node.info}{node.markup}" if ordered else "•"
        elif node.type == "inline":
            yield label, node
            label = ""


def _nothing(node: SyntaxTreeNode, at: _Runs, env: Env, state: State) -> list[Run]:
    return []


_Handler = Callable[["SyntaxTreeNode", _Runs, "Env", "State"], list[Run]]

_HANDLERS: dict[str, _Handler] = {
    "text": _text,
    "text_special": _text,  # a backslash escape: the character itself
    "code_inline": _text,  # printed as plain text
    "softbreak": _softbreak,
    "hardbreak": _hardbreak,
    "em": _em,
    "strong": _strong,
    "link": _link,
    "span": _span,
    "footnote_ref": _footnote_ref,
    "footnote_anchor": _nothing,  # the back-link of an HTML rendering
}
