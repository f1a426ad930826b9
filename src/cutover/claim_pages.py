"""The claims of a page as its MyST source writes them, and their check in German and in every translation.

``conftest.py`` hands each ``{cutover:claim}`` block of ``docs/`` to Sybil as an example; running it checks the
claim against the package (``cutover.claims.check_package``) and the sentence's words against the claim in the
German page and in each edition's ``.po`` (``check_words``). A failure names the claim and, per edition, each word
that is wrong or missing; Sybil names the page and the line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

from cutover import pins
from cutover.claims import check_package, check_words, parse_claim
from cutover.editions import codes

__all__ = ["ClaimOnPage", "card_at", "check_claim_on_page", "claims_on_page", "translations"]

_CLAIM = re.compile(  # at the start of a line, or indented in a list item; closed by the same fence, as indented
    r"^(?P<indent>[ \t]*)(?P<fence>:{3,})\{cutover:claim\}[ \t]*(?P<arguments>.*)\n"
    r"(?P<options>(?:[ \t]*:[\w-]+:.*\n)*)(?P<body>(?:.*\n)*?)(?P=indent)(?P=fence)[ \t]*$",
    re.MULTILINE,
)
_OPTION = re.compile(r"[ \t]*:([\w-]+):[ \t]*(.*)")
_FENCE = re.compile(r"^(`{3,})(.*)$")


@dataclass(frozen=True)
class ClaimOnPage:
    """A ``{cutover:claim}`` block: its claim line and options, its sentence, its page and the card it is in."""

    arguments: str
    options: dict[str, str] = field(hash=False)
    sentence: str
    page: str
    here: str | None


def _open_fences(text: str) -> list[tuple[str, str]]:
    """The backtick fences still open at the end of ``text``: each fence and its info (``{cutover:step} id``)."""
    open_fences: list[tuple[str, str]] = []
    for line in text.splitlines():
        match = _FENCE.match(line)
        if match is None:
            continue
        if open_fences and line.strip() == open_fences[-1][0]:
            open_fences.pop()
        else:  # an opening fence; one without info is a plain code block
            open_fences.append((match.group(1), match.group(2).strip()))
    return open_fences


def card_at(text: str) -> str | None:
    """The step whose card (a backtick fence ``{cutover:step} id``) is still open at the end of ``text``."""
    cards = [info.split()[1] for _, info in _open_fences(text) if info.startswith("{cutover:step}") and " " in info]
    return cards[-1] if cards else None


def _in_code(text: str) -> bool:
    """Whether the end of ``text`` is inside a code block (a fence that is no directive): an example, not a claim."""
    return any(not info.startswith("{") for _, info in _open_fences(text))


def claims_on_page(text: str, page: str) -> Iterator[tuple[int, int, ClaimOnPage]]:
    """Each ``{cutover:claim}`` block of the page ``page`` (``portale``), with where it starts and ends in ``text``."""
    for match in _CLAIM.finditer(text):
        if _in_code(text[: match.start()]):
            continue
        options = {m[1]: m[2] for line in match["options"].splitlines() if (m := _OPTION.match(line))}
        here = card_at(text[: match.start()])
        yield match.start(), match.end(), ClaimOnPage(match["arguments"], options, match["body"], page, here)


@functools.cache
def translations(locale: Path, page: str, lang: str) -> dict[str, str]:
    """The reviewed translations of a page's messages in ``lang``, by their German text with its spaces made one."""
    po = locale / lang / "LC_MESSAGES" / f"{page}.po"
    if not po.is_file():
        return {}
    with po.open("rb") as file:
        return {" ".join(str(m.id).split()): str(m.string) for m in read_po(file) if m.id and m.string and not m.fuzzy}


def check_claim_on_page(on_page: ClaimOnPage, locale: Path) -> None:
    """Raise ``AssertionError`` unless the package and the sentence, in German and in every edition, say the claim."""
    claim = parse_claim(on_page.arguments, on_page.options)
    check_package(claim)
    german = " ".join(on_page.sentence.split())
    problems: list[str] = []
    if "\n\n" in on_page.sentence.strip():
        problems.append("a claim holds one sentence (one paragraph), not several")
    statements = pins.catalogue().statements
    for lang in codes():
        sentence = german if lang == codes()[0] else translations(locale, on_page.page, lang).get(german)
        if sentence is None:
            problems.append(f"{lang}: {locale}/{lang}/LC_MESSAGES/{on_page.page}.po has no translation of it")
            continue
        problems += [f"{lang}: {p}" for p in check_words(claim, sentence, lang, statements, here=on_page.here)]
    if problems:
        raise AssertionError(f"claim {claim}:\n  " + "\n  ".join(problems))
