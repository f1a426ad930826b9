"""The ``cutover`` domain: what the build collects while it reads the pages, kept the way Sphinx keeps domain data.

Sphinx pickles a domain's data with the environment, forgets a page's part of it when the page is read again
(``clear_doc``) and joins what parallel readers collected (``merge_domaindata``), so the extension stays
``parallel_read_safe`` without handlers of its own. The project's directives are registered in this domain
(``{cutover:step}``): sphinx-design has a ``step`` of its own, and a plain name would shadow one of the two.
The domain is never the default domain, for a default domain's directives would win over the plain ones again.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any, ClassVar, cast

from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

__all__ = ["DOMAIN", "CutoverDomain", "domain_of", "setup_domain"]

DOMAIN = "cutover"


class CutoverDomain(Domain):
    """Build errors found on each page, and the page each step is placed on."""

    name = DOMAIN
    label = "Cutover runbook"
    initial_data: ClassVar[dict[str, Any]] = {"build_errors": [], "steps": {}}

    @property
    def build_errors(self) -> list[tuple[str, str]]:
        """(page, what) for every unknown step id, unreadable situation file, missing PDF and raw markup."""
        return cast("list[tuple[str, str]]", self.data["build_errors"])

    @property
    def placed(self) -> dict[str, str]:
        """Each step placed with a ``{cutover:step}`` block: its id and the page it is on."""
        return cast("dict[str, str]", self.data["steps"])

    def note_build_error(self, docname: str, what: str) -> None:
        """Remember an error found on ``docname``, so that the build fails even without ``-W``."""
        self.build_errors.append((docname, what))

    def note_step(self, step_id: str, docname: str) -> None:
        """Remember that the step is on ``docname``; placed twice, the last page wins, as with Sphinx's labels."""
        self.placed[step_id] = docname

    def clear_doc(self, docname: str) -> None:
        """Forget what was found on a page that is read again or removed."""
        self.data["build_errors"] = [error for error in self.build_errors if error[0] != docname]
        self.data["steps"] = {step: page for step, page in self.placed.items() if page != docname}

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Take what a parallel reader found on the pages it read."""
        self.build_errors.extend(error for error in otherdata["build_errors"] if error[0] in docnames)
        self.placed.update({step: page for step, page in otherdata["steps"].items() if page in docnames})


def domain_of(env: BuildEnvironment) -> CutoverDomain:
    """The build's ``cutover`` domain."""
    return cast("CutoverDomain", env.get_domain(DOMAIN))


def setup_domain(app: Sphinx) -> None:
    """Register the domain; the components register their directives in it, so it comes first."""
    app.add_domain(CutoverDomain)
