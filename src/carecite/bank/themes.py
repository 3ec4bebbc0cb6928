"""Which theme a user names: the one rule for ``--theme`` (search, list, the search page)
and a template's ``passages(theme=)``.

A module of its own, importing nothing of the bank's loading: a warm search resolves
``--theme`` without importing it.
"""

from __future__ import annotations

from collections.abc import Mapping

from carecite.errors import LookupFailed, Step, StepText
from carecite.model import Theme
from carecite.suggest import close_matches


def theme_named(wanted: str, themes: Mapping[str, Theme]) -> str:
    """The id of the theme a user names: by its id, its title or one of the words
    ``carecite themes`` lists beside it ("PLO"); a word listed for several themes names none.

    Raises:
        LookupFailed: no theme, or several, go by that name; the hint suggests close names.
    """
    key = " ".join(wanted.casefold().split())
    for theme in themes.values():
        if key in (theme.id, theme.id.replace("-", " "), theme.label.casefold()):
            return theme.id
    listed = [t.id for t in themes.values() if key in (s.casefold() for s in t.synonyms)]
    if len(listed) == 1:
        return listed[0]
    if listed:
        hint = "choose one: " + ", ".join(f"'{t}'" for t in listed)
        raise LookupFailed(f"'{wanted}' is listed for {len(listed)} themes", hint=hint)
    by_name = {name: t.id for t in themes.values() for name in (t.id, t.label, *t.synonyms)}
    close = dict.fromkeys(by_name[name] for name in close_matches(wanted, by_name))
    hint = (
        "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
        if close
        else StepText(Step.SEE_THEMES)
    )
    raise LookupFailed(f"no theme '{wanted}'", hint=hint)
