"""Build errors: unknown ids, invalid catalogues, and a build that fails on them with ``-W`` or without."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from cutover.catalogue import PUBLISHED, load_catalogue
from cutover.errors import CatalogueError
from cutover.sphinxext import build_errors
from sphinxext.builds import ROOT, RUNBOOK, Build, _app, _build, _domain_env, _project


def test_build_errors_fail_the_build_even_without_w(unknown: Build) -> None:
    """An unknown step id makes the build return non-zero, without -W."""
    expected = 1
    assert expected == unknown.status


def test_unknown_id_in_the_directive_names_file_line_and_suggestion(unknown: Build) -> None:
    """The error for the directive names the page file and line and suggests the close id."""
    expected = (
        f"{unknown.src / 'index.md'}:3: ERROR: unknown step id 'portal-verify-ofline' "
        "(did you mean: portal-verify-offline, "
    )
    assert expected == unknown.stderr.splitlines()[0][: len(expected)]


def test_unknown_id_in_the_role_names_file_line_and_suggestion(unknown: Build) -> None:
    """The error for the role names the page file and line and suggests the close id."""
    expected = (
        f"{unknown.src / 'index.md'}:7: ERROR: unknown step id 'lead-decid' (did you mean: lead-decide?) "
        "[cutover.unknown-step]"
    )
    assert expected == unknown.stderr.splitlines()[1]


def test_build_errors_are_the_only_errors(unknown: Build) -> None:
    """Nothing else goes wrong in that build: one line per unknown id."""
    expected = 2
    assert expected == len(unknown.stderr.splitlines())


def test_invalid_catalogue_fails_with_every_problem(
    samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken catalogue fails the build with every problem of the loader as a located error, and no crash report."""
    monkeypatch.chdir(samples)
    with pytest.raises(CatalogueError) as loader:
        load_catalogue(Path("many-problems"))
    page = "# Leer\n\n```{cutover:checklist}\n:variant: b\n```\n"
    build = _build(_project(tmp_path, {"index": page}, samples / "many-problems"), tmp_path / "out")
    expected = [
        f"{p.file}:{p.line}: ERROR: invalid step catalogue: {p.key}: {p.message} [cutover.catalogue]"
        if p.line
        else f"ERROR: invalid step catalogue: {p.file}: {p.key}: {p.message} [cutover.catalogue]"
        for p in loader.value.problems
    ]
    assert (1, expected) == (build.status, [line for line in build.stderr.splitlines() if "ERROR" in line])


def test_catalogue_problem_without_key_or_line_is_reported_plainly(tmp_path: Path) -> None:
    """An unreadable catalogue file is one error naming the file, without a line or an empty key."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    (runbook / "statements.toml").write_text('[statements]\nS1 = "Eins."\n', encoding="utf-8")
    (runbook / PUBLISHED).write_text("lead-decide\n", encoding="utf-8")
    build = _build(_project(tmp_path, {"index": "# Leer\n"}, runbook), tmp_path / "out")
    expected = [
        f"ERROR: invalid step catalogue: {runbook / 'steps.toml'}: cannot read: no such file or folder "
        "[cutover.catalogue]"
    ]
    assert (1, expected) == (build.status, [line for line in build.stderr.splitlines() if "ERROR" in line])


def test_invalid_catalogue_is_its_only_problem(invalid: Build) -> None:
    """The build fails with the catalogue's problem alone: no warning about the steps on no page."""
    expected = (1, ["cutover.catalogue"])
    assert expected == (invalid.status, re.findall(r"\[([a-z.-]+)\]$", invalid.stderr, re.MULTILINE))


def test_finished_build_with_build_errors_fails() -> None:
    """A build that found unknown ids ends with status 1."""
    app = _app(env=_domain_env([("a", "lead-x")]), statuscode=0)
    build_errors._fail_on_build_errors(app, None)
    expected = 1
    assert expected == app.statuscode


def test_finished_build_without_build_errors_keeps_its_status() -> None:
    """A build without unknown ids keeps its status."""
    env = _domain_env([], config=SimpleNamespace(cutover_runbook=str(RUNBOOK)), srcdir=ROOT)
    app = _app(
        env=env, statuscode=0, config=SimpleNamespace(cutover_base_url="https://umstieg.example.com/"), srcdir=ROOT
    )
    build_errors._fail_on_build_errors(app, None)
    expected = 0
    assert expected == app.statuscode


def test_failed_build_keeps_its_own_status() -> None:
    """A build that failed with an exception keeps the status Sphinx gives it."""
    app = _app(env=_domain_env([("a", "lead-x")]), statuscode=2)
    build_errors._fail_on_build_errors(app, RuntimeError("boom"))
    expected = 2
    assert expected == app.statuscode


@pytest.mark.parametrize("value", ["6", "true", "[[[[]]]]"])
def test_a_catalogue_with_statements_of_the_wrong_type_fails_the_build_at_its_line(
    samples: Path, tmp_path: Path, value: str
) -> None:
    """``statements = 6`` in steps.toml is a located build error, like any catalogue problem, not an extension crash."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("steps.toml", "statements.toml", PUBLISHED):
        (runbook / name).write_bytes((samples / "valid" / name).read_bytes())
    steps = runbook / "steps.toml"
    steps.write_text(steps.read_text(encoding="utf-8").replace('statements = ["S2"]', f"statements = {value}"))
    src = _project(tmp_path, {"index": "# Start\n"}, runbook)
    build = _build(src, tmp_path / "out", builder="text")
    expected = (1, False, [f"{steps}:18: ERROR: invalid step catalogue: step[1] (mail-choose-variant).statements: "])
    assert expected == (
        build.status,
        "Extension error" in build.stderr or "Traceback" in build.stderr,
        re.findall(r".*ERROR: invalid step catalogue: step\[1\] \(mail-choose-variant\)\.statements: ", build.stderr),
    )


def test_a_catalogue_with_very_many_problems_is_cut_short_in_the_build(samples: Path, tmp_path: Path) -> None:
    """Past thirty problems the build names the first thirty and how many more there are, not every one."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("steps.toml", "statements.toml", PUBLISHED):
        (runbook / name).write_bytes((samples / "valid" / name).read_bytes())
    with (runbook / "steps.toml").open("a", encoding="utf-8") as steps:
        steps.write("".join(f"unknown_{n} = 1\n" for n in range(40)))
    src = _project(tmp_path, {"index": "# Start\n"}, runbook)
    build = _build(src, tmp_path / "out", builder="text")
    errors = re.findall(r"ERROR: invalid step catalogue: (.*)", build.stderr)
    expected = (1, 31, "… and 10 more [cutover.catalogue]")
    assert expected == (build.status, len(errors), errors[-1])


def test_a_catalogue_that_cannot_be_read_is_said_once_not_at_every_step(samples: Path, tmp_path: Path) -> None:
    """Without a readable steps.toml every step is unknown; that is said once, for the file, not at every use."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("statements.toml", PUBLISHED):
        (runbook / name).write_bytes((samples / "valid" / name).read_bytes())
    (runbook / "steps.toml").symlink_to("steps.toml")  # a loop of links
    src = _project(tmp_path, {"index": "# Start\n\n{step}`lead-decide`, {step}`portal-stop-exporter`\n"}, runbook)
    build = _build(src, tmp_path / "out", builder="text")
    expected = (1, [f"ERROR: invalid step catalogue: {runbook / 'steps.toml'}: cannot read: too many symbolic links"])
    assert expected == (build.status, re.findall(r"ERROR: .*?(?= \[cutover)", build.stderr))
