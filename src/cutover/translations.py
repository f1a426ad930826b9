"""The translation gate: every German message of every page has a reviewed translation in each other edition.

``sphinx-build -b gettext`` writes what the pages say now (one ``.pot`` per page); translators keep one ``.po``
per page and language. A message is a problem when the ``.po`` lacks it (new or changed German text), leaves it
untranslated, or marks it fuzzy (merged from a similar message and not yet reviewed). Sphinx would show each of
these in German on an English page, without a word.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from cutover.errors import Problem

__all__ = ["TranslationReport", "check_translations"]

_SHOWN = 60  # characters of a message shown to name it


@dataclass(frozen=True, slots=True)
class TranslationReport:
    """What the gate found: the problems, and how many messages in how many catalogues it looked at."""

    problems: tuple[Problem, ...]
    messages: int
    catalogues: int


def _name(message: Message) -> str:
    """The message, shortened to name it in one line."""
    singular = message.id[0] if isinstance(message.id, tuple) else message.id
    text = " ".join(str(singular).split())
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…")


def _where(templates: Path, message: Message) -> str:
    """The German source of a message (page and line), as gettext recorded it relative to the templates folder."""
    places = [
        f"{os.path.relpath(templates / file)}:{line}" if line else os.path.relpath(templates / file)
        for file, line in message.locations
    ]
    return ", ".join(places) or "an unknown place"


def _read(path: Path) -> Catalog | Problem:
    try:
        with path.open("rb") as file:
            return read_po(file, abort_invalid=True)
    except PoFileError as error:  # babel counts lines from 0 and names the line in its message as well
        message = re.sub(r" on \d+$", "", str(error))
        return Problem(str(path), error.lineno + 1, "", f"invalid gettext catalogue: {message}")
    except (OSError, UnicodeDecodeError) as error:
        return Problem(str(path), 0, "", f"cannot read: {error}")


def _check_catalogue(templates: Path, template: Catalog, path: Path) -> list[Problem]:
    if not path.exists():
        return [Problem(str(path), 0, "", "missing: no translation of this page at all")]
    catalogue = _read(path)
    if isinstance(catalogue, Problem):
        return [catalogue]
    problems = []
    for message in template:
        if not message.id:
            continue  # the header
        translated = catalogue.get(message.id, message.context)
        if translated is None:
            problems.append(
                Problem(str(path), 0, _name(message), f"missing: new or changed text at {_where(templates, message)}")
            )
        elif not all(translated.string if isinstance(translated.string, tuple) else (translated.string,)):
            problems.append(Problem(str(path), translated.lineno or 0, _name(message), "untranslated"))
        elif translated.fuzzy:
            problems.append(
                Problem(str(path), translated.lineno or 0, _name(message), "fuzzy: review it, then drop the flag")
            )
    return problems


def check_translations(templates: Path, catalogues: Path) -> TranslationReport:
    """Compare the message templates (``*.pot``) with one language's catalogues (``*.po``), reporting every gap."""
    problems: list[Problem] = []
    messages = 0
    pots = sorted(templates.glob("*.pot"))
    if not pots:
        problems.append(Problem(str(templates), 0, "", "no message templates (*.pot): run the gettext build first"))
    for pot in pots:
        template = _read(pot)
        if isinstance(template, Problem):
            problems.append(template)
            continue
        messages += sum(1 for message in template if message.id)
        problems.extend(_check_catalogue(templates, template, catalogues / f"{pot.stem}.po"))
    known = {pot.stem for pot in pots}
    problems.extend(
        Problem(str(po), 0, "", "stale: no page has this name any more; delete the file")
        for po in sorted(catalogues.glob("*.po"))
        if po.stem not in known
    )
    return TranslationReport(tuple(problems), messages, len(pots))
