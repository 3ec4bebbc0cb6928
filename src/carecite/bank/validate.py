"""Check a bank or case file against its JSON Schema: the schemas are the rules.

``read_document`` reads a YAML file with the project's reader (``carecite.yamlfile``, which
keeps every value's line) and validates it with ``jsonschema`` (Draft 2020-12) against a
shipped schema, ``bank.schema.json`` or ``case.schema.json``. Every error becomes one
``Problem`` — ``file:line: what is wrong — what to do`` — whose line is the YAML node of the
offending value and whose words come from the schema itself: a subschema's ``x-message``
says what is wrong with a value and its ``x-hint`` what to do (``x-missing`` and
``x-missing-hint`` for a key its ``required`` lists), with ``{label}`` (the value's place,
e.g. ``'passages[2].page'``), ``{key}``, ``{value}``, ``{missing}`` (a missing key) and
``{match}`` (the first character a ``pattern`` refuses) filled in. A subschema without
them gets a plain message built from the keyword that failed. What no schema can state
(ids unique across files, ids that must exist, keys given twice) is checked in
``carecite.bank.rules``.

Validation is cached by content: a file whose bytes (with the same schema) were valid
before is not validated again, in this process or a later one (the valid contents' hashes
are kept in the user cache folder, ``carecite.resources.cache_dir``), and is parsed without
the guards against hostile files, which these very bytes passed (the guards cost more than
the parse on a large bank). The validator is compiled once per schema.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from carecite.bank.rules import duplicate_keys
from carecite.bank.snapshot import file_values_key, file_values_path
from carecite.cachefile import read_value, write_value
from carecite.errors import Problem
from carecite.inputfile import (
    STDIN,
    LineList,
    LineMap,
    display_name,
    read_input,
    undecodable_line,
)
from carecite.resources import cache_dir, schema_file
from carecite.suggest import close_matches, did_you_mean

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

BANK_SCHEMA = "bank.schema.json"
CASE_SCHEMA = "case.schema.json"

# An instance path: the keys and list indexes from the document down to one value.
Location = tuple[str | int, ...]

_PLACEHOLDER = re.compile(r"\{(label|key|value|missing|match)\}")
_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}


# eq=False, repr=False (``Document``): nothing compares or prints one, and Python 3.11
# compiles each generated method anew at every start (bench/README.md).
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Document:
    """A YAML file read and checked against its schema.

    ``data`` is the parsed document (``LineMap`` and ``LineList`` all the way down), or
    ``None`` when the file could not be read as YAML. ``problems`` lists every schema
    error and key given twice, sorted by line. ``faulty`` holds the location of each
    problem, so a caller can tell whether a part of the file (a passage) is sound.
    """

    data: Any
    problems: tuple[Problem, ...]
    faulty: frozenset[Location]

    def is_sound(self, *location: str | int) -> bool:
        """True when no problem lies at or under ``location`` (e.g. ``"passages", 3``)."""
        n = len(location)
        return not any(place[:n] == location for place in self.faulty)


def read_document(path: Path, schema: str, part: str | None = None) -> Document:
    """Read a YAML file and check it against a shipped schema, reporting every problem.

    Args:
        path: the file (``-``: standard input, named ``stdin`` in problems).
        schema: ``BANK_SCHEMA`` or ``CASE_SCHEMA``.
        part: the ``$defs`` entry to check against (``"sourceFile"``, ``"themesFile"``),
            or ``None`` for the whole schema.

    Returns:
        The document with its problems (none when it is valid).

    Raises:
        FileNotFoundError: there is no such file (the caller words that for its users).
    """
    name = display_name(path)
    raw, unreadable = read_input(path)
    if raw is None or unreadable is not None:
        return Document(None, (unreadable,) if unreadable else (), frozenset({()}))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problem = Problem(
            f"is not UTF-8 text ({error.reason})", name, undecodable_line(error), "save it as UTF-8"
        )
        return Document(None, (problem,), frozenset({()}))
    key = _content_key(raw, schema, part)
    known_valid = key in _known_valid(schema, part)
    kept = _kept_values(path, key) if known_valid else None
    if kept is not None:
        return Document(kept, (), frozenset())
    from carecite.yamlfile import parse_yaml  # only here: a file's kept values need no parser

    data, unreadable = parse_yaml(text, name, trusted=known_valid)
    if unreadable is not None:
        return Document(None, (unreadable,), frozenset({()}))
    if known_valid:
        _keep_values(path, key, data)
        return Document(data, (), frozenset())
    found = _CHECKED.get(key)
    if found is None:
        found = tuple(_check(data, _validator(schema, part)))
        if found:
            _CHECKED[key] = found
        else:
            _remember_valid(schema, part, key)
            _keep_values(path, key, data)
    problems = tuple(Problem(message, name, line, hint) for _, line, message, hint in found)
    return Document(data, problems, frozenset(place for place, *_ in found))


def schema_rule(schema: str, name: str) -> dict[str, Any]:
    """One named rule (``$defs`` entry) of a shipped schema, e.g. ``"id"`` of the bank's.

    For code that must make what a schema checks (``carecite add`` makes passage ids).
    """
    rule: dict[str, Any] = _schema(schema)["$defs"][name]
    return rule


def required_keys(schema: str) -> tuple[str, ...]:
    """The top-level keys a shipped schema requires of every file (``CASE_SCHEMA``: what any
    case file must give), in the schema's order: for code that lists them to the user."""
    return tuple(_schema(schema).get("required", ()))


# --- the compiled validators and the content cache -----------------------------------------

# Problems of invalid contents seen in this process, by content key: (place, line, message, hint).
_CHECKED: dict[str, tuple[tuple[Location, int | None, str, str | None], ...]] = {}
# Hashes of valid contents, by cache file; read from the user cache folder once per process.
_VALID: dict[Path, set[str]] = {}


@cache
def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_file(name).read_text(encoding="utf-8"))
    return schema


@cache
def _validator(name: str, part: str | None) -> Draft202012Validator:
    """The compiled validator of one schema (or one of its ``$defs``), built once.

    Local references (``#/$defs/…``) are replaced by what they name, each kept as one
    ``allOf`` entry beside its siblings, which is what a reference means in Draft 2020-12:
    jsonschema then never resolves a reference while validating, about a third faster on a
    large bank (see bench/README.md). The test that mutates files field by field checks
    the result agrees with the schema as written.
    """
    # Imported here: a warm search opens the bank's cache without validating anything.
    from jsonschema import Draft202012Validator

    schema = _schema(name)
    Draft202012Validator.check_schema(schema)
    target = _inline(schema["$defs"][part] if part else schema, schema["$defs"])
    return Draft202012Validator(target, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _inline(node: Any, defs: Mapping[str, Any]) -> Any:
    """``node`` with each ``{"$ref": "#/$defs/x", …}`` as ``{"allOf": [x], …}`` (not recursive).

    Where a reference is all a subschema checks (``{"$ref": …, "x-hint": …}``), the ``x-``
    words beside it replace the referenced rule's own in that place, so a property can say
    what to do in its own terms while sharing the rule. Beside keywords that check
    something, ``x-`` words are that subschema's own.
    """
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inline(value, defs) for key, value in node.items() if key != "$ref"}
    ref = node.get("$ref")
    if ref is None:
        return out
    if not (isinstance(ref, str) and ref.startswith("#/$defs/")):
        raise ValueError(f"only local references are supported, not {ref!r}")
    rule = _inline(defs[ref.removeprefix("#/$defs/")], defs)
    if not set(node) - {"$ref", "description", "title"} - {k for k in node if k[:2] == "x-"}:
        rule.update((key, value) for key, value in node.items() if key.startswith("x-"))
    out["allOf"] = [*out.get("allOf", ()), rule]
    return out


@cache
def _schema_key(name: str, part: str | None) -> str:
    """What a cached verdict depends on besides the file: the schema text and jsonschema."""
    text = schema_file(name).read_bytes()
    stamp = f"{part}\0{_jsonschema_stamp()}\0".encode()
    return hashlib.sha256(stamp + text).hexdigest()[:20]


def _jsonschema_stamp() -> str:
    """The installed jsonschema, told apart without importing it (a draft whose case file was
    validated before never imports it) or ``importlib.metadata`` (15 ms): where it is, its
    distribution's folder beside it (``jsonschema-4.26.0.dist-info``: the version), and its
    module's size and time stamp, which a reinstall changes."""
    spec = importlib.util.find_spec("jsonschema")
    if spec is None or spec.origin is None:
        return "absent"
    package = Path(spec.origin).parent
    installed = sorted(n for n in os.listdir(package.parent) if n.startswith("jsonschema-"))
    info = os.stat(spec.origin)
    return f"{spec.origin}:{installed}:{info.st_size}:{info.st_mtime_ns}"


def _content_key(raw: bytes, name: str, part: str | None) -> str:
    return hashlib.sha256(_schema_key(name, part).encode() + b"\0" + raw).hexdigest()


def _cache_file(name: str, part: str | None) -> Path:
    return cache_dir() / "validated" / f"{_schema_key(name, part)}.txt"


def _known_valid(name: str, part: str | None) -> set[str]:
    file = _cache_file(name, part)
    if file not in _VALID:
        try:
            _VALID[file] = set(file.read_text(encoding="ascii").split())
        except (OSError, UnicodeDecodeError):
            _VALID[file] = set()
    return _VALID[file]


def _remember_valid(name: str, part: str | None, key: str) -> None:
    _known_valid(name, part).add(key)
    file = _cache_file(name, part)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        # One short line per append: concurrent writers do not interleave within it.
        with file.open("a", encoding="ascii") as handle:
            handle.write(key + "\n")
    except OSError:
        pass  # the cache only saves time: without it the file is validated again next run


def _kept_values(path: Path, key: str) -> Any:
    """The parsed values kept for a valid bank file's exact contents, or None."""
    if str(path) == STDIN:
        return None
    return read_value(file_values_path(path), file_values_key(key))


def _keep_values(path: Path, key: str, data: Any) -> None:
    """Keep a valid file's parsed values (not standard input's: it has no name to keep)."""
    if str(path) != STDIN:
        write_value(file_values_path(path), file_values_key(key), data)


# --- errors to problems ---------------------------------------------------------------------


def _schema_errors(validator: Draft202012Validator, data: Any) -> Iterator[ValidationError]:
    """Every error of ``data`` against the schema (a seam the cache tests count calls on)."""
    return iter(validator.iter_errors(data))


def _check(
    data: Any, validator: Draft202012Validator
) -> Iterator[tuple[Location, int | None, str, str | None]]:
    """Every problem of ``data``: (place, line, message, hint), sorted by line."""
    found: dict[tuple[Any, ...], tuple[int, tuple[Location, int | None, str, str | None]]] = {}
    for error in _schema_errors(validator, data):
        for ident, problem in _describe(error, data):
            depth = len(error.absolute_schema_path)
            # Several rules can fail on one value (a grade off every scale and off its
            # framework's): say it once, in the words of the most specific rule.
            if ident not in found or depth > found[ident][0]:
                found[ident] = (depth, problem)
    for place, line, message, hint in duplicate_keys(data):
        found[("twice", place, message)] = (0, (place, line, message, hint))
    _one_problem_a_misspelt_key(found)
    yield from sorted((p for _, p in found.values()), key=lambda p: p[1] or 0)


def _one_problem_a_misspelt_key(
    found: dict[tuple[Any, ...], tuple[int, tuple[Location, int | None, str, str | None]]],
) -> None:
    """A required key misspelt (``childen:``) is one problem, not a missing key and an unknown
    one: said once, at the misspelt key's line, naming the key it is close to."""
    missing = {(ident[0], ident[2]) for ident in found if ident[1] == "missing"}
    for ident in [i for i in found if i[1] == "extra"]:
        place, _, extra = ident
        meant = close_matches(extra, [key for at, key in missing if at == place], limit=1)
        if not meant:
            continue
        missing.discard((place, meant[0]))
        del found[(place, "missing", meant[0])]
        depth, (where, line, message, _) = found[ident]
        found[ident] = (depth, (where, line, message, did_you_mean(extra, meant)))


# What one schema error says: an identity (so one fault is said once) and the problem.
_Said = tuple[tuple[Any, ...], tuple[Location, int | None, str, str | None]]


def _describe(error: ValidationError, data: Any) -> Iterator[_Said]:
    place: Location = tuple(error.absolute_path)
    node = _at(data, place)
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    words = {"label": _label(place), "key": _key(place), "value": _show(error.instance)}
    if error.validator == "required":
        yield from _missing(error.validator_value, node, place, schema, words)
    elif error.validator == "additionalProperties" and error.validator_value is False:
        yield from _unknown(node, place, schema)
    else:
        yield _wrong(error, data, node, place, schema, words)


def _missing(
    required: Iterable[str],
    node: Any,
    place: Location,
    schema: Mapping[str, Any],
    words: dict[str, str],
) -> Iterator[_Said]:
    """A key the schema requires is not there: said at the mapping's line."""
    for missing in (k for k in required if k not in node):
        words["missing"] = missing
        message = _fill(schema.get("x-missing"), words) or (
            f"missing required field {_label((*place, missing))}"
        )
        hint = _fill(schema.get("x-missing-hint"), words) or f"add '{missing}:'"
        yield (place, "missing", missing), (place, _line(node), message, hint)


def _unknown(node: Any, place: Location, schema: Mapping[str, Any]) -> Iterator[_Said]:
    """A key the schema does not know: said at its own line, with the closest known keys."""
    allowed = list(schema.get("properties", {}))
    for extra in (k for k in node if k not in allowed):
        hint = did_you_mean(extra, allowed) or "allowed keys: " + ", ".join(allowed)
        line = node.key_lines.get(extra) if isinstance(node, LineMap) else None
        message = f"unknown key {_label((*place, extra))}"
        yield (place, "extra", extra), ((*place, extra), line, message, hint)


def _wrong(
    error: ValidationError,
    data: Any,
    node: Any,
    place: Location,
    schema: Mapping[str, Any],
    words: dict[str, str],
) -> _Said:
    """A value the schema refuses: said at its line, in the schema's words where it has them."""
    line = _line_of(data, place)
    if "propertyNames" in error.absolute_schema_path and isinstance(node, LineMap):
        # The key itself is the offending value; it has no path of its own.
        words["label"] = f"{_label(place)} key"
        line = node.key_lines.get(str(error.instance), line)
        place = (*place, str(error.instance))
    if error.validator == "pattern" and isinstance(error.instance, str):
        words["match"] = _refused(error.validator_value, error.instance)
    message = _fill(schema.get("x-message"), words)
    hint = _fill(schema.get("x-hint"), words)
    if error.validator == "enum" and isinstance(error.instance, list | dict):
        # `framework: [ILACS]`: the words are right, the shape is not.
        shape = "a list" if isinstance(error.instance, list) else "a mapping"
        message = f"{words['label']} must be one value, not {shape}"
        hint = "write it as plain text, e.g. " + _show(next(iter(error.validator_value)))
    elif error.validator == "enum":
        choices = [c for c in error.validator_value if c is not None]
        message = message or f"unknown {words['key']} {words['value']}"
        hint = (
            did_you_mean(str(error.instance), [str(c) for c in choices])
            or hint
            or "use one of: " + ", ".join(map(str, choices))
        )
    elif error.validator == "type" and not message:
        wanted = error.validator_value
        kinds = [wanted] if isinstance(wanted, str) else list(wanted)
        expected = " or ".join(_TYPE_WORDS.get(k, k) for k in kinds)
        message = f"{words['label']} must be {expected}, got {words['value']}"
    message = message or f"{words['label']} is not valid: {error.message}"
    return (place, "value"), (place, line, message, hint or "see the schema")


def _refused(pattern: str, text: str) -> str:
    """The first character of ``text`` that ``pattern`` refuses on its own, as ``U+0007``."""
    for character in text:
        if not re.search(pattern, character):
            return f"U+{ord(character):04X}"
    return "(none on its own)"


def _fill(template: str | None, words: Mapping[str, str]) -> str | None:
    if template is None:
        return None
    return _PLACEHOLDER.sub(lambda m: words.get(m.group(1), m.group()), template)


def _at(data: Any, place: Sequence[str | int]) -> Any:
    node = data
    for step in place:
        node = node[step]
    return node


def _line(node: Any) -> int | None:
    return getattr(node, "line", None) or None


def _line_of(data: Any, place: Location) -> int | None:
    """The line of the value at ``place``: its key's line, or its list item's."""
    if not place:
        return _line(data) or 1
    parent = _at(data, place[:-1])
    step = place[-1]
    if isinstance(parent, LineMap) and isinstance(step, str):
        return parent.key_lines.get(step, parent.line)
    if isinstance(parent, LineList) and isinstance(step, int):
        return parent.item_lines[step]
    return _line(parent)


def _label(place: Iterable[str | int]) -> str:
    """``'passages[2].page'``: a value's place, list items counted from 1."""
    text = ""
    for step in place:
        text += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if text else step)
    return f"'{text}'" if text else "the file"


def _key(place: Location) -> str:
    return next((step for step in reversed(place) if isinstance(step, str)), "value")


def _show(value: Any) -> str:
    """A value as the YAML file would spell it, cut short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"
