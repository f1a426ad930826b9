"""Measure what a developer waits for and what a reader downloads: helper speed, site build time, page weight.

Run with ``nox -s bench``; compare the printed numbers before and after a change. Nothing here asserts a time.
"""

from __future__ import annotations

import functools
import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from cutover import LANGUAGES, Answers, Lang, Situation, findings_in, load_catalogue, steps_in_order
from cutover._toml import KeyLines
from cutover.duplicates import load_situation
from cutover.errors import SituationError
from cutover.planner import Choice, personal_plan
from cutover.render import render_planner

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


def _build(out: Path, lang: str, builder: str = "html", *options: str, fresh: bool = True) -> float:
    """Seconds for one build of the site with this builder and language; ``fresh`` reads every page again (-E)."""
    command = ["-q", *(["-E"] if fresh else []), "-b", builder, "-D", f"language={lang}", *options]
    command += [str(ROOT / "docs"), str(out)]
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "sphinx", *command], check=True, capture_output=builder == "rinoh")
    return time.perf_counter() - start


def _weight(out: Path) -> tuple[int, int, int]:
    """Pages, bytes served in all, and bytes of the largest page of a built edition."""
    pages = list(out.glob("*.html"))
    served = [p for p in out.rglob("*") if p.is_file() and not {"_sources", ".doctrees"} & set(p.parts)]
    return len(pages), sum(p.stat().st_size for p in served), max(p.stat().st_size for p in pages)


class _Loads(HTMLParser):
    """The site files a page makes the browser fetch: stylesheets, icons, scripts, images."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        wanted = {"link": "href", "script": "src", "img": "src"}.get(tag)
        if wanted and found.get(wanted) and (tag != "link" or found.get("rel") in {"stylesheet", "icon"}):
            self.files.append(str(found[wanted]).split("?")[0])


def _transfer(page: Path) -> tuple[int, int, int]:
    """Files, bytes and gzip-compressed bytes of a page with everything it loads (what a reader downloads)."""
    loads = _Loads()
    loads.feed(page.read_text(encoding="utf-8"))
    files = [page, *(page.parent / name for name in loads.files if not name.startswith(("data:", "http")))]
    data = [f.read_bytes() for f in files]
    return len(files), sum(map(len, data)), sum(len(gzip.compress(d)) for d in data)


def _planner_cost(lang: Lang) -> str:
    """The planner's HTML with one plan and with every plan: what the other combinations add."""
    catalogue = load_catalogue()
    plans = [personal_plan(catalogue, choice) for choice in Choice.every()]
    sizes = []
    for some in (plans[:1], plans):
        html = render_planner(some, catalogue, lang, url=lambda step_id: f"page.html#{step_id}").encode()
        sizes.append((len(html), len(gzip.compress(html))))
    (one, one_gz), (every, every_gz) = sizes
    return (
        f"planner ({lang})          one plan {one / 1024:.1f} KiB ({one_gz / 1024:.1f} gz),"
        f" all {len(plans)} plans {every / 1024:.1f} KiB ({every_gz / 1024:.1f} gz)"
    )


def _refused(path: Path) -> int:
    """The problems a situation file has (every one built, as the reader builds them), counted."""
    try:
        load_situation(path)
    except SituationError as error:
        return len(error.problems)
    return 0


def _bad_input() -> None:
    """How long the readers take over hostile input: it must be refused in time that grows with its size."""
    with tempfile.TemporaryDirectory() as tmp:
        for count in (20_000, 100_000):
            many = Path(tmp) / f"many-{count}.toml"
            many.write_text("".join(f"k{i} = true\n" for i in range(count)), encoding="utf-8")
            seconds = _best(functools.partial(_refused, many), repeat=3, number=1)
            print(f"situation, {count:,} unknown keys {seconds:8.2f} s  ({many.stat().st_size / 1e6:.1f} MB)")
        text = (ROOT / "runbook" / "steps.toml").read_text(encoding="utf-8") * 100
        print(f"KeyLines of steps.toml x100 {_best(lambda: KeyLines.of(text), number=5) * 1e3:8.2f} ms")


def main() -> None:
    """Print one line per measurement."""
    catalogue = load_catalogue()
    every = Answers.every()
    print(f"load_catalogue        {_best(load_catalogue, number=20) * 1e3:8.2f} ms")
    in_order = _best(lambda: [steps_in_order(catalogue, a) for a in every])
    print(f"steps_in_order, all {len(every)} answers {in_order * 1e3:8.2f} ms")
    print(f"findings_in(Situation()) {_best(lambda: findings_in(Situation()), number=1000) * 1e6:8.2f} µs")
    _bad_input()
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
            if (out / "planer.html").exists():
                files, raw, packed = _transfer(out / "planer.html")
                print(
                    f"planer.html ({lang})      {files:8d} files, {raw / 1024:.1f} KiB,"
                    f" {packed / 1024:.1f} KiB gzip-compressed"
                )
                print(_planner_cost(lang))
        print(f"site build, all       {sum(both):8.2f} s")
        for lang in LANGUAGES:  # as nox -s docs does: the PDFs from the HTML build's doctrees, so no page is read twice
            html, pdf = Path(tmp) / f"pdf-html-{lang}", Path(tmp) / f"pdf-{lang}"
            doctrees = ["-d", str(Path(tmp) / f"pdf-doctrees-{lang}")]
            _build(html, lang, "html", *doctrees)
            seconds = statistics.median(_build(pdf, lang, "rinoh", *doctrees, fresh=False) for _ in range(3))
            sizes = ", ".join(f"{p.name} {p.stat().st_size / 1024:.0f} KiB" for p in sorted(pdf.glob("*.pdf")))
            print(f"PDF checklists ({lang})   {seconds:8.2f} s  (median of 3, after the HTML build): {sizes}")
        gettext = statistics.median(_build(Path(tmp) / "gettext", LANGUAGES[0], "gettext") for _ in range(3))
        print(f"gettext extraction    {gettext:8.2f} s  (median of 3)")


if __name__ == "__main__":
    main()
