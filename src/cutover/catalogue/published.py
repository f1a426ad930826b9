"""The check of the list of published ids: every id once published still leads somewhere, and every id is listed."""

from __future__ import annotations

from cutover.catalogue.checks import declared_ids
from cutover.catalogue.ids import PUBLISHED, STEP_ID, is_step_id
from cutover.catalogue.source import StepTables
from cutover.errors import Problem
from cutover.messages import Message

__all__ = ["check_published"]


def check_published(
    text: str | Problem, name: str, tables: StepTables | None
) -> tuple[tuple[str, ...], tuple[Problem, ...]]:
    """The published ids, and what is wrong: each must still be a step id or an alias, each id and alias published.

    ``text``: the list as read, under ``name``. ``tables``: the steps as read; None if steps.toml has none to read,
    whose own problem says so, and then nothing else is blamed.
    """
    if isinstance(text, Problem):
        message = Message("{reason}; it must list every published step id, one per line", reason=text.message)
        return (), (Problem(text.file, text.line, text.key, message),)
    problems: list[Problem] = []
    listed: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):  # lines as an editor counts them, not U+2028
        step_id = line.split("#", maxsplit=1)[0].strip(" \t\r")
        if not step_id:
            continue
        if not is_step_id(step_id):
            message = Message("not a step id (does not match {pattern})", pattern=STEP_ID.pattern)
            problems.append(Problem(name, number, step_id, message))
        elif step_id in listed:
            message = Message("listed twice (first at line {line})", line=listed[step_id])
            problems.append(Problem(name, number, step_id, message))
        else:
            listed[step_id] = number
    if tables is None:
        return tuple(listed), tuple(problems)
    declared = declared_ids(tables)
    for step_id, number in listed.items():
        if step_id not in declared:
            message = Message(
                "published, but now neither a step id nor an alias in steps.toml, so its links would break. Add "
                'aliases = ["{id}"] to the step that took its place; never remove an id from {file}',
                id=step_id,
                file=PUBLISHED,
            )
            problems.append(Problem(name, number, step_id, message))
    for step_id, (number, key) in declared.items():
        if step_id not in listed:
            message = Message(
                "{id} is not in {file}: add it there, for once published it must keep working",
                id=repr(step_id),
                file=PUBLISHED,
            )
            problems.append(Problem(tables.name, number, key, message))
    return tuple(listed), tuple(problems)
