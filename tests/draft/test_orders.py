"""The one rule for what an order sought is written as, and the words introducing it."""

from __future__ import annotations

import pytest

from carecite.draft.orders import (
    OrderForm,
    asking,
    court_action,
    order_form,
    seeks_orders,
    unfit_in_list,
)


@pytest.mark.parametrize(
    ("order", "form"),
    [
        ("refuse the local authority's application", OrderForm.VERB),
        ("direct the local authority to file a chronology", OrderForm.VERB),
        ("order the local authority to pay", OrderForm.VERB),
        ("that the court give no weight to it", OrderForm.CLAUSE),
        ("a direction that the local authority file", OrderForm.NAMED),
        ("a supervision order for 12 months", OrderForm.NAMED),
        ("no order as to costs", OrderForm.NAMED),
        ("findings confined to those the evidence proves", OrderForm.NAMED),
        ("permission to instruct an independent social worker", OrderForm.NOUN),
        ("specific disclosure of the supervision records", OrderForm.NOUN),
        ("an adjournment", OrderForm.NOUN),
        ("a further hearing", OrderForm.NOUN),
        ("an injunction", OrderForm.NOUN),
        ("a s 38(6) assessment", OrderForm.NOUN),
        # A verb of the list that is the head of a noun phrase.
        ("transfer of the case to the High Court", OrderForm.NOUN),
        ("stay of the proceedings", OrderForm.NOUN),
    ],
)
def test_an_order_is_read_as_a_verb_phrase_a_clause_or_a_noun_phrase(order, form):
    assert order_form(order) is form


@pytest.mark.parametrize(
    ("sought", "reads"),
    [
        ("refuse the application", "invites the court to refuse the application"),
        ("that the court give no weight", "asks that the court give no weight"),
        ("specific disclosure of records", "seeks specific disclosure of records"),
        ("a direction that the local authority file", "seeks a direction that the local"),
    ],
)
def test_what_an_issue_seeks_is_introduced_by_words_its_form_fits(sought, reads):
    assert f"{asking(sought)} {sought}".startswith(reads)


def test_what_the_court_is_invited_to_do_keeps_the_lawyers_words():
    assert court_action("list the case for a final hearing") == "list the case for a final hearing"
    assert court_action("a direction that X") == "make a direction that X"
    assert court_action("no order as to costs") == "make no order as to costs"
    assert court_action("that X file") == "order that X file"


def test_a_list_is_sought_only_where_it_holds_an_order_the_court_cannot_be_invited_to_do():
    assert seeks_orders(["permission to instruct an expert", "a direction that X"])
    assert not seeks_orders(["a direction that X", "that Y file"])
    assert not seeks_orders(["refuse the application", "permission to instruct an expert"])
    assert unfit_in_list(["refuse the application", "an adjournment", "a direction"]) == [1]
    assert unfit_in_list(["an adjournment", "a direction"]) == []
