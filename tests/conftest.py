"""What many test modules share: the sample catalogues, in every edition editions.toml declares."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import copy_in_every_edition

SAMPLES = Path(__file__).resolve().parent / "samples"


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of sample catalogues (``tests/samples/``), each with a text for every declared edition."""
    return copy_in_every_edition(SAMPLES, tmp_path_factory.mktemp("editions") / "samples")
