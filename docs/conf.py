"""Sphinx configuration of the cutover runbook (German source; English comes through gettext)."""

project = "Umstieg auf die FLOWFACT-Plattform"
author = "FLOWFACT-Umstiegsteam"
copyright = "2026, FLOWFACT-Umstiegsteam"  # Sphinx's own setting name
language = "de"

extensions = ["myst_parser", "sphinx_design", "cutover.sphinxext"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 0  # explicit labels only: step ids are the anchors that must never change

cutover_runbook = "../runbook"

exclude_patterns = ["_build", "_root", "locale", "examples"]
root_doc = "index"
nitpicky = True
suppress_warnings: list[str] = []

html_theme = "alabaster"
html_title = "Umstieg auf die FLOWFACT-Plattform"
html_static_path: list[str] = []
html_theme_options = {
    "description": "Vom Performer in die Plattform, ohne Dubletten",
    "show_powered_by": False,
    "show_relbars": True,
    "fixed_sidebar": False,
    "page_width": "64rem",
    "font_family": "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
    "head_font_family": "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
    "code_font_family": "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace",
}
html_sidebars = {"**": ["about.html", "navigation.html", "searchbox.html"]}
html_show_sourcelink = False
html_copy_source = False
