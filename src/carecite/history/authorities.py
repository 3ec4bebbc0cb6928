"""The one authority resolver: whatever a lawyer types → one local authority, or a clear miss.

Every command that takes an authority (``history``, ``authorities``, ``list``, ``sources``,
``search``, the case file) reads it through ``AuthorityResolver.resolve``, so "norfok" gets the
same answer everywhere. A name matches, in this order: exactly (case, "&"/"and" and
punctuation aside) a name or alias in ``inspections/authorities.yaml``; the same once the
words around a council's name are dropped ("London Borough of", "City Council", "LB", …);
then as whole words inside exactly one authority's name ("Maidenhead"). Several matches are
an error listing them; none is an error with a did-you-mean.

Former authorities (Northamptonshire, Cumbria, …) resolve to themselves, naming their
successors; the dataset has no rows for them, so no history is invented.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from carecite.bank.snapshot import PARSING_CODE, kept_value, shipped_data
from carecite.english import long_date
from carecite.errors import LookupFailed, Step, StepText
from carecite.model import PickledByFields
from carecite.resources import shipped_dir
from carecite.suggest import close_matches

if TYPE_CHECKING:
    from carecite.model import Source

ALIASES_FILE = "authorities.yaml"
# The code that builds a resolver from the aliases file and the dataset's names: a change to
# it gives the kept resolver a new key.
_RESOLVER_CODE = (Path(__file__), *PARSING_CODE)

# Words around a council's name that do not tell one authority from another.
_PREFIXES = (
    "the",
    "london borough of",
    "royal borough of",
    "metropolitan borough of",
    "borough of",
    "city and county of",
    "city of",
    "county of",
    "lb",
    "rb",
)
_SUFFIXES = (
    "metropolitan borough council",
    "borough council",
    "city council",
    "county council",
    "district council",
    "council",
    "childrens services",
    "children s services",
    "mbc",
)
_SMALL_WORDS = {"and", "of", "upon", "on", "with", "the", "in"}


@dataclass(frozen=True, slots=True)
class Authority(PickledByFields):
    """A local authority as carecite names it.

    ``key`` is the inspections dataset's own name ("tower hamlets"; a former authority's is
    its normalised name); ``name`` is how it is shown ("Tower Hamlets"); ``council`` the
    council's corporate name, as a court names it a party ("London Borough of Tower
    Hamlets", "Knowsley Metropolitan Borough Council" where its report's cover prints
    "Knowsley Council"; ``None`` where not recorded). A former authority has ``replaced``
    (the day it ceased) and ``successors``; a successor lists its ``predecessors``. Both hold
    names as shown.
    """

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    replaced: date | None = None
    successors: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()
    council: str | None = None

    def formal_name(self, typed: str) -> str:
        """The council's name for a name typed as the authority's alone ("BLACKPOOL" →
        "Blackpool Borough Council"), where it is recorded; else ``typed`` as it is (a
        name already naming the council, "Norfolk County Council", is the lawyer's)."""
        key = normalise(typed)
        if self.council is None or strip_affixes(key) != key:
            return typed
        return self.council

    @property
    def is_former(self) -> bool:
        """True for an authority that no longer exists (it has successors)."""
        return self.replaced is not None

    def lineage(self) -> str | None:
        """A sentence on who replaced it or whom it replaced, or ``None``."""
        if self.is_former and self.replaced is not None:
            return (
                f"{self.name} was replaced on {long_date(self.replaced)} by {_and(self.successors)}"
            )
        if self.predecessors:
            return f"{self.name} took over from " + " and from ".join(self.predecessors)
        return None


@dataclass(frozen=True, slots=True)
class AuthorityResolver:
    """Resolves names to authorities; build one with ``load_resolver``.

    ``names`` holds each authority's normalised names and aliases, in the same order.
    """

    authorities: tuple[Authority, ...]
    names: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, authorities: Iterable[Authority]) -> AuthorityResolver:
        """A resolver for these authorities."""
        chosen = tuple(authorities)
        return cls(chosen, tuple(_names(a) for a in chosen))

    def resolve(self, wanted: str) -> Authority:
        """The authority ``wanted`` means.

        Raises:
            LookupFailed: no authority, or several, match; the hint says what to type.
        """
        key = normalise(wanted)
        if not key:
            raise LookupFailed("no authority named", hint="give an authority's name")
        inside = self._matches(key)
        if len(inside) == 1:
            return inside[0]
        if inside:
            shown = ", ".join(a.name for a in inside[:8]) + (", …" if len(inside) > 8 else "")
            raise LookupFailed(
                f"'{wanted}' matches {len(inside)} authorities: {shown}",
                hint="give more of the name",
            )
        raise LookupFailed(f"no authority called '{wanted}'", hint=self._suggest(wanted))

    def _matches(self, key: str) -> list[Authority]:
        """The authority a normalised name means exactly, else every one whose names hold
        its core: ``resolve`` answers only when there is one, without the hint it gives
        when there is none (``_suggest``, 6 ms: ``with_names`` tries a bank's every name)."""
        table = tuple(zip(self.authorities, self.names, strict=True))
        for candidate in (key, strip_affixes(key)):
            exact = [a for a, names in table if candidate in names]
            if exact:
                return exact[:1]
        core = strip_affixes(key)
        return [a for a, names in table if any(_contains_words(n, core) for n in names)]

    def same(self, name: str, authority: Authority) -> bool:
        """True when ``name`` (a bank source's authority, say) resolves to ``authority``."""
        return self._matches(normalise(name)) == [authority]

    def with_names(self, names: Iterable[str]) -> AuthorityResolver:
        """This resolver, knowing also the names that resolve to nothing (a user bank's)."""
        resolver = self
        for name in dict.fromkeys(names):
            if len(resolver._matches(normalise(name))) != 1:
                extra = Authority(normalise(name), name)
                resolver = AuthorityResolver(
                    (*resolver.authorities, extra), (*resolver.names, _names(extra))
                )
        return resolver

    def _suggest(self, wanted: str) -> str:
        # Compare the names' cores: "Norfok County Council" is close to "Norfolk", not to
        # every other county council.
        cores = {strip_affixes(normalise(a.name)): a.name for a in self.authorities}
        found = list(
            dict.fromkeys(cores[c] for c in close_matches(strip_affixes(normalise(wanted)), cores))
        )
        if found:
            return "did you mean " + " or ".join(f"'{m}'" for m in found) + "?"
        return StepText(Step.AUTHORITIES)


def normalise(name: str) -> str:
    """A name as matched: case folded, "&" as "and", punctuation and hyphens as spaces."""
    text = name.casefold().replace("&", " and ").replace("’", "").replace("'", "")
    text = re.sub(r"[^\w\s]", " ", text.replace(".", ""))
    words = ["st" if w == "saint" else w for w in text.split()]
    return " ".join(words)


def strip_affixes(key: str) -> str:
    """A normalised name without "London Borough of", "City Council" and the like."""
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if key.startswith(prefix + " "):
                key, changed = key[len(prefix) + 1 :], True
        for suffix in _SUFFIXES:
            if key.endswith(" " + suffix):
                key, changed = key[: -len(suffix) - 1], True
    return key


def display_name(key: str) -> str:
    """The dataset's lower-case name as a proper noun: "stoke-on-trent" → "Stoke-on-Trent"."""
    text = key.replace("&", "and")

    def word(match: re.Match[str]) -> str:
        found = match.group()
        at_start = match.start() == 0
        return found if found in _SMALL_WORDS and not at_start else found.capitalize()

    return re.sub(r"[a-z]+", word, text)


def load_resolver(
    dataset_names: Iterable[str], aliases_file: Path | None = None
) -> AuthorityResolver:
    """The resolver for a dataset's authorities, with carecite's names and former authorities.

    Built once for the aliases file's bytes and the dataset's names, then kept in the user
    cache (``kept_value``): every draft needs it, and normalising some 160 authorities'
    names again cost every draft about 3 ms of CPU.

    Args:
        dataset_names: the dataset's own names ("tower hamlets"), as ``Inspections.authorities``.
        aliases_file: ``authorities.yaml``; the shipped one when ``None``.

    Raises:
        OSError: the aliases file cannot be read.
    """
    path = aliases_file or shipped_dir("inspections") / ALIASES_FILE
    names = tuple(dataset_names)
    inputs = hashlib.sha256(path.read_bytes()).digest() + repr(names).encode()
    return kept_value(
        "authorities", path, inputs, _RESOLVER_CODE, lambda: _build_resolver(names, path)
    )


def _build_resolver(dataset_names: tuple[str, ...], path: Path) -> AuthorityResolver:
    data = shipped_data(path) or {}
    table = data.get("authorities") or {}
    names = list(dict.fromkeys([*dataset_names, *table]))
    shown = {k: (table.get(k) or {}).get("name") or display_name(k) for k in names}
    former = [
        Authority(
            normalise(entry["name"]),
            entry["name"],
            tuple(entry.get("aliases") or ()),
            date.fromisoformat(str(entry["replaced"])),
            tuple(shown.get(s, display_name(s)) for s in entry["successors"]),
        )
        for entry in data.get("former") or ()
    ]
    current = [
        Authority(
            k,
            shown[k],
            tuple((table.get(k) or {}).get("aliases") or ()),
            predecessors=tuple(f.name for f in former if shown[k] in f.successors),
            council=(table.get(k) or {}).get("council"),
        )
        for k in names
    ]
    return AuthorityResolver.of((*current, *former))


def bank_resolver(dataset_names: Iterable[str], sources: Mapping[str, Source]) -> AuthorityResolver:
    """The resolver for a dataset's authorities, knowing also the bank's it does not list.

    Args:
        dataset_names: the dataset's own names (``carecite.history.names.authority_names``).
        sources: the bank's sources, whose ``authority`` names are known besides.
    """
    names = (s.authority for s in sources.values() if s.authority)
    return load_resolver(dataset_names).with_names(names)


def _names(authority: Authority) -> frozenset[str]:
    aliases = map(normalise, authority.aliases)
    return frozenset({authority.key, normalise(authority.key), normalise(authority.name), *aliases})


def _contains_words(name: str, words: str) -> bool:
    return bool(words) and f" {words} " in f" {name} "


def _and(names: tuple[str, ...]) -> str:
    # "and by" keeps names that hold "and" apart: "Cumberland and by Westmorland and Furness".
    return " and by ".join(names)
