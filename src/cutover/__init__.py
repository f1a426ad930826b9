"""Helpers for the FLOWFACT Performer to FLOWFACT-Plattform cutover runbook: catalogue, ordering, duplicate checks."""

import os
import sys

from cutover import editions as _editions
from cutover import markers as _markers
from cutover import words as _words
from cutover.errors import SHOWN_PROBLEMS
from cutover.messages import Message, language_of


def _stop_on_broken_data() -> None:
    """The package's own data first: a broken editions.toml, words.toml or claims.toml is a located line each, exit 2.

    Every module reads them when it is imported, so without this a broken file would end any command, the Sphinx
    build and the tests in a traceback at the first import.
    """
    lang = "de"  # the source language, while the editions themselves cannot be read
    try:
        _editions.editions()
        lang = language_of(dict(os.environ))
        _words.words()
        _markers.claim_words()
    except _editions.EditionsError as error:
        lines = str(error).splitlines()
    except _words.WordsError as error:
        lines = error.lines(lang)
    else:
        return
    shown = lines[:SHOWN_PROBLEMS]
    if len(lines) > len(shown):
        shown.append(Message("… and {count} more", count=len(lines) - len(shown)).text(lang))
    sys.stderr.write("\n".join(shown) + "\n")
    raise SystemExit(2)


_stop_on_broken_data()

# Every public name of these modules is the package's too: each module's __all__ says which they are.
from cutover import duplicates, errors, mail, ordering, render
from cutover.catalogue import PUBLISHED, loading, model
from cutover.catalogue.loading import *  # noqa: F403
from cutover.catalogue.model import *  # noqa: F403
from cutover.duplicates import *  # noqa: F403
from cutover.errors import *  # noqa: F403
from cutover.mail import *  # noqa: F403
from cutover.ordering import *  # noqa: F403
from cutover.render import *  # noqa: F403

__all__ = ["PUBLISHED"]
__all__ += loading.__all__
__all__ += model.__all__
__all__ += duplicates.__all__
__all__ += errors.__all__
__all__ += mail.__all__
__all__ += ordering.__all__
__all__ += render.__all__
