"""The duplicate cases the runbook must catch, each written as a situation file and run through ``cutover check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cutover.cli import main
from cutover.duplicates import CHECKS

SITUATIONS = Path(__file__).parent / "situations"

#: One file per case: the finding it must give, its severity, the steps that prevent or repair it, and the exit code.
CASES = {
    "platform-account-in-variant-a": ("blocker", ["mail-no-platform-account"], 1),
    "performer-mail-service-running": (
        "blocker",
        ["mail-stop-performer-service", "mail-deactivate-performer-accounts"],
        1,
    ),
    "inbox-not-emptied": ("blocker", ["mail-empty-inbox"], 1),
    "address-book-not-empty": ("blocker", ["contacts-empty-address-book"], 1),
    "calendar-sync-duplicates": ("warning", ["calendar-enable-sync"], 0),
    "performer-listings-online": (
        "blocker",
        ["portal-deactivate-listings", "portal-transmit-offline", "portal-verify-offline"],
        1,
    ),
    "performer-transfer-possible": ("blocker", ["portal-block-performer-transfer"], 1),
    "exporter-running-with-platform-portals": ("blocker", ["portal-stop-exporter"], 1),
    "exporter-stopped-while-working-in-performer": (
        "blocker",
        ["lead-keep-exporter-running", "lead-inform-staff", "lead-stop-work-in-performer"],
        1,
    ),
    "exporter-stopped-without-mail-accounts": ("blocker", ["mail-create-platform-accounts"], 1),
    "mail-sent-from-performer-with-platform-accounts": ("blocker", ["mail-choose-variant"], 1),
    "mail-sent-from-performer-exporter-stopped": ("blocker", ["lead-keep-exporter-running", "mail-choose-variant"], 1),
}


#: Where one situation cannot show a case alone, the other findings it must give as well.
#: Mail still sent from Performer with the Exporter stopped means either platform mailboxes (S18) or none (S14).
ALSO = {
    "mail-sent-from-performer-exporter-stopped": [
        ("exporter-stopped-without-mail-accounts", "blocker", ["mail-create-platform-accounts"]),
    ],
}


def _check(capsys: pytest.CaptureFixture[str], name: str) -> tuple[int, str, str]:
    status = main(["check", str(SITUATIONS / f"{name}.toml"), "--format", "json", "--lang", "en"])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_case_gives_its_finding(capsys: pytest.CaptureFixture[str], case: str) -> None:
    """The situation file of a case gives that finding, with its severity, steps and exit code, and nothing else."""
    severity, steps, exit_code = CASES[case]
    status, out, _ = _check(capsys, case)
    found = [(f["id"], f["severity"], f["steps"]) for f in json.loads(out)]
    expected = [(case, severity, steps), *ALSO.get(case, [])]
    assert (sorted(expected), exit_code) == (sorted(found), status)


def test_clean_switch_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """A clean situation after the switch gives no finding and exit 0."""
    assert (0, "[]\n", "") == _check(capsys, "clean")


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
    assert expected == _check(capsys, name)


def test_every_check_has_a_case() -> None:
    """Each duplicate check of the package is one of the cases here, so a new check needs its situation file."""
    assert {c.id for c in CHECKS} == set(CASES)
