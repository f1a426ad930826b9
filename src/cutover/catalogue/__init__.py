"""The step catalogue: load runbook/*.toml, validate all of it at once, and look steps up by id.

The package is in parts: the model (``model``), what ids look like (``ids``), the files as read (``source``), the
steps read from their tables (``steps``), the checks across them (``checks``, ``published``), and the loading that
runs them all (``loading``). Every name is imported from here.
"""

from __future__ import annotations

from cutover.catalogue import loading, model
from cutover.catalogue.ids import PUBLISHED
from cutover.catalogue.ids import STEP_ID as STEP_ID  # for the pages' examples; not in __all__, as before
from cutover.catalogue.loading import *  # noqa: F403  # the names of each part are in its __all__
from cutover.catalogue.model import *  # noqa: F403

__all__ = ["PUBLISHED"]
__all__ += loading.__all__
__all__ += model.__all__
