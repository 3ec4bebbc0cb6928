"""The console script's entry, ``carecite.cli.main`` (issue 17's start-up work)."""

from __future__ import annotations

import gc

import pytest

import carecite.cli
from carecite.cli import app


def test_a_command_runs_with_the_cycle_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """The collector is off only while the command line is imported: a long command
    (``serve``) must have it on, or its cycles would never be freed."""
    seen: list[bool] = []
    monkeypatch.setattr(app, "main", lambda: seen.append(gc.isenabled()))
    try:
        carecite.cli.main()
    finally:
        gc.unfreeze()  # this test process's objects, set aside by the entry, go back
    assert seen == [True]
    assert gc.isenabled()
