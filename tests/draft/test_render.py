"""Rendering: helpers, escaping, strict fields and sandboxed user templates."""

from __future__ import annotations

import re
import textwrap
import zipfile
from pathlib import Path

import pytest

from carecite.bank.load import load_bank
from carecite.draft.case import load_case
from carecite.draft.markdown import escape_markdown, parse
from carecite.draft.render import make_draft, render_draft
from carecite.errors import CaseError, DraftError, LookupFailed, TemplateError

LONG = "Long text. " * 30
OTHER_YAML = f"""\
source:
  id: report-2012
  kind: inspection-report
  author: Ofsted
  publisher: Ofsted
  authority: London Borough of Example
  title: "Inspection of safeguarding services: Example (2012)"
  short_name: Ofsted 2012 report
  published: null
  framework: pre-SIF
  judgements:
    - {{area: Overall effectiveness, grade: good}}
  report_file: null
passages:
  - id: old-good
    text: Senior managers provide strong leadership.
    page: null
    paragraph: 16
    section: null
    themes: [partnership]
    checked: secondary
    checked_via: commentary
  - id: old-long
    text: {LONG.strip()}
    page: null
    paragraph: 23
    section: null
    themes: [partnership]
    checked: secondary
    checked_via: commentary
"""
COMMENTARY_YAML = """\
source:
  id: commentary
  kind: commentary
  author: Example Chambers
  title: "Commentary"
  short_name: the commentary
passages: []
"""
CASE_YAML = """\
court: {name: Family Court, sitting_at: East London}
case_number: ZE17C00001
local_authority: London Borough of Example
parents: [{name: Ms X, relationship: mother}]
children: [{initials: A, sex: female}]
acting_for: guardian
hearing: {type: Issues Resolution Hearing, date: 2017-06-12}
author: {name: Counsel Name, role: counsel, chambers: Example Chambers}
relied_on:
  themes: [management-oversight]
  passages: [ex-summary, ex-oversight, ex-oversight-2, old-good]
"""


@pytest.fixture
def bank(make_bank):
    from tests.conftest import REPORT_YAML

    return load_bank(
        make_bank(
            {
                "report-2017.yaml": REPORT_YAML,
                "report-2012.yaml": OTHER_YAML,
                "commentary.yaml": COMMENTARY_YAML,
            }
        )
    )


@pytest.fixture
def case(tmp_path, bank):
    path = tmp_path / "case.yaml"
    path.write_text(CASE_YAML, encoding="utf-8")
    return load_case(path, bank)


def user_template(tmp_path: Path, text: str, name: str = "mine.md.j2") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def render(tmp_path, case, bank, text: str, **options):
    return render_draft(user_template(tmp_path, text), case, bank, **options)


def plain_text(markdown: str) -> str:
    """What a reader sees: the inline text of every token, as the Word writer gets it."""
    return "".join(
        child.content
        for token in parse(markdown, "<test>")
        if token.type == "inline"
        for child in token.children or []
        if child.type == "text"
    )


# --- citations -------------------------------------------------------------------------------


def test_first_citation_full_then_ibid_then_short_with_cross_reference(tmp_path, case, bank):
    md = render(
        tmp_path,
        case,
        bank,
        "{{ cite('ex-summary') }} {{ cite('ex-oversight') }} {{ footnote('Aside.') }}"
        " {{ cite('ex-oversight-2') }}\n",
    ).markdown
    notes = [line for line in md.splitlines() if line.startswith("[^") and "]:" in line]
    assert notes == [
        "[^1]: Ofsted, ‘London Borough of Example: Inspection of services for children’ "
        "(Ofsted, 7 April 2017) 2 (Ofsted 2017 report).",
        "[^2]: ibid para 16.",
        "[^3]: Aside.",
        "[^4]: Ofsted 2017 report (n 1) para 17.",
    ]
    assert md.startswith("[^1] [^2] [^3] [^4]")


def test_a_secondary_pinpoint_gets_a_word_comment_and_a_warning(tmp_path, case, bank):
    result = render(tmp_path, case, bank, "{{ cite('old-good') }}\n")
    assert (
        "[Ofsted, ‘Inspection of safeguarding services: Example (2012)’ (Ofsted) para 16 "
        '(Ofsted 2012 report), as quoted in the commentary]{.comment note="pinpoint taken from '
        'the commentary — check against the report"}.'
    ) in result.markdown
    assert any(
        "old-good" in w and "not checked against the report" in w for w in map(str, result.warnings)
    )


def test_inline_citations_put_the_citation_in_brackets(tmp_path, case, bank):
    md = render(
        tmp_path,
        case,
        bank,
        "A{{ cite('ex-summary') }}. B{{ cite('ex-oversight') }}. C{{ cite('ex-summary') }}.\n",
        citations="inline",
    ).markdown
    assert "[^" not in md
    assert "A (Ofsted, ‘London Borough of Example" in md
    # Later citations in running text take the practitioner form: no bare page number.
    assert "B (Ofsted 2017 report at \\[16\\])." in md
    assert "C (Ofsted 2017 report, p 2)." in md


def test_practitioner_style(tmp_path, case, bank):
    md = render(
        tmp_path, case, bank, "{{ cite(['ex-oversight'], style='practitioner') }}\n"
    ).markdown
    assert "[^1]: Ofsted 2017 report at \\[16\\]." in md


def test_cite_pages_gives_the_page_beside_the_paragraph(tmp_path, case, bank):
    # cite() took pages= but once dropped it: the page never appeared.
    md = render(
        tmp_path,
        case,
        bank,
        "{{ cite('ex-oversight', pages=True) }} {{ cite('ex-oversight-2', pages=True) }}"
        " {{ cite(['ex-oversight'], style='practitioner', pages=True) }}\n",
    ).markdown
    notes = [line for line in md.splitlines() if line.startswith("[^") and "]:" in line]
    assert notes[0].endswith(" para 16 (p 5) (Ofsted 2017 report).")
    assert notes[1] == "[^2]: ibid para 17 (p 5)."
    assert notes[2] == "[^3]: Ofsted 2017 report, p 5 at \\[16\\]."


# --- quotations --------------------------------------------------------------------------------


def test_a_short_quotation_runs_into_the_text_in_single_quotes(tmp_path, case, bank):
    md = render(tmp_path, case, bank, "Ofsted found {{ quote('ex-oversight') }}\n").markdown
    assert md.startswith("Ofsted found ‘There is weak managerial oversight at all levels.’[^1]")


def test_a_long_quotation_is_a_block_introduced_by_a_colon(tmp_path, case, bank):
    md = render(tmp_path, case, bank, "1. It found{{ quote('old-long') }}\n1. Next.\n").markdown
    assert "1. It found:\n\n> Long text. Long text." in md
    assert md.count("> ") == 1
    tokens = [t.type for t in parse(md, "<test>")]
    assert "blockquote_open" in tokens


def test_a_witness_extract_keeps_the_first_sentences_inline(tmp_path, case, bank):
    md = render(
        tmp_path, case, bank, "{{ quote('old-long', sentences=2, inline=True) }}\n"
    ).markdown
    assert md.startswith("‘Long text. Long text.’[^1]")


# --- escaping: case values are data --------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "*urgent* _now_",
        "see [1] and [^1]",
        "{{ x }} {% if %}",
        "# not a heading",
        "1. not a list",
        "<b>bold</b> & co",
        "a | b",
        "back\\slash `code`",
        "[x]{.placeholder}",
        "- dash",
        "> quote",
    ],
)
def test_a_case_value_prints_literally(tmp_path, bank, value):
    path = tmp_path / "case.yaml"
    quoted = value.replace("'", "''")
    path.write_text(
        CASE_YAML.replace("case_number: ZE17C00001", f"case_number: '{quoted}'"), encoding="utf-8"
    )
    case = load_case(path, bank)
    md = render(tmp_path, case, bank, "{{ case.case_number }}\n").markdown
    assert plain_text(md) == value
    assert [t.type for t in parse(md, "<t>")] == ["paragraph_open", "inline", "paragraph_close"]


def test_escape_markdown_collapses_line_breaks():
    assert escape_markdown("a\n\n# b") == "a \\# b"


# --- strictness ------------------------------------------------------------------------------------


def test_a_missing_field_names_the_field_the_template_and_its_line(tmp_path, case, bank):
    template = user_template(tmp_path, "Title\n\n{{ case.court.name }}\n{{ case.court.judge }}\n")
    with pytest.raises(TemplateError) as caught:
        render_draft(template, case, bank)
    error = caught.value
    assert error.path == str(template)
    assert error.line == 4
    assert "judge" in str(error)


def test_a_missing_field_in_a_shipped_partial_names_the_partial(tmp_path, case, bank):
    (tmp_path / "partials").mkdir()
    user_template(tmp_path, "ok\n{{ case.nothing }}\n", "partials/bad.md.j2")
    template = user_template(tmp_path, "one\n{% include 'partials/bad.md.j2' %}\n")
    with pytest.raises(TemplateError) as caught:
        render_draft(template, case, bank)
    assert caught.value.path.endswith("partials/bad.md.j2")
    assert caught.value.line == 2


def test_printing_none_is_an_error_not_a_blank(tmp_path, case, bank):
    with pytest.raises(TemplateError, match="empty value") as caught:
        render(tmp_path, case, bank, "line\n{{ case.witness }}\n")
    assert caught.value.line == 2


def test_a_syntax_error_names_the_line(tmp_path, case, bank):
    with pytest.raises(TemplateError, match="syntax") as caught:
        render(tmp_path, case, bank, "a\nb\n{% if %}\n")
    assert caught.value.line == 3


def test_a_missing_partial_names_it_and_the_line(tmp_path, case, bank):
    with pytest.raises(TemplateError) as caught:
        render(tmp_path, case, bank, "a\n{% include 'partials/gone.md.j2' %}\n")
    assert caught.value.problems[0].message == "template 'partials/gone.md.j2' not found"
    assert caught.value.line == 2
    assert caught.value.hint == "check the name"


def test_user_templates_are_sandboxed(tmp_path, case, bank):
    with pytest.raises(TemplateError, match="may not") as caught:
        render(tmp_path, case, bank, "{{ case.__class__.__mro__ }}\n")
    assert caught.value.line == 1


def test_an_unknown_passage_in_a_template_names_the_line_and_suggests(tmp_path, case, bank):
    with pytest.raises(TemplateError) as caught:
        render(tmp_path, case, bank, "\n{{ quote('ex-oversigt') }}\n")
    assert caught.value.line == 2
    assert "did you mean 'ex-oversight'" in (caught.value.hint or "")


def test_an_unknown_template_name_suggests_close_ones(case, bank):
    with pytest.raises(LookupFailed) as caught:
        render_draft("skeleton-argumnt", case, bank)
    assert "did you mean 'skeleton-argument'" in (caught.value.hint or "")


def test_a_shipped_template_checks_the_fields_it_needs(case, bank):
    with pytest.raises(CaseError) as caught:
        render_draft("witness-statement", case, bank)
    assert "needs 'witness'" in str(caught.value)
    assert caught.value.path == case.path


# --- the rest ---------------------------------------------------------------------------------------


def test_unused_passages_and_later_reports_are_warned_about(tmp_path, case, bank):
    result = render(tmp_path, case, bank, "{{ cite('ex-summary') }}\n")
    assert any(
        "did not use: ex-oversight, ex-oversight-2, old-good" in w
        for w in map(str, result.warnings)
    )


def test_history_stops_at_the_hearing(tmp_path, case, bank):
    md = render(
        tmp_path,
        case,
        bank,
        "{% for row in history() %}{{ row.source.short_name }}={{ row.overall }};{% endfor %}\n",
    ).markdown
    assert md.strip() == "Ofsted 2012 report=good;Ofsted 2017 report=inadequate;"


def test_placeholder_and_properties(tmp_path, case, bank):
    result = render(
        tmp_path, case, bank, "{{ document(title='T') }}{{ placeholder('fill [me] in') }}\n"
    )
    assert result.markdown.strip() == "[fill \\[me\\] in]{.placeholder}"
    assert result.properties.title == "T"
    assert result.properties.author == "Counsel Name"


def test_a_character_xml_forbids_is_named_at_its_line_and_column() -> None:
    """A NUL, another C0 control or a lone surrogate cannot go in a Word document: each line
    holding one is named with the first one's column (only the set of them is tested on a
    draft that holds none)."""
    with pytest.raises(DraftError) as caught:
        parse("fine\nab\x00c\x07\nok \ud800 \ufffe\n", "draft.md")
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (2, "column 3: NUL (U+0000) cannot go in a Word document"),
        (3, "column 4: control character (U+D800) cannot go in a Word document"),
    ]


def test_a_word_drafts_citation_quotes_a_title_in_curly_marks(tmp_path, make_bank):
    """A title typed with straight marks is cited in the curly ones the draft's quotations
    have, in the Word document's footnote too."""
    from tests.conftest import REPORT_YAML

    plain = 'title: "London Borough of Example: Inspection of services for children"'
    title = """title: 'Example''s "focused visit" to children''s services'"""
    bank = load_bank(make_bank({"report-2017.yaml": REPORT_YAML.replace(plain, title)}))
    case = tmp_path / "case.yaml"
    case.write_text(CASE_YAML.replace(", old-good", ""), encoding="utf-8")
    template = user_template(tmp_path, "Ofsted found {{ quote('ex-summary') }}\n")
    make_draft(template, case, tmp_path / "draft.docx", bank)
    with zipfile.ZipFile(tmp_path / "draft.docx") as document:
        notes = re.sub(r"<[^>]+>", "", document.read("word/footnotes.xml").decode("utf-8"))
    assert "Ofsted, ‘Example’s “focused visit” to children’s services’ (Ofsted" in notes


# --- quotations that point back ----------------------------------------------------------------

IT_SENTENCES = {
    # "It" standing for the clause that follows: no warning.
    "it-noted": "It was noted that the medical adviser had attended one panel in seven.",
    "it-important": "It is important that plans are reviewed.",
    "it-concern": "It is a concern that visits are late.",
    "it-apparent": "It is apparent that managers know their staff.",
    "it-encouraging": "It is encouraging that children are seen alone.",
    "it-early": "It is too early to see the impact of this for children.",
    # "It" standing for something before: warned.
    "it-judged": "It was judged to be outstanding at its most recent inspection.",
    "it-beginning": "It is beginning to improve foster carers' engagement.",
    "it-found-by": "It was found by Ofsted in 2013 to be underdeveloped.",
}


def test_an_anticipatory_it_is_known_by_its_grammar_not_a_list_of_words(tmp_path, make_bank):
    """‘It was noted that …’, ‘It is a concern that …’ were warned as pointing back: only
    the adjectives of a list made "It" stand for what follows."""
    passages = "".join(
        f'  - {{id: {key}, text: "{text}", page: 2, paragraph: {n}, section: null, '
        "themes: [partnership], checked: report}\n"
        for n, (key, text) in enumerate(IT_SENTENCES.items(), 1)
    )
    from tests.conftest import REPORT_YAML

    bank = load_bank(make_bank({"report-2017.yaml": REPORT_YAML + passages}))
    case_file = tmp_path / "case.yaml"
    case_file.write_text(CASE_YAML.replace("old-good", "ex-summary"), encoding="utf-8")
    case = load_case(case_file, bank)
    quoted = "".join(f"{{{{ quote('{key}') }}}}\n" for key in IT_SENTENCES)
    warnings = render(tmp_path, case, bank, quoted).warnings
    warned = sorted(k for k in IT_SENTENCES for w in warnings if f"quotation of {k} " in str(w))
    assert warned == ["it-beginning", "it-found-by", "it-judged"]


RECOMMENDATIONS = {
    "rec-support-for": (
        "Support for care leavers who are parents.",
        "identified as needing to improve",
    ),
    "rec-continue-to": ("Continue to reduce the changes of social worker.", "recommended"),
    "rec-work-with": ("Work with schools to improve attendance.", "recommended"),
}


def test_an_item_naming_what_is_to_improve_before_for_is_introduced_as_such(tmp_path, make_bank):
    """‘Support for care leavers …’ was introduced as "Ofsted recommended", as though the
    support were the advice; "Continue to …" and "Work with …" are led by their verbs."""
    passages = "".join(
        f'  - {{id: {key}, text: "{text}", page: 2, paragraph: {n}, section: null, '
        "role: recommendation, themes: [partnership], checked: report}\n"
        for n, (key, (text, _)) in enumerate(RECOMMENDATIONS.items(), 1)
    )
    from tests.conftest import REPORT_YAML

    bank = load_bank(make_bank({"report-2017.yaml": REPORT_YAML + passages}))
    case_file = tmp_path / "case.yaml"
    case_file.write_text(CASE_YAML.replace(", old-good", ""), encoding="utf-8")
    case = load_case(case_file, bank)
    said = render(
        tmp_path, case, bank, "".join(f"{{{{ says('{k}') }}}}\n" for k in RECOMMENDATIONS)
    )
    assert said.markdown.split("\n")[:3] == [
        f"Ofsted {verb}" for _, verb in RECOMMENDATIONS.values()
    ]
