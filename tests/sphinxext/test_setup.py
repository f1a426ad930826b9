"""The extension as a whole: what ``setup`` registers, what it declares, and a site that builds with it."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from cutover import sphinxext
from cutover.sphinxext import CutoverDomain, claims
from sphinxext.builds import ROOTS, RUNBOOK, Build, _app, _build, _project


def test_build_succeeds_with_warnings_as_errors(site_build: Build) -> None:
    """A project that places every step and uses the role, checklists, index and symptoms builds cleanly with -W -n.

    In every edition: the English one as clean as the German one.
    """
    expected = (0, "")
    assert expected == (site_build.status, site_build.stderr)


def _recording_app(registered: list[object]) -> Sphinx:
    """An application that notes what is registered with it, and refuses to let anything override another's name."""

    def recorder(kind: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> None:
            assert "override" not in kwargs, f"{kind} {args[:2]} overrides another extension's"
            if kind in {"directive", "role"} and len(args) == 3:  # the domain's, ``add_*_to_domain(domain, name, ...)``
                registered.append(f"{kind} {args[0]}:{args[1]}")
            elif kind in {"directive", "role"}:
                registered.append(f"{kind} {args[0]}")
            else:
                registered.append(args[0])

        return record

    return _app(
        add_config_value=recorder("setting"),
        add_domain=recorder("domain"),
        add_directive=recorder("directive"),
        add_directive_to_domain=recorder("directive"),
        add_role=recorder("role"),
        add_role_to_domain=recorder("role"),
        add_transform=recorder("transform"),
        add_node=recorder("node"),
        add_css_file=recorder("css"),
        add_js_file=recorder("js"),
        connect=recorder("event"),
    )


def test_setup_registers_settings_domain_directives_roles_transforms_assets_and_handlers() -> None:
    """``setup`` registers the settings, the domain, its directives, the roles, the transforms, assets and handlers.

    Four settings; the ``cutover`` domain and its fifteen directives, none under a plain name (sphinx-design has a
    ``step``); the roles ``step`` and ``pdf`` under plain names and in the domain; the untranslated-text and raw-markup
    checks, the claim node and its check, the stylesheet, the script, fifteen event handlers; nothing overrides
    another extension's name.
    """
    registered: list[object] = []
    sphinxext.setup(_recording_app(registered))
    expected = [
        "cutover_runbook",
        "cutover_source_language",
        "config-inited",
        "cutover_base_url",
        "cutover_printed_address",
        "config-inited",
        CutoverDomain,
        "cutover.css",
        "cutover.js",
        "config-inited",
        "builder-inited",
        "html-page-context",
        "directive cutover:step",
        "role step",
        "role cutover:step",
        "doctree-resolved",
        claims.claim,
        "directive cutover:claim",
        claims.ClaimWords,
        "directive cutover:checklist",
        "directive cutover:findings",
        "directive cutover:symptoms",
        "directive cutover:planner",
        "directive cutover:hint",
        "doctree-resolved",
        "role pdf",
        "role cutover:pdf",
        "directive cutover:step-index",
        "directive cutover:order",
        "directive cutover:rules",
        "directive cutover:recommended",
        "directive cutover:checks",
        "directive cutover:damage",
        "directive cutover:situation-fields",
        "directive cutover:console",
        sphinxext.UntranslatedText,
        "builder-inited",
        "build-finished",
        sphinxext.RawMarkup,
        "config-inited",
        "env-check-consistency",
        "html-collect-pages",
        "build-finished",
        "builder-inited",
        "build-finished",
    ]
    assert expected == registered


def test_setup_declares_parallel_safety_and_the_package_version() -> None:
    """The extension declares itself safe for parallel reading and writing, in the version of the installed package."""
    expected = {
        "version": importlib.metadata.version("cutover"),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 2,
    }
    assert expected == sphinxext.setup(_recording_app([]))


def test_sphinx_design_keeps_its_own_steps(tmp_path: Path) -> None:
    """sphinx-design's ``steps`` and ``step`` render beside ``{cutover:step}``: no name shadows another."""
    src = _project(tmp_path, {"index": (ROOTS / "design-steps" / "index.md").read_text(encoding="utf-8")}, RUNBOOK)
    built = _build(src, tmp_path / "out", "-W", "-n")
    page = built.pages["index"]
    titles = re.findall(r'<li class="sd-step"><p class="sd-step-title rubric">([^<]+)</p>', page)
    expected = (0, "", ["Anmelden", "Prüfen"], True)
    assert expected == (built.status, built.stderr, titles, '<section class="cutover-step' in page)
