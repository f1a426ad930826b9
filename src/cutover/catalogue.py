"""The step catalogue: load runbook/*.toml, validate all of it at once, and look steps up by id."""

from __future__ import annotations

import dataclasses
import graphlib
import itertools
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal, TypeGuard, TypeVar

from cutover._toml import KeyLines, display_path, read_text, read_toml
from cutover.errors import CatalogueError, Problem, UnknownStepError
from cutover.messages import Message, has_control, shown

__all__ = [
    "LANGUAGES",
    "PUBLISHED",
    "RECOMMENDED",
    "SWITCH",
    "Answers",
    "Applies",
    "Area",
    "Catalogue",
    "Kind",
    "Lang",
    "MailVariant",
    "Moment",
    "Span",
    "Step",
    "Text",
    "default_runbook",
    "load_catalogue",
    "read_catalogue",
    "span_json",
]

Lang = Literal["de", "en"]
LANGUAGES: tuple[Lang, ...] = ("de", "en")

STEP_ID = re.compile(r"^(lead|portal|mail|contacts|calendar)(-[a-z0-9]+)+$")
LONGEST_ID = 60
"""The most characters of a step id or alias: an id names a file (s/<id>.html) and is read aloud."""


def is_step_id(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a step id: the pattern, all of it (no trailing newline), and no longer than a line."""
    return isinstance(value, str) and len(value) <= LONGEST_ID and STEP_ID.fullmatch(value) is not None


def _not_an_id(value: object) -> Message:
    if isinstance(value, str) and len(value) > LONGEST_ID and STEP_ID.fullmatch(value):
        return Message("{value} is longer than {longest} characters", value=shown(value), longest=LONGEST_ID)
    return Message("{value} does not match {pattern}", value=shown(value), pattern=STEP_ID.pattern)


STATEMENT_ID = re.compile(r"^S[1-9][0-9]*$")
PUBLISHED = "published-ids.txt"
"""The runbook's committed list of every step id ever published; an id on it must stay a step or an alias."""


class Area(StrEnum):
    """Where in the switch a step belongs; also the prefix of its id."""

    LEAD = "lead"
    PORTAL = "portal"
    MAIL = "mail"
    CONTACTS = "contacts"
    CALENDAR = "calendar"

    @property
    def label(self) -> Text:
        """The area's name for readers."""
        return _LABELS[self]


class Kind(StrEnum):
    """What the customer does with a step."""

    ACTION = "action"
    CHECK = "check"
    RULE = "rule"

    @property
    def label(self) -> Text:
        """The kind's name for readers."""
        return _LABELS[self]


class Applies(StrEnum):
    """When a step is part of a customer's plan."""

    ALWAYS = "always"
    VARIANT_A = "variant-a"
    VARIANT_B = "variant-b"
    CONTACT_SYNC = "contact-sync"
    CALENDAR_SYNC = "calendar-sync"

    @property
    def label(self) -> Text:
        """When the step applies, for readers."""
        return _LABELS[self]


class Moment(StrEnum):
    """The two ends of a rule's span: the step from which it holds, and the step at which it ends."""

    FROM = "from"
    UNTIL = "until"


class MailVariant(StrEnum):
    """S13: (a) mail reaches the platform through the Exporter; (b) mail accounts live in the platform now."""

    A = "a"
    B = "b"


@dataclass(frozen=True, slots=True)
class Answers:
    """A customer's answers to the questions that tailor the plan."""

    variant: MailVariant = MailVariant.A
    contact_sync: bool = False
    calendar_sync: bool = False

    @classmethod
    def every(cls) -> tuple[Answers, ...]:
        """Every combination of answers, variant a first."""
        return tuple(
            cls(variant, contacts, calendar)
            for variant, contacts, calendar in itertools.product(MailVariant, (False, True), (False, True))
        )


@dataclass(frozen=True, slots=True)
class Text:
    """A text in German (the source language) and English."""

    de: str
    en: str

    def get(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.de if lang == "de" else self.en


@dataclass(frozen=True, slots=True)
class Span:
    """When a rule holds: from a step (None: from the rule's own place in the plan) until a step (None: for good)."""

    start: str | None = None
    until: str | None = None
    words: Text | None = None
    """How the rule's badge names the span ("bis zum Stopp des ExporterV2"), from the steps at its ends."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the runbook, exactly as the catalogue declares it."""

    id: str
    area: Area
    kind: Kind
    applies: Applies
    title: Text
    why: Text
    after: tuple[str, ...] = ()
    after_a: tuple[str, ...] = ()
    after_b: tuple[str, ...] = ()
    statements: tuple[str, ...] = ()
    line: int = 0
    aliases: tuple[str, ...] = ()
    recommended: bool = False
    """The source recommends the step rather than requiring it; it keeps its place, but nothing waits for it."""
    span: Span | None = None
    """For a rule: when it holds. None for every other kind."""
    switch: bool = False
    """The moment of the switch: before this step Performer leads, from it the platform does."""
    moments: tuple[tuple[Moment, Text], ...] = ()
    """How a rule's badge names this step where a rule starts or ends at it ("bis zum Stopp des ExporterV2")."""

    @property
    def kind_label(self) -> Text:
        """The badge of what the customer does with the step; a rule's names its span ("Regel bis zum Stopp ...")."""
        if self.span is None:
            return self.kind.label
        words = self.span.words or _FOR_GOOD
        return Text(f"{self.kind.label.de} {words.de}", f"{self.kind.label.en} {words.en}")

    def moment(self, end: Moment) -> Text | None:
        """How a rule's badge names this step as that end of its span; None if the catalogue gives no words."""
        return dict(self.moments).get(end)

    def applies_to(self, answers: Answers) -> bool:
        """Whether the step belongs to the plan for these answers."""
        return {
            Applies.ALWAYS: True,
            Applies.VARIANT_A: answers.variant is MailVariant.A,
            Applies.VARIANT_B: answers.variant is MailVariant.B,
            Applies.CONTACT_SYNC: answers.contact_sync,
            Applies.CALENDAR_SYNC: answers.calendar_sync,
        }[self.applies]

    def prerequisites(self, variant: MailVariant) -> tuple[str, ...]:
        """The steps that must be done before this one in the given mail variant."""
        return self.after + (self.after_a if variant is MailVariant.A else self.after_b)


@dataclass(frozen=True)
class Catalogue:
    """All steps in catalogue order, the source statements they carry, and every id ever published."""

    steps: tuple[Step, ...]
    statements: Mapping[str, str]
    source: Path
    published: tuple[str, ...] = ()
    _by_id: dict[str, Step] = field(init=False, repr=False, compare=False)
    _by_alias: dict[str, Step] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {step.id: step for step in self.steps})
        object.__setattr__(self, "_by_alias", {alias: step for step in self.steps for alias in step.aliases})

    def __getitem__(self, step_id: str) -> Step:
        try:
            return self._by_id[step_id]
        except KeyError:
            raise UnknownStepError(step_id, list(self._by_id)) from None

    def __contains__(self, step_id: object) -> bool:
        return step_id in self._by_id

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every step id, in catalogue order."""
        return tuple(self._by_id)

    @property
    def aliases(self) -> Mapping[str, str]:
        """Every retired id, with the id of the step that took its place."""
        return {alias: step.id for alias, step in self._by_alias.items()}

    @property
    def switch(self) -> Step:
        """The moment of the switch (the loader checks that exactly one step is it)."""
        return next(step for step in self.steps if step.switch)

    def resolve(self, step_id: str) -> Step:
        """The step with this id, or the step that took the place of this retired id."""
        if step_id in self._by_alias:
            return self._by_alias[step_id]
        try:
            return self[step_id]
        except UnknownStepError:
            raise UnknownStepError(step_id, [*self._by_id, *self._by_alias]) from None


_LABELS: dict[StrEnum, Text] = {
    Area.LEAD: Text("Führendes System", "Primary system"),
    Area.PORTAL: Text("Portale", "Portals"),
    Area.MAIL: Text("Mail", "Email"),
    Area.CONTACTS: Text("Kontakte", "Contacts"),
    Area.CALENDAR: Text("Termine", "Calendar"),
    Kind.ACTION: Text("Aufgabe", "Task"),
    Kind.CHECK: Text("Prüfung", "Check"),
    Kind.RULE: Text("Regel", "Rule"),
    Applies.ALWAYS: Text("Immer", "Always"),
    Applies.VARIANT_A: Text("Nur in Variante a", "Variant a only"),
    Applies.VARIANT_B: Text("Nur in Variante b", "Variant b only"),
    Applies.CONTACT_SYNC: Text("Nur mit Kontaktesync", "With contact sync only"),
    Applies.CALENDAR_SYNC: Text("Nur mit Kalendersync", "With calendar sync only"),
}


RECOMMENDED = Text("Empfohlen", "Recommended")
"""The badge of a step the source recommends rather than requires."""
SWITCH = Text("Ab hier führt die Plattform", "From here on, the platform leads")
"""The badge of the step that is the moment of the switch."""
_FOR_GOOD = Text("ab jetzt, ohne Ende", "from now on, for good")
"""A rule's span when it holds from its own place in the plan and never ends."""


def span_json(step: Step, lang: Lang | None = None) -> dict[str, Any] | None:
    """A rule's span for JSON: the ids it holds from and until (null: its own place; never), and its badge.

    The badge is in ``lang``, or in every language (keyed by language) when None. Null for every other kind.
    """
    if step.span is None:
        return None
    label = step.kind_label
    return {
        "from": step.span.start,
        "until": step.span.until,
        "label": label.get(lang) if lang is not None else {code: label.get(code) for code in LANGUAGES},
    }


def default_runbook() -> Path:
    """The step catalogue to use: $CUTOVER_RUNBOOK if set, else the one installed with the package, else runbook/.

    The runbook/ folder of this checkout serves an editable install, which has no copy of its own beside the code.
    """
    env = os.environ.get("CUTOVER_RUNBOOK", "").strip()
    if env:
        return Path(env)
    installed = Path(__file__).resolve().parent / "runbook"
    return installed if installed.is_dir() else Path(__file__).resolve().parents[2] / "runbook"


def load_catalogue(runbook: Path | None = None) -> Catalogue:
    """Load and validate ``steps.toml`` and ``statements.toml``; raise one error listing every problem."""
    catalogue, problems = read_catalogue(runbook)
    if problems:
        raise CatalogueError(problems)
    return catalogue


def read_catalogue(runbook: Path | None = None) -> tuple[Catalogue, tuple[Problem, ...]]:
    """Every step that could be read, and every problem found; for tools that report problems their own way."""
    folder = default_runbook() if runbook is None else runbook
    loader = _Loader()
    statements = loader.statements(folder / "statements.toml")
    steps = loader.steps(folder / "steps.toml", statements)
    published = loader.published(folder / PUBLISHED, folder / "steps.toml")
    return Catalogue(steps, statements or {}, folder, published), tuple(loader.problems)


_E = TypeVar("_E", bound=StrEnum)
_Report = Callable[[str, Message], None]
_STEP_KEYS = {
    "id", "area", "kind", "applies", "after", "after_variant", "statements", "title", "why", "aliases",
    "recommended", "from", "until", "switch", "moment",
}  # fmt: skip
_REQUIRED = ("id", "area", "kind", "applies", "statements", "title", "why")


class _Loader:
    """Collects every problem instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._statement_lines = KeyLines()
        # Every id and alias steps.toml declares, with where: (line, key path); None if steps.toml could not be read.
        self._declared: dict[str, tuple[int, str]] | None = None

    def _read(self, path: Path) -> tuple[dict[str, Any], KeyLines] | None:
        read = read_toml(path, display_path(path))
        if isinstance(read, Problem):
            self.problems.append(read)
            return None
        return read

    def statements(self, path: Path) -> dict[str, str] | None:
        """The statements table; None when the file cannot be read, so steps are not blamed for its problems."""
        read = self._read(path)
        if read is None:
            return None
        data, lines = read
        self._statement_lines = lines
        name = display_path(path)
        for key in sorted(set(data) - {"statements"}):
            self.problems.append(
                Problem(name, lines.line(key), key, Message("unknown key (expected only [statements])"))
            )
        table = data.get("statements")
        if not isinstance(table, dict):
            self.problems.append(Problem(name, 0, "statements", Message("missing table [statements]")))
            return None
        result: dict[str, str] = {}
        for key, value in table.items():
            where = Problem(name, lines.in_table(lines.line("statements"), key), f"statements.{key}", Message(""))
            if not STATEMENT_ID.fullmatch(key):
                self.problems.append(_with(where, Message("statement ids look like S1, S2, ...")))
            elif not isinstance(value, str) or not value.strip():
                self.problems.append(_with(where, Message("must be a non-empty German text")))
            else:
                if has_control(value):  # still a statement, so that no step that carries it is blamed too
                    self.problems.append(
                        _with(where, Message("contains a control character: {text}", text=shown(value)))
                    )
                result[key] = value
        return result

    def steps(self, path: Path, statements: Mapping[str, str] | None) -> tuple[Step, ...]:
        read = self._read(path)
        if read is None:
            return ()
        data, lines = read
        name = display_path(path)
        for key in sorted(set(data) - {"step"}):
            self.problems.append(
                Problem(name, lines.line(key), key, Message("unknown key (expected only [[step]] tables)"))
            )
        raw = data.get("step", [])
        if not isinstance(raw, list) or not raw:
            self.problems.append(Problem(name, 0, "step", Message("no [[step]] tables")))
            return ()
        starts = lines.starts("step")
        starts += [lines.line("step")] * (len(raw) - len(starts))  # step = [{...}]: at least the line of "step"
        # A step too broken to build still declares its id and statements: others may name them without blame.
        tables = [entry for entry in raw if isinstance(entry, dict)]
        labels = {
            entry["id"]: f"step[{index}] ({entry['id']})"
            for index, entry in reversed(list(enumerate(raw)))
            if isinstance(entry, dict) and isinstance(entry.get("id"), str)
        }
        steps: list[Step] = []
        seen: dict[str, int] = {}
        for index, entry in enumerate(raw):
            if not isinstance(entry, dict):
                self.problems.append(Problem(name, lines.line("step"), f"step[{index}]", Message("must be a table")))
                continue
            step = self._step((name, lines, starts[index]), index, entry, statements)
            if step is None:
                continue
            if step.id in seen:
                self.problems.append(
                    Problem(
                        name,
                        step.line,
                        f"step[{index}].id",
                        Message("duplicate id {id} (first at line {line})", id=shown(step.id), line=seen[step.id]),
                    )
                )
                continue
            seen[step.id] = step.line
            steps.append(step)
        self._references(name, lines, steps, labels)
        self._aliases(name, lines, raw, starts, labels)
        self._cycles(name, lines, steps)
        self._spans(name, lines, steps, labels)
        self._switch(name, lines, steps, labels, declared=any(entry.get("switch") is True for entry in tables))
        if statements is not None:
            carried = {s for entry in tables for s in _strings(entry.get("statements")) if isinstance(s, str)}
            for missing in sorted(set(statements) - carried, key=lambda s: int(s[1:])):
                self.problems.append(
                    Problem(
                        display_path(path.with_name("statements.toml")),
                        self._statement_lines.in_table(self._statement_lines.line("statements"), missing),
                        f"statements.{missing}",
                        Message("carried by no step"),
                    )
                )
        return tuple(steps)

    def _step(
        self,
        where: tuple[str, KeyLines, int],
        index: int,
        entry: dict[str, Any],
        statements: Mapping[str, str] | None,
    ) -> Step | None:
        """One [[step]] table, or None if it is too broken to take part in the reference and cycle checks."""
        name, lines, line = where
        label = f"step[{index}]"
        step_id = entry.get("id")
        if isinstance(step_id, str):
            label = f"step[{index}] ({step_id})"

        def problem(key: str, message: Message) -> None:
            self.problems.append(Problem(name, lines.in_table(line, key), f"{label}.{key}", message))

        for key in sorted(set(entry) - _STEP_KEYS):
            problem(key, Message("unknown key (allowed: {keys})", keys=", ".join(sorted(_STEP_KEYS))))
        for key in _REQUIRED:
            if key not in entry:
                problem(key, Message("missing"))
        if "id" in entry and not is_step_id(step_id):
            problem("id", _not_an_id(step_id))
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
            problem("aliases", _not_an_id(alias))
        recommended = _flag(entry, "recommended", problem)
        switch = _flag(entry, "switch", problem)
        span = _span(entry, kind, problem)
        moments = _moments(entry, problem)
        if not (isinstance(step_id, str) and area and kind and applies and title and why):
            return None
        return Step(
            step_id, area, kind, applies, title, why, after, after_a, after_b, carried, line, aliases,
            recommended, span, switch, moments,
        )  # fmt: skip

    def _references(self, name: str, lines: KeyLines, steps: list[Step], labels: Mapping[str, str]) -> None:
        """Every step named in ``after`` exists and can be in a plan with the step that names it.

        A retired id there is named with the id that replaced it. A step that is never in the same plan (a
        variant-b step after which a variant-a step would wait) would be looked through without a word, and the
        dependency would be lost from every plan.
        """
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
                    if ref not in labels:
                        message = Message("unknown step {ref}", ref=shown(ref))
                        if ref in retired:
                            message = Message(
                                "{ref} is a retired id: write {id}", ref=shown(ref), id=shown(retired[ref])
                            )
                    elif ref in by_id and not any(
                        step.applies_to(a) and by_id[ref].applies_to(a)
                        for a in Answers.every()
                        if a.variant in variants
                    ):
                        message = Message(
                            "{ref} is in no plan that {id} is in ({applies}), so this would never be waited for: "
                            "name the steps it waits for instead",
                            ref=shown(ref), id=shown(step.id), applies=by_id[ref].applies.value,
                        )  # fmt: skip
                    if message is not None:
                        line = lines.in_table(step.line, key)
                        self.problems.append(Problem(name, line, f"{labels[step.id]}.{key}", message))

    def _spans(self, name: str, lines: KeyLines, steps: list[Step], labels: Mapping[str, str]) -> None:
        """A rule's span names steps that exist, that have words for the badge, and that come in the span's order.

        The rule comes before the step it holds from, which comes before the step it ends at, in every plan the rule
        is part of (by the ``after`` lists, so tailoring cannot reorder them), and those steps are in each such plan.
        Each rule then gets the words of its span's ends, for its badge.
        """
        by_id = {step.id: step for step in steps}
        for index, step in enumerate(steps):
            if step.span is None:
                continue

            def problem(key: str, message: Message, step: Step = step) -> None:
                line = lines.in_table(step.line, key)
                self.problems.append(Problem(name, line, f"{labels[step.id]}.{key}", message))

            chain, words = [step.id], []
            for moment, end in ((Moment.FROM, step.span.start), (Moment.UNTIL, step.span.until)):
                target = by_id.get(end) if end is not None else None
                if end is None or target is None:
                    if end is not None and end not in labels:  # a step too broken to read is reported where it is
                        problem(moment.value, Message("unknown step {ref}", ref=shown(end)))
                    continue
                text = target.moment(moment)
                if text is None:
                    give = f"moment.{moment.value} = {{ de = ..., en = ... }}"
                    message = Message(
                        "{ref} has no words for this rule's badge: give it {give}", ref=shown(end), give=give
                    )
                    problem(moment.value, message)
                else:
                    words.append(text)
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
            if words:
                joined = Text(" ".join(w.de for w in words), " ".join(w.en for w in words))
                steps[index] = dataclasses.replace(step, span=dataclasses.replace(step.span, words=joined))

    def _switch(
        self, name: str, lines: KeyLines, steps: list[Step], labels: Mapping[str, str], *, declared: bool
    ) -> None:
        """Exactly one step is the moment of the switch, and it is in every plan.

        ``declared``: some table says ``switch = true``, even one too broken to become a step (reported where it is).
        """
        switches = [step for step in steps if step.switch]
        if not declared:
            self.problems.append(
                Problem(name, 0, "switch", Message("no step is the moment of the switch: mark one switch = true"))
            )
        for step in switches[1:]:
            message = Message("{id} is already the moment of the switch; there is only one", id=shown(switches[0].id))
            self.problems.append(
                Problem(name, lines.in_table(step.line, "switch"), f"{labels[step.id]}.switch", message)
            )
        for step in switches[:1]:
            if step.applies is not Applies.ALWAYS:
                message = Message("the moment of the switch is in every plan: it must apply always")
                line = lines.in_table(step.line, "applies")
                self.problems.append(Problem(name, line, f"{labels[step.id]}.applies", message))

    def _aliases(
        self, name: str, lines: KeyLines, raw: list[Any], starts: list[int], labels: Mapping[str, str]
    ) -> None:
        """A retired id leads to one step only, and is never also a step's own id; remember every id declared."""
        declared: dict[str, tuple[int, str]] = {}
        for index, entry in enumerate(raw):
            step_id = entry.get("id") if isinstance(entry, dict) else None
            if is_step_id(step_id) and step_id not in declared:
                declared[step_id] = (lines.in_table(starts[index], "id"), f"{labels[step_id]}.id")
        for index, entry in enumerate(raw):
            if not isinstance(entry, dict) or not isinstance(entry.get("aliases"), list):
                continue
            step_id = entry.get("id")
            label = labels[step_id] if isinstance(step_id, str) else f"step[{index}]"
            line = lines.in_table(starts[index], "aliases")
            for alias in entry["aliases"]:
                if not is_step_id(alias):
                    continue  # reported where the step is read
                if alias in declared:
                    first_line, first_key = declared[alias]
                    what = Message("a step id") if first_key.endswith(".id") else Message("an alias")
                    message = Message(
                        "{alias} is already {what} (line {line}); a retired id leads to one step only",
                        alias=shown(alias), what=what, line=first_line,
                    )  # fmt: skip
                    self.problems.append(Problem(name, line, f"{label}.aliases", message))
                else:
                    declared[alias] = (line, f"{label}.aliases")
        self._declared = declared

    def published(self, path: Path, steps_path: Path) -> tuple[str, ...]:
        """The published ids; each must still be a step id or an alias, and each id and alias must be published."""
        name = display_path(path)
        text = read_text(path, name)
        if isinstance(text, Problem):
            message = Message("{reason}; it must list every published step id, one per line", reason=text.message)
            self.problems.append(_with(text, message))
            return ()
        listed: dict[str, int] = {}
        for number, line in enumerate(text.split("\n"), start=1):  # lines as an editor counts them, not U+2028
            step_id = line.split("#", maxsplit=1)[0].strip(" \t\r")
            if not step_id:
                continue
            if not is_step_id(step_id):
                message = Message("not a step id (does not match {pattern})", pattern=STEP_ID.pattern)
                self.problems.append(Problem(name, number, step_id, message))
            elif step_id in listed:
                message = Message("listed twice (first at line {line})", line=listed[step_id])
                self.problems.append(Problem(name, number, step_id, message))
            else:
                listed[step_id] = number
        if self._declared is None:  # steps.toml could not be read: its own problem says so, blame nothing else
            return tuple(listed)
        steps_name = display_path(steps_path)
        for step_id, number in listed.items():
            if step_id not in self._declared:
                self.problems.append(
                    Problem(
                        name,
                        number,
                        step_id,
                        Message(
                            "published, but now neither a step id nor an alias in steps.toml, so its links would "
                            'break. Add aliases = ["{id}"] to the step that took its place; never remove an id from '
                            "{file}",
                            id=step_id,
                            file=PUBLISHED,
                        ),
                    )
                )
        for step_id, (number, key) in self._declared.items():
            if step_id not in listed:
                self.problems.append(
                    Problem(
                        steps_name,
                        number,
                        key,
                        Message(
                            "{id} is not in {file}: add it there, for once published it must keep working",
                            id=repr(step_id),
                            file=PUBLISHED,
                        ),
                    )
                )
        return tuple(listed)

    def _cycles(self, name: str, lines: KeyLines, steps: list[Step]) -> None:
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
                    line = lines.in_table(first.line, "after")
                    line = lines.in_table(first.line, "after_variant") if line == first.line else line
                    message = Message("dependency cycle: {cycle}", cycle=" -> ".join(cycle))
                    self.problems.append(Problem(name, line, "after", message))


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


def _with(problem: Problem, message: Message) -> Problem:
    return Problem(problem.file, problem.line, problem.key, message)


def _strings(value: object) -> list[object]:
    """The items of a list, or none if it is not one (its own check reports that)."""
    return value if isinstance(value, list) else []


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
        problem(key, Message("must be a table with de and en"))
        return None
    for lang in sorted(set(value) - set(LANGUAGES)):
        problem(f"{key}.{lang}", Message("unknown language (allowed: de, en)"))
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
    return Text(texts["de"], texts["en"])
