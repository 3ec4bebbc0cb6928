"""The case file as form fields, built from ``case.schema.json``, and back to YAML.

The builder shows every key the case schema defines as a labelled field: a mapping as a
group, a list as rows the user can add to and remove, a date as a date field, a choice as a
list to pick from. A field's name is its dotted path in the case (``children.0.initials``),
so a problem ``carecite.load_case`` reports at a line of the YAML this module writes is
shown beside the field it belongs to. Because the fields come from the schema, a key the
schema gains appears in the form without a change here.

What the form cannot show is kept, not dropped: a key the schema does not know (so that
``load_case`` still reports it) travels in a hidden ``_kept`` field of its mapping, and the
comments at the top of a loaded file come back at the top of the saved one. A file whose
shape the form cannot show at all (a list where a mapping belongs) is refused with
``NotFormable``, and the builder opens it as YAML instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any, Literal

import yaml

from carecite.bank.rules import duplicate_keys
from carecite.resources import schema_file
from carecite.suggest import close_matches
from carecite.web.wording import LABELS
from carecite.yamlfile import parse_yaml

Kind = Literal["text", "long", "id", "date", "integer", "boolean", "choice", "group", "list", "map"]
_CONTAINERS = ("group", "list", "map")
#: The prefix of every case field's name in the form (the page has fields of its own).
PREFIX = "case."
#: The hidden field of a mapping holding the keys the form does not show, as JSON.
KEPT = "_kept"
#: A row's placeholder index in a list's blank-row template, replaced by the page's script.
NEW_ROW = "__n__"

# Labels where the key alone reads badly, by key or by dotted path (which wins); every
# other key is its own label.
_LABELS = {
    "court.name": "Court",
    "date": "Date of this document",
    "hearing.date": "Date of the hearing",
    "author.name": "Author's name",
    "author.role": "Author's role",
    "case_number": "Case number",
    "sitting_at": "Sitting at",
    "acting_for": "Acting for",
    "born": "Date of birth",
    "type": "Hearing",
    "orders_sought": "Orders sought",
    "relied_on": "Relied on",
    "essential_reading": "Essential reading",
    "sources": "Reports in the bundle",
    "relevance": "Why it matters (with bundle references)",
    "sought": "What is sought",
    "findings": "Findings (passages of the reports)",
    "page_limit": "Page limit",
    "ref": "Bundle reference",
    "statement_number": "Statement number",
    "exhibit_initials": "Exhibit initials",
    "first_exhibit": "First exhibit number",
    "work_address": "Work address",
    **{key: LABELS[key] for key in ("block", "start", "sentence", "paraphrase")},
}
# Keys a group shows first, in this order, where the schema's order reads less naturally
# (a finding: which passage, which of its words, then how it is set).
_FIRST = {"findings": ("passage", "sentence", "start")}
# What one row of a list or map is called ("Child 2"); any other's rows are "Item 2" (a
# list's) or "Entry 2" (a map's).
_ITEMS = {
    "parents": "Parent",
    "children": "Child",
    "issues": "Issue",
    "findings": "Finding",
    "essential_reading": "Document",
    "authorities": "Authority",
    "facts": "Fact",
    "orders_sought": "Order",
    "themes": "Theme",
    "passages": "Passage",
    "exhibits": "Exhibit",
    "sources": "Report",
    "first_report_page": "Report",
    "reasons": "Reason",
}
# A map's two columns.
_MAP_LABELS = {
    "sources": ("Report (its source id in the bank)", "Bundle page of its first page (e.g. F1)"),
    "first_report_page": (
        "Report (its source id in the bank)",
        "Its printed page on its first bundle page",
    ),
    "reasons": ("Passage id", "Why it is relied on"),
}
# Text a lawyer writes at length: a text area, not a line.
_LONG = {"issue", "position", "relevance", "sought", "facts", "orders_sought"}
# The top-level keys in the order a lawyer fills them, under headings; a key the schema adds
# that is in none of these is shown under "Other".
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("The court and the hearing", ("court", "case_number", "local_authority", "hearing", "date")),
    ("The parties", ("parents", "children", "guardian", "acting_for")),
    ("The author", ("author",)),
    ("The issues", ("issues", "orders_sought", "facts")),
    ("The bundle and what is relied on", ("bundle", "relied_on", "authorities")),
    ("A witness statement", ("witness",)),
    ("Options", ("page_limit", "history", "attribution")),
)


class NotFormable(Exception):
    """A case whose shape the form cannot show; the message says where and what."""


@dataclass(frozen=True, slots=True)
class Field:
    """One key of the case as the form shows it.

    ``fields`` are a group's keys, a list's one item, or a map's key and value. ``short``
    names the key a group stands for when the case writes it as a single value (an issue in
    words, a finding as a passage id). ``shown_required`` marks a field "(required)" on the
    page: not a key needed only when the short one is not given alone.
    """

    key: str
    kind: Kind
    label: str
    help: str | None = None
    required: bool = False
    choices: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    short: str | None = None
    shown_required: bool = False

    @property
    def item(self) -> Field:
        """A list's item."""
        return self.fields[0]

    def child(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)


@cache
def case_fields() -> Field:
    """The whole case file as one group, read from the shipped ``case.schema.json``."""
    schema = json.loads(schema_file("case.schema.json").read_text(encoding="utf-8"))
    whole = _field("", schema, schema, required=True, where="")
    if whole is None:
        raise ValueError("case.schema.json does not describe a mapping of keys")
    return whole


def _resolved(node: Mapping[str, Any], root: Mapping[str, Any]) -> dict[str, Any]:
    """The node with its ``$ref`` chain merged in (the node's own words win)."""
    merged: dict[str, Any] = {}
    chain = [node]
    while "$ref" in chain[-1]:
        name = chain[-1]["$ref"].rsplit("/", 1)[-1]
        chain.append(root["$defs"][name])
    for part in reversed(chain):
        merged.update(part)
    merged["refs"] = [str(part["$ref"]).rsplit("/", 1)[-1] for part in chain if "$ref" in part]
    return merged


def _field(
    key: str, node: Mapping[str, Any], root: Mapping[str, Any], *, required: bool, where: str
) -> Field | None:
    """The field of the schema ``node`` at ``where`` (the dotted path of its key), or
    ``None`` for a shape the form has no field for (its value is then kept, not shown)."""
    spec = _resolved(node, root)
    label = _LABELS.get(where) or _LABELS.get(key) or key.replace("_", " ").capitalize()
    common: dict[str, Any] = {
        "help": spec.get("description"),
        "required": required,
        "shown_required": required,
    }
    types = spec.get("type")
    if "properties" in spec:
        needed = set(spec.get("required", ()))
        found = (
            _field(name, sub, root, required=name in needed, where=_join(where, name))
            for name, sub in spec["properties"].items()
        )
        first = _FIRST.get(key, ())
        fields = tuple(
            sorted(
                (f for f in found if f is not None),
                key=lambda f: first.index(f.key) if f.key in first else len(first),
            )
        )
        short = spec["required"][0] if isinstance(types, list) and "string" in types else None
        if short:  # given alone, the short key is enough (a shipped authority's id)
            fields = tuple(
                f if f.key == short else replace(f, shown_required=False) for f in fields
            )
        return Field(key, "group", label, fields=fields, short=short, **common)
    if types == "array":
        item = _field(key, spec.get("items", {}), root, required=False, where=where)
        if item is None:
            return None
        item = replace(item, label=_ITEMS.get(key, "Item"), help=None)
        return Field(key, "list", label, fields=(item,), **common)
    if types == "object":
        values = spec.get("additionalProperties")
        value = _field("value", values, root, required=True, where=where) if values else None
        names = _field("key", spec.get("propertyNames", {}), root, required=True, where=where)
        if value is None or value.kind in _CONTAINERS or names is None:
            return None
        key_label, value_label = _MAP_LABELS.get(key, ("Key", "Value"))
        pair = (replace(names, label=key_label), replace(value, label=value_label, help=None))
        return Field(key, "map", label, fields=pair, **common)
    if "enum" in spec:
        return Field(key, "choice", label, choices=tuple(spec["enum"]), **common)
    kind: Kind
    if types == "boolean":
        kind = "boolean"
    elif types == "integer":
        kind = "integer"
    elif "date" in spec["refs"]:
        kind = "date"
    elif "id" in spec["refs"]:
        kind = "id"
    elif types not in (None, "string"):
        return None  # a number, or a choice of shapes: kept as the file gives it
    else:
        kind = "long" if key in _LONG else "text"
    return Field(key, kind, label, **common)


# --- the case → the form ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Loaded:
    """A case file read for the form: its data and the comments at its top."""

    data: dict[str, Any]
    header: str


def load_text(text: str) -> Loaded:
    """The case text as data the form can show.

    Raises:
        NotFormable: the text does not read as YAML, or a value has a shape the form has
            no field for (the message names it).
    """
    data, problem = parse_yaml(text, "case.yaml")
    if problem is not None:
        where = f" at line {problem.line}" if problem.line else ""
        raise NotFormable(f"the case file does not read{where}: {problem.message}")
    if not isinstance(data, dict):
        raise NotFormable("the case file is not a mapping of keys")
    # The form holds one value a key: opened, the other value would be lost unseen.
    for _, line, message, hint in duplicate_keys(data):
        raise NotFormable(f"the case file does not read at line {line}: {message} ({hint})")
    return Loaded(formable(case_fields(), data, ""), _header(text))


def _header(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines).strip("\n")


def formable(field: Field, value: Any, path: str) -> Any:
    """``value`` in the shape the form shows it: a group as a dict, a short one expanded.

    Raises:
        NotFormable: a value of a shape the field cannot show.
    """
    where = path or "the case"
    if field.kind == "group":
        if field.short and isinstance(value, str | int):
            value = {field.short: value}
        if not isinstance(value, dict):
            raise NotFormable(f"{where} is not a mapping of keys")
        shown = {}
        for key, item in value.items():
            sub = field.child(str(key))
            shown[str(key)] = formable(sub, item, _join(path, key)) if sub else item
        return shown
    if field.kind == "list":
        if not isinstance(value, list):
            raise NotFormable(f"{where} is not a list")
        return [formable(field.item, item, _join(path, i)) for i, item in enumerate(value)]
    if field.kind == "map":
        if not isinstance(value, dict):
            raise NotFormable(f"{where} is not a mapping of keys")
        if not all(_is_scalar(v) for v in value.values()):
            raise NotFormable(f"{where} holds a value that is not a single value")
        return dict(value)
    if not _is_scalar(value):
        raise NotFormable(f"{where} is not a single value")
    return value


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool | date)


def _join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


@dataclass(frozen=True, slots=True)
class Widget:
    """A field of the form at one path, with the value shown in it."""

    field: Field
    path: str
    value: Any

    @property
    def name(self) -> str:
        return PREFIX + self.path

    @property
    def id(self) -> str:
        return "f-" + self.path

    @property
    def text(self) -> str:
        """The value as the field shows it."""
        if self.value is None:
            return ""
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return str(self.value)

    @property
    def options(self) -> list[tuple[str, str]]:
        """A choice's or yes/no's options as (value, shown), the value given among them."""
        if self.field.kind == "boolean":
            found = [("", "not set"), ("true", "yes"), ("false", "no")]
        else:
            found = [("", "not set"), *((c, c) for c in self.field.choices)]
        if self.text not in {value for value, _ in found}:
            found.append((self.text, self.text))  # kept for load_case to refuse, not lost
        return found

    @property
    def input_type(self) -> str:
        """A date picker for a date, unless the value is not one (it is shown as typed)."""
        if self.field.kind == "date" and (not self.text or _is_date(self.text)):
            return "date"
        return "text"

    @property
    def suggest(self) -> str | None:
        """The id of the list of values to suggest for this field (passage ids …), if any."""
        names = [part for part in self.path.split(".") if not part.isdigit()]
        if names and names[-1] == "key" and len(names) > 1:
            names[-2:] = [names[-2] + ".key"]
        if names == ["authorities", "id"]:
            return "authority-ids"
        return _SUGGEST.get(names[-1]) if names else None

    def children(self) -> Iterator[Widget]:
        """A group's fields, or a list's rows (a map's rows are (key, value) groups)."""
        value = self.value
        if self.field.kind == "group":
            given = value if isinstance(value, dict) else {}
            for sub in self.field.fields:
                yield Widget(sub, _join(self.path, sub.key), given.get(sub.key))
        elif self.field.kind == "list":
            for i, item in enumerate(value if isinstance(value, list) else []):
                yield Widget(self.field.item, _join(self.path, i), item)
        elif self.field.kind == "map":
            pair = Field("", "group", "", fields=self.field.fields)
            rows = value.items() if isinstance(value, dict) else ()
            for i, (key, item) in enumerate(rows):
                yield Widget(pair, _join(self.path, i), {"key": key, "value": item})

    def blank_row(self) -> Widget:
        """A list's or map's empty row, at the placeholder index the script replaces."""
        if self.field.kind == "map":
            return Widget(Field("", "group", "", fields=self.field.fields), self.row_path, {})
        return Widget(self.field.item, self.row_path, None)

    @property
    def row_label(self) -> str:
        """What one row of a list or map is called ("Child", "Report")."""
        if self.field.kind == "map":
            return _ITEMS.get(self.field.key, "Entry")
        return self.field.item.label

    @property
    def row_path(self) -> str:
        return _join(self.path, NEW_ROW)

    def kept(self) -> str:
        """A group's keys the form does not show, as JSON ('' when there are none)."""
        if self.field.kind != "group" or not isinstance(self.value, dict):
            return ""
        known = {f.key for f in self.field.fields}
        extra = {k: v for k, v in self.value.items() if k not in known}
        return json.dumps(extra, ensure_ascii=False, default=str) if extra else ""


# Which fields suggest values, by their key: the ids of the bank's passages, themes and
# sources, the shipped authorities and the parties one may act for.
_SUGGEST = {
    "passage": "passage-ids",
    "passages": "passage-ids",
    "reasons.key": "passage-ids",
    "themes": "theme-ids",
    "exhibits": "source-ids",
    "sources.key": "source-ids",
    "acting_for": "party-ids",
}


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def sections(data: Mapping[str, Any]) -> list[tuple[str, list[Widget]]]:
    """The case's top-level fields under their headings, each with its value in ``data``."""
    whole = Widget(case_fields(), "", dict(data))
    by_key = {w.field.key: w for w in whole.children()}
    shown: list[tuple[str, list[Widget]]] = []
    for heading, keys in SECTIONS:
        widgets = [by_key.pop(k) for k in keys if k in by_key]
        if widgets:
            shown.append((heading, widgets))
    if by_key:
        shown.append(("Other", list(by_key.values())))
    return shown


def top_kept(data: Mapping[str, Any]) -> str:
    """The top-level keys the form does not show, as JSON ('' when there are none)."""
    return Widget(case_fields(), "", dict(data)).kept()


def form_path(data: Mapping[str, Any], path: str) -> str:
    """The form field showing the YAML value at ``path`` of ``data`` (as ``read_form`` gave
    it), or its nearest field that does.

    A map's entry is its row (``bundle.sources.0``), a value written short is its key's field
    (``issues.0`` written as words → ``issues.0.issue``), and a key the form has no field for
    is its mapping's group.
    """
    field = case_fields()
    value: Any = data
    found: list[str] = []
    for part in path.split("."):
        if field.kind == "group" and (sub := field.child(part)) is not None:
            field, value = sub, value.get(part) if isinstance(value, dict) else None
        elif field.kind == "list" and part.isdigit():
            index = int(part)
            field = field.item
            value = value[index] if isinstance(value, list) and index < len(value) else None
        elif field.kind == "map" and isinstance(value, dict) and part in value:
            found.append(str(list(value).index(part)))
            return ".".join(found)
        else:
            return ".".join(found)
        found.append(part)
    if field.kind == "group" and field.short and not isinstance(value, dict):
        found.append(field.short)
    return ".".join(found)


def unshown_key(path: str) -> str | None:
    """The key at a case path that the form keeps without showing it, one the case schema
    does not know (``witness.exhibit_intials`` → ``exhibit_intials``); ``None`` for a path
    the form shows."""
    field = case_fields()
    for part in path.split("."):
        if field.kind == "group":
            sub = field.child(part)
            if sub is None:
                return part
            field = sub
        elif field.kind == "list" and part.isdigit():
            field = field.item
        else:
            return None
    return None


def form_label(path: str) -> str:
    """What the form calls the field at a form path (``form_path``), as a lawyer reads it:
    ``children.0.initials`` → ``Child 1 › Initials``, ``court.name`` → ``Court``."""
    field = case_fields()
    said: list[str] = []
    for part in path.split("."):
        if field.kind == "group" and (sub := field.child(part)) is not None:
            field = sub
            # "Court › Court", "Issue 2 › Issue": a key named as its group is said once.
            if not (said and said[-1].casefold().startswith(field.label.casefold())):
                said.append(field.label)
        elif field.kind in ("list", "map") and part.isdigit():
            row = field.item.label if field.kind == "list" else _ITEMS.get(field.key, "Entry")
            field = field.item if field.kind == "list" else field
            said[-1:] = [f"{row} {int(part) + 1}"]  # "Child 1", not "Children › Child 1"
        else:
            break
    return " › ".join(said) or path


# --- the form → the case ------------------------------------------------------------------


def read_form(form: Mapping[str, str]) -> dict[str, Any]:
    """The case a posted form describes.

    ``form`` maps each field's name to its value. Rows are read in the order of their
    indexes (the page's script numbers new rows past the last); a row left blank is no row.
    A required text left blank is written as ``""`` (not left out) so that the problem is
    reported at its own line, beside its own field. A value of the wrong type (letters in a
    number) is kept as text for ``load_case`` to refuse with its message.
    """
    flat = {k[len(PREFIX) :]: v for k, v in form.items() if k.startswith(PREFIX)}
    read = _read(case_fields(), "", flat, present=True)
    return read if isinstance(read, dict) else {}


def _read(field: Field, path: str, flat: Mapping[str, str], *, present: bool) -> Any:
    if field.kind == "group":
        found: dict[str, Any] = {}
        for sub in field.fields:
            value = _read(sub, _join(path, sub.key), flat, present=sub.required)
            if value is not None:
                found[sub.key] = value
        kept = _kept(flat.get(_join(path, KEPT), ""))
        found.update({k: v for k, v in kept.items() if k not in found})
        if not found and not present:
            return None
        if field.short and set(found) == {field.short} and isinstance(found[field.short], str):
            return found[field.short]
        # A group that is there: its required values are too, a blank one as "" so that its
        # problem is said at its own field; but not one a key the form does not know may
        # misspell ("exhibit_intials"), which the check says once, as that key, naming this.
        missing = [
            sub.key
            for sub in field.fields
            if sub.required and sub.key not in found and sub.kind not in _CONTAINERS
        ]
        misspelt = {meant for key in kept for meant in close_matches(key, missing, limit=1)}
        found.update((key, "") for key in missing if key not in misspelt)
        return found
    if field.kind == "list":
        rows = [_read(field.item, _join(path, i), flat, present=False) for i in _rows(flat, path)]
        items = [row for row in rows if row is not None]
        return items if items or field.required else None
    if field.kind == "map":
        pairs: dict[str, Any] = {}
        for i in _rows(flat, path):
            key = _text(flat.get(_join(path, f"{i}.key")))
            value = _scalar(field.fields[1], _text(flat.get(_join(path, f"{i}.value"))))
            if key or value is not None:
                pairs[key or ""] = "" if value is None else value
        return pairs or None
    return _scalar(field, _text(flat.get(path)))


def _rows(flat: Mapping[str, str], path: str) -> list[int]:
    """The row indexes posted under a list's path, in order."""
    head = re.escape(path + ".") if path else ""
    pattern = re.compile(head + r"(\d+)(?:\.|$)")
    return sorted({int(m.group(1)) for name in flat if (m := pattern.match(name))})


def _kept(text: str) -> dict[str, Any]:
    try:
        kept = json.loads(text) if text else {}
    except ValueError:
        return {}
    return kept if isinstance(kept, dict) else {}


def _text(raw: str | None) -> str | None:
    """A posted value without its surrounding space, the browser's CR LF made LF."""
    if raw is None:
        return None
    value = raw.replace("\r\n", "\n").strip()
    return value or None


def _scalar(field: Field, value: str | None) -> Any:
    if value is None:
        return None
    if field.kind == "integer":
        return int(value) if value.isdigit() else value
    if field.kind == "boolean":
        return {"true": True, "false": False}.get(value, value)
    return value


# --- the case → YAML ----------------------------------------------------------------------


def case_yaml(data: Mapping[str, Any], header: str = "") -> str:
    """The case as YAML text in the order the form gives it, under the file's comments.

    Every key is on a line of its own, so that a problem reported at a line names one
    field. A date is written as a plain date (``2017-06-12``), as in the examples; text that
    YAML would read as something else is quoted.
    """
    body: str = yaml.safe_dump(
        _for_yaml(data),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,  # one line per value, as a lawyer writes it
    )
    return (header.rstrip("\n") + "\n" if header.strip() else "") + body


def _for_yaml(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _for_yaml(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_for_yaml(v) for v in value]
    if isinstance(value, str) and _is_date(value):
        return date.fromisoformat(value)
    return value


# --- edits the builder's buttons make -----------------------------------------------------


def add_row(data: dict[str, Any], path: str) -> dict[str, Any]:
    """``data`` with a blank row at the end of the list (or map) at ``path``.

    A blank row is a blank mapping (or ``""``); the form shows it as empty fields, and a
    row still blank when posted is no row.

    Raises:
        KeyError: no list or map at ``path``.
    """
    field, parent, key = _locate(data, path)
    added: list[Any] | dict[str, Any]
    if field.kind == "list":
        rows = parent.get(key) if isinstance(parent, dict) else parent[int(key)]
        new: Any = {} if field.item.kind == "group" else ""
        added = [*(rows if isinstance(rows, list) else []), new]
    elif field.kind == "map":
        rows = parent.get(key) if isinstance(parent, dict) else None
        added = {**(rows if isinstance(rows, dict) else {}), "": ""}
    else:
        raise KeyError(path)
    _put(parent, key, added)
    return data


def remove_row(data: dict[str, Any], path: str) -> dict[str, Any]:
    """``data`` without the row at ``path`` (``children.1``, ``bundle.sources.0``).

    Raises:
        KeyError: no row at ``path``.
    """
    list_path, _, index = path.rpartition(".")
    _, parent, key = _locate(data, list_path)
    rows = parent.get(key) if isinstance(parent, dict) else parent[int(key)]
    if not index.isdigit() or not isinstance(rows, list | dict) or int(index) >= len(rows):
        raise KeyError(path)
    if isinstance(rows, list):
        kept: Any = [row for i, row in enumerate(rows) if i != int(index)]
    else:
        kept = {k: v for i, (k, v) in enumerate(rows.items()) if i != int(index)}
    _put(parent, key, kept)
    return data


def _locate(data: dict[str, Any], path: str) -> tuple[Field, Any, str]:
    """The field at ``path``, the container holding its value and its key there."""
    field = case_fields()
    parent: Any = data
    parts = path.split(".")
    for depth, part in enumerate(parts):
        if field.kind == "group":
            sub = field.child(part)
            if sub is None:
                raise KeyError(path)
            field = sub
        elif field.kind == "list" and part.isdigit():
            field = field.item
        else:
            raise KeyError(path)
        if depth == len(parts) - 1:
            return field, parent, part
        parent = _step(parent, part, field)
    raise KeyError(path)


def _step(container: Any, part: str, field: Field) -> Any:
    """The value under ``part``, made (an empty mapping or list) when it is missing."""
    if isinstance(container, list):
        index = int(part)
        if index >= len(container):
            raise KeyError(part)
        if field.kind == "group" and not isinstance(container[index], dict):
            container[index] = formable(field, container[index] or {}, part)
        return container[index]
    if not isinstance(container, dict):
        raise KeyError(part)
    if container.get(part) is None:
        container[part] = {} if field.kind == "group" else []
    return container[part]


def _put(parent: Any, key: str, value: Any) -> None:
    if isinstance(parent, list):
        parent[int(key)] = value
    else:
        parent[key] = value


def add_findings(data: dict[str, Any], ids: list[str], issue: int | None) -> dict[str, Any]:
    """``data`` relying on each passage id: in ``relied_on.passages`` and, when ``issue``
    is given, among that issue's findings (ids already there are not added twice).

    Raises:
        KeyError: there is no issue ``issue``.
    """
    relied = data.get("relied_on")
    if not isinstance(relied, dict):
        relied = data["relied_on"] = {}
    passages = relied.get("passages")
    if not isinstance(passages, list):
        passages = relied["passages"] = []
    passages.extend(i for i in dict.fromkeys(ids) if i not in passages)
    if issue is None:
        return data
    issues = data.get("issues")
    if not isinstance(issues, list) or not 0 <= issue < len(issues):
        raise KeyError(f"issues.{issue}")
    if not isinstance(issues[issue], dict):
        issues[issue] = formable(case_fields().child("issues").item, issues[issue], "")  # type: ignore[union-attr]
    findings = issues[issue].setdefault("findings", [])
    have = {f.get("passage") if isinstance(f, dict) else f for f in findings}
    findings.extend({"passage": i} for i in dict.fromkeys(ids) if i not in have)
    return data
