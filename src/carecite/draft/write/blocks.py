"""The block walker: markdown-it's syntax tree → Word paragraphs, lists, tables and footnotes.

``write_body`` walks the tree of the rendered draft (``markdown_it.tree.SyntaxTreeNode``)
with one function per node type. Each function receives the read-only ``Env`` of its
position and the one mutable ``State`` (``carecite.draft.write.context``), and hands its children
a changed ``Env``. A footnote's definition is walked by the same functions as the body, in
the footnote's own story, so a block quotation or a numbered list inside a note renders as
it would in the text. The numbering rules are in docs/markdown.md; XML is built by
``carecite.draft.write.ooxml``; the text of each paragraph by ``carecite.draft.write.inline``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph

from carecite.draft.markdown import CONTAINERS
from carecite.draft.write import ooxml
from carecite.draft.write.context import Config, Env, Lead, ListLevel, PendingNote, State, Story
from carecite.draft.write.inline import add_comment, write_inline
from carecite.draft.write.tables import fit_columns

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

    from carecite.errors import DraftError

#: The block attributes (``{.name}`` on the line before) each kind of block takes.
_BLOCK_CLASSES = {"ordered_list": {"schedule"}, "table": {"plain"}}
_ALIGNMENTS = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "center": WD_ALIGN_PARAGRAPH.CENTER}


def write_body(root: SyntaxTreeNode, config: Config, state: State) -> None:
    """Write the draft's blocks into the document body, and each note it references.

    Args:
        root: the syntax tree of the whole draft; its ``footnote_block`` is not written
            (its notes are in ``config.notes``, written where they are referenced).
        config: what holds for the whole document.
        state: numbering, footnote ids and the like, updated as the document is written.

    Raises:
        DraftError: the Markdown uses something Word or the dialect cannot take.
    """
    document = config.document
    env = Env(config, Story(document.element.body, document), config.styles.body)
    _blocks((n for n in root.children if n.type != "footnote_block"), env, state)


def notes_of(root: SyntaxTreeNode) -> dict[int, SyntaxTreeNode]:
    """The footnote definitions of a draft's tree, by markdown-it's footnote id."""
    return {
        note.meta["id"]: note
        for block in root.children
        if block.type == "footnote_block"
        for note in block.children
    }


def _blocks(nodes: Iterable[SyntaxTreeNode], env: Env, state: State) -> None:
    for node in nodes:
        _block(node, env, state)


def _block(node: SyntaxTreeNode, env: Env, state: State) -> None:
    """Check a block's ``{.class}`` attributes, then write it with its node type's function."""
    classes = str(node.attrs.get("class", "")).split()
    allowed = _BLOCK_CLASSES.get(node.type, set())
    unknown = [c for c in classes if c not in allowed]
    if unknown:
        where = ", ".join(f"{{.{c}}}" for c in sorted(allowed)) or "none"
        raise env.config.error(
            f"unknown block attribute {{.{unknown[0]}}} on {node.type}",
            node,
            f"attributes this block takes: {where} (see docs/markdown.md)",
        )
    handler = _HANDLERS.get(node.type)
    if handler is None:
        raise _unsupported(node, env)
    handler(node, env, state)


def _unsupported(node: SyntaxTreeNode, env: Env) -> DraftError:
    if node.type in ("code_block", "fence"):
        return env.config.error(
            "Markdown reads this as a code block, which a court document cannot hold",
            node,
            "remove the indentation of 4 or more spaces (or the ``` fence) in the template",
        )
    return env.config.error(f"'{node.type}' is not part of the draft dialect", node)


# -- paragraphs ------------------------------------------------------------------------------


def _new_paragraph(env: Env, state: State) -> Paragraph:
    """Add a paragraph in the style, numbering and indent its position gives it."""
    paragraph = env.story.add_paragraph()
    lead = env.lead
    if lead is not None and lead.level.num_id is not None:
        ooxml.start_paragraph(paragraph._p, env.style, (lead.level.num_id, lead.level.ilvl))
    else:
        ooxml.start_paragraph(paragraph._p, env.style, None)
        if lead is not None:
            paragraph.add_run(lead.label)
        elif env.indent is not None:
            paragraph.paragraph_format.left_indent = Twips(env.indent)
    _place(paragraph, env, state)
    return paragraph


def _place(paragraph: Paragraph, env: Env, state: State) -> None:
    """Apply what the surrounding blocks ask of any new paragraph."""
    fmt = paragraph.paragraph_format
    if state.page_break:
        fmt.page_break_before = True
        state.page_break = False
    if state.after_table:
        # A table has no space after it of its own: keep the next line off its border.
        fmt.space_before = Pt(12)
        state.after_table = False
    if env.align is not None:
        paragraph.alignment = env.align
    if env.keep_together:
        fmt.keep_together = True


def _paragraph(node: SyntaxTreeNode, env: Env, state: State) -> None:
    inline = node.children[0]
    if inline.content.startswith(":::"):
        raise env.config.error(
            f"unknown or unmatched container line {inline.content.splitlines()[0]!r}",
            inline,
            f"containers are {', '.join('::: ' + c for c in CONTAINERS)}, each closed "
            "by a line holding only ':::'",
        )
    _text(_new_paragraph(env, state), inline, env, state)


def _heading(node: SyntaxTreeNode, env: Env, state: State) -> None:
    """``#`` to ``###``: Heading 1 to 3, never numbered (``numId`` 0)."""
    level = int(node.tag[1])
    if level > 3:
        raise env.config.error(
            f"heading level {level} is not used in drafts",
            node,
            "use #, ## or ### (Heading 1 to 3)",
        )
    paragraph = env.story.add_paragraph()
    ooxml.start_paragraph(paragraph._p, env.config.styles.headings[level - 1], (0, 0))
    _place(paragraph, env, state)
    _text(paragraph, node.children[0], env, state)


def _thematic_break(node: SyntaxTreeNode, env: Env, state: State) -> None:
    """``***``: the next block starts a new page."""
    state.page_break = True


def _text(
    paragraph: Paragraph, inline: SyntaxTreeNode, env: Env, state: State, *, bold: bool = False
) -> None:
    """Write a paragraph's text, then the footnotes it references."""
    write_inline(paragraph, inline, env, state, bold=bold)
    pending, state.pending_notes = state.pending_notes, []
    for note in pending:
        _footnote(note, env, state)


# -- footnotes -------------------------------------------------------------------------------


def _footnote(pending: PendingNote, env: Env, state: State) -> None:
    """Write a referenced note as a ``w:footnote``: its blocks walked as the body's are.

    The note's number goes first in its first paragraph; a note that opens with a
    quotation, a list or a table gets a paragraph of its own for the number.
    """
    if state.footnotes is None:
        state.footnotes = ooxml.footnotes_part(env.config.document.part).element
    element = ooxml.footnote(pending.note_id)
    state.footnotes.append(element)
    note_env = Env(
        env.config,
        Story(element, env.config.document),
        env.config.styles.footnote_text,
        in_note=True,
    )
    blocks = [] if pending.note is None else pending.note.children
    # A page break or a table's spacing belongs to the story it was asked in.
    body_flags = state.page_break, state.after_table
    state.page_break = state.after_table = False
    if not blocks or blocks[0].type != "paragraph":
        _new_paragraph(note_env, state)
    _blocks(blocks, note_env, state)
    state.page_break, state.after_table = body_flags
    ooxml.put_footnote_mark(note_env.story.paragraphs()[0], env.config.styles.footnote_reference)
    comments, state.note_comments = state.note_comments, []
    for text in comments:
        add_comment(env, [pending.reference], text)


def _nothing(node: SyntaxTreeNode, env: Env, state: State) -> None:
    """A node that writes nothing (the back-link markdown-it ends a note with)."""


# -- lists -----------------------------------------------------------------------------------


def _ordered_list(node: SyntaxTreeNode, env: Env, state: State) -> None:
    """A numbered list: the main sequence, a schedule, sub-paragraphs, or quoted numbers.

    A list the typed number of which is not 1 starts at that number (docs/markdown.md).
    """
    ilvl = env.lists
    if ilvl >= len(ooxml.PARAGRAPH_LEVELS):
        raise env.config.error(
            "lists nest at most three deep: 1. → (a) → (i)",
            node,
            "restructure the paragraph, or move the detail into a schedule",
        )
    start = int(node.attrs.get("start", 1))
    parent = env.parent
    main = False
    if env.quotes or (parent is not None and parent.num_id is None):
        num_id = None  # a list quoted from a source keeps its own numbers
    elif "schedule" in str(node.attrs.get("class", "")).split():
        num_id = _new_sequence(state, start, ilvl)
    elif parent is None and not env.in_note:
        num_id, main = _main_sequence(state, start), True
    elif parent is not None and parent.ordered:
        num_id = parent.num_id
    else:  # under a bullet, or a note's own list: a sequence of its own
        num_id = _new_sequence(state, start, ilvl)
    level = ListLevel(ordered=True, num_id=num_id, ilvl=ilvl)
    for item in node.children:
        _list_item(item, env, Lead(level, f"{item.info}{item.markup}\t"), state)
    if main:
        state.main_next += len(node.children)


def _bullet_list(node: SyntaxTreeNode, env: Env, state: State) -> None:
    """Real Word bullets, one numbering definition for the whole document."""
    ilvl = env.lists
    if ilvl >= len(ooxml.BULLET_LEVELS):
        raise env.config.error("lists nest at most three deep", node)
    if state.bullets is None:
        abstract_id = ooxml.add_abstract_num(state.numbering, ooxml.BULLET_LEVELS)
        state.bullets = ooxml.add_num(state.numbering, abstract_id)
    level = ListLevel(ordered=False, num_id=state.bullets, ilvl=ilvl)
    for item in node.children:
        _list_item(item, env, Lead(level, "•\t"), state)


def _main_sequence(state: State, start: int) -> int:
    """The ``w:numId`` of the main sequence, restarted at ``start`` if that was typed.

    ``1.`` (or the number the sequence has reached) continues it. Another number gives
    the main numbering definition a new ``w:num`` whose ``w:startOverride`` is that number,
    used from then on, so later paragraphs continue from it.
    """
    restart = start not in (1, state.main_next)
    if state.main_num is None or restart:
        if state.main_abstract is None:
            state.main_abstract = ooxml.add_abstract_num(state.numbering, ooxml.PARAGRAPH_LEVELS)
        state.main_num = ooxml.add_num(
            state.numbering, state.main_abstract, restart=start if restart else None
        )
        state.main_next = start if restart else state.main_next
    return state.main_num


def _new_sequence(state: State, start: int, ilvl: int) -> int:
    """A new independent numbering sequence: its own abstractNum and num.

    Its first level, ``ilvl``, starts at ``start`` in the definition itself (``w:start``):
    LibreOffice 7.4 ignores a ``w:startOverride`` in a footnote.
    """
    abstract_id = ooxml.add_abstract_num(
        state.numbering, ooxml.PARAGRAPH_LEVELS, start=start, start_level=ilvl
    )
    return ooxml.add_num(state.numbering, abstract_id)


def _list_item(node: SyntaxTreeNode, env: Env, lead: Lead, state: State) -> None:
    """An item's first paragraph takes the number; its later blocks sit at its text.

    An item that opens with a quotation, a list or a table still takes its number, on
    an otherwise empty paragraph.
    """
    level = lead.level
    inner = replace(
        env,
        parent=level,
        margin=level.text_indent,
        quotes=0,
        indent=level.text_indent if level.num_id is not None else env.indent,
        lead=None,
    )
    children = node.children
    if children and children[0].type == "paragraph":
        _paragraph(children[0], replace(inner, lead=lead), state)
        children = children[1:]
    else:
        _new_paragraph(replace(inner, lead=lead), state)
    _blocks(children, inner, state)


# -- quotations and containers --------------------------------------------------------------


def _blockquote(node: SyntaxTreeNode, env: Env, state: State) -> None:
    """``>``: style Quote; nested or inside a list item, indented one more step."""
    quotes = env.quotes + 1
    if env.margin is None and quotes == 1:
        indent = None  # the Quote style's own indent
    else:
        indent = (env.margin or 0) + quotes * ooxml.INDENT_STEP
    quoted = replace(env, style=env.config.styles.quote, quotes=quotes, indent=indent)
    _blocks(node.children, quoted, state)


def _container(node: SyntaxTreeNode, env: Env, state: State) -> None:
    """``::: right``, ``::: center`` align their paragraphs; ``::: signature`` keeps together."""
    name = node.type.removeprefix("container_")
    if name in _ALIGNMENTS:
        _blocks(node.children, replace(env, align=_ALIGNMENTS[name]), state)
        return
    before = len(env.story.paragraphs())
    _blocks(node.children, replace(env, keep_together=True), state)
    block = env.story.paragraphs()[before:]
    for p in block[:-1]:
        Paragraph(p, env.config.document).paragraph_format.keep_with_next = True


# -- tables ----------------------------------------------------------------------------------


def _table(node: SyntaxTreeNode, env: Env, state: State) -> None:
    """A pipe table: style Table Grid with a bold header row, or borderless ``{.plain}``."""
    plain = "plain" in str(node.attrs.get("class", "")).split()
    rows = [(part.type == "thead", row.children) for part in node.children for row in part.children]
    if plain and rows and rows[0][0] and not any(c.children[0].content.strip() for c in rows[0][1]):
        rows = rows[1:]  # a borderless table may leave its header row empty
    if state.page_break:
        env.story.add_paragraph()._p.append(ooxml.page_break())
        state.page_break = False
    columns = max((len(cells) for _, cells in rows), default=0)
    if not rows or not columns:
        return
    width = env.config.text_width
    table = env.story.add_table(len(rows), columns, width)
    tbl_pr = table._tbl.tblPr
    if plain:
        ooxml.table_borders(tbl_pr, visible=False)
    else:
        tbl_pr.style = env.config.styles.table_grid
    for word_row, (is_header, cells) in zip(table.rows, rows, strict=True):
        for word_cell, cell in zip(word_row.cells, cells, strict=False):
            paragraph = word_cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            style = str(cell.attrs.get("style", ""))
            if "right" in style:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif "center" in style:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _text(paragraph, cell.children[0], env, state, bold=is_header and not plain)
    fit_columns(table, width)
    state.after_table = True


_Handler = Callable[["SyntaxTreeNode", Env, State], None]

_HANDLERS: dict[str, _Handler] = {
    "paragraph": _paragraph,
    "heading": _heading,
    "hr": _thematic_break,
    "ordered_list": _ordered_list,
    "bullet_list": _bullet_list,
    "blockquote": _blockquote,
    "table": _table,
    "footnote_anchor": _nothing,
    **{f"container_{name}": _container for name in CONTAINERS},
}
