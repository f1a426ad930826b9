"""Unit tests of cutover.errors: the problem format and the errors that carry every problem at once."""

from __future__ import annotations

from cutover.errors import CatalogueError, CutoverError, Problem, SituationError, UnknownStepError
from cutover.messages import Message


def test_problem_reads_file_line_key_message() -> None:
    """A problem with a line prints as ``file:line: key: message``."""
    expected = "steps.toml:12: step[0].id: missing"
    assert expected == str(Problem("steps.toml", 12, "step[0].id", Message("missing")))


def test_problem_without_line_leaves_the_line_out() -> None:
    """A problem at line 0 (unknown) prints as ``file: key: message``."""
    expected = "statements.toml: statements.S3: carried by no step"
    assert expected == str(Problem("statements.toml", 0, "statements.S3", Message("carried by no step")))


def test_catalogue_error_carries_every_problem() -> None:
    """A catalogue error keeps all its problems, in order."""
    problems = [Problem("a.toml", 1, "x", Message("first")), Problem("a.toml", 2, "y", Message("second"))]
    assert tuple(problems) == CatalogueError(problems).problems


def test_catalogue_error_message_has_one_line_per_problem() -> None:
    """The message of an error with several problems lists each on its own line."""
    error = CatalogueError([Problem("a.toml", 1, "x", Message("first")), Problem("b.toml", 0, "y", Message("second"))])
    expected = "a.toml:1: x: first\nb.toml: y: second"
    assert expected == str(error)


def test_situation_error_message_has_one_line_per_problem() -> None:
    """A situation error reads like a catalogue error."""
    error = SituationError([Problem("s.toml", 3, "exporter_running", Message("must be true or false, not 1"))])
    expected = "s.toml:3: exporter_running: must be true or false, not 1"
    assert expected == str(error)


def test_every_error_is_a_cutover_error() -> None:
    """One ``except CutoverError`` catches every error the package raises on bad input."""
    errors = [CatalogueError([]), SituationError([]), UnknownStepError("x", [])]
    expected = [True, True, True]
    assert expected == [isinstance(error, CutoverError) for error in errors]


def test_unknown_step_suggests_close_ids() -> None:
    """An unknown id names the close matches, best first."""
    error = UnknownStepError("portal-verify-ofline", ["portal-verify-offline", "portal-verify-upload", "lead-decide"])
    expected = ("portal-verify-offline", "portal-verify-upload")
    assert expected == error.suggestions


def test_unknown_step_message_asks_did_you_mean() -> None:
    """The message of an unknown id with close matches asks 'did you mean'."""
    error = UnknownStepError("lead-decid", ["lead-decide", "mail-connect-client"])
    expected = "unknown step id 'lead-decid' (did you mean: lead-decide?)"
    assert expected == str(error)


def test_unknown_step_without_close_match_names_the_closest() -> None:
    """An id like no other still names the three least unlike ids, as the closest, not as a guess."""
    error = UnknownStepError("xyz", ["lead-decide", "mail-empty-inbox", "portal-activate", "calendar-enable-sync"])
    expected = "unknown step id 'xyz' (closest: "
    assert (expected, 3) == (str(error)[: len(expected)], len(error.suggestions))


def test_unknown_step_among_no_ids_gives_no_hint() -> None:
    """With no known id at all there is nothing to suggest."""
    error = UnknownStepError("xyz", [])
    expected = ("unknown step id 'xyz'", ())
    assert expected == (str(error), error.suggestions)


def test_unknown_step_keeps_the_id() -> None:
    """The unknown id is available to callers."""
    expected = "nope"
    assert expected == UnknownStepError("nope", []).step_id


def test_an_error_without_problems_is_its_text_line_by_line() -> None:
    """A plain error says its text one line at a time, each made safe for a terminal."""
    expected = ["first", "second \\x1b[2J"]
    assert expected == CutoverError("first\nsecond \x1b[2J").lines()


def test_past_thirty_problems_the_rest_are_counted() -> None:
    """Thirty problems are shown one by one; the rest are a count, in the language asked for."""
    error = CatalogueError([Problem("a.toml", n, "", Message("untranslated")) for n in range(1, 1236)])
    lines_en, lines_de = error.lines("en"), error.lines("de")
    expected = (31, "a.toml:30: untranslated", "… and 1,205 more", "… und 1.205 weitere")
    assert expected == (len(lines_en), lines_en[29], lines_en[30], lines_de[30])


def test_a_problem_shows_its_key_and_file_with_escapes_visible() -> None:
    """Control characters in a file name or key cannot drive the terminal."""
    expected = "a\\nb.toml:1: \\x1b[31m: untranslated"
    assert expected == Problem("a\nb.toml", 1, "\x1b[31m", Message("untranslated")).text()
