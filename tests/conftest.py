"""Settings from the developer's shell that would change what the tests measure."""

import pytest


@pytest.fixture(autouse=True)
def _no_editor_worker(monkeypatch):
    """COPYSAFETY_WORKER=1, as the README suggests for editors, would make flake8
    subprocesses ask a background worker instead of analysing: tests that count imports or
    analyses turn it on themselves (tests/test_worker.py)."""
    monkeypatch.delenv("COPYSAFETY_WORKER", raising=False)
    monkeypatch.delenv("COPYSAFETY_WORKER_IDLE", raising=False)
