"""Checklist and findings rendering with jinja2 templates, shared by the CLI and the Sphinx extension."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Literal

import jinja2

from cutover.catalogue import Answers, Lang, Step
from cutover.duplicates import Finding

__all__ = ["FORMATS", "Format", "render_checklist", "render_findings"]

Format = Literal["text", "markdown"]
FORMATS: tuple[Format, ...] = ("text", "markdown")
_SUFFIX = {"text": "txt", "markdown": "md"}

_LABELS = {
    "de": {
        "checklist": "Checkliste",
        "variant": "Mail-Variante",
        "contact_sync": "Kontaktesync",
        "calendar_sync": "Kalendersync",
        "yes": "ja",
        "no": "nein",
        "no_findings": "Keine Dublettengefahr gefunden.",
        "blocker": "BLOCKER",
        "warning": "WARNUNG",
        "steps": "Schritte",
        "lands": "Betrifft",
    },
    "en": {
        "checklist": "Checklist",
        "variant": "Mail variant",
        "contact_sync": "Contact sync",
        "calendar_sync": "Calendar sync",
        "yes": "yes",
        "no": "no",
        "no_findings": "No duplicate risk found.",
        "blocker": "BLOCKER",
        "warning": "WARNING",
        "steps": "Steps",
        "lands": "Affects",
    },
}


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # noqa: S701  # Markdown and plain text, never HTML: escaping would corrupt them
    )


def render_checklist(
    steps: Sequence[Step], answers: Answers, lang: Lang, fmt: Format = "text", *, sphinx: bool = False
) -> str:
    """The ordered checklist as text or Markdown; ``sphinx`` links each step with the ``step`` role."""
    template = _environment().get_template(f"checklist.{_SUFFIX[fmt]}.j2")
    return template.render(steps=steps, answers=answers, lang=lang, t=_LABELS[lang], sphinx=sphinx)


def render_findings(findings: Sequence[Finding], lang: Lang, fmt: Format = "text", *, sphinx: bool = False) -> str:
    """The findings of the duplicate checks as text or Markdown; ``sphinx`` links each step with the ``step`` role."""
    template = _environment().get_template(f"findings.{_SUFFIX[fmt]}.j2")
    return template.render(findings=findings, lang=lang, t=_LABELS[lang], sphinx=sphinx)
