"""The Ofsted vocabulary: judgement phrases, section names and the back page.

``carecite.reports.layout`` recovers paragraphs and headings from any report's layout;
this module holds what is particular to Ofsted's reports on local authority children's
services (SIF 2013–2018, ILACS 2018 on, and the framework in force from April 2026), so
that a new layout needs no change here and a new phrase needs no change there.
"""

from __future__ import annotations

import re

STATEMENT = re.compile(
    r"^the graded judge?ment (?:for|about) (?:the )?(.+?)(?:\s+is\b.*)?$", re.IGNORECASE
)
TRAILING_GRADE = re.compile(
    r"(?<!:)(?<!\bare)(?<!\bto be)\s+"
    r"(?:inadequate|good|outstanding|requires improvement(?: to be good)?)$",
    re.IGNORECASE,
)
# SIF sub-headings that name no place of their own: findings sit under the judgement heading.
# Sub-headings that only restate their section ("Inspection findings – the LSCB").
ABSORBED = ("inspection findings",)
ALWAYS_SUB = {"summary", "inspection findings"}
# Sub-headings of one part of a SIF report wherever they are printed in it: the area's
# information is a sub-heading of "The local authority" (2015-17), and its own sub-headings
# ("Children living in this area") then name the section under it; printed after another
# part (2014: after the summary for children or the inspection team), it is a part.
PART_OF = {"information about this local authority area": "the local authority"}
# The sub-heading over a SIF judgement's unnumbered summary: the numbered findings after
# it are the judgement's own, whether or not "Inspection findings" is printed above them.
SUMMARY_SUB = "summary"
# The header of the one-row table that names a SIF judgement and its grade (2014-15): the
# row below it is the judgement's heading, set in plain type in a table cell.
JUDGEMENT_TABLE = re.compile(r"^key judgement\s+judgement grade$", re.IGNORECASE)
# The ILACS heading that follows the report's opening summary.
TO_IMPROVE = "what needs to improve"
# Headings the LSCB part of a SIF report has inside it.
LSCB_PARTS = {"executive summary", "recommendations"}
# SIF headings that start a top-level section, unless inside the LSCB part of the report.
TOP_LEVEL = {
    "executive summary",
    "recommendations",
    "summary for children and young people",
    "the local authority",
    "information about this inspection",
}


def is_judgement_sentence(text: str) -> bool:
    """Whether a line is a graded judgement stated as a sentence of the report.

    "The Local Safeguarding Children Board is inadequate"; "The graded judgement for
    adoption performance is that it requires improvement".
    """
    subject = TRAILING_GRADE.sub("", text)
    return bool(STATEMENT.match(text)) or (
        subject != text and re.search(r"(?:^|\s)(?:is|are)$", subject) is not None
    )


def is_grade_beside(grade: str) -> bool:
    """Whether the grade that ends a heading is printed beside it, as a judgement's own
    heading has it ("… protection  Requires improvement"), or states it as a verb ("The
    LSCB requires improvement"): not the end of a heading that is a sentence ("The quality
    of social work practice is not consistently good")."""
    words = grade.strip()
    return words[:1].isupper() or words.casefold().startswith("requires")


#: A graded judgement's own heading (ILACS, and SIF's key judgements): a main section
#: however it is set (12 pt bold in some reports, below a 14 pt "What needs to improve"),
#: SIF 2014's leadership judgement too, stated with its grade ("Leadership, management
#: and governance are inadequate"), set as the looked-after judgement's sub-headings are.
JUDGEMENT_HEADING = re.compile(
    r"^the (?:experiences and progress of|impact of leaders on)\b"
    r"|^leadership, management and governance (?:are|is)\b",
    re.IGNORECASE,
)

#: The first words of Ofsted's back page (who Ofsted is, the licence, the address): not
#: part of the report's findings, and never part of its last paragraph.
BACK_PAGE = re.compile(
    r"^(?:The Office for Standards in Education, Children.s Services and Skills \(Ofsted\)"
    r"|Ofsted has a duty to|If you would like a copy of this document in a different format"
    # The complaints notice that opens the back page of SIF reports (2014-2018).
    r"|Any complaints about the inspection or the report should be made)",
)

#: The mark a SIF report (2015-2018) sets at the end of a finding that one of its
#: recommendations answers, "… further development (Recommendation)." or "… enough.
#: (Recommendation)", even "… secured. (Recommendation).": a cross-reference to the
#: recommendations, not the finding's words. Taken out, the sentence's own stop ends it.
RECOMMENDATION_MARK = re.compile(r"(?<=\.)\s*\(Recommendation\)\.?$|\s*\(Recommendation\)(?=\.?$)")


#: A section of recommendations: what the local authority (or the LSCB) must improve.
RECOMMENDATIONS = re.compile(
    r"recommendation|what needs to improve|need to improve|areas for improvement"
    r"|priority and immediate action",
    re.IGNORECASE,
)
#: A sub-heading of what the authority does well: "The LSCB's strengths", printed after
#: "What does the LSCB need to improve?" and read as its sub-heading.
STRENGTHS = re.compile(r"\bstrengths\b", re.IGNORECASE)
#: A part of a report that summarises its findings rather than states them.
SUMMARY = re.compile(r"\bsummary\b", re.IGNORECASE)
#: Ofsted's standard definitions of its grades, printed in every SIF report of 2014:
#: not the report's findings. Its parts are "The local authority" and "The LSCB".
DEFINITIONS = re.compile(r"^what the inspection judge?ments mean", re.IGNORECASE)
DEFINITION_PARTS = {"the local authority", "the lscb"}
#: The part of a report about the inspection itself (its team, its dates), not findings.
ABOUT_INSPECTION = re.compile(r"information about th(?:is|e) inspection|the inspection team", re.I)
#: A section of information about the authority rather than findings: the part so named,
#: or one of its sub-headings, which name the section where it is itself a sub-heading.
CONTEXT = re.compile(
    r"information about th(?:is|e) local authority area|\b(?:in|about) this area$"
    r"|(?:previous|other) ofsted inspections$|local leadership$",
    re.IGNORECASE,
)


def passage_role(
    number: int | None, section: str | None, text: str, *, numbered_report: bool = True
) -> str:
    """What a paragraph is in its report: a bank passage's ``role``.

    ``judgement`` for a graded-judgement statement, ``context`` for information about the
    authority, ``recommendation`` under a recommendations heading (not under a sub-heading
    of strengths printed after it), else ``finding`` for a numbered paragraph and
    ``summary`` for unnumbered text. In a report that numbers no paragraphs
    (``numbered_report`` false: the February 2014 pilots), unnumbered text outside its
    summaries and the inspection's own details is a finding.
    """
    where = section or ""
    if is_judgement_sentence(text):
        return "judgement"
    if CONTEXT.search(where):
        return "context"
    if RECOMMENDATIONS.search(where) and not STRENGTHS.search(where.split(" — ")[-1]):
        return "recommendation"
    if number is not None or not (
        numbered_report or SUMMARY.search(where) or ABOUT_INSPECTION.search(where)
    ):
        return "finding"
    return "summary"
