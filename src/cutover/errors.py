"""The error types of the package: one base class, each error carrying every problem found at once."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from cutover.messages import Message, shown, visible

__all__ = ["CatalogueError", "CutoverError", "Problem", "SituationError", "UnknownStepError"]

SHOWN_PROBLEMS = 30
"""How many problems a report shows one by one; past that it shows the first ones and says how many more there are."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, and where: file, line (0 when unknown) and key path."""

    file: str
    line: int
    key: str
    message: Message

    def text(self, lang: str = "en") -> str:
        """The problem as one line in ``lang``: where it is, the key (escapes made visible), what is wrong."""
        file = visible(self.file, 200, lang)
        where = f"{file}:{self.line}" if self.line else file
        said = self.message.text(lang)
        return f"{where}: {visible(self.key, lang=lang)}: {said}" if self.key else f"{where}: {said}"

    def __str__(self) -> str:
        return self.text("en")


class CutoverError(Exception):
    """Base class of every error this package raises on bad input."""

    def lines(self, lang: str = "en") -> list[str]:
        """What went wrong, one line each, in ``lang``."""
        return [visible(line, 1000, lang) for line in str(self).splitlines()]


class _ProblemsError(CutoverError):
    """An error that carries every problem found, not only the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:  # said only when asked for: a report shows the first problems, not all of them
        return "\n".join(str(p) for p in self.problems)

    def lines(self, lang: str = "en") -> list[str]:
        """Each problem one line; past ``SHOWN_PROBLEMS``, the first ones and how many more there are."""
        lines = [problem.text(lang) for problem in self.problems[:SHOWN_PROBLEMS]]
        if len(self.problems) > SHOWN_PROBLEMS:
            rest = Message("… and {count} more", count=len(self.problems) - SHOWN_PROBLEMS)
            lines.append(rest.text(lang))
        return lines


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
        if not named:
            self.message = Message("unknown step id {id}", id=shown(step_id))
        elif close:
            self.message = Message("unknown step id {id} (did you mean: {named}?)", id=shown(step_id), named=named)
        else:
            self.message = Message("unknown step id {id} (closest: {named})", id=shown(step_id), named=named)
        super().__init__(str(self.message))

    def lines(self, lang: str = "en") -> list[str]:
        """The one line, in ``lang``."""
        return [self.message.text(lang)]
