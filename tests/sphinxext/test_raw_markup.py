"""Raw markup from a page or a translation: shown as text, and a build error."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from cutover.sphinxext import raw_markup
from sphinxext.builds import _app, _build, _project, _write_po

HOSTILE = {
    "Erster Absatz.": "First paragraph. <script>alert(1)</script>",
    "Zweiter Absatz.": '<img src="x" onerror="alert(2)"> Second paragraph.',
    "Dritter Absatz.": '<div onclick="alert(3)">Third paragraph.</div>',
}


def _main(page: str) -> str:
    """The page's own content, without the theme's frame (which has scripts of its own)."""
    return page.split('role="main">', 1)[1].split('<div class="sphinxsidebar"', 1)[0]


def test_raw_html_from_a_translation_is_text_on_the_english_page(samples: Path, tmp_path: Path) -> None:
    """HTML in a translator's msgstr reaches the English page as text, never as an element that could run."""
    src = _project(tmp_path, {"index": "# Umstieg\n\n" + "\n\n".join(HOSTILE) + "\n"}, samples / "valid")
    _write_po(src, "en", {"index": {"Umstieg": "Cutover", **HOSTILE}})
    build = _build(src, tmp_path / "en", "-W", "-D", "language=en")
    page = _main(build.pages["index"])
    expected: tuple[int, list[str], bool, bool] = (0, [], True, True)
    assert expected == (
        build.status,
        re.findall(r"<(?:script|img|div onclick)[^>]*>", page),
        "&lt;script&gt;alert(1)&lt;/script&gt;" in page,
        "&lt;img src=”x” onerror=”alert(2)”&gt; Second paragraph." in page,  # English smart quotes
    )


def test_raw_html_on_a_page_is_text(samples: Path, tmp_path: Path) -> None:
    """HTML written into a German page is text too: the page shows what was written."""
    src = _project(
        tmp_path, {"index": "# Umstieg\n\n<script>alert(1)</script>\n\nText mit <b>fett</b>.\n"}, samples / "valid"
    )
    build = _build(src, tmp_path / "de", "-W")
    page = _main(build.pages["index"])
    expected: tuple[int, list[str], bool] = (0, [], True)
    assert expected == (build.status, re.findall(r"<(?:script|b)>", page), "&lt;script&gt;alert(1)" in page)


def test_a_raw_directive_fails_the_build_at_its_line_and_is_shown_as_text(samples: Path, tmp_path: Path) -> None:
    """A ``{raw}`` block is a build error at its page and line, and what it holds is shown as text, not run."""
    src = _project(
        tmp_path, {"index": "# Umstieg\n\n```{raw} html\n<script>alert(1)</script>\n```\n"}, samples / "valid"
    )
    build = _build(src, tmp_path / "de")
    expected: tuple[int, list[str], list[str]] = (
        1,
        [
            f"{src / 'index.md'}:3: ERROR: raw html markup is not allowed on a page or in its translation "
            "(it is shown as text): <script>alert(1)</script> [cutover.raw-markup]"
        ],
        [],
    )
    assert expected == (
        build.status,
        re.findall(r".*ERROR: raw .*", build.stderr),
        re.findall(r"<script>", _main(build.pages["index"])),
    )


def test_html_is_switched_off_only_where_myst_is_loaded() -> None:
    """MyST's two HTML rules join its switched-off syntax; a project without MyST has no such setting to change."""
    with_myst = SimpleNamespace(myst_disable_syntax=["colon_fence"])
    without = SimpleNamespace()
    raw_markup._switch_off_html(_app(), with_myst)
    raw_markup._switch_off_html(_app(), without)
    expected: tuple[list[str], dict[str, object]] = (["colon_fence", "html_block", "html_inline"], {})
    assert expected == (with_myst.myst_disable_syntax, vars(without))
