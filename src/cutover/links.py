"""Links: the permanent short address of every step, in every edition, and the site's base URL."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from cutover.catalogue import Lang
from cutover.errors import CutoverError

__all__ = ["BASE_URL", "DEFAULT_BASE_URL", "SHORT", "BaseURLError", "base_url", "normalise", "short_path"]

SHORT = "s"
"""The folder of every edition that holds one short-link page per step id and alias."""
BASE_URL = "CUTOVER_BASE_URL"
"""The one setting: the environment variable with the address of the site's root (the folder of de/ and en/)."""
DEFAULT_BASE_URL = "http://127.0.0.1:8000/"
"""Where ``nox -s docs-serve`` serves the site."""


class BaseURLError(CutoverError):
    """The configured base URL is not a web address."""


def short_path(lang: Lang | str, step_id: str) -> str:
    """The step's short link, relative to the site's root: ``de/s/portal-verify-offline.html``."""
    return f"{lang}/{SHORT}/{step_id}.html"


def base_url(environ: Mapping[str, str] = os.environ) -> str:
    """The site's root address from ``$CUTOVER_BASE_URL`` (default: ``nox -s docs-serve``), ending in a slash."""
    value = environ.get(BASE_URL, "").strip() or DEFAULT_BASE_URL
    try:
        parts = urlsplit(value)
        valid = parts.scheme in {"http", "https"} and bool(parts.hostname) and parts.port != 0
    except ValueError:  # an unclosed IPv6 bracket, a port that is no number
        valid = False
    if not valid or "?" in value or "#" in value:  # a query or fragment would swallow the step's path
        raise BaseURLError(
            f"{BASE_URL}: {value!r} is not the address of the site's root, such as https://runbook.example.com/"
        )
    return value if value.endswith("/") else f"{value}/"


def normalise(step_id: str) -> str:
    """An id as someone typed it after hearing it read aloud: ``Portal verify offline`` is ``portal-verify-offline``."""
    return re.sub(r"[\s_]+", "-", step_id.strip().lower())
