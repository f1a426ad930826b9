"""The duplicate checks through ``cutover check``: each check's example written as a situation file; bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cutover.cli import main
from cutover.duplicates import CHECKS, Check, Severity
from test_duplicates import EXPECTED, NOT_ALONE

SITUATIONS = Path(__file__).parent / "situations"

#: ``cutover check`` exits 1 when any finding is a blocker, else 0.
EXIT_CODES = {Severity.BLOCKER: 1, Severity.WARNING: 0}


def _check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    status = main(["check", str(path), "--format", "json", "--lang", "en"])
    out, err = capsys.readouterr()
    return status, out, err


def _situation_file(folder: Path, rule: Check) -> Path:
    """The check's example written as a service desk would write it: a comment and only the fields it sets."""
    lines = [f"# The example of {rule.id}.", *(f"{key} = {json.dumps(value)}" for key, value in rule.example.items())]
    path = folder / f"{rule.id}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("rule", CHECKS, ids=lambda c: c.id)
def test_each_check_example_gives_its_finding(capsys: pytest.CaptureFixture[str], tmp_path: Path, rule: Check) -> None:
    """A check's example as a file gives that finding, with the severity and steps of the table, and the exit code.

    Nothing else is found but what the table of examples that cannot show their check alone says.
    """
    ids = NOT_ALONE.get(rule.id, (rule.id,))
    expected = (
        sorted((i, EXPECTED[i][0].value, list(EXPECTED[i][1])) for i in ids),
        max(EXIT_CODES[EXPECTED[i][0]] for i in ids),
    )
    status, out, _ = _check(capsys, _situation_file(tmp_path, rule))
    assert expected == (sorted((f["id"], f["severity"], f["steps"]) for f in json.loads(out)), status)


def test_clean_switch_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """A clean situation after the switch gives no finding and exit 0."""
    assert (0, "[]\n", "") == _check(capsys, SITUATIONS / "clean.toml")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed-toml", "1: invalid TOML: Invalid value (column 20)"),
        ("malformed-unknown-key", "1: exporter_runing: unknown key (did you mean 'exporter_running'?)"),
        ("malformed-wrong-type", "1: exporter_running: must be true or false, not 'no'"),
    ],
)
def test_malformed_file_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], name: str, message: str) -> None:
    """A malformed file gives exit 2 and one line naming the file, line and key, and no traceback."""
    expected = (2, "", f"cutover: error: {SITUATIONS / name}.toml:{message}\n")
    assert expected == _check(capsys, SITUATIONS / f"{name}.toml")
