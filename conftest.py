"""Sybil wiring: every Python and console example in docs/ runs under pytest against the helper package.

Every test, and every page's example, runs in the same surroundings whoever runs it: no published address or other
catalogue from the shell, and a locale of no edition, so the command line speaks German unless told otherwise.
"""

from __future__ import annotations

import contextlib
import functools
import io
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sybil import Document, Example, Region, Sybil
from sybil.parsers.myst import CodeBlockParser, PythonCodeBlockParser, SkipParser

from cutover import Answers, Applies, Damage, Kind, MailVariant, Severity, Situation, pins
from cutover.claims import check_package, check_words, parse_claim
from cutover.cli import main
from cutover.editions import codes

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


_CLAIM = re.compile(
    r"^(?P<fence>:{3,})\{cutover:claim\}[ \t]*(?P<arguments>.*)\n"
    r"(?P<options>(?:[ \t]*:[\w-]+:.*\n)*)(?P<body>(?:.*\n)*?)(?P=fence)[ \t]*$",
    re.MULTILINE,
)
_OPTION = re.compile(r"[ \t]*:([\w-]+):[ \t]*(.*)")
_FENCE = re.compile(r"^(`{3,})(?:\{cutover:step\}[ \t]*(\S+))?")


@dataclass(frozen=True)
class ClaimOnPage:
    """A ``{cutover:claim}`` block: its claim line and options, its sentence, its page and the card it is in."""

    arguments: str
    options: dict[str, str]
    sentence: str
    page: str
    here: str | None


def _card_at(text: str) -> str | None:
    """The step whose card (a backtick fence ``{cutover:step} id``) is still open at the end of ``text``."""
    open_fences: list[tuple[str, str | None]] = []
    for line in text.splitlines():
        match = _FENCE.match(line)
        if match is None:
            continue
        if open_fences and line.strip() == open_fences[-1][0]:
            open_fences.pop()
        elif line.strip() != match.group(1):
            open_fences.append((match.group(1), match.group(2)))
    return next((step for _, step in reversed(open_fences) if step), None)


def parse_claims(document: Document) -> Iterator[Region]:
    """Sybil parser: a region for each ``{cutover:claim}`` block of a page."""
    page = Path(document.path).relative_to(ROOT / "docs").with_suffix("").as_posix()
    for match in _CLAIM.finditer(document.text):
        options = dict(_OPTION.match(line).groups() for line in match["options"].splitlines())  # type: ignore[union-attr]
        on_page = ClaimOnPage(
            match["arguments"], options, match["body"], page, _card_at(document.text[: match.start()])
        )
        yield Region(match.start(), match.end(), on_page, evaluate_claim)


@functools.cache
def _translations(page: str, lang: str) -> dict[str, str]:
    """The reviewed translations of a page's messages in ``lang``, by their German text with its spaces made one."""
    po = ROOT / "docs" / "locale" / lang / "LC_MESSAGES" / f"{page}.po"
    if not po.is_file():
        return {}
    with po.open("rb") as file:
        return {" ".join(str(m.id).split()): str(m.string) for m in read_po(file) if m.id and m.string and not m.fuzzy}


def evaluate_claim(example: Example) -> None:
    """The package says what the claim says, and the sentence's words say it too, in German and in every edition."""
    on_page: ClaimOnPage = example.parsed
    claim = parse_claim(on_page.arguments, on_page.options)
    check_package(claim)
    german = " ".join(on_page.sentence.split())
    problems: list[str] = []
    if "\n\n" in on_page.sentence.strip():
        problems.append("a claim holds one sentence (one paragraph), not several")
    for lang in codes():
        sentence = german if lang == codes()[0] else _translations(on_page.page, lang).get(german)
        if sentence is None:
            problems.append(f"{lang}: docs/locale/{lang}/LC_MESSAGES/{on_page.page}.po has no translation of it")
            continue
        statements = pins.catalogue().statements
        problems += [f"{lang}: {p}" for p in check_words(claim, sentence, lang, statements, here=on_page.here)]
    if problems:
        raise AssertionError(f"claim {claim}:\n  " + "\n  ".join(problems))


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
