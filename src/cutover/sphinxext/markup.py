"""Docutils nodes the components build alike: text kept out of gettext, badges, tables, sections, own HTML."""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective


def _generated(directive: SphinxDirective, elements: list[nodes.Element]) -> list[nodes.Node]:
    """Elements a directive generated in the build's language: placed at the directive, kept out of gettext."""
    for element in elements:
        directive.set_source_info(element)
        _not_translatable(element)
    return list(elements)


def _not_translatable(container: nodes.Element) -> None:
    """Keep text the extension renders in the build's language out of the gettext catalogues.

    Only block-level text is marked: an inline node marked ``translatable`` would be taken for a translatable one.
    """
    for node in container.findall(nodes.TextElement):
        if not isinstance(node, nodes.Inline):
            node["translatable"] = False


def _parse_markdown(directive: SphinxDirective, markdown: str, *classes: str) -> nodes.container:
    """Markdown rendered by a template, parsed into a container at the directive's place, not translatable."""
    container = nodes.container(classes=list(classes))
    source = directive.get_source_info()[0]
    directive.state.nested_parse(StringList(markdown.splitlines(), source=source), 0, container)
    _not_translatable(container)
    return container


def _badge(text: str, *classes: str) -> nodes.inline:
    return nodes.inline(text, text, classes=["cutover-badge", *classes])


def _own_html(html: str) -> nodes.raw:
    """HTML the extension writes itself (the copy button, the planner): the only raw HTML a page may hold."""
    node = nodes.raw("", html, format="html", translatable=False)
    node["cutover"] = True
    return node


def _table(header: list[str], rows: list[list[list[nodes.Node]]]) -> nodes.table:
    """A table with a header row; each cell one paragraph of the given nodes."""
    table = nodes.table(classes=["cutover-table"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in header)
    for part, lines in ((nodes.thead(), [[[nodes.Text(text)] for text in header]]), (nodes.tbody(), rows)):
        group += part
        for cells in lines:
            part.append(nodes.row("", *(nodes.entry("", nodes.paragraph("", "", *cell)) for cell in cells)))
    return table


def _section(section_id: str, title: str, *classes: str) -> nodes.section:
    section = nodes.section("", ids=[section_id], classes=list(classes))
    section += nodes.title(title, title)
    return section
