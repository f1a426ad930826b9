"""The ``cutover`` command: the tailored checklist, the duplicate checks and catalogue validation for the shell."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cutover.catalogue import LANGUAGES, Answers, Catalogue, Lang, MailVariant, load_catalogue, span_json
from cutover.duplicates import Severity, check, load_situation
from cutover.errors import CutoverError
from cutover.links import BASE_URL, DEFAULT_BASE_URL, base_url, normalise, short_path
from cutover.ordering import plan, planned
from cutover.planner import NOT_READY, Choice, Portal, make_plan
from cutover.render import PLAN_FORMATS, render_checklist, render_findings, render_plan
from cutover.translations import check_translations

__all__ = ["main"]

EXIT_OK, EXIT_BLOCKER, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cutover", description="Moving from FLOWFACT Performer to the FLOWFACT-Plattform, step by step."
    )
    parser.add_argument(
        "--runbook", type=Path, help="the runbook/ folder (default: $CUTOVER_RUNBOOK or the checkout's)"
    )
    parser.add_argument("--lang", choices=LANGUAGES, default="de", help="language of titles and messages")
    # --lang may also follow the command (cutover link <id> --lang en); it keeps the default when it does not.
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="language (default: de)")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[language], help=help)

    steps = command("steps", help="print the ordered checklist for your answers")
    steps.add_argument("--variant", choices=[v.value for v in MailVariant], default="a", help="mail variant (S13)")
    steps.add_argument("--contact-sync", action="store_true", help="you want to synchronise contacts")
    steps.add_argument("--calendar-sync", action="store_true", help="you want to synchronise calendars")
    steps.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    planner = command(
        "plan", help="print your plan as on the planner page, with risks and portal hints (exit 1 if not ready)"
    )
    planner.add_argument(
        "--variant",
        choices=[*(v.value for v in MailVariant), NOT_READY],
        default="a",
        help=f"mail variant (S13); {NOT_READY!r} if you still send mail from Performer (S18)",
    )
    planner.add_argument("--contact-sync", action="store_true", help="you want to synchronise contacts")
    planner.add_argument("--calendar-sync", action="store_true", help="you want to synchronise calendars")
    planner.add_argument(
        "--portal",
        choices=[p.value for p in Portal],
        action="append",
        help="a portal you transfer listings to; repeat for several (default: all)",
    )
    planner.add_argument("--format", choices=PLAN_FORMATS, default="text")

    checks = command("check", help="find duplicate risks in a situation file (exit 1 on a blocker)")
    checks.add_argument("situation", type=Path, help="a TOML file describing where you stand")
    checks.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    command("validate", help="validate the step catalogue and report every problem")

    link = command(
        "link",
        help=f"print the permanent short link of a step (site address: ${BASE_URL}, default {DEFAULT_BASE_URL})",
    )
    link.add_argument("step_id", metavar="id", help="a step id, or a retired id that now leads to its successor")

    translations = command(
        "translations", help="check that every message of the pages is translated and reviewed (exit 1 if not)"
    )
    translations.add_argument(
        "--templates", type=Path, default=Path("build/gettext"), help="the gettext build's *.pot (%(default)s)"
    )
    translations.add_argument(
        "--locale", type=Path, default=Path("docs/locale"), help="the folder of <lang>/LC_MESSAGES (%(default)s)"
    )
    translations.add_argument("--to", choices=[lang for lang in LANGUAGES if lang != "de"], default="en")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    lang: Lang = args.lang
    try:
        if args.command == "check":  # the duplicate checks need no catalogue, so a broken one cannot block them
            return _check(args.situation, lang, args.format)
        if args.command == "translations":
            return _translations(args.templates, args.locale / args.to / "LC_MESSAGES", args.to)
        catalogue = load_catalogue(args.runbook)
        if args.command == "link":
            return _link(catalogue, args.step_id, lang)
        if args.command == "plan":
            return _plan(catalogue, args, lang)
        if args.command == "steps":
            answers = Answers(MailVariant(args.variant), args.contact_sync, args.calendar_sync)
            _print_steps(catalogue, answers, lang, args.format)
        else:
            print(f"{catalogue.source}: {len(catalogue)} steps, {len(catalogue.statements)} statements, all valid")
        return EXIT_OK
    except CutoverError as error:
        for line in str(error).splitlines():
            print(f"cutover: error: {line}", file=sys.stderr)
        return EXIT_BAD_INPUT


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
            for step, after in planned(catalogue, answers)
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        steps = plan(catalogue, answers)
        print(render_checklist(steps, answers, lang, "markdown" if fmt == "markdown" else "text"), end="")


def _plan(catalogue: Catalogue, args: argparse.Namespace, lang: Lang) -> int:
    """The planner's plan for these answers, each step linked by its short link; not ready is exit 1, like a blocker."""
    not_ready = args.variant == NOT_READY
    choice = Choice(
        Answers(MailVariant.A if not_ready else MailVariant(args.variant), args.contact_sync, args.calendar_sync),
        mail_sent_from_performer=not_ready,
        portals=frozenset(Portal) if args.portal is None else frozenset(map(Portal, args.portal)),
    )
    base = base_url()
    made = make_plan(catalogue, choice)
    print(render_plan(made, catalogue, lang, args.format, url=lambda step_id: base + short_path(lang, step_id)), end="")
    return EXIT_OK if made.readiness.ready else EXIT_BLOCKER


def _link(catalogue: Catalogue, step_id: str, lang: Lang) -> int:
    """The short link of the step, or of the step a retired id now leads to (said on stderr)."""
    wanted = normalise(step_id)
    step = catalogue.resolve(wanted)
    base = base_url()
    if step.id != wanted:
        print(f"cutover: {wanted!r} is a retired id; its step is now {step.id!r}", file=sys.stderr)
    print(base + short_path(lang, step.id))
    return EXIT_OK


def _check(path: Path, lang: Lang, fmt: str) -> int:
    """Print the findings; JSON carries the message in both languages so that its output reads the same anywhere."""
    findings = check(load_situation(path))
    if fmt == "json":
        data = [
            {
                "id": f.id,
                "severity": f.severity.value,
                "lands": [place.value for place in f.lands],
                "message": {"de": f.message.de, "en": f.message.en},
                "steps": list(f.steps),
            }
            for f in findings
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_findings(findings, lang, "markdown" if fmt == "markdown" else "text"), end="")
    return EXIT_BLOCKER if any(f.severity is Severity.BLOCKER for f in findings) else EXIT_OK


def _translations(templates: Path, catalogues: Path, lang: str) -> int:
    report = check_translations(templates, catalogues)
    for problem in report.problems:
        print(f"cutover: {problem}", file=sys.stderr)
    if report.problems:
        print(
            f"cutover: {len(report.problems)} problem(s) with the {lang!r} translation."
            " Run `nox -s translations-update`, translate each message named above in its .po file,"
            " and drop any fuzzy flag once you have reviewed it.",
            file=sys.stderr,
        )
        return EXIT_BLOCKER
    print(f"{catalogues}: {report.messages} messages in {report.catalogues} catalogues, all translated")
    return EXIT_OK
