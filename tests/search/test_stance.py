"""A finding's stance (issue 16): a query that finds fault ranks the passages that find the
same fault above those that commend, and the converse, judged where the passage holds the
query's words."""

from __future__ import annotations

from carecite.search.query import search_passages
from tests.conftest import SHIPPED_BANK, BankMaker, report_saying


def _ids(query: str, **filters: str) -> list[str]:
    return [hit.passage.id for hit in search_passages(SHIPPED_BANK, query, **filters)]


def test_a_criticism_finds_the_passage_that_makes_it_before_one_that_praises() -> None:
    """ "Caseloads remain variable ... the highest caseloads" answers a lawyer challenging the
    council; "Social workers benefit from having manageable workloads" says the opposite."""
    ids = _ids("social workers have too many cases")
    assert ids[0] == "th17-p90-workforce-instability"
    assert ids.index("th25-p61-workloads-retention") > 0


def test_praise_finds_the_passage_that_gives_it_before_one_that_criticises() -> None:
    """A lawyer for the council asking what is strong is not first shown "The leadership,
    management and governance of children's services in Tower Hamlets are inadequate"."""
    ids = _ids("leadership and governance strong")
    assert "th17-lmg-summary-inadequate" not in ids[:3]
    assert ids[0] == "nf15-lmg-significant-progress-interim-leaders"


def test_a_passage_saying_both_is_not_lowered_for_its_other_clause() -> None:
    """ "Caseloads are balanced and reasonable for most workers ... However, caseloads are
    much higher for workers in the FAST teams" holds caseloads where it finds fault too: it
    keeps its place, while "caseloads that enable them to build enduring and effective
    relationships", which only commends, goes below it."""
    ids = _ids("social worker caseloads too high", authority="Norfolk")
    assert ids.index("nf23-lead-caseloads-fast") < ids.index("nf23-cl-pa-caseloads-relationships")


def test_not_yet_good_finds_fault(make_bank: BankMaker) -> None:
    """ "Staff do not yet receive consistently good supervision" says supervision is poor: a
    "yet" after a negator does not open a clause of praise. It comes before a passage that
    praises supervision three times over."""
    report = report_saying(
        "Supervision is regular, supervision is frequent and supervision is reflective.",
        "Staff do not yet receive consistently good supervision.",
    )
    bank = make_bank({"report-2017.yaml": report})
    assert search_passages(bank, "poor supervision")[0].passage.id == "ex-oversight-2"


def test_the_reports_words_of_approval_are_praise() -> None:
    """ "Children and families benefit from support ..." commends early help: a lawyer
    typing "early help is weak" is shown the criticisms first."""
    assert "nf23-hp-early-help-family-support" not in _ids("early help is weak")[:3]


def test_well_being_is_no_praise(make_bank: BankMaker) -> None:
    """ "well-being" is not "well": "poor support for emotional well-being" finds fault, and
    the passage finding support patchy comes before the one finding it strong."""
    report = report_saying(
        "Support for the emotional well-being of children in care is strong.",
        "Support for the emotional well-being of children in care is patchy.",
    )
    bank = make_bank({"report-2017.yaml": report})
    hits = search_passages(bank, "poor support for emotional well-being")
    assert [h.passage.id for h in hits[:2]] == ["ex-oversight-2", "ex-oversight"]


def test_a_fault_prevented_is_no_finding_of_it(make_bank: BankMaker) -> None:
    """ "Oversight prevents drift" commends: a lawyer typing only "drift" (or "delay") is
    shown the passages that find it first, not one that says it is kept from happening."""
    report = report_saying(
        "Oversight prevents drift.",
        "Children's plans drift.",
    )
    bank = make_bank({"report-2017.yaml": report})
    assert search_passages(bank, "drift")[0].passage.id == "ex-oversight-2"
    assert "th19-p12-plo-drift" not in _ids("drift")[:3]  # "prevents risks of drift"
    assert "th17-p37-care-proceedings-effective" not in _ids("delay")[:3]  # "avoids ... delay"


def test_a_query_to_prevent_a_fault_commends() -> None:
    """ "prevent drift" asks for what keeps drift from happening: "prevents risks of drift"
    answers it."""
    assert "th19-p12-plo-drift" in _ids("prevent drift")[:3]


def test_bed_and_breakfast_finds_fault() -> None:
    """Ofsted writes of bed and breakfast only as unsuitable for a young person: "care
    leavers in bed and breakfast" is answered by "59 care leavers ... in unsuitable
    accommodation" before "Most care leavers live in suitable accommodation", which had
    ranked first."""
    ids = _ids("care leavers in bed and breakfast")
    assert ids.index("nf15-cl-unsuitable-accommodation") < ids.index("th17-p75-accommodation")


def test_a_fault_denied_commends(make_bank: BankMaker) -> None:
    """ "supervision is not poor" asks for supervision found good: the passage finding it
    poor is not the answer, and the word "poor" in it is no denial of itself."""
    report = report_saying(
        "Supervision of social workers is poor.",
        "Supervision of social workers is regular and reflective.",
    )
    bank = make_bank({"report-2017.yaml": report})
    hits = search_passages(bank, "supervision is not poor")
    assert [h.passage.id for h in hits[:2]] == ["ex-oversight-2", "ex-oversight"]


def test_a_fault_denied_in_the_report_commends(make_bank: BankMaker) -> None:
    """A report's "There is no delay in court" commends; a lawyer typing "delay in court"
    is shown the passage finding delay first."""
    report = report_saying(
        "There is no delay in court for children.",
        "Children experience delay in court.",
    )
    bank = make_bank({"report-2017.yaml": report})
    assert search_passages(bank, "delay in court")[0].passage.id == "ex-oversight-2"


def test_a_negator_denies_only_the_fault_beside_it(make_bank: BankMaker) -> None:
    """ "Where it is not used, assessments lack analysis" finds fault: its "not" is of
    another clause part, not a denial of "lack"."""
    report = report_saying(
        "Assessments are thorough and analytical.",
        "Where the model is not used, assessments lack analysis.",
    )
    bank = make_bank({"report-2017.yaml": report})
    assert search_passages(bank, "assessments lack analysis")[0].passage.id == "ex-oversight-2"
