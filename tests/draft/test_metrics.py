"""Font metrics: the words' widths the length estimate wraps lines by."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from carecite.draft.metrics import KnownWidths, metrics_for

TEXT = st.text(alphabet=st.sampled_from("aAwW il.,’“—  \u00a0€5"), max_size=40)


@settings(deadline=None)  # a loaded machine is not a failure
@given(text=TEXT, size=st.sampled_from([12.0, 6.96, 10.5]), bold=st.booleans())
def test_remembered_widths_are_the_widths_of_the_words(text, size, bold):
    for font in ("Arial", "Times New Roman"):
        metrics = metrics_for(font)
        known = KnownWidths(metrics)
        expected = [metrics.width(word, size, bold=bold) for word in text.split(" ")]
        assert known.words(text, size, bold) == expected
        assert known.words(text, size, bold) == expected  # the second time from memory
        assert known.width(text, size, bold) == metrics.width(text, size, bold=bold)


def test_bold_and_size_are_remembered_apart():
    known = KnownWidths(metrics_for("Arial"))
    regular = known.width("Judgment", 12.0, False)
    assert known.width("Judgment", 12.0, True) > regular
    assert known.width("Judgment", 6.0, False) == regular / 2
