"""The one authority resolver: what lawyers type → the authority, the same for every command."""

from __future__ import annotations

import pytest

from carecite.errors import LookupFailed
from carecite.history.authorities import AuthorityResolver, display_name, load_resolver
from carecite.history.dataset import load_inspections


@pytest.fixture(scope="module")
def resolver() -> AuthorityResolver:
    return load_resolver(load_inspections().authorities())


@pytest.mark.parametrize(
    ("typed", "authority"),
    [
        ("Tower Hamlets", "Tower Hamlets"),
        ("LB Tower Hamlets", "Tower Hamlets"),
        ("London Borough of Tower Hamlets", "Tower Hamlets"),
        ("tower hamlets council", "Tower Hamlets"),
        ("LBTH", "Tower Hamlets"),
        ("Norfolk County Council", "Norfolk"),
        ("NORFOLK", "Norfolk"),
        ("Hull", "Kingston upon Hull"),
        ("Hull City Council", "Kingston upon Hull"),
        ("Kingston upon Hull City Council", "Kingston upon Hull"),
        ("BCP", "Bournemouth, Christchurch and Poole"),
        ("Bournemouth, Christchurch & Poole Council", "Bournemouth, Christchurch and Poole"),
        ("Telford", "Telford and Wrekin"),
        ("Telford & Wrekin Council", "Telford and Wrekin"),
        ("Windsor and Maidenhead", "Windsor and Maidenhead"),
        ("Royal Borough of Windsor & Maidenhead", "Windsor and Maidenhead"),
        ("RBWM", "Windsor and Maidenhead"),
        ("Royal Borough of Kensington and Chelsea", "Kensington and Chelsea"),
        ("RBKC", "Kensington and Chelsea"),
        ("Bristol City Council", "Bristol"),
        ("City of York Council", "York"),
        ("Durham County Council", "Durham"),
        ("County Durham", "Durham"),
        ("St. Helens", "St Helens"),
        ("Saint Helens Council", "St Helens"),
        ("Stoke on Trent", "Stoke-on-Trent"),
        ("Southend", "Southend-on-Sea"),
        ("B&NES", "Bath and North East Somerset"),
        ("Bath & North East Somerset", "Bath and North East Somerset"),
        ("City of London", "City of London"),
        ("Corporation of London", "City of London"),
        ("Maidenhead", "Windsor and Maidenhead"),
        ("Leeds City Council", "Leeds"),
        ("Westmorland & Furness", "Westmorland and Furness"),
        ("Dorset Council", "Dorset"),
        ("Dorset", "Dorset"),
        ("Northamptonshire", "Northamptonshire County Council"),
        ("Northamptonshire County Council", "Northamptonshire County Council"),
        ("Cumbria", "Cumbria County Council"),
        ("Bournemouth", "Bournemouth Borough Council"),
        ("Poole", "Borough of Poole"),
        ("Dorset County Council", "Dorset County Council"),
        ("North Northamptonshire Council", "North Northamptonshire"),
    ],
)
def test_spelling_resolves_to_authority(
    resolver: AuthorityResolver, typed: str, authority: str
) -> None:
    assert resolver.resolve(typed).name == authority


@pytest.mark.parametrize(
    ("former", "successors", "replaced"),
    [
        ("Northamptonshire", ("North Northamptonshire", "West Northamptonshire"), "1 April 2021"),
        ("Cumbria", ("Cumberland", "Westmorland and Furness"), "1 April 2023"),
        ("Bournemouth", ("Bournemouth, Christchurch and Poole",), "1 April 2019"),
        ("Poole", ("Bournemouth, Christchurch and Poole",), "1 April 2019"),
        ("Dorset County Council", ("Dorset",), "1 April 2019"),
    ],
)
def test_former_authorities_name_their_successors(
    resolver: AuthorityResolver, former: str, successors: tuple[str, ...], replaced: str
) -> None:
    authority = resolver.resolve(former)
    assert authority.is_former
    assert authority.successors == successors
    assert f"replaced on {replaced} by {' and by '.join(successors)}" in (authority.lineage() or "")
    for successor in successors:
        assert authority.name in resolver.resolve(successor).predecessors


def test_every_successor_is_an_authority_of_the_dataset(resolver: AuthorityResolver) -> None:
    current = {a.name for a in resolver.authorities if not a.is_former}
    successors = {s for a in resolver.authorities for s in a.successors}
    assert successors <= current


def test_a_miss_suggests_the_close_name(resolver: AuthorityResolver) -> None:
    with pytest.raises(LookupFailed) as caught:
        resolver.resolve("norfok")
    assert str(caught.value) == "no authority called 'norfok' — did you mean 'Norfolk'?"


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("Kingston", ["Kingston upon Hull", "Kingston upon Thames"]),
        ("Cheshire", ["Cheshire East", "Cheshire West and Chester"]),
    ],
)
def test_an_ambiguous_name_lists_the_authorities(
    resolver: AuthorityResolver, typed: str, named: list[str]
) -> None:
    with pytest.raises(LookupFailed) as caught:
        resolver.resolve(typed)
    assert f"'{typed}' matches {len(named)} authorities: {', '.join(named)}" in str(caught.value)
    assert caught.value.hint == "give more of the name"


def test_every_dataset_authority_resolves_by_its_own_shown_name(
    resolver: AuthorityResolver,
) -> None:
    for authority in resolver.authorities:
        assert resolver.resolve(authority.name) == authority


def test_a_bank_name_the_dataset_lacks_becomes_its_own_authority(
    resolver: AuthorityResolver,
) -> None:
    extended = resolver.with_names(["London Borough of Example", "Norfolk County Council"])
    assert extended.resolve("Example").name == "London Borough of Example"
    assert len(extended.authorities) == len(resolver.authorities) + 1


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("stoke-on-trent", "Stoke-on-Trent"),
        ("kingston upon hull", "Kingston upon Hull"),
        ("telford & wrekin", "Telford and Wrekin"),
        ("east riding of yorkshire", "East Riding of Yorkshire"),
        ("blackburn with darwen", "Blackburn with Darwen"),
    ],
)
def test_display_names(key: str, shown: str) -> None:
    assert display_name(key) == shown


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("BLACKPOOL", "Blackpool Borough Council"),
        ("Tower Hamlets", "London Borough of Tower Hamlets"),
        ("LBTH", "London Borough of Tower Hamlets"),
        ("norfolk", "Norfolk County Council"),
        ("Windsor and Maidenhead", "Royal Borough of Windsor and Maidenhead"),
        ("Norfolk County Council", "Norfolk County Council"),
        ("LB Tower Hamlets", "LB Tower Hamlets"),
        ("Brent", "Brent"),
        ("Somerset", "Somerset"),
        ("Knowsley", "Knowsley Metropolitan Borough Council"),
    ],
    ids=[
        "authority-only",
        "london-borough",
        "alias",
        "lower-case",
        "royal-borough",
        "council-given",
        "abbreviated-council-given",
        "no-council-recorded",
        "reorganised-since",
        "corporate-name-not-the-covers-trading-name",
    ],
)
def test_a_name_given_as_the_authority_alone_becomes_the_councils(
    resolver: AuthorityResolver, typed: str, named: str
) -> None:
    assert resolver.resolve(typed).formal_name(typed) == named
