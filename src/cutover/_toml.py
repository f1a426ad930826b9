"""Reading an input file: its text, or its TOML data and where each key is, or the one problem that keeps it out.

Only a regular file is read (a pipe or a device would never end), and at most ``LIMIT`` bytes of it. A UTF-8
byte-order mark at the start is accepted. The line of each key is found in one pass over the text, reading it as
TOML does: a ``key =`` inside a multi-line string is no key, ``[[ step ]]`` is a table header, a key may be quoted.
"""

from __future__ import annotations

import errno
import re
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cutover.errors import Problem
from cutover.messages import Message

__all__ = ["LIMIT", "KeyLines", "display_path", "not_a_file", "read_text", "read_toml"]

LIMIT = 2_000_000
"""The most bytes read of any input file: the catalogue is some 30 KB, a situation file a few hundred bytes."""

_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf'(?:{_BARE}|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = re.compile(rf"\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*=")
_HEADER = re.compile(rf"\s*(\[\[?)\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*\]\]?")
_PART = re.compile(_KEY)


_REASONS = {
    errno.ENOENT: Message("no such file or folder"),
    errno.EACCES: Message("permission denied"),
    errno.ENOTDIR: Message("a folder on the way is a file"),
}


def display_path(path: Path) -> str:
    """A path as a message names it: from the working folder if it is inside it, else as it is."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def not_a_file(path: Path, name: str) -> Problem | None:
    """Why ``path`` cannot be read as a file, reported under ``name``; None if it is a regular file.

    It may be missing, a folder, a pipe or a device. A pipe or a device is never opened: reading it could wait for ever.
    """
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return _unreadable(name, error)
    if stat.S_ISREG(mode):
        return None
    kind = Message("a folder") if stat.S_ISDIR(mode) else Message("a pipe, a device or a socket")
    return Problem(name, 0, "", Message("cannot read: this is {kind}, not a file", kind=kind))


def _unreadable(name: str, error: OSError) -> Problem:
    reason = _REASONS.get(error.errno or 0) or Message("{reason}", reason=error.strerror or error)
    return Problem(name, 0, "", Message("cannot read: {reason}", reason=reason))


def read_text(path: Path, name: str, limit: int = LIMIT) -> str | Problem:
    """The file's UTF-8 text; or, if it cannot be read, the problem, reported under ``name``."""
    if problem := not_a_file(path, name):
        return problem
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as error:
        return _unreadable(name, error)
    if len(data) > limit:
        return Problem(name, 0, "", Message("cannot read: larger than {limit} bytes", limit=limit))
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Problem(name, line, "", Message("cannot read: not UTF-8 ({reason})", reason=error.reason))


@dataclass
class KeyLines:
    """Where each key of a TOML text is: the keys before the first table, and each table with its own keys.

    Lines count from 1; a key is named by its first part (``title`` for ``title.en = ...``), unquoted.
    """

    top: dict[str, int] = field(default_factory=dict)
    tables: list[tuple[str, int, dict[str, int]]] = field(default_factory=list)  # (name, header line, keys)

    @classmethod
    def of(cls, text: str) -> KeyLines:
        """The keys of ``text``, in one pass.

        Lines are counted as TOML counts them, at each line feed. A line inside a multi-line string, or inside an
        array that goes on over several lines, holds no key and no table header.
        """
        found = cls()
        keys = found.top
        closing: str | None = None  # the delimiter of the multi-line string the line is in
        depth = 0  # how many arrays or inline tables are open at the end of the line before
        for number, line in enumerate(text.split("\n"), start=1):
            if closing is not None:
                end = _close(line, 0, closing)
                if end is not None:
                    closing, depth = _scan(line[end:], depth)
                continue
            if depth:
                closing, depth = _scan(line, depth)
                continue
            header = _HEADER.match(line)
            if header and not _DOTTED.match(line):
                keys = {}
                found.tables.append((_unquote(header[2]), number, keys))
                continue
            key = _DOTTED.match(line)
            if key:
                keys.setdefault(_unquote(key[1]), number)
                closing, depth = _scan(line[key.end() :], 0)
        return found

    def line(self, key: str) -> int:
        """The line of a top-level key, or of the first table header of that name; 0 if there is none."""
        if key in self.top:
            return self.top[key]
        return next((line for name, line, _ in self.tables if name == key), 0)

    def starts(self, name: str) -> list[int]:
        """The header line of each table of that name (``[[step]]``), in order."""
        return [line for table, line, _ in self.tables if table == name]

    def in_table(self, start: int, key: str) -> int:
        """The line of ``key`` in the table whose header is at line ``start``; ``start`` if the key is not there."""
        first = key.split(".", maxsplit=1)[0]
        return next((keys.get(first, start) for _, line, keys in self.tables if line == start), start)


def _scan(rest: str, depth: int) -> tuple[str | None, int]:
    """What a value's text leaves open at the end of its line: a multi-line string, and arrays or inline tables.

    The string is named by its delimiter (None if none is open); the count starts from ``depth``.
    """
    at = 0
    while at < len(rest):
        char, delimiter = rest[at], rest[at : at + 3]
        if delimiter in ('"""', "'''"):
            end = _close(rest, at + 3, delimiter)
            if end is None:
                return delimiter, depth
            at = end
        elif char in "\"'":
            at = _string_end(rest, at)
        elif char == "#":
            break
        else:
            if char in "[{":
                depth += 1
            elif char in "]}" and depth:
                depth -= 1
            at += 1
    return None, depth


def _close(text: str, at: int, delimiter: str) -> int | None:
    """The index after the delimiter that closes a multi-line string in ``text`` from ``at``; None if it stays open.

    In a basic string (``\"\"\"``) a backslash escapes the next character. One or two quotes may stand right before
    the closing three, as part of the string, so a run of quotes closes at its end.
    """
    quote = delimiter[0]
    while at < len(text):
        if quote == '"' and text[at] == "\\":
            at += 2
        elif text[at] == quote:
            end = at
            while end < len(text) and text[end] == quote:
                end += 1
            if end - at >= 3:  # the closing three quotes, after up to two of the string's own
                return end
            at = end
        else:
            at += 1
    return None


def _string_end(text: str, at: int) -> int:
    """The index after the one-line string that starts at ``at`` (a basic string honours backslash escapes)."""
    quote, at = text[at], at + 1
    while at < len(text) and text[at] != quote:
        at += 2 if quote == '"' and text[at] == "\\" else 1
    return at + 1


def _unquote(dotted: str) -> str:
    """The first part of a dotted key, as TOML reads it: ``"title".en`` is ``title``, escapes resolved."""
    first = _PART.match(dotted)
    part = first[0] if first else dotted
    if part[:1] not in "\"'":
        return part
    try:
        return next(iter(tomllib.loads(f"{part} = 0")))
    except (tomllib.TOMLDecodeError, StopIteration):  # a quoted key TOML itself refuses: the file's problem says so
        return part


def read_toml(path: Path, name: str, limit: int = LIMIT) -> tuple[dict[str, Any], KeyLines] | Problem:
    """The parsed file and where its keys are; or, if it cannot be read or parsed, the problem, under ``name``."""
    text = read_text(path, name, limit)
    if isinstance(text, Problem):
        return text
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = _TOML_LINE.search(str(error))
        return Problem(name, int(match[1]) if match else 0, "", Message("invalid TOML: {reason}", reason=error))
    except RecursionError:
        return Problem(name, 0, "", Message("invalid TOML: arrays or tables nested too deeply"))
    return data, KeyLines.of(text)
