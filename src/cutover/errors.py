"""The error types of the package: one base class, each error carrying every problem found at once."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["CatalogueError", "CutoverError", "Problem", "SituationError", "UnknownStepError"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, and where: file, line (0 when unknown) and key path."""

    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class CutoverError(Exception):
    """Base class of every error this package raises on bad input."""


class _ProblemsError(CutoverError):
    """An error that carries every problem found, not only the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class CatalogueError(_ProblemsError):
    """The step catalogue in runbook/ is invalid."""


class SituationError(_ProblemsError):
    """A situation file for the duplicate checks is invalid."""


class UnknownStepError(CutoverError):
    """A step id that the catalogue does not know."""

    def __init__(self, step_id: str, known: Sequence[str]) -> None:
        self.step_id = step_id
        close = difflib.get_close_matches(step_id, known, n=3)
        # Nothing alike: still name the least unlike, so that the reader sees what an id looks like.
        self.suggestions = tuple(close or difflib.get_close_matches(step_id, known, n=3, cutoff=0))
        named = ", ".join(self.suggestions)
        hint = (f" (did you mean: {named}?)" if close else f" (closest: {named})") if named else ""
        super().__init__(f"unknown step id {step_id!r}{hint}")
