"""Small catalogue pieces built in code, for tests that need a step without a TOML file."""

from __future__ import annotations

from cutover.catalogue import Applies, Area, Kind, Step, Text


def make_step(
    step_id: str,
    applies: Applies = Applies.ALWAYS,
    after: tuple[str, ...] = (),
    after_a: tuple[str, ...] = (),
    after_b: tuple[str, ...] = (),
) -> Step:
    """A step of kind action whose area is its id's prefix, with placeholder texts carrying S1."""
    area = Area(step_id.partition("-")[0])
    text = Text(de=f"{step_id} (de)", en=f"{step_id} (en)")
    return Step(step_id, area, Kind.ACTION, applies, text, text, after, after_a, after_b, ("S1",), 1)
