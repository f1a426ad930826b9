"""Unit tests of ``python -m cutover``: the module runs the command line and exits with its code."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest


def _run_module(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int | str | None:
    monkeypatch.setattr("sys.argv", ["cutover", *argv])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("cutover", run_name="__main__")
    return info.value.code


def test_module_exits_0_on_success(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], samples: Path
) -> None:
    """``python -m cutover validate`` on a valid catalogue exits 0 and prints the summary."""
    code = _run_module(monkeypatch, "--runbook", str(samples / "valid"), "validate", "--lang", "en")
    assert (0, f"{samples / 'valid'}: 3 steps, 2 statements, all valid\n") == (code, capsys.readouterr().out)


def test_module_exits_2_on_bad_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], samples: Path
) -> None:
    """``python -m cutover`` passes the exit code 2 of a broken catalogue on to the shell."""
    code = _run_module(monkeypatch, "--runbook", str(samples / "uncarried-statement"), "validate")
    expected = (2, 1)
    assert expected == (code, len(capsys.readouterr().err.splitlines()))


def test_module_exits_1_on_a_blocker(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``python -m cutover check`` exits 1 when a blocker is found."""
    situation = tmp_path / "situation.toml"
    situation.write_text("exporter_running = false\n", encoding="utf-8")
    monkeypatch.delenv("CUTOVER_RUNBOOK", raising=False)
    code = _run_module(monkeypatch, "check", str(situation))
    expected = (1, "HINDERNIS")
    assert expected == (code, capsys.readouterr().out[:9])
