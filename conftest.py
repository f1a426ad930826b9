"""Sybil wiring: every Python and console example in docs/ runs under pytest against the helper package.

Every test, and every page's example, runs in the same surroundings whoever runs it: no published address or other
catalogue from the shell, and a locale of no edition, so the command line speaks German unless told otherwise.
"""

from __future__ import annotations

import contextlib
import io
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from sybil import Document, Example, Region, Sybil
from sybil.parsers.myst import CodeBlockParser, PythonCodeBlockParser, SkipParser

from cutover import Answers, Applies, Damage, Kind, MailVariant, Severity, Situation, pins
from cutover.claim_pages import check_claim_on_page, claims_on_page
from cutover.cli import main

ROOT = Path(__file__).parent


@pytest.fixture(autouse=True)
def _same_surroundings(monkeypatch: pytest.MonkeyPatch) -> None:
    """No $CUTOVER_BASE_URL, no $CUTOVER_RUNBOOK, and the locale ``C``: what a fresh shell of CI has."""
    for name in ("CUTOVER_BASE_URL", "CUTOVER_RUNBOOK", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample catalogues (``tests/samples/``), each with a text for every edition editions.toml declares."""
    from factories import copy_in_every_edition  # noqa: PLC0415  # tests/factories.py, on the path once tests/ is collected

    return copy_in_every_edition(ROOT / "tests" / "samples", tmp_path_factory.mktemp("editions") / "samples")


def run_console(example: Example) -> None:
    """Run each ``$ cutover ...`` line of a console block and compare what it prints with the lines below it.

    A command ending in ``; echo $?`` also prints its exit code, as a shell would.
    """
    lines = str(example.parsed).rstrip("\n").splitlines()
    commands: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("$ "):
            commands.append((line[2:], []))
        else:
            assert commands, f"output before the first '$ ' command: {line!r}"
            commands[-1][1].append(line)
    for command, expected in commands:
        show_status = command.endswith("; echo $?")
        argv = shlex.split(command.removesuffix("; echo $?"))
        assert argv[0] == "cutover", f"only cutover commands run here, not {argv[0]!r}"
        out = io.StringIO()
        with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            status = main(argv[1:])
        actual = out.getvalue().rstrip("\n").splitlines()
        if show_status:
            actual.append(str(status))
        assert expected == actual, f"$ {command}\nexpected:\n" + "\n".join(expected) + "\nactual:\n" + "\n".join(actual)


def shared_names(namespace: dict[str, object]) -> None:
    """What every page's invisible blocks may use without declaring it: the pins and the names they take."""
    namespace.update({name: getattr(pins, name) for name in pins.__all__})
    namespace.update(
        cat=pins.catalogue(),
        Answers=Answers,
        Applies=Applies,
        Damage=Damage,
        Kind=Kind,
        MailVariant=MailVariant,
        Severity=Severity,
        Situation=Situation,
    )


def parse_claims(document: Document) -> Iterator[Region]:
    """Sybil parser: a region for each ``{cutover:claim}`` block of a page (``cutover.claim_pages``)."""
    page = Path(document.path).relative_to(ROOT / "docs").with_suffix("").as_posix()
    for start, end, on_page in claims_on_page(document.text, page):
        yield Region(start, end, on_page, evaluate_claim)


def evaluate_claim(example: Example) -> None:
    """The package says what the claim says, and the sentence's words say it too, in German and in every edition."""
    check_claim_on_page(example.parsed, ROOT / "docs" / "locale")


SYBIL = Sybil(
    parsers=[
        parse_claims,
        PythonCodeBlockParser(),
        CodeBlockParser(language="console", evaluator=run_console),
        SkipParser(),
    ],
    patterns=["*.md"],
    path=str(ROOT / "docs"),
    excludes=["_build/*"],
    setup=shared_names,
)

pytest_collect_file = SYBIL.pytest()
