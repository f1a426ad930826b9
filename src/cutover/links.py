"""Links: the permanent short address of every step, in every edition, and the site's base URL."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from cutover._toml import display_path, read_toml
from cutover.catalogue import Lang
from cutover.errors import CatalogueError, CutoverError, Problem
from cutover.messages import Message, has_control, shown

__all__ = [
    "BASE_URL", "DEFAULT_BASE_URL", "SHORT", "SITE", "BaseURLError", "address_problem", "base_url", "is_local",
    "normalise", "short_path", "site_address", "site_problems",
]  # fmt: skip

SHORT = "s"
"""The folder of every edition that holds one short-link page per step id and alias."""
BASE_URL = "CUTOVER_BASE_URL"
"""The one setting: the environment variable with the address of the site's root (the folder of de/ and en/)."""
DEFAULT_BASE_URL = "http://127.0.0.1:8000/"
"""Where ``nox -s docs-serve`` serves the site."""


class BaseURLError(CutoverError):
    """The configured base URL is not a web address."""

    def __init__(self, setting: str, reason: Message) -> None:
        self.setting = setting
        self.reason = reason
        self.message = Message("{setting}: {reason}", setting=setting, reason=reason)
        super().__init__(str(self.message))

    def lines(self, lang: str = "en") -> list[str]:
        """The one line, in ``lang``."""
        return [self.message.text(lang)]


SITE = "site.toml"
"""The file in the runbook folder that names the published site's address, once someone publishes it."""


def short_path(lang: Lang | str, step_id: str) -> str:
    """The step's short link, relative to the site's root: ``de/s/portal-verify-offline.html``."""
    return f"{lang}/{SHORT}/{step_id}.html"


def site_address(runbook: Path) -> tuple[str, list[Problem]]:
    """The published site's address as the runbook's ``site.toml`` names it, and what is wrong with the file.

    The address is empty while the file names none, and no ``site.toml`` is no address. A problem may be that the
    file cannot be read, has an unknown key, or names an address that is none.
    """
    path = runbook / SITE
    if not os.path.lexists(path):  # a link that leads nowhere is there, and its problem is said
        return "", []
    name = display_path(path)
    read = read_toml(path, name)
    if isinstance(read, Problem):
        return "", [read]
    data, lines = read
    problems = [
        Problem(name, lines.line(key), key, Message("unknown key (expected only base_url)"))
        for key in sorted(set(data) - {"base_url"})
    ]
    value = data.get("base_url", "")
    if not isinstance(value, str):
        problems.append(Problem(name, lines.line("base_url"), "base_url", Message("must be a text")))
    elif reason := address_problem(value):
        problems.append(Problem(name, lines.line("base_url"), "base_url", reason))
    return ("" if problems else value), problems


def site_problems(runbook: Path) -> list[Problem]:
    """What is wrong with the runbook's ``site.toml``; nothing if there is none."""
    return site_address(runbook)[1]


def address_problem(value: str) -> Message | None:
    """Why ``value`` is not the address of a site's root; None if it is one, or is empty."""
    if not value:
        return None
    if any(char.isspace() for char in value):
        return Message("{value} contains a space, a tab or a line break", value=shown(value))
    if has_control(value):
        return Message("{value} contains a control character", value=shown(value))
    try:
        parts = urlsplit(value)
        valid = parts.scheme in {"http", "https"} and bool(parts.hostname) and parts.port != 0
    except ValueError:  # an unclosed IPv6 bracket, a port that is no number
        valid = False
    if not valid or "?" in value or "#" in value:  # a query or fragment would swallow the step's path
        return Message(
            "{value} is not the address of the site's root, such as https://runbook.example.com/", value=shown(value)
        )
    return None


def base_url(environ: Mapping[str, str] = os.environ, *, runbook: Path | None = None) -> str:
    """The site's root address, ending in a slash: ``$CUTOVER_BASE_URL``, else ``site.toml``, else the preview.

    The runbook's ``site.toml`` names the published address; without one the links lead to the local preview of
    ``nox -s docs-serve`` (``is_local`` says so, and the command line says so too).

    A bad address raises: ``BaseURLError`` for the variable, ``CatalogueError`` for ``site.toml``, located there.
    """
    value = environ.get(BASE_URL, "")
    if value:
        if reason := address_problem(value):
            raise BaseURLError(BASE_URL, reason)
    elif runbook is not None:
        value, problems = site_address(runbook)
        if problems:
            raise CatalogueError(problems)
    if not value:
        return DEFAULT_BASE_URL
    return value if value.endswith("/") else f"{value}/"


def is_local(url: str) -> bool:
    """Whether an address is the local preview, which nobody but this computer can open."""
    return url == DEFAULT_BASE_URL


def normalise(step_id: str) -> str:
    """An id as someone typed it after hearing it read aloud: ``Portal verify offline`` is ``portal-verify-offline``."""
    return re.sub(r"[\s_]+", "-", step_id.strip().lower())
