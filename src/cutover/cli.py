"""The ``cutover`` command: the tailored checklist, the duplicate checks and catalogue validation for the shell.

It speaks one language throughout, help and errors included: ``--lang``, else the locale's (``LANG``), else German.
Bad input is exit 2 with one line per problem; a blocker found in a situation is exit 1; anything unexpected is one
line and exit 2 too, never a traceback that could be taken for a finding.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from cutover._toml import display_path, os_reason
from cutover.arguments import argparse_speaks, asked_language, command_line
from cutover.catalogue import (
    Answers,
    Catalogue,
    Lang,
    MailVariant,
    default_runbook,
    load_catalogue,
    span_json,
)
from cutover.duplicates import Severity, findings_in, load_situation
from cutover.errors import SHOWN_PROBLEMS, CatalogueError, CutoverError
from cutover.links import BASE_URL, DEFAULT_BASE_URL, SITE, base_url, is_local, normalise, short_path, site_problems
from cutover.messages import Message, translate, visible
from cutover.ordering import steps_in_order, steps_with_prerequisites
from cutover.planner import NOT_READY, Choice, Portal, personal_plan
from cutover.render import render_checklist, render_findings, render_plan
from cutover.translations import check_translations

__all__ = ["main"]

EXIT_OK, EXIT_BLOCKER, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERRUPTED, EXIT_PIPE_CLOSED = 130, 141  # as a shell reports Ctrl+C and a closed pipe (128 + the signal)


def _err(text: str) -> None:
    """One line on stderr; none if stderr is closed (print would then write it among the output)."""
    if sys.stderr is not None:
        print(f"cutover: {text}", file=sys.stderr)


def _say(message: Message | str, lang: Lang) -> None:
    text = message.text(lang) if isinstance(message, Message) else message
    _err(f"{translate('error', lang)}: {text}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show a letter gets its escape, not a crash
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = asked_language(arguments)
    with argparse_speaks(lang):
        args = command_line(lang).parse_args(arguments)
    lang = args.lang or lang
    if sys.stdout is None:
        _say(Message("standard output is closed, so there is nowhere to write the result"), lang)
        return EXIT_BAD_INPUT
    try:
        return _run(args, lang)
    except (CutoverError, KeyboardInterrupt, OSError) as error:
        return _stopped(error, lang)
    except Exception as error:  # a crash must never look like a finding (exit 1)
        reason = Message("unexpected failure ({kind}: {reason}); this is a fault of cutover, please report it",
                         kind=type(error).__name__, reason=visible(str(error), 200))  # fmt: skip
        _say(reason, lang)
        return EXIT_BAD_INPUT


def _stopped(error: CutoverError | KeyboardInterrupt | OSError, lang: Lang) -> int:
    """Say why the command stopped, in one line or none, and return the code for it."""
    if isinstance(error, CutoverError):
        for line in error.lines(lang):
            _say(line, lang)
        return EXIT_BAD_INPUT
    if isinstance(error, KeyboardInterrupt):
        _err(translate("interrupted", lang))
        return EXIT_INTERRUPTED
    if isinstance(error, BrokenPipeError):  # the reader stopped reading (cutover steps | head): nobody to tell
        _stop_writing()
        return EXIT_PIPE_CLOSED
    # Every input file's problem is a Problem by now: this is writing the output (a full disk).
    _say(Message("cannot write the output: {reason}", reason=os_reason(error)), lang)
    return EXIT_BAD_INPUT


def _stop_writing() -> None:
    """Send what is left of the output nowhere, so that Python's final flush does not fail on the closed pipe."""
    with contextlib.suppress(OSError, ValueError):  # no file behind stdout (a test's capture): nothing to flush
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _run(args: argparse.Namespace, lang: Lang) -> int:
    if args.command == "check":  # the duplicate checks need no catalogue, so a broken one cannot block them
        return _check(args.situation, lang, args.format)
    if args.command == "translations":
        return _translations(args.templates, args.locale / args.to / "LC_MESSAGES", args.to, lang)
    runbook = args.runbook or default_runbook()
    catalogue = load_catalogue(runbook)
    if args.command == "link":
        return _link(catalogue, args.step_id, lang, runbook)
    if args.command == "plan":
        return _plan(catalogue, args, lang, runbook)
    if args.command == "steps":
        answers = Answers(MailVariant(args.variant), args.contact_sync, args.calendar_sync)
        _print_steps(catalogue, answers, lang, args.format)
        return EXIT_OK
    problems = site_problems(runbook)
    if problems:
        raise CatalogueError(problems)
    said = Message("{folder}: {steps} steps, {statements} statements, all valid",
                   folder=catalogue.source, steps=len(catalogue), statements=len(catalogue.statements))  # fmt: skip
    print(said.text(lang))
    return EXIT_OK


def _print_steps(catalogue: Catalogue, answers: Answers, lang: Lang, fmt: str) -> None:
    if fmt == "json":
        data = [
            {
                "id": step.id,
                "title": step.title.get(lang),
                "why": step.why.get(lang),
                "area": step.area.value,
                "kind": step.kind.value,
                "applies": step.applies.value,
                "recommended": step.recommended,
                "span": span_json(step, lang),
                "switch": step.switch,
                "after": list(after),
            }
            for step, after in steps_with_prerequisites(catalogue, answers)
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        steps = steps_in_order(catalogue, answers)
        print(render_checklist(steps, answers, lang, "markdown" if fmt == "markdown" else "text"), end="")


def _site(lang: Lang, runbook: Path) -> str:
    """The site's address for links; on stderr a word when it is only the local preview."""
    base = base_url(runbook=runbook)
    if is_local(base):
        note = Message(
            "note: these links lead to the local preview {address}, which no one else can open; the published "
            "address belongs in {file} (or {setting})",
            address=DEFAULT_BASE_URL, file=display_path(runbook / SITE), setting=BASE_URL,
        )  # fmt: skip
        _err(note.text(lang))
    return base


def _plan(catalogue: Catalogue, args: argparse.Namespace, lang: Lang, runbook: Path) -> int:
    """The planner's plan for these answers, each step linked by its short link; not ready is exit 1, like a blocker."""
    not_ready = args.variant == NOT_READY
    choice = Choice(
        Answers(MailVariant.A if not_ready else MailVariant(args.variant), args.contact_sync, args.calendar_sync),
        mail_sent_from_performer=not_ready,
        portals=frozenset(Portal) if args.portal is None else frozenset(map(Portal, args.portal)),
    )
    base = _site(lang, runbook)
    made = personal_plan(catalogue, choice)
    print(render_plan(made, catalogue, lang, args.format, url=lambda step_id: base + short_path(lang, step_id)), end="")
    return EXIT_OK if made.readiness.ready else EXIT_BLOCKER


def _link(catalogue: Catalogue, step_id: str, lang: Lang, runbook: Path) -> int:
    """The short link of the step, or of the step a retired id now leads to (said on stderr)."""
    wanted = normalise(step_id)
    step = catalogue.resolve(wanted)
    base = _site(lang, runbook)
    if step.id != wanted:
        said = Message("{old} is a retired id; its step is now {new}", old=repr(wanted), new=repr(step.id))
        _err(said.text(lang))
    print(base + short_path(lang, step.id))
    return EXIT_OK


def _check(path: Path, lang: Lang, fmt: str) -> int:
    """Print the findings; JSON carries the message in both languages so that its output reads the same anywhere."""
    findings = findings_in(load_situation(path))
    if fmt == "json":
        data = [
            {
                "id": f.id,
                "severity": f.severity.value,
                "lands": [place.value for place in f.lands],
                "message": dict(f.message.items()),
                "steps": list(f.steps),
            }
            for f in findings
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_findings(findings, lang, "markdown" if fmt == "markdown" else "text"), end="")
    return EXIT_BLOCKER if any(f.severity is Severity.BLOCKER for f in findings) else EXIT_OK


def _translations(templates: Path, catalogues: Path, edition: str, lang: Lang) -> int:
    report = check_translations(templates, catalogues, edition)
    for problem in report.problems[:SHOWN_PROBLEMS]:
        _err(problem.text(lang))
    if len(report.problems) > SHOWN_PROBLEMS:
        more = Message("… and {count} more", count=len(report.problems) - SHOWN_PROBLEMS)
        _err(more.text(lang))
    if report.broken:  # bad input, not a gap of the translation: other advice, and the exit code of bad input
        said = Message(
            "{count} of the problems above keep the gate from checking: deal with them first",
            count=len(report.broken),
        )
        _err(said.text(lang))
        return EXIT_BAD_INPUT
    if report.problems:
        said = Message(
            "{count} problem(s) with the {edition} translation. Run `nox -s translations-update`, translate each "
            "message named above in its .po file, and drop any fuzzy flag once you have reviewed it.",
            count=len(report.problems), edition=repr(edition),
        )  # fmt: skip
        _err(said.text(lang))
        return EXIT_BLOCKER
    said = Message("{folder}: {messages} messages in {catalogues} catalogues, all translated",
                   folder=catalogues, messages=report.messages, catalogues=report.catalogues)  # fmt: skip
    print(said.text(lang))
    return EXIT_OK
