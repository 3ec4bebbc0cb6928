"""YAML read safely and with line numbers: the one parser of bank and case files.

Every mapping comes back as a ``LineMap`` that knows its own line, each key's line and any
key given twice, and every list as a ``LineList`` that knows each item's line, so validation
can say ``file:line`` of any value. Only plain data is built (the safe
loader: no object tags), and dates stay text until the caller validates them, so a bad
date is reported with its line instead of raised by PyYAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from carecite.errors import Problem

# The C loader when PyYAML was built with libyaml. PyYAML ships no types, so to mypy the
# loader is Any, and a base class chosen at run time is not a type it can check.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineMap(dict[str, Any]):
    """A YAML mapping that remembers its own line, each key's line and keys given twice."""

    line: int = 0
    key_lines: dict[str, int]
    duplicates: list[tuple[str, int]]


class LineList(list[Any]):
    """A YAML sequence that remembers its own line and each item's line."""

    line: int = 0
    item_lines: list[int]


class _LineLoader(_BaseLoader):  # type: ignore[misc]  # subclassing Any: see _BaseLoader
    """The safe loader, keeping line numbers and spotting duplicate keys."""


def _construct_map(loader: Any, node: yaml.MappingNode) -> LineMap:
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.duplicates = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key)
        line = key_node.start_mark.line + 1
        if key in mapping.key_lines:
            mapping.duplicates.append((key, line))
        mapping.key_lines[key] = line
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


def _construct_list(loader: Any, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)
# Dates stay text until validated, so a bad date is reported with its line, not raised.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str, path: str | Path) -> tuple[Any, Problem | None]:
    """The document in ``text``, or ``None`` and the problem that stops it being read.

    Args:
        text: the file's contents.
        path: the file, named in the problem.
    """
    try:
        return yaml.load(text, Loader=_LineLoader), None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = error.problem or error.context or "is not valid YAML"
        return None, Problem(f"YAML syntax error: {what}", str(path), line, "fix the YAML there")
    except yaml.reader.ReaderError as error:
        # A character YAML refuses (a control character pasted from a PDF): say which.
        line = text[: error.position].count("\n") + 1
        return None, Problem(
            f"holds the character U+{error.character:04X}, which YAML does not allow"
            if isinstance(error.character, int)
            else f"holds a character YAML does not allow ({error.reason})",
            str(path),
            line,
            "delete it (it usually comes from copying out of a PDF)",
        )
    except yaml.YAMLError as error:
        return None, Problem(f"YAML error: {error}", str(path), None, "fix the YAML")
