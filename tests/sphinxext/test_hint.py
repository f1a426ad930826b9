"""``{cutover:hint}``: a planner hint on a page, from the one place it is written, in each edition."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from cutover.planner import PORTAL_HINTS
from sphinxext.builds import RUNBOOK, _build, _project, _write_po

HINT = PORTAL_HINTS[0]
PAGE = f"# Start\n\n:::{{cutover:hint}} {HINT.portal.value} {HINT.step}\n:::\n"


def _built(tmp_path: Path, page: str, lang: str) -> tuple[int, str, str]:
    src = _project(tmp_path, {"index": page}, RUNBOOK)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('myst_enable_extensions = ["colon_fence"]\n')
    _write_po(src, "en", {"index": {"Start": "Start"}})
    build = _build(src, tmp_path / "out", "-D", f"language={lang}")
    return build.status, build.stderr, build.pages.get("index", "")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_hint_shows_the_planner_s_text_and_its_source_as_a_note(tmp_path: Path, lang: str) -> None:
    assert HINT.source is not None
    status, stderr, page = _built(tmp_path, PAGE, lang)
    note = page.split('class="admonition note"', 1)[1].split("</div>\n</div>", 1)[0]
    note = html.unescape(note).replace("\u2019", "'").replace("\n", " ")  # smartquotes curl the apostrophe
    label = HINT.source.get(lang).split(" (", 1)[0]
    assert (0, "") == (status, stderr)
    assert f"<strong>{label}</strong>" in note
    assert f"<p>{HINT.text.get(lang)}</p>" in note
    assert 'href="https://api.immobilienscout24.de/' in note


def test_an_unknown_hint_is_a_located_error_that_names_the_known_ones(tmp_path: Path) -> None:
    status, stderr, _ = _built(tmp_path, PAGE.replace(HINT.step, "portal-nowhere"), "de")
    assert 1 == status
    assert f"index.md:3: ERROR: no portal hint {HINT.portal.value} portal-nowhere (known: " in stderr
    assert f"{HINT.portal.value} {HINT.step}" in stderr.split("known: ", 1)[1]
