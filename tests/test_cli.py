"""Unit tests of cutover.cli: every command, format and exit code, called in-process through ``main``."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cutover.catalogue import Answers, Applies, Catalogue, Kind, Lang, MailVariant, Step, Text, load_catalogue
from cutover.cli import main
from cutover.duplicates import CHECKS
from cutover.editions import codes
from cutover.errors import CatalogueError
from cutover.ordering import steps_in_order
from cutover.planner import PORTAL_HINTS, Choice, Portal, personal_plan
from cutover.render import PLAN_FORMATS, PlanFormat, render_plan
from factories import FURTHER, UNDECLARED

ROOT = Path(__file__).resolve().parents[1]
EXIT_OK, EXIT_BLOCKER, EXIT_BAD_INPUT = 0, 1, 2
EVERY = Answers.every()


def _answers_id(answers: Answers) -> str:
    """A short test id for a set of answers, e.g. ``b+contacts+calendar``."""
    extras = [name for name, on in (("contacts", answers.contact_sync), ("calendar", answers.calendar_sync)) if on]
    return "+".join([answers.variant.value, *extras])


CLEAN = (
    'mail_variant = "a"\nwork_in_performer = false\nexporter_running = false\n'
    "performer_mail_service_running = false\nplatform_mail_accounts = true\ninbox_emptied = true\n"
    "performer_listings_online = false\nplatform_portals_active = true\nperformer_transfer_possible = false\n"
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The real step catalogue."""
    return load_catalogue(ROOT / "runbook")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _answer_args(answers: Answers) -> list[str]:
    args = ["--variant", answers.variant.value]
    if answers.contact_sync:
        args.append("--contact-sync")
    if answers.calendar_sync:
        args.append("--calendar-sync")
    return args


def _json_steps(capsys: pytest.CaptureFixture[str], answers: Answers, *extra: str) -> list[dict[str, Any]]:
    status, out, err = _run(capsys, *extra, "steps", *_answer_args(answers), "--format", "json")
    expected = (EXIT_OK, "")
    assert expected == (status, err)
    data: list[dict[str, Any]] = json.loads(out)
    return data


def _marks(step: Step, lang: Lang = "de") -> list[str]:
    """What the checklists show after a step: a rule's span, recommended, the switch, a condition, in that order."""
    marks = [step.kind_label] if step.kind is Kind.RULE else []
    marks += [Text(de="Empfohlen", en="Recommended")] if step.recommended else []
    marks += [Text(de="Ab hier führt die Plattform", en="From here on, the platform leads")] if step.switch else []
    marks += [] if step.applies is Applies.ALWAYS else [step.applies.label]
    return [mark.get(lang) for mark in marks]


def _situation(tmp_path: Path, text: str) -> str:
    path = tmp_path / "situation.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- steps --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_steps_json_is_the_plan(capsys: pytest.CaptureFixture[str], catalogue: Catalogue, answers: Answers) -> None:
    """``steps --format json`` lists the plan's ids with their German titles and areas, in plan order."""
    expected = [
        {"id": s.id, "title": s.title.get("de"), "area": s.area.value} for s in steps_in_order(catalogue, answers)
    ]
    actual = [{key: item[key] for key in ("id", "title", "area")} for item in _json_steps(capsys, answers)]
    assert expected == actual


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_steps_json_order_satisfies_every_dependency(
    capsys: pytest.CaptureFixture[str], catalogue: Catalogue, answers: Answers
) -> None:
    """Every prerequisite the catalogue names for a listed step is listed before it."""
    ids = [item["id"] for item in _json_steps(capsys, answers)]
    late = [
        (step_id, before)
        for index, step_id in enumerate(ids)
        for before in catalogue[step_id].prerequisites(answers.variant)
        if before in ids and ids.index(before) > index
    ]
    expected: list[object] = []
    assert expected == late


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_steps_json_after_lists_earlier_steps(capsys: pytest.CaptureFixture[str], answers: Answers) -> None:
    """Each entry's ``after`` names only steps listed before it."""
    data = _json_steps(capsys, answers)
    ids = [item["id"] for item in data]
    expected: list[object] = []
    assert expected == [(item["id"], a) for i, item in enumerate(data) for a in item["after"] if a not in ids[:i]]


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_steps_json_has_sync_steps_only_when_asked(capsys: pytest.CaptureFixture[str], answers: Answers) -> None:
    """Contact and calendar steps are listed exactly when their sync is asked for."""
    areas = {item["area"] for item in _json_steps(capsys, answers)}
    assert (answers.contact_sync, answers.calendar_sync) == ("contacts" in areas, "calendar" in areas)


def test_steps_json_entry_fields(capsys: pytest.CaptureFixture[str], catalogue: Catalogue) -> None:
    """A JSON entry carries id, title, why, area, kind, applies and the prerequisites in plan order."""
    entry = next(item for item in _json_steps(capsys, Answers()) if item["id"] == "mail-no-platform-account")
    step = catalogue["mail-no-platform-account"]
    expected = {
        "id": "mail-no-platform-account",
        "title": step.title.get("de"),
        "why": step.why.get("de"),
        "area": "mail",
        "kind": "rule",
        "applies": "variant-a",
        "recommended": False,
        "span": {"from": None, "until": "portal-stop-exporter", "label": "Regel bis zum Stopp des ExporterV2"},
        "switch": False,
        "after": ["lead-decide", "mail-choose-variant"],
    }
    assert expected == entry


def test_steps_json_marks_recommended_steps_and_the_switch(capsys: pytest.CaptureFixture[str]) -> None:
    """JSON says which steps the source only recommends, and which step is the moment of the switch."""
    entries = _json_steps(capsys, Answers(MailVariant.B))
    expected = (
        ["mail-deactivate-performer-accounts", "mail-connect-client", "portal-verify-offline"],
        ["portal-stop-exporter"],
    )
    assert expected == (
        [item["id"] for item in entries if item["recommended"]],
        [item["id"] for item in entries if item["switch"]],
    )


def test_steps_json_in_english(capsys: pytest.CaptureFixture[str], catalogue: Catalogue) -> None:
    """``--lang en`` gives the English titles in JSON."""
    titles = [item["title"] for item in _json_steps(capsys, Answers(MailVariant.B), "--lang", "en")]
    assert [step.title.get("en") for step in steps_in_order(catalogue, Answers(MailVariant.B))] == titles


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_steps_text_lists_the_plan(capsys: pytest.CaptureFixture[str], catalogue: Catalogue, answers: Answers) -> None:
    """The text format shows, per step, a numbered box with the title, then the id and any condition."""
    status, out, _ = _run(capsys, "steps", *_answer_args(answers))
    lines = out.splitlines()
    steps = steps_in_order(catalogue, answers)
    expected = (
        [f"[ ] {n:2d}. {s.title.get('de')}" for n, s in enumerate(steps, 1)],
        ["        " + " · ".join([s.id, *_marks(s)]) for s in steps],
    )
    assert (EXIT_OK, expected) == (status, (lines[2::2], lines[3::2]))


def test_steps_text_header_names_the_answers(capsys: pytest.CaptureFixture[str]) -> None:
    """The text header repeats the answers."""
    _, out, _ = _run(capsys, "steps", "--variant", "b", "--contact-sync")
    expected = "Checkliste: Mail-Variante b, Kontaktesync ja, Kalendersync nein"
    assert expected == out.splitlines()[0]


def test_steps_default_is_variant_a_without_sync(capsys: pytest.CaptureFixture[str]) -> None:
    """Without options, ``steps`` plans variant a without any sync."""
    _, out, _ = _run(capsys, "steps")
    expected = "Checkliste: Mail-Variante a, Kontaktesync nein, Kalendersync nein"
    assert expected == out.splitlines()[0]


def test_steps_text_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    """``--lang en`` gives the English header and titles."""
    _, out, _ = _run(capsys, "--lang", "en", "steps", "--calendar-sync")
    expected = [
        "Checklist: Email variant a, Contact sync no, Calendar sync yes",
        "",
        "[ ]  1. Decide to work only in the platform from now on",
    ]
    assert expected == out.splitlines()[:3]


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_steps_markdown_is_a_task_list(
    capsys: pytest.CaptureFixture[str], catalogue: Catalogue, answers: Answers
) -> None:
    """The Markdown format is a heading and one numbered task per step, with the id in code and any condition."""
    status, out, _ = _run(capsys, "steps", *_answer_args(answers), "--format", "markdown")
    items = [line for line in out.splitlines() if line[:1].isdigit()]
    expected = [
        f"{n}. [ ] **{s.title.get('de')}** (`{s.id}`)" + "".join(f" · *{mark}*" for mark in _marks(s))
        for n, s in enumerate(steps_in_order(catalogue, answers), 1)
    ]
    assert (EXIT_OK, "# Checkliste", expected) == (status, out.splitlines()[0], items)


def test_steps_markdown_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    """``--lang en`` gives the English Markdown heading."""
    _, out, _ = _run(capsys, "--lang", "en", "steps", "--format", "markdown")
    expected = "# Checklist"
    assert expected == out.splitlines()[0]


# --- check --------------------------------------------------------------------------------------------------------


def test_check_clean_situation_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A clean situation prints that there is no risk and exits 0."""
    expected = (EXIT_OK, "Keine Dublettengefahr gefunden.\n", "")
    assert expected == _run(capsys, "check", _situation(tmp_path, CLEAN))


def test_check_blocker_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A blocker is printed and makes the exit code 1."""
    situation = CLEAN.replace("performer_listings_online = false", "performer_listings_online = true")
    status, out, _ = _run(capsys, "check", _situation(tmp_path, situation))
    expected = (EXIT_BLOCKER, "HINDERNIS  performer-listings-online")
    assert expected == (status, out.splitlines()[0])


def test_check_warning_only_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A warning alone is printed but the exit code stays 0."""
    status, out, _ = _run(capsys, "check", _situation(tmp_path, CLEAN + "calendar_sync = true\n"))
    expected = (EXIT_OK, "WARNUNG  calendar-sync-duplicates")
    assert expected == (status, out.splitlines()[0])


def test_check_in_english(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``--lang en`` prints the findings in English."""
    _, out, _ = _run(capsys, "--lang", "en", "check", _situation(tmp_path, CLEAN + "calendar_sync = true\n"))
    expected = "WARNING  calendar-sync-duplicates"
    assert expected == out.splitlines()[0]


def test_check_markdown(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``--format markdown`` prints each finding as a list item."""
    _, out, _ = _run(capsys, "check", _situation(tmp_path, CLEAN + "calendar_sync = true\n"), "--format", "markdown")
    message = next(c.message.get("de") for c in CHECKS if c.id == "calendar-sync-duplicates")
    assert f"- **WARNUNG** `calendar-sync-duplicates`: {message}" == out.splitlines()[0]


def test_check_json_carries_both_languages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """JSON findings carry the message in every edition's language, whatever ``--lang`` says."""
    status, out, _ = _run(
        capsys, "--lang", "en", "check", _situation(tmp_path, CLEAN + "calendar_sync = true\n"), "--format", "json"
    )
    message = next(c.message for c in CHECKS if c.id == "calendar-sync-duplicates")
    expected = [
        {
            "id": "calendar-sync-duplicates",
            "severity": "warning",
            "lands": ["crm-appointments"],
            "message": {
                "de": "Der Kalendersync ist aktiv. Doppelte Termine in der Plattform lassen sich derzeit nicht "
                "verhindern.",
                "en": "Calendar sync is on. Duplicate appointments in the platform cannot currently be prevented.",
                **{code: message.get(code) for code in FURTHER},
            },
            "steps": ["calendar-enable-sync"],
        }
    ]
    assert (EXIT_OK, expected) == (status, json.loads(out))


def test_check_json_without_findings_is_an_empty_list(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A situation without risk gives an empty JSON list and exit code 0."""
    status, out, _ = _run(capsys, "check", _situation(tmp_path, ""), "--format", "json")
    expected: tuple[int, list[object]] = (EXIT_OK, [])
    assert expected == (status, json.loads(out))


def test_check_json_blocker_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The exit code for a blocker does not depend on the format."""
    status, out, _ = _run(capsys, "check", _situation(tmp_path, "exporter_running = false\n"), "--format", "json")
    expected = (EXIT_BLOCKER, ["exporter-stopped-while-working-in-performer", "exporter-stopped-without-mail-accounts"])
    assert expected == (status, [finding["id"] for finding in json.loads(out)])


def test_check_malformed_file_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A malformed situation file prints one ``cutover: error: FILE:LINE: ...`` line on stderr, no traceback."""
    path = _situation(tmp_path, "exporter_running = false\ncalendar_sync = ja\n")
    expected = f"cutover: error: {path}:2: invalid TOML: Invalid value (column 17)\n"
    assert (EXIT_BAD_INPUT, "", expected) == _run(capsys, "check", path, "--lang", "en")


def test_check_malformed_file_in_german_by_default(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Without ``--lang`` and with a locale of no edition, the error line is German, its prefix included."""
    path = _situation(tmp_path, "exporter_running = false\ncalendar_sync = ja\n")
    expected = f"cutover: Fehler: {path}:2: ungültiges TOML: ungültiger Wert (Spalte 17)\n"
    assert (EXIT_BAD_INPUT, "", expected) == _run(capsys, "check", path)


def test_check_error_follows_the_locale(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An English locale makes the messages English; ``--lang`` still wins over it."""
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    path = _situation(tmp_path, "inbox_emptied = 1\n")
    english = _run(capsys, "check", path)[2]
    german = _run(capsys, "check", path, "--lang", "de")[2]
    expected = (
        f"cutover: error: {path}:1: inbox_emptied: must be true or false, not 1\n",
        f"cutover: Fehler: {path}:1: inbox_emptied: muss true oder false sein, nicht 1\n",
    )
    assert expected == (english, german)


def test_check_bad_values_list_every_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Every problem of a situation file gets its own error line."""
    path = _situation(tmp_path, 'mail_variant = "c"\ninbox_emptied = 1\n')
    expected = (
        f'cutover: error: {path}:1: mail_variant: must be "a" or "b", not \'c\'\n'
        f"cutover: error: {path}:2: inbox_emptied: must be true or false, not 1\n"
    )
    assert (EXIT_BAD_INPUT, "", expected) == _run(capsys, "--lang", "en", "check", path)


def test_check_file_that_is_not_utf8_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A situation file in another encoding is bad input with one error line, not a traceback."""
    path = tmp_path / "situation.toml"
    path.write_bytes(b"# Die Plattform f\xfchrt\nexporter_running = false\n")
    expected = f"cutover: error: {path}:1: cannot read: not UTF-8; save the file as UTF-8\n"
    assert (EXIT_BAD_INPUT, "", expected) == _run(capsys, "check", str(path), "--lang=en")


def test_check_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A situation file that does not exist is bad input."""
    path = tmp_path / "nope.toml"
    expected = f"cutover: Fehler: {path}: nicht lesbar: Datei oder Ordner nicht gefunden\n"
    assert (EXIT_BAD_INPUT, "", expected) == _run(capsys, "check", str(path))


# --- validate and --runbook ---------------------------------------------------------------------------------------


def test_validate_the_real_catalogue(capsys: pytest.CaptureFixture[str], catalogue: Catalogue) -> None:
    """``validate`` counts the steps and statements of a valid catalogue and exits 0."""
    expected = f"{ROOT / 'runbook'}: {len(catalogue)} Schritte, {len(catalogue.statements)} Aussagen, alles gültig\n"
    assert (EXIT_OK, expected, "") == _run(capsys, "validate")


def test_validate_another_runbook(capsys: pytest.CaptureFixture[str], samples: Path) -> None:
    """``--runbook`` points the command at another catalogue folder."""
    folder = samples / "valid"
    assert (EXIT_OK, f"{folder}: 3 steps, 2 statements, all valid\n", "") == _run(
        capsys, "--runbook", str(folder), "--lang", "en", "validate"
    )


def test_validate_takes_the_common_options_after_the_command(capsys: pytest.CaptureFixture[str], samples: Path) -> None:
    """``cutover validate --runbook DIR --lang en`` reads like ``cutover --runbook DIR --lang en validate``."""
    folder = samples / "valid"
    assert (EXIT_OK, f"{folder}: 3 steps, 2 statements, all valid\n", "") == _run(
        capsys, "validate", "--runbook", str(folder), "--lang", "en"
    )


def test_runbook_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, samples: Path
) -> None:
    """$CUTOVER_RUNBOOK is the default for ``--runbook``."""
    monkeypatch.setenv("CUTOVER_RUNBOOK", str(samples / "valid"))
    _, out, _ = _run(capsys, "steps", "--format", "json")
    expected = ["lead-decide", "mail-choose-variant", "portal-stop-exporter"]
    assert expected == [item["id"] for item in json.loads(out)]


def test_broken_runbook_lists_every_problem(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, samples: Path
) -> None:
    """A broken catalogue makes every command exit 2, with one error line per problem of the loader."""
    monkeypatch.chdir(samples)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(Path("many-problems"))
    expected = "".join(f"cutover: error: {problem}\n" for problem in info.value.problems)
    assert (EXIT_BAD_INPUT, "", expected) == _run(capsys, "--runbook", "many-problems", "validate", "--lang", "en")


def test_broken_runbook_error_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, samples: Path
) -> None:
    """The error lines name file, line, key and message."""
    monkeypatch.chdir(samples)
    _, _, err = _run(capsys, "--runbook", "many-problems", "steps")
    lines = err.splitlines()
    expected = (
        15,
        "cutover: Fehler: many-problems/statements.toml:7: statements.X4: Aussagen heißen S1, S2, ...",
        "cutover: Fehler: many-problems/statements.toml:6: statements.S3: kein Schritt stützt sich auf diese Aussage",
    )
    assert expected == (len(lines), lines[0], lines[-1])


def test_broken_runbook_does_not_stop_check(capsys: pytest.CaptureFixture[str], tmp_path: Path, samples: Path) -> None:
    """``findings_in`` needs no catalogue, so a broken one does not keep the service desk from checking a situation."""
    status, out, err = _run(
        capsys, "--runbook", str(samples / "dependency-cycle"), "check", _situation(tmp_path, CLEAN)
    )
    expected = (EXIT_OK, "Keine Dublettengefahr gefunden.\n", "")
    assert expected == (status, out, err)


# --- link ---------------------------------------------------------------------------------------------------------

LOCAL = "http://127.0.0.1:8000/"
NOTE = {
    "de": "cutover: Hinweis: Diese Links führen zur lokalen Vorschau http://127.0.0.1:8000/, die niemand sonst öffnen "
    "kann; die Adresse der veröffentlichten Anleitung gehört in {site} (oder CUTOVER_BASE_URL)\n",
    "en": "cutover: note: these links lead to the local preview http://127.0.0.1:8000/, which no one else can open; "
    "the published address belongs in {site} (or CUTOVER_BASE_URL)\n",
}


def _note(lang: str, runbook: Path | str = ROOT / "runbook") -> str:
    """The word on stderr that the links printed are only the local preview's."""
    site = Path(runbook).resolve() / "site.toml"
    return NOTE[lang].format(site=site.relative_to(Path.cwd()) if site.is_relative_to(Path.cwd()) else site)


def _retired(samples: Path, tmp_path: Path) -> str:
    """The valid sample with ``portal-stop-exporter`` renamed to ``portal-stop-the-exporter``, the old id an alias."""
    folder = tmp_path / "runbook"
    shutil.copytree(samples / "valid", folder)
    steps = (folder / "steps.toml").read_text(encoding="utf-8")
    renamed = 'id = "portal-stop-the-exporter"\naliases = ["portal-stop-exporter"]'
    (folder / "steps.toml").write_text(steps.replace('id = "portal-stop-exporter"', renamed), encoding="utf-8")
    with (folder / "published-ids.txt").open("a", encoding="utf-8") as published:
        published.write("portal-stop-the-exporter\n")
    return str(folder)


def test_link_in_german_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    """``link <id>`` prints the step's German short link on the local server, and nothing else."""
    expected = (EXIT_OK, f"{LOCAL}de/s/portal-verify-offline.html\n", _note("de"))
    assert expected == _run(capsys, "link", "portal-verify-offline")


def test_link_in_english_after_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    """``link <id> --lang en`` prints the English short link."""
    expected = (EXIT_OK, f"{LOCAL}en/s/portal-verify-offline.html\n", _note("en"))
    assert expected == _run(capsys, "link", "portal-verify-offline", "--lang", "en")


def test_link_in_english_before_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    """The global ``--lang en`` before the command still chooses the English link."""
    expected = (EXIT_OK, f"{LOCAL}en/s/lead-decide.html\n", _note("en"))
    assert expected == _run(capsys, "--lang", "en", "link", "lead-decide")


def test_link_lang_after_the_command_wins(capsys: pytest.CaptureFixture[str]) -> None:
    """``--lang`` after the command overrides the one before it."""
    expected = (EXIT_OK, f"{LOCAL}de/s/lead-decide.html\n", _note("de"))
    assert expected == _run(capsys, "--lang", "en", "link", "lead-decide", "--lang", "de")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_link_of_every_step(capsys: pytest.CaptureFixture[str], catalogue: Catalogue, lang: str) -> None:
    """Every step of the real catalogue has its short link, ``<base>/<lang>/s/<id>.html``."""
    expected = [(EXIT_OK, f"{LOCAL}{lang}/s/{step_id}.html\n", _note(lang)) for step_id in catalogue.ids]
    assert expected == [_run(capsys, "link", step_id, "--lang", lang) for step_id in catalogue.ids]


def test_link_of_what_was_typed_after_hearing_it(capsys: pytest.CaptureFixture[str]) -> None:
    """An id typed as words, with capitals, is normalised to the id; no retired-id note."""
    expected = (EXIT_OK, f"{LOCAL}de/s/portal-verify-offline.html\n", _note("de"))
    assert expected == _run(capsys, "link", "Portal Verify offline")


def test_link_of_an_id_typed_with_underscores(capsys: pytest.CaptureFixture[str]) -> None:
    """Underscores in a typed id count as hyphens."""
    expected = (EXIT_OK, f"{LOCAL}en/s/mail-choose-variant.html\n", _note("en"))
    assert expected == _run(capsys, "link", "mail_choose_variant", "--lang", "en")


def test_link_of_a_retired_id_is_its_successors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, samples: Path
) -> None:
    """A retired id prints the link of the step that took its place, and says so on stderr."""
    runbook = _retired(samples, tmp_path)
    expected = (
        EXIT_OK,
        f"{LOCAL}de/s/portal-stop-the-exporter.html\n",
        _note("de", runbook) + "cutover: 'portal-stop-exporter' ist eine frühere Kennung; "
        "ihr Schritt heißt jetzt 'portal-stop-the-exporter'\n",
    )
    assert expected == _run(capsys, "--runbook", runbook, "link", "portal-stop-exporter")


def test_link_of_a_retired_id_typed_as_words(capsys: pytest.CaptureFixture[str], tmp_path: Path, samples: Path) -> None:
    """A retired id typed as words is normalised before it is looked up, and the note names it normalised."""
    runbook = _retired(samples, tmp_path)
    expected = (
        EXIT_OK,
        f"{LOCAL}en/s/portal-stop-the-exporter.html\n",
        _note("en", runbook)
        + "cutover: 'portal-stop-exporter' is a retired id; its step is now 'portal-stop-the-exporter'\n",
    )
    assert expected == _run(capsys, "--runbook", runbook, "link", "Portal Stop Exporter", "--lang", "en")


def test_link_of_a_step_with_aliases_by_its_own_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, samples: Path
) -> None:
    """A step's own id gives its link without a note, even when the step has aliases."""
    runbook = _retired(samples, tmp_path)
    expected = (EXIT_OK, f"{LOCAL}de/s/portal-stop-the-exporter.html\n", _note("de", runbook))
    assert expected == _run(capsys, "--runbook", runbook, "link", "portal-stop-the-exporter")


def test_link_of_an_unknown_id_suggests_close_ids(capsys: pytest.CaptureFixture[str], samples: Path) -> None:
    """An unknown id exits 2 with one error line asking whether a close id was meant."""
    expected = (EXIT_BAD_INPUT, "", "cutover: error: unknown step id 'lead-decid' (did you mean: lead-decide?)\n")
    assert expected == _run(capsys, "--runbook", str(samples / "valid"), "link", "lead-decid", "--lang", "en")


def test_link_of_an_unlike_id_names_the_closest(capsys: pytest.CaptureFixture[str], samples: Path) -> None:
    """An id like no other exits 2 and still names the closest ids, so the reader sees what an id looks like."""
    expected = (
        EXIT_BAD_INPUT,
        "",
        "cutover: error: unknown step id 'xyz' (closest: portal-stop-exporter, mail-choose-variant, lead-decide)\n",
    )
    assert expected == _run(capsys, "--runbook", str(samples / "valid"), "--lang", "en", "link", "xyz")


def test_link_of_a_mistyped_retired_id_suggests_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, samples: Path
) -> None:
    """The suggestions for an unknown id include the retired ids."""
    expected = (
        EXIT_BAD_INPUT,
        "",
        "cutover: error: unknown step id 'portal-stop-exportr' "
        "(did you mean: portal-stop-exporter, portal-stop-the-exporter?)\n",
    )
    assert expected == _run(
        capsys, "--runbook", _retired(samples, tmp_path), "link", "portal-stop-exportr", "--lang", "en"
    )


def test_link_base_url_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """$CUTOVER_BASE_URL with a trailing slash is the start of the link."""
    monkeypatch.setenv("CUTOVER_BASE_URL", "https://runbook.example.com/")
    expected = (EXIT_OK, "https://runbook.example.com/de/s/lead-decide.html\n", "")
    assert expected == _run(capsys, "link", "lead-decide")


def test_link_base_url_without_trailing_slash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """$CUTOVER_BASE_URL without a trailing slash gets one before the path."""
    monkeypatch.setenv("CUTOVER_BASE_URL", "https://runbook.example.com/cutover")
    expected = (EXIT_OK, "https://runbook.example.com/cutover/en/s/lead-decide.html\n", "")
    assert expected == _run(capsys, "link", "lead-decide", "--lang", "en")


def test_link_bad_base_url_exits_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A $CUTOVER_BASE_URL that is no web address exits 2 with one line naming the variable, no traceback."""
    monkeypatch.setenv("CUTOVER_BASE_URL", "runbook.example.com")
    expected = (
        EXIT_BAD_INPUT,
        "",
        "cutover: error: CUTOVER_BASE_URL: 'runbook.example.com' is not the address of the site's root, "
        "such as https://runbook.example.com/\n",
    )
    assert expected == _run(capsys, "--lang", "en", "link", "lead-decide")


def test_link_of_a_retired_id_with_a_bad_base_url_prints_only_the_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, samples: Path
) -> None:
    """With a bad base URL there is no link, so no note about the retired id precedes the error."""
    monkeypatch.setenv("CUTOVER_BASE_URL", "runbook.example.com")
    status, out, err = _run(
        capsys, "--lang", "en", "--runbook", _retired(samples, tmp_path), "link", "portal-stop-exporter"
    )
    expected = (EXIT_BAD_INPUT, "", ["cutover: error: CUTOVER_BASE_URL"])
    assert expected == (status, out, [line[: len(expected[2][0])] for line in err.splitlines()])


def test_link_unparsable_base_url_exits_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A $CUTOVER_BASE_URL that urllib cannot even split (an unclosed IPv6 host) is bad input too, no traceback."""
    monkeypatch.setenv("CUTOVER_BASE_URL", "http://[::1:8000/")
    expected = (
        EXIT_BAD_INPUT,
        "",
        "cutover: error: CUTOVER_BASE_URL: 'http://[::1:8000/' is not the address of the site's root, "
        "such as https://runbook.example.com/\n",
    )
    assert expected == _run(capsys, "--lang", "en", "link", "lead-decide")


def test_link_with_a_broken_runbook_exits_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, samples: Path
) -> None:
    """``link`` needs a valid catalogue: a broken one is reported like for any other command."""
    monkeypatch.chdir(samples)
    expected = (
        EXIT_BAD_INPUT,
        "",
        "cutover: error: dependency-cycle/steps.toml:8: after: dependency cycle: "
        "lead-decide -> portal-stop-exporter -> mail-choose-variant -> lead-decide\n",
    )
    assert expected == _run(capsys, "--lang", "en", "--runbook", "dependency-cycle", "link", "lead-decide")


def test_link_needs_an_id(capsys: pytest.CaptureFixture[str]) -> None:
    """``link`` without an id is an argparse error."""
    with pytest.raises(SystemExit) as info:
        main(["--lang", "en", "link"])
    expected = (2, True)
    assert expected == (info.value.code, "required: ID" in capsys.readouterr().err)


def test_lang_after_steps(capsys: pytest.CaptureFixture[str]) -> None:
    """``--lang`` is accepted after any command: ``steps --lang en`` is the English checklist."""
    _, out, _ = _run(capsys, "steps", "--lang", "en")
    expected = "Checklist: Email variant a, Contact sync no, Calendar sync no"
    assert expected == out.splitlines()[0]


def test_lang_after_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``check <file> --lang en`` prints the findings in English."""
    _, out, _ = _run(capsys, "check", _situation(tmp_path, CLEAN + "calendar_sync = true\n"), "--lang", "en")
    expected = "WARNING  calendar-sync-duplicates"
    assert expected == out.splitlines()[0]


def test_lang_after_the_command_is_checked(capsys: pytest.CaptureFixture[str]) -> None:
    """Only the known languages are accepted after a command, as before it."""
    with pytest.raises(SystemExit) as info:
        main(["--lang", "en", "link", "lead-decide", "--lang", UNDECLARED])
    expected = (2, True)
    assert expected == (info.value.code, f"invalid choice: '{UNDECLARED}'" in capsys.readouterr().err)


# --- translations -------------------------------------------------------------------------------------------------

_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
_POT = (
    _HEADER
    + '#: ../../docs/index.md:1\nmsgid "Umstieg"\nmsgstr ""\n\n#: ../../docs/index.md:3\nmsgid "Lesen."\nmsgstr ""\n'
)
_PO = _HEADER + 'msgid "Umstieg"\nmsgstr "Cutover"\n\nmsgid "Lesen."\nmsgstr "Read."\n'
_HINT = (
    "cutover: {} problem(s) with the 'en' translation. Run `nox -s translations-update`, translate each message "
    "named above in its .po file, and drop any fuzzy flag once you have reviewed it.\n"
)


def _translations(folder: Path, pos: dict[str, str]) -> tuple[Path, Path]:
    """A gettext build with the pages index and steps, and a locale folder with these English catalogues."""
    templates = folder / "build" / "gettext"
    catalogues = folder / "docs" / "locale" / "en" / "LC_MESSAGES"
    templates.mkdir(parents=True)
    catalogues.mkdir(parents=True)
    (templates / "index.pot").write_text(_POT, encoding="utf-8")
    (templates / "steps.pot").write_text(_HEADER + 'msgid "Schritte"\nmsgstr ""\n', encoding="utf-8")
    for name, text in pos.items():
        (catalogues / name).write_text(text, encoding="utf-8")
    return templates, catalogues


def test_translations_complete_exits_0_with_a_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Every message translated: exit 0 and one line counting the messages and catalogues checked."""
    templates, catalogues = _translations(tmp_path, {"index.po": _PO, "steps.po": 'msgid "Schritte"\nmsgstr "Steps"\n'})
    expected = (EXIT_OK, f"{catalogues}: 3 messages in 2 catalogues, all translated\n", "")
    assert expected == _run(
        capsys,
        "--lang",
        "en",
        "translations",
        "--templates",
        str(templates),
        "--locale",
        str(tmp_path / "docs" / "locale"),
    )


def test_translations_problems_exit_1_with_one_line_each_and_a_hint(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each problem is one ``cutover: file:line: 'message': problem`` line on stderr, then what to do; exit 1."""
    monkeypatch.chdir(tmp_path)
    po = _PO.replace('msgstr "Read."', 'msgstr ""')
    templates, catalogues = _translations(tmp_path, {"index.po": po, "old.po": po})
    expected = (
        EXIT_BLOCKER,
        "",
        f"cutover: {catalogues / 'index.po'}:8: 'Lesen.': untranslated\n"
        f"cutover: {catalogues / 'steps.po'}: missing: no translation of this page at all\n"
        f"cutover: {catalogues / 'old.po'}: stale: no page has this name any more; delete the file\n" + _HINT.format(3),
    )
    assert expected == _run(
        capsys,
        "--lang",
        "en",
        "translations",
        "--templates",
        str(templates),
        "--locale",
        str(tmp_path / "docs" / "locale"),
    )


def test_translations_missing_message_names_the_page_and_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message the .po lacks is named with the German page and line it comes from, relative to the working folder."""
    monkeypatch.chdir(tmp_path)
    index = _HEADER + 'msgid "Lesen."\nmsgstr "Read."\n'
    templates = _translations(tmp_path, {"index.po": index, "steps.po": 'msgid "Schritte"\nmsgstr "Steps"\n'})[0]
    expected = (
        EXIT_BLOCKER,
        "",
        "cutover: docs/locale/en/LC_MESSAGES/index.po: 'Umstieg': missing: new or changed text at docs/index.md:1\n"
        + _HINT.format(1),
    )
    assert expected == _run(
        capsys, "--lang", "en", "translations", "--templates", str(templates), "--locale", "docs/locale"
    )


def test_translations_defaults_are_the_gettext_build_and_the_docs_locale(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without options the gate compares build/gettext with docs/locale/en, from the checkout's root."""
    monkeypatch.chdir(tmp_path)
    _translations(tmp_path, {"index.po": _PO, "steps.po": 'msgid "Schritte"\nmsgstr "Steps"\n'})
    expected = (EXIT_OK, "docs/locale/en/LC_MESSAGES: 3 messages in 2 catalogues, all translated\n", "")
    assert expected == _run(capsys, "--lang", "en", "translations")


def test_translations_without_a_gettext_build(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the gettext build there is nothing to compare: exit 2, bad input, saying what to run first."""
    monkeypatch.chdir(tmp_path)
    expected = (
        EXIT_BAD_INPUT,
        "",
        "cutover: build/gettext: no message templates (*.pot): run the gettext build first\n"
        "cutover: 1 of the problems above keep the gate from checking: deal with them first\n",
    )
    assert expected == _run(capsys, "--lang", "en", "translations")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("index.po", b"\xff\xfe", "cannot read: not UTF-8; save the file as UTF-8"),
        ("index.po", b'msgid "Umstieg"\nmsgstr "Cutover\n', "not a line of gettext (each text in double quotes)"),
        ("index.po", b'msgid "Umstieg"\nmsgstr Cutover\n', "not a line of gettext (each text in double quotes)"),
        ("index.pot", b'msgid "a"\nmsgstr[x] "b"\n', "invalid gettext catalogue: "),
    ],
)
def test_translations_over_a_file_it_cannot_read_is_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    """A .po or .pot that cannot be read or understood is exit 2 (bad input), never the exit 1 of a gap."""
    templates, catalogues = _translations(tmp_path, {"index.po": _PO, "steps.po": 'msgid "Schritte"\nmsgstr "S"\n'})
    (templates if name.endswith(".pot") else catalogues).joinpath(name).write_bytes(content)
    status, out, err = _run(
        capsys,
        "--lang",
        "en",
        "translations",
        "--templates",
        str(templates),
        "--locale",
        str(tmp_path / "docs" / "locale"),
    )
    expected = (EXIT_BAD_INPUT, "", True, True)
    assert expected == (status, out, problem in err, err.endswith("deal with them first\n"))


def test_translations_only_into_other_languages(capsys: pytest.CaptureFixture[str]) -> None:
    """German is the source, so it is no target of ``--to``."""
    with pytest.raises(SystemExit) as info:
        main(["--lang", "en", "translations", "--to", "de"])
    expected = (2, True)
    assert expected == (info.value.code, "invalid choice: 'de'" in capsys.readouterr().err)


def test_broken_runbook_does_not_stop_translations(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, samples: Path
) -> None:
    """The translation gate needs no catalogue, so a broken one does not hide the state of the translations."""
    monkeypatch.chdir(tmp_path)
    _translations(tmp_path, {"index.po": _PO, "steps.po": 'msgid "Schritte"\nmsgstr "Steps"\n'})
    expected = (EXIT_OK, "docs/locale/en/LC_MESSAGES: 3 messages in 2 catalogues, all translated\n", "")
    assert expected == _run(capsys, "--lang", "en", "--runbook", str(samples / "dependency-cycle"), "translations")


# --- argument errors ----------------------------------------------------------------------------------------------


def test_unknown_subcommand_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown subcommand is an argparse error: SystemExit 2 and a usage message."""
    with pytest.raises(SystemExit) as info:
        main(["schedule"])
    expected = (2, "Aufruf: cutover")
    assert expected == (info.value.code, capsys.readouterr().err[:15])


def test_missing_subcommand_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A subcommand is required."""
    with pytest.raises(SystemExit) as info:
        main([])
    expected = (2, True)
    assert expected == (info.value.code, "diese Argumente fehlen: BEFEHL" in capsys.readouterr().err)


def test_unknown_variant_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """Only the mail variants a and b are accepted."""
    with pytest.raises(SystemExit) as info:
        main(["--lang", "en", "steps", "--variant", "c"])
    expected = (2, True)
    assert expected == (info.value.code, "invalid choice: 'c'" in capsys.readouterr().err)


def test_main_reads_sys_argv(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, samples: Path
) -> None:
    """Without arguments ``main`` parses the command line of the process."""
    monkeypatch.setattr("sys.argv", ["cutover", "--runbook", str(samples / "valid"), "validate"])
    assert (EXIT_OK, f"{samples / 'valid'}: 3 Schritte, 2 Aussagen, alles gültig\n", "") == (
        main(),
        *capsys.readouterr(),
    )


# --- plan ---------------------------------------------------------------------------------------------------------


def _local(lang: Lang) -> Callable[[str], str]:
    """The short link of a step on the local server, as the command builds it without $CUTOVER_BASE_URL."""
    return lambda step_id: f"http://127.0.0.1:8000/{lang}/s/{step_id}.html"


@pytest.mark.parametrize("fmt", PLAN_FORMATS)
def test_plan_prints_the_rendered_plan(
    capsys: pytest.CaptureFixture[str], catalogue: Catalogue, fmt: PlanFormat
) -> None:
    """By default the plan is for variant a without sync and every portal, in German, each step a short link."""
    german = render_plan(personal_plan(catalogue, Choice()), catalogue, "de", fmt, url=_local("de"))
    expected = (EXIT_OK, german, _note("de"))
    assert expected == _run(capsys, "plan", "--format", fmt)


def test_plan_default_format_is_text(capsys: pytest.CaptureFixture[str], catalogue: Catalogue) -> None:
    """Without --format the plan is plain text."""
    german = render_plan(personal_plan(catalogue, Choice()), catalogue, "de", "text", url=_local("de"))
    expected = (EXIT_OK, german, _note("de"))
    assert expected == _run(capsys, "plan")


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("fmt", PLAN_FORMATS)
def test_plan_in_english(capsys: pytest.CaptureFixture[str], catalogue: Catalogue, where: str, fmt: PlanFormat) -> None:
    """--lang en, before or after the command, gives the English plan with links into the English edition."""
    argv = ["--lang", "en", "plan", "--format", fmt] if where == "before" else ["plan", "--format", fmt, "--lang", "en"]
    english = render_plan(personal_plan(catalogue, Choice()), catalogue, "en", fmt, url=_local("en"))
    expected = (EXIT_OK, english, _note("en"))
    assert expected == _run(capsys, *argv)


@pytest.mark.parametrize("answers", EVERY, ids=_answers_id)
def test_plan_for_every_answer(capsys: pytest.CaptureFixture[str], catalogue: Catalogue, answers: Answers) -> None:
    """--variant, --contact-sync and --calendar-sync choose the plan; every ready plan exits 0."""
    made = personal_plan(catalogue, Choice(answers))
    expected = (EXIT_OK, render_plan(made, catalogue, "de", "text", url=_local("de")), _note("de"))
    assert expected == _run(capsys, "plan", *_answer_args(answers))


@pytest.mark.parametrize("fmt", PLAN_FORMATS)
def test_plan_not_ready_exits_1(capsys: pytest.CaptureFixture[str], catalogue: Catalogue, fmt: PlanFormat) -> None:
    """--variant performer (mail still sent from Performer) prints why and what to read first, and exits 1."""
    made = personal_plan(catalogue, Choice(mail_sent_from_performer=True))
    expected = (EXIT_BLOCKER, render_plan(made, catalogue, "de", fmt, url=_local("de")), _note("de"))
    assert expected == _run(capsys, "plan", "--variant", "performer", "--format", fmt)


def test_plan_not_ready_ignores_the_syncs(capsys: pytest.CaptureFixture[str]) -> None:
    """Not ready is not ready whatever the syncs: the same output and exit 1."""
    alone = _run(capsys, "plan", "--variant", "performer")
    expected = (EXIT_BLOCKER, alone[1], _note("de"))
    assert expected == _run(capsys, "plan", "--variant", "performer", "--contact-sync", "--calendar-sync")


def test_plan_not_ready_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    """The English not-ready plan says so in English and names no step to tick."""
    status, out, err = _run(capsys, "--lang", "en", "plan", "--variant", "performer")
    expected = (EXIT_BLOCKER, True, True, False, _note("en"))
    assert expected == (status, "You are not ready to switch yet." in out, "Read first:" in out, "[ ]" in out, err)


def _notes(out: str) -> list[str]:
    """The portal hints a German plan shows, in the order of NOTES."""
    return [note.step for note in PORTAL_HINTS if note.text.get("de") in out]


def test_plan_shows_every_portal_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --portal every portal's hints are shown."""
    status, out, _ = _run(capsys, "plan")
    expected = (EXIT_OK, [note.step for note in PORTAL_HINTS])
    assert expected == (status, _notes(out))


@pytest.mark.parametrize("portal", list(Portal))
def test_plan_for_one_portal(capsys: pytest.CaptureFixture[str], catalogue: Catalogue, portal: Portal) -> None:
    """One --portal shows only that portal's hints."""
    made = personal_plan(catalogue, Choice(portals=frozenset({portal})))
    expected = (EXIT_OK, render_plan(made, catalogue, "de", "text", url=_local("de")), _note("de"))
    assert expected == _run(capsys, "plan", "--portal", portal.value)


def test_plan_portal_repeats(capsys: pytest.CaptureFixture[str]) -> None:
    """--portal repeats: both portals named give the same plan as the default, every portal."""
    default = _run(capsys, "plan")
    assert default == _run(capsys, "plan", "--portal", "other", "--portal", "immobilienscout24")


def test_plan_one_portal_leaves_out_the_others_hints(capsys: pytest.CaptureFixture[str]) -> None:
    """With ImmobilienScout24 alone, the hint for other portals is left out."""
    _, out, _ = _run(capsys, "plan", "--portal", "immobilienscout24")
    expected = [note.step for note in PORTAL_HINTS if note.portal is Portal.IMMOBILIENSCOUT24]
    assert expected == _notes(out)


@pytest.mark.parametrize("fmt", PLAN_FORMATS)
@pytest.mark.parametrize("lang", codes())
def test_plan_links_from_the_base_url(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, catalogue: Catalogue, fmt: str, lang: str
) -> None:
    """Every link of the plan is a short link under $CUTOVER_BASE_URL, one per step, in plan order.

    The only other addresses are those of the outside pages that a portal hint names as its source.
    """
    monkeypatch.setenv("CUTOVER_BASE_URL", "https://runbook.example.com/umstieg")
    status, out, _ = _run(capsys, "--lang", lang, "plan", "--format", fmt)
    sources = {
        url
        for note in PORTAL_HINTS
        if note.source
        for url in re.findall(r"https://\S+?(?=[,;)]|$)", note.source.get("de"))
    }
    linked = [url for url in re.findall(r"https?://[^\s\"'<>),;]+", out) if url not in sources]
    expected = (
        EXIT_OK,
        [f"https://runbook.example.com/umstieg/{lang}/s/{s.id}.html" for s in steps_in_order(catalogue, Answers())],
    )
    assert expected == (status, linked)


def test_plan_with_a_bad_base_url_exits_2(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A base URL that is no web address is an input error: exit 2, said on stderr, no plan printed."""
    monkeypatch.setenv("CUTOVER_BASE_URL", "runbook.example.com")
    status, out, err = _run(capsys, "--lang", "en", "plan")
    expected = (EXIT_BAD_INPUT, "", True)
    assert expected == (status, out, err.startswith("cutover: error: CUTOVER_BASE_URL: 'runbook.example.com'"))


def test_plan_over_another_runbook(capsys: pytest.CaptureFixture[str], samples: Path) -> None:
    """--runbook plans over that catalogue: the three steps of the valid sample."""
    status, out, _ = _run(capsys, "--runbook", str(samples / "valid"), "plan")
    expected = (EXIT_OK, ["lead-decide", "mail-choose-variant", "portal-stop-exporter"])
    assert expected == (status, re.findall(r"^ +([a-z0-9-]+) · ", out, re.MULTILINE))


def test_plan_over_a_broken_runbook_exits_2(capsys: pytest.CaptureFixture[str], samples: Path) -> None:
    """A broken catalogue stops the plan with exit 2 and its problems on stderr."""
    status, out, err = _run(capsys, "--lang", "en", "--runbook", str(samples / "dependency-cycle"), "plan")
    expected = (EXIT_BAD_INPUT, "", True)
    assert expected == (status, out, "dependency cycle" in err)


@pytest.mark.parametrize(("option", "value"), [("--variant", "c"), ("--portal", "immowelt"), ("--format", "json")])
def test_plan_rejects_unknown_choices(capsys: pytest.CaptureFixture[str], option: str, value: str) -> None:
    """An unknown variant, portal or format is an argparse error: SystemExit 2, naming the bad value."""
    with pytest.raises(SystemExit) as info:
        main(["--lang", "en", "plan", option, value])
    expected = (2, True)
    assert expected == (info.value.code, f"invalid choice: '{value}'" in capsys.readouterr().err)


def test_validate_names_a_bad_site_address(capsys: pytest.CaptureFixture[str], tmp_path: Path, samples: Path) -> None:
    """``validate`` checks the runbook's site.toml too: a published address that is none is exit 2, at its line."""
    runbook = tmp_path / "runbook"
    shutil.copytree(samples / "valid", runbook)
    (runbook / "site.toml").write_text('base_url = "umstieg example"\n', encoding="utf-8")
    expected = (
        EXIT_BAD_INPUT,
        "",
        f"cutover: error: {runbook / 'site.toml'}:1: base_url: 'umstieg example' contains a space, a tab or a line "
        "break\n",
    )
    assert expected == _run(capsys, "validate", "--runbook", str(runbook), "--lang", "en")


def test_translations_with_very_many_problems_show_thirty_and_a_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Past thirty problems the gate names the first thirty, how many more there are, and what to do."""
    pot = _HEADER + "".join(f'msgid "Satz {n}."\nmsgstr ""\n\n' for n in range(40))
    templates, _ = _translations(tmp_path, {"index.po": _HEADER, "steps.po": 'msgid "Schritte"\nmsgstr "S"\n'})
    (templates / "index.pot").write_text(pot, encoding="utf-8")
    status, out, err = _run(
        capsys, "translations", "--templates", str(templates), "--locale", str(tmp_path / "docs" / "locale")
    )
    lines = err.splitlines()
    expected = (EXIT_BLOCKER, "", 32, "cutover: … und 10 weitere", "cutover: 40 Problem(e)")
    assert expected == (status, out, len(lines), lines[30], lines[31][: len(expected[4])])


def _raising(error: BaseException) -> Callable[..., int]:
    def run(*_: object) -> int:
        raise error

    return run


@pytest.mark.parametrize(
    ("error", "status", "said"),
    [
        (KeyboardInterrupt(), 130, "cutover: interrupted\n"),
        (BrokenPipeError(32, "Broken pipe"), 141, ""),
        (
            OSError(28, "No space left on device"),
            2,
            "cutover: error: cannot write the output: no space left on the device\n",
        ),
        (OSError(5, "Input/output error"), 2, "cutover: error: cannot write the output: system error EIO\n"),
    ],
)
def test_what_stops_the_output_is_said_plainly(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, error: BaseException, status: int, said: str
) -> None:
    """Ctrl+C, a closed pipe and a full disk each end in one line (or none) and the code a shell expects."""
    monkeypatch.setattr("cutover.cli._run", _raising(error))
    expected = (status, "", said)
    assert expected == _run(capsys, "--lang", "en", "steps")


def test_closed_standard_output_is_bad_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With standard output closed there is nowhere to write: exit 2, said on stderr, not a silent success."""
    monkeypatch.setattr("sys.stdout", None)
    status = main(["--lang", "en", "validate"])
    expected = (2, "cutover: error: standard output is closed, so there is nowhere to write the result\n")
    assert expected == (status, capsys.readouterr().err)


def test_closed_standard_error_keeps_notes_out_of_the_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With stderr closed, the note about local links is left out, not written among the links."""
    monkeypatch.setattr("sys.stderr", None)
    status = main(["link", "lead-decide"])
    expected = (0, f"{LOCAL}de/s/lead-decide.html\n")
    assert expected == (status, capsys.readouterr().out)


def test_the_last_lang_decides_everything(capsys: pytest.CaptureFixture[str]) -> None:
    """``--lang de --lang en``: argparse takes the last, and so do the help and its errors."""
    with pytest.raises(SystemExit):
        main(["--lang", "de", "--lang", "en", "link"])
    expected = True
    assert expected == ("the following arguments are required: ID" in capsys.readouterr().err)


def test_an_abbreviated_option_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """``--la en`` is not taken for ``--lang en``, which would let help and output speak two languages."""
    with pytest.raises(SystemExit) as info:
        main(["--lang", "en", "steps", "--la", "de"])
    expected = (2, True)
    assert expected == (info.value.code, "unrecognized arguments: --la de" in capsys.readouterr().err)


def test_an_empty_path_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """``cutover check ''`` names the mistake, rather than reading the current folder."""
    with pytest.raises(SystemExit) as info:
        main(["--lang", "en", "check", ""])
    expected = (2, "cutover check: error: argument FILE: an empty name is no file or folder")
    assert expected == (info.value.code, capsys.readouterr().err.splitlines()[-1])
