"""Add a French edition to a copy of the project the way the README says an edition is added: as data only.

``nox -s third-edition`` copies the project to ``build/third-edition/``, runs this on the copy, then runs every test
and builds the French site there. It proves that an edition needs no Python file and no test change. The French
texts are copies of the English ones: what is checked is the machinery, not a translation.

Usage: ``python tests/third_edition.py <copy of the project>``
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

CODE = "fr"
EDITION = """
[[edition]]
code = "{code}"
name = "Français"
switch = "Cette page dans une autre langue"
title = "Passer à la plateforme FLOWFACT"
description = "Du Performer à la plateforme, étape par étape"
enter = "vers le runbook"
"""
_STRING = r'"(?:[^"\\\n]|\\.)*"'
_LINE = re.compile(r"^en = (" + _STRING + r")$", re.MULTILINE)
_INLINE = re.compile(r"(?<=[{,] )en = (" + _STRING + r")")


def add_edition(project: Path, code: str = CODE) -> list[Path]:
    """Add the edition ``code`` as data to ``project``; the files written, each once. No Python file is among them."""
    editions = project / "src" / "cutover" / "editions.toml"
    editions.write_text(editions.read_text(encoding="utf-8") + EDITION.format(code=code), encoding="utf-8")
    words = project / "src" / "cutover" / "words.toml"  # [key] tables: a line `fr = …` after each `en = …`
    claims = project / "src" / "cutover" / "claims.toml"  # the words of the claims, in the same form
    for table in (words, claims):
        table.write_text(_LINE.sub(lambda m: f"{m.group(0)}\n{code} = {m.group(1)}", table.read_text("utf-8")), "utf-8")
    steps = project / "runbook" / "steps.toml"  # inline tables: `, fr = …` after each `en = …`
    steps.write_text(_INLINE.sub(rf"en = \1, {code} = \1", steps.read_text("utf-8")), "utf-8")
    locale = project / "docs" / "locale"
    shutil.rmtree(locale / code, ignore_errors=True)
    shutil.copytree(locale / "en", locale / code, ignore=shutil.ignore_patterns("*.mo"))
    return [editions, words, claims, steps, locale / code]


def main(argv: list[str]) -> int:
    """Add the edition to the project named on the command line; 2 with a one-line message if there is none."""
    if len(argv) != 1 or not (Path(argv[0]) / "src" / "cutover" / "editions.toml").is_file():
        sys.stderr.write("usage: python tests/third_edition.py <copy of the project>\n")
        return 2
    for path in add_edition(Path(argv[0])):
        sys.stdout.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
