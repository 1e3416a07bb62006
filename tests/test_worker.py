"""The editor worker, through real flake8 processes: a run of one file is answered by the
worker (flake8's process never imports libcst) with the findings flake8's own process gives;
nothing one request read is kept for the next; a folder that is not private, a stale socket
or a run over several files leaves the work in flake8's process; the worker stops when
asked and when idle."""

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Dict, Optional

import pytest

from flake8_copysafety.worker import client

from cli_support import CANONICAL, write
from test_cache import FLAKE8
from test_stores import CHANGED_LINE as STORED_LINE
from test_stores import DATASET as STORED
from test_stores import NAME as STORE_GET

pytestmark = pytest.mark.skipif(not client.supported(), reason="the worker needs fork and "
                                "Unix sockets")

HELPER = textwrap.dedent("""\
    def normalize(im):
        im -= 0.5
        return im
""")
HELPED = textwrap.dedent("""\
    import torch
    from torch.utils.data import Dataset

    from helpers import normalize


    class D(Dataset):
        def __init__(self):
            self.data = torch.rand(8, 3)

        def __len__(self):
            return 8

        def __getitem__(self, idx):
            return normalize(self.data[idx])
""")


@pytest.fixture
def runtime(monkeypatch):
    """A private runtime folder with a short path (a socket's path is limited to about 100
    bytes), set for this process and the flake8 processes; its worker is stopped after."""
    folder = tempfile.mkdtemp(prefix="cps-")
    monkeypatch.setenv("XDG_RUNTIME_DIR", folder)
    monkeypatch.setenv("COPYSAFETY_WORKER_IDLE", "60")  # a worker a failed test leaves exits
    # these tests count who analysed: a slow machine must not make flake8 give up waiting
    monkeypatch.setenv("COPYSAFETY_WORKER_TIMEOUT", "120")
    monkeypatch.delenv("COPYSAFETY_WORKER", raising=False)
    yield Path(folder)
    path = client.address()
    if path is not None:
        client.stop(path)
    shutil.rmtree(folder, ignore_errors=True)


def flake8(cwd: Path, *args: str, worker: bool = True, isolated: bool = True,
           stdin: Optional[str] = None, extra_env: Optional[Dict[str, str]] = None,
           python: str = sys.executable) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    for name in ("COPYSAFETY_NO_CACHE", "COPYSAFETY_CACHE_DIR", "COPYSAFETY_WORKER", "CI",
                 "PRE_COMMIT"):
        env.pop(name, None)
    env.update(extra_env or {})
    if worker:
        env["COPYSAFETY_WORKER"] = "1"
    head = ["--isolated"] if isolated else []
    return subprocess.run([python, "-c", FLAKE8, *head, "--select=CPS", *args],
                          cwd=str(cwd), capture_output=True, text=True, env=env, timeout=300,
                          input=stdin)


def fresh(cwd: Path, *args: str, stdin: Optional[str] = None) -> str:
    """What flake8's own process reports, with neither the worker nor the result cache."""
    env = dict(os.environ, COPYSAFETY_NO_CACHE="1")
    env.pop("COPYSAFETY_WORKER", None)
    return subprocess.run([sys.executable, "-c", FLAKE8, "--isolated", "--select=CPS", *args],
                          cwd=str(cwd), capture_output=True, text=True, env=env,
                          timeout=300, input=stdin).stdout


def wait_for_worker(seconds: float = 60.0) -> int:
    path = client.address()
    deadline = time.monotonic() + seconds
    while True:
        pid = client.ping(path)
        if pid is not None:
            return pid
        if time.monotonic() > deadline:
            raise AssertionError("no worker answered")
        time.sleep(0.1)


def test_a_save_is_answered_by_the_worker(tmp_path, runtime):
    write(tmp_path, {"ds.py": CANONICAL})
    first = flake8(tmp_path, "ds.py")  # no worker yet: analysed here, and one is started
    assert first.stdout.startswith("ds.py:11:9: CPS101 ")
    assert "libcst imported: True" in first.stderr
    wait_for_worker()
    for edit in ("x += 2", "x *= 3"):  # inside the analysed method: no reuse can answer
        write(tmp_path, {"ds.py": CANONICAL.replace("x += 1", edit)})
        started = time.time()
        saved = flake8(tmp_path, "ds.py")
        assert "libcst imported: False" in saved.stderr
        assert saved.stdout == fresh(tmp_path, "ds.py")
        assert saved.stdout.startswith("ds.py:11:9: CPS101 ")
    _written_after(tmp_path / ".copysafety_cache", started)  # it writes after answering
    pid = wait_for_worker()
    assert client.stop(client.address())
    _gone(pid, client.address())
    again = flake8(tmp_path, "ds.py")  # unchanged: the worker stored its answer for it
    assert again.stdout == saved.stdout and "libcst imported: False" in again.stderr
    write(tmp_path, {"ds.py": CANONICAL.replace("x = self.data[idx]", "x = self.data[idx] * 1")})
    assert flake8(tmp_path, "ds.py").stdout == ""


def test_the_worker_reads_the_project_afresh_for_every_file(tmp_path, runtime):
    """A change the dataset's module makes through a helper is reported in the helper's
    module: whether it is depends on the dataset's module, which changes between saves."""
    write(tmp_path, {"helpers.py": HELPER, "ds.py": HELPED})
    assert flake8(tmp_path, "helpers.py").stdout.startswith("helpers.py:2:5: CPS101 ")
    wait_for_worker()
    edits = iter(range(100))

    def save_helper() -> subprocess.CompletedProcess:
        edited = HELPER.replace("    im -= 0.5", f"    step = {next(edits)}\n    im -= 0.5")
        write(tmp_path, {"helpers.py": edited})
        return flake8(tmp_path, "helpers.py")

    saved = save_helper()
    assert saved.stdout.startswith("helpers.py:3:5: CPS101 ")
    assert "libcst imported: False" in saved.stderr
    write(tmp_path, {"ds.py": HELPED.replace("self.data[idx])", "self.data[idx].clone())")})
    saved = save_helper()
    assert saved.stdout == "" and "libcst imported: False" in saved.stderr
    write(tmp_path, {"ds.py": HELPED})
    assert save_helper().stdout.startswith("helpers.py:3:5: CPS101 ")


def test_one_worker_per_installation_whatever_its_interpreter_is_called(tmp_path, runtime):
    """`python`, `python3` and a console script's shebang name one installation: a worker
    started by one of them is the one the others ask (and `copysafety worker` shows)."""
    here = Path(sys.executable)
    names = ("python", "python3", f"python{sys.version_info[0]}.{sys.version_info[1]}")
    others = [here.with_name(n) for n in names if here.with_name(n).exists() and n != here.name]
    if not others:
        pytest.skip("this interpreter has no other name in its folder")
    write(tmp_path, {"ds.py": CANONICAL})
    flake8(tmp_path, "ds.py", python=str(others[0]))
    wait_for_worker()  # asked under this process's own name for the interpreter


def test_a_run_over_several_files_starts_no_worker(tmp_path, runtime):
    write(tmp_path, {"ds.py": CANONICAL, "other.py": CANONICAL})
    found = flake8(tmp_path, "ds.py", "other.py")
    assert found.stdout.count("CPS101") == 2
    time.sleep(3.0)
    assert not list(runtime.rglob("*.lock"))  # no worker was started
    assert client.ping(client.address()) is None


def test_stdin_and_the_options_reach_the_worker(tmp_path, runtime):
    """`flake8 -` with the path the editor shows, and a setting that changes the findings:
    the worker answers as flake8's own process does."""
    option = f"--copysafety-reference-returning={STORE_GET}"
    args = ("--stdin-display-name=data.py", "-")
    flake8(tmp_path, option, *args, stdin=STORED)
    wait_for_worker()
    for edit in ('kept["y"] = 1', 'kept["y"] = 2'):  # inside the analysed method
        text = STORED.replace('kept["y"] = 0', edit)
        saved = flake8(tmp_path, option, *args, stdin=text)
        assert "libcst imported: False" in saved.stderr
        assert saved.stdout.startswith(f"data.py:{STORED_LINE}:9: CPS101 ")
        assert saved.stdout == fresh(tmp_path, option, *args, stdin=text)
        unset = flake8(tmp_path, *args, stdin=text)  # without the setting: nothing known
        assert unset.stdout == "" and "libcst imported: False" in unset.stderr


@pytest.mark.parametrize("variable", ["CI", "PRE_COMMIT"])
def test_no_worker_in_ci_or_a_commit_hook(tmp_path, runtime, variable):
    write(tmp_path, {"ds.py": CANONICAL})
    found = flake8(tmp_path, "ds.py", extra_env={variable: "1"})
    assert found.stdout.startswith("ds.py:11:9: CPS101 ")
    time.sleep(3.0)
    assert not list(runtime.rglob("*.lock"))


def test_the_setting_in_the_configuration_starts_it(tmp_path, runtime):
    write(tmp_path, {"ds.py": CANONICAL, "setup.cfg": "[flake8]\ncopysafety-worker = true\n"})
    assert flake8(tmp_path, "ds.py", worker=False, isolated=False).stdout.startswith(
        "ds.py:11:9: CPS101 ")
    wait_for_worker()


def test_a_folder_others_may_enter_is_not_used(tmp_path, runtime):
    shared = runtime / "copysafety"
    shared.mkdir()
    shared.chmod(0o777)
    assert client.address() is None
    write(tmp_path, {"ds.py": CANONICAL})
    found = flake8(tmp_path, "ds.py")
    assert found.stdout.startswith("ds.py:11:9: CPS101 ")
    time.sleep(3.0)
    assert list(shared.iterdir()) == []  # no socket, no lock: no worker started


def test_a_stale_socket_is_replaced(tmp_path, runtime):
    path = Path(client.address())
    path.write_text("not a socket")
    write(tmp_path, {"ds.py": CANONICAL})
    assert flake8(tmp_path, "ds.py").stdout.startswith("ds.py:11:9: CPS101 ")
    wait_for_worker()
    write(tmp_path, {"ds.py": CANONICAL.replace("x += 1", "x += 5")})
    saved = flake8(tmp_path, "ds.py")
    assert saved.stdout.startswith("ds.py:11:9: CPS101 ")
    assert "libcst imported: False" in saved.stderr


def test_the_worker_stops_when_asked_and_when_idle(runtime, monkeypatch):
    path = client.address()
    client.start(path)
    pid = wait_for_worker()
    second = client.start(path)
    assert second.wait(timeout=60) == 0 and wait_for_worker() == pid  # one worker per socket
    assert client.stop(path)
    _gone(pid, path)
    monkeypatch.setenv("COPYSAFETY_WORKER_IDLE", "0.5")
    client.start(path)
    pid = wait_for_worker()
    _gone(pid, path)


def _written_after(folder: Path, started: float, seconds: float = 30.0) -> None:
    """Wait until two entries (the file's result, its analysis for reuse) are newer than
    `started`."""
    deadline = time.monotonic() + seconds
    while sum(1 for p in folder.rglob("*.json") if p.stat().st_mtime >= started) < 2:
        if time.monotonic() > deadline:
            raise AssertionError("the worker wrote no result cache entries")
        time.sleep(0.1)


def _gone(pid: int, path: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while os.path.exists(path) or _alive(pid):
        if time.monotonic() > deadline:
            raise AssertionError("the worker did not exit")
        time.sleep(0.1)
    assert client.ping(path) is None


def _alive(pid: int) -> bool:
    try:  # a worker this process started stays a zombie until it is reaped
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_command_shows_and_stops_it(runtime):
    def command(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "flake8_copysafety", "worker", *args],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert command() == "No worker is running.\n"
    client.start(client.address())
    pid = wait_for_worker()
    assert command("status").startswith(f"The worker is running (pid {pid}, socket ")
    assert command("stop") == f"Stopped the worker (pid {pid}).\n"
    _gone(pid, client.address())
    assert command("stop") == "No worker is running.\n"


def test_a_folder_too_deep_for_a_socket_is_not_used(tmp_path, monkeypatch):
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True, mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    assert client.private_folder() is not None and client.address() is None
    done = subprocess.run([sys.executable, "-m", "flake8_copysafety", "worker"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "too long a path for a Unix socket" in done.stderr
    write(tmp_path, {"ds.py": CANONICAL})
    found = flake8(tmp_path, "ds.py", extra_env={"XDG_RUNTIME_DIR": str(deep)})
    assert found.stdout.startswith("ds.py:11:9: CPS101 ")
    assert "libcst imported: True" in found.stderr
