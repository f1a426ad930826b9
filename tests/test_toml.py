"""Unit tests of cutover._toml: reading an input file safely, and finding the line of every key in one pass."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cutover._toml import KeyLines, display_path, not_a_file, read_text, read_toml
from cutover.errors import Problem


def _said(result: object) -> str:
    """A problem as one English line; anything else as it is."""
    return result.text("en") if isinstance(result, Problem) else repr(result)


def test_read_text_of_a_missing_file(tmp_path: Path) -> None:
    """A missing file is a problem under the given name, in plain words."""
    expected = "x.toml: cannot read: no such file or folder"
    assert expected == _said(read_text(tmp_path / "nope.toml", "x.toml"))


def test_read_text_through_a_file_on_the_way(tmp_path: Path) -> None:
    """A path that goes through a file, as if it were a folder, says so."""
    (tmp_path / "file").write_text("", encoding="utf-8")
    expected = "x: cannot read: part of the path is a file, not a folder"
    assert expected == _said(read_text(tmp_path / "file" / "child.toml", "x"))


def test_read_text_with_another_reason_gives_the_system_s_words(tmp_path: Path) -> None:
    """A reason without words of its own (a name too long for the file system) is the system's own."""
    expected = "x: cannot read: the name is too long"
    assert expected == _said(read_text(tmp_path / ("a" * 300), "x"))


def test_read_text_of_a_folder_and_of_a_pipe(tmp_path: Path) -> None:
    """A folder or a pipe is no file; a pipe is never opened, so nothing waits for a writer."""
    os.mkfifo(tmp_path / "pipe")
    expected = [
        "x: cannot read: this is a folder, not a file",
        "x: cannot read: this is a pipe, a device or a socket, not a file",
        "x: cannot read: this is a pipe, a device or a socket, not a file",
    ]
    assert expected == [_said(read_text(path, "x")) for path in (tmp_path, tmp_path / "pipe", Path("/dev/zero"))]


def test_read_text_that_cannot_be_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A regular file that the system refuses to open is a problem with the reason, not an exception."""
    path = tmp_path / "locked.toml"
    path.write_text("a = 1\n", encoding="utf-8")

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    expected = "x: cannot read: permission denied"
    assert expected == _said(read_text(path, "x"))


def test_read_text_stops_at_the_limit(tmp_path: Path) -> None:
    """A file larger than the limit is refused without reading the rest; one of exactly the limit is read."""
    path = tmp_path / "big.toml"
    path.write_bytes(b"x" * 11)
    expected = ["x: cannot read: larger than 10 bytes", repr("x" * 11)]
    assert expected == [_said(read_text(path, "x", limit=10)), _said(read_text(path, "x", limit=11))]


def test_read_text_names_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    """Text that is not UTF-8 is a problem at the line of its first bad byte."""
    path = tmp_path / "latin.toml"
    path.write_bytes(b"a = 1\nb = 2\nc = 'f\xfchrt'\n")
    expected = "x:3: cannot read: not UTF-8; save the file as UTF-8"
    assert expected == _said(read_text(path, "x"))


def test_read_text_drops_a_byte_order_mark(tmp_path: Path) -> None:
    """A UTF-8 byte-order mark at the start is not part of the text."""
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbfa = 1\n")
    expected = "a = 1\n"
    assert expected == read_text(path, "x")


def test_not_a_file_of_a_regular_file(tmp_path: Path) -> None:
    """A regular file has no such problem."""
    (tmp_path / "a.toml").write_text("", encoding="utf-8")
    assert not_a_file(tmp_path / "a.toml", "a") is None


def test_read_toml_names_the_line_of_a_syntax_error(tmp_path: Path) -> None:
    """Invalid TOML is one problem at the line tomllib names."""
    path = tmp_path / "bad.toml"
    path.write_text("a = 1\nb = ja\n", encoding="utf-8")
    expected = "x:2: invalid TOML: Invalid value (column 5)"
    assert expected == _said(read_toml(path, "x"))


@pytest.mark.parametrize("opening", ["[", "{a = "])
def test_read_toml_of_deep_nesting_is_a_problem(tmp_path: Path, opening: str) -> None:
    """Arrays or inline tables nested thousands deep are a problem, not a RecursionError."""
    path = tmp_path / "deep.toml"
    closing = "]" if opening == "[" else "}"
    path.write_text("a = " + opening * 3000 + "1" + closing * 3000 + "\n", encoding="utf-8")
    expected = "x: invalid TOML: arrays or tables nested too deeply"
    assert expected == _said(read_toml(path, "x"))


def test_read_toml_passes_on_a_problem_reading_the_text(tmp_path: Path) -> None:
    """A file that cannot be read gives the reading problem, not a parse error."""
    expected = "x: cannot read: no such file or folder"
    assert expected == _said(read_toml(tmp_path / "nope.toml", "x"))


def test_read_toml_gives_the_data_and_the_key_lines(tmp_path: Path) -> None:
    """A valid file gives its data and where its keys are."""
    path = tmp_path / "ok.toml"
    path.write_text("# comment\na = 1\n\n[t]\nb = 2\n", encoding="utf-8")
    read = read_toml(path, "x")
    assert not isinstance(read, Problem)
    data, lines = read
    expected = ({"a": 1, "t": {"b": 2}}, 2, 4, 5)
    assert expected == (data, lines.line("a"), lines.line("t"), lines.in_table(4, "b"))


# --- KeyLines -------------------------------------------------------------------------------------------------------


def test_key_lines_of_top_level_keys_and_tables() -> None:
    """Each top-level key at its line; each table header at its line, with its own keys."""
    lines = KeyLines.of('a = 1\nb.c = 2\n\n[[step]]\nid = "x"\n[[step]]\nid = "y"\ntitle.en = "T"\n')
    expected = (1, 2, [4, 6], 5, 7, 8, 0)
    assert expected == (
        lines.line("a"),
        lines.line("b"),
        lines.starts("step"),
        lines.in_table(4, "id"),
        lines.in_table(6, "id"),
        lines.in_table(6, "title.en"),
        lines.line("nope"),
    )


def test_key_lines_in_table_of_a_missing_key_is_the_header() -> None:
    """A key a table does not have is named at the table's header; a line with no table there is itself."""
    lines = KeyLines.of("[[step]]\nid = 1\n")
    expected = (1, 9)
    assert expected == (lines.in_table(1, "title"), lines.in_table(9, "title"))


def test_key_lines_skip_keys_inside_multi_line_strings() -> None:
    """A ``key =`` inside a multi-line string is text: the key is found where it really is."""
    text = 'why = """\nid = "fake"\n"""\nid = "real"\nnote = \'\'\'\nx = 1\n\'\'\' # done\nx = 2\n'
    lines = KeyLines.of(text)
    expected = (4, 8)
    assert expected == (lines.line("id"), lines.line("x"))


def test_key_lines_after_a_string_that_closes_on_its_own_line() -> None:
    """A multi-line string that closes on the line it opens, or that opens another, is followed correctly."""
    text = 'a = """one""" # """ in a comment\nb = 1\nc = """x\n""" + """\nd = 9\n"""\ne = 1\n'
    lines = KeyLines.of(text)
    expected = (1, 2, 3, 0, 7)
    assert expected == tuple(lines.line(key) for key in "abcde")


def test_key_lines_of_one_line_strings_with_quotes_and_hashes() -> None:
    """Quotes, escaped quotes and ``#`` inside one-line strings neither open a multi-line string nor end the line."""
    text = 'a = "say \\"\\"\\" # not a comment"\nb = \'it """ is\'\nc = 1\n'
    lines = KeyLines.of(text)
    expected = (1, 2, 3)
    assert expected == tuple(lines.line(key) for key in "abc")


def test_key_lines_of_headers_with_spaces_and_quoted_keys() -> None:
    """``[[ step ]]`` and ``[ "t" ]`` are headers; quoted keys are named unquoted, escapes resolved."""
    text = '[[ step ]]\n"ex port" = 1\n\'raw\\key\' = 2\n"caf\\u00e9" = 3\n[ "t" . x ]\ny = 1\n'
    lines = KeyLines.of(text)
    expected = ([1], 2, 3, 4, [5])
    assert expected == (
        lines.starts("step"),
        lines.in_table(1, "ex port"),
        lines.in_table(1, "raw\\key"),
        lines.in_table(1, "café"),
        lines.starts("t"),
    )


def test_key_lines_keep_a_quoted_key_toml_refuses_as_written() -> None:
    """A quoted key with a bad escape (a problem of the file's own) is kept as written."""
    lines = KeyLines.of('"bad\\q" = 1\n')
    expected = {'"bad\\q"': 1}
    assert expected == lines.top


def test_key_lines_count_a_repeated_key_at_its_first_line() -> None:
    """A key given twice (TOML refuses it) is named at its first line."""
    expected = 1
    assert expected == KeyLines.of("a = 1\na = 2\n").line("a")


def test_display_path_inside_and_outside_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path inside the working folder is named from there; any other as it is."""
    monkeypatch.chdir(tmp_path)
    expected = ("runbook/site.toml", "/elsewhere/site.toml")
    assert expected == (display_path(tmp_path / "runbook" / "site.toml"), display_path(Path("/elsewhere/site.toml")))


@pytest.mark.parametrize(
    "text",
    [
        'a = """\n\\"""" \nb = 1\n',  # an escaped quote, then the closing three
        'a = """x""""\nb = 1\n',  # one quote of the string's own before the closing three
        "a = '''x'''''\nb = 1\n",  # two of them, in a literal string
        'a = [\n  """\n  b = 0\n  """,\n  [1],\n]\nb = 1\n',  # a string and an array inside a multi-line array
    ],
)
def test_key_lines_after_strings_and_arrays_that_span_lines(text: str) -> None:
    """The end of a multi-line string is found as TOML finds it, and an array over several lines holds no keys."""
    expected = (1, text.split("\n").index("b = 1") + 1)
    assert expected == (KeyLines.of(text).line("a"), KeyLines.of(text).line("b"))


def test_key_lines_after_a_stray_closing_bracket() -> None:
    """A closing bracket with nothing open (TOML refuses it) opens nothing: the next key is still found."""
    expected = 2
    assert expected == KeyLines.of("a = 1 ]\nb = 2\n").line("b")


def test_key_lines_of_a_sub_table_of_an_array_table() -> None:
    """``[step.title]`` after a ``[[step]]`` is that step's key ``title``, not a new step; later steps keep lines."""
    text = '[[step]]\nid = "a"\n[step.title]\nde = "A"\n[[step]]\nid = "b"\nkind = "x"\n'
    lines = KeyLines.of(text)
    expected = ([1, 5], 3, 7, 5)
    assert expected == (
        lines.starts("step"),
        lines.in_table(1, "title.de"),
        lines.in_table(5, "kind"),
        lines.in_table(5, "de"),
    )
