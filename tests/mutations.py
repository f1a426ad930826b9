"""The mutation gate of ``nox -s mutations``: each mutation in ``tests/mutations.toml`` must fail a check of meaning.

A mutation changes one thing the runbook says (an edge of the catalogue, a check's severity, a German sentence, its
English translation, a step's title) the way a slip or a wrong edit would. Each is applied to its own scratch copy
of the project (``build/mutations/<id>/``), and the checks run there: first the pages' examples and claims with the
tests of the mutation's category, then, if it survived those, every check that builds no site. A mutation is

- **killed** when a check of meaning fails (a claim's words or its package check, a pin, a unit test);
- **fresh only** when the only failures say that a translation is missing: that catches the change, but not what it
  means, so it counts against the score;
- **survived** when nothing fails, and **stale** when its ``old`` text is no longer in its file exactly once;
- **broken** when pytest itself could not run (a conftest that does not import, exit 2 to 5): that is no finding,
  and the gate fails on it as on a survivor.

The gate prints the score per category and every mutation that was not killed, and fails on any of them.

Usage: ``python tests/mutations.py [--only ID ...]`` from the project's root, in an environment with the tests'
dependencies (``nox -s mutations`` makes one).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTATIONS = Path(__file__).with_name("mutations.toml")
SCRATCH = ROOT / "build" / "mutations"

# The tests that build no site and start no process: what every mutation runs once its first round has not killed it.
BROAD = [
    "docs",
    "tests",
    "--ignore=tests/sphinxext",
    "--ignore=tests/test_pdf.py",
    "--ignore=tests/test_bad_input.py",
    "--ignore=tests/test_properties.py",
    "--ignore=tests/test_mutations.py",  # its check that each mutation applies fails on purpose in a mutated copy
]
FIRST = {  # per category: the checks that should kill it, run first because they are quick
    "catalogue": ["docs", "tests/test_runbook_content.py", "tests/test_ordering.py"],
    "checks": ["docs", "tests/test_duplicates.py", "tests/test_planner.py"],
    "mail": ["docs", "tests/test_mail.py", "tests/test_planner.py"],
    "german-prose": ["docs"],
    "english-prose": ["docs", "tests/test_page_translations.py"],
    "step-texts": ["docs", "tests/test_runbook_content.py", "tests/test_truth.py"],
    "messages": [
        "docs",
        "tests/test_words.py",
        "tests/test_duplicates.py",
        "tests/test_planner.py",
        "tests/test_truth.py",
    ],
}
VERDICTS = ("killed", "fresh only", "survived", "stale", "broken")
_FRESHNESS = re.compile(r"has no translation of it|untranslated|is not translated")
_PROBLEM = re.compile(r"^E\s+([a-z]{2,3}): (.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Mutation:
    """One change: in ``file``, the text ``old`` (there exactly once) becomes ``new``; ``also`` more such changes.

    ``also`` makes one mistake in several files, e.g. a German sentence reversed with its ``.po`` entry to match.
    """

    id: str
    category: str
    file: str
    old: str
    new: str
    why: str
    also: tuple[tuple[str, str, str], ...] = ()

    @property
    def changes(self) -> tuple[tuple[str, str, str], ...]:
        """Each change as (file, old, new), the main one first."""
        return ((self.file, self.old, self.new), *self.also)


@dataclass(frozen=True)
class Outcome:
    """What became of a mutation: killed, fresh only, survived or stale, and the first lines that say why."""

    mutation: Mutation
    verdict: str
    said: str
    seconds: float


def read_mutations(path: Path = MUTATIONS) -> list[Mutation]:
    """The mutations of ``path``; a wrong entry is a ``ValueError`` naming it and its key."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found: list[Mutation] = []
    problems: list[str] = []
    fields = {"id", "category", "file", "old", "new", "why"}
    for index, entry in enumerate(data.get("mutation", [])):
        missing = sorted(fields - set(entry))
        unknown = sorted(set(entry) - fields - {"also"})
        if missing or unknown:
            problems.append(f"{path}: mutation[{index}]: missing {missing}, unknown {unknown}")
        elif entry["category"] not in FIRST:
            problems.append(f"{path}: mutation[{index}] ({entry['id']}): unknown category {entry['category']!r}")
        elif entry["old"] == entry["new"]:
            problems.append(f"{path}: mutation[{index}] ({entry['id']}): old and new are the same")
        else:
            also = tuple((c["file"], c["old"], c["new"]) for c in entry.pop("also", []))
            found.append(Mutation(**entry, also=also))
    ids = [m.id for m in found]
    problems += [f"{path}: mutation id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    if problems:
        raise ValueError("\n".join(problems))
    return found


def _tracked() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout  # noqa: S607
    return [name for name in out.decode().split("\0") if name and (ROOT / name).is_file()]


def _copy(names: list[str], target: Path) -> None:
    """The project's tracked files at ``target``, as hard links where the file system allows (they are not written)."""
    shutil.rmtree(target, ignore_errors=True)
    for name in names:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(ROOT / name, target / name)
        except OSError:
            shutil.copy2(ROOT / name, target / name)


def _pytest(copy: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(copy / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=short", *args]
    return subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, check=False)  # noqa: S603


def classify(output: str) -> str:
    """``killed`` if a failure says something about meaning, ``fresh only`` if every one only misses a translation."""
    failed = [line for line in output.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    if not failed:
        return "survived"
    problems = _PROBLEM.findall(output)
    claim_failures = [line for line in failed if ".md::" in line and "claim" in line]
    if len(claim_failures) == len(failed) and problems and all(_FRESHNESS.search(text) for _, text in problems):
        return "fresh only"
    return "killed"


def run_one(mutation: Mutation, names: list[str]) -> Outcome:
    """Apply ``mutation`` to its own copy and run the checks there."""
    start = time.monotonic()
    copy = SCRATCH / mutation.id
    _copy(names, copy)
    for file, old, new in mutation.changes:
        target = copy / file
        text = target.read_text(encoding="utf-8") if target.is_file() else ""
        if text.count(old) != 1:
            shutil.rmtree(copy, ignore_errors=True)
            return Outcome(mutation, "stale", f"{file}: the old text is there {text.count(old)} times", 0.0)
        target.unlink()  # a hard link to the project's file: write a new file, never through the link
        target.write_text(text.replace(old, new), encoding="utf-8")
    verdict, said = "survived", ""
    for args in (FIRST[mutation.category], BROAD):
        result = _pytest(copy, args)
        if result.returncode not in {0, 1}:  # interrupted, internal error, usage error, nothing collected
            lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
            verdict, said = "broken", f"pytest exit {result.returncode}: {lines[-1] if lines else ''}"
            break
        verdict = classify(result.stdout + result.stderr)
        if verdict != "survived":
            said = next((line for line in result.stdout.splitlines() if line.startswith("FAILED ")), "")
            break
    shutil.rmtree(copy, ignore_errors=True)
    return Outcome(mutation, verdict, said, time.monotonic() - start)


def baseline_failures(names: list[str]) -> list[str]:
    """The checks that fail in an unmutated copy (none, or the gate cannot tell a kill from a standing failure)."""
    copy = SCRATCH / "baseline"
    _copy(names, copy)
    result = _pytest(copy, BROAD)
    shutil.rmtree(copy, ignore_errors=True)
    if result.returncode == 0:
        return []
    failed = [line for line in result.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
    return failed or [f"pytest exit {result.returncode}", *result.stdout.splitlines()[-3:]]


def report(outcomes: list[Outcome]) -> list[str]:
    """The score per category, then every mutation that was not killed."""
    lines = [f"{'category':<15} {'applied':>7} {'killed':>7} {'fresh':>6} {'survived':>8} {'stale':>6} {'broken':>6}"]
    for category in FIRST:
        mine = [o for o in outcomes if o.mutation.category == category]
        if mine:
            count = {v: sum(o.verdict == v for o in mine) for v in VERDICTS}
            lines.append(
                f"{category:<15} {len(mine):>7} {count['killed']:>7} {count['fresh only']:>6} "
                f"{count['survived']:>8} {count['stale']:>6} {count['broken']:>6}"
            )
    killed = sum(o.verdict == "killed" for o in outcomes)
    lines.append(f"score: {killed} of {len(outcomes)} killed by a check of meaning")
    for outcome in outcomes:
        if outcome.verdict != "killed":
            m = outcome.mutation
            lines.append(f"{outcome.verdict}: {m.id} ({m.category}) {m.file}: {m.old!r} -> {m.new!r}: {m.why}")
            if outcome.said:
                lines.append(f"    {outcome.said}")
    return lines


def main(argv: list[str]) -> int:
    """Run the gate; 0 if every mutation was killed by a check of meaning, 1 if not, 2 if it cannot run.

    It cannot run when the set cannot be read, or when the unmutated project already fails a check.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", nargs="*", default=[], help="run only these mutation ids")
    parser.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)), help="copies run at once")
    args = parser.parse_args(argv)
    try:
        mutations = read_mutations()
    except (ValueError, tomllib.TOMLDecodeError) as error:
        sys.stderr.write(f"{error}\n")
        return 2
    chosen = [m for m in mutations if not args.only or m.id in args.only]
    names = _tracked()
    baseline = baseline_failures(names)
    if baseline:  # a check that fails without any mutation would kill every one: no score means anything then
        sys.stderr.write("the project fails its checks before any mutation; fix these first:\n" + "\n".join(baseline))
        sys.stderr.write("\n")
        return 2
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outcomes = list(pool.map(lambda m: run_one(m, names), chosen))
    for outcome in outcomes:
        by = f"  {outcome.said.removeprefix('FAILED ')[:110]}" if outcome.said else ""
        sys.stdout.write(f"{outcome.verdict:>10}  {outcome.mutation.id}  ({outcome.seconds:.0f} s){by}\n")
    sys.stdout.write("\n".join(report(outcomes)) + "\n")
    return 0 if all(o.verdict == "killed" for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
