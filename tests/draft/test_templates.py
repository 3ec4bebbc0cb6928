"""The shipped templates render every example: Markdown, Word (two readers) and PDF.

Each example is a document a family practitioner would file: the guardian's issue-led
position statement for an IRH (within 3 pages), the mother's skeleton argument for a final
hearing (within 20), and a witness statement that is evidence (exhibit references, no
footnotes, the statement of truth on one page with the last paragraph, an exhibit sheet).
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx2python import docx2python

from carecite.bank.load import load_bank
from carecite.cli.app import cli
from carecite.draft.audit.check import audit_docx
from carecite.draft.case import load_case
from carecite.draft.markdown import escape_markdown
from carecite.draft.render import render_draft, template_catalogue
from carecite.errors import CaseError, TemplateError
from carecite.model import Checked, SourceKind
from tests.conftest import REPORTS, docx_to_pdf_text, needs_reports, needs_soffice

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
POSITION = EXAMPLES / "re-a-tower-hamlets.yaml"
SKELETON = EXAMPLES / "re-c-norfolk.yaml"
STATEMENT = EXAMPLES / "re-a-statement.yaml"
CONTEMPT = (
    "I understand that proceedings for contempt of court may be brought against anyone who "
    "makes, or causes to be made, a false statement in a document verified by a statement of "
    "truth without an honest belief in its truth."
)
BELIEF = "I believe that the facts stated in this witness statement are true."
# Which example each template is shown with.
PAIRS = [
    ("position-statement", POSITION),
    ("skeleton-argument", SKELETON),
    ("witness-statement", STATEMENT),
    ("witness-statement-section", STATEMENT),
]
ARGUMENTS = PAIRS[:2]


@pytest.fixture(scope="module")
def bank():
    return load_bank(REPO / "quotes")


def rendered(bank, template, example, citations="footnotes"):
    return render_draft(template, load_case(example, bank), bank, citations=citations)


def with_changes(tmp_path: Path, example: Path, *changes: tuple[str, str]) -> Path:
    text = example.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    changed = tmp_path / example.name
    changed.write_text(text, encoding="utf-8")
    return changed


def test_the_catalogue_lists_every_template_file():
    names = {t.name for t in template_catalogue()}
    assert names == {
        "position-statement",
        "skeleton-argument",
        "witness-statement",
        "witness-statement-section",
    }
    for t in template_catalogue():
        assert (REPO / "templates" / t.file).is_file()
    limits = {t.name: t.page_limit for t in template_catalogue()}
    assert limits["position-statement"] == 3 and limits["skeleton-argument"] == 20


@pytest.mark.parametrize(("template", "example"), PAIRS, ids=[p[0] for p in PAIRS])
def test_every_template_renders_its_example_using_every_passage(bank, template, example):
    result = rendered(bank, template, example)
    assert "{{" not in result.markdown and "{%" not in result.markdown
    assert not [w for w in map(str, result.warnings) if "did not use" in w], result.warnings
    assert not [w for w in map(str, result.warnings) if "pointing back" in w], result.warnings
    for quoted in result.quotations:
        assert escape_markdown(quoted) in result.markdown


# --- issue-led arguments ---------------------------------------------------------------------


def test_the_position_statement_argues_issue_by_issue(bank):
    md = rendered(bank, "position-statement", POSITION).markdown
    assert (
        "**POSITION STATEMENT ON BEHALF OF THE CHILDREN’S GUARDIAN**\\\n"
        "for the Issues Resolution Hearing on 12 June 2017" in md
    )
    headings = re.findall(r"^#+ (.+)$", md, flags=re.M)
    assert headings == [
        "The issues and the Children’s Guardian’s position",
        "Issue 1: Whether the parenting assessment of the mother can be relied on",
        "Issue 2: Whether the pre-proceedings delay affected the children",
        "Issue 3: Whether an independent assessment of the mother is necessary",
        "Orders sought",
    ]
    issue_1 = md.split("### Issue 1", 1)[1].split("### Issue 2", 1)[0]
    # The position, each finding in one line with its pinpoint, why it matters, what is sought.
    assert issue_1.index("The guardian does not accept") < issue_1.index("Ofsted found")
    assert "The assessment \\[C20\\] records no manager’s review" in issue_1
    assert "The Children’s Guardian seeks specific disclosure, within 14 days, of the" in issue_1
    assert "\n> " not in md  # run-in quotations only: none was asked for as a block
    # None of the 2017 commentary's rhetorical sections, no licence lines in a court document.
    for gone in ("What went wrong", "not spotted sooner", "Open Government Licence"):
        assert gone not in md
    assert md.index("Reports in the bundle relied on") < md.index("::: signature")


def test_what_is_sought_is_said_once_and_in_english(bank):
    md = rendered(bank, "position-statement", POSITION).markdown
    orders = md.split("## Orders sought", 1)[1].split("**Reports", 1)[0]
    # Each issue says what it seeks; the orders sought refer to them and add only the rest.
    assert (
        "invites the court to make the orders and directions sought on each issue above" in orders
    )
    # One order beyond them is a sentence, not a list of one.
    assert "above, and to list the case for a further issues resolution hearing after the" in orders
    assert "disclosure" not in orders and "chronology" not in orders
    # "seeks that …" reads badly: a clause is asked for.
    assert "The Children’s Guardian asks that the local authority file" in md
    assert "seeks that" not in md


def test_the_orders_sought_without_extra_orders_refer_to_the_issues(tmp_path, bank):
    case = with_changes(
        tmp_path,
        POSITION,
        (
            "orders_sought:     # beyond what each issue seeks (not repeated)\n"
            "  - list the case for a further issues resolution hearing after the assessment "
            "(one day)\n",
            "",
        ),
    )
    md = rendered(bank, "position-statement", case).markdown
    orders = md.split("## Orders sought", 1)[1].split("**Reports", 1)[0]
    assert (
        "invites the court to make the orders and directions sought on each issue above." in orders
    )


def test_an_order_sought_named_as_a_noun_is_made_and_a_clause_ordered(tmp_path, bank):
    case = with_changes(
        tmp_path,
        POSITION,
        (
            "  - list the case for a further issues resolution hearing after the assessment "
            "(one day)\n",
            "  - a direction that the local authority file its final care plan\n"
            "  - an order for disclosure of the chronology\n"
            "  - that the local authority pay the costs of the assessment\n"
            "  - list the case for a further hearing\n",
        ),
    )
    md = rendered(bank, "position-statement", case).markdown
    orders = md.split("## Orders sought", 1)[1].split("**Reports", 1)[0]
    assert orders.split("and to:\n", 1)[1].splitlines()[:4] == [
        "   1. make a direction that the local authority file its final care plan;",
        "   1. make an order for disclosure of the chronology;",
        "   1. order that the local authority pay the costs of the assessment;",
        "   1. list the case for a further hearing.",
    ]


@pytest.mark.parametrize(
    ("sought", "reads"),
    [
        (
            "refuse the local authority's application for a care order",
            "The Mother invites the court to refuse the local authority’s application for a",
        ),
        (
            "direct the local authority to file a chronology",
            "The Mother invites the court to direct the local authority to file a chronology.",
        ),
        (
            "permission to instruct an independent social worker",
            "The Mother seeks permission to instruct an independent social worker.",
        ),
    ],
    ids=["verb-refuse", "verb-direct", "noun"],
)
def test_what_an_issue_seeks_reads_as_english_in_each_form(tmp_path, bank, sought, reads):
    """‘The Mother seeks refuse the local authority's application …’: only "asks" and
    "seeks" were known, so a verb phrase, as the schema asks orders to be written, read
    ungrammatically."""
    case = with_changes(
        tmp_path,
        SKELETON,
        (
            "    sought: findings confined to those the evidence proves, the local authority to "
            "call the social worker who recorded the May 2015 decisions",
            f"    sought: {sought}",
        ),
    )
    md = rendered(bank, "skeleton-argument", case).markdown
    assert f"\n1. {reads}" in md


NOUN_ORDERS = (
    "  - refuse the local authority's application for a care order with a plan for adoption\n"
    "  - make a supervision order for 12 months, with C living with her mother\n"
)


def test_orders_named_that_the_court_does_not_make_are_sought_as_written(tmp_path, bank):
    """‘invites the court to: permission to instruct …’, ‘make an adjournment’: a noun
    phrase outside a short list was put after "to", or made."""
    case = with_changes(
        tmp_path,
        SKELETON,
        (
            NOUN_ORDERS,
            "  - permission to instruct an independent social worker\n"
            "  - an adjournment of the final hearing\n"
            "  - no order as to costs\n",
        ),
    )
    result = rendered(bank, "skeleton-argument", case)
    assert skeleton_invitation(result.markdown).startswith(
        "The Mother invites the court to make the determinations sought on each issue below,"
        " and seeks the following orders:\n"
        "   1. permission to instruct an independent social worker;\n"
        "   1. an adjournment of the final hearing;\n"
        "   1. no order as to costs."
    )
    assert "make an adjournment" not in result.markdown
    assert not [w for w in load_case(case, bank).warnings if "orders_sought" in str(w)]


def test_an_order_named_among_verbs_warns_at_its_case_file_line(tmp_path, bank):
    case = with_changes(
        tmp_path,
        SKELETON,
        (NOUN_ORDERS, NOUN_ORDERS + "  - permission to instruct an independent social worker\n"),
    )
    line = (
        case.read_text(encoding="utf-8")
        .splitlines()
        .index("  - permission to instruct an independent social worker")
    )
    (warning,) = [str(w) for w in load_case(case, bank).warnings if "orders_sought" in str(w)]
    assert warning.startswith(
        f"{case}:{line + 1}: orders_sought: ‘permission to instruct an independent social "
        "worker’ names an order, among orders written as what the court is to do"
    )
    assert "'grant permission to …'" in warning
    md = rendered(bank, "skeleton-argument", case).markdown
    # The verbs are the lawyer's, introduced as before; the warning says what to change.
    assert "and to:\n   1. refuse the local authority’s application" in md


def test_the_case_schema_says_how_each_form_of_what_is_sought_is_introduced():
    schema = json.loads((EXAMPLES / "case.schema.json").read_text(encoding="utf-8"))
    sought = schema["$defs"]["issue"]["properties"]["sought"]["description"]
    for words in ("after 'invites the court to'", "after 'seeks'", "after 'asks'"):
        assert words in sought
    assert "'seeks the following orders:'" in schema["properties"]["orders_sought"]["description"]


def test_the_case_schema_says_an_order_sought_is_what_the_court_is_to_do():
    schema = json.loads((EXAMPLES / "case.schema.json").read_text(encoding="utf-8"))
    orders = schema["properties"]["orders_sought"]
    assert "invites the court to" in orders["description"]
    assert "what the court is to do" in orders["x-hint"]


def skeleton_invitation(md: str) -> str:
    """The skeleton's paragraph saying what the court is invited to do, with its list."""
    introduction = md.split("## Introduction", 1)[1].split("## Background", 1)[0]
    return introduction.split("\n\n1. ", 2)[2].split("\n\n1. Essential reading", 1)[0]


def test_the_skeleton_invites_the_determinations_each_issue_seeks_and_the_orders(bank):
    md = rendered(bank, "skeleton-argument", SKELETON).markdown
    invitation = skeleton_invitation(md)
    # What each issue seeks is argued below it; the invitation refers to it, then lists the
    # orders beyond it, and repeats none of it.
    assert invitation.startswith(
        "The Mother invites the court to make the determinations sought on each issue below,"
        " and to:\n   1. refuse the local authority’s application for a care order"
    )
    assert "give no weight" not in invitation
    assert "The Mother asks that the court give no weight" in md


def without_lines(tmp_path: Path, example: Path, *phrases: str) -> Path:
    """The example with each line holding one of the phrases left out."""
    lines = example.read_text(encoding="utf-8").splitlines(keepends=True)
    for phrase in phrases:
        assert any(phrase in line for line in lines), phrase
    kept = [line for line in lines if not any(phrase in line for phrase in phrases)]
    changed = tmp_path / example.name
    changed.write_text("".join(kept), encoding="utf-8")
    return changed


ORDERS_SOUGHT = ("orders_sought:", "  - refuse the local", "  - make a supervision order")
SOUGHT = (
    "    sought: findings confined",
    "    sought: that the court give no weight",
    "    sought: that the court find a plan",
)


@pytest.mark.parametrize(
    ("left_out", "invitation"),
    [
        pytest.param(
            ORDERS_SOUGHT,
            "The Mother invites the court to make the determinations sought on each issue below.",
            id="no-orders-sought",
        ),
        pytest.param(
            SOUGHT[:2],
            "The Mother invites the court to make the determinations sought on issue 3 below,"
            " and to:\n   1. refuse",
            id="one-issue-of-three-seeks",
        ),
        pytest.param(
            SOUGHT[1:2],
            "The Mother invites the court to make the determinations sought on issues 1 and 3"
            " below, and to:\n   1. refuse",
            id="two-issues-of-three-seek",
        ),
        pytest.param(
            SOUGHT,
            "The Mother invites the court to:\n   1. refuse",
            id="no-issue-seeks",
        ),
        pytest.param(
            ORDERS_SOUGHT + SOUGHT,
            "[the orders sought at this hearing]{.placeholder}",
            id="nothing-sought",
        ),
    ],
)
def test_the_skeleton_invitation_says_what_the_case_file_seeks_and_nothing_else(
    tmp_path, bank, left_out, invitation
):
    case = without_lines(tmp_path, SKELETON, *left_out)
    md = rendered(bank, "skeleton-argument", case).markdown
    assert skeleton_invitation(md).startswith(invitation)


def test_the_position_statement_refers_only_to_the_issues_that_seek_something(tmp_path, bank):
    case = without_lines(
        tmp_path,
        POSITION,
        "    sought: that the local authority file",
        "    sought: permission for an independent",
    )
    md = rendered(bank, "position-statement", case).markdown
    orders = md.split("## Orders sought", 1)[1].split("**Reports", 1)[0]
    assert (
        "invites the court to make the orders and directions sought on issue 1 above, and to"
        " list the case" in orders
    )


def test_case_names_in_the_case_files_words_are_in_italics(bank):
    md = rendered(bank, "skeleton-argument", SKELETON).markdown
    # The position as typed: "(Re B; Re B-S)"; both are among the case's authorities.
    assert "adoption is not the only option (*Re B*; *Re B-S*)." in md
    assert "*Re B*-S" not in md


def test_the_exhibit_sheet_names_the_report_briefly(bank):
    md = rendered(bank, "witness-statement", STATEMENT).markdown
    statement, sheet = md.rsplit("**EXHIBIT ‘AB1’**", 1)
    title = "London Borough of Tower Hamlets: Inspection of services for children in need"
    assert title in statement and title not in sheet
    assert "Ofsted’s report published on 7 April 2017 (the Ofsted 2017 report)." in sheet


def test_a_quotation_may_start_mid_sentence_with_its_capital_in_brackets(bank):
    result = rendered(bank, "position-statement", POSITION)
    assert (
        "[T]he assessment quality is poor, risk is not rigorously analysed" in result.quotations[0]
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("sentence: 2, start: the assessment quality", "sentence: 9"),
            ":33: finding th17-p20-assessments: sentence: 9, but the passage has 4 sentences "
            "— give 1 to 4 (see 'carecite show')",
        ),
        (
            ("start: the assessment quality", "start: the quality"),
            ":33: finding th17-p20-assessments: start: ‘the quality’ is not in the words quoted, "
            "sentence 2: ‘However, the assessment quality is poor",
        ),
    ],
    ids=["sentence-out-of-range", "start-not-in-sentence"],
)
def test_a_finding_its_passage_cannot_quote_is_refused_at_its_case_file_line(
    tmp_path, bank, change, expected
):
    """Found when the case is loaded, so the message names the case file, not the template
    that quotes it, and the web form shows it beside the field."""
    wrong = with_changes(tmp_path, POSITION, change)
    with pytest.raises(CaseError) as caught:
        load_case(wrong, bank)
    [problem] = caught.value.problems
    assert str(problem).startswith(f"{wrong}{expected}"), problem


def test_a_recommendation_is_introduced_as_one(bank):
    md = rendered(bank, "position-statement", POSITION).markdown
    assert "Ofsted recommended: ‘Improve the quality of assessments" in md
    assert "Ofsted found: ‘Improve" not in md


def test_an_item_of_what_needs_to_improve_is_introduced_as_what_it_names(tmp_path, bank):
    """A recommendation "The quality of …" reads as though the quality were the advice:
    an item naming what is to improve is introduced as such; one led by its verb, or the
    lawyer's own clause after "that", is not."""
    template = tmp_path / "says.md.j2"
    template.write_text(
        "{% for id in ['nf23-improve-homeless-16-17', 'nf23-improve-family-and-friends', "
        "'nf15-rec-track-plo'] %}{{ says(id) }}\n{% endfor %}"
        "{{ says('nf23-improve-homeless-16-17', clause=True) }}\n",
        encoding="utf-8",
    )
    said = rendered(bank, template, SKELETON).markdown.split("\n")[:4]
    assert said == [
        "Ofsted identified as needing to improve",
        "Ofsted identified as needing to improve",
        "Ofsted recommended",
        "Ofsted found",
    ]


def test_what_ofsted_did_follows_the_passage_role(tmp_path, bank):
    template = tmp_path / "says.md.j2"
    template.write_text(
        "{% for id in ['nf15-rec-track-plo', 'th17-exec-widespread-failures', "
        "'th17-p23-plo-pre-proceedings', 'th17-info-2012-safeguarding-good'] %}"
        "{{ says(id) }}\n{% endfor %}",
        encoding="utf-8",
    )
    said = rendered(bank, template, SKELETON).markdown.split("\n")[:4]
    assert said == ["Ofsted recommended", "Ofsted found", "Ofsted found", "Ofsted noted"]


def test_a_report_cross_reference_is_cut_with_an_ellipsis(bank):
    result = rendered(bank, "skeleton-argument", SKELETON)
    assert "explained in their records …’" in result.markdown
    assert "(paragraph 128)" not in result.markdown
    assert any(q.endswith("in their records …") for q in result.quotations)


def test_a_quotation_pointing_back_warns_its_antecedent_is_missing(tmp_path, bank):
    case = with_changes(
        tmp_path,
        POSITION,
        (
            "      - th17-rec04-assessments-plans\n",
            "      - th17-hp-summary-weak-managerial-oversight\n",
        ),
        (
            "    - th17-rec04-assessments-plans\n",
            "    - th17-hp-summary-weak-managerial-oversight\n",
        ),
    )
    result = rendered(bank, "position-statement", case)
    assert any("begins ‘These …’, pointing back" in w for w in map(str, result.warnings))


@pytest.mark.parametrize(
    ("template", "example", "replaced", "passage", "finding", "opening"),
    [
        # start: mid-sentence leaves the verb without its subject ("Board agendas are …").
        (
            "position-statement",
            POSITION,
            "th17-p91-training-supervision, sentence: 3",
            "th17-p99-board-membership-lead-member",
            'sentence: 3, start: "are not sufficiently focused"',
            "[A]re",
        ),
        # "Some" stands for the sentence before's "the majority of plans seen by inspectors".
        (
            "skeleton-argument",
            SKELETON,
            "nf15-lac-decision-rationale-unclear, sentence: 1",
            "nf15-hp-cp-plans-weak-chairs-caseloads",
            "sentence: 3",
            "Some",
        ),
        # start: mid-sentence at a word opening no noun phrase: a participle or an adverb
        # cut from the clause it hangs on.
        (
            "position-statement",
            POSITION,
            "th17-p91-training-supervision, sentence: 3",
            "th17-p99-board-membership-lead-member",
            'sentence: 2, start: "weakening her ability"',
            "[W]eakening",
        ),
        (
            "position-statement",
            POSITION,
            "th17-p91-training-supervision, sentence: 3",
            "th17-p99-board-membership-lead-member",
            'sentence: 1, start: "limiting meaningful debate"',
            "[L]imiting",
        ),
        (
            "position-statement",
            POSITION,
            "th17-p91-training-supervision, sentence: 3",
            "th17-p21-plans-drift",
            'sentence: 7, start: "adding to the delay"',
            "[A]dding",
        ),
    ],
    ids=["start-at-a-verb", "sentence-some", "weakening", "limiting", "adding"],
)
def test_a_finding_that_loses_its_subject_warns_at_its_case_file_line(
    tmp_path, bank, template, example, replaced, passage, finding, opening
):
    """‘[A]re not sufficiently focused …’ and ‘Some do not sufficiently consider …’ drew no
    warning: the rule knew only pronouns such as "These"."""
    asked = f"      - {{passage: {passage}, {finding}}}"
    case = with_changes(
        tmp_path,
        example,
        (f"      - {{passage: {replaced}}}", asked),
        ("  passages:\n", f"  passages:\n    - {passage}\n"),
    )
    line = case.read_text(encoding="utf-8").split("\n").index(asked) + 1
    (warning,) = [
        w for w in map(str, rendered(bank, template, case).warnings) if "pointing back" in w
    ]
    assert warning.startswith(f"{case}:{line}: the quotation of {passage} begins ‘{opening} …’")


@pytest.mark.parametrize(
    "finding",
    [
        # "It" standing for what follows, not for something before.
        "{passage: nf15-hp-threshold-guide-partners, sentence: 2}",
        # "Some" before its own noun.
        '{passage: nf15-hp-threshold-guide-partners, sentence: 2, start: "some professionals"}',
        # Mid-sentence at a word the report writes after "the" ("the high number"): a noun
        # phrase's.
        '{passage: nf15-hp-threshold-guide-partners, sentence: 2, start: "high proportion"}',
    ],
    ids=["it-is-evident-that", "some-professionals", "high-proportion"],
)
def test_a_finding_that_names_what_it_speaks_of_draws_no_warning(tmp_path, bank, finding):
    case = with_changes(
        tmp_path,
        SKELETON,
        (
            "      - {passage: nf15-lac-decision-rationale-unclear, sentence: 1}",
            f"      - {finding}",
        ),
        ("  passages:\n", "  passages:\n    - nf15-hp-threshold-guide-partners\n"),
    )
    result = rendered(bank, "skeleton-argument", case)
    assert not [w for w in map(str, result.warnings) if "pointing back" in w], result.warnings


def test_a_finding_cut_mid_sentence_at_a_quantity_draws_no_warning(tmp_path, bank):
    """‘[T]oo many children experience unacceptable drift …’ opens on its noun phrase."""
    case = with_changes(
        tmp_path,
        POSITION,
        (
            "{passage: th17-p91-training-supervision, sentence: 3}",
            "{passage: th17-p91-training-supervision, sentence: 3}\n"
            '      - {passage: th17-p21-plans-drift, sentence: 6, start: "too many children"}',
        ),
        ("  passages:\n", "  passages:\n    - th17-p21-plans-drift\n"),
    )
    result = rendered(bank, "position-statement", case)
    assert "[T]oo many children experience unacceptable drift and delay." in result.quotations
    assert not [w for w in result.warnings if "pointing back" in w], result.warnings


def test_a_finding_asked_for_as_a_block_or_a_paraphrase(tmp_path, bank):
    case = with_changes(
        tmp_path,
        POSITION,
        (
            "{passage: th17-p20-assessments, sentence: 2, start: the assessment quality}",
            "{passage: th17-p20-assessments, block: true}",
        ),
        (
            "{passage: th17-p91-training-supervision, sentence: 3}",
            "{passage: th17-p91-training-supervision, paraphrase: supervision records were brief and unreflective}",
        ),
    )
    md = rendered(bank, "position-statement", case).markdown
    assert "Ofsted found:\n\n> Overall, the timeliness of assessments" in md
    assert "Ofsted found that supervision records were brief and unreflective.[^2]" in md
    assert re.search(r"^\[\^2\]: ibid para 91 \\\[F29\\\]\.$", md, flags=re.M)


@pytest.mark.parametrize(
    ("paraphrase", "reads"),
    [
        ("Supervision records were brief", "supervision records were brief"),
        ("A lack of oversight left children at risk", "a lack of oversight left children"),
        ("Tower Hamlets did not act", "Tower Hamlets did not act"),
        ("Ofsted saw brief records", "Ofsted saw brief records"),
        ("IRO caseloads were high", "IRO caseloads were high"),
        ("Mr Zedworth's records were brief", "Mr Zedworth's records were brief"),
        # A word the report holds nowhere is a sentence's head, not a name.
        ("Knowledgeable managers were few", "knowledgeable managers were few"),
        ("Exhaustive searches were not made", "exhaustive searches were not made"),
        # The paraphrase's own "that" is not said twice.
        ("that supervision records were brief", "supervision records were brief"),
        ("That supervision records were brief", "supervision records were brief"),
    ],
)
def test_a_paraphrase_runs_on_after_found_that_with_its_names_capitalised(
    tmp_path, bank, paraphrase, reads
):
    case = with_changes(
        tmp_path,
        POSITION,
        (
            "{passage: th17-p91-training-supervision, sentence: 3}",
            f"{{passage: th17-p91-training-supervision, paraphrase: {paraphrase}}}",
        ),
    )
    md = rendered(bank, "position-statement", case).markdown
    assert f"Ofsted found that {escape_markdown(reads)}" in md


@pytest.mark.parametrize(
    ("paraphrase", "reads"),
    [
        ("supervision was good;", "Ofsted found that supervision was good.[^"),
        ("supervision was good,", "Ofsted found that supervision was good.[^"),
        ("supervision was good:", "Ofsted found that supervision was good.[^"),
        ("caseloads were high!", "Ofsted found that caseloads were high\\![^"),
        ("were caseloads high?", "Ofsted found that were caseloads high?[^"),
        ("supervision was good.", "Ofsted found that supervision was good.[^"),
    ],
)
def test_a_paraphrase_ends_its_sentence_once(tmp_path, bank, paraphrase, reads):
    """‘good;.’ and ‘high!.’: a full stop was added after any mark but a full stop."""
    case = with_changes(
        tmp_path,
        POSITION,
        (
            "{passage: th17-p91-training-supervision, sentence: 3}",
            f'{{passage: th17-p91-training-supervision, paraphrase: "{paraphrase}"}}',
        ),
    )
    assert reads in rendered(bank, "position-statement", case).markdown


def test_a_long_finding_quoted_by_its_first_sentence_says_so_where_the_case_gives_it(
    tmp_path, bank
):
    chosen = "{passage: th17-p91-training-supervision, sentence: 3}"
    case = with_changes(tmp_path, POSITION, (chosen, "th17-p91-training-supervision"))
    line = (
        case.read_text(encoding="utf-8").splitlines().index("      - th17-p91-training-supervision")
    )
    passage = bank.passage("th17-p91-training-supervision")
    first = passage.text.split(". ")[0]
    result = rendered(bank, "position-statement", case)
    assert f"Ofsted found: ‘{first}.’" in result.markdown
    warned = [w for w in map(str, result.warnings) if "th17-p91-training-supervision" in w]
    assert len(warned) == 1
    assert warned[0].startswith(
        f"{case}:{line + 1}: finding th17-p91-training-supervision is too long to run in, so the "
        "draft quotes only the first of its "
    )
    assert "'sentence: N' quotes sentence N" in warned[0]
    # The sentence chosen, or a short passage quoted whole, draws no such warning.
    chosen_too = rendered(bank, "position-statement", POSITION).warnings
    assert not [w for w in map(str, chosen_too) if "too long to run in" in w]


def test_the_skeleton_has_the_law_cited_not_quoted_and_a_list_of_authorities(bank):
    md = rendered(bank, "skeleton-argument", SKELETON).markdown
    headings = re.findall(r"^## (.+)$", md, flags=re.M)
    assert headings == [
        "Introduction",
        "Background",
        "The issues",
        "The law",
        "Submissions",
        "Conclusion",
    ]
    law = md.split("## The law", 1)[1].split("## Submissions", 1)[0]
    assert "1. Children Act 1989, s 31(2): [the proposition it supports" in law
    assert "1. Children Act 1989, s 32(1)(a)(ii): " in law
    assert "1. *Re B-S (Children)* \\[2013\\] EWCA Civ 1146: [the proposition" in law
    assert "‘" not in law and "\n> " not in law  # cited, never quoted
    authorities = md.split("**LIST OF AUTHORITIES**", 1)[1]
    assert md.index("::: signature") < md.index("***\n\n::: center\n**LIST OF AUTHORITIES**")
    assert "- Children Act 1989, ss 1, 31(2), 32(1)(a)(ii)" in authorities
    assert "- *Re B (Care Proceedings: Appeal)* \\[2013\\] UKSC 33" in authorities
    assert "- *Re A (A Child)* \\[2015\\] EWFC 11" in authorities
    assert "Ofsted" not in authorities.split("[^1]:")[0]  # the report is a bundle document


@pytest.mark.parametrize(
    ("hearing", "cited"),
    [
        ("2016-09-19", ["s 14"]),
        ("2019-05-01", ["s 14", "ss 16E–16K"]),
        ("2021-03-01", ["ss 16E–16K"]),
    ],
)
def test_the_safeguarding_partnership_law_cited_follows_the_hearing_date(
    tmp_path, bank, hearing, cited
):
    case = with_changes(
        tmp_path,
        SKELETON,
        ("date: 2016-09-19", f"date: {hearing}"),
        ("date: 2016-09-15", f"date: {hearing}"),
        ("{passage: nf15-adoption-reports-lack-analysis, sentence: 2}", "nf15-lscb-very-low-base"),
        ("    - nf15-adoption-reports-lack-analysis", "    - nf15-lscb-very-low-base"),
    )
    md = rendered(bank, "skeleton-argument", case).markdown
    law = md.split("## The law", 1)[1].split("## Submissions", 1)[0]
    assert re.findall(r"Children Act 2004, (ss? [\dA-K–]+):", law) == cited
    listed = md.split("**LIST OF AUTHORITIES**", 1)[1]
    expected = "ss 14, 16E–16K" if len(cited) == 2 else cited[0]
    assert f"- Children Act 2004, {expected}\n" in listed


def test_a_judgment_is_cited_in_italics_with_paragraph_pinpoints(tmp_path, bank):
    template = tmp_path / "law.md.j2"
    template.write_text(
        "1. {{ authority('re-b-s-2013', at='44-46') }}; {{ authority('ca1989-s31', at='(2)(a)') }}.\n",
        encoding="utf-8",
    )
    md = rendered(bank, template, SKELETON).markdown
    assert md == (
        "1. *Re B-S (Children)* \\[2013\\] EWCA Civ 1146 \\[44\\]–\\[46\\]; "
        "Children Act 1989, s 31(2)(a).\n"
    )


def test_a_case_may_cite_a_judgment_of_its_own(tmp_path, bank):
    case = with_changes(
        tmp_path,
        SKELETON,
        (
            "authorities: [ca1989-s1, ca1989-s31, ca1989-s32, re-b-2013, re-b-s-2013, re-a-2015]",
            "authorities:\n  - {id: re-x-2020, kind: judgment, name: Re X (A Child), "
            "citation: '[2020] EWCA Civ 1', report: '[2021] 1 FLR 1', court: Court of Appeal}\n"
            "  - ca1989-s1",
        ),
    )
    md = rendered(bank, "skeleton-argument", case).markdown
    assert "1. *Re X (A Child)* \\[2020\\] EWCA Civ 1, \\[2021\\] 1 FLR 1: [the proposition" in md
    listed = md.split("**LIST OF AUTHORITIES**", 1)[1]
    assert listed.index("Children Act 1989, s 1") < listed.index("*Re X (A Child)*")


def test_no_statute_or_secondary_pinpoint_is_quoted_in_the_examples(bank):
    for template, example in PAIRS:
        result = rendered(bank, template, example)
        case = load_case(example, bank)
        for passage_id in case.passages:
            passage = bank.passages[passage_id]
            assert bank.sources[passage.source].kind is not SourceKind.STATUTE
            assert passage.checked is Checked.REPORT, passage_id
        assert "as quoted in" not in result.markdown


def test_a_template_quoting_a_statute_fails_at_its_line(tmp_path, bank):
    template = tmp_path / "law.md.j2"
    template.write_text(
        "# Law\n\n1. The Act says{{ quote('ca2004-s14-effectiveness') }}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError) as caught:
        rendered(bank, template, SKELETON)
    assert "statutes are cited, not quoted, and never quoted from a commentary" in str(caught.value)
    assert caught.value.problems[0].line == 3


@pytest.mark.parametrize(
    "finding",
    [
        "ca2004-s14-safeguarding-purposes",
        "{passage: ca2004-s14-effectiveness, block: true}",
        "{passage: lga1999-s3-continuous-improvement, paraphrase: authorities must improve}",
    ],
    ids=["run-in", "block", "paraphrase"],
)
def test_a_statutes_words_held_from_a_commentary_are_never_a_finding(tmp_path, bank, finding):
    # The bank holds CA 2004 s 14 and LGA 1999 s 3 only as a commentary quoted them: a case
    # that gives one as an issue's finding is refused at its line, before anything renders.
    case = with_changes(
        tmp_path,
        POSITION,
        ("      - th17-rec04-assessments-plans\n", f"      - {finding}\n"),
    )
    with pytest.raises(CaseError) as caught:
        rendered(bank, "position-statement", case)
    problem = caught.value.problems[0]
    assert problem.line == 47  # the finding's own line
    assert "is not a report's: it is from" in problem.message and "a statute" in problem.message
    assert "cite the Act under the case's authorities" in (problem.hint or "")


def test_the_bank_says_why_it_holds_a_statutes_words_from_a_commentary(bank):
    for source_id in ("children-act-2004", "local-government-act-1999"):
        note = " ".join((bank.sources[source_id].note or "").split())
        assert "never quoted as law" in note, source_id


# --- bundle references -----------------------------------------------------------------------


def citations_of(markdown: str, citations: str) -> list[str]:
    """Every citation: the footnotes, or the bracketed citations naming a report."""
    if citations == "footnotes":
        return re.findall(r"^\[\^\d+\]: (.+)$", markdown, flags=re.M)
    return re.findall(r"\((Ofsted[^()]*(?:\([^()]*\)[^()]*)*)\)", markdown)


@pytest.mark.parametrize("citations", ["footnotes", "inline"])
@pytest.mark.parametrize(("template", "example"), ARGUMENTS, ids=[p[0] for p in ARGUMENTS])
def test_every_citation_of_a_report_carries_its_bundle_page(bank, template, example, citations):
    result = rendered(bank, template, example, citations)
    found = citations_of(result.markdown, citations)
    assert len(found) == len(result.quotations)
    for before, citation in zip([None, *found], found, strict=False):
        if citation == "ibid." and before is not None:
            citation = before  # a bare ibid repeats the note before: its pinpoint and page
        assert re.search(r"(?:para \d+|\b\d+) \\\[F\d+(?:–\d+)?\\\]", citation), citation
        # A report paragraph is never "[20]" beside a bundle page: that is a judgment's form.
        assert not re.search(r"\\\[\d+\\\]", citation), citation


def test_the_bundle_page_follows_the_report_page(bank):
    md = rendered(bank, "position-statement", POSITION, "inline").markdown
    # F1 is the report's page 1: para 23 is on page 14, so at F14.
    assert "(Ofsted 2017 report para 23 \\[F14\\])" in md
    assert "para 20 \\[F13–14\\]" in md


def test_the_bundle_may_start_at_a_later_page_of_the_report(tmp_path, bank):
    # Filed without its cover: the report's page 2 is F1, so page 14 is F13.
    case = with_changes(
        tmp_path,
        POSITION,
        (
            "    ofsted-tower-hamlets-2017: F1    # the report's page 1 is bundle page F1\n",
            "    ofsted-tower-hamlets-2017: F1\n"
            "  first_report_page:\n    ofsted-tower-hamlets-2017: 2\n",
        ),
    )
    md = rendered(bank, "position-statement", case, "inline").markdown
    assert "(Ofsted 2017 report para 23 \\[F13\\])" in md
    assert "para 20 \\[F12–13\\]" in md


# --- who is speaking, and about what -----------------------------------------------------------


def run_draft(template, example, out, *options, catch_exceptions=True):
    """``carecite draft TEMPLATE EXAMPLE -o OUT [options]`` on the shipped bank."""
    args = ["--bank", str(REPO / "quotes"), "draft", template, str(example), "-o", str(out)]
    return CliRunner().invoke(cli, [*args, *options], catch_exceptions=catch_exceptions)


def test_the_local_authority_cannot_file_an_inadequacy_argument(tmp_path):
    case = with_changes(
        tmp_path, POSITION, ("acting_for: guardian ", "acting_for: local-authority ")
    )
    out = tmp_path / "x.docx"
    result = run_draft("position-statement", case, out)
    assert result.exit_code == 2
    assert (
        f"error: {case}:18: the position-statement template argues against the local authority"
        in result.output
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        (
            "nf15-lac-iro-capacity",
            "a report on Norfolk County Council (Ofsted Norfolk 2015 report), not on London "
            "Borough of Tower Hamlets, the case's local authority",
        ),
        (
            "th19-summary-now-good",
            "Ofsted 2019 report, published 22 July 2019, after the hearing on 12 June 2017",
        ),
    ],
    ids=["another-authority", "later-report"],
)
def test_a_passage_of_another_authority_or_a_later_report_is_refused(
    tmp_path, bank, passage, expected
):
    case = with_changes(
        tmp_path,
        POSITION,
        (
            "    - th17-p21-plans-drift\n    - th17-rec04-assessments-plans\n",
            f"    - th17-p21-plans-drift\n    - th17-rec04-assessments-plans\n    - {passage}\n",
        ),
    )
    out = tmp_path / "x.docx"
    result = run_draft("position-statement", case, out)
    assert result.exit_code == 2, result.output
    assert f"passage {passage} is from" in result.output and expected in result.output
    assert "relied_on.reasons" in result.output
    # Said at the line naming the passage, which the web's form shows as that passage's row.
    line = case.read_text(encoding="utf-8").splitlines().index(f"    - {passage}") + 1
    assert f"{case}:{line}: passage {passage}" in result.output
    assert not out.exists()
    # Said why it is relied on, it is allowed.
    reasoned = with_changes(
        tmp_path,
        case,
        (
            f"    - {passage}\n",
            f"    - {passage}\n  reasons:\n    {passage}: relied on by consent to show the later position\n",
        ),
    )
    assert (
        load_case(reasoned, bank).reason(passage)
        == "relied on by consent to show the later position"
    )


def test_the_wrong_document_for_the_hearing_warns(tmp_path, bank):
    case = with_changes(
        tmp_path, POSITION, ("type: Issues Resolution Hearing", "type: Final Hearing")
    )
    result = rendered(bank, "position-statement", case)
    assert any("the position-statement template is for a" in w for w in map(str, result.warnings))


# --- the witness statement -------------------------------------------------------------------------


def test_the_statement_is_evidence_with_exhibit_references_and_no_footnotes(bank):
    result = rendered(bank, "witness-statement", STATEMENT)
    md = result.markdown
    right = md.split(":::")[1]
    assert right.split("\\\n") == [
        " right\nOn behalf of the Children’s Guardian",
        "A. Brown",
        "1st",
        "Exhibit AB1",
        "5 June 2017\n",
    ]
    assert "**FIRST WITNESS STATEMENT OF ALEX BROWN**" in md
    assert "[^" not in md  # no footnotes in evidence
    assert "now produced and shown to me" not in md
    assert "(the Ofsted 2017 report), marked ‘AB1’." in md
    # The extract's own full stop ends the sentence after the reference: one stop, not two.
    assert "remains poor’ (AB1 p 14, para 23)." in md
    assert len(result.quotations) <= 3
    assert md.index(CONTEMPT) < md.index(BELIEF)
    # The last paragraph, the statement of truth and the signature are one block kept together.
    kept = md.split("::: signature", 1)[1].split(":::", 1)[0]
    assert kept.lstrip().startswith("1. ") and CONTEMPT in kept and "Dated: 5 June 2017" in kept
    # The exhibit's front sheet, on its own page.
    sheet = md.split("\n***\n", 1)[1]
    assert (
        "This is the exhibit marked ‘AB1’ referred to in the first witness statement of Alex "
        "Brown dated 5 June 2017." in sheet
    )


def test_a_citation_in_the_text_is_part_of_the_sentence_it_ends(tmp_path, bank):
    """In brackets in the text, a citation comes before the sentence's full stop (the
    quotation's own, moved out of the marks), defines the short name without a second pair of
    brackets, and gives a page as the practitioner form does out of the bundle (", p 2")."""
    case = with_changes(
        tmp_path,
        POSITION,
        (
            "{passage: th17-p91-training-supervision, sentence: 3}",
            "{passage: th17-p91-training-supervision, paraphrase: supervision was brief.}",
        ),
        ("      - th17-rec04-assessments-plans\n", "      - th17-exec-poor-assessments-plans\n"),
        ("    - th17-rec04-assessments-plans\n", "    - th17-exec-poor-assessments-plans\n"),
    )
    out, _ = draft_docx(tmp_path, "position-statement", case, "out.docx", "--citations", "inline")
    findings = [p for p in docx_texts(out)[0] if re.match("Ofsted (found|recommended)", p)]
    assert findings[0].endswith(", hereafter Ofsted 2017 report).")
    assert "Ofsted found that supervision was brief (Ofsted 2017 report para 91 [F29])." in findings
    assert any(
        re.search(r"quality’ \(Ofsted 2017 report, p \d+ \[F\d+\]\)\.$", p) for p in findings
    )
    for finding in findings:
        assert finding.endswith(")."), finding
        assert ".’" not in finding and "))" not in finding, finding


@pytest.mark.parametrize(("template", "example"), PAIRS)
def test_the_lawyers_apostrophes_are_typeset_as_the_reports_are(bank, template, example):
    """The case file's "guardian's" is set "guardian’s", as Word types it and as the quoted
    report has "children’s": a draft with both kinds reads as unchecked. The reading list's
    "Children's guardian's initial analysis" too."""
    typed = re.findall(r"[^\W_]+'[^\W_]+", example.read_text(encoding="utf-8"))
    assert typed  # each example's own words have some
    body = rendered(bank, template, example).markdown.split("[^1]:", 1)[0]
    assert not re.search(r"[^\W_]'[^\W_]", body), re.findall(r"\w+'\w+", body)
    assert any(word.replace("'", "’") in body for word in typed)


def test_the_number_of_extracts_is_a_setting(tmp_path, bank):
    case = with_changes(
        tmp_path,
        STATEMENT,
        (
            "  exhibits: [ofsted-tower-hamlets-2017]\n",
            "  exhibits: [ofsted-tower-hamlets-2017]\n  extracts: 1\n",
        ),
    )
    result = rendered(bank, "witness-statement", case)
    assert len(result.quotations) == 1
    # The others are said to be left out, why, and what to do: once, not as passages the
    # template did not use.
    assert [str(w) for w in result.warnings] == [
        "the statement quotes at most 1 short extract (the first chosen), so it leaves out the "
        "chosen passages th17-p23-plo-pre-proceedings, th17-lscb-inadequate — to quote them, "
        "raise witness.extracts to 3; or rely on fewer passages"
    ]


# --- Word and the command line ---------------------------------------------------------------------


def draft_docx(tmp_path, template, example, name="out.docx", *options):
    out = tmp_path / name
    result = run_draft(template, example, out, *options, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out, result


def docx_texts(path: Path) -> tuple[list[str], str]:
    """Body paragraphs (python-docx) and the footnotes' text (docx2python)."""
    body = [p.text for p in docx.Document(str(path)).paragraphs]
    with docx2python(path) as read:
        notes = "\n".join(
            "".join(run for run in paragraph)
            for table in read.footnotes_runs
            for row in table
            for cell in row
            for paragraph in cell
        )
    return body, notes


@pytest.mark.parametrize(("template", "example"), PAIRS, ids=[p[0] for p in PAIRS])
def test_every_template_writes_word_with_its_quotations_verbatim(tmp_path, bank, template, example):
    out, result = draft_docx(tmp_path, template, example)
    body, notes = docx_texts(out)
    joined = "\n".join(body)
    for quoted in rendered(bank, template, example).quotations:
        assert quoted in joined
    if template in ("position-statement", "skeleton-argument"):
        assert "ibid para" in notes and "[F" in notes
        assert "pages)" in result.output
    else:
        assert notes.strip() == ""


def test_draft_refuses_to_overwrite(tmp_path):
    out = tmp_path / "taken.docx"
    out.write_bytes(b"the lawyer's own work")
    result = run_draft("position-statement", POSITION, out)
    assert result.exit_code == 2
    assert (
        f"error: {out}: already exists; nothing was written — choose another file name, or pass --force to replace it"
        in result.output
    )
    assert out.read_bytes() == b"the lawyer's own work"
    forced = run_draft("position-statement", POSITION, out, "--force")
    assert forced.exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


def test_draft_markdown_format(tmp_path):
    out = tmp_path / "position.md"
    result = run_draft(
        "position-statement", POSITION, out, "--format", "md", catch_exceptions=False
    )
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("::: center")


def test_a_bad_case_file_fails_with_exit_2_naming_field_and_line(tmp_path):
    bad = with_changes(
        tmp_path,
        POSITION,
        ("case_number: ZE17C00000\n", ""),
        ("    - th17-p20-assessments\n", "    - th17-p20-asessments\n"),
    )
    out = tmp_path / "x.docx"
    result = run_draft("position-statement", bad, out)
    assert result.exit_code == 2
    assert (
        f"error: {bad}:6: missing required field 'case_number' — add 'case_number:'"
        in result.output
    )
    assert (
        "unknown passage 'th17-p20-asessments' — did you mean 'th17-p20-assessments'"
        in result.output
    )
    assert not out.exists()


def test_templates_command_lists_needs():
    result = CliRunner().invoke(cli, ["templates", "--json"], catch_exceptions=False)
    data = json.loads(result.output)
    statement = next(t for t in data if t["name"] == "witness-statement")
    assert "witness" in statement["needs"]
    position = next(t for t in data if t["name"] == "position-statement")
    assert position["page_limit"] == 3 and position["refuses"] == ["local-authority"]
    text = CliRunner().invoke(cli, ["templates"], catch_exceptions=False).output
    assert (
        "page limit: 3 (for a hearing called case management, issues resolution, CMH or IRH)"
        in text
    )


def test_what_a_template_needs_is_what_the_case_schema_requires_and_its_own():
    """One rule: every case file must give the schema's required keys, so every template
    lists them among its needs (the witness statement left out 'author'); its own needs and
    optional fields are keys a case file can hold."""
    schema = json.loads((REPO / "examples" / "case.schema.json").read_text(encoding="utf-8"))
    data = json.loads(CliRunner().invoke(cli, ["templates", "--json"]).output)
    for template in data:
        assert template["needs"][: len(schema["required"])] == schema["required"]
        for key in template["needs"] + template["optional"]:
            assert key.split(".")[0] in schema["properties"], (template["name"], key)
    statement = next(t for t in data if t["name"] == "witness-statement")
    assert "author" in statement["needs"] and "witness" in statement["needs"]


def test_the_minimal_template_in_the_templates_readme_renders(tmp_path):
    """The example a template author copies from templates/README.md must work as shown."""
    readme = (REPO / "templates" / "README.md").read_text(encoding="utf-8")
    body = readme.split("```jinja\n", 1)[1].split("```", 1)[0]
    template = tmp_path / "mine.md.j2"
    template.write_text(body, encoding="utf-8")
    out = tmp_path / "mine.md"
    result = run_draft(str(template), POSITION, out, "--format", "md", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    markdown = out.read_text(encoding="utf-8")
    assert markdown.startswith("# Ofsted's findings")
    chosen = load_case(POSITION, load_bank(REPO / "quotes")).passages
    assert markdown.count("1. Ofsted found") == len(chosen)
    assert len(re.findall(r"^\[\^\d+\]: ", markdown, flags=re.M)) == len(chosen)
    assert "[what follows for this case]{.placeholder}" in markdown


# --- PDF: what LibreOffice lays out ---------------------------------------------------------------


def pages_of_pdf(docx_path: Path) -> list[str]:
    """The text of each page, as LibreOffice lays the document out (pdftotext's form feeds)."""
    return [
        " ".join(page.split()) for page in docx_to_pdf_text(docx_path).split("\f") if page.strip()
    ]


@needs_soffice
@pytest.mark.parametrize(
    ("template", "example", "limit"),
    [("position-statement", POSITION, 3), ("skeleton-argument", SKELETON, 20)],
    ids=["position-statement", "skeleton-argument"],
)
def test_the_example_is_within_its_page_limit(tmp_path, template, example, limit):
    out, _ = draft_docx(tmp_path, template, example)
    pages = pages_of_pdf(out)
    assert len(pages) <= limit
    assert "ON BEHALF OF" in pages[0]


@needs_soffice
def test_the_statement_of_truth_shares_a_page_with_the_last_paragraph(tmp_path):
    out, _ = draft_docx(tmp_path, "witness-statement", STATEMENT)
    pages = pages_of_pdf(out)
    (truth,) = [p for p in pages if "I believe that the facts stated" in p]
    assert CONTEMPT in truth and "Alex Brown Dated: 5 June 2017" in truth
    assert "from your own knowledge, how the matters in the report bear" in truth
    assert "This is the exhibit marked ‘AB1’" in pages[-1] and BELIEF not in pages[-1]


@needs_soffice
def test_the_statement_of_truth_stays_with_the_last_paragraph_when_the_page_is_full(tmp_path):
    # Facts that push the ending to a page boundary: the block moves whole, never splits.
    for count in (6, 7, 8, 9):
        facts = "facts:\n" + "".join(
            f"  - Paragraph {i} of the witness's own evidence, long enough to take two lines of the page when it is set out.\n"
            for i in range(count)
        )
        case = with_changes(tmp_path, STATEMENT, ("relied_on:\n", facts + "relied_on:\n"))
        out, _ = draft_docx(tmp_path, "witness-statement", case, f"s{count}.docx", "--force")
        (truth,) = [p for p in pages_of_pdf(out) if BELIEF in p]
        assert CONTEMPT in truth and "from your own knowledge" in truth and "Dated:" in truth


# --- the drafts against the cite-check -------------------------------------------------------


def _edit_docx(path: Path, old: str, new: str) -> None:
    """Change ``old`` to ``new`` in the document's XML, as a hand edit in Word would."""
    with zipfile.ZipFile(path) as original:
        parts = {item: original.read(item) for item in original.namelist()}
    for name in ("word/document.xml", "word/footnotes.xml"):
        text = parts[name].decode("utf-8")
        if old in text:
            parts[name] = text.replace(old, new, 1).encode("utf-8")
            break
    else:
        raise AssertionError(old)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as edited:
        for name, data in parts.items():
            edited.writestr(name, data)


@needs_reports
def test_the_audit_reports_exactly_the_hand_edited_quotation_pinpoint_and_bundle_page(tmp_path):
    out, _ = draft_docx(tmp_path, "position-statement", POSITION)
    clean = audit_docx(out, REPO / "quotes", REPORTS)
    assert not clean.failed
    _edit_docx(out, "did not demonstrate reflection", "did demonstrate reflection")
    _edit_docx(out, "ibid para 23 [F14].", "ibid para 32 [F14].")
    _edit_docx(out, "ibid para 21 [F14].", "ibid para 21 [F15].")
    report = audit_docx(out, REPO / "quotes", REPORTS)
    failing = [
        (line.passage_id, line.verdict, line.citation) for line in report.lines if line.failed
    ]
    assert failing == [
        ("th17-p91-training-supervision", "altered", "ok"),
        ("th17-p23-plo-pre-proceedings", "wrong_pinpoint", "wrong_pinpoint"),
        ("th17-p21-plans-drift", "exact", "wrong_bundle_page"),
    ]
    bundle = next(line for line in report.lines if line.citation == "wrong_bundle_page")
    assert "bundle page F14" in bundle.detail


@needs_reports
def test_the_audit_reads_exhibit_references_in_a_statement(tmp_path):
    out, _ = draft_docx(tmp_path, "witness-statement", STATEMENT)
    assert not audit_docx(out, REPO / "quotes", REPORTS).failed
    _edit_docx(out, "(AB1 p 14, para 23)", "(AB1 p 15, para 24)")
    report = audit_docx(out, REPO / "quotes", REPORTS)
    failing = [(line.passage_id, line.citation) for line in report.lines if line.failed]
    assert failing == [("th17-p23-plo-pre-proceedings", "wrong_pinpoint")]
