"""Checklists, and the short address each printed entry names."""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from cutover.catalogue import PUBLISHED, Answers, Catalogue, MailVariant
from cutover.ordering import steps_in_order
from cutover.sphinxext import site_address
from sphinxext.builds import CHECKLIST, ROOT, Build, _build, _project


def _checklists(page: str) -> list[list[str]]:
    """The step ids linked from each checklist on a page, in order."""
    lists = re.findall(r'<div class="cutover-checklist[^"]*">(.*?)</div>', page, re.DOTALL)
    return [
        re.findall(r'<li class="cutover-check"><p><a class="reference internal" href="steps.html#([a-z0-9-]+)"', x)
        for x in lists
    ]


def test_checklists_list_the_plan_in_order_with_links(german: Build, catalogue: Catalogue) -> None:
    """Each checklist links every step of the plan for its options, in plan order."""
    expected = [
        [s.id for s in steps_in_order(catalogue, Answers(MailVariant.B, contact_sync=True, calendar_sync=True))],
        [s.id for s in steps_in_order(catalogue, Answers())],
    ]
    assert expected == _checklists(german.pages["index"])


def test_checklist_items_show_titles(german: Build, catalogue: Catalogue) -> None:
    """A checklist item shows the step title through the role."""
    title = html.escape(catalogue["mail-connect-client"].title.get("de"), quote=False)
    assert f'href="steps.html#mail-connect-client"><span class="std std-ref">{title}</span>' in german.pages["index"]


def _printed_addresses(out: Path) -> list[str]:
    """The address after each entry of a checklist built as text, its lines joined again."""
    wrapped = (out / "index.txt").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"-\n\s+", "-", re.sub(r"\n\s+/", "/", wrapped)))
    return re.findall(r"· (\S+\.html)", text)


def test_printed_checklist_names_each_step_s_short_path(printed: Path) -> None:
    """Without the site's address, each printed entry ends in its step's short path from the site's root."""
    build = _build(printed, printed.parent / "plain", "-W", builder="text")
    expected = (0, ["de/s/lead-decide.html", "de/s/mail-choose-variant.html", "de/s/portal-stop-exporter.html"])
    assert expected == (build.status, _printed_addresses(printed.parent / "plain"))


def test_printed_checklist_names_each_step_s_full_link_once_the_address_is_set(printed: Path) -> None:
    """With ``cutover_base_url`` set, each printed entry ends in its step's full short link."""
    out = printed.parent / "full"
    build = _build(printed, out, "-W", "-D", "cutover_base_url=https://umstieg.example.com/", builder="text")
    expected = (0, "https://umstieg.example.com/de/s/lead-decide.html")
    assert expected == (build.status, _printed_addresses(out)[0])


def test_printed_address_is_left_out_of_the_html_page(printed: Path) -> None:
    """On a web page each entry is a link: no address is printed after it."""
    build = _build(printed, printed.parent / "web", "-W")
    expected = (0, False)
    assert expected == (build.status, "cutover-address" in build.pages["index"])


def _printed_project(samples: Path, tmp_path: Path, site: str | None) -> Path:
    """The checklist project over a copy of the valid sample, its ``site.toml`` holding ``site`` (none if None)."""
    runbook = tmp_path / "runbook"
    runbook.mkdir()
    for name in ("steps.toml", "statements.toml", PUBLISHED):
        (runbook / name).write_bytes((samples / "valid" / name).read_bytes())
    if site is not None:
        (runbook / "site.toml").write_text(site, encoding="utf-8")
    return _project(tmp_path, {"index": CHECKLIST}, runbook)


def test_printed_address_comes_from_the_runbook_s_site_toml(samples: Path, tmp_path: Path) -> None:
    """The address the runbook's ``site.toml`` names is printed, as the command line's links use it."""
    src = _printed_project(samples, tmp_path, 'base_url = "https://umstieg.example.com/hilfe"\n')
    build = _build(src, tmp_path / "out", "-W", builder="text")
    expected = (0, "https://umstieg.example.com/hilfe/de/s/lead-decide.html")
    assert expected == (build.status, _printed_addresses(tmp_path / "out")[0])


def test_printed_address_comes_from_the_environment_before_site_toml(
    samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``$CUTOVER_BASE_URL`` wins over ``site.toml``, for the build as for the command line."""
    monkeypatch.setenv("CUTOVER_BASE_URL", "https://other.example.com/")
    src = _printed_project(samples, tmp_path, 'base_url = "https://umstieg.example.com/"\n')
    build = _build(src, tmp_path / "out", "-W", builder="text")
    expected = (0, "https://other.example.com/de/s/lead-decide.html")
    assert expected == (build.status, _printed_addresses(tmp_path / "out")[0])


def test_printed_address_is_the_short_path_while_site_toml_names_none(samples: Path, tmp_path: Path) -> None:
    """An empty ``base_url`` (nothing published yet) prints the short path, never the local preview's address."""
    src = _printed_project(samples, tmp_path, 'base_url = ""\n')
    build = _build(src, tmp_path / "out", "-W", builder="text")
    expected = (0, "de/s/lead-decide.html")
    assert expected == (build.status, _printed_addresses(tmp_path / "out")[0])


def test_a_bad_site_toml_fails_the_build_at_its_line(samples: Path, tmp_path: Path) -> None:
    """A ``site.toml`` address that is none is a build error at the file and line, the problem said once."""
    src = _printed_project(samples, tmp_path, '# Die Adresse der Anleitung\nbase_url = "umstieg example"\n')
    build = _build(src, tmp_path / "out", builder="text")
    site = tmp_path / "runbook" / "site.toml"
    expected = (
        1,
        [
            f"{site}:2: ERROR: invalid site address: base_url: 'umstieg example' contains a space, a tab or a line "
            "break [cutover.base-url]"
        ],
    )
    assert expected == (build.status, re.findall(r".*ERROR: invalid site address.*", build.stderr))


def test_an_unset_cutover_runbook_reads_the_one_cutover_runbook_names(
    samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``cutover_runbook`` the build reads ``$CUTOVER_RUNBOOK``, the same choice as the command line's."""
    src = _printed_project(samples, tmp_path, None)
    conf = src / "conf.py"
    conf.write_text(re.sub(r"cutover_runbook = .*\n", "", conf.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setenv("CUTOVER_RUNBOOK", str(tmp_path / "runbook"))
    build = _build(src, tmp_path / "out", "-W", builder="text")
    expected = (0, ["de/s/lead-decide.html", "de/s/mail-choose-variant.html", "de/s/portal-stop-exporter.html"])
    assert expected == (build.status, _printed_addresses(tmp_path / "out"))


def test_a_site_address_that_is_no_web_address_fails_the_build(printed: Path) -> None:
    """``cutover_base_url`` must be the address of the site's root: anything else is a build error, said once."""
    build = _build(printed, printed.parent / "bad", "-D", "cutover_base_url=umstieg.example.com", builder="text")
    expected = (
        1,
        ["ERROR: invalid site address: cutover_base_url: 'umstieg.example.com' is not the address of the site's root"],
    )
    assert expected == (
        build.status,
        re.findall(r"ERROR: invalid site address: [^\n]*? is not the address of the site's root", build.stderr),
    )


def test_a_bad_address_in_the_environment_is_the_build_s_problem(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """$CUTOVER_BASE_URL that is no address is a problem of the build, named by the variable; nothing is printed."""
    monkeypatch.setenv("CUTOVER_BASE_URL", "umstieg.example.com")
    config = cast("Any", SimpleNamespace(cutover_base_url="", cutover_runbook=str(samples / "valid")))
    address, problems = site_address._site_address(config, ROOT)
    expected = (
        "",
        [
            "CUTOVER_BASE_URL: 'umstieg.example.com' is not the address of the site's root, such as https://runbook.example.com/"
        ],
    )
    assert expected == (address, [str(problem) for problem in problems])
