"""The ``cutover`` command line's arguments, in the language it speaks: its parser, help texts and choices.

``cutover.cli`` runs the commands; this module only reads what was asked. The choices come from the package's
data (the editions, the mail variants, the portals), so a new edition or portal needs no change here.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from cutover.catalogue import Lang, MailVariant
from cutover.editions import codes
from cutover.messages import language_of, translate, visible
from cutover.planner import NOT_READY, Portal
from cutover.render import PLAN_FORMATS

__all__ = ["argparse_speaks", "asked_language", "command_line"]


class _Parser(argparse.ArgumentParser):
    """argparse's parser, but what it echoes of the command line is made safe and short, like any echoed value."""

    def error(self, message: str) -> NoReturn:
        """Exit 2 with the usage and one line; the arguments it names shown with escapes and cut to a line."""
        super().error(visible(message, 300))


def _paths(lang: Lang) -> Callable[[str], Path]:
    """Read a path given on the command line; an empty one is a mistake to point out, not the current folder."""

    def path(value: str) -> Path:
        if not value:
            raise argparse.ArgumentTypeError(translate("an empty name is no file or folder", lang))
        return Path(value)

    path.__name__ = translate("path", lang)  # argparse names the type in its message
    return path


def _common(lang: Lang, *, suppress: bool) -> _Parser:
    """The options every command takes, before the command or after it (``cutover validate --runbook DIR``)."""
    common = _Parser(add_help=False, allow_abbrev=False)
    default: dict[str, object] = {"default": argparse.SUPPRESS} if suppress else {}
    common.add_argument(
        "--runbook",
        type=_paths(lang),
        metavar=translate("FOLDER", lang),
        help=translate(
            "the step catalogue to use (default: $CUTOVER_RUNBOOK, else the one that comes with cutover)", lang
        ),
        **default,  # type: ignore[arg-type]
    )
    common.add_argument(
        "--lang",
        choices=codes(),
        help=translate("the language of everything printed (default: the locale's, else German)", lang),
        **default,  # type: ignore[arg-type]
    )
    return common


def command_line(lang: Lang) -> argparse.ArgumentParser:
    """Every command and option of ``cutover``, with its help in ``lang``."""

    def _(text: str) -> str:
        return translate(text, lang)

    parser = _Parser(
        prog="cutover",
        allow_abbrev=False,
        description=_(
            "The switch from FLOWFACT Performer to the FLOWFACT-Plattform, step by step, for the service desk."
        ),
        parents=[_common(lang, suppress=False)],
    )
    commands = parser.add_subparsers(dest="command", required=True, title=_("commands"), metavar=_("COMMAND"))
    parent = _common(lang, suppress=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[parent], help=_(help), description=_(help), allow_abbrev=False)

    def answers(sub: argparse.ArgumentParser, variants: list[str], variant_help: str) -> None:
        sub.add_argument("--variant", choices=variants, default="a", help=_(variant_help))
        sub.add_argument("--contact-sync", action="store_true", help=_("the customer wants contact sync"))
        sub.add_argument("--calendar-sync", action="store_true", help=_("the customer wants calendar sync"))

    steps = command("steps", "print the customer's checklist: every step that applies, in order")
    answers(
        steps,
        [v.value for v in MailVariant],
        "the email variant: a (through the Exporter) or b (accounts in the platform)",
    )
    steps.add_argument("--format", choices=("text", "markdown", "json"), default="text", help=_("how to print it"))

    planner = command("plan", "print the customer's plan as on the planner page, with risks and portal hints")
    answers(
        planner,
        [*(v.value for v in MailVariant), NOT_READY],
        "the email variant: a, b, or performer if the customer still sends email from Performer "
        "(then not ready: exit 1)",
    )
    planner.add_argument(
        "--portal",
        choices=[p.value for p in Portal],
        action="append",
        help=_(
            "a portal the customer transfers to: immobilienscout24, or other for every other portal; "
            "repeat for several (default: both)"
        ),
    )
    planner.add_argument("--format", choices=PLAN_FORMATS, default="text", help=_("how to print it"))

    checks = command("check", "find duplicate risks in a customer's situation file (exit 1 on a blocker)")
    checks.add_argument(
        "situation", type=_paths(lang), metavar=_("FILE"), help=_("a TOML file describing where the customer stands")
    )
    checks.add_argument("--format", choices=("text", "markdown", "json"), default="text", help=_("how to print it"))

    command("validate", "check the step catalogue and name every problem")

    link = command("link", "print a step's permanent short link, to send to a customer")
    link.add_argument("step_id", metavar=_("ID"), help=_("a step id, or a retired id that now leads to its successor"))

    translations = command("translations", "check that every message of the pages is translated and reviewed")
    folder = _("FOLDER")
    translations.add_argument(
        "--templates",
        type=Path,
        default=Path("build/gettext"),
        metavar=folder,
        help=_("the folder of the gettext build's *.pot files"),
    )
    translations.add_argument(
        "--locale", type=Path, default=Path("docs/locale"), metavar=folder, help=_("the folder of <lang>/LC_MESSAGES")
    )
    translations.add_argument("--to", choices=codes()[1:], default=codes()[1], help=_("the language to check"))
    return parser


def asked_language(argv: Sequence[str]) -> Lang:
    """The language the last ``--lang`` on the line asks for, else the locale's.

    The last, as argparse reads it, so that help and errors speak the language the output will.
    """
    asked: Lang | None = None
    for index, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in codes():
            asked = value
    return asked or language_of(dict(os.environ))


@contextmanager
def argparse_speaks(lang: Lang) -> Iterator[None]:
    """The words of argparse itself ("usage:", "invalid choice") in ``lang`` while the command line is read."""
    words: Callable[[str], str] = lambda text: translate(text, lang)  # noqa: E731
    plural: Callable[[str, str, int], str] = lambda one, many, n: translate(one if n == 1 else many, lang)  # noqa: E731
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = words, plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
