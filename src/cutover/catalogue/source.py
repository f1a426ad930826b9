"""The runbook's files as read, before any check: the parsed TOML tables and the line of each of their keys.

Reading is done once, here; every check is then a function of these values and says only what is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cutover._toml import KeyLines, display_path, read_text, read_toml
from cutover.catalogue.ids import PUBLISHED
from cutover.errors import Problem
from cutover.messages import Message

__all__ = ["Parsed", "Source", "Statements", "StepTables", "read_source"]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A TOML file as read: its name in messages, its data, and the line of each key."""

    name: str
    data: dict[str, Any]
    lines: KeyLines

    def unknown_keys(self, known: str, message: Message) -> list[Problem]:
        """A problem, ``message``, at each top-level key but ``known``, in the order of their names."""
        return [Problem(self.name, self.lines.line(key), key, message) for key in sorted(set(self.data) - {known})]


@dataclass(frozen=True, slots=True)
class Source:
    """Each file of a runbook folder, parsed, or the one problem that kept it out."""

    statements: Parsed | Problem
    steps: Parsed | Problem
    published: str | Problem
    """The text of the list of published ids."""
    published_name: str


@dataclass(frozen=True, slots=True)
class Statements:
    """The statements that statements.toml declares, with where each is."""

    name: str
    lines: KeyLines
    texts: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class StepTables:
    """The [[step]] tables of steps.toml as TOML gives them, before they become steps, with where each starts."""

    name: str
    lines: KeyLines
    entries: tuple[object, ...]
    """Each [[step]] entry; one that is not a table is reported, and the others are read around it."""
    starts: tuple[int, ...]
    """The line each entry starts at (for ``step = [{...}]``, at least the line of ``step``)."""
    labels: Mapping[str, str]
    """The key path of each declared step id (``step[3] (lead-decide)``), its first table if it is declared twice."""

    @property
    def tables(self) -> tuple[dict[str, Any], ...]:
        """The entries that are tables: a step too broken to build still declares its id and statements."""
        return tuple(entry for entry in self.entries if isinstance(entry, dict))


def read_source(folder: Path) -> Source:
    """Read statements.toml, steps.toml and the list of published ids of a runbook folder."""
    statements, steps, published = folder / "statements.toml", folder / "steps.toml", folder / PUBLISHED
    published_name = display_path(published)
    return Source(_parse(statements), _parse(steps), read_text(published, published_name), published_name)


def _parse(path: Path) -> Parsed | Problem:
    name = display_path(path)
    read = read_toml(path, name)
    return read if isinstance(read, Problem) else Parsed(name, *read)
