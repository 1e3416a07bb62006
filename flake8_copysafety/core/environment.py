"""Switches read from the environment (COPYSAFETY_NO_CACHE, COPYSAFETY_WORKER, CI): one rule
for what counts as on. Imports nothing: the flake8 plugin reads them on every run."""

import os


def flag(name: str) -> bool:
    """Whether the variable `name` is set to something other than empty, 0, false or no."""
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")
