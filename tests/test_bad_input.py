"""Broken and hostile input, tried the way a careless author, a translator or a service desk agent would.

Each case runs ``python -m cutover`` as a real process, all cases at once, with a generous timeout: the promise is a
clear message naming the file (and line where there is one), exit 2, bounded output, no traceback, no raw terminal
escape and no hang. How fast each case answers belongs in the benchmark, not here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cutover import cli

ROOT = Path(__file__).resolve().parents[1]
RUNBOOK = ROOT / "runbook"
TIMEOUT = 120  # seconds: far more than any case needs, so that only a hang fails here
EXIT_OK, EXIT_BLOCKER, EXIT_BAD_INPUT = 0, 1, 2
IMPORTED = Path(cli.__file__).resolve().parents[1]
"""The folder of the cutover these tests import; each process runs that one, not one installed elsewhere."""


@dataclass(frozen=True)
class Ran:
    """What a run of the command printed (stdout and stderr, as a terminal shows them) and its exit code."""

    status: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        """Every line printed on stderr."""
        return self.err.splitlines()


def _environ(*dropped: str) -> dict[str, str]:
    """The environment of this process without the variables starting with ``dropped``; cutover comes from IMPORTED.

    A relative or missing $PYTHONPATH would otherwise let a process started in another folder run another checkout's
    cutover, with that checkout's editions.
    """
    environ = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    environ["PYTHONPATH"] = os.pathsep.join([str(IMPORTED), *filter(None, [os.environ.get("PYTHONPATH")])])
    return environ


def _situation(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def _runbook(folder: Path, name: str, change: Callable[[Path], None]) -> Path:
    """A copy of the real catalogue, changed in one place."""
    copy = folder / name
    shutil.copytree(RUNBOOK, copy)
    change(copy)
    return copy


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


LONG_ALIAS = "lead-" + "x" * 500


def _long_alias(runbook: Path) -> None:
    _replace(runbook / "steps.toml", 'id = "lead-decide"\n', f'id = "lead-decide"\naliases = ["{LONG_ALIAS}"]\n')
    with (runbook / "published-ids.txt").open("a", encoding="utf-8") as published:
        published.write(LONG_ALIAS + "\n")


def _bom(name: str) -> Callable[[Path], None]:
    def add(runbook: Path) -> None:
        (runbook / name).write_bytes(b"\xef\xbb\xbf" + (runbook / name).read_bytes())

    return add


def _loop(name: str) -> Callable[[Path], None]:
    def link(runbook: Path) -> None:
        (runbook / name).unlink()
        (runbook / name).symlink_to(name)

    return link


def _escape_in_title(runbook: Path) -> None:
    _replace(runbook / "steps.toml", 'de = "Entscheiden', 'de = "\\u001b]0;owned\\u0007\\u001b[2JEntscheiden')


def _bad_site(runbook: Path) -> None:
    (runbook / "site.toml").write_text('base_url = "umstieg example"\n', encoding="utf-8")


def _cases(folder: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Every case: the command line's arguments and the environment it adds."""
    fifo = folder / "fifo.toml"
    os.mkfifo(fifo)
    nested = "[" * 500 + "]" * 500
    situations = {
        "nested arrays": _situation(folder, "nested.toml", f"contact_sync = {nested}\n"),
        "nested inline tables": _situation(folder, "inline.toml", "contact_sync = " + "{a=" * 500 + "1" + "}" * 500),
        "a pipe": fifo,
        "a device": Path("/dev/zero"),
        "20,000 unknown keys": _situation(folder, "many.toml", "".join(f"key{i} = true\n" for i in range(20_000))),
        "a 5 MB file": _situation(folder, "big.toml", 'contact_sync = "' + "x" * 5_000_000 + '"\n'),
        "a 1 MB value": _situation(folder, "value.toml", 'contact_sync = "' + "x" * 1_000_000 + '"\n'),
        "escapes in keys": _situation(folder, "escapes.toml", '"\\u001b[31mred" = true\n"two\\nlines" = true\n'),
        "a byte-order mark": _situation(folder, "bom.toml", b"\xef\xbb\xbfexporter_running = false\n"),
        "a key in a multi-line string first": _situation(
            folder, "multi.toml", 'note = """\nexporter_lauft = 1\n"""\nexporter_lauft = true\n'
        ),
        "quoted and unicode keys": _situation(
            folder, "quoted.toml", 'a = 1\n"exporter lauft" = true\n"exportér" = true\n'
        ),
    }
    cases: dict[str, tuple[list[str], dict[str, str]]] = {
        name: (["check", str(path)], {}) for name, path in situations.items()
    }
    runbooks: dict[str, Callable[[Path], None]] = {
        "statements = 6": lambda r: _replace(r / "steps.toml", 'statements = ["S1", "S2"]', "statements = 6"),
        "statements = true": lambda r: _replace(r / "steps.toml", 'statements = ["S1", "S2"]', "statements = true"),
        "after nested 1000 deep": lambda r: _replace(
            r / "steps.toml", 'after = ["lead-decide"]', "after = " + "[" * 1000 + "]" * 1000
        ),
        "after a step of the other variant": lambda r: _replace(
            r / "steps.toml",
            'after = ["mail-choose-variant"]\nuntil',
            'after = ["mail-choose-variant", "mail-deactivate-performer-accounts"]\nuntil',
        ),
        "a 500-character alias": _long_alias,
        "an id with a trailing newline": lambda r: _replace(
            r / "steps.toml", 'id = "lead-decide"', 'id = "lead-decide\\n"'
        ),
        "[[ step ]] with spaces": lambda r: _replace(
            r / "steps.toml", '[[step]]\nid = "lead-inform-staff"', '[[ step ]]\nid = "lead-inform-staff"\ncolour = 1'
        ),
        "steps.toml with a byte-order mark": _bom("steps.toml"),
        "statements.toml with a byte-order mark": _bom("statements.toml"),
        "published-ids.txt with a byte-order mark": _bom("published-ids.txt"),
        "site.toml with a bad address": _bad_site,
        "steps.toml in a loop of links": _loop("steps.toml"),
        "site.toml in a loop of links": _loop("site.toml"),
        "an escape in a title": _escape_in_title,
    }
    for name, change in runbooks.items():
        cases[name] = (["validate", "--runbook", str(_runbook(folder, name.replace(" ", "_"), change))], {})
    cases["a base URL with a space"] = (["link", "lead-decide"], {"CUTOVER_BASE_URL": "https://a.example.com/ x"})
    cases["a base URL with a newline"] = (["link", "lead-decide"], {"CUTOVER_BASE_URL": "https://a.example.com/\n"})
    cases["a link without a published address"] = (["link", "lead-decide"], {})
    cases["an error in German"] = (["--lang", "de", "steps", "--variant", "c"], {})
    cases["a base URL with an escape"] = (
        ["link", "lead-decide"],
        {"CUTOVER_BASE_URL": "http://example.com/\x1b[2J\x07"},
    )
    cases["an escape among the arguments"] = (["steps", "\x1b[31mRED\x07", "y" * 5000], {})
    cases["an empty runbook name"] = (["--runbook", "", "steps"], {})
    return cases


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Ran]:
    """Every case, run at the same time, each as its own process."""
    folder = tmp_path_factory.mktemp("bad-input")
    environ = _environ("CUTOVER_", "LC_") | {"LANG": "C.UTF-8"}
    running = {
        name: subprocess.Popen(  # noqa: S603  # our own command line
            [sys.executable, "-m", "cutover", *argv, *([] if "German" in name else ["--lang", "en"])],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=folder,
            env=environ | extra,
        )
        for name, (argv, extra) in _cases(folder).items()
    }
    results = {}
    for name, process in running.items():
        try:
            out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            pytest.fail(f"{name}: no answer within {TIMEOUT} s")
        results[name] = Ran(process.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))
    return results


def _one_line_each(run: Ran) -> list[str]:
    """What breaks the promise: a traceback, a raw escape, a line that is no ``cutover:`` line, one too long."""
    broken = []
    if "Traceback" in run.err or "Traceback" in run.out:
        broken.append("a traceback")
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", run.err + run.out):
        broken.append("a raw control character")
    broken += [f"not a cutover line: {line[:80]!r}" for line in run.lines if not re.match(r"cutover( \w+)?: ", line)]
    broken += [f"{len(line):,} characters: {line[:80]!r}" for line in run.lines if len(line) > 600]
    return broken


BAD = [
    ("nested arrays", r"nested\.toml: invalid TOML: arrays or tables nested too deeply$"),
    ("nested inline tables", r"inline\.toml: invalid TOML: arrays or tables nested too deeply$"),
    ("a pipe", r"fifo\.toml: cannot read: this is a pipe, a device or a socket, not a file$"),
    ("a device", r"/dev/zero: cannot read: this is a pipe, a device or a socket, not a file$"),
    ("a 5 MB file", r"big\.toml: cannot read: larger than 2,000,000 bytes$"),
    ("a 1 MB value", r"value\.toml:1: contact_sync: must be true or false, not 'x{70,}… \(1,000,002 characters\)$"),
    ("escapes in keys", r"escapes\.toml:1: \\x1b\[31mred: unknown key"),
    ("a key in a multi-line string first", r"multi\.toml:4: exporter_lauft: unknown key"),
    ("quoted and unicode keys", r"quoted\.toml:3: exportér: unknown key"),
    ("statements = 6", r"steps\.toml:\d+: step\[0\] \(lead-decide\)\.statements: must be a list of strings$"),
    ("statements = true", r"steps\.toml:\d+: step\[0\] \(lead-decide\)\.statements: must be a list of strings$"),
    ("after nested 1000 deep", r"steps\.toml: invalid TOML: arrays or tables nested too deeply$"),
    (
        "after a step of the other variant",
        r"steps\.toml:\d+: step\[\d+\] \(mail-no-platform-account\)\.after: 'mail-deactivate-performer-accounts' is in "
        r"no plan that 'mail-no-platform-account' is in \(variant-b\)",
    ),
    (
        "a 500-character alias",
        r"steps\.toml:\d+: step\[0\] \(lead-decide\)\.aliases: 'lead-x{60,}… \(507 characters\) is longer than 60",
    ),
    ("an id with a trailing newline", r"steps\.toml:\d+: step\[0\] \(lead-decide\\n\)\.id: 'lead-decide\\n' does not"),
    ("[[ step ]] with spaces", r"steps\.toml:(\d+): step\[1\] \(lead-inform-staff\)\.colour: unknown key"),
    ("site.toml with a bad address", r"site\.toml:1: base_url: 'umstieg example' contains a space"),
    ("a base URL with a space", r"^cutover: error: CUTOVER_BASE_URL: 'https://a\.example\.com/ x' contains a space"),
    ("a base URL with a newline", r"^cutover: error: CUTOVER_BASE_URL: 'https://a\.example\.com/\\n' contains a"),
    ("steps.toml in a loop of links", r"steps\.toml: cannot read: too many symbolic links$"),
    ("site.toml in a loop of links", r"site\.toml: cannot read: too many symbolic links$"),
    ("an escape in a title", r"steps\.toml:\d+: step\[0\] \(lead-decide\)\.title\.de: contains a control character: "),
    (
        "a base URL with an escape",
        r"^cutover: error: CUTOVER_BASE_URL: 'http://example\.com/\\x1b\[2J\\x07' contains a",
    ),
    ("an escape among the arguments", r"^cutover: error: unrecognized arguments: \\x1b\[31mRED\\x07 y+… \("),
    ("an empty runbook name", r"^cutover: error: argument --runbook: an empty name is no file or folder$"),
    (
        "an error in German",
        r"^cutover steps: Fehler: Argument --variant: ungültige Wahl: 'c' \(möglich sind 'a', 'b'\)$",
    ),
]


@pytest.mark.parametrize(("case", "first"), BAD, ids=[case for case, _ in BAD])
def test_bad_input_is_exit_2_with_one_located_line_each(ran: dict[str, Ran], case: str, first: str) -> None:
    """Exit 2, nothing on stdout, each problem one ``cutover:`` line naming where, one of them as expected."""
    run = ran[case]
    usage = case in {"an error in German", "an escape among the arguments", "an empty runbook name"}
    lines = run.lines[-1:] if usage else run.lines  # argparse shows its usage first
    expected: tuple[int, str, list[str], bool] = (EXIT_BAD_INPUT, "", [], True)
    broken = _one_line_each(Ran(run.status, run.out, "\n".join(lines)))
    assert expected == (run.status, run.out, broken, any(re.search(first, line) for line in lines)), run.err[:2000]


def test_many_problems_show_the_first_thirty_and_a_count(ran: dict[str, Ran]) -> None:
    """20,000 unknown keys: thirty lines, each at its own line of the file, then how many more there are."""
    run = ran["20,000 unknown keys"]
    lines = [int(m[1]) for m in (re.search(r"many\.toml:(\d+): key\d+: unknown key", line) for line in run.lines) if m]
    expected: tuple[int, list[int], str, list[str]] = (
        EXIT_BAD_INPUT, list(range(1, 31)), "cutover: error: … and 19,970 more", [],
    )  # fmt: skip
    assert expected == (run.status, lines, run.lines[-1], _one_line_each(run))


def test_a_byte_order_mark_is_read_like_any_utf8(ran: dict[str, Ran]) -> None:
    """A situation file saved with a byte-order mark is read: its findings, not an error at line 1, column 1."""
    run = ran["a byte-order mark"]
    expected = (EXIT_BLOCKER, "BLOCKER", "")
    assert expected == (run.status, run.out[:7], run.err)


@pytest.mark.parametrize("name", ["steps.toml", "statements.toml", "published-ids.txt"])
def test_a_catalogue_file_with_a_byte_order_mark_is_valid(ran: dict[str, Ran], name: str) -> None:
    """A catalogue file saved with a byte-order mark reads as without it."""
    run = ran[f"{name} with a byte-order mark"]
    expected = (EXIT_OK, True, "")
    assert expected == (run.status, run.out.endswith("all valid\n"), run.err)


def test_a_table_header_with_spaces_is_found_at_its_line(ran: dict[str, Ran]) -> None:
    """``[[ step ]]`` is a table header like ``[[step]]``: the unknown key is named at the line it is on."""
    steps = (RUNBOOK / "steps.toml").read_text(encoding="utf-8").splitlines()
    header = steps.index('id = "lead-inform-staff"')  # the line after the header, counted from 1 once the header is in
    match = re.search(r"steps\.toml:(\d+):", ran["[[ step ]] with spaces"].lines[0])
    expected = header + 2  # the header's line, the id, then the new key
    assert expected == (int(match[1]) if match else 0)


def test_a_link_to_the_local_preview_says_so(ran: dict[str, Ran]) -> None:
    """Without a published address the link is printed, and stderr says it leads only to the local preview."""
    run = ran["a link without a published address"]
    expected = (EXIT_OK, "http://127.0.0.1:8000/en/s/lead-decide.html\n", True)
    assert expected == (run.status, run.out, run.err.startswith("cutover: note: these links lead to the local preview"))


def test_the_command_works_from_any_folder(tmp_path: Path) -> None:
    """Run from a folder that is not the checkout, ``cutover steps`` still finds its catalogue."""
    environ = _environ("CUTOVER_")
    done = subprocess.run(
        [sys.executable, "-m", "cutover", "steps", "--variant", "a", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environ,
        timeout=TIMEOUT,
        check=False,
    )
    expected = (EXIT_OK, "Checklist: Email variant a, Contact sync no, Calendar sync no", "")
    assert expected == (done.returncode, done.stdout.splitlines()[0], done.stderr)


def test_an_unexpected_failure_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A fault of cutover itself is one line asking for a report, and exit 2, never a traceback taken for a finding."""

    def broken(*_: object) -> int:
        raise RuntimeError("boom\nsecond line")

    original = cli._run
    cli._run = broken  # type: ignore[assignment]
    try:
        status = cli.main(["--lang", "en", "steps"])
    finally:
        cli._run = original
    expected = (
        EXIT_BAD_INPUT,
        "cutover: error: unexpected failure (RuntimeError: boom\\nsecond line); this is a fault of cutover, "
        "please report it\n",
    )
    assert expected == (status, capsys.readouterr().err)


def test_output_that_cannot_be_encoded_is_escaped_not_a_crash(tmp_path: Path) -> None:
    """A terminal that cannot show an umlaut (PYTHONIOENCODING=ascii) gets its escape; the checklist is printed."""
    environ = _environ("CUTOVER_", "LC_")
    done = subprocess.run(
        [sys.executable, "-m", "cutover", "steps"],
        capture_output=True,
        cwd=tmp_path,
        env=environ | {"LANG": "C.UTF-8", "PYTHONIOENCODING": "ascii"},
        timeout=TIMEOUT,
        check=False,
    )
    expected = (EXIT_OK, "[ ]  1. Entscheiden, k\\xfcnftig nur noch in der Plattform zu arbeiten", b"")
    assert expected == (done.returncode, done.stdout.decode("ascii").splitlines()[2], done.stderr)


def test_a_reader_that_stops_reading_is_no_fault(tmp_path: Path) -> None:
    """``cutover steps | head -1`` over a long checklist: the pipe closes early; no traceback, the shell's code 141."""
    runbook = _runbook(tmp_path, "long", lambda _: None)
    steps = (runbook / "steps.toml").read_text(encoding="utf-8")
    (runbook / "steps.toml").write_text(steps.replace('why = { de = "', 'why = { de = "' + "lang " * 4000), "utf-8")
    environ = _environ("CUTOVER_", "LC_") | {"LANG": "C.UTF-8"}
    command = [sys.executable, "-m", "cutover", "--runbook", str(runbook), "steps", "--format", "json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ)  # noqa: S603
    assert process.stdout is not None
    first = process.stdout.readline()
    process.stdout.close()
    err = process.communicate(timeout=TIMEOUT)[1]
    expected = (b"[\n", 141, b"")
    assert expected == (first, process.returncode, err)
