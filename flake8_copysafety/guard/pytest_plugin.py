"""`pytest --copysafety`: run the test session under the runtime guards and fail a test whose
code changed a dataset's stored data or restored or saved a live state_dict snapshot.

Registered as a `pytest11` entry point; inert (imports nothing of torch) unless the option is
given.
"""

import pytest

from .session import GuardSession, TorchMissing

_SESSION = pytest.StashKey[GuardSession]()


def pytest_addoption(parser) -> None:
    group = parser.getgroup("copysafety")
    group.addoption("--copysafety", action="store_true", default=False,
                    help="run tests under the copysafety runtime guards: fail a test that "
                         "changes stored dataset data or restores or saves a live "
                         "state_dict() snapshot (CPS1xx, CPS2xx)")
    group.addoption("--copysafety-full-fingerprints", action="store_true", default=False,
                    help="compare all bytes of stored data, not a sample")


def pytest_configure(config) -> None:
    if not config.getoption("copysafety", default=False):
        return
    from .session import GuardOptions

    session = GuardSession(GuardOptions(
        full=config.getoption("copysafety_full_fingerprints", default=False)))
    try:
        session.start()
    except TorchMissing as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[_SESSION] = session
    config.add_cleanup(session.stop)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A test that passes but changed stored data fails with the guards' report; a test that
    fails on its own keeps its own exception and location, and the report goes beside them
    (a `copysafety guards` section of its failure)."""
    session = item.config.stash.get(_SESSION, None)
    if session is None:
        return (yield)
    start = len(session.findings)
    try:
        result = yield
    except BaseException:
        report = _report(session, start)
        if report:
            item.add_report_section("call", "copysafety guards", report)
        raise
    report = _report(session, start)
    if report:
        pytest.fail("copysafety guards:\n" + report, pytrace=False)
    return result


def _report(session: GuardSession, start: int) -> str:
    session.check_now("when the test ended")
    return "\n".join(f.text() for f in session.findings[start:])
