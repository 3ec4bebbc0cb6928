"""Edits to a case file's YAML text that keep everything else as the user wrote it.

The builder adds the passages a lawyer picks from search results by inserting ``- id`` lines
into ``relied_on.passages``, so comments, order and spacing survive (loading and dumping the
YAML would lose them). Whether the result is a sound case is still ``carecite.load_case``'s
to say.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml


class CannotEdit(Exception):
    """The text is not in a shape the builder can add to; the message says what to do."""


def add_passages(text: str, ids: Sequence[str]) -> str:
    """The case text with each id not already relied on added to ``relied_on.passages``.

    Ids go after the list's last item, at its indentation. A case with no ``relied_on`` gets
    one at its end (with an empty ``themes`` list for the user to fill), one with no
    ``passages`` gets that key after ``relied_on``'s last line.

    Raises:
        CannotEdit: the YAML does not parse, is not a mapping, or writes the list in
            brackets (``[a, b]``), where a line cannot be added.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise CannotEdit(f"the case file does not read as YAML ({error.problem})") from None
    lines = text.splitlines()
    if root is None:
        return _appended(lines, ["relied_on:", "  themes: []", "  passages:"], "    ", ids)
    if not isinstance(root, yaml.MappingNode):
        raise CannotEdit("the case file is not a mapping of fields")
    relied = _value(root, "relied_on")
    if relied is None:
        return _appended(lines, ["relied_on:", "  themes: []", "  passages:"], "    ", ids)
    if not isinstance(relied, yaml.MappingNode) or relied.flow_style:
        raise CannotEdit("relied_on is not written as indented 'key: value' lines: add by hand")
    passages = _value(relied, "passages")
    if passages is None:
        indent = " " * relied.value[0][0].start_mark.column if relied.value else "  "
        return _inserted(lines, _end_line(relied), [f"{indent}passages:"], indent + "  ", ids)
    empty = isinstance(passages, yaml.ScalarNode) and passages.value in ("", "~", "null")
    if not isinstance(passages, yaml.SequenceNode) and not empty:
        raise CannotEdit("relied_on.passages is not a list: write one '- id' line for each")
    if not empty and passages.flow_style and passages.value:
        raise CannotEdit("relied_on.passages is written in brackets: add the ids by hand")
    items = [] if empty else passages.value
    have = {str(item.value) for item in items if isinstance(item, yaml.ScalarNode)}
    fresh = [i for i in dict.fromkeys(ids) if i not in have]
    if not items:  # 'passages:' or 'passages: []': the list starts on the next line
        key_line = next(k for k, v in relied.value if v is passages).start_mark.line
        lines[key_line] = lines[key_line].split("passages:")[0] + "passages:"
        indent = " " * (len(lines[key_line]) - len(lines[key_line].lstrip()) + 2)
        return _inserted(lines, key_line + 1, [], indent, fresh)
    first = items[0]
    indent = " " * (first.start_mark.column - 2)
    return _inserted(lines, _end_line(passages), [], indent, fresh)


def relied_passages(text: str) -> frozenset[str]:
    """The passage ids the case text relies on (none when it does not parse that far)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return frozenset()
    relied = _value(root, "relied_on") if isinstance(root, yaml.MappingNode) else None
    passages = _value(relied, "passages") if isinstance(relied, yaml.MappingNode) else None
    if not isinstance(passages, yaml.SequenceNode):
        return frozenset()
    return frozenset(str(i.value) for i in passages.value if isinstance(i, yaml.ScalarNode))


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    for name, value in mapping.value:
        if name.value == key:
            node: yaml.Node = value
            return node
    return None


def _end_line(node: yaml.Node) -> int:
    """The 0-based line after the node's last character (a block node ends at column 0)."""
    end = node.end_mark
    return int(end.line) if end.column == 0 else int(end.line) + 1


def _inserted(lines: list[str], at: int, head: list[str], indent: str, ids: Sequence[str]) -> str:
    # Comments and blank lines just before the insertion point belong to what follows.
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
        at -= 1
    added = [*head, *(f"{indent}- {i}" for i in ids)] if ids else []
    return "\n".join([*lines[:at], *added, *lines[at:]]) + "\n"


def _appended(lines: list[str], head: list[str], indent: str, ids: Sequence[str]) -> str:
    return "\n".join([*lines, *head, *(f"{indent}- {i}" for i in dict.fromkeys(ids))]) + "\n"
