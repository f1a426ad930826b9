"""The translation gate: every German message of every page has a reviewed translation in each other edition.

``sphinx-build -b gettext`` writes what the pages say now (one ``.pot`` per page); translators keep one ``.po``
per page and language. A message is a problem when the ``.po`` lacks it (new or changed German text), leaves it
untranslated, or marks it fuzzy (merged from a similar message and not yet reviewed). Sphinx would show each of
these in German on an English page, without a word.
"""

from __future__ import annotations

import io
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as Entry
from babel.messages.pofile import PoFileError, read_po, unescape

from cutover._toml import read_text
from cutover.editions import codes
from cutover.errors import Problem
from cutover.markers import meaning_differs
from cutover.messages import Foreign, Message, shown

__all__ = ["TranslationReport", "check_translations"]

_SHOWN = 60  # characters of a message shown to name it


@dataclass(frozen=True, slots=True)
class TranslationReport:
    """What the gate found: the problems, and how many messages in how many catalogues it looked at."""

    problems: tuple[Problem, ...]
    messages: int
    catalogues: int
    broken: tuple[Problem, ...] = ()
    """Those of the problems that keep the gate from checking (no templates, a file it cannot read or understand):
    bad input, not a gap of the translation."""


def _name(message: Entry) -> str:
    """The message, shortened to name it in one line."""
    singular = message.id[0] if isinstance(message.id, tuple) else message.id
    text = " ".join(str(singular).split())
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…")


def _where(templates: Path, message: Entry) -> str:
    """The German source of a message (page and line), as gettext recorded it relative to the templates folder."""
    places = [
        f"{os.path.relpath(templates / file)}:{line}" if line else os.path.relpath(templates / file)
        for file, line in message.locations
    ]
    return ", ".join(places) or "an unknown place"


def _read(path: Path) -> tuple[Catalog, str] | Problem:
    """The catalogue and its text; or the one problem that keeps it from being read."""
    text = read_text(path, str(path))
    if isinstance(text, Problem):
        return text
    try:
        return read_po(io.StringIO(text), abort_invalid=True), text
    except PoFileError as error:  # babel counts lines from 0 and names the line in its message as well
        said = re.sub(r" on \d+$", "", str(error))
        missing = _MISSING_MSGSTR.fullmatch(said)
        reason = Message("missing msgstr for msgid {msgid}", msgid=missing[1]) if missing else Foreign(said)
        return Problem(str(path), error.lineno + 1, "", Message("invalid gettext catalogue: {reason}", reason=reason))
    except Exception as error:  # babel's parser fails with other errors too (msgstr[ is a ValueError)
        message = Message("invalid gettext catalogue: a line babel cannot read ({kind})", kind=type(error).__name__)
        return Problem(str(path), 0, "", message)


_MISSING_MSGSTR = re.compile(r"missing msgstr for msgid (.*)", re.DOTALL)


_REFERENCE = re.compile(r"\{[a-z]+(?::[a-z]+)?\}`[^`]*`")
_HTML = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*\b[^>]*|/[A-Za-z][A-Za-z0-9-]*\s*|!--.*?--)>", re.DOTALL)
_BLOCK = re.compile(r"\n\s*\n|(?:^|\n)\s*(?:#{1,6}\s|[-*+>]\s|\d+[.)]\s|```|:::)")


def _texts(message: Entry) -> list[str]:
    return [str(text) for text in (message.string if isinstance(message.string, tuple) else (message.string,))]


def _meaning_problems(path: Path, template: Entry, translated: Entry, lang: str) -> list[Problem]:
    """What a translation changes that is not wording: references, negation, raw HTML, paragraphs and other blocks."""
    line, name = translated.lineno or 0, _name(template)
    source = str(template.id[0] if isinstance(template.id, tuple) else template.id)
    problems = []
    for text in _texts(translated):
        wanted, got = Counter(_REFERENCE.findall(source)), Counter(_REFERENCE.findall(text))
        for reference in sorted((wanted - got).elements()):
            problems.append(Problem(str(path), line, name, Message("the translation drops {ref}", ref=reference)))
        for reference in sorted((got - wanted).elements()):
            message = Message("the translation has {ref}, which the German text does not", ref=reference)
            problems.append(Problem(str(path), line, name, message))
        problems += [Problem(str(path), line, name, said) for said in meaning_differs(source, codes()[0], text, lang)]
        html = [tag for tag in _HTML.findall(text) if tag not in source]
        if html:
            message = Message("raw HTML in the translation: {tag}; write text, the page shows it as text", tag=html[0])
            problems.append(Problem(str(path), line, name, message))
        if _BLOCK.search(text) and not _BLOCK.search(source):
            message = Message(
                "the translation starts a new paragraph, list or heading that the German text does not; "
                "Sphinx would keep only its first paragraph"
            )
            problems.append(Problem(str(path), line, name, message))
    return problems


_KEYWORD = re.compile(r'(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(?:[^"\\]|\\.)*"\s*')
_CONTINUATION = re.compile(r'"(?:[^"\\]|\\.)*"\s*')


def _lines(path: Path, text: str) -> tuple[list[Problem], list[Problem]]:
    """What babel reads past without a word: lines that are no gettext, and messages given twice; each at its line.

    A line is no gettext when a text is not in double quotes. A message is given twice when its msgid and msgctxt
    are alike; gettext would keep one of them.
    """
    seen: dict[tuple[str, str], int] = {}
    broken, twice = [], []
    context, current, start = "", None, 0
    for number, raw in enumerate([*text.split("\n"), ""], start=1):
        line = raw.rstrip("\r")
        if (
            line.strip()
            and not line.startswith("#")
            and not (_KEYWORD.fullmatch(line) or _CONTINUATION.fullmatch(line))
        ):
            message = Message("not a line of gettext (each text in double quotes): {line}", line=shown(line))
            broken.append(Problem(str(path), number, "", message))
        if current is not None and line.startswith('"'):
            current.append(line)
            continue
        if current is not None:
            key = (context, "".join(unescape(part.strip()) for part in current))
            if key[1] and key in seen:
                message = Message("this msgid is here twice (first at line {line}); keep one", line=seen[key])
                twice.append(Problem(str(path), start, "", message))
            seen.setdefault(key, start)
            context, current = "", None
        if line.startswith("msgctxt "):
            context = line[8:]
        elif line.startswith("msgid "):
            current, start = [line[6:]], number
    return broken, twice


def _check_catalogue(templates: Path, template: Catalog, path: Path, broken: list[Problem], lang: str) -> list[Problem]:
    """Every gap of one page's translation; a file that cannot be read or understood is added to ``broken`` too."""
    if not path.exists():
        return [Problem(str(path), 0, "", Message("missing: no translation of this page at all"))]
    read = _read(path)
    if isinstance(read, Problem):
        broken.append(read)
        return [read]
    catalogue, text = read
    unreadable, problems = _lines(path, text)
    if unreadable:
        broken.extend(unreadable)
        return unreadable + problems
    for message in template:
        if not message.id:
            continue  # the header
        translated = catalogue.get(message.id, message.context)
        if translated is None:
            where = _where(templates, message)
            problems.append(
                Problem(str(path), 0, _name(message), Message("missing: new or changed text at {where}", where=where))
            )
        elif isinstance(message.id, tuple) and not isinstance(translated.string, tuple):
            message_ = Message("the German has plural forms, the translation gives one: translate each msgstr[n]")
            problems.append(Problem(str(path), translated.lineno or 0, _name(message), message_))
        elif not all(_texts(translated)):
            problems.append(Problem(str(path), translated.lineno or 0, _name(message), Message("untranslated")))
        elif translated.fuzzy:
            message_ = Message("fuzzy: review it, then drop the flag")
            problems.append(Problem(str(path), translated.lineno or 0, _name(message), message_))
        else:
            problems.extend(_meaning_problems(path, message, translated, lang))
    return problems


def check_translations(templates: Path, catalogues: Path, lang: str | None = None) -> TranslationReport:
    """Compare the message templates (``*.pot``) with one language's catalogues (``*.po``), reporting every gap.

    ``lang`` is the catalogues' language; by default the name of the folder above ``LC_MESSAGES``.
    """
    lang = lang or (catalogues.parent.name if catalogues.name == "LC_MESSAGES" else catalogues.name)
    problems: list[Problem] = []
    broken: list[Problem] = []
    messages = 0
    pots = sorted(templates.glob("*.pot"))
    if not pots:
        message = Message("no message templates (*.pot): run the gettext build first")
        problems.append(Problem(str(templates), 0, "", message))
        broken.append(problems[-1])
    for pot in pots:
        read = _read(pot)
        if isinstance(read, Problem):
            problems.append(read)
            broken.append(read)
            continue
        template = read[0]
        messages += sum(1 for message in template if message.id)
        problems.extend(_check_catalogue(templates, template, catalogues / f"{pot.stem}.po", broken, lang))
    known = {pot.stem for pot in pots}
    problems.extend(
        Problem(str(po), 0, "", Message("stale: no page has this name any more; delete the file"))
        for po in sorted(catalogues.glob("*.po"))
        if po.stem not in known
    )
    return TranslationReport(tuple(problems), messages, len(pots), tuple(broken))
