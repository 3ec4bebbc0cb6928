"""`carecite import` on every corpus report: a source that passes `check` and `verify`,
whose judgements and dates agree with MANIFEST.csv where it has them."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from carecite.bank.load import load_bank
from carecite.cli.app import cli
from carecite.errors import SourceError
from carecite.reports.importer import import_report, report_facts
from carecite.reports.ingest import read_report
from carecite.reports.verify import verify_bank

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "corpus"
SHIPPED_THEMES = Path(__file__).resolve().parents[2] / "quotes" / "themes.yaml"
MANIFEST = (
    list(csv.DictReader((CORPUS / "MANIFEST.csv").read_text(encoding="utf-8").splitlines()))
    if CORPUS.is_dir()
    else []
)
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the corpus is not at {CORPUS}")

# MANIFEST's judgement columns and the words that name each area in a report's table.
AREAS = {
    "overall_effectiveness": "overall effectiveness",
    "impact_of_leaders": "impact of leaders",
    "help_and_protection": "help and protection",
    "children_in_care": "children in care",
    "care_leavers": "care leavers",
}


# SIF reports of early 2014 that print no publication date, which the inspections dataset
# does not hold either.
UNDATED = {"ofsted-derbyshire-2014-02-11.pdf", "ofsted-staffordshire-2014-03-21.pdf"}


def scale(grade: str) -> str:
    return "requires improvement to be good" if grade == "requires improvement" else grade


@pytest.fixture
def bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "bank"
    folder.mkdir()
    shutil.copyfile(SHIPPED_THEMES, folder / "themes.yaml")
    return folder


@needs_corpus
@pytest.mark.parametrize("row", MANIFEST, ids=[r["file"][7:-4] for r in MANIFEST])
def test_import_makes_a_source_that_checks_verifies_and_agrees_with_the_manifest(row, bank):
    if row["file"] in UNDATED:
        # The report prints no publication date and the dataset does not hold it: import
        # asks for --published rather than guess, and takes the date given.
        with pytest.raises(SourceError, match="--published"):
            import_report(CORPUS / row["file"], bank)
        made = import_report(
            CORPUS / row["file"], bank, published=date.fromisoformat(row["published"])
        )
    else:
        made = import_report(CORPUS / row["file"], bank)
    loaded = load_bank(bank)  # `carecite check`: raises on any problem
    source = loaded.sources[made.source.id]
    verdicts = verify_bank(loaded, bank / "reports")
    assert [v for v in verdicts if v.failed] == []
    assert len(verdicts) == len(made.passages) > 0
    assert source.published == date.fromisoformat(row["published"])
    assert source.report_file == row["file"]
    if row["inspected_from"]:
        assert source.inspection_start == date.fromisoformat(row["inspected_from"])
        assert source.inspection_end == date.fromisoformat(row["inspected_to"])
    areas = {j.area.lower(): j.grade for j in source.judgements}
    for column, words in AREAS.items():
        wanted = row[column]
        matching = [grade for area, grade in areas.items() if words in area]
        if column == "care_leavers":  # its own area since 2023; before, with children in care
            matching = [g for a, g in areas.items() if words in a and "children in care" not in a]
        if wanted == "not_reported_post_reform":
            assert matching == [], "the April 2026 framework gives no overall judgement"
        elif wanted:
            assert matching == [scale(wanted)], column


@needs_corpus
def test_import_again_is_refused_without_force_and_keeps_its_ids(bank):
    from carecite.errors import OutputExistsError

    report = CORPUS / "ofsted-rochdale-2014-12-05.pdf"
    first = import_report(report, bank)
    with pytest.raises(OutputExistsError) as refused:
        import_report(report, bank)
    # The same report imported before: the remedy is to replace it, never another source id,
    # which would hold one report twice. A dry run (the web's preview) says the same.
    reimport = (
        "it is this report, imported before; to replace it with this reading, pass --force "
        "(under another --id the bank would hold the same report twice)"
    )
    assert refused.value.problems[0].hint == reimport
    assert str(refused.value) == (
        f"{bank / 'ofsted-rochdale-2014.yaml'}: already holds this report, as "
        f"ofsted-rochdale-2014 of your bank; nothing was written — {reimport}"
    )
    assert str(import_report(report, bank, dry_run=True).refusal) == str(refused.value)
    # Under another id it is the same report: refused, --force or not.
    for force in (False, True):
        with pytest.raises(OutputExistsError, match="as ofsted-rochdale-2014 of your bank"):
            import_report(report, bank, source_id="rochdale-again", force=force)
    assert sorted(p.name for p in bank.glob("*.yaml")) == [
        "ofsted-rochdale-2014.yaml",
        "themes.yaml",
    ]
    again = import_report(report, bank, force=True)
    assert again.source.id == first.source.id == "ofsted-rochdale-2014"
    assert [p.id for p in again.passages] == [p.id for p in first.passages]
    assert first.passages[0].id.startswith("roch14-")
    # Another report given that id (--id) is another report: it takes another id.
    other = CORPUS / "ofsted-wigan-2025-11-26.pdf"
    with pytest.raises(OutputExistsError) as clash:
        import_report(other, bank, source_id="ofsted-rochdale-2014")
    assert clash.value.problems[0].hint == (
        "import it under another source id with --id, or pass --force to replace it"
    )
    assert import_report(other, bank, dry_run=True).refusal is None


@needs_corpus
def test_a_pdf_named_as_another_in_reports_never_replaces_it_unasked(bank, tmp_path):
    from carecite.errors import OutputExistsError

    # Two authorities' downloads both called report.pdf: the second source would name the
    # first's PDF, and verify and the audit would read it as the second report.
    first, second = tmp_path / "a" / "report.pdf", tmp_path / "b" / "report.pdf"
    for report, name in ((first, "blackpool-2014-09-08"), (second, "brent-2015-11-30")):
        report.parent.mkdir()
        shutil.copyfile(CORPUS / f"ofsted-{name}.pdf", report)
    assert import_report(first, bank).source.report_file == "report.pdf"
    said = (
        f"{bank / 'reports'}: holds another file named report.pdf, the report of "
        "ofsted-blackpool-2014: ofsted-brent-2015 would be verified and audited against it; "
        "nothing was written — rename the PDF (to ofsted-brent-2015.pdf, say) and import it "
        "again"
    )
    for force in (False, True):  # --force would break the link of the source that has it
        with pytest.raises(OutputExistsError) as refused:
            import_report(second, bank, force=force)
        assert str(refused.value) == said
    assert str(import_report(second, bank, dry_run=True).refusal) == said
    assert (bank / "reports" / "report.pdf").read_bytes() == first.read_bytes()
    assert not (bank / "ofsted-brent-2015.yaml").exists()
    # The same PDF imported again (--force) finds itself there: nothing to refuse.
    assert import_report(first, bank, force=True).written
    renamed = second.rename(second.with_name("ofsted-brent-2015.pdf"))
    assert import_report(renamed, bank).source.report_file == "ofsted-brent-2015.pdf"
    assert (bank / "reports" / renamed.name).read_bytes() == renamed.read_bytes()
    # A file no source names (an older download, say) is replaced only with --force.
    (bank / "reports" / "wigan.pdf").write_bytes(b"%PDF-1.4 an older download")
    wigan = tmp_path / "wigan.pdf"
    shutil.copyfile(CORPUS / "ofsted-wigan-2025-11-26.pdf", wigan)
    with pytest.raises(OutputExistsError) as stray:
        import_report(wigan, bank)
    assert str(stray.value).endswith(
        "— rename the PDF (to ofsted-wigan-2025.pdf, say) and import it again, or pass --force "
        "to replace that file"
    )
    import_report(wigan, bank, force=True)
    assert (bank / "reports" / "wigan.pdf").read_bytes() == wigan.read_bytes()


@needs_corpus
def test_a_pdf_not_copied_is_refused_a_name_another_source_or_file_has(bank, tmp_path):
    """With --no-copy nothing was checked: a second report.pdf was imported, and verify read
    the first source's PDF as its report (176 passages not found), or the first, imported
    without its PDF, was checked against the second's once that was copied in."""
    from carecite.errors import OutputExistsError

    first, second = tmp_path / "a" / "report.pdf", tmp_path / "b" / "report.pdf"
    for report, name in ((first, "blackpool-2014-09-08"), (second, "brent-2015-11-30")):
        report.parent.mkdir()
        shutil.copyfile(CORPUS / f"ofsted-{name}.pdf", report)
    assert import_report(first, bank, copy=False).source.report_file == "report.pdf"
    rename = "rename the PDF (to ofsted-brent-2015.pdf, say) and import it again"
    named = (
        f"{second}: has the name of ofsted-blackpool-2014's report file: the two sources would "
        f"be verified and audited against one file; nothing was written — {rename}"
    )
    for copy in (True, False):  # copied, it would stand in for the first source's report
        for force in (False, True):
            with pytest.raises(OutputExistsError) as refused:
                import_report(second, bank, copy=copy, force=force)
            assert str(refused.value) == named
        assert str(import_report(second, bank, copy=copy, dry_run=True).refusal) == named
    assert not (bank / "reports").exists()
    # The first's PDF in the bank's reports folder (the one verify reads unless told another).
    import_report(first, bank, force=True)
    with pytest.raises(OutputExistsError) as there:
        import_report(second, bank, copy=False)
    assert str(there.value) == (
        f"{bank / 'reports'}: holds another file named report.pdf, the report of "
        f"ofsted-blackpool-2014: ofsted-brent-2015 would be verified and audited against it; "
        f"nothing was written — {rename}"
    )
    # A file no source names, where verify would look for this source's report: not copied,
    # nothing would replace it, so --force does not pass it.
    stray = tmp_path / "c" / "wigan.pdf"
    stray.parent.mkdir()
    shutil.copyfile(CORPUS / "ofsted-wigan-2025-11-26.pdf", stray)
    (bank / "reports" / "wigan.pdf").write_bytes(b"%PDF-1.4 an older download")
    for force in (False, True):
        with pytest.raises(OutputExistsError) as refused:
            import_report(stray, bank, copy=False, force=force)
        assert str(refused.value) == (
            f"{bank / 'reports'}: holds another file named wigan.pdf: ofsted-wigan-2025 would be "
            "verified and audited against it; nothing was written — rename the PDF (to "
            "ofsted-wigan-2025.pdf, say) and import it again, or remove that file"
        )
    (bank / "reports" / "wigan.pdf").write_bytes(stray.read_bytes())  # the same report there
    assert import_report(stray, bank, copy=False).written
    assert sorted(p.name for p in bank.glob("*.yaml")) == [
        "ofsted-blackpool-2014.yaml",
        "ofsted-wigan-2025.yaml",
        "themes.yaml",
    ]


@needs_corpus
@pytest.mark.parametrize("name", ["themes", "thesaurus"])
def test_no_source_takes_the_name_of_the_bank_s_own_files(bank, name):
    """--id thesaurus wrote the report where the bank's thesaurus goes (check then refused
    the bank, and no source had the id), and --id themes --force replaced its themes.yaml."""
    from carecite.errors import BankError

    (bank / "thesaurus.yaml").write_text("concepts: {}\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in bank.iterdir()}
    for dry_run, force in ((True, False), (False, False), (False, True)):
        with pytest.raises(BankError) as refused:
            import_report(
                CORPUS / "ofsted-wigan-2025-11-26.pdf",
                bank,
                source_id=name,
                dry_run=dry_run,
                force=force,
            )
        assert str(refused.value) == (
            f"'{name}' names the bank's {name}.yaml, so no source can have it as its id; "
            "nothing was written — import it under another source id with --id"
        )
    assert {p.name: p.read_bytes() for p in bank.iterdir()} == before


SHIPPED_REPORT = CORPUS.parent / "reports" / "ofsted-tower-hamlets-2017-04-07.pdf"
needs_shipped_report = pytest.mark.skipif(
    not SHIPPED_REPORT.is_file(), reason=f"no report at {SHIPPED_REPORT}"
)


@pytest.fixture
def own_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bank as `carecite init` makes it: the shipped bank lies beneath."""
    from carecite.bank.user import init_bank

    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    return init_bank(tmp_path / "mine")


@needs_shipped_report
def test_a_report_the_shipped_bank_holds_is_never_imported(own_bank):
    """Imported, the shipped (hand-checked) Tower Hamlets 2017 source was replaced by a reading
    under another short name and other passage ids: a draft's wrong quotation of it became an
    unchecked phrase and the audit said 0 need attention. It is refused, --force or not, dry
    run or not, and nothing is written."""
    from carecite.errors import OutputExistsError

    before = sorted(own_bank.rglob("*"))
    for force in (False, True):
        with pytest.raises(OutputExistsError) as refused:
            import_report(SHIPPED_REPORT, own_bank, force=force)
        said = str(refused.value)
        assert said.startswith(
            f"{SHIPPED_REPORT}: is already in the bank shipped with carecite, as "
            "ofsted-tower-hamlets-2017 (“Ofsted 2017 report”, checked by hand against the "
            "report); nothing was written — cite that source as it is (run 'carecite sources')"
        )
        assert "other passage ids" in said and "would no longer match it" in said
        dry = import_report(SHIPPED_REPORT, own_bank, force=force, dry_run=True)
        assert str(dry.refusal) == said
    assert sorted(own_bank.rglob("*")) == before
    assert "ofsted-tower-hamlets-2017" not in load_bank(own_bank).replaced


@needs_shipped_report
def test_a_file_of_yours_replacing_the_shipped_report_is_named_to_be_removed(own_bank):
    """A bank where an earlier import replaced the shipped source (before it was refused):
    importing the report again names that file and says to remove it."""
    from carecite.errors import OutputExistsError
    from carecite.resources import shipped_bank

    mine = own_bank / "ofsted-tower-hamlets-2017.yaml"
    shutil.copyfile(shipped_bank() / mine.name, mine)
    with pytest.raises(OutputExistsError) as refused:
        import_report(SHIPPED_REPORT, own_bank, force=True)
    assert str(refused.value).endswith(
        f"; your file {mine} holds it too, in place of the shipped one: remove that file to "
        "cite the checked source"
    )


@needs_corpus
def test_another_report_never_takes_a_shipped_source_s_id(own_bank):
    from carecite.errors import OutputExistsError

    for force in (False, True):
        with pytest.raises(OutputExistsError) as refused:
            import_report(
                CORPUS / "ofsted-rochdale-2014-12-05.pdf",
                own_bank,
                source_id="ofsted-tower-hamlets-2017",
                force=force,
            )
        assert str(refused.value) == (
            "ofsted-tower-hamlets-2017 is the id of “Ofsted 2017 report”, a source of the bank "
            "shipped with carecite: a source of yours with that id would replace it; nothing "
            "was written — import it under another source id with --id"
        )
    assert list(own_bank.glob("ofsted-*")) == []


@needs_corpus
def test_dry_run_writes_nothing(bank):
    made = import_report(CORPUS / "ofsted-wigan-2025-11-26.pdf", bank, dry_run=True)
    assert not made.file.exists() and not (bank / "reports").exists()
    assert made.file == bank / "ofsted-wigan-2025.yaml"


@needs_corpus
def test_strict_refuses_a_report_with_warnings(bank):
    from carecite.errors import SourceError

    with pytest.raises(SourceError, match=r"no paragraph 15"):
        import_report(CORPUS / "ofsted-windsor-and-maidenhead-2020-02-24.pdf", bank, strict=True)
    assert list(bank.glob("ofsted-*.yaml")) == []


REFERENCE = CORPUS.parent / "reports"
SHIPPED = Path(__file__).resolve().parents[2] / "quotes"


@pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"the reference reports are not at {REFERENCE}")
@pytest.mark.parametrize(
    ("report", "source_file"),
    [
        ("ofsted-tower-hamlets-2017-04-07.pdf", "ofsted-tower-hamlets-2017.yaml"),
        ("ofsted-norfolk-2015-10-20.pdf", "ofsted-norfolk-2015.yaml"),
        ("ofsted-tower-hamlets-2019-07-22.pdf", "ofsted-tower-hamlets-2019.yaml"),
        ("ofsted-norfolk-2023-01-13.pdf", "ofsted-norfolk-2023.yaml"),
        ("ofsted-tower-hamlets-2025-01-13.pdf", "ofsted-tower-hamlets-2025.yaml"),
    ],
)
def test_import_reads_the_header_the_shipped_sources_were_given_by_hand(report, source_file, bank):
    import yaml

    shipped = yaml.safe_load((SHIPPED / source_file).read_text(encoding="utf-8"))["source"]
    made = import_report(REFERENCE / report, bank, dry_run=True).source
    assert made.id == shipped["id"]
    assert made.title == shipped["title"]
    assert (made.inspection_start, made.inspection_end) == (
        shipped["inspected"]["from"],
        shipped["inspected"]["to"],
    )
    assert made.published == shipped["published"]
    assert made.headline == shipped["headline"]
    assert made.licence == shipped["licence"] and made.attribution == shipped["attribution"]
    judged = {(j.area.casefold(), j.grade) for j in made.judgements}
    assert judged == {(j["area"].casefold(), j["grade"]) for j in shipped["judgements"]}


# The areas every SIF cover's table grades, and the overall judgement its lead-in states.
SIF_AREAS = (
    "overall effectiveness",
    "help and protection",
    "looked after and achieving permanence",
    "adoption",
    "care leavers",
    "leadership",
)


@needs_corpus
@pytest.mark.parametrize("name", [r["file"] for r in MANIFEST if not r["framework_variant"]])
def test_a_sif_cover_gives_every_judgement_and_the_overall_one(name):
    """'Children's services in Brent require improvement to be good' (no 'are') is the
    overall judgement, and a row whose area and grade both wrap ('Children looked after and
    achieving / permanence' beside 'Requires / improvement to be / good') is a row: both
    were dropped without a warning (Brent 2015, Darlington 2018)."""
    facts = report_facts(read_report(CORPUS / name))
    assert facts.framework == "SIF"
    areas = [j.area.lower() for j in facts.judgements]
    assert [want for want in SIF_AREAS if not any(want in area for area in areas)] == []
    assert facts.headline is not None


def _brent_2015(folder: Path, overall: str) -> Path:
    """A SIF report's text as pdftotext gives it (Brent 2015's header), with ``overall`` as
    its cover's overall judgement line (empty: none)."""
    report = folder / "ofsted-brent-2015.txt"
    report.write_text(
        "Brent\nInspection of services for children in need of help and protection, "
        "children looked after and care leavers\n"
        "Inspection date: 14 September 2015 – 8 October 2015\n"
        "Report published: 30 November 2015\n"
        f"{overall}"
        "\fExecutive summary\n"
        "Children are not always seen promptly by their social workers when they need help.\n",
        encoding="utf-8",
    )
    return report


def test_a_sif_report_whose_overall_judgement_was_not_read_warns(bank, tmp_path):
    """An import that could not read the overall judgement says so (a warning on stderr,
    in the preview and the note, refused by --strict) rather than leave it out unremarked."""
    report = _brent_2015(tmp_path, overall="")
    made = import_report(report, bank, dry_run=True)
    assert [w.code for w in made.warnings] == ["no-overall-judgement"]
    assert "overall-effectiveness judgement could not be read" in (made.source.note or "")
    with pytest.raises(SourceError, match="overall-effectiveness judgement"):
        import_report(report, bank, strict=True)


@pytest.mark.parametrize(
    ("lscb", "codes"),
    [
        ("The Local Safeguarding Children Board is good\n", []),
        # Somerset 2015 prints its grade under "The Local Safeguarding Children is
        # inadequate"; Derbyshire 2014 only on its cover, "The judgement for the
        # effectiveness of the Local Safeguarding Children Board (LSCB) is requires
        # improvement": both sources were written with no LSCB judgement and no word of it.
        ("The Local Safeguarding Children is inadequate\n", ["no-lscb-judgement"]),
    ],
)
def test_a_sif_report_reviewing_its_lscb_whose_judgement_was_not_read_warns(
    lscb, codes, bank, tmp_path
):
    report = tmp_path / "ofsted-somerset-2015.txt"
    report.write_text(
        "Somerset County Council\nInspection of services for children in need of help and "
        "protection, children looked after and care leavers\nand\n"
        "Review of the effectiveness of the local safeguarding children board\n"
        "Inspection date: 20 January 2015 – 11 February 2015\n"
        "Report published: 27 March 2015\n"
        "The overall judgement is that children’s services are inadequate\n"
        f"\f{lscb}\nThe board does not know the scale of child sexual exploitation.\n",
        encoding="utf-8",
    )
    made = import_report(report, bank, dry_run=True)
    assert [w.code for w in made.warnings] == codes


def test_how_pages_and_paragraphs_were_numbered_is_in_the_note(bank, tmp_path):
    """A report that prints no page numbers is cited by its PDF pages, and one that numbers
    no paragraphs by page and section: ingest said so, but import left it out of the
    source, so the bank gave pinpoints with nothing saying what they count."""
    report = _brent_2015(tmp_path, "Children’s services in Brent require improvement to be good\n")
    note = import_report(report, bank, dry_run=True).source.note or ""
    assert "No printed page numbers were found: pages are numbered as in the PDF." in note
    assert "The report numbers no paragraphs" in note


def test_list_items_are_passages_without_their_bullets_and_words_left_out_are_said(bank, tmp_path):
    """Bristol 2014 p 10: one-line list items ending with no full stop were dropped without
    a word, and 635 of 4,440 imported passages began '• ', which a draft then quoted as
    Ofsted's words. A list marker is not the report's words; words left out are said."""
    report = tmp_path / "ofsted-bristol-2014.txt"
    report.write_text(
        "Bristol\nInspection of services for children in need of help and protection, "
        "children looked after and care leavers\n"
        "Inspection date: 30 September 2014 – 22 October 2014\n"
        "Report published: 5 December 2014\n"
        "The overall judgement is that children’s services require improvement\n"
        "\fInformation about this area\n\n"
        "In the last 12 months:\n"
        "• there have been 46 adoptions\n"
        "• 44 children became subjects of special guardianship orders\n\n"
        "Referrals to the front door by month and by team over the year 2014\n",
        encoding="utf-8",
    )
    made = import_report(report, bank, dry_run=True)
    assert [p.text for p in made.passages] == [
        "there have been 46 adoptions",
        "44 children became subjects of special guardianship orders",
    ]
    assert [(w.code, w.page) for w in made.warnings] == [("text-not-imported", 2)]
    assert "“Referrals to the front door by month" in made.warnings[0].message


@needs_corpus
def test_an_imported_report_is_named_by_its_authority_whatever_the_bank_holds(
    tmp_path, monkeypatch
):
    """Blackpool's 2019 report is 'Ofsted Blackpool 2019 report' in a bank of its own and
    beside Tower Hamlets' 2019 report alike: imported first it was 'Ofsted 2019 report',
    which a draft citing two councils' reports would not tell apart. Imported again under
    another id, it takes its month, as no two sources may share a name."""
    monkeypatch.setenv("CARECITE_CACHE", str(tmp_path / "cache"))
    assert CliRunner().invoke(cli, ["init", str(tmp_path / "bank")]).exit_code == 0
    made = import_report(CORPUS / "ofsted-blackpool-2019-01-17.pdf", tmp_path / "bank")
    assert made.source.short_name == "Ofsted Blackpool 2019 report"
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copyfile(SHIPPED_THEMES, alone / "themes.yaml")  # no shipped sources beneath
    made = import_report(CORPUS / "ofsted-blackpool-2019-01-17.pdf", alone)
    assert made.source.short_name == "Ofsted Blackpool 2019 report"
    # Another report of Blackpool's in 2019: the one imported, as though published in June.
    text = made.file.read_text("utf-8")
    made.file.write_text(text.replace("published: 2019-01-17", "published: 2019-06-03"), "utf-8")
    again = import_report(CORPUS / "ofsted-blackpool-2019-01-17.pdf", alone)
    assert again.source.id == "ofsted-blackpool-2019-01"
    assert again.source.short_name == "Ofsted Blackpool January 2019 report"


@needs_corpus
def test_the_lscb_judgement_is_given_once():
    """Cambridgeshire 2014 grades the LSCB in its cover table and again in the report's
    text: the source listed it twice, under two names."""
    facts = report_facts(read_report(CORPUS / "ofsted-cambridgeshire-2014-08-08.pdf"))
    boards = [j for j in facts.judgements if "safeguarding children board" in j.area.lower()]
    assert [j.grade for j in boards] == ["good"]


@needs_corpus
def test_ofsteds_definitions_of_its_grades_are_no_passages(bank):
    """Rochdale 2014 p 42 prints "What the inspection judgements mean" above its parts
    "The local authority" and "The LSCB": the standard definitions ("An outstanding local
    authority leads …") were imported as the report's findings under "The local authority"."""
    made = import_report(CORPUS / "ofsted-rochdale-2014-12-05.pdf", bank, dry_run=True)
    assert not [p for p in made.passages if p.text.startswith("An outstanding local authority")]
    assert not [w for w in made.warnings if "An outstanding local authority" in w.message]


@needs_corpus
@pytest.mark.parametrize(
    ("name", "page", "part", "role"),
    [
        # Unnumbered findings under a judgement's heading in a pilot report (pp 10-21).
        ("ofsted-derbyshire-2014-02-11.pdf", 10, "help and protection", "finding"),
        # Its summary of key findings stays a summary (p 3).
        ("ofsted-derbyshire-2014-02-11.pdf", 3, "Summary of key findings", "summary"),
        # "The LSCB's strengths", printed after "What does the LSCB need to improve?" (p 38).
        ("ofsted-blackpool-2014-09-08.pdf", 38, "The LSCB’s strengths", "finding"),
    ],
)
def test_a_passages_role_is_what_its_part_of_the_report_is(name, page, part, role, bank):
    published = date(2014, 2, 11)  # Derbyshire 2014 prints none (UNDATED)
    made = import_report(CORPUS / name, bank, dry_run=True, published=published)
    roles = {p.role for p in made.passages if p.page == page and part in (p.section or "")}
    assert roles == {role}


@needs_corpus
def test_inspection_dates_with_a_dash_set_close_up_are_read():
    """Wirral 2016's cover: "Inspection date: 4 July 2016–28 July 2016"."""
    facts = report_facts(read_report(CORPUS / "ofsted-wirral-2016-09-20.pdf"))
    assert (facts.inspected_from, facts.inspected_to) == (date(2016, 7, 4), date(2016, 7, 28))


@needs_corpus
def test_the_inspection_team_is_neither_a_passage_nor_a_warning(bank):
    """Blackpool 2014 p 42, "Information about the inspection and the review": the team's
    names were a passage only while the back page's complaints notice ran on after them."""
    made = import_report(CORPUS / "ofsted-blackpool-2014-09-08.pdf", bank, dry_run=True)
    assert not [p for p in made.passages if p.text.startswith("Team inspectors:")]
    assert not [w for w in made.warnings if "Team inspectors:" in w.message]


@needs_corpus
def test_the_account_of_the_inspection_itself_is_no_passage(bank):
    """Every SIF report prints the same "Information about this inspection" ("Inspectors
    have looked closely at the experiences of children and young people …", the law it was
    made under, the team): not findings, and searched it came first for care leavers."""
    made = import_report(CORPUS / "ofsted-darlington-2018-05-21.pdf", bank, dry_run=True)
    assert not [p for p in made.passages if p.text.startswith("Inspectors have looked closely")]
    assert not [p for p in made.passages if "section 136 of the Education" in p.text]
    assert not [w for w in made.warnings if "Inspectors have looked closely" in w.message]
    # The area's figures, a part of its own, are still imported.
    assert [p for p in made.passages if p.role == "context"]
