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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cutover.errors import Problem
from cutover.messages import Foreign, Message

__all__ = ["LIMIT", "KeyLines", "display_path", "not_a_file", "os_reason", "read_text", "read_toml", "toml_problem"]

LIMIT = 2_000_000
"""The most bytes read of any input file: the catalogue is some 30 KB, a situation file a few hundred bytes."""

_TOML_ERROR = re.compile(
    r"(?P<reason>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)", re.DOTALL
)
# tomllib's sentences that name a value: each as a message of its own, so that the value is kept and the rest is said in
# the reader's language; every other sentence of tomllib is fixed and said as it is (``Foreign``).
_TOML_NAMING: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Message]], ...] = (
    (re.compile(r"Found invalid character (.+)"), lambda m: Message("Found invalid character {char}", char=m[1])),
    (re.compile(r"Cannot declare (.+) twice"), lambda m: Message("Cannot declare {key} twice", key=m[1])),
    (
        re.compile(r"Cannot mutate immutable namespace (.+)"),
        lambda m: Message("Cannot mutate immutable namespace {key}", key=m[1]),
    ),
    (re.compile(r"Cannot redefine namespace (.+)"), lambda m: Message("Cannot redefine namespace {key}", key=m[1])),
    (
        re.compile(r"Duplicate inline table key (.+)"),
        lambda m: Message("Duplicate inline table key {key}", key=m[1]),
    ),
    (re.compile(r"Illegal character (.+)"), lambda m: Message("Illegal character {char}", char=m[1])),
    (re.compile(r"Expected ('.*')"), lambda m: Message("Expected {text}", text=m[1])),
)
_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf'(?:{_BARE}|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = re.compile(rf"\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*=")
_HEADER = re.compile(rf"\s*(\[\[?)\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*\]\]?")
_PART = re.compile(_KEY)


_REASONS = {
    errno.ENOENT: Message("no such file or folder"),
    errno.EACCES: Message("permission denied"),
    errno.EPERM: Message("permission denied"),
    errno.ENOTDIR: Message("part of the path is a file, not a folder"),
    errno.ELOOP: Message("too many symbolic links"),
    errno.ENAMETOOLONG: Message("the name is too long"),
    errno.EISDIR: Message("this is a folder, not a file"),
    errno.ENOSPC: Message("no space left on the device"),
}


def display_path(path: Path) -> str:
    """A path as a message names it: from the working folder if it is inside it, else as it is."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a symbolic link in a loop (RuntimeError before 3.13)
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


def os_reason(error: OSError) -> Message:
    """Why the system refused, in the reader's words: for the common reasons words of its own, else the code."""
    code = errno.errorcode.get(error.errno or 0, str(error.errno))
    return _REASONS.get(error.errno or 0) or Message("system error {code}", code=code)


def _unreadable(name: str, error: OSError) -> Problem:
    return Problem(name, 0, "", Message("cannot read: {reason}", reason=os_reason(error)))


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
        return Problem(name, line, "", Message("cannot read: not UTF-8; save the file as UTF-8"))


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
                name, rest = _unquote(header[2]), _PART.sub("", header[2], count=1).strip()
                if rest and found.tables and found.tables[-1][0] == name:  # [step.title]: a key of that step
                    found.tables[-1][2].setdefault(_unquote(rest.lstrip(". \t")), number)
                    keys = {}  # its own keys are the sub-table's, not the step's
                else:
                    keys = {}
                    found.tables.append((name, number, keys))
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


_TOKEN = re.compile(r"\"\"\"|'''|[\"'#\[\]{}]")  # what matters in a value: strings, comments, brackets
_BASIC = re.compile(r'(?:[^"\\]|\\.)*"?')  # the rest of a one-line basic string, its closing quote included
_MULTI_CLOSE = {
    '"""': re.compile(r'(?:[^"\\]|\\.|"{1,2}(?!"))*"{3,}', re.DOTALL),
    "'''": re.compile(r"(?:[^']|'{1,2}(?!'))*'{3,}", re.DOTALL),
}  # a multi-line string's text up to its closing three quotes (one or two of its own may stand right before them)


def _scan(rest: str, depth: int) -> tuple[str | None, int]:
    """What a value's text leaves open at the end of its line: a multi-line string, and arrays or inline tables.

    The string is named by its delimiter (None if none is open); the count starts from ``depth``.
    """
    at = 0
    while token := _TOKEN.search(rest, at):
        kind, at = token[0], token.end()
        if kind in _MULTI_CLOSE:
            end = _close(rest, at, kind)
            if end is None:
                return kind, depth
            at = end
        elif kind == '"':
            at = _BASIC.match(rest, at).end()  # type: ignore[union-attr]  # matches the empty string at least
        elif kind == "'":
            end = rest.find("'", at)
            at = len(rest) if end < 0 else end + 1
        elif kind == "#":
            break
        elif kind in "[{":
            depth += 1
        elif depth:
            depth -= 1
    return None, depth


def _close(text: str, at: int, delimiter: str) -> int | None:
    """The index after the delimiter that closes a multi-line string in ``text`` from ``at``; None if it stays open.

    In a basic string (``\"\"\"``) a backslash escapes the next character. One or two quotes may stand right before
    the closing three, as part of the string, so a run of quotes closes at its end.
    """
    closed = _MULTI_CLOSE[delimiter].match(text, at)
    return closed.end() if closed else None


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


def toml_problem(name: str, error: str) -> Problem:
    """A TOML error as a problem at its line, said in the reader's language: what is wrong, and where."""
    match = _TOML_ERROR.fullmatch(error)
    if match is None:  # a message in another form, from another version of tomllib: said as it is
        return Problem(name, 0, "", Message("invalid TOML: {reason}", reason=Foreign(error)))
    reason: Message | Foreign = Foreign(match["reason"])
    for pattern, said in _TOML_NAMING:
        named = pattern.fullmatch(match["reason"])
        if named:
            reason = said(named)
            break
    if match["line"] is None:
        return Problem(name, 0, "", Message("invalid TOML: {reason} (at the end of the file)", reason=reason))
    message = Message("invalid TOML: {reason} (column {column})", reason=reason, column=int(match["column"]))
    return Problem(name, int(match["line"]), "", message)


def read_toml(path: Path, name: str, limit: int = LIMIT) -> tuple[dict[str, Any], KeyLines] | Problem:
    """The parsed file and where its keys are; or, if it cannot be read or parsed, the problem, under ``name``."""
    text = read_text(path, name, limit)
    if isinstance(text, Problem):
        return text
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return toml_problem(name, str(error))
    except RecursionError:
        return Problem(name, 0, "", Message("invalid TOML: arrays or tables nested too deeply"))
    return data, KeyLines.of(text)
