"""What a case file's order sought is written as, and the words that introduce it.

The one rule for an issue's ``sought`` and the case's ``orders_sought``: a lawyer writes an
order as what the court is to do (a verb phrase, "refuse the application …"), as a
that-clause ("that the local authority file …"), or as the order itself, a noun phrase,
either one naming an order ("a direction that …", "no order as to costs") or another
("permission to instruct …", "an adjournment"). Each form is introduced by words it fits,
so the lawyer's own words are printed as written where they can be.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum


class OrderForm(Enum):
    VERB = "verb"  # "refuse the application …"
    CLAUSE = "clause"  # "that the local authority file …"
    NAMED = "named"  # "a direction that …", "no order as to costs": made by the court
    NOUN = "noun"  # "permission to instruct …", "an adjournment": granted, so sought


# The verbs an order opens with (what the court does); a closed list, so a noun phrase
# is never taken for one.
ORDER_VERBS = frozenset(
    {
        *("refuse", "direct", "order", "make", "grant", "list", "adjourn", "dismiss"),
        *("approve", "give", "permit", "extend", "discharge", "vary", "transfer", "appoint"),
        *("join", "allow", "require", "declare", "determine", "set", "fix", "endorse"),
        *("record", "note", "stay", "revoke", "find", "decline", "reject", "authorise"),
        *("dispense", "release", "restore", "return", "place", "continue", "renew", "accept"),
        *("admit", "exclude", "hear", "consider", "confirm", "sanction", "prohibit"),
        *("restrict", "remove", "replace", "substitute", "amend", "invite", "request"),
        *("consolidate", "rescind", "recite", "treat", "lift", "abridge", "waive"),
    }
)
# A verb of the list that is the noun of its phrase: "transfer of the case", "stay of
# proceedings", "order for disclosure", "request for …".
_NOUN_AFTER = frozenset({"of", "for"})
# An order named: its head noun before any word that starts what follows it ("a supervision
# order for 12 months", "a direction that …", "further directions", "no order as to costs").
_ORDER_NAMED = re.compile(
    r"(?:(?!(?:of|for|to|as|that|under|with|in|on|by|within|from|until|and|or|pending)\b)"
    r"[^\s,;:]+ ){0,5}?(?:orders?|directions?|declarations?|findings?)\b",
    re.I,
)


def order_form(text: str) -> OrderForm:
    """The form an order sought is written in (see the module's note)."""
    words = text.split(maxsplit=2)
    first = words[0].lower() if words else ""
    after = words[1].lower() if len(words) > 1 else ""
    if first == "that":
        return OrderForm.CLAUSE
    if first in ORDER_VERBS and after not in _NOUN_AFTER:
        return OrderForm.VERB
    return OrderForm.NAMED if _ORDER_NAMED.match(text) else OrderForm.NOUN


def court_action(order: str) -> str:
    """An order sought as the verb phrase after "invites the court to": a verb phrase as
    written ("list the case for …"), a named order made ("make a direction that …", "make
    no order as to costs"), a that-clause ordered ("order that …"); another noun phrase is
    not a thing the court does, and stays as written (``seeks_orders``)."""
    form = order_form(order)
    if form is OrderForm.NAMED:
        return f"make {order}"
    if form is OrderForm.CLAUSE:
        return f"order {order}"
    return order


def asking(sought: str) -> str:
    """The words before what an issue seeks: "invites the court to" a verb phrase, "asks"
    a that-clause, "seeks" an order named."""
    form = order_form(sought)
    if form is OrderForm.VERB:
        return "invites the court to"
    return "asks" if form is OrderForm.CLAUSE else "seeks"


def seeks_orders(orders: Sequence[str]) -> bool:
    """Whether the case's orders sought are introduced by "seeks", each as written: a list
    holding a noun phrase the court cannot be invited to do and no verb phrase. Any other
    list follows "invites the court to", each order as ``court_action`` puts it."""
    forms = {order_form(o) for o in orders}
    return OrderForm.NOUN in forms and OrderForm.VERB not in forms


def unfit_in_list(orders: Sequence[str]) -> list[int]:
    """The indexes of the noun phrases in a list that also holds verb phrases: introduced
    by "invites the court to", they read wrongly ("to: permission to instruct …")."""
    forms = [order_form(o) for o in orders]
    if OrderForm.VERB not in forms:
        return []
    return [i for i, form in enumerate(forms) if form is OrderForm.NOUN]
