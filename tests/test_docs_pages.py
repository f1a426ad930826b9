"""Guards over docs/: every page runs examples, none is silently skipped, every step and statement is placed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SYBIL

from cutover import load_catalogue

DOCS = Path(__file__).parents[1] / "docs"
PAGES = sorted(p for p in DOCS.glob("*.md"))

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
_PYTHONISH = re.compile(r"^(py|pycon|python3?|ipython3?)\b", re.IGNORECASE)
_CODE_DIRECTIVE = re.compile(r"^\{(code-block|code|sourcecode|code-cell)\}")


def skipped_fences(text: str) -> list[str]:
    """The fence openers and comments in ``text`` whose code would render but that Sybil would never run."""
    found: list[str] = []
    stack: list[tuple[str, bool]] = []  # open fences, and whether their content is Markdown (a directive)
    for number, line in enumerate(text.splitlines(), 1):
        match = _FENCE.match(line)
        if not match:
            continue
        fence, info = match["fence"], match["info"].strip()
        if stack and not info and fence[0] == stack[-1][0][0] and len(fence) >= len(stack[-1][0]):
            stack.pop()
            continue
        if stack and not stack[-1][1]:
            continue  # a fence-like line inside a code block is code
        stack.append((fence, info.startswith("{") and not _CODE_DIRECTIVE.match(info)))
        directive = _CODE_DIRECTIVE.match(info)
        if (directive and (fence[0] == ":" or _PYTHONISH.match(info[directive.end() :].strip()))) or (
            _PYTHONISH.match(info) and (info != "python" or fence[0] == ":")
        ):
            found.append(f"{number}: {line.strip()}")
    for number, line in enumerate(text.splitlines(), 1):
        comment = re.match(r"^\s*(%|<!--)\s*(invisible-)?code(-block)?:\s*(?P<lang>\S+)", line)
        if comment and comment["lang"].rstrip("-") not in ("python", "console"):
            found.append(f"{number}: {line.strip()}")
        if re.match(r"^\s*(%|<!--)\s*skip:\s*(next|start)\s*(-->)?\s*$", line):
            found.append(f"{number}: {line.strip()} (a skip needs a reason)")
    return found


def test_there_are_pages() -> None:
    """The guard below has pages to look at."""
    assert len(PAGES) >= 6


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_runs_examples(page: Path) -> None:
    """Sybil collects at least one example on every page."""
    examples = list(SYBIL.parse(page))
    assert examples, f"{page.name}: Sybil collects no example"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_fence_is_silently_skipped(page: Path) -> None:
    """No page has a code fence that renders but never runs."""
    assert skipped_fences(page.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("```python\nx = 1\n```\n", []),
        ("```py\nx = 1\n```\n", ["1: ```py"]),
        ("```python title=a.py\nx = 1\n```\n", ["1: ```python title=a.py"]),
        ("```pycon\n>>> 1\n```\n", ["1: ```pycon"]),
        ("```{code-block} python\nx = 1\n```\n", ["1: ```{code-block} python"]),
        (":::{code-block} python\nx = 1\n:::\n", ["1: :::{code-block} python"]),
        ("```{cutover:step} lead-decide\nText\n```\n", []),
        ("```toml\na = 1\n```\n", []),
        ("% invisible-code-block: py\n%\n% x = 1\n", ["1: % invisible-code-block: py"]),
        ("::::{tab-set}\n:::{tab-item} a\n```py\nx = 1\n```\n:::\n::::\n", ["3: ```py"]),
        ("````markdown\n```py\nx = 1\n```\n````\n", []),
        ("% skip: next\n", ["1: % skip: next (a skip needs a reason)"]),
        ("% skip: next because it needs a network\n", []),
    ],
)
def test_skipped_fences_finds_what_sybil_would_skip(text: str, expected: list[str]) -> None:
    """The fence guard itself catches each kind of fence that Sybil would not run, and nothing else."""
    assert expected == skipped_fences(text)


def test_every_step_is_placed_exactly_once() -> None:
    """Each catalogue step has exactly one ``step`` directive in the whole site."""
    placed: dict[str, list[str]] = {}
    for page in PAGES:
        for step_id in re.findall(r"^[`:]{3,}\{cutover:step\}\s+(\S+)", page.read_text(encoding="utf-8"), re.MULTILINE):
            placed.setdefault(step_id, []).append(page.name)
    expected = dict.fromkeys(load_catalogue().ids, 1)
    assert expected == {step_id: len(pages) for step_id, pages in placed.items()}


def test_every_statement_appears_on_a_page() -> None:
    """Each source statement S1-S29 is named on some page, next to the prose that says it."""
    text = "\n".join(page.read_text(encoding="utf-8") for page in PAGES)
    named = set(re.findall(r"\bS([1-9][0-9]*)\b", text))
    assert set() == {s for s in load_catalogue().statements if s[1:] not in named}
