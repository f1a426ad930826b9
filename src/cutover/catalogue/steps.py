"""Reading steps.toml into steps: its [[step]] tables, and each table's keys, each value checked where it is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from cutover.catalogue.ids import is_step_id, not_an_id
from cutover.catalogue.model import LANGUAGES, Applies, Area, Kind, Moment, Span, Step, Text
from cutover.catalogue.source import Parsed, StepTables
from cutover.errors import Problem
from cutover.markers import meaning_differs
from cutover.messages import Message, has_control, shown

__all__ = ["read_steps", "step_tables"]

_E = TypeVar("_E", bound=StrEnum)
_Report = Callable[[str, Message], None]
_STEP_KEYS = {
    "id", "area", "kind", "applies", "after", "after_variant", "statements", "title", "why", "aliases",
    "recommended", "from", "until", "switch", "moment",
}  # fmt: skip
_REQUIRED = ("id", "area", "kind", "applies", "statements", "title", "why")


def step_tables(steps: Parsed | Problem) -> tuple[StepTables | None, tuple[Problem, ...]]:
    """The [[step]] tables of steps.toml, and what is wrong at its top; None if there are none to read."""
    if isinstance(steps, Problem):
        return None, (steps,)
    name, data, lines = steps.name, steps.data, steps.lines
    problems = steps.unknown_keys("step", Message("unknown key (expected only [[step]] tables)"))
    raw = data.get("step", [])
    if not isinstance(raw, list) or not raw:
        problems.append(Problem(name, 0, "step", Message("no [[step]] tables")))
        return None, tuple(problems)
    starts = lines.starts("step")
    starts += [lines.line("step")] * (len(raw) - len(starts))  # step = [{...}]: at least the line of "step"
    labels = {
        entry["id"]: f"step[{index}] ({entry['id']})"
        for index, entry in reversed(list(enumerate(raw)))
        if isinstance(entry, dict) and isinstance(entry.get("id"), str)
    }
    return StepTables(name, lines, tuple(raw), tuple(starts), labels), tuple(problems)


def read_steps(
    tables: StepTables, statements: Mapping[str, str] | None
) -> tuple[tuple[Step, ...], tuple[Problem, ...]]:
    """Every table that makes a step, in order, and what is wrong in each; a duplicate id keeps the first.

    ``statements``: the statements a step may carry; None if statements.toml could not be read (nothing is blamed).
    """
    name, lines = tables.name, tables.lines
    problems: list[Problem] = []
    steps: list[Step] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(tables.entries):
        if not isinstance(entry, dict):
            problems.append(Problem(name, lines.line("step"), f"step[{index}]", Message("must be a table")))
            continue
        step, found = _step(tables, index, entry, statements)
        problems += found
        if step is None:
            continue
        if step.id in seen:
            message = Message("duplicate id {id} (first at line {line})", id=shown(step.id), line=seen[step.id])
            problems.append(Problem(name, step.line, f"step[{index}].id", message))
            continue
        seen[step.id] = step.line
        steps.append(step)
    return tuple(steps), tuple(problems)


def _step(
    tables: StepTables, index: int, entry: dict[str, Any], statements: Mapping[str, str] | None
) -> tuple[Step | None, list[Problem]]:
    """One [[step]] table, or None if it is too broken to take part in the reference and cycle checks."""
    name, lines, line = tables.name, tables.lines, tables.starts[index]
    label = f"step[{index}]"
    step_id = entry.get("id")
    if isinstance(step_id, str):
        label = f"step[{index}] ({step_id})"
    problems: list[Problem] = []

    def problem(key: str, message: Message) -> None:
        problems.append(Problem(name, lines.in_table(line, key), f"{label}.{key}", message))

    for key in sorted(set(entry) - _STEP_KEYS):
        problem(key, Message("unknown key (allowed: {keys})", keys=", ".join(sorted(_STEP_KEYS))))
    for key in _REQUIRED:
        if key not in entry:
            problem(key, Message("missing"))
    if "id" in entry and not is_step_id(step_id):
        problem("id", not_an_id(step_id))
    area = _choice(entry, "area", Area, problem)
    kind = _choice(entry, "kind", Kind, problem)
    applies = _choice(entry, "applies", Applies, problem)
    if area is not None and isinstance(step_id, str) and not step_id.startswith(f"{area}-"):
        problem("id", Message("must start with its area {area}", area=shown(area.value)))
    after = _id_list(entry, "after", problem)
    variant_table = entry.get("after_variant", {})
    if not isinstance(variant_table, dict):
        problem("after_variant", Message("must be a table with keys a and/or b"))
        variant_table = {}
    for key in sorted(set(variant_table) - {"a", "b"}):
        problem(f"after_variant.{key}", Message("unknown mail variant (allowed: a, b)"))
    after_a = _id_list(variant_table, "a", lambda k, m: problem(f"after_variant.{k}", m))
    after_b = _id_list(variant_table, "b", lambda k, m: problem(f"after_variant.{k}", m))
    carried = _id_list(entry, "statements", problem)
    for statement in carried:
        if statements is not None and statement not in statements:
            problem("statements", Message("unknown statement {statement}", statement=shown(statement)))
    title = _text(entry, "title", problem)
    why = _text(entry, "why", problem)
    aliases = _id_list(entry, "aliases", problem)
    for alias in (alias for alias in aliases if not is_step_id(alias)):
        problem("aliases", not_an_id(alias))
    recommended = _flag(entry, "recommended", problem)
    switch = _flag(entry, "switch", problem)
    span = _span(entry, kind, problem)
    moments = _moments(entry, problem)
    if not (isinstance(step_id, str) and area and kind and applies and title and why):
        return None, problems
    step = Step(
        step_id, area, kind, applies, title, why, after, after_a, after_b, carried, line, aliases,
        recommended, span, switch, moments,
    )  # fmt: skip
    return step, problems


def _flag(entry: dict[str, Any], key: str, problem: _Report) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        problem(key, Message("must be true or false, not {value}", value=shown(value)))
        return False
    return value


def _span(entry: dict[str, Any], kind: Kind | None, problem: _Report) -> Span | None:
    """A rule's span from ``from`` and ``until``; every other kind has none, and may not give one."""
    ends: dict[str, str | None] = {}
    for key in ("from", "until"):
        value = entry.get(key)
        if value is not None and not is_step_id(value):
            problem(key, Message("must be a step id, not {value}", value=shown(value)))
            value = None
        if value is not None and kind is not None and kind is not Kind.RULE:
            problem(key, Message("only a rule holds from or until a step; its kind is {kind}", kind=shown(kind.value)))
            value = None
        ends[key] = value
    return Span(ends["from"], ends["until"]) if kind is Kind.RULE else None


def _moments(entry: dict[str, Any], problem: _Report) -> tuple[tuple[Moment, Text], ...]:
    value = entry.get("moment", {})
    if not isinstance(value, dict):
        problem("moment", Message("must be a table with from and/or until"))
        return ()
    for key in sorted(set(value) - {m.value for m in Moment}):
        problem(f"moment.{key}", Message("unknown end of a span (allowed: from, until)"))
    found = []
    for moment in Moment:
        if moment.value in value:
            text = _text(value, moment.value, lambda k, m: problem(f"moment.{k}", m))
            if text is not None:
                found.append((moment, text))
    return tuple(found)


def _choice(entry: dict[str, Any], key: str, enum: type[_E], problem: _Report) -> _E | None:
    value = entry.get(key)
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        problem(
            key,
            Message("{value} is not one of {choices}", value=shown(value), choices=", ".join(e.value for e in enum)),
        )
        return None


def _id_list(table: dict[str, Any], key: str, problem: _Report) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problem(key, Message("must be a list of strings"))
        return ()
    return tuple(value)


def _text(entry: dict[str, Any], key: str, problem: _Report) -> Text | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        problem(key, Message("must be a table with a text per edition: {languages}", languages=", ".join(LANGUAGES)))
        return None
    for lang in sorted(set(value) - set(LANGUAGES)):
        problem(f"{key}.{lang}", Message("unknown language (allowed: {languages})", languages=", ".join(LANGUAGES)))
    texts = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            problem(f"{key}.{lang}", Message("missing or empty text"))
        elif has_control(text.strip()):  # a line break or an escape would break the checklists a terminal shows
            problem(f"{key}.{lang}", Message("contains a control character: {text}", text=shown(text)))
        else:
            texts[lang] = text.strip()
    if len(texts) < len(LANGUAGES):
        return None
    source = LANGUAGES[0]
    for lang in LANGUAGES[1:]:  # a text reversed in one language alone: its meaning markers are not the source's
        for differs in meaning_differs(texts[source], source, texts[lang], lang):
            problem(f"{key}.{lang}", differs)
    return Text(texts)
