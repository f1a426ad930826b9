"""Property-based tests of the readers: any input gives a value or located problems, never an exception.

Each reader is called directly, not through the command line's catch-all guard, which would turn an exception into
a message and hide it. The inputs are byte strings, TOML documents written by a small TOML writer below (the
standard library reads TOML but does not write it), mutated catalogues and gettext catalogues; the plan of every
valid generated catalogue is checked against every dependency the catalogue declares.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import os
import random
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cutover._toml import KeyLines, read_text, read_toml
from cutover.catalogue import (
    LANGUAGES,
    PUBLISHED,
    Answers,
    Applies,
    Area,
    Catalogue,
    Kind,
    MailVariant,
    Step,
    Text,
    load_catalogue,
    read_catalogue,
)
from cutover.duplicates import Situation, load_situation
from cutover.errors import CatalogueError, CutoverError, Problem, SituationError
from cutover.links import BASE_URL, SITE, BaseURLError, base_url, site_problems
from cutover.markers import meaning_differs
from cutover.messages import Message, shown
from cutover.ordering import steps_in_order, steps_with_prerequisites
from cutover.translations import TranslationReport, check_translations
from factories import UNDECLARED, every_edition

T = TypeVar("T")
SAMPLES = Path(__file__).resolve().parent / "samples"
LONGEST_LINE = 2_000
"""The most characters a problem may take on its one line."""

# Enough examples for every run of nox to try each shape; CUTOVER_PROPERTY_SCALE=20 searches twenty times deeper.
SCALE = int(os.environ.get("CUTOVER_PROPERTY_SCALE", "1"))
FEW = settings(max_examples=15 * SCALE, deadline=None)
SOME = settings(max_examples=30 * SCALE, deadline=None)
MANY = settings(max_examples=60 * SCALE, deadline=None)


# --- Where the examples live -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the whole module; each example overwrites the files it needs."""
    return tmp_path_factory.mktemp("properties")


_counter = iter(range(1_000_000_000))


def fresh(base: Path) -> Path:
    """A new empty folder under ``base`` for one example (so that no file of an earlier example is read)."""
    path = base / f"example-{next(_counter)}"
    path.mkdir()
    return path


# --- What every problem must be ----------------------------------------------------------------------------------


def assert_one_line(text: str) -> None:
    """``text`` is one line of a terminal: no line break of any kind, no control character, not too long."""
    assert text.splitlines() == [text], f"more than one line: {text!r}"
    controls = [char for char in text if unicodedata.category(char)[0] == "C"]
    assert not controls, f"control or format characters {controls!r} in {text!r}"
    assert len(text) <= LONGEST_LINE, f"{len(text)} characters"


def assert_located(problem: Problem, files: Iterable[str]) -> None:
    """The problem names one of ``files``, a line (0: unknown), and says what is wrong in one line per language."""
    assert isinstance(problem, Problem)
    assert problem.file in set(files), f"{problem.file!r} is none of {sorted(files)}"
    assert isinstance(problem.line, int)
    assert problem.line >= 0
    assert isinstance(problem.key, str)
    assert isinstance(problem.message, Message), f"the message is a {type(problem.message).__name__}, not a Message"
    for lang in LANGUAGES:
        assert_one_line(problem.text(lang))


def outcome(call: Callable[[], T], *errors: type[BaseException]) -> T | BaseException:
    """What ``call`` returns, or the error it raises if it is one of ``errors``; any other exception propagates."""
    try:
        return call()
    except errors as error:
        return error


def assert_error_lines(error: CutoverError) -> None:
    """The error says what is wrong as lines of a terminal, in each language."""
    for lang in LANGUAGES:
        lines = error.lines(lang)
        assert lines
        for line in lines:
            assert_one_line(line)


def display(path: Path) -> str:
    """The name the catalogue loader gives a file: relative to the working folder if inside it, else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --- A small TOML writer ----------------------------------------------------------------------------------------

_MUST_ESCAPE = frozenset(chr(code) for code in [*range(0x20), 0x7F]) - {"\t"}
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_COMMENTS = (
    "# a comment",
    "# key = 1",
    "# [[step]]",
    '# """',
    "#",
    "",
    "# a line\u2028separator",
    "# a next\x85line",
)


def _escaped(text: str, newline: bool = False) -> str:
    """``text`` for a basic string: quotes, backslashes and control characters escaped (a newline kept if asked)."""
    out = []
    for char in text:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n" and newline:
            out.append("\n")
        elif char in _MUST_ESCAPE:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def toml_string(text: str, rng: random.Random) -> str:
    """``text`` as a TOML string, in one of the four kinds TOML has when it can be written so."""
    literal_ok = "'" not in text and not (set(text) & _MUST_ESCAPE)
    multi_literal_ok = "'" not in text and not (set(text) & (_MUST_ESCAPE - {"\n"}))
    kinds = ["basic", "multi-basic"] + ["literal"] * literal_ok + ["multi-literal"] * multi_literal_ok
    kind = rng.choice(kinds)
    if kind == "literal":
        return f"'{text}'"
    if kind == "multi-literal":
        return f"'''\n{text}'''"  # the newline after the opening quotes is no part of the string
    if kind == "multi-basic":
        return f'"""\n{_escaped(text, newline=True)}"""'
    return f'"{_escaped(text)}"'


def toml_key(key: str, rng: random.Random) -> str:
    """``key`` as a TOML key: bare if it may be, else quoted."""
    if _BARE.fullmatch(key) and rng.random() < 0.7:
        return key
    if "'" not in key and not (set(key) & _MUST_ESCAPE) and rng.random() < 0.3:
        return f"'{key}'"
    return f'"{_escaped(key)}"'


def toml_scalar(value: object, rng: random.Random) -> str:
    """A boolean, integer, float or string as TOML writes it."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int | float):
        text = repr(value)
    elif isinstance(value, str):
        text = toml_string(value, rng)
    else:
        raise TypeError(value)
    return text


def toml_value(value: object, rng: random.Random) -> str:
    """A TOML value, written inline; an array now and then over several lines, with comments between items."""
    if isinstance(value, list):
        items = [toml_value(item, rng) for item in value]
        if items and rng.random() < 0.3:
            lines = [f"  {item}," + (f" {rng.choice(_COMMENTS)}" if rng.random() < 0.2 else "") for item in items]
            return "[\n" + "\n".join(lines) + "\n]"
        return "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{toml_key(k, rng)} = {toml_value(v, rng)}" for k, v in value.items())
        return "{ " + pairs + " }" if pairs else "{}"
    return toml_scalar(value, rng)


@dataclass
class Dumped:
    """A TOML text and, as its writer knows it, the line of each top-level key and of each table and its keys."""

    text: str = ""
    top: dict[str, int] = field(default_factory=dict)
    tables: list[tuple[str, int, dict[str, int]]] = field(default_factory=list)

    @property
    def line(self) -> int:
        """The line the next text will start on (lines counted by line feeds, as TOML counts them)."""
        return self.text.count("\n") + 1

    def write(self, text: str) -> None:
        """Add a line of text."""
        self.text += text + "\n"

    def pair(self, key: str, value: object, rng: random.Random, keys: dict[str, int]) -> None:
        """Write ``key = value``, now and then after a comment or with one after it; note the key's line."""
        if rng.random() < 0.2:
            self.write(rng.choice(_COMMENTS))
        keys[key] = self.line
        comment = f"  {rng.choice(_COMMENTS[:4])}" if rng.random() < 0.1 else ""
        self.write(f"{toml_key(key, rng)} = {toml_value(value, rng)}{comment}")


def _table_array(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def dump(data: dict[str, Any], rng: random.Random) -> Dumped:
    """``data`` as a TOML document: plain keys first, then a table or an array of tables as headers, now and then."""
    out = Dumped()
    plain: list[tuple[str, Any]] = []
    tables: list[tuple[str, Any]] = []
    for key, value in data.items():
        as_table = (isinstance(value, dict) and rng.random() < 0.6) or (_table_array(value) and rng.random() < 0.9)
        (tables if as_table else plain).append((key, value))
    for key, value in plain:
        out.pair(key, value, rng, out.top)
    for key, value in tables:
        items, brackets = ([value], ("[", "]")) if isinstance(value, dict) else (value, ("[[", "]]"))
        for item in items:
            if rng.random() < 0.3:
                out.write("")
            out.top.setdefault(key, out.line)
            keys: dict[str, int] = {}
            out.tables.append((key, out.line, keys))
            out.write(f"{brackets[0]}{toml_key(key, rng)}{brackets[1]}")
            for inner, inner_value in item.items():
                out.pair(inner, inner_value, rng, keys)
    return out


def seeded() -> random.Random:
    """A fixed source of the TOML writer's choices of layout, for explicit examples."""
    return random.Random(0)  # noqa: S311  # chooses a layout, guards no secret


# --- Strategies ---------------------------------------------------------------------------------------------------

_ODD_TEXTS = (
    "",
    " ",
    "\t",
    "\n",
    "\r\n",
    "\x00",
    "\x1b[31mred",
    "\u2028",
    "\x85",
    "\ufeff",
    "\u202e",
    "key = 1",
    '"""',
    "'''",
    "[[step]]",
    "[step]",
    "# not a comment",
    "\\",
    "x" * 3_000,
    "lead-decide",
    "S1",
)
texts = st.one_of(st.text(max_size=20), st.sampled_from(_ODD_TEXTS))
keys = st.one_of(
    st.text(max_size=10),
    st.sampled_from(("id", "step", "statements", "a", "b", "de", "en", "exporter_running", "mail_variant")),
    st.sampled_from(("", "a.b", "\u2028", "\u2029", "\x85", "\x1b[0m", "\t", "k" * 100)),
)
scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(allow_nan=False, allow_infinity=False),
    texts,
)
toml_values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)
documents: st.SearchStrategy[dict[str, Any]] = st.dictionaries(keys, toml_values, max_size=6)
rngs = st.randoms(use_true_random=False)


def nested(opening: str, closing: str) -> st.SearchStrategy[bytes]:
    """``a = [[[...`` (closed or not) nested up to far past what any recursion limit allows."""

    def build(depth: int, closed: bool) -> bytes:
        return ("a = " + opening * depth + ("1" + closing * depth if closed else "")).encode()

    return st.builds(build, st.integers(min_value=0, max_value=20_000), st.booleans())


byte_strings = st.one_of(
    st.binary(max_size=200),
    st.builds(lambda data: b"\xef\xbb\xbf" + data, st.binary(max_size=50)),
    st.builds(lambda text: text.encode(), st.text(max_size=100)),
    st.builds(lambda text: b"\xef\xbb\xbf" + text.encode(), st.text(max_size=50)),
    st.builds(lambda text, junk: text.encode() + junk, st.text(max_size=50), st.binary(max_size=4)),
    nested("[", "]"),
    nested("{ b = ", " }"),
    st.builds(lambda doc, rng: dump(doc, rng).text.encode(), documents, rngs),
    st.sampled_from([b"", b"\x00", b"a = 1\x00", b"a = '\x00'", b"\xff\xfe", b"a = 1\r", b'a = "\xc3\x28"']),
)


# --- 1. Any bytes ---------------------------------------------------------------------------------------------------


@MANY
@given(data=byte_strings)
def test_read_text_any_bytes(folder: Path, data: bytes) -> None:
    """read_text gives the UTF-8 text (less one byte-order mark) or a located problem for any bytes, never raises."""
    path = folder / "any.txt"
    path.write_bytes(data)
    result = read_text(path, "any.txt")
    try:
        expected = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        assert isinstance(result, Problem)
        assert_located(result, ["any.txt"])
        assert 1 <= result.line <= data.count(b"\n") + 1
    else:
        assert result == expected


@MANY
@given(data=byte_strings)
@example(data="# a line\u2028separator\nkey = 1".encode())  # a line separator in a comment breaks no line
def test_read_toml_any_bytes(folder: Path, data: bytes) -> None:
    """read_toml gives the data tomllib reads and where its keys are, or a located problem; never raises."""
    path = folder / "any.toml"
    path.write_bytes(data)
    result = read_toml(path, "any.toml")
    if isinstance(result, Problem):
        assert_located(result, ["any.toml"])
        assert result.line <= data.count(b"\n") + 1
        return
    parsed, lines = result
    expected = tomllib.loads(data.decode("utf-8").removeprefix("\ufeff"))
    assert parsed == expected or repr(parsed) == repr(expected)  # nan is not nan
    assert isinstance(lines, KeyLines)
    for key in parsed:
        assert 0 <= lines.line(key) <= data.count(b"\n") + 1


@pytest.mark.parametrize("limit", [0, 1, 10])
def test_read_text_limit(folder: Path, limit: int) -> None:
    """A file longer than the limit is one problem, a file at the limit is read."""
    path = folder / "limited.txt"
    path.write_bytes(b"x" * limit)
    assert read_text(path, "limited.txt", limit) == "x" * limit
    path.write_bytes(b"x" * (limit + 1))
    problem = read_text(path, "limited.txt", limit)
    assert isinstance(problem, Problem)
    assert_located(problem, ["limited.txt"])


# --- 2. Any TOML document ----------------------------------------------------------------------------------------


@MANY
@given(doc=documents, rng=rngs)
def test_toml_writer_round_trips(doc: dict[str, Any], rng: random.Random) -> None:
    """The writer these tests use writes TOML that tomllib reads back as the same data."""
    assert tomllib.loads(dump(doc, rng).text) == doc


@MANY
@given(doc=documents, rng=rngs)
@example(doc={"\x85": {}}, rng=seeded())
@example(doc={"a": "\u2028", "key": 1}, rng=seeded())
def test_key_lines_are_where_the_keys_are(doc: dict[str, Any], rng: random.Random) -> None:
    """KeyLines finds each top-level key, each table header and each key in a table on the line it is written on."""
    dumped = dump(doc, rng)
    lines = KeyLines.of(dumped.text)
    assert {key: lines.line(key) for key in dumped.top} == dumped.top
    for name, start, table_keys in dumped.tables:
        assert start in lines.starts(name)
        found = {key: lines.in_table(start, key) for key in table_keys if "." not in key}
        assert found == {key: line for key, line in table_keys.items() if "." not in key}


@MANY
@given(text=st.one_of(st.text(max_size=200), st.builds(lambda d, r: dump(d, r).text, documents, rngs)), key=keys)
def test_key_lines_of_any_text(text: str, key: str) -> None:
    """KeyLines reads any text, TOML or not, and answers every question with a line of it or 0."""
    lines = KeyLines.of(text)
    count = len(text.splitlines())
    assert 0 <= lines.line(key) <= count
    assert all(1 <= start <= count for start in lines.starts(key))
    assert lines.in_table(0, key) == 0


toml_texts = st.one_of(
    st.builds(lambda doc, rng: dump(doc, rng).text, documents, rngs),
    st.text(alphabet=st.sampled_from("ab=[]{}\"'#., \n\u2028"), max_size=40),
)


def _toml(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


@MANY
@given(text=toml_texts)
@example(text="# a line\u2028separator\nkey = 1")  # lines are counted at line feeds, as TOML counts them
@example(text='["\x85"]\n')  # a header whose key holds U+0085 is one header on one line
@example(text="a = [\n  [1],\n]\nkey = 2\n")  # an array inside a multi-line array is no table header
def test_key_lines_find_every_top_level_key(text: str) -> None:
    """Every top-level key tomllib reads is on a line of the file, as TOML counts lines (by line feeds)."""
    data = _toml(text)
    if data is None:
        return
    lines = KeyLines.of(text)
    found = {key: lines.line(key) for key in data}
    assert all(1 <= line <= text.count("\n") + 1 for line in found.values()), found


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [
        ('a = """\nkey = 1\n"""\nkey = 2\n', "key", 4),  # a key in a multi-line string is no key
        ("a = '''\n[key]\n'''\nkey = 2\n", "key", 4),
        ('[[ step ]]\n"key" = 1\n', "step", 1),
        ("# a line\u2028separator\nkey = 1\n", "key", 2),
        ('a = [\n"""\nkey = 1\n""",\n]\nkey = 2\n', "key", 6),  # a multi-line string in a multi-line array
        ("a = [\n  [1],\n]\nkey = 2\n", "key", 4),
        ('a = [\n  ["step"],\n]\n[[step]]\n', "step", 4),
    ],
)
def test_key_lines_known_layouts(text: str, key: str, line: int) -> None:
    """The minimal layouts the properties above found or guard, each with the line TOML puts the key on."""
    assert tomllib.loads(text)
    lines = KeyLines.of(text)
    assert (lines.line(key), lines.starts("step")) == (line, [line] if key == "step" else [])


messages = st.one_of(
    st.builds(lambda value: Message("{value}", value=value), texts),
    st.builds(lambda value: Message("must be true or false, not {value}", value=shown(value)), toml_values),
    st.builds(lambda reason: Message("cannot read: {reason}", reason=Message("{reason}", reason=reason)), texts),
)


@MANY
@given(file=texts, line=st.integers(min_value=0, max_value=10**9), key=st.one_of(keys, texts), message=messages)
@example(file="steps.toml", line=1, key="step[0] (\u2028).id", message=Message("x"))
@example(file="situation.toml", line=1, key="a", message=Message("{value}", value="\u2029"))
def test_any_problem_is_one_line(file: str, line: int, key: str, message: Message) -> None:
    """Any problem, whatever its file name, key and values, renders as one short line without control characters."""
    problem = Problem(file, line, key, message)
    for lang in LANGUAGES:
        assert_one_line(problem.text(lang))
    assert_one_line(str(SituationError([problem]).lines()[0]))


_FIELDS = [f.name for f in dataclasses.fields(Situation)]
situation_values = st.one_of(toml_values, st.booleans(), st.sampled_from(["a", "b", "A", "c", ""]))
situations = st.dictionaries(
    st.one_of(st.sampled_from(_FIELDS), keys, st.sampled_from(["exporter_runing", "mailvariant", "x" * 61])),
    situation_values,
    max_size=6,
)


def _valid_situation(doc: dict[str, Any]) -> bool:
    return all(
        key in _FIELDS and (value in ("a", "b") if key == "mail_variant" else isinstance(value, bool))
        for key, value in doc.items()
    )


@SOME
@given(doc=situations, rng=rngs)
@example(doc={"\u2028": True}, rng=seeded())
def test_load_situation_any_toml(folder: Path, doc: dict[str, Any], rng: random.Random) -> None:
    """Any TOML document as a situation file is a Situation or a SituationError whose every problem names the file."""
    path = folder / "situation.toml"
    path.write_text(dump(doc, rng).text, encoding="utf-8")
    situation = outcome(lambda: load_situation(path), SituationError)
    if isinstance(situation, SituationError):
        assert not _valid_situation(doc)
        assert situation.problems
        for problem in situation.problems:
            assert_located(problem, [str(path)])
        assert_error_lines(situation)
    else:
        assert isinstance(situation, Situation)
        assert _valid_situation(doc)
        for key, value in doc.items():
            assert getattr(situation, key) == (MailVariant(value) if key == "mail_variant" else value)


@SOME
@given(data=byte_strings)
def test_load_situation_any_bytes(folder: Path, data: bytes) -> None:
    """Any bytes as a situation file are a Situation or a SituationError whose every problem names the file."""
    path = folder / "situation.toml"
    path.write_bytes(data)
    situation = outcome(lambda: load_situation(path), SituationError)
    if isinstance(situation, SituationError):
        assert situation.problems
        for problem in situation.problems:
            assert_located(problem, [str(path)])
        assert_error_lines(situation)
    else:
        assert isinstance(situation, Situation)


# --- 2. Any catalogue shape ---------------------------------------------------------------------------------------

_BASE_STATEMENTS = tomllib.loads((SAMPLES / "valid" / "statements.toml").read_text(encoding="utf-8"))
_BASE_STEPS = tomllib.loads(every_edition((SAMPLES / "valid" / "steps.toml").read_text(encoding="utf-8")))
"""The valid sample's steps, with a text in every declared edition (as the ``samples`` fixture has them)."""
_BASE_IDS = [step["id"] for step in _BASE_STEPS["step"]]
_STEP_KEYS = [
    "id", "area", "kind", "applies", "after", "after_variant", "statements", "title", "why", "aliases",
    "recommended", "from", "until", "switch", "moment",
]  # fmt: skip
_FILES = ("statements.toml", "steps.toml", PUBLISHED)

step_ids = st.one_of(
    st.sampled_from(_BASE_IDS),
    st.from_regex(r"(lead|portal|mail|contacts|calendar)(-[a-z0-9]{1,6}){1,3}", fullmatch=True),
    st.builds(lambda n: "lead-" + "a" * n, st.integers(min_value=50, max_value=70)),
    st.sampled_from(["Lead-decide", "lead-decide\n", "lead-\x1bdecide", "lead_decide", "lead-décide", "lead-"]),
    texts,
)
catalogue_values = st.one_of(
    toml_values,
    step_ids,
    st.lists(step_ids, max_size=3),
    st.sampled_from([*Area, *Kind, *Applies]).map(str),
    st.dictionaries(st.sampled_from(["a", "b", "c", ""]), st.lists(step_ids, max_size=2), max_size=3),
    st.dictionaries(st.sampled_from([*LANGUAGES, UNDECLARED, "from", "until"]), toml_values, max_size=3),
    st.fixed_dictionaries(dict.fromkeys(LANGUAGES, texts)),
    st.fixed_dictionaries({"from": st.fixed_dictionaries(dict.fromkeys(LANGUAGES, texts))}),
    st.lists(st.sampled_from(["S1", "S2", "S3", "X", ""]), max_size=3),
)


@dataclass
class Shape:
    """The three files of a runbook folder, as data to write (or bytes, or a folder or nothing where one should be)."""

    statements: dict[str, Any]
    steps: dict[str, Any]
    published: list[str]
    raw: dict[str, bytes | None] = field(default_factory=dict)  # a file's bytes instead; None: a folder instead
    missing: set[str] = field(default_factory=set)


def _tables(shape: Shape) -> list[dict[str, Any]]:
    steps = shape.steps.get("step")
    return [entry for entry in steps if isinstance(entry, dict)] if isinstance(steps, list) else []


def _change_step(draw: st.DrawFn, shape: Shape) -> None:
    """One [[step]] table: a key dropped, set to anything, an unknown key added, or waits that may make a cycle."""
    tables = _tables(shape)
    if not tables:
        return
    entry = draw(st.sampled_from(tables))
    what = draw(st.sampled_from(["drop", "set", "set", "unknown", "cycle"]))
    if what == "drop" and entry:
        del entry[draw(st.sampled_from(sorted(entry)))]
    elif what == "set":
        entry[draw(st.sampled_from(_STEP_KEYS))] = draw(catalogue_values)
    elif what == "unknown":
        entry[draw(keys)] = draw(catalogue_values)
    elif what == "cycle":
        ids = [table["id"] for table in tables if isinstance(table.get("id"), str)]
        key = draw(st.sampled_from(["after", "from", "until"]))
        chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3)) if ids else [""]
        entry[key] = chosen if key == "after" else chosen[0]
        if key != "after":
            entry["kind"] = "rule"


def _change_steps(draw: st.DrawFn, shape: Shape) -> None:
    """The list of steps: an entry that is no table, a copy of a step (with its id or another), a top-level key."""
    steps, tables = shape.steps.get("step"), _tables(shape)
    what = draw(st.sampled_from(["entry", "copy", "top"]))
    if what == "entry" and isinstance(steps, list) and steps:
        steps[draw(st.integers(min_value=0, max_value=len(steps) - 1))] = draw(catalogue_values)
    elif what == "copy" and isinstance(steps, list) and tables:
        twin = copy.deepcopy(draw(st.sampled_from(tables)))
        if draw(st.booleans()):
            twin["id"] = draw(step_ids)
        steps.append(twin)
    elif what == "top":
        shape.steps[draw(st.sampled_from(["step", "schema", *_STEP_KEYS]))] = draw(catalogue_values)


def _change_statements(draw: st.DrawFn, shape: Shape) -> None:
    """statements.toml: a statement set to anything or removed, or a top-level key set to anything."""
    table = shape.statements.get("statements")
    if isinstance(table, dict) and draw(st.booleans()):
        key = draw(st.one_of(st.sampled_from(["S1", "S2", "S3", "S0", "s1", "S01"]), keys))
        if draw(st.booleans()):
            table[key] = draw(st.one_of(texts, toml_values))
        else:
            table.pop(key, None)
    else:
        shape.statements[draw(st.sampled_from(["statements", "S1", "extra"]))] = draw(catalogue_values)


def _change_published(draw: st.DrawFn, shape: Shape) -> None:
    """published-ids.txt: other lines, ids or not."""
    lines = st.one_of(st.sampled_from(_BASE_IDS), step_ids, st.just("# comment"), st.just("lead-decide # why"), texts)
    shape.published = draw(st.lists(lines, max_size=5))


def _change_file(draw: st.DrawFn, shape: Shape) -> None:
    """One file: any bytes instead, a folder where it should be, or no file at all."""
    name = draw(st.sampled_from(_FILES))
    if draw(st.integers(min_value=0, max_value=5)) == 0:
        shape.missing.add(name)
    else:
        shape.raw[name] = draw(st.one_of(st.none(), byte_strings))


_CHANGES = (
    _change_step,
    _change_step,
    _change_step,
    _change_steps,
    _change_statements,
    _change_published,
    _change_file,
)


@st.composite
def catalogue_shapes(draw: st.DrawFn) -> Shape:
    """The valid sample, changed in a few places: keys dropped, wrong types, unknown keys, odd ids, broken files."""
    shape = Shape(copy.deepcopy(_BASE_STATEMENTS), copy.deepcopy(_BASE_STEPS), list(_BASE_IDS))
    for change in draw(st.lists(st.sampled_from(_CHANGES), max_size=5)):
        change(draw, shape)
    return shape


def write_shape(shape: Shape, where: Path, rng: random.Random) -> dict[str, bytes]:
    """Write the runbook folder; the bytes of each file written (a missing file has none)."""
    contents = {
        "statements.toml": dump(shape.statements, rng).text.encode(),
        "steps.toml": dump(shape.steps, rng).text.encode(),
        PUBLISHED: "".join(f"{line}\n" for line in shape.published).encode(),
    }
    contents.update({name: data for name, data in shape.raw.items() if data is not None})
    for name in _FILES:
        if name in shape.missing:
            del contents[name]
        elif name in shape.raw and shape.raw[name] is None:
            (where / name).mkdir()  # a folder where the file should be
            del contents[name]
        else:
            (where / name).write_bytes(contents[name])
    return contents


def _sample_with(index: int, key: str, value: object) -> Shape:
    """The valid sample with one key of one step set to ``value``."""
    shape = Shape(copy.deepcopy(_BASE_STATEMENTS), copy.deepcopy(_BASE_STEPS), list(_BASE_IDS))
    shape.steps["step"][index][key] = value
    return shape


@SOME
@given(shape=catalogue_shapes(), rng=rngs)
@example(shape=_sample_with(1, "id", "\u2028"), rng=seeded())
def test_read_catalogue_any_shape(folder: Path, shape: Shape, rng: random.Random) -> None:
    """Any catalogue shape gives a catalogue and located problems, never an exception; no problem: a valid plan."""
    runbook = fresh(folder)
    write_shape(shape, runbook, rng)
    _, problems = read_catalogue(runbook)
    names = [display(runbook / name) for name in _FILES]
    for problem in problems:
        assert_located(problem, names)
    if problems:
        with pytest.raises(CatalogueError) as raised:
            load_catalogue(runbook)
        assert raised.value.problems == problems
        assert_error_lines(raised.value)
    else:
        assert_plans_keep_order(load_catalogue(runbook))


@FEW
@given(rng=rngs)
def test_valid_sample_through_the_writer(folder: Path, rng: random.Random) -> None:
    """The valid sample, written again by the TOML writer in any of its styles, is still valid."""
    runbook = fresh(folder)
    write_shape(Shape(_BASE_STATEMENTS, _BASE_STEPS, _BASE_IDS), runbook, rng)
    assert read_catalogue(runbook)[1] == ()


# --- 4. The plan of any valid catalogue ---------------------------------------------------------------------------

_APPLIES: dict[Applies, Callable[[Answers], bool]] = {
    Applies.ALWAYS: lambda a: True,
    Applies.VARIANT_A: lambda a: a.variant is MailVariant.A,
    Applies.VARIANT_B: lambda a: a.variant is MailVariant.B,
    Applies.CONTACT_SYNC: lambda a: a.contact_sync,
    Applies.CALENDAR_SYNC: lambda a: a.calendar_sync,
}


def share_a_plan(one: Applies, other: Applies, variants: Iterable[MailVariant]) -> bool:
    """Whether some answers with one of these mail variants have both steps in the plan."""
    return any(_APPLIES[one](a) and _APPLIES[other](a) for a in Answers.every() if a.variant in set(variants))


def covers(wider: Applies, narrower: Applies) -> bool:
    """Whether a step that applies ``wider`` is in every plan that one that applies ``narrower`` is in."""
    return all(_APPLIES[wider](a) for a in Answers.every() if _APPLIES[narrower](a))


def reachable(catalogue: Catalogue, variant: MailVariant, step: Step) -> Iterator[Step]:
    """Every step ``step`` comes after in this variant, directly or through others (whether they apply or not)."""
    seen: set[str] = set()
    stack = list(step.prerequisites(variant))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            yield catalogue[current]
            stack.extend(catalogue[current].prerequisites(variant))


def required(catalogue: Catalogue, variant: MailVariant, step: Step) -> set[str]:
    """The steps ``step`` waits for: each one it comes after that is not only recommended (those are looked through)."""
    return {s.id for s in reachable(catalogue, variant, step) if not s.recommended}


def assert_plans_keep_order(catalogue: Catalogue) -> None:
    """Every plan keeps every dependency of the catalogue; ``steps_with_prerequisites`` lists what each step waits for.

    For every answers, the plan has each step that applies, once, after everything it comes after, directly or
    through steps that do not apply; ties go by catalogue order; ``steps_with_prerequisites`` lists, in plan order,
    every step of the plan that the step waits for (recommended steps are looked through, not waited for).
    """
    position = {step_id: index for index, step_id in enumerate(catalogue.ids)}
    for answers in Answers.every():
        steps = steps_in_order(catalogue, answers)
        ids = [step.id for step in steps]
        assert len(ids) == len(set(ids))
        assert set(ids) == {step.id for step in catalogue if step.applies_to(answers)}
        at = {step_id: index for index, step_id in enumerate(ids)}
        before: dict[str, set[str]] = {}
        for step in steps:
            before[step.id] = {s.id for s in reachable(catalogue, answers.variant, step) if s.id in at}
            late = sorted(p for p in before[step.id] if at[p] > at[step.id])
            assert not late, f"{step.id} comes before {late} in the plan for {answers}"
        # Ties by catalogue order: a step planned after one that comes later in the catalogue had to wait for it,
        # or for a step planned after it.
        for i, earlier in enumerate(ids):
            for later in ids[i + 1 :]:
                if position[later] < position[earlier]:
                    assert any(at[p] >= i for p in before[later]), f"{later} could have come before {earlier}"
        expected = tuple(
            (step, tuple(s for s in ids if s in required(catalogue, answers.variant, step))) for step in steps
        )
        assert steps_with_prerequisites(catalogue, answers) == expected


@dataclass
class Draft:
    """A step being generated, as the catalogue's TOML would give it."""

    id: str
    area: Area
    kind: Kind
    applies: Applies
    after: list[str] = field(default_factory=list)
    after_a: list[str] = field(default_factory=list)
    after_b: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    recommended: bool = False
    switch: bool = False
    aliases: list[str] = field(default_factory=list)
    start: str | None = None
    until: str | None = None
    moments: dict[str, dict[str, str]] = field(default_factory=dict)
    title: dict[str, str] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)

    def table(self) -> dict[str, Any]:
        """The [[step]] table, with only the optional keys that say something."""
        table: dict[str, Any] = {
            "id": self.id,
            "area": self.area.value,
            "kind": self.kind.value,
            "applies": self.applies.value,
            "statements": self.statements,
            "title": self.title,
            "why": self.why,
        }
        optional: dict[str, Any] = {
            "after": self.after,
            "after_variant": {k: v for k, v in (("a", self.after_a), ("b", self.after_b)) if v},
            "recommended": self.recommended,
            "switch": self.switch,
            "aliases": self.aliases,
            "from": self.start,
            "until": self.until,
            "moment": self.moments,
        }
        table.update({key: value for key, value in optional.items() if value})
        return table


# A valid catalogue's texts: any letters, marks, numbers, punctuation, symbols and spaces, but no control or format
# character and no line separator (the loader refuses those, for they would drive or break a terminal's lines).
words = st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")), min_size=1, max_size=12
).filter(str.strip)
in_every_edition = st.fixed_dictionaries(dict.fromkeys(LANGUAGES, words)).filter(
    lambda texts: not any(meaning_differs(texts[LANGUAGES[0]], LANGUAGES[0], texts[lang], lang) for lang in texts)
)
"""A valid text table: a text for each declared edition, each keeping the meaning markers of the source text."""


def _waits(draw: st.DrawFn, drafts: list[Draft], draft: Draft) -> None:
    """Waits for earlier steps only, each one that shares a plan with the step in that variant."""
    for refs, variants in (
        (draft.after, tuple(MailVariant)),
        (draft.after_a, (MailVariant.A,)),
        (draft.after_b, (MailVariant.B,)),
    ):
        candidates = [d.id for d in drafts if share_a_plan(d.applies, draft.applies, variants)]
        if candidates:
            refs.extend(draw(st.lists(st.sampled_from(candidates), max_size=3, unique=True)))


def _spans(draw: st.DrawFn, drafts: list[Draft]) -> None:
    """Now and then a rule holds from or until later steps in every plan it is in; those wait for it, in order."""
    for index, rule in enumerate(drafts):
        later = [d for d in drafts[index + 1 :] if covers(d.applies, rule.applies)]
        if rule.kind is not Kind.RULE or not later:
            continue
        ends = sorted(draw(st.lists(st.sampled_from(later), max_size=2, unique_by=lambda d: d.id)), key=drafts.index)
        for earlier, end in itertools.pairwise([rule, *ends]):
            if earlier.id not in end.after:
                end.after.append(earlier.id)
        moments = ["from", "until"] if len(ends) == 2 else [draw(st.sampled_from(["from", "until"]))] * len(ends)
        for moment, end in zip(moments, ends, strict=True):
            if moment == "from":
                rule.start = end.id
            else:
                rule.until = end.id
            end.moments.setdefault(moment, draw(in_every_edition))


@st.composite
def valid_catalogues(draw: st.DrawFn) -> tuple[list[Draft], dict[str, str], list[str]]:
    """A valid catalogue: steps, the statements they carry, the published ids (in any order).

    Each step's id has its area as prefix; it comes after earlier steps only (so there is no cycle), and only after
    steps it shares a plan with in that variant (the loader refuses a wait that no plan has). Exactly one step, in
    every plan, is the switch. A rule may hold from and until later steps in every plan it is in, which wait for it.
    Every statement is carried by some step; every id and alias is published.
    """
    count = draw(st.integers(min_value=1, max_value=9))
    switch = draw(st.integers(min_value=0, max_value=count - 1))
    statements = {f"S{n}": draw(words) for n in range(1, draw(st.integers(min_value=1, max_value=4)) + 1)}
    drafts: list[Draft] = []
    for index in range(count):
        area = draw(st.sampled_from(Area))
        word = draw(st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True))
        applies = Applies.ALWAYS if index == switch else draw(st.sampled_from(Applies))
        draft = Draft(f"{area.value}-{word}-{index}", area, draw(st.sampled_from(Kind)), applies)
        draft.switch = index == switch
        draft.recommended = draw(st.booleans())
        draft.title, draft.why = draw(in_every_edition), draw(in_every_edition)
        aliases = draw(st.integers(min_value=0, max_value=2))
        draft.aliases = [f"{draw(st.sampled_from(Area)).value}-old-{index}-{n}" for n in range(aliases)]
        draft.statements = draw(st.lists(st.sampled_from(sorted(statements)), max_size=2, unique=True))
        _waits(draw, drafts, draft)
        drafts.append(draft)
    _spans(draw, drafts)
    for statement in statements:
        if not any(statement in d.statements for d in drafts):
            draw(st.sampled_from(drafts)).statements.append(statement)
    published = [d.id for d in drafts] + [alias for d in drafts for alias in d.aliases]
    return drafts, statements, list(draw(st.permutations(published)))


@SOME
@given(generated=valid_catalogues(), rng=rngs)
def test_plan_of_any_valid_catalogue(
    folder: Path, generated: tuple[list[Draft], dict[str, str], list[str]], rng: random.Random
) -> None:
    """Any valid generated catalogue, written as TOML, loads; every plan of it keeps every dependency."""
    drafts, statements, published = generated
    runbook = fresh(folder)
    shape = Shape({"statements": statements}, {"step": [d.table() for d in drafts]}, [*published, "# the end"])
    write_shape(shape, runbook, rng)
    catalogue = load_catalogue(runbook)
    assert catalogue.ids == tuple(d.id for d in drafts)
    for draft, step in zip(drafts, catalogue, strict=True):
        assert (step.after, step.after_a, step.after_b) == (
            tuple(draft.after),
            tuple(draft.after_a),
            tuple(draft.after_b),
        )
        assert (step.applies, step.recommended, step.switch) == (draft.applies, draft.recommended, draft.switch)
        if step.span is not None:
            assert (step.span.start, step.span.until) == (draft.start, draft.until)
    assert catalogue.aliases == {alias: d.id for d in drafts for alias in d.aliases}
    assert_plans_keep_order(catalogue)


@st.composite
def built_catalogues(draw: st.DrawFn) -> Catalogue:
    """A catalogue built in code, as the loader does not check it: any applies, any wait for an earlier step."""
    count = draw(st.integers(min_value=1, max_value=25))
    steps: list[Step] = []
    for index in range(count):
        earlier = [step.id for step in steps]
        refs = st.lists(st.sampled_from(earlier), max_size=4, unique=True) if earlier else st.just([])
        area = draw(st.sampled_from(Area))
        text = Text(de=f"{index} (de)", en=f"{index} (en)")
        steps.append(
            Step(
                f"{area.value}-s{index}",
                area,
                draw(st.sampled_from(Kind)),
                draw(st.sampled_from(Applies)),
                text,
                text,
                tuple(draw(refs)),
                tuple(draw(refs)),
                tuple(draw(refs)),
                ("S1",),
                index + 1,
                recommended=draw(st.booleans()),
            )
        )
    return Catalogue(tuple(steps), {"S1": "Eine Aussage."}, Path())


@MANY
@given(catalogue=built_catalogues())
def test_plan_of_any_built_catalogue(catalogue: Catalogue) -> None:
    """Any acyclic catalogue built in code: every plan keeps every dependency, looking through steps not in it."""
    assert_plans_keep_order(catalogue)


# --- 5. Translations ----------------------------------------------------------------------------------------------

_POT = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    '#: ../src/index.md:1\nmsgid "Umstieg"\nmsgstr ""\n\n'
    '#: ../src/index.md:3\nmsgid "Siehe {ref}`schritte`."\nmsgstr ""\n\n'
    '#: ../src/index.md:5\nmsgctxt "Knopf"\nmsgid "Weiter"\nmsgstr ""\n\n'
    'msgid "ein Schritt"\nmsgid_plural "{n} Schritte"\nmsgstr[0] ""\nmsgstr[1] ""\n'
)
po_words = st.one_of(
    st.sampled_from(["Umstieg", "Siehe {ref}`schritte`.", "Weiter", "Knopf", "ein Schritt", "{n} Schritte"]),
    st.sampled_from(["Cutover", "See {ref}`steps`.", "<b>", "</b>", "\\n\\n", "\\n- ", "# ", "\\", '\\"', "\\t"]),
    st.text(max_size=8),
)
po_strings = st.lists(po_words, max_size=3).map(lambda parts: '"' + "".join(parts) + '"')
po_lines = st.one_of(
    st.builds("{} {}".format, st.sampled_from(["msgid", "msgstr", "msgctxt", "msgid_plural"]), po_strings),
    st.builds("msgstr[{}] {}".format, st.sampled_from(["0", "1", "2", "x", "", "-1"]), po_strings),
    po_strings,
    st.sampled_from(["", "#, fuzzy", "#: ../src/index.md:1", "#: ", '#~ msgid "Umstieg"', '#| msgid "x"', "#."]),
    st.sampled_from(['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', "msgid", "msgstr[0]"]),
    texts.filter(lambda text: "\n" not in text and "\r" not in text),
)
po_texts = st.builds("\n".join, st.lists(po_lines, max_size=16))
po_contents = st.one_of(
    po_texts.map(str.encode),
    st.builds(lambda head, body: (head + body).encode(), st.just(_POT), po_texts),
    byte_strings,
)


def _translation_folders(base: Path) -> tuple[Path, Path]:
    where = fresh(base)
    templates, catalogues = where / "gettext", where / "en"
    templates.mkdir()
    catalogues.mkdir()
    return templates, catalogues


def _assert_report(report: TranslationReport, templates: Path, catalogues: Path) -> None:
    assert isinstance(report, TranslationReport)
    files = [str(templates), str(templates / "index.pot"), str(catalogues / "index.po"), str(catalogues / "old.po")]
    for problem in report.problems:
        assert_located(problem, files)


@SOME
@given(po=po_contents, stale=st.booleans())
@example(po=b"msgstr[", stale=False)
@example(po=b'msgid "Umstieg"\nmsgstr[x] "Cutover"\n', stale=False)
def test_check_translations_any_po(folder: Path, po: bytes, stale: bool) -> None:
    """Any bytes as a page's .po give a report whose every problem is located, never an exception."""
    templates, catalogues = _translation_folders(folder)
    (templates / "index.pot").write_text(_POT, encoding="utf-8")
    (catalogues / "index.po").write_bytes(po)
    if stale:
        (catalogues / "old.po").write_bytes(po)
    report = check_translations(templates, catalogues)
    _assert_report(report, templates, catalogues)
    assert report.catalogues == 1


@SOME
@given(pot=po_contents, po=po_contents)
def test_check_translations_any_pot(folder: Path, pot: bytes, po: bytes) -> None:
    """Any bytes as a page's .pot (and .po) give a report whose every problem is located, never an exception."""
    templates, catalogues = _translation_folders(folder)
    (templates / "index.pot").write_bytes(pot)
    (catalogues / "index.po").write_bytes(po)
    _assert_report(check_translations(templates, catalogues), templates, catalogues)


# --- The base URL -------------------------------------------------------------------------------------------------

urls = st.one_of(
    texts,
    st.builds(
        "{}{}{}{}{}".format,
        st.sampled_from(["http://", "https://", "ftp://", "http:/", "", "HTTP://", "https:"]),
        st.sampled_from(["example.com", "[::1]", "[::1", "", "ex ample.com", "\x00", "ä.example", "a@b"]),
        st.sampled_from(["", ":0", ":80", ":99999", ":x", ":", ":-1"]),
        st.sampled_from(["", "/", "/runbook", "/a b", "?q", "#f", "/\n"]),
        st.sampled_from(["", " ", "\t", "/"]),
    ),
)


def _assert_address(environ: dict[str, str], runbook: Path | None) -> None:
    """An address of a site's root, or the one line of a BaseURLError, or site.toml's located problems."""
    address = outcome(lambda: base_url(environ, runbook=runbook), BaseURLError, CatalogueError)
    if isinstance(address, BaseURLError):
        assert BASE_URL in environ
        assert [len(address.lines(lang)) for lang in LANGUAGES] == [1] * len(LANGUAGES)
        assert_error_lines(address)
    elif isinstance(address, CatalogueError):
        assert runbook is not None
        assert address.problems
        for problem in address.problems:
            assert_located(problem, [str(runbook / SITE)])
        assert_error_lines(address)
    else:
        assert isinstance(address, str)
        assert address.endswith("/")
        assert address.split("://", maxsplit=1)[0].lower() in ("http", "https")
        assert not any(char.isspace() for char in address)


@MANY
@given(value=urls)
def test_base_url_any_value(value: str) -> None:
    """Any value of CUTOVER_BASE_URL is a site's root address ending in a slash, or one BaseURLError line."""
    _assert_address({BASE_URL: value}, None)


@SOME
@given(
    doc=st.one_of(st.fixed_dictionaries({"base_url": urls}), documents), rng=rngs, data=byte_strings, raw=st.booleans()
)
def test_site_toml_any_content(folder: Path, doc: dict[str, Any], rng: random.Random, data: bytes, raw: bool) -> None:
    """Any site.toml gives located problems, and base_url an address or a CatalogueError with them, nothing else."""
    runbook = fresh(folder)
    (runbook / SITE).write_bytes(data if raw else dump(doc, rng).text.encode())
    for problem in site_problems(runbook):
        assert_located(problem, [str(runbook / SITE)])
    _assert_address({}, runbook)
