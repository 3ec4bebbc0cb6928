"""Ingest on the corpus of real reports: paragraph counts and start pages read from each
report by hand (``corpus_truth.csv``), the self-check's warnings, and the held-out split.

``corpus_truth.csv`` was made by reading each report's ``pdftotext -layout`` text page by
page, never from the ingester's output: ``paragraphs`` is how many numbered paragraphs the
report prints, ``gaps`` the numbers it skips, ``pages`` each run of paragraphs and the
printed page it starts on ("1-7:3" — paragraphs 1 to 7 start on page 3). ``split`` marks
every fourth report in MANIFEST order ``held-out``: kept out of tuning, measured only.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from carecite.reports import ofsted
from carecite.reports.ingest import read_report

SHARED = Path(__file__).resolve().parents[3] / "shared" / "reference"
TRUTH = Path(__file__).with_name("corpus_truth.csv")
ROWS = list(csv.DictReader(TRUTH.read_text(encoding="utf-8").splitlines()))
needs_corpus = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(), reason=f"the report corpus is not at {SHARED / 'corpus'}"
)


def report_path(row: dict[str, str]) -> Path:
    folder = "reports" if row["split"] == "reference" else "corpus"
    return SHARED / folder / row["file"]


def start_pages(row: dict[str, str]) -> dict[int, int]:
    gaps = {int(n) for n in row["gaps"].split()}
    pages: dict[int, int] = {}
    for run in row["pages"].split():
        numbers, page = run.split(":")
        first, last = map(int, numbers.split("-"))
        pages.update({n: int(page) for n in range(first, last + 1) if n not in gaps})
    return pages


@pytest.fixture(scope="module")
def read():
    cache: dict[str, object] = {}

    def reader(row: dict[str, str]):
        if row["file"] not in cache:
            cache[row["file"]] = read_report(report_path(row), use_cache=False)
        return cache[row["file"]]

    return reader


def test_the_held_out_split_is_every_fourth_report_in_manifest_order():
    corpus = [row for row in ROWS if row["split"] != "reference"]
    held = [i for i, row in enumerate(corpus) if row["split"] == "held-out"]
    assert held == list(range(3, len(corpus), 4))


@needs_corpus
@pytest.mark.parametrize("row", ROWS, ids=[row["file"][7:-4] for row in ROWS])
def test_every_numbered_paragraph_starts_on_its_printed_page(row, read):
    source = read(row)
    found = {block.number: block.page for block in source.paragraphs}
    assert found == start_pages(row)
    assert len(source.paragraphs) == int(row["paragraphs"])


@needs_corpus
@pytest.mark.parametrize("row", ROWS, ids=[row["file"][7:-4] for row in ROWS])
def test_the_self_check_warns_only_of_what_is_in_the_report(row, read):
    codes = [(w.code, w.paragraph) for w in read(row).warnings]
    assert codes == [("numbering-gap", int(n)) for n in row["gaps"].split()]


@needs_corpus
def test_the_back_page_is_not_part_of_the_last_paragraph(read):
    row = next(r for r in ROWS if r["file"].startswith("ofsted-hampshire-2019"))
    last = read(row).paragraphs[-1]
    assert last.text.endswith("become more experienced.")
    assert "an in-house social work agency" in last.text  # a hyphen PDFium joins the lines at


@needs_corpus
@pytest.mark.parametrize(
    ("stem", "number", "section"),
    [
        # A sub-heading in plain type between numbered recommendations.
        (
            "ofsted-rochdale-2014-12-05",
            7,
            "What does the local authority need to improve? — Missing children",
        ),
        # An ILACS judgement heading whose grade sits on a line of its own.
        (
            "ofsted-sefton-2022-05-09",
            1,
            "The experiences and progress of children who need help and protection: inadequate",
        ),
        # "requires improvement to be good" whole, on the second line of a wrapped heading.
        (
            "ofsted-wigan-2025-11-26",
            1,
            "The experiences and progress of children who need help and protection: requires improvement to be good",
        ),
        # A judgement heading wrapped over two lines, the grade at the end of the second.
        (
            "ofsted-liverpool-2026-07-07",
            76,
            "The impact of leaders on social work practice with children and families: good",
        ),
    ],
)
def test_sections_named_as_printed(stem, number, section, read):
    row = next(r for r in ROWS if r["file"].startswith(stem))
    assert read(row).paragraph(number).section == section


@needs_corpus
@pytest.mark.parametrize("row", ROWS, ids=[row["file"][7:-4] for row in ROWS])
def test_sections_are_headings_not_contents_entries_or_the_title_page(row, read):
    source = read(row)
    title_page = source.pages[0].number
    assert not [s for s in source.sections if re.search(r"\s\d+$", s)]
    assert not [h for h in source.headings if h.page == title_page]


@needs_corpus
def test_a_pilot_report_that_numbers_no_paragraphs_says_so_in_a_note(read):
    row = next(r for r in ROWS if r["file"].startswith("ofsted-derbyshire-2014"))
    source = read(row)
    assert source.paragraphs == () and source.warnings == ()
    assert any("numbers no paragraphs" in note for note in source.notes)


def block_starting(source, words: str):
    return next((b for b in source.blocks if b.text.startswith(words)), None)


@needs_corpus
def test_what_a_user_review_found_lost_or_misplaced_is_read_whole(read):
    """Found by importing the corpus: a first list item's first line lost (Sefton 2022 p 2),
    a sentence's first line at a page's foot read as a heading (Wirral 2016 pp 2-3),
    one-line list items dropped and a footnote read as text (Bristol 2014 p 10)."""
    sefton = read(next(r for r in ROWS if r["file"].startswith("ofsted-sefton-2022")))
    item = block_starting(sefton, "Systems and resources to provide a safe, coherent")
    assert item is not None and item.listed and item.page == 2
    assert item.text.endswith("which makes children safer and improves children’s outcomes.")

    wirral = read(next(r for r in ROWS if r["file"].startswith("ofsted-wirral-2016")))
    carried = block_starting(wirral, "Performance management data is widely scrutinised")
    assert carried is not None and carried.pages == (2, 3)
    assert "managers and elected members, but is not yet leading" in carried.text
    assert not [s for s in wirral.sections if "elected" in s]

    # A mark that opens PDFium's piece of a line ("schools,³ all of whom") is dropped in
    # place, not read as a line above it and joined to page 6's last item.
    on_7 = [b.text for b in wirral.blocks if b.page == 7]
    assert (
        "18 live in residential special schools, all of whom live outside the authority area"
        in on_7
    )
    assert not [
        b for b in wirral.blocks if "all of whom live outside the" in b.text and b.page == 6
    ]

    bristol = read(next(r for r in ROWS if r["file"].startswith("ofsted-bristol-2014")))
    on_10 = [b.text for b in bristol.blocks if b.page == 10]
    assert "251 (or 36%) live outside the local authority area" in on_10
    assert "there have been 46 adoptions" in on_10
    assert (
        "11 live in residential special schools, of whom five live out of the authority area"
        in on_10
    )
    assert not [t for t in on_10 if t.startswith("These are residential special schools")]
    assert bristol.pages[9].footnotes[0].startswith("3 These are residential special schools")


@needs_corpus
@pytest.mark.parametrize(
    ("prefix", "ends", "starts", "page"),
    [
        # A list's items, their dashes drawn, not in the text.
        (
            "ofsted-derbyshire-2014",
            "28 lived in residential children’s homes, of whom 35.7% lived out of the authority;",
            "6 lived in residential special schools (all 3rd sector)",
            8,
        ),
        # An ILACS report's unnumbered summary.
        (
            "ofsted-east-sussex-2018",
            "an important instrument in monitoring and continually improving social work practice.",
            "Since the last inspection in 2014, when the overall effectiveness",
            2,
        ),
        # A SIF report's unnumbered executive summary.
        (
            "ofsted-kensington-and-chelsea-2016",
            "capturing the intelligence from return home interviews for children who go missing.",
            "A very high standard of care is offered to children looked after by RBKC",
            3,
        ),
    ],
    ids=["derbyshire-2014-pp7-8", "east-sussex-2018-pp1-2", "kensington-and-chelsea-2016-pp2-3"],
)
def test_a_paragraph_ended_at_a_pages_foot_is_not_joined_to_the_next_pages(
    prefix, ends, starts, page, read
):
    """The last line of the page before ends short of the margin: the paragraph, or the
    list's item, ended there. Read as one, a quotation from it ran two findings together
    and was pinned to the page before."""
    source = read(next(r for r in ROWS if r["file"].startswith(prefix)))
    ended = next(b for b in source.blocks if ends in b.text)
    assert ended.text.endswith(ends) and ended.pages == (page - 1,)
    opened = block_starting(source, starts)
    assert opened is not None and opened.page == page


@needs_corpus
@pytest.mark.parametrize("row", ROWS, ids=[row["file"][7:-4] for row in ROWS])
def test_no_text_keeps_a_bullet_and_no_section_a_footnote_mark(row, read):
    source = read(row)
    assert [b.text for b in source.blocks if b.text.startswith("•")] == []
    assert [s for s in source.sections if re.search(r"[a-z?]\d$", s)] == []


@needs_corpus
@pytest.mark.parametrize(
    ("prefix", "part"),
    [
        ("ofsted-brent-2015", "The local authority"),
        ("ofsted-york-2017", "The local authority"),
        ("ofsted-bristol-2014", "Information about this local authority area"),
        ("ofsted-staffordshire", "Information about this local authority area"),
        ("ofsted-darlington-2018", "Annex A: Information about the local authority area"),
    ],
)
def test_the_areas_information_is_read_as_context_wherever_printed(prefix, part, read):
    """The area's information ("Children living in this area") is printed under "The
    local authority" (2015-17), after the inspection team (2014) or in an annex (2018).
    Its passages were imported as summary, not context, in Staffordshire, York, Darlington
    and four more (their section named no 'Information about this local authority area'),
    and in Staffordshire placed under "Information about this inspection"."""
    source = read(next(r for r in ROWS if r["file"].startswith(prefix)))
    living = [
        b for b in source.blocks if (b.section or "").endswith("Children living in this area")
    ]
    assert living and {b.section for b in living} == {f"{part} — Children living in this area"}
    assert {ofsted.passage_role(b.number, b.section, b.text) for b in living} == {"context"}


@needs_corpus
def test_the_complaints_notice_opens_the_back_page_and_joins_no_paragraph(read):
    """Kensington and Chelsea 2016 p 51: the notice of how to complain about the inspection
    is Ofsted's back page, not the inspection team's last line on p 50."""
    source = read(
        next(r for r in ROWS if r["file"].startswith("ofsted-kensington-and-chelsea-2016"))
    )
    assert not [b for b in source.blocks if "Any complaints about the inspection" in b.text]
    assert block_starting(source, "Quality assurance manager: Paul Armitage").text.endswith(
        "Deputy Director Social Care Inspection"
    )


@needs_corpus
@pytest.mark.parametrize(
    ("prefix", "number", "ends"),
    [
        # "… further development (Recommendation)."
        ("ofsted-kensington-and-chelsea-2016", 15, "as an area for further development."),
        # "… engage in this work. (Recommendation)"
        ("ofsted-darlington-2018", 15, "Partner agencies need to further engage in this work."),
        # "… if change is not secured. (Recommendation)."
        ("ofsted-darlington-2018", 22, "what will happen if change is not secured."),
    ],
)
def test_a_findings_recommendation_mark_is_not_its_text(prefix, number, ends, read):
    paragraph = read(next(r for r in ROWS if r["file"].startswith(prefix))).paragraph(number)
    assert paragraph.text.endswith(ends)
    assert paragraph.parts[-1][1].endswith(ends)


@needs_corpus
def test_a_graded_judgement_in_bold_heads_its_part_and_joins_no_paragraph(read):
    """Kensington and Chelsea 2016 p 28 opens with "The graded judgement for adoption
    performance is that it is outstanding" in bold: read as a sentence, it ended paragraph
    76 on p 27 (role judgement); it heads the adoption findings, as printed."""
    source = read(
        next(r for r in ROWS if r["file"].startswith("ofsted-kensington-and-chelsea-2016"))
    )
    assert source.paragraph(76).text.endswith("in their home environment.")
    looked_after = "The experiences and progress of children looked after and achieving permanence"
    assert source.paragraph(77).section == f"{looked_after} — Adoption performance"


@needs_corpus
def test_a_judgement_heading_keeps_the_grade_on_its_second_line(read):
    """Staffordshire 2014 p 10: "… who need help and protection" / "are good"; the second
    line was read as a heading "are" with its grade beside it, and the grade was lost.
    P 16: "The graded judgment for adoption performance good" names "Adoption performance"."""
    source = read(next(r for r in ROWS if r["file"].startswith("ofsted-staffordshire-2014")))
    assert source.paragraph(26).section == (
        "The experiences and progress of children who need help and protection are good"
    )
    assert source.paragraph(62).section.endswith(" — Adoption performance")


HELP_AND_PROTECTION = "The experiences and progress of children who need help and protection"
LOOKED_AFTER = "The experiences and progress of children looked after and achieving permanence"


@needs_corpus
@pytest.mark.parametrize(
    ("prefix", "number", "section"),
    [
        # The judgement named in a table's row under "Key judgement  Judgement grade" (p 12).
        ("ofsted-rochdale-2014", 44, HELP_AND_PROTECTION),
        # The row repeats the heading printed above the table (pp 9, 16).
        ("ofsted-cambridgeshire-2014", 22, HELP_AND_PROTECTION),
        ("ofsted-cambridgeshire-2014", 60, LOOKED_AFTER),
        # The numbered findings after a judgement's "Summary" are the judgement's (p 11).
        ("ofsted-westminster-2016", 13, HELP_AND_PROTECTION),
        # "Section 2: The effectiveness of the Local Safeguarding" / "Children Board" (p 31).
        (
            "ofsted-knowsley-2014",
            145,
            "Section 2: The effectiveness of the Local Safeguarding Children Board"
            " — Priority and immediate action",
        ),
    ],
)
def test_findings_sit_under_their_judgement_as_printed(prefix, number, section, read):
    assert read(next(r for r in ROWS if r["file"].startswith(prefix))).paragraph(
        number
    ).section == (section)


@needs_corpus
def test_a_heading_that_is_a_sentence_keeps_its_last_word(read):
    """Bristol 2014 p 3: "The quality of social work practice is not consistently good" is
    a sub-heading of the summary; read as a heading with its grade beside it, it lost
    "good" and became a part of its own, with the leadership bullets under it."""
    source = read(next(r for r in ROWS if r["file"].startswith("ofsted-bristol-2014")))
    summary = "Children’s services in Bristol require improvement because:"
    assert block_starting(source, "Insufficient priority is given").section == (
        f"{summary} — The quality of social work practice is not consistently good"
    )
    assert block_starting(source, "The corporate parenting plan is not up to date").section == (
        f"{summary} — Leadership, management and governance require improvement"
    )


@needs_corpus
def test_the_leadership_judgement_is_a_part_of_its_own(read):
    """Knowsley 2014 p 27: "Leadership, management and governance are inadequate" is a key
    judgement, set as the looked-after judgement's sub-headings are; its findings were
    read as part of the children looked after."""
    source = read(next(r for r in ROWS if r["file"].startswith("ofsted-knowsley-2014")))
    assert source.paragraph(127).section == "Leadership, management and governance are inadequate"
