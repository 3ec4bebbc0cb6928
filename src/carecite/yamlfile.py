"""YAML read safely and with line numbers: the one parser of bank and case files.

Every mapping comes back as a ``LineMap`` that knows its own line, each key's line and any
key given twice, and every list as a ``LineList`` that knows each item's line (both from
``carecite.inputfile``, which reads the files without PyYAML), so validation can say
``file:line`` of any value. Only plain data is built (the safe loader: no object tags), and
dates stay text until the caller validates them, so a bad date is reported with its line
instead of raised by PyYAML.

Hostile or broken files are problems with a line, never crashes or hangs: an empty file is
refused; a value its tag cannot make (``!!int abc``, a bad ``!!timestamp``, a 5000-digit
number) is reported at its line; and a document nested deeper than ``MAX_DEPTH`` or whose
aliases would expand past ``MAX_NODES`` values (the "billion laughs") is refused before any
object is built. (``inputfile.read_input`` never opens what is not a regular file.)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from carecite.errors import Problem
from carecite.inputfile import LineList, LineMap

# What ``parse_yaml`` builds (``LineMap``, ``LineList``) is importable from here too.
__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_NODES",
    "LineList",
    "LineMap",
    "parse_shipped_data",
    "parse_yaml",
]

# No bank or case file comes near these; a file past them is an accident or an attack.
MAX_DEPTH = 64
MAX_NODES = 2_000_000
MAX_DIGITS = 30

# The C loader when PyYAML was built with libyaml. PyYAML ships no types, so to mypy the
# loader is Any, and a base class chosen at run time is not a type it can check.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc]  # subclassing Any: see _BaseLoader
    """The safe loader, keeping line numbers and spotting duplicate keys."""

    def construct_document(self, node: yaml.Node) -> Any:
        _check_size(node)
        return super().construct_document(node)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Any failure to make a value (``float('abc')``) is a YAML error at the value's line."""
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith((":int", ":float")):
            digits = sum(c.isdigit() for c in node.value)
            if digits > MAX_DIGITS:
                raise yaml.constructor.ConstructorError(
                    None, None, f"a number of {digits} digits is too long", node.start_mark
                )
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, AttributeError, OverflowError) as error:
            value = node.value if isinstance(node, yaml.ScalarNode) else ""
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {_shown(value)} as {_tag_name(node.tag)}", node.start_mark
            ) from error


def _tag_name(tag: str) -> str:
    return "!!" + tag.rsplit(":", 1)[-1] if tag.startswith("tag:yaml.org,2002:") else tag


def _shown(value: str) -> str:
    return repr(value) if len(value) <= 40 else repr(value[:39] + "…")


def _check_size(root: yaml.Node) -> None:
    """Refuse a node graph nested too deep or whose aliases expand too far.

    Aliases make the graph a DAG whose expanded size can be exponential in the file's;
    counting each node once with its expanded size (children first) costs only the
    graph's size.
    """
    expanded: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, children_done = stack.pop()
        if id(node) in expanded:
            continue
        if depth > MAX_DEPTH:
            raise yaml.constructor.ConstructorError(
                None, None, f"nested more than {MAX_DEPTH} levels deep", node.start_mark
            )
        children = _children(node)
        if not children_done:
            stack.append((node, depth, True))
            stack.extend((child, depth + 1, False) for child in children)
            continue
        size = 1 + sum(expanded.get(id(child), 1) for child in children)
        if size > MAX_NODES:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"its aliases expand to more than {MAX_NODES:,} values",
                node.start_mark,
            )
        expanded[id(node)] = size


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


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


class _TrustedLoader(_BaseLoader):  # type: ignore[misc]  # subclassing Any: see _BaseLoader
    """The same values and lines from contents already read safely and found valid: no size
    walk and no per-value guard, which cost more than the parse itself on a large bank.

    Its tags are resolved and its values built by the lean code below (``_trusted_value``):
    PyYAML's general machinery, called once for each of a 100k-passage bank's 1.7 million
    values, was half of a search-cache build.
    """

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        """The tag of an untagged node: PyYAML's rule without its per-call list building."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in _PLAIN_RESOLVERS.get(value[:1], _ANY_FIRST_RESOLVERS):
                    if pattern.match(value):
                        return tag
            return _STR_TAG
        return _SEQUENCE_TAG if kind is yaml.SequenceNode else _MAPPING_TAG


for _loader in (_LineLoader, _TrustedLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_list)
    # Dates stay text until validated, so a bad date is reported with its line, not raised.
    _loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

_STR_TAG: str = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG
_SEQUENCE_TAG: str = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_MAPPING_TAG: str = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
# PyYAML tries the resolvers of a plain scalar's first character, then those for any.
_ANY_FIRST_RESOLVERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    _TrustedLoader.yaml_implicit_resolvers.get(None, ())
)
_PLAIN_RESOLVERS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: (*resolvers, *_ANY_FIRST_RESOLVERS)
    for first, resolvers in _TrustedLoader.yaml_implicit_resolvers.items()
    if first is not None
}


def _trusted_load(text: str) -> Any:
    """The document of contents found valid before, as ``_LineLoader`` would build it."""
    loader = _TrustedLoader(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _trusted_value(loader, node, {})
    finally:
        loader.dispose()


def _trusted_value(loader: Any, node: yaml.Node, built: dict[int, Any]) -> Any:
    """A node's value: text, mappings and lists here, any other tag by the loader itself.

    ``built`` keeps each mapping and list made, so an alias is the same object, as PyYAML
    makes it.
    """
    tag = node.tag
    if tag == _STR_TAG:
        return node.value
    if tag == _MAPPING_TAG:
        if id(node) not in built:
            mapping = built[id(node)] = LineMap()
            mapping.line = node.start_mark.line + 1
            mapping.key_lines = {}
            mapping.duplicates = []
            for key_node, value_node in node.value:
                key = str(_trusted_value(loader, key_node, built))
                line = key_node.start_mark.line + 1
                if key in mapping.key_lines:
                    mapping.duplicates.append((key, line))
                mapping.key_lines[key] = line
                mapping[key] = _trusted_value(loader, value_node, built)
        return built[id(node)]
    if tag == _SEQUENCE_TAG:
        if id(node) not in built:
            items = built[id(node)] = LineList()
            items.line = node.start_mark.line + 1
            items.item_lines = [child.start_mark.line + 1 for child in node.value]
            items.extend(_trusted_value(loader, child, built) for child in node.value)
        return built[id(node)]
    return loader.construct_object(node, deep=True)


def parse_shipped_data(text: str) -> Any:
    """A data file shipped with carecite (the template catalogue, authorities), as plain data.

    Shipped files are known to be sound, so they are read without line numbers, with the C
    loader where PyYAML has one: several times faster than ``yaml.safe_load``'s pure-Python
    loader, which cost a draft about 15 ms for two small files. Callers read them through
    ``carecite.bank.snapshot.shipped_data``, which keeps the values.
    """
    return yaml.load(text, Loader=_BaseLoader)


def parse_yaml(text: str, path: str | Path, *, trusted: bool = False) -> tuple[Any, Problem | None]:
    """The document in ``text``, or ``None`` and the problem that stops it being read.

    An empty document (nothing, or only comments) is a problem: a file that says nothing
    is never "all valid".

    Args:
        text: the file's contents.
        path: the file, named in the problem.
        trusted: these exact contents were read before with every guard and found valid,
            so the guards against hostile files are skipped (a quarter of the time).
    """
    try:
        data = _trusted_load(text) if trusted else yaml.load(text, Loader=_LineLoader)
        if data is None:
            return None, Problem(
                "holds no data (it is empty or only comments)",
                str(path),
                None,
                "write its contents, or remove the file",
            )
        return data, None
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = error.problem or "a value cannot be read"
        return None, Problem(f"YAML error: {what}", str(path), line, "fix the value there")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = error.problem or error.context or "is not valid YAML"
        return None, Problem(f"YAML syntax error: {what}", str(path), line, "fix the YAML there")
    except RecursionError:
        return None, Problem(
            f"is nested too deeply to read (more than {MAX_DEPTH} levels)",
            str(path),
            None,
            "check that it is the file you meant",
        )
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
