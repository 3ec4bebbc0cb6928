"""The raw WordprocessingML builders, against what python-docx's own API writes."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.text.parfmt import CT_PPr
from hypothesis import given, settings
from hypothesis import strategies as st

from carecite.draft.write import ooxml


@settings(deadline=None)  # a loaded machine is not a failure
@given(text=st.text(alphabet=st.sampled_from("ab é\t\r\n"), max_size=30))
def test_a_runs_text_is_written_as_python_docx_writes_it(text):
    paragraph = docx.Document().add_paragraph()
    theirs = paragraph.add_run(text)
    ours = paragraph.add_run()
    ooxml.add_text(ours._r, text)
    assert ours._r.xml == theirs._r.xml
    assert ours.text == text.replace("\r", "\n")


@pytest.mark.parametrize("numbering", [None, (3, 1), (0, 0)], ids=["plain", "(a)", "heading"])
def test_a_new_paragraph_has_its_style_then_its_numbering_as_python_docx_orders_them(numbering):
    ours, theirs = OxmlElement("w:p"), OxmlElement("w:p")
    ooxml.start_paragraph(ours, "Quote2", numbering)
    if numbering is not None:
        num_pr = theirs.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = numbering[1]
        num_pr.get_or_add_numId().val = numbering[0]
    theirs.get_or_add_pPr().style = "Quote2"
    assert ours.xml == theirs.xml
    second = OxmlElement("w:p")
    ooxml.start_paragraph(second, "Quote2", numbering)  # its own copy: the first keeps its
    assert ours.xml == second.xml == theirs.xml
    assert isinstance(ours.pPr, CT_PPr)  # python-docx's API still works on it
    ours.pPr.keepNext_val = True
    names = [child.tag.rpartition("}")[2] for child in ours.pPr]
    assert names == ["pStyle", "keepNext"] + (["numPr"] if numbering else [])


def test_start_paragraph_takes_only_an_empty_paragraph():
    paragraph = docx.Document().add_paragraph("text")
    with pytest.raises(ValueError, match="new, empty"):
        ooxml.start_paragraph(paragraph._p, "Normal", None)
