"""Shared fixtures: the path to ../shared, hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLEANWIRE_SHARED", REPO.parent / "shared"))

settings.register_profile("default", max_examples=100, deadline=None)
# The CI profile: many more examples, run as the `slow` marked tests in .ci/run. Derandomized, as
# Hypothesis advises for CI: every run checks the same examples, so a verdict never depends on the
# run; new examples are explored by the default profile, whose runs are random.
settings.register_profile(
    "ci", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared data folder; tests that need it skip when it is absent."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"needs ../shared (looked in {SHARED}); set CLEANWIRE_SHARED to its path")
    return SHARED
