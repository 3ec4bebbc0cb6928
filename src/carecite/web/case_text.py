"""Edits to a case file's YAML text that keep everything else as the user wrote it.

The builder adds the passages a lawyer picks from search results by inserting ``- id`` lines
into ``relied_on.passages``, and sets the single-valued details it shows as a form (court,
case number, hearing …) where they stand, so comments, order and spacing survive (loading
and dumping the YAML would lose them). Whether the result is a sound case is still
``carecite.load_case``'s to say.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

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
    added = [*head, *(f"{indent}- {i}" for i in ids)] if ids else []
    return _with_lines(lines, at, added)


def _with_lines(lines: list[str], at: int, added: list[str]) -> str:
    """The lines with ``added`` before line ``at`` (0-based), as text ending in a newline."""
    # Comments and blank lines just before the insertion point belong to what follows.
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
        at -= 1
    return "\n".join([*lines[:at], *added, *lines[at:]]) + "\n"


def _appended(lines: list[str], head: list[str], indent: str, ids: Sequence[str]) -> str:
    return "\n".join([*lines, *head, *(f"{indent}- {i}" for i in dict.fromkeys(ids))]) + "\n"


#: The case's single-valued fields the builder shows as a form, with their labels.
DETAILS = (
    ("court.name", "Court"),
    ("court.sitting_at", "Sitting at"),
    ("case_number", "Case number"),
    ("local_authority", "Local authority"),
    ("hearing.type", "Hearing"),
    ("hearing.date", "Hearing date (YYYY-MM-DD)"),
    ("date", "Date of this document (YYYY-MM-DD)"),
    ("acting_for", "Acting for (guardian, local-authority, mother, father …)"),
    ("guardian", "Children's guardian"),
)
_PLAIN = re.compile(r"[A-Za-z][\w .,'’()/&-]*")


def detail_values(text: str) -> dict[str, str]:
    """The text of each ``DETAILS`` field the case gives as a single value ('' if none)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    found: dict[str, str] = {}
    for path, _ in DETAILS:
        node = _at(root, path)
        if isinstance(node, yaml.ScalarNode):
            found[path] = str(node.value)
    return found


def set_details(text: str, values: Mapping[str, str]) -> str:
    """The case text with each given detail field set, everything else as written.

    A field the file has is replaced where it stands; one it lacks is added to its mapping
    (or as a new mapping at the end). A blank value for a field the file lacks adds nothing.

    Raises:
        CannotEdit: the text does not parse, or a field is written as a list or mapping.
    """
    for path, value in values.items():
        text = _set(text, path, value.strip())
    return text


def _set(text: str, path: str, value: str) -> str:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise CannotEdit(f"the case file does not read as YAML ({error.problem})") from None
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise CannotEdit("the case file is not a mapping of fields")
    node = _at(root, path)
    written = _scalar(value, date=path.endswith("date"))
    if node is not None:
        if not isinstance(node, yaml.ScalarNode):
            raise CannotEdit(f"{path} is not a single value in the case file: edit it there")
        return text[: node.start_mark.index] + written + text[node.end_mark.index :]
    if not value:
        return text
    *parents, key = path.split(".")
    parent = _at(root, ".".join(parents)) if parents else root
    if parent is None:  # the mapping itself is missing: add it at the end
        head = "".join(f"{'  ' * depth}{name}:\n" for depth, name in enumerate(parents))
        line = f"{'  ' * len(parents)}{key}: {written}\n"
        return text + ("" if text.endswith("\n") or not text else "\n") + head + line
    if not isinstance(parent, yaml.MappingNode):
        raise CannotEdit(f"{'.'.join(parents)} is not a mapping in the case file: edit it there")
    if parent.flow_style:  # {name: X}: add before the closing brace
        close = text.rindex("}", 0, parent.end_mark.index)
        sep = ", " if parent.value else ""
        return text[:close] + f"{sep}{key}: {written}" + text[close:]
    lines = text.splitlines()
    indent = " " * parent.value[0][0].start_mark.column if parent.value else "  "
    return _with_lines(lines, _end_line(parent), [f"{indent}{key}: {written}"])


def _at(root: yaml.Node | None, path: str) -> yaml.Node | None:
    node = root
    for name in path.split("."):
        if not isinstance(node, yaml.MappingNode):
            return None
        node = _value(node, name)
    return node


def _scalar(value: str, *, date: bool) -> str:
    """``value`` as YAML: plain where that reads back as the same text, else quoted."""
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    if _PLAIN.fullmatch(value) and yaml.safe_load(value) == value and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)
