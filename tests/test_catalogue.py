"""Unit tests of cutover.catalogue: the data types, lookups, and the loader over every sample catalogue."""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from pathlib import Path

import pytest

from cutover.catalogue import (
    LANGUAGES,
    PUBLISHED,
    Answers,
    Applies,
    Area,
    Catalogue,
    Kind,
    MailVariant,
    Moment,
    Span,
    Step,
    Text,
    default_runbook,
    load_catalogue,
    read_catalogue,
)
from cutover.catalogue.checks import STEP_CHECKS, check_carried, check_statements, declared_ids, with_span_words
from cutover.catalogue.published import check_published
from cutover.catalogue.source import StepTables, read_source
from cutover.catalogue.steps import read_steps, step_tables
from cutover.editions import codes
from cutover.errors import CatalogueError, Problem, UnknownStepError
from cutover.messages import Message
from factories import UNDECLARED, every_edition, make_step, texts

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SOURCES = Path(__file__).resolve().parent / "samples"
"""The samples as written (in German and English); the tests load the ``samples`` fixture, in every edition."""
PATTERN = "^(lead|portal|mail|contacts|calendar)(-[a-z0-9]+)+$"
STEP_KEYS = (
    "after, after_variant, aliases, applies, area, from, id, kind, moment, recommended, statements, switch, title, "
    "until, why"
)

ALIASES = re.compile(r"\baliases = \[([^\]]*)\]")
NO_SWITCH = "steps.toml: switch: no step is the moment of the switch: mark one switch = true"
LIST_UNREADABLE = "cannot read: {}; it must list every published step id, one per line"
STATEMENTS = '[statements]\nS1 = "Erste Aussage."\n'
STEP = """[[step]]
id = "lead-decide"
area = "lead"
kind = "action"
applies = "always"
statements = ["S1"]
title = { de = "Entscheiden", en = "Decide" }
why = { de = "Sonst doppelt.", en = "Otherwise twice." }
"""


@pytest.fixture
def small() -> Catalogue:
    """Three steps in catalogue order, one of them depending on the mail variant."""
    steps = (
        make_step("lead-decide"),
        make_step("mail-choose-variant", after=("lead-decide",)),
        make_step("portal-stop-exporter", after=("lead-decide",), after_a=("mail-choose-variant",)),
    )
    return Catalogue(steps, {"S1": "Erste Aussage."}, Path("runbook"))


def _write(folder: Path, steps: str, statements: str = STATEMENTS, published: str | None = None) -> Path:
    """A runbook folder; unless given, its published ids are the ids and aliases that ``steps`` declares.

    Unless ``steps`` names the moment of the switch, its last [[step]] table is it (a line at the end, so that no
    other line moves). Its texts, written in German and English, are given to every further edition as well.
    """
    folder.mkdir(parents=True, exist_ok=True)
    steps = every_edition(steps)
    if "[[step]]" in steps and "switch" not in steps:
        steps = steps.rstrip("\n") + "\nswitch = true\n"
    (folder / "steps.toml").write_text(steps, encoding="utf-8")
    (folder / "statements.toml").write_text(statements, encoding="utf-8")
    if published is None:
        declared = re.findall(r'\bid = "([^"]+)"', steps) + re.findall(r'"([^"]+)"', " ".join(ALIASES.findall(steps)))
        published = "".join(f"{step_id}\n" for step_id in dict.fromkeys(declared))
    (folder / PUBLISHED).write_text(published, encoding="utf-8")
    return folder


def _de_en(text: Text) -> tuple[tuple[str, ...], Text]:
    """The languages of a text built from the words table, and its German and English, which the tests pin."""
    return text.languages, Text(de=text.get("de"), en=text.get("en"))


def _problems(folder: Path) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        load_catalogue(folder)
    return [str(problem) for problem in info.value.problems]


# --- data types ---------------------------------------------------------------------------------------------------


def test_languages_are_german_first() -> None:
    """The languages are the declared editions; German is the source language and comes first, then English."""
    expected = (codes(), ("de", "en"))
    assert expected == (LANGUAGES, LANGUAGES[:2])


def test_text_gives_german() -> None:
    """``Text.get("de")`` is the German text."""
    expected = "Hallo"
    assert expected == Text(de="Hallo", en="Hello").get("de")


def test_text_gives_english() -> None:
    """``Text.get("en")`` is the English text."""
    expected = "Hello"
    assert expected == Text(de="Hallo", en="Hello").get("en")


def test_answers_default_to_variant_a_without_sync() -> None:
    """The default answers are variant a, no contact sync, no calendar sync."""
    assert Answers(MailVariant.A, contact_sync=False, calendar_sync=False) == Answers()


def test_every_answer_combination_variant_a_first() -> None:
    """``Answers.every()`` lists all eight combinations, variant a first."""
    expected = (
        Answers(MailVariant.A, False, False),
        Answers(MailVariant.A, False, True),
        Answers(MailVariant.A, True, False),
        Answers(MailVariant.A, True, True),
        Answers(MailVariant.B, False, False),
        Answers(MailVariant.B, False, True),
        Answers(MailVariant.B, True, False),
        Answers(MailVariant.B, True, True),
    )
    assert expected == Answers.every()


@pytest.mark.parametrize(
    ("applies", "expected"),
    [
        (Applies.ALWAYS, [True] * 8),
        (Applies.VARIANT_A, [True] * 4 + [False] * 4),
        (Applies.VARIANT_B, [False] * 4 + [True] * 4),
        (Applies.CONTACT_SYNC, [False, False, True, True] * 2),
        (Applies.CALENDAR_SYNC, [False, True] * 4),
    ],
)
def test_step_applies_to_the_answers_its_applies_names(applies: Applies, expected: list[bool]) -> None:
    """A step applies exactly to the answers its ``applies`` value names."""
    step = make_step("lead-decide", applies)
    assert expected == [step.applies_to(answers) for answers in Answers.every()]


def test_step_prerequisites_in_variant_a() -> None:
    """In variant a a step waits for ``after`` plus ``after_variant.a``."""
    step = make_step("mail-empty-inbox", after=("lead-decide",), after_a=("portal-stop-exporter",), after_b=("x",))
    expected = ("lead-decide", "portal-stop-exporter")
    assert expected == step.prerequisites(MailVariant.A)


def test_step_prerequisites_in_variant_b() -> None:
    """In variant b a step waits for ``after`` plus ``after_variant.b``."""
    step = make_step(
        "mail-empty-inbox", after=("lead-decide",), after_a=("x",), after_b=("mail-stop-performer-service",)
    )
    expected = ("lead-decide", "mail-stop-performer-service")
    assert expected == step.prerequisites(MailVariant.B)


def test_area_label() -> None:
    """An area has a name for readers in every edition, German and English among them."""
    assert (LANGUAGES, Text(de="Portale", en="Portals")) == _de_en(Area.PORTAL.label)


def test_kind_label() -> None:
    """A kind has a name for readers in every edition, German and English among them."""
    assert (LANGUAGES, Text(de="Regel", en="Rule")) == _de_en(Kind.RULE.label)


def test_applies_label() -> None:
    """An ``applies`` value has a name for readers in every edition, German and English among them."""
    assert (LANGUAGES, Text(de="Nur mit Kontaktesync", en="With contact sync only")) == _de_en(
        Applies.CONTACT_SYNC.label
    )


def test_every_enum_value_has_a_label() -> None:
    """Every area, kind and applies value has a label in every edition's language."""
    members: list[Area | Kind | Applies] = [*Area, *Kind, *Applies]
    expected: list[object] = []
    assert expected == [m for m in members if not all(dict(m.label.items()).get(lang) for lang in LANGUAGES)]


# --- Catalogue ----------------------------------------------------------------------------------------------------


def test_catalogue_looks_steps_up_by_id(small: Catalogue) -> None:
    """``catalogue[id]`` is the step with that id."""
    expected = "mail-choose-variant"
    assert expected == small["mail-choose-variant"].id


def test_catalogue_refuses_an_unknown_id_with_suggestions(small: Catalogue) -> None:
    """An unknown id raises UnknownStepError with the close ids as suggestions."""
    with pytest.raises(UnknownStepError) as info:
        small["lead-decid"]
    expected = ("lead-decide",)
    assert expected == info.value.suggestions


def test_catalogue_contains_known_ids(small: Catalogue) -> None:
    """``in`` is true for a known id and false for anything else."""
    expected = (True, False, False)
    assert expected == ("lead-decide" in small, "lead" in small, 3 in small)


def test_catalogue_iterates_in_catalogue_order(small: Catalogue) -> None:
    """Iterating gives the steps in catalogue order."""
    expected = ["lead-decide", "mail-choose-variant", "portal-stop-exporter"]
    assert expected == [step.id for step in small]


def test_catalogue_length_is_the_number_of_steps(small: Catalogue) -> None:
    """``len`` counts the steps."""
    expected = 3
    assert expected == len(small)


def test_catalogue_ids_in_order(small: Catalogue) -> None:
    """``ids`` are the step ids in catalogue order."""
    expected = ("lead-decide", "mail-choose-variant", "portal-stop-exporter")
    assert expected == small.ids


# --- where the runbook is -----------------------------------------------------------------------------------------


def test_default_runbook_is_the_checkouts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without $CUTOVER_RUNBOOK the runbook is the runbook/ folder beside src/."""
    monkeypatch.delenv("CUTOVER_RUNBOOK", raising=False)
    expected = ROOT / "runbook"
    assert expected == default_runbook()


def test_default_runbook_follows_the_environment(samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """$CUTOVER_RUNBOOK overrides the default folder."""
    monkeypatch.setenv("CUTOVER_RUNBOOK", str(samples / "valid"))
    expected = samples / "valid"
    assert expected == default_runbook()


def test_load_catalogue_without_folder_uses_the_environment(samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``load_catalogue()`` reads the folder that $CUTOVER_RUNBOOK names."""
    monkeypatch.setenv("CUTOVER_RUNBOOK", str(samples / "valid"))
    expected = ("lead-decide", "mail-choose-variant", "portal-stop-exporter")
    assert expected == load_catalogue().ids


# --- loading a valid catalogue ------------------------------------------------------------------------------------


def test_valid_sample_loads_every_field(samples: Path) -> None:
    """Every key of a [[step]] table ends up in the Step, with its line."""
    expected = Step(
        id="portal-stop-exporter",
        area=Area.PORTAL,
        kind=Kind.ACTION,
        applies=Applies.ALWAYS,
        title=texts("Exporter stoppen", "Stop the Exporter"),
        why=texts("Ab jetzt führt die Plattform.", "From now on the platform leads."),
        after=("lead-decide",),
        after_a=("mail-choose-variant",),
        after_b=(),
        statements=("S1",),
        line=22,
        switch=True,
    )
    assert expected == load_catalogue(samples / "valid")["portal-stop-exporter"]


def test_valid_sample_loads_the_statements(samples: Path) -> None:
    """The statements table is read as id to German text."""
    expected = {"S1": "Erste Aussage.", "S2": "Zweite Aussage."}
    assert expected == dict(load_catalogue(samples / "valid").statements)


def test_valid_sample_remembers_its_folder(samples: Path) -> None:
    """The catalogue knows the folder it came from."""
    expected = samples / "valid"
    assert expected == load_catalogue(samples / "valid").source


def test_texts_are_stripped(tmp_path: Path) -> None:
    """Surrounding white space of a title or why is dropped."""
    folder = _write(tmp_path, STEP.replace('de = "Entscheiden"', 'de = "  Entscheiden\\n"'))
    expected = "Entscheiden"
    assert expected == load_catalogue(folder)["lead-decide"].title.get("de")


# --- the sample catalogues: one per kind of error ------------------------------------------------------------------

SAMPLE_PROBLEMS = {
    "bad-toml-syntax": [
        "bad-toml-syntax/steps.toml:14: invalid TOML: Expected '=' after a key in a key/value pair (column 6)",
    ],
    "unknown-keys": [
        "unknown-keys/steps.toml:2: version: unknown key (expected only [[step]] tables)",
        f"unknown-keys/steps.toml:17: step[1] (mail-choose-variant).colour: unknown key (allowed: {STEP_KEYS})",
    ],
    "missing-text": [
        "missing-text/steps.toml:30: step[2] (portal-stop-exporter).title.en: missing or empty text",
        "missing-text/steps.toml:31: step[2] (portal-stop-exporter).why.de: missing or empty text",
    ],
    "duplicate-ids": [
        "duplicate-ids/steps.toml:33: step[3].id: duplicate id 'portal-stop-exporter' (first at line 22)",
    ],
    "bad-id-pattern": [
        "bad-id-pattern/steps.toml:23: step[2] (portal-Stop-Exporter).id: "
        f"'portal-Stop-Exporter' does not match {PATTERN}",
    ],
    "id-area-mismatch": [
        "id-area-mismatch/steps.toml:23: step[2] (portal-stop-exporter).id: must start with its area 'mail'",
    ],
    "bad-choices": [
        "bad-choices/steps.toml:24: step[2] (portal-stop-exporter).area: "
        "'portals' is not one of lead, portal, mail, contacts, calendar",
        "bad-choices/steps.toml:25: step[2] (portal-stop-exporter).kind: 'task' is not one of action, check, rule",
        "bad-choices/steps.toml:26: step[2] (portal-stop-exporter).applies: "
        "'sometimes' is not one of always, variant-a, variant-b, contact-sync, calendar-sync",
    ],
    "unknown-references": [
        "unknown-references/steps.toml:27: step[2] (portal-stop-exporter).after: unknown step 'lead-decdie'",
        "unknown-references/steps.toml:28: step[2] (portal-stop-exporter).after_variant.a: "
        "unknown step 'mail-chose-variant'",
        "unknown-references/steps.toml:28: step[2] (portal-stop-exporter).after_variant.b: "
        "unknown step 'mail-stop-service'",
    ],
    "unknown-variant-key": [
        "unknown-variant-key/steps.toml:28: step[2] (portal-stop-exporter).after_variant.c: "
        "unknown mail variant (allowed: a, b)",
    ],
    "unknown-statement": [
        "unknown-statement/steps.toml:29: step[2] (portal-stop-exporter).statements: unknown statement 'S3'",
    ],
    "dependency-cycle": [
        "dependency-cycle/steps.toml:8: after: dependency cycle: "
        "lead-decide -> portal-stop-exporter -> mail-choose-variant -> lead-decide",
    ],
    "uncarried-statement": [
        "uncarried-statement/statements.toml:6: statements.S3: carried by no step",
    ],
    "bad-statements": [
        "bad-statements/statements.toml:2: title: unknown key (expected only [statements])",
        "bad-statements/statements.toml:7: statements.s3: statement ids look like S1, S2, ...",
        "bad-statements/statements.toml:8: statements.S4: must be a non-empty German text",
        "bad-statements/statements.toml:9: statements.S5: must be a non-empty German text",
    ],
    "statements-missing-table": [
        "statements-missing-table/statements.toml: statements: missing table [statements]",
    ],
    "many-problems": [
        "many-problems/statements.toml:7: statements.X4: statement ids look like S1, S2, ...",
        "many-problems/steps.toml:2: schema: unknown key (expected only [[step]] tables)",
        f"many-problems/steps.toml:24: step[1] (mail-choose-variant).owner: unknown key (allowed: {STEP_KEYS})",
        "many-problems/steps.toml:20: step[1] (mail-choose-variant).after_variant.c: "
        "unknown mail variant (allowed: a, b)",
        "many-problems/steps.toml:21: step[1] (mail-choose-variant).statements: unknown statement 'S9'",
        f"many-problems/steps.toml:27: step[2] (portal-Stop).id: 'portal-Stop' does not match {PATTERN}",
        "many-problems/steps.toml:28: step[2] (portal-Stop).area: "
        "'portals' is not one of lead, portal, mail, contacts, calendar",
        "many-problems/steps.toml:29: step[2] (portal-Stop).kind: 'task' is not one of action, check, rule",
        "many-problems/steps.toml:32: step[2] (portal-Stop).title.en: missing or empty text",
        "many-problems/steps.toml:36: step[3] (calendar-enable-sync).id: must start with its area 'contacts'",
        "many-problems/steps.toml:44: step[4].id: duplicate id 'lead-decide' (first at line 4)",
        "many-problems/steps.toml:19: step[1] (mail-choose-variant).after: unknown step 'lead-decdie'",
        "many-problems/steps.toml:20: step[1] (mail-choose-variant).after_variant.b: unknown step 'mail-stop-service'",
        "many-problems/steps.toml:9: after: dependency cycle: lead-decide -> mail-choose-variant -> lead-decide",
        "many-problems/statements.toml:6: statements.S3: carried by no step",
    ],
}


def test_every_sample_folder_is_tested(samples: Path) -> None:
    """Each folder under tests/samples/ is either the valid base or has its expected problems below."""
    folders = {path.name for path in samples.iterdir() if path.is_dir()}
    assert {"valid", *SAMPLE_PROBLEMS} == folders


def test_valid_sample_is_valid(samples: Path) -> None:
    """The base the broken samples are made from loads without a problem."""
    expected = 3
    assert expected == len(load_catalogue(samples / "valid"))


@pytest.mark.parametrize("sample", sorted(SAMPLE_PROBLEMS))
def test_sample_reports_exactly_its_problems(samples: Path, sample: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each broken sample raises one CatalogueError listing exactly its problems, with file and line, in order."""
    monkeypatch.chdir(samples)
    assert SAMPLE_PROBLEMS[sample] == _problems(Path(sample))


def test_error_message_lists_every_problem(samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The error's message is the problems, one per line, so a single print shows them all."""
    monkeypatch.chdir(samples)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(Path("many-problems"))
    assert "\n".join(SAMPLE_PROBLEMS["many-problems"]) == str(info.value)


# --- loader edge cases -------------------------------------------------------------------------------------------


def test_file_outside_the_working_directory_is_named_in_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that is not below the working directory is reported by its full path."""
    folder = _write(tmp_path / "runbook", STEP + "x = 1\n")
    monkeypatch.chdir(_write(tmp_path / "elsewhere", STEP))
    expected = f"{folder / 'steps.toml'}:9: step[0] (lead-decide).x: unknown key (allowed: {STEP_KEYS})"
    assert [expected] == _problems(folder)


def test_missing_files_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty folder gives one 'cannot read' problem per file."""
    monkeypatch.chdir(tmp_path)
    expected = [
        "statements.toml: cannot read: no such file or folder",
        "steps.toml: cannot read: no such file or folder",
        f"published-ids.txt: {LIST_UNREADABLE.format('no such file or folder')}",
    ]
    assert expected == _problems(tmp_path)


def test_toml_error_at_end_of_document_has_no_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A TOML error that tomllib places 'at end of document' is reported without a line."""
    monkeypatch.chdir(_write(tmp_path, STEP + "switch = true\nextra = "))
    expected = ["steps.toml: invalid TOML: Invalid value (at the end of the file)"]
    assert expected == _problems(tmp_path)


def test_steps_file_without_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A steps.toml with no [[step]] table is one problem (and no noise about uncarried statements)."""
    monkeypatch.chdir(_write(tmp_path, "# nothing yet\n"))
    expected = ["steps.toml: step: no [[step]] tables"]
    assert expected == _problems(tmp_path)


def test_step_key_that_is_not_a_list_of_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``step = "..."`` is reported like a file without steps."""
    monkeypatch.chdir(_write(tmp_path, 'step = "lead-decide"\n'))
    expected = ["steps.toml: step: no [[step]] tables"]
    assert expected == _problems(tmp_path)


def test_inline_steps_are_found_at_the_line_of_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Steps written as an inline array have no [[step]] line: their problems are at the line of ``step =``."""
    steps = (
        'step = [{ id = "lead-decide", area = "lead", kind = "action", applies = "always", statements = ["S1"], '
        'title = { de = "Entscheiden", en = "Decide" }, why = { de = "Sonst doppelt.", en = "Twice." }, x = 1 }]\n'
    )
    monkeypatch.chdir(_write(tmp_path, steps))
    expected = [f"steps.toml:1: step[0] (lead-decide).x: unknown key (allowed: {STEP_KEYS})", NO_SWITCH]
    assert expected == _problems(tmp_path)


def test_step_with_only_an_id_misses_every_required_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each required key that is absent is its own problem, reported at the [[step]] line."""
    monkeypatch.chdir(_write(tmp_path, '# one bare step\n[[step]]\nid = "lead-decide"\n', "[statements]\n"))
    assert [
        f"steps.toml:2: step[0] (lead-decide).{key}: missing"
        for key in ("area", "kind", "applies", "statements", "title", "why")
    ] == _problems(tmp_path)


def test_id_that_is_not_a_string(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A numeric id is reported against the pattern, the step is labelled by its index only, and nothing cascades."""
    monkeypatch.chdir(_write(tmp_path, STEP.replace('id = "lead-decide"', "id = 7")))
    assert [
        f"steps.toml:2: step[0].id: 7 does not match {PATTERN}",
    ] == _problems(tmp_path)


def test_after_that_is_not_a_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``after`` must be a list of step ids."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'after = "lead-decide"\n'))
    expected = ["steps.toml:9: step[0] (lead-decide).after: must be a list of strings"]
    assert expected == _problems(tmp_path)


def test_after_with_a_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every entry of ``after`` must be a string."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'after = ["lead-decide", 3]\n'))
    expected = ["steps.toml:9: step[0] (lead-decide).after: must be a list of strings"]
    assert expected == _problems(tmp_path)


def test_after_variant_that_is_not_a_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``after_variant`` must be a table with keys a and/or b."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'after_variant = ["lead-decide"]\n'))
    expected = ["steps.toml:9: step[0] (lead-decide).after_variant: must be a table with keys a and/or b"]
    assert expected == _problems(tmp_path)


def test_after_variant_list_that_is_not_a_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``after_variant.b`` must be a list of step ids."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'after_variant = { b = "lead-decide" }\n'))
    expected = ["steps.toml:9: step[0] (lead-decide).after_variant.b: must be a list of strings"]
    assert expected == _problems(tmp_path)


def test_title_that_is_not_a_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A title must be a table with a text per edition."""
    monkeypatch.chdir(_write(tmp_path, STEP.replace('{ de = "Entscheiden", en = "Decide" }', '"Entscheiden"')))
    expected = [
        f"steps.toml:7: step[0] (lead-decide).title: must be a table with a text per edition: {', '.join(codes())}",
    ]
    assert expected == _problems(tmp_path)


def test_title_in_an_unknown_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A language that no edition declares is refused."""
    monkeypatch.chdir(_write(tmp_path, STEP.replace('en = "Decide" }', f'en = "Decide", {UNDECLARED} = "Décider" }}')))
    expected = [
        f"steps.toml:7: step[0] (lead-decide).title.{UNDECLARED}: unknown language (allowed: {', '.join(codes())})"
    ]
    assert expected == _problems(tmp_path)


def test_self_dependency_is_a_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A step that waits for itself is a cycle of one."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'after = ["lead-decide"]\n'))
    expected = ["steps.toml:9: after: dependency cycle: lead-decide -> lead-decide"]
    assert expected == _problems(tmp_path)


def test_cycle_in_one_variant_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cycle that exists only through ``after_variant.b`` is found too."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'after_variant = { b = ["lead-decide"] }\n'))
    expected = ["steps.toml:9: after: dependency cycle: lead-decide -> lead-decide"]
    assert expected == _problems(tmp_path)


def test_file_that_is_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A steps.toml saved in another encoding is one problem at the line of the first bad byte, not a crash."""
    folder = _write(tmp_path, "")
    (folder / "steps.toml").write_bytes(b"# Schritte\n# f\xfchrt\n")
    monkeypatch.chdir(folder)
    expected = ["steps.toml:2: cannot read: not UTF-8; save the file as UTF-8"]
    assert expected == _problems(folder)


def test_step_entry_that_is_not_a_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``step = ["lead-decide"]`` is reported at its line as a step that must be a table, not a crash."""
    monkeypatch.chdir(_write(tmp_path, '# steps by name\nstep = ["lead-decide"]\n', "[statements]\n"))
    expected = ["steps.toml:2: step[0]: must be a table", NO_SWITCH]
    assert expected == _problems(tmp_path)


def test_missing_key_is_reported_at_its_ownmake_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A key missing from one step points at that step's [[step]] line, never at the same key of the next step."""
    first = STEP.replace('why = { de = "Sonst doppelt.", en = "Otherwise twice." }\n', "")
    second = STEP.replace("lead-decide", "lead-inform-staff")
    monkeypatch.chdir(_write(tmp_path, first + second))
    assert ["steps.toml:1: step[0] (lead-decide).why: missing"] == _problems(tmp_path)


# --- aliases: retired ids that lead to their successor ------------------------------------------------------------

SECOND = STEP.replace("lead-decide", "lead-inform-staff")
ALIAS_TAKEN = "is already {} (line {}); a retired id leads to one step only"
NOT_PUBLISHED = "is not in published-ids.txt: add it there, for once published it must keep working"


@pytest.fixture
def renamed() -> Catalogue:
    """The small catalogue, with ``lead-choose`` retired in favour of ``lead-decide``."""
    steps = (
        replace(make_step("lead-decide"), aliases=("lead-choose",)),
        make_step("mail-choose-variant", after=("lead-decide",)),
        replace(make_step("portal-stop-exporter"), aliases=("portal-halt-exporter", "portal-end-exporter")),
    )
    return Catalogue(steps, {"S1": "Erste Aussage."}, Path("runbook"))


def test_alias_is_loaded(tmp_path: Path) -> None:
    """The ``aliases`` of a [[step]] table end up in ``Step.aliases``, in their order."""
    folder = _write(tmp_path, STEP + 'aliases = ["lead-choose", "lead-pick"]\n')
    expected = ("lead-choose", "lead-pick")
    assert expected == load_catalogue(folder)["lead-decide"].aliases


def test_step_without_aliases_has_none(tmp_path: Path) -> None:
    """A step that declares no ``aliases`` has an empty tuple of them."""
    expected: tuple[str, ...] = ()
    assert expected == load_catalogue(_write(tmp_path, STEP))["lead-decide"].aliases


def test_catalogue_maps_every_alias_to_its_step_id(renamed: Catalogue) -> None:
    """``Catalogue.aliases`` maps each retired id to the id of the step that took its place."""
    expected = {
        "lead-choose": "lead-decide",
        "portal-halt-exporter": "portal-stop-exporter",
        "portal-end-exporter": "portal-stop-exporter",
    }
    assert expected == dict(renamed.aliases)


def test_catalogue_without_aliases_maps_nothing(small: Catalogue) -> None:
    """A catalogue whose steps declare no alias has an empty alias mapping."""
    expected: dict[str, str] = {}
    assert expected == dict(small.aliases)


def test_resolve_follows_an_alias(renamed: Catalogue) -> None:
    """``resolve`` of a retired id is the step that took its place."""
    expected = "portal-stop-exporter"
    assert expected == renamed.resolve("portal-end-exporter").id


def test_resolve_gives_the_step_of_an_id(renamed: Catalogue) -> None:
    """``resolve`` of a step id is that step."""
    expected = renamed["mail-choose-variant"]
    assert expected == renamed.resolve("mail-choose-variant")


def test_resolve_of_an_unknown_id_suggests_aliases_too(renamed: Catalogue) -> None:
    """An unknown id is compared with the aliases as well, so a mistyped retired id finds its way."""
    with pytest.raises(UnknownStepError) as info:
        renamed.resolve("lead-chose")
    expected = ("lead-chose", ("lead-choose",), "unknown step id 'lead-chose' (did you mean: lead-choose?)")
    assert expected == (info.value.step_id, info.value.suggestions, str(info.value))


def test_lookup_by_id_does_not_follow_aliases(renamed: Catalogue) -> None:
    """``catalogue[id]`` and ``in`` know step ids only; retired ids need ``resolve``."""
    with pytest.raises(UnknownStepError) as info:
        renamed["lead-choose"]
    expected = ("lead-choose", False)
    assert expected == (info.value.step_id, "lead-choose" in renamed)


def test_alias_with_a_bad_form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An alias must look like a step id; it is reported at the ``aliases`` line."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'aliases = ["Lead-Choose"]\n', published="lead-decide\n"))
    expected = [f"steps.toml:9: step[0] (lead-decide).aliases: 'Lead-Choose' does not match {PATTERN}"]
    assert expected == _problems(tmp_path)


def test_aliases_that_are_not_a_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``aliases`` must be a list, even for a single retired id."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'aliases = "lead-choose"\n'))
    expected = ["steps.toml:9: step[0] (lead-decide).aliases: must be a list of strings"]
    assert expected == _problems(tmp_path)


def test_alias_that_is_not_a_string(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A number among the aliases is one problem; the string aliases beside it are still checked as usual."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'aliases = ["lead-choose", 3]\n'))
    expected = ["steps.toml:9: step[0] (lead-decide).aliases: must be a list of strings"]
    assert expected == _problems(tmp_path)


def test_alias_equal_to_another_steps_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An alias that is another step's id is refused, naming the line of that id."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'aliases = ["lead-inform-staff"]\n' + SECOND))
    message = ALIAS_TAKEN.format("a step id", 11)
    expected = [f"steps.toml:9: step[0] (lead-decide).aliases: 'lead-inform-staff' {message}"]
    assert expected == _problems(tmp_path)


def test_alias_equal_to_its_own_steps_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A step cannot name its own id among its aliases."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'aliases = ["lead-decide"]\n'))
    expected = [f"steps.toml:9: step[0] (lead-decide).aliases: 'lead-decide' {ALIAS_TAKEN.format('a step id', 2)}"]
    assert expected == _problems(tmp_path)


def test_alias_equal_to_a_later_steps_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An alias clashes with a step id declared further down the file just the same."""
    second = SECOND + 'aliases = ["lead-decide"]\n'
    monkeypatch.chdir(_write(tmp_path, STEP + second))
    message = ALIAS_TAKEN.format("a step id", 2)
    expected = [f"steps.toml:17: step[1] (lead-inform-staff).aliases: 'lead-decide' {message}"]
    assert expected == _problems(tmp_path)


def test_retired_id_in_after_names_its_successor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A step that still waits for a retired id is told the id that replaced it."""
    second = SECOND.replace('statements = ["S1"]', 'after = ["lead-choose"]\nstatements = ["S1"]')
    monkeypatch.chdir(_write(tmp_path, STEP + 'aliases = ["lead-choose"]\n' + second))
    expected = ["steps.toml:15: step[1] (lead-inform-staff).after: 'lead-choose' is a retired id: write 'lead-decide'"]
    assert expected == _problems(tmp_path)


def test_alias_declared_by_two_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A retired id leads to one step only: the second step that claims it is reported, naming the first claim."""
    steps = STEP + 'aliases = ["lead-choose"]\n' + SECOND + 'aliases = ["lead-choose"]\n'
    monkeypatch.chdir(_write(tmp_path, steps))
    message = ALIAS_TAKEN.format("an alias", 9)
    expected = [f"steps.toml:18: step[1] (lead-inform-staff).aliases: 'lead-choose' {message}"]
    assert expected == _problems(tmp_path)


def test_alias_declared_twice_by_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same alias twice in one list is reported like one claimed by two steps."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'aliases = ["lead-choose", "lead-choose"]\n'))
    expected = [f"steps.toml:9: step[0] (lead-decide).aliases: 'lead-choose' {ALIAS_TAKEN.format('an alias', 9)}"]
    assert expected == _problems(tmp_path)


def test_alias_clash_of_a_step_without_a_string_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A step whose id is no string is labelled by its index when its alias clashes."""
    second = SECOND.replace('id = "lead-inform-staff"', "id = 7") + 'aliases = ["lead-decide"]\n'
    monkeypatch.chdir(_write(tmp_path, STEP + second))
    expected = [
        f"steps.toml:10: step[1].id: 7 does not match {PATTERN}",
        f"steps.toml:17: step[1].aliases: 'lead-decide' {ALIAS_TAKEN.format('a step id', 2)}",
    ]
    assert expected == _problems(tmp_path)


# --- published ids: what was once published must keep working ---------------------------------------------------

PUBLISHED_BUT_GONE = (
    "published, but now neither a step id nor an alias in steps.toml, so its links would break. "
    'Add aliases = ["{}"] to the step that took its place; never remove an id from published-ids.txt'
)
RENAMED = STEP.replace('id = "lead-decide"', 'id = "lead-commit"')


def test_published_ids_are_read_in_file_order(tmp_path: Path) -> None:
    """``Catalogue.published`` is every listed id, in the order of the list."""
    folder = _write(tmp_path, STEP + 'aliases = ["lead-choose"]\n', published="lead-choose\nlead-decide\n")
    expected = ("lead-choose", "lead-decide")
    assert expected == load_catalogue(folder).published


def test_catalogue_built_in_code_has_no_published_ids(small: Catalogue) -> None:
    """A catalogue built without a list has no published ids."""
    expected: tuple[str, ...] = ()
    assert expected == small.published


def test_published_comments_and_blank_lines_are_ignored(tmp_path: Path) -> None:
    """Comment lines, comments after an id, blank lines and surrounding white space are not ids."""
    published = "# Every id ever published.\n\n  lead-decide  # since 2024\n   \n#lead-old\n"
    expected = ("lead-decide",)
    assert expected == load_catalogue(_write(tmp_path, STEP, published=published)).published


def test_published_step_id_not_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A step id missing from the list is reported at its ``id`` line in steps.toml."""
    monkeypatch.chdir(_write(tmp_path, STEP + SECOND, published="lead-decide\n"))
    expected = [f"steps.toml:10: step[1] (lead-inform-staff).id: 'lead-inform-staff' {NOT_PUBLISHED}"]
    assert expected == _problems(tmp_path)


def test_published_alias_not_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An alias missing from the list is reported at the ``aliases`` line in steps.toml."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'aliases = ["lead-choose"]\n', published="lead-decide\n"))
    expected = [f"steps.toml:9: step[0] (lead-decide).aliases: 'lead-choose' {NOT_PUBLISHED}"]
    assert expected == _problems(tmp_path)


def test_published_id_renamed_without_alias(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A renamed id is exactly two problems: the old id at its line of the list, the new id at its steps.toml line."""
    monkeypatch.chdir(_write(tmp_path, RENAMED, published="# published\nlead-decide\n"))
    expected = [
        f"published-ids.txt:2: lead-decide: {PUBLISHED_BUT_GONE.format('lead-decide')}",
        f"steps.toml:2: step[0] (lead-commit).id: 'lead-commit' {NOT_PUBLISHED}",
    ]
    assert expected == _problems(tmp_path)


def test_published_id_renamed_with_alias_is_valid(tmp_path: Path) -> None:
    """Renamed as the list asks (old id an alias, new id listed), the catalogue is valid and the old id leads on."""
    folder = _write(tmp_path, RENAMED + 'aliases = ["lead-decide"]\n', published="lead-decide\nlead-commit\n")
    catalogue, problems = read_catalogue(folder)
    expected = ((), "lead-commit")
    assert expected == (problems, catalogue.resolve("lead-decide").id)


def test_read_catalogue_returns_the_published_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``read_catalogue`` returns the list's problems instead of raising, with the steps and the list it could read."""
    monkeypatch.chdir(_write(tmp_path, RENAMED, published="lead-decide\n"))
    catalogue, problems = read_catalogue(tmp_path)
    expected = (("lead-commit",), ("lead-decide",), ["published-ids.txt", "steps.toml"])
    assert expected == (catalogue.ids, catalogue.published, [problem.file for problem in problems])


def test_published_line_that_is_not_an_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A line that is not a step id is reported at its line, keyed by what it holds."""
    monkeypatch.chdir(_write(tmp_path, STEP, published="lead-decide\nLead Decide\n"))
    expected = [f"published-ids.txt:2: Lead Decide: not a step id (does not match {PATTERN})"]
    assert expected == _problems(tmp_path)


def test_published_id_listed_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An id listed twice is reported at its second line, naming the first."""
    monkeypatch.chdir(_write(tmp_path, STEP, published="# ids\nlead-decide\n\nlead-decide\n"))
    expected = ["published-ids.txt:4: lead-decide: listed twice (first at line 2)"]
    assert expected == _problems(tmp_path)


def test_published_list_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the list there is one problem, saying what the file must hold, and no step is blamed for it."""
    monkeypatch.chdir(_write(tmp_path, STEP + SECOND))
    (tmp_path / PUBLISHED).unlink()
    expected = [f"published-ids.txt: {LIST_UNREADABLE.format('no such file or folder')}"]
    assert expected == _problems(tmp_path)


def test_published_list_that_is_not_utf8(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A list saved in another encoding is one problem at the line of the first bad byte, not a crash."""
    monkeypatch.chdir(_write(tmp_path, STEP))
    (tmp_path / PUBLISHED).write_bytes(b"lead-decide\n# f\xfchrt\n")
    expected = [f"published-ids.txt:2: {LIST_UNREADABLE.format('not UTF-8; save the file as UTF-8')}"]
    assert expected == _problems(tmp_path)


def test_unreadable_steps_file_leaves_only_the_lists_own_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When steps.toml cannot be read, the list reports its bad and doubled lines but no id as gone."""
    monkeypatch.chdir(_write(tmp_path, "[[step\n", published="lead-decide\nlead-gone\nlead-decide\nLead\n"))
    expected = [
        "steps.toml:1: invalid TOML: Expected ']]' at the end of an array declaration (column 7)",
        "published-ids.txt:3: lead-decide: listed twice (first at line 1)",
        f"published-ids.txt:4: Lead: not a step id (does not match {PATTERN})",
    ]
    assert expected == _problems(tmp_path)


def test_unreadable_steps_file_still_gives_the_published_ids(tmp_path: Path) -> None:
    """The published ids are read even when steps.toml cannot be."""
    catalogue, _ = read_catalogue(_write(tmp_path, "[[step\n", published="lead-decide\nlead-gone\n"))
    expected = ("lead-decide", "lead-gone")
    assert expected == catalogue.published


def test_valid_sample_publishes_its_ids(samples: Path) -> None:
    """The valid sample lists exactly its three step ids."""
    expected = ("lead-decide", "mail-choose-variant", "portal-stop-exporter")
    assert expected == load_catalogue(samples / "valid").published


def test_real_runbook_publishes_exactly_its_ids_and_aliases() -> None:
    """runbook/published-ids.txt lists every step id and alias of the real catalogue, and nothing else."""
    catalogue = load_catalogue(ROOT / "runbook")
    assert sorted([*catalogue.ids, *catalogue.aliases]) == sorted(catalogue.published)


# --- rules with a span, recommended steps, the moment of the switch -----------------------------------------------


def _step(step_id: str, *lines: str, kind: str = "action") -> str:
    """A [[step]] table like STEP under another id (and area), with more lines at its end."""
    area = step_id.split("-", maxsplit=1)[0]
    table = STEP.replace('"lead-decide"', f'"{step_id}"', 1).replace('"lead"', f'"{area}"', 1)
    return table.replace('kind = "action"', f'kind = "{kind}"') + "".join(f"{line}\n" for line in lines)


RULE_UNTIL_STOP = _step(
    "lead-keep-exporter-running", 'after = ["lead-decide"]', 'until = "portal-stop-exporter"', kind="rule"
)
STOP = _step(
    "portal-stop-exporter",
    'after = ["lead-keep-exporter-running"]',
    'moment.until = { de = "bis zum Stopp", en = "until the stop" }',
)


def test_rule_until_a_step_names_its_span(tmp_path: Path) -> None:
    """A rule's ``until`` is kept as its span, and its badge takes the words of the step where it ends."""
    rule = load_catalogue(_write(tmp_path, STEP + RULE_UNTIL_STOP + STOP))["lead-keep-exporter-running"]
    words = texts("bis zum Stopp", "until the stop")
    expected = (
        Span(None, "portal-stop-exporter", words),
        (LANGUAGES, Text(de="Regel bis zum Stopp", en="Rule until the stop")),
    )
    assert expected == (rule.span, _de_en(rule.kind_label))


def test_rule_from_and_until_name_both_ends_in_order(tmp_path: Path) -> None:
    """A rule that holds from one step until a later one names both ends, the start first."""
    rule = _step(
        "lead-keep-exporter-running",
        'after = ["lead-decide"]',
        'from = "lead-inform-staff"',
        'until = "portal-stop-exporter"',
        kind="rule",
    )
    start = _step(
        "lead-inform-staff",
        'after = ["lead-keep-exporter-running"]',
        'moment.from = { de = "ab der Info", en = "once told" }',
    )
    stop = STOP.replace('after = ["lead-keep-exporter-running"]', 'after = ["lead-inform-staff"]')
    loaded = load_catalogue(_write(tmp_path, STEP + rule + start + stop))["lead-keep-exporter-running"]
    expected = (LANGUAGES, Text(de="Regel ab der Info bis zum Stopp", en="Rule once told until the stop"))
    assert expected == _de_en(loaded.kind_label)


def test_rule_without_an_end_holds_for_good(tmp_path: Path) -> None:
    """A rule with neither ``from`` nor ``until`` holds from its place for good, and its badge says so."""
    rule = _step("lead-keep-exporter-running", 'after = ["lead-decide"]', kind="rule")
    loaded = load_catalogue(_write(tmp_path, STEP + rule))["lead-keep-exporter-running"]
    expected = (Span(), (LANGUAGES, Text(de="Regel ab jetzt, ohne Ende", en="Rule from now on, for good")))
    assert expected == (loaded.span, _de_en(loaded.kind_label))


def test_steps_of_other_kinds_have_no_span(tmp_path: Path) -> None:
    """An action, or a check, has no span at all."""
    assert load_catalogue(_write(tmp_path, STEP))["lead-decide"].span is None


def test_only_a_rule_has_a_span(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``until`` on a step that is no rule is a problem at its line."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'until = "lead-decide"\n'))
    expected = [
        "steps.toml:9: step[0] (lead-decide).until: only a rule holds from or until a step; its kind is 'action'"
    ]
    assert expected == _problems(tmp_path)


def test_span_end_that_is_not_a_step_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A span's end must be a step id, not a number or a word."""
    rule = _step("lead-keep-exporter-running", "until = 3", 'from = "Exporter"', kind="rule")
    monkeypatch.chdir(_write(tmp_path, STEP + rule))
    expected = [
        "steps.toml:18: step[1] (lead-keep-exporter-running).from: must be a step id, not 'Exporter'",
        "steps.toml:17: step[1] (lead-keep-exporter-running).until: must be a step id, not 3",
    ]
    assert expected == _problems(tmp_path)


def test_span_end_that_is_no_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that ends at a step the catalogue does not have is a problem at its ``until``."""
    monkeypatch.chdir(_write(tmp_path, STEP + RULE_UNTIL_STOP))
    expected = ["steps.toml:18: step[1] (lead-keep-exporter-running).until: unknown step 'portal-stop-exporter'"]
    assert expected == _problems(tmp_path)


def test_span_end_without_words_for_the_badge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The step where a rule ends must say how the badge names it, or the badge could not say when the rule ends."""
    stop = STOP.replace('moment.until = { de = "bis zum Stopp", en = "until the stop" }\n', "")
    monkeypatch.chdir(_write(tmp_path, STEP + RULE_UNTIL_STOP + stop))
    expected = [
        "steps.toml:18: step[1] (lead-keep-exporter-running).until: 'portal-stop-exporter' has no words for this "
        "rule's badge: give it moment.until = { " + ", ".join(f"{lang} = ..." for lang in codes()) + " }"
    ]
    assert "{ de = ..., en = ..." in expected[0]  # German and English first, then any further edition
    assert expected == _problems(tmp_path)


def test_span_end_that_does_not_wait_for_the_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The step where a rule ends must come after the rule by the after lists, in every variant of the rule."""
    stop = STOP.replace(
        'after = ["lead-keep-exporter-running"]', 'after_variant = { a = ["lead-keep-exporter-running"] }'
    )
    monkeypatch.chdir(_write(tmp_path, STEP + RULE_UNTIL_STOP + stop))
    expected = [
        "steps.toml:18: step[1] (lead-keep-exporter-running).until: 'portal-stop-exporter' must wait for "
        "'lead-keep-exporter-running' (in its after lists, directly or not), in mail variant b too"
    ]
    assert expected == _problems(tmp_path)


def test_span_end_that_is_not_in_every_plan_of_the_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule that holds until a step some of its plans lack would promise an end that never comes."""
    stop = STOP.replace('applies = "always"', 'applies = "variant-b"')
    monkeypatch.chdir(_write(tmp_path, STEP + "switch = true\n" + RULE_UNTIL_STOP + stop))
    expected = [
        "steps.toml:19: step[1] (lead-keep-exporter-running).until: 'portal-stop-exporter' is not in every plan "
        "that 'lead-keep-exporter-running' is in"
    ]
    assert expected == _problems(tmp_path)


def test_moment_that_is_not_a_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``moment`` is a table with the words for ``from`` and ``until``."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'moment = "bald"\n'))
    expected = ["steps.toml:9: step[0] (lead-decide).moment: must be a table with from and/or until"]
    assert expected == _problems(tmp_path)


def test_moment_with_an_unknown_end_or_a_missing_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only ``from`` and ``until`` are ends of a span, and each needs its words in every language."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'moment.since = { de = "seit" }\nmoment.until = { de = "bis" }\n'))
    expected = [
        "steps.toml:9: step[0] (lead-decide).moment.since: unknown end of a span (allowed: from, until)",
        "steps.toml:9: step[0] (lead-decide).moment.until.en: missing or empty text",
    ]
    assert expected == _problems(tmp_path)


def test_recommended_step_is_loaded(tmp_path: Path) -> None:
    """``recommended = true`` marks a step the source recommends; a step without it is required."""
    catalogue = load_catalogue(_write(tmp_path, STEP + _step("mail-choose-variant", "recommended = true")))
    expected = (False, True)
    assert expected == (catalogue["lead-decide"].recommended, catalogue["mail-choose-variant"].recommended)


def test_recommended_that_is_not_a_boolean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``recommended`` is true or false."""
    monkeypatch.chdir(_write(tmp_path, STEP + 'recommended = "ja"\n'))
    expected = ["steps.toml:9: step[0] (lead-decide).recommended: must be true or false, not 'ja'"]
    assert expected == _problems(tmp_path)


def test_the_switch_is_found(tmp_path: Path) -> None:
    """The catalogue names the step that is the moment of the switch."""
    assert "lead-decide" == load_catalogue(_write(tmp_path, STEP)).switch.id


def test_two_switches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """There is one moment of the switch; a second is reported where it is declared."""
    monkeypatch.chdir(_write(tmp_path, STEP + "switch = true\n" + _step("mail-choose-variant", "switch = true")))
    expected = [
        "steps.toml:18: step[1] (mail-choose-variant).switch: 'lead-decide' is already the moment of the switch; "
        "there is only one"
    ]
    assert expected == _problems(tmp_path)


def test_switch_that_does_not_always_apply(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The moment of the switch is in every plan."""
    monkeypatch.chdir(_write(tmp_path, STEP.replace('"always"', '"variant-b"')))
    expected = [
        "steps.toml:5: step[0] (lead-decide).applies: the moment of the switch is in every plan: it must apply always"
    ]
    assert expected == _problems(tmp_path)


def test_span_end_reached_by_two_paths_that_miss_the_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every path of the after lists is walked, each step once: two paths that both miss the rule are one problem."""
    side = _step("mail-choose-variant", 'after = ["lead-decide"]') + _step(
        "mail-stop-service", 'after = ["lead-decide"]'
    )
    stop = STOP.replace(
        'after = ["lead-keep-exporter-running"]', 'after = ["mail-choose-variant", "mail-stop-service"]'
    )
    monkeypatch.chdir(_write(tmp_path, STEP + "switch = true\n" + RULE_UNTIL_STOP + side + stop))
    expected = [
        "steps.toml:19: step[1] (lead-keep-exporter-running).until: 'portal-stop-exporter' must wait for "
        "'lead-keep-exporter-running' (in its after lists, directly or not), in mail variant a too"
    ]
    assert expected == _problems(tmp_path)


# --- hostile shapes -----------------------------------------------------------------------------------------------


def test_an_id_longer_than_a_line_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An id or alias longer than 60 characters is refused before it names a file the site cannot write."""
    alias = "lead-" + "x" * 56  # 61 characters
    monkeypatch.chdir(_write(tmp_path, STEP + f'aliases = ["{alias}"]\n', published="lead-decide\n"))
    expected = [f"steps.toml:9: step[0] (lead-decide).aliases: {alias!r} is longer than 60 characters"]
    assert expected == _problems(tmp_path)


def test_an_id_of_exactly_sixty_characters_is_fine(tmp_path: Path) -> None:
    """Sixty characters are still an id."""
    step_id = "lead-" + "x" * 55
    catalogue = load_catalogue(_write(tmp_path, STEP.replace("lead-decide", step_id)))
    expected = (step_id,)
    assert expected == catalogue.ids


def test_an_id_with_a_trailing_newline_is_refused_on_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``$`` in a pattern accepts a final newline; the whole id must match, and the message stays on one line."""
    monkeypatch.chdir(_write(tmp_path, STEP.replace('"lead-decide"', '"lead-decide\\n"'), published="lead-decide\n"))
    problems = _problems(tmp_path)
    expected: tuple[str, list[str]] = ("steps.toml:2: step[0] (lead-decide\\n).id: 'lead-decide\\n' does not match", [])
    assert expected == (problems[0][: len(expected[0])], [p for p in problems if "\n" in p])


def test_statements_that_are_no_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``statements = 6`` or ``= true`` is a problem of that step, not a crash of every command."""
    monkeypatch.chdir(_write(tmp_path, STEP.replace('statements = ["S1"]', "statements = 6")))
    expected = [
        "steps.toml:6: step[0] (lead-decide).statements: must be a list of strings",
        "statements.toml:2: statements.S1: carried by no step",
    ]
    assert expected == _problems(tmp_path)


def test_after_a_retired_id_names_its_successor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A step that waits for a retired id is told the id to write instead."""
    steps = STEP + 'aliases = ["lead-choose"]\n\n' + SECOND + 'after = ["lead-choose"]\n'
    monkeypatch.chdir(_write(tmp_path, steps))
    expected = ["steps.toml:19: step[1] (lead-inform-staff).after: 'lead-choose' is a retired id: write 'lead-decide'"]
    assert expected == _problems(tmp_path)


def test_after_a_step_of_the_other_variant_only_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A variant-a step cannot wait for a variant-b-only step: the wait would vanish from every plan, unseen."""
    first = STEP.replace('applies = "always"', 'applies = "variant-b"')
    second = SECOND.replace('applies = "always"', 'applies = "variant-a"') + 'after = ["lead-decide"]\n'
    third = STEP.replace("lead-decide", "lead-keep-exporter-running")  # the switch, in every plan
    monkeypatch.chdir(_write(tmp_path, first + "\n" + second + "\n" + third))
    expected = [
        "steps.toml:18: step[1] (lead-inform-staff).after: 'lead-decide' is in no plan that 'lead-inform-staff' is "
        "in (variant-b), so this would never be waited for: name the steps it waits for instead"
    ]
    assert expected == _problems(tmp_path)


def test_published_ids_are_counted_by_line_feeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A line separator or form feed in a comment breaks no line: a bad id is named at the line an editor shows."""
    monkeypatch.chdir(_write(tmp_path, STEP, published="lead-decide\n# note \u2028 more\x0c x\x85y\nBad ID\n"))
    expected = [f"published-ids.txt:3: Bad ID: not a step id (does not match {PATTERN})"]
    assert expected == _problems(tmp_path)


@pytest.mark.parametrize("where", ["title", "statement"])
def test_a_text_with_a_control_character_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """An escape in a title or a statement would drive the terminal that prints a checklist: it is refused."""
    escape = "\\u001b[2J"
    steps = STEP.replace('de = "Entscheiden"', f'de = "{escape}Entscheiden"') if where == "title" else STEP
    statements = STATEMENTS.replace('"Erste', f'"{escape}Erste') if where == "statement" else STATEMENTS
    monkeypatch.chdir(_write(tmp_path, steps, statements))
    expected = (
        ["steps.toml:7: step[0] (lead-decide).title.de: contains a control character: '\\x1b[2JEntscheiden'"]
        if where == "title"
        else ["statements.toml:2: statements.S1: contains a control character: '\\x1b[2JErste Aussage.'"]
    )
    assert expected == _problems(tmp_path)


# --- the checks, each on its own ------------------------------------------------------------------------------------


def _read(folder: Path) -> tuple[StepTables, tuple[Step, ...]]:
    """The step tables of a runbook folder, and the steps built from them."""
    tables, _ = step_tables(read_source(folder).steps)
    assert tables is not None
    steps, _ = read_steps(tables, None)
    return tables, steps


READABLE_STEPS = [
    name for name in sorted(SAMPLE_PROBLEMS) if not isinstance(read_source(SAMPLE_SOURCES / name).steps, Problem)
]


@pytest.mark.parametrize("sample", READABLE_STEPS)
def test_each_check_says_the_same_whatever_ran_before(samples: Path, sample: str) -> None:
    """No check keeps anything for another: run alone or after the others, each finds the same problems."""
    tables, steps = _read(samples / sample)
    alone = [check(tables, steps) for check in STEP_CHECKS]
    after_the_others = [check(tables, steps) for check in reversed(STEP_CHECKS)][::-1]
    assert alone == after_the_others


def test_the_checks_leave_the_tables_they_are_given_as_they_are(samples: Path) -> None:
    """A check only reads: the TOML tables are the same after every check has run over them."""
    tables, steps = _read(samples / "many-problems")
    before = copy.deepcopy(tables.entries)
    for check in STEP_CHECKS:
        check(tables, steps)
    assert before == tables.entries


def test_the_checks_of_a_valid_catalogue_find_nothing(samples: Path) -> None:
    """Over the valid sample, every check finds nothing."""
    tables, steps = _read(samples / "valid")
    expected: list[tuple[Problem, ...]] = [() for _ in STEP_CHECKS]
    assert expected == [check(tables, steps) for check in STEP_CHECKS]


def test_statements_that_cannot_be_read_are_one_problem() -> None:
    """Unread statements are no statements, and the one problem is the reading's own."""
    unread = Problem("statements.toml", 0, "", Message("cannot read: no such file or folder"))
    assert (None, (unread,)) == check_statements(unread)


def test_no_statement_is_missing_a_carrier_when_there_are_no_statements(samples: Path) -> None:
    """Without readable statements, no statement is blamed for being carried by no step."""
    tables, _ = _read(samples / "uncarried-statement")
    expected: tuple[Problem, ...] = ()
    assert expected == check_carried(tables, None)


def test_published_without_step_tables_blames_only_the_list() -> None:
    """When steps.toml has no tables to read, the list's own problems are all that is said about it."""
    published, problems = check_published("lead-decide\nlead-decide\n", "p.txt", None)
    expected = (("lead-decide",), ["p.txt:2: lead-decide: listed twice (first at line 1)"])
    assert expected == (published, [str(problem) for problem in problems])


def test_declared_ids_are_the_ids_first_then_the_aliases(tmp_path: Path) -> None:
    """Every id a step table declares comes before every alias, each with where it is first declared."""
    steps = STEP.replace('id = "lead-decide"', 'id = "lead-decide"\naliases = ["lead-choose"]')
    tables, _ = _read(_write(tmp_path, steps + "\n" + STEP.replace("lead-decide", "lead-decide-again")))
    expected = {
        "lead-decide": (2, "step[0] (lead-decide).id"),
        "lead-decide-again": (12, "step[1] (lead-decide-again).id"),
        "lead-choose": (3, "step[0] (lead-decide).aliases"),
    }
    assert expected == declared_ids(tables)


def test_span_words_leave_the_steps_they_are_given_as_they_are() -> None:
    """The badge's words make new steps; the steps the checks saw keep no words."""
    until = Text(de="bis zum Stopp", en="until the stop")
    rule = replace(make_step("lead-decide"), kind=Kind.RULE, span=Span(until="lead-stop"))
    steps = (rule, replace(make_step("lead-stop"), moments=((Moment.UNTIL, until),)))
    expected = ((rule, steps[1]), (replace(rule, span=Span(until="lead-stop", words=until)), steps[1]))
    assert expected == (steps, with_span_words(steps))
