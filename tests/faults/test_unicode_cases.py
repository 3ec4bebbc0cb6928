"""Any Unicode in any case field — controls, surrogates, RTL overrides, huge lengths — gives
a .docx Word can open or one ``error:`` line per problem, exit 2: never a traceback."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carecite.cli.app import cli
from tests.conftest import docx_to_pdf_text, needs_soffice
from tests.faults.conftest import CASE_YAML

BASE: dict[str, Any] = yaml.safe_load(CASE_YAML)
# Where a lawyer types free text: each is replaced by generated text in turn.
FIELDS = [
    ("court", "name"),
    ("court", "sitting_at"),
    ("case_number",),
    ("local_authority",),
    ("parents", 0, "name"),
    ("children", 0, "initials"),
    ("guardian",),
    ("hearing", "type"),
    ("author", "name"),
    ("author", "chambers"),
]
# Everything Unicode has, weighted towards what breaks things: C0/C1 controls, lone
# surrogates, bidi overrides, zero-width joiners, noncharacters, and astral characters.
NASTY = st.sampled_from(
    [
        "\x00",
        "\x07",
        "\x1b",
        "\x85",
        "\ud800",
        "\udfff",
        "\u202e",
        "\u2066",
        "\u200d",
        "\ufeff",
        "\uffff",
        "\U0001f600",
        "{{",
        "*",
        "\n",
        "\t",
    ]
)
TEXT = (
    st.lists(st.one_of(st.characters(), NASTY), max_size=40).map("".join)
    | st.text(min_size=300, max_size=3000)
    # Long and printable, so that it reaches Word (whose core properties stop at 255).
    | st.text(
        st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=256, max_size=2000
    )
)
WRITTEN: list[Path] = []


def _case(field: tuple[str | int, ...], value: str) -> str:
    data = yaml.safe_load(CASE_YAML)
    node = data
    for step in field[:-1]:
        node = node[step]
    node[field[-1]] = value
    return yaml.safe_dump(data, allow_unicode=True)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(FIELDS), value=TEXT)
def test_any_text_in_any_field_drafts_or_is_one_line_per_problem(
    bank: Path, draft: tuple[str, str], tmp_path: Path, field: tuple[str | int, ...], value: str
) -> None:
    case = tmp_path / "case.yaml"
    # A lone surrogate cannot be UTF-8: written as it would be by a broken editor.
    case.write_bytes(_case(field, value).encode("utf-8", "surrogatepass"))
    out = tmp_path / f"draft-{len(WRITTEN)}.docx"
    result = CliRunner().invoke(cli, ["--bank", str(bank), *draft, str(case), "-o", str(out)])
    assert "Traceback" not in result.output
    assert "internal error" not in result.stderr, result.stderr
    if result.exit_code == 0:
        document = docx.Document(io.BytesIO(out.read_bytes()))
        assert document.paragraphs
        WRITTEN.append(out)
    else:
        assert result.exit_code == 2, result.output
        assert not out.exists()
        problems = [line for line in result.stderr.splitlines() if not line.startswith("warning: ")]
        assert problems and all(line.startswith("error: ") for line in problems[:-1] or problems), (
            problems
        )


@needs_soffice
def test_libreoffice_opens_a_draft_of_hostile_text(
    bank: Path, draft: tuple[str, str], tmp_path: Path
) -> None:
    """A handful in a real Word client: bidi overrides, astral and combining characters."""
    for n, value in enumerate(
        ["\u202eevil\u202c Ltd \U0001f600", "A" * 2000, "Ze\u0301\u200d\ufeff <w:t> & {{x}}"]
    ):
        case = tmp_path / f"case-{n}.yaml"
        case.write_text(_case(("case_number",), value), encoding="utf-8")
        out = tmp_path / f"d-{n}.docx"
        result = CliRunner().invoke(cli, ["--bank", str(bank), *draft, str(case), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "Skeleton argument in" in docx_to_pdf_text(out)
