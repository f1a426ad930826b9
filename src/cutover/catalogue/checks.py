"""The checks of the catalogue as a whole: each a function of what was read, returning what is wrong with it.

No check changes what it is given or keeps anything for another: where one needs what an earlier step of the loading
found (the steps that could be built, the statements), it is passed in. The words of each problem stand beside the
condition that finds it.
"""

from __future__ import annotations

import dataclasses
import graphlib
import itertools
from collections.abc import Iterator, Mapping

from cutover.catalogue.ids import STATEMENT_ID, is_step_id
from cutover.catalogue.model import LANGUAGES, Answers, Applies, MailVariant, Moment, Step, Text
from cutover.catalogue.source import Parsed, Statements, StepTables
from cutover.errors import Problem
from cutover.messages import Message, has_control, shown

__all__ = [
    "STEP_CHECKS",
    "check_aliases",
    "check_carried",
    "check_cycles",
    "check_references",
    "check_spans",
    "check_statements",
    "check_switch",
    "declared_ids",
    "with_span_words",
]

Steps = tuple[Step, ...]


def check_statements(statements: Parsed | Problem) -> tuple[Statements | None, tuple[Problem, ...]]:
    """The statements table, and what is wrong with it; None when it cannot be read, so steps are not blamed for it."""
    if isinstance(statements, Problem):
        return None, (statements,)
    name, data, lines = statements.name, statements.data, statements.lines
    problems = statements.unknown_keys("statements", Message("unknown key (expected only [statements])"))
    table = data.get("statements")
    if not isinstance(table, dict):
        problems.append(Problem(name, 0, "statements", Message("missing table [statements]")))
        return None, tuple(problems)
    texts: dict[str, str] = {}
    for key, value in table.items():
        where = (name, lines.in_table(lines.line("statements"), key), f"statements.{key}")
        if not STATEMENT_ID.fullmatch(key):
            problems.append(Problem(*where, Message("statement ids look like S1, S2, ...")))
        elif not isinstance(value, str) or not value.strip():
            problems.append(Problem(*where, Message("must be a non-empty German text")))
        else:
            if has_control(value):  # still a statement, so that no step that carries it is blamed too
                problems.append(Problem(*where, Message("contains a control character: {text}", text=shown(value))))
            texts[key] = value
    return Statements(name, lines, texts), tuple(problems)


def check_references(tables: StepTables, steps: Steps) -> tuple[Problem, ...]:
    """Every step named in ``after`` exists and can be in a plan with the step that names it.

    A retired id there is named with the id that replaced it. A step that is never in the same plan (a
    variant-b step after which a variant-a step would wait) would be looked through without a word, and the
    dependency would be lost from every plan.
    """
    problems: list[Problem] = []
    retired = {alias: step.id for step in steps for alias in step.aliases}
    by_id = {step.id: step for step in steps}
    for step in steps:
        for key, refs, variants in (
            ("after", step.after, tuple(MailVariant)),
            ("after_variant.a", step.after_a, (MailVariant.A,)),
            ("after_variant.b", step.after_b, (MailVariant.B,)),
        ):
            for ref in refs:
                message = None
                if ref not in tables.labels:
                    message = Message("unknown step {ref}", ref=shown(ref))
                    if ref in retired:
                        message = Message("{ref} is a retired id: write {id}", ref=shown(ref), id=shown(retired[ref]))
                elif ref in by_id and not any(
                    step.applies_to(a) and by_id[ref].applies_to(a) for a in Answers.every() if a.variant in variants
                ):
                    message = Message(
                        "{ref} is in no plan that {id} is in ({applies}), so this would never be waited for: "
                        "name the steps it waits for instead",
                        ref=shown(ref), id=shown(step.id), applies=by_id[ref].applies.value,
                    )  # fmt: skip
                if message is not None:
                    line = tables.lines.in_table(step.line, key)
                    problems.append(Problem(tables.name, line, f"{tables.labels[step.id]}.{key}", message))
    return tuple(problems)


_Where = tuple[int, str]  # the line and the key path of an id or alias


def _aliases(tables: StepTables) -> Iterator[tuple[str, _Where, _Where | None]]:
    """Each alias as written, with where it is and where it was declared before (None: it is the first)."""
    declared = declared_ids(tables, aliases=False)
    for index, entry in enumerate(tables.entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("aliases"), list):
            continue
        step_id = entry.get("id")
        label = tables.labels[step_id] if isinstance(step_id, str) else f"step[{index}]"
        where = (tables.lines.in_table(tables.starts[index], "aliases"), f"{label}.aliases")
        for alias in entry["aliases"]:
            if is_step_id(alias):  # any other is reported where the step is read
                yield alias, where, declared.get(alias)
                declared.setdefault(alias, where)


def declared_ids(tables: StepTables, *, aliases: bool = True) -> dict[str, _Where]:
    """Every step id steps.toml declares (and each alias, unless not ``aliases``), with where it is first."""
    declared: dict[str, _Where] = {}
    for index, entry in enumerate(tables.entries):
        step_id = entry.get("id") if isinstance(entry, dict) else None
        if is_step_id(step_id) and step_id not in declared:
            declared[step_id] = (tables.lines.in_table(tables.starts[index], "id"), f"{tables.labels[step_id]}.id")
    if aliases:
        for alias, where, _ in _aliases(tables):
            declared.setdefault(alias, where)
    return declared


def check_aliases(tables: StepTables, steps: Steps) -> tuple[Problem, ...]:
    """A retired id leads to one step only, and is never also a step's own id."""
    problems: list[Problem] = []
    for alias, (line, key), first in _aliases(tables):
        if first is not None:
            first_line, first_key = first
            what = Message("a step id") if first_key.endswith(".id") else Message("an alias")
            message = Message(
                "{alias} is already {what} (line {line}); a retired id leads to one step only",
                alias=shown(alias), what=what, line=first_line,
            )  # fmt: skip
            problems.append(Problem(tables.name, line, key, message))
    return tuple(problems)


def check_cycles(tables: StepTables, steps: Steps) -> tuple[Problem, ...]:
    """No step waits for itself through the after lists, in either mail variant; each cycle is reported once."""
    problems: list[Problem] = []
    known = {step.id for step in steps}
    reported: set[frozenset[str]] = set()
    for variant in MailVariant:
        graph = {s.id: [r for r in s.prerequisites(variant) if r in known] for s in steps}
        try:
            graphlib.TopologicalSorter(graph).prepare()
        except graphlib.CycleError as error:
            cycle: list[str] = list(reversed(error.args[1]))
            if frozenset(cycle) not in reported:
                reported.add(frozenset(cycle))
                first = next(s for s in steps if s.id == cycle[0])
                line = tables.lines.in_table(first.line, "after")
                line = tables.lines.in_table(first.line, "after_variant") if line == first.line else line
                message = Message("dependency cycle: {cycle}", cycle=" -> ".join(cycle))
                problems.append(Problem(tables.name, line, "after", message))
    return tuple(problems)


def check_spans(tables: StepTables, steps: Steps) -> tuple[Problem, ...]:
    """A rule's span names steps that exist, that have words for the badge, and that come in the span's order.

    The rule comes before the step it holds from, which comes before the step it ends at, in every plan the rule
    is part of (by the ``after`` lists, so tailoring cannot reorder them), and those steps are in each such plan.
    """
    problems: list[Problem] = []
    by_id = {step.id: step for step in steps}
    for step in steps:
        if step.span is None:
            continue

        def problem(key: str, message: Message, step: Step = step) -> None:
            line = tables.lines.in_table(step.line, key)
            problems.append(Problem(tables.name, line, f"{tables.labels[step.id]}.{key}", message))

        chain = [step.id]
        for moment, end in ((Moment.FROM, step.span.start), (Moment.UNTIL, step.span.until)):
            target = by_id.get(end) if end is not None else None
            if end is None or target is None:
                if end is not None and end not in tables.labels:  # a step too broken to read is reported where it is
                    problem(moment.value, Message("unknown step {ref}", ref=shown(end)))
                continue
            if target.moment(moment) is None:
                texts = ", ".join(f"{lang} = ..." for lang in LANGUAGES)
                give = f"moment.{moment.value} = {{ {texts} }}"
                message = Message("{ref} has no words for this rule's badge: give it {give}", ref=shown(end), give=give)
                problem(moment.value, message)
            if any(step.applies_to(a) and not target.applies_to(a) for a in Answers.every()):
                problem(
                    moment.value,
                    Message("{ref} is not in every plan that {id} is in", ref=shown(end), id=shown(step.id)),
                )
            chain.append(end)
        variants = sorted({a.variant for a in Answers.every() if step.applies_to(a)})
        for earlier, later in itertools.pairwise(chain):
            late = next((v for v in variants if not _waits_for(by_id, v, later, earlier)), None)
            if late is not None:
                moment = Moment.FROM if later == step.span.start else Moment.UNTIL
                message = Message(
                    "{later} must wait for {earlier} (in its after lists, directly or not), "
                    "in mail variant {variant} too",
                    later=shown(later),
                    earlier=shown(earlier),
                    variant=late.value,
                )
                problem(moment.value, message)
    return tuple(problems)


def with_span_words(steps: Steps) -> Steps:
    """The steps, each rule with the words of its span's ends for its badge (where the steps at its ends give some)."""
    by_id = {step.id: step for step in steps}

    def worded(step: Step) -> Step:
        if step.span is None:
            return step
        ends = ((Moment.FROM, step.span.start), (Moment.UNTIL, step.span.until))
        found = [by_id[end].moment(moment) for moment, end in ends if end in by_id]
        words = [text for text in found if text is not None]
        if not words:
            return step
        joined = Text.join(" ", *words)
        return dataclasses.replace(step, span=dataclasses.replace(step.span, words=joined))

    return tuple(worded(step) for step in steps)


def _waits_for(steps: Mapping[str, Step], variant: MailVariant, step_id: str, earlier: str) -> bool:
    """Whether ``step_id`` comes after ``earlier`` by the after lists of this variant, directly or through others."""
    seen: set[str] = set()
    stack = [step_id]
    while stack:
        current = steps.get(stack.pop())
        if current is None or current.id in seen:
            continue
        seen.add(current.id)
        for before in current.prerequisites(variant):
            if before == earlier:
                return True
            stack.append(before)
    return False


def check_switch(tables: StepTables, steps: Steps) -> tuple[Problem, ...]:
    """Exactly one step is the moment of the switch, and it is in every plan.

    A table that says ``switch = true`` counts even if it is too broken to become a step (it is reported where it is).
    """
    problems: list[Problem] = []
    switches = [step for step in steps if step.switch]
    if not any(table.get("switch") is True for table in tables.tables):
        problems.append(
            Problem(tables.name, 0, "switch", Message("no step is the moment of the switch: mark one switch = true"))
        )
    for step in switches[1:]:
        message = Message("{id} is already the moment of the switch; there is only one", id=shown(switches[0].id))
        line = tables.lines.in_table(step.line, "switch")
        problems.append(Problem(tables.name, line, f"{tables.labels[step.id]}.switch", message))
    for step in switches[:1]:
        if step.applies is not Applies.ALWAYS:
            message = Message("the moment of the switch is in every plan: it must apply always")
            line = tables.lines.in_table(step.line, "applies")
            problems.append(Problem(tables.name, line, f"{tables.labels[step.id]}.applies", message))
    return tuple(problems)


STEP_CHECKS = (check_references, check_aliases, check_cycles, check_spans, check_switch)
"""The checks over the steps that could be built, in the order their problems are reported."""


def check_carried(tables: StepTables, statements: Statements | None) -> tuple[Problem, ...]:
    """Every statement is carried by some step, even one too broken to build; nothing is said without statements."""
    if statements is None:
        return ()
    carried = {s for table in tables.tables for s in _items(table.get("statements")) if isinstance(s, str)}
    start = statements.lines.line("statements")
    missing = sorted(set(statements.texts) - carried, key=lambda s: int(s[1:]))
    return tuple(
        Problem(
            statements.name, statements.lines.in_table(start, key), f"statements.{key}", Message("carried by no step")
        )
        for key in missing
    )


def _items(value: object) -> list[object]:
    """The items of a list, or none if it is not one (its own check reports that)."""
    return value if isinstance(value, list) else []
