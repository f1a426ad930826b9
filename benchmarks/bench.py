"""Measure what a developer waits for and what a reader downloads: helper speed, site build time, page weight.

Run with ``nox -s bench``; compare the printed numbers before and after a change. Nothing here asserts a time.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from cutover import LANGUAGES, Answers, Situation, check, load_catalogue, plan

ROOT = Path(__file__).parents[1]


def _best(function: Callable[[], object], repeat: int = 5, number: int = 100) -> float:
    """Best mean time of one call in seconds, over ``repeat`` rounds of ``number`` calls."""
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            function()
        rounds.append((time.perf_counter() - start) / number)
    return min(rounds)


def _build(out: Path, lang: str, builder: str = "html") -> float:
    """Seconds for one full build (-E) of the site with this builder and language."""
    command = ["-q", "-E", "-b", builder, "-D", f"language={lang}", str(ROOT / "docs"), str(out)]
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", *command], check=True)
    return time.perf_counter() - start


def _weight(out: Path) -> tuple[int, int, int]:
    """Pages, bytes served in all, and bytes of the largest page of a built edition."""
    pages = list(out.glob("*.html"))
    served = [p for p in out.rglob("*") if p.is_file() and not {"_sources", ".doctrees"} & set(p.parts)]
    return len(pages), sum(p.stat().st_size for p in served), max(p.stat().st_size for p in pages)


def main() -> None:
    """Print one line per measurement."""
    catalogue = load_catalogue()
    every = Answers.every()
    print(f"load_catalogue        {_best(load_catalogue, number=20) * 1e3:8.2f} ms")
    print(f"plan, all {len(every)} answers   {_best(lambda: [plan(catalogue, a) for a in every]) * 1e3:8.2f} ms")
    print(f"check(Situation())    {_best(lambda: check(Situation()), number=1000) * 1e6:8.2f} µs")
    with tempfile.TemporaryDirectory() as tmp:
        both = []
        for lang in LANGUAGES:
            out = Path(tmp) / lang
            both.append(statistics.median(_build(out, lang) for _ in range(3)))
            pages, total, largest = _weight(out)
            print(f"site build ({lang}, -E)   {both[-1]:8.2f} s  (median of 3)")
            print(
                f"site ({lang})             {pages:8d} pages, {total / 1024:.0f} KiB in all,"
                f" largest page {largest / 1024:.0f} KiB"
            )
        print(f"site build, all       {sum(both):8.2f} s")
        gettext = statistics.median(_build(Path(tmp) / "gettext", LANGUAGES[0], "gettext") for _ in range(3))
        print(f"gettext extraction    {gettext:8.2f} s  (median of 3)")


if __name__ == "__main__":
    main()
