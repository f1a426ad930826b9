"""Small catalogue pieces built in code, and the samples in every declared edition.

The sample catalogues and the catalogues the tests write are written in German and English. So that a further
edition (editions.toml) needs no change to them, ``every_edition`` gives each further edition the English text of
every text table (the German where a sample leaves the English out on purpose), and ``texts`` does the same in code.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from cutover.catalogue import Applies, Area, Kind, Step, Text
from cutover.editions import codes

SOURCE, SECOND = "de", "en"
"""The two languages the samples are written in; every further edition gets a copy of their texts."""
FURTHER = tuple(code for code in codes() if code not in (SOURCE, SECOND))
"""The editions editions.toml declares beyond German and English (none today)."""
UNDECLARED = next(code for code in ("xx", "yy", "zz") if code not in codes())
"""A language code no edition declares, for tests of texts in an unknown language."""

_STRING = r'"(?:[^"\\\n]|\\.)*"'
_INLINE = re.compile(r"\{((?:" + _STRING + r'|[^{}"])*)\}')
_PAIR = re.compile(r"\b([a-z]{2,3})\s*=\s*(" + _STRING + ")")


def texts(de: str, en: str) -> Text:
    """A text in every declared edition: the German and English given, the English for every further edition."""
    return Text({SOURCE: de, SECOND: en, **dict.fromkeys(FURTHER, en)})


def every_edition(toml: str, further: tuple[str, ...] = FURTHER) -> str:
    """``toml`` with each inline text table (``{ de = …, en = … }``) also holding every further edition's text.

    Only what is added changes: lines and keys stay where they are, so the line numbers in expected messages hold.
    A table that already names an edition, or that has neither German nor English, is left as it is.
    """
    if not further:
        return toml

    def extended(match: re.Match[str]) -> str:
        pairs = dict(_PAIR.findall(match.group(1)))
        copied = pairs.get(SECOND, pairs.get(SOURCE))
        if copied is None or any(code in pairs for code in further):
            return match.group(0)
        added = "".join(f", {code} = {copied}" for code in further)
        return "{" + match.group(1).rstrip() + added + " }"

    return _INLINE.sub(extended, toml)


def copy_in_every_edition(source: Path, target: Path) -> Path:
    """A copy of the folder ``source`` at ``target``, each ``.toml`` in it through ``every_edition``."""
    shutil.copytree(source, target)
    for path in target.rglob("*.toml"):
        path.write_text(every_edition(path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def make_step(
    step_id: str,
    applies: Applies = Applies.ALWAYS,
    after: tuple[str, ...] = (),
    after_a: tuple[str, ...] = (),
    after_b: tuple[str, ...] = (),
) -> Step:
    """A step of kind action whose area is its id's prefix, with placeholder texts carrying S1."""
    area = Area(step_id.partition("-")[0])
    text = texts(f"{step_id} (de)", f"{step_id} (en)")
    return Step(step_id, area, Kind.ACTION, applies, text, text, after, after_a, after_b, ("S1",), 1)
