"""The plot: valid SVG, one line per judgement area, framework changes, no invented grades."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from carecite.history.authorities import Authority
from carecite.history.inspections import History, Inspection, OverallStatus
from carecite.history.plot import history_svg
from carecite.model import Judgement

SVG = "{http://www.w3.org/2000/svg}"


def inspection(day: date, *grades: tuple[str, str]) -> Inspection:
    judgements = tuple(Judgement(area, grade) for area, grade in grades)
    status = OverallStatus.RECORDED if judgements else OverallStatus.NOT_RECORDED
    return Inspection("Westshire", day, None, None, "ILACS", judgements, status, None)


def test_one_line_per_area_broken_where_nothing_was_recorded() -> None:
    history = History(
        Authority("westshire", "Westshire"),
        (
            inspection(date(2017, 4, 7), ("Overall effectiveness", "inadequate")),
            inspection(date(2018, 1, 19)),  # not recorded: breaks the line
            inspection(
                date(2019, 7, 22),
                ("Overall effectiveness", "requires improvement"),
                ("The impact of leaders", "good"),
            ),
            inspection(
                date(2023, 1, 13),
                ("Overall effectiveness", "good"),
                ("The impact of leaders", "outstanding"),
            ),
        ),
    )
    root = ET.fromstring(history_svg(history))
    lines = root.findall(f"{SVG}polyline")
    # overall: 2017 alone, then 2019–2023; leaders: 2019–2023.
    assert sorted(len(line.get("points", "").split()) for line in lines) == [1, 2, 2]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Westshire: Ofsted judgements over time" in texts
    assert "ILACS (Jan 2018)" in texts
    assert "care leavers judged apart (Jan 2023)" in texts
    assert "SIF (Nov 2013)" not in texts  # outside the years drawn
    assert {"outstanding", "good", "requires improvement", "inadequate", "not recorded"} <= set(
        texts
    )
    hollow = [c for c in root.iter(f"{SVG}circle") if c.get("fill") == "#ffffff"]
    assert len(hollow) == 2  # the 2018 inspection and the legend's "not recorded"


def test_a_grade_sits_on_its_level() -> None:
    history = History(
        Authority("westshire", "Westshire"),
        (
            inspection(date(2019, 1, 1), ("Overall effectiveness", "outstanding")),
            inspection(date(2022, 1, 1), ("Overall effectiveness", "inadequate")),
        ),
    )
    root = ET.fromstring(history_svg(history))
    (line,) = root.findall(f"{SVG}polyline")
    (_, top), (_, bottom) = (map(float, p.split(",")) for p in line.get("points", "").split())
    labels = {t.text: float(t.get("y", 0)) for t in root.iter(f"{SVG}text")}
    assert abs(top - labels["outstanding"]) < 12
    assert abs(bottom - labels["inadequate"]) < 12
