"""Reading an input file: its text, or its TOML data and lines, or the one problem that keeps it from being read."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from cutover.errors import Problem

_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def read_text(path: Path, name: str) -> str | Problem:
    """The file's UTF-8 text; or, if it cannot be read, the problem, reported under ``name``."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        return Problem(name, 0, "", f"cannot read: {error.strerror}")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        return Problem(name, line, "", f"cannot read: not UTF-8 ({error.reason})")


def read_toml(path: Path, name: str) -> tuple[dict[str, Any], list[str]] | Problem:
    """The parsed file and its lines; or, if it cannot be read or parsed, the problem, reported under ``name``."""
    text = read_text(path, name)
    if isinstance(text, Problem):
        return text
    try:
        return tomllib.loads(text), text.splitlines()
    except tomllib.TOMLDecodeError as error:
        match = _TOML_LINE.search(str(error))
        return Problem(name, int(match.group(1)) if match else 0, "", f"invalid TOML: {error}")


def line_of(lines: list[str], key: str) -> int:
    """The first line (1-based) that starts with ``key`` or a table header ``[key``; 0 if there is none."""
    pattern = re.compile(rf"^\s*\[*{re.escape(key)}\b")
    return next((i + 1 for i, text in enumerate(lines) if pattern.match(text)), 0)
