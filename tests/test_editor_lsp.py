"""An editor's view, through a real client: python-lsp-server (`pylsp`, whose flake8 plugin
is how many editors run flake8) driven over LSP on stdio, set up as the README says. Opening
a file shows the CPS findings; editing and saving it moves them. With and without the
editor worker (`COPYSAFETY_WORKER=1`)."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import queue
import threading
from pathlib import Path

import pytest

pytest.importorskip("pylsp")

ROOT = Path(__file__).resolve().parent.parent

DATASET = '''import torch
from torch.utils.data import Dataset


class Rows(Dataset):
    def __init__(self):
        self.data = torch.zeros(8, 3)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        x = self.data[idx]
        x += 1
        return x
'''


class Client:
    """A minimal LSP client: Content-Length framed JSON-RPC over the server's stdio."""

    def __init__(self, cwd: Path, env):
        self.process = subprocess.Popen([sys.executable, "-m", "pylsp"], cwd=str(cwd), env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.messages: "queue.Queue[dict]" = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def send(self, method, params, request=False):
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return message.get("id")

    def wait_for(self, predicate, timeout=120.0):
        import time

        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError("no such message from pylsp")
            message = self.messages.get(timeout=left)
            if predicate(message):
                return message

    def close(self):
        try:
            shutdown = self.send("shutdown", None, request=True)
            self.wait_for(lambda m: m.get("id") == shutdown, timeout=30)
            self.send("exit", None)
            self.process.wait(timeout=30)
        except Exception:
            self.process.kill()
            self.process.wait()


def _cps(message, uri):
    """(0-based line, 0-based column, code) of a publishDiagnostics for `uri`, or None."""
    if message.get("method") != "textDocument/publishDiagnostics" or \
            message["params"]["uri"] != uri:
        return None
    return sorted((d["range"]["start"]["line"], d["range"]["start"]["character"], d["code"])
                  for d in message["params"]["diagnostics"]
                  if str(d.get("code", "")).startswith("CPS"))


@pytest.mark.parametrize("worker", [False, True], ids=["plain", "worker"])
def test_pylsp_shows_cps_findings_and_moves_them_after_an_edit(tmp_path, worker):
    flake8 = (shutil.which("flake8", path=os.path.dirname(sys.executable))
              or shutil.which("flake8"))
    if flake8 is None:
        pytest.skip("no flake8 executable")
    project = tmp_path / "proj"
    project.mkdir()
    (project / "pyproject.toml").write_text("")
    path = project / "data.py"
    path.write_text(DATASET)
    uri = path.as_uri()
    runtime = tempfile.mkdtemp(prefix="cps-")  # the worker's socket folder: a short path
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_RUNTIME_DIR=runtime,
               COPYSAFETY_WORKER_IDLE="60")
    for name in ("COPYSAFETY_WORKER", "CI", "PRE_COMMIT", "COPYSAFETY_NO_CACHE"):
        env.pop(name, None)
    if worker:
        env["COPYSAFETY_WORKER"] = "1"
    client = Client(project, env)
    try:
        init = client.send("initialize", {"processId": os.getpid(), "rootUri": project.as_uri(),
                                          "capabilities": {}}, request=True)
        client.wait_for(lambda m: m.get("id") == init)
        client.send("initialized", {})
        client.send("workspace/didChangeConfiguration", {"settings": {"pylsp": {"plugins": {
            "flake8": {"enabled": True, "executable": flake8},
            "pycodestyle": {"enabled": False}, "pyflakes": {"enabled": False},
            "mccabe": {"enabled": False}}}}})

        client.send("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "python", "version": 1, "text": DATASET}})
        opened = client.wait_for(lambda m: bool(_cps(m, uri)))
        assert _cps(opened, uri) == [(13, 8, "CPS101")]

        edited = "# two lines\n# above\n" + DATASET
        path.write_text(edited)
        client.send("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": edited}]})
        client.send("textDocument/didSave", {"textDocument": {"uri": uri}})
        moved = client.wait_for(lambda m: _cps(m, uri) == [(15, 8, "CPS101")])
        assert _cps(moved, uri) == [(15, 8, "CPS101")]

        fixed = edited.replace("x = self.data[idx]\n", "x = self.data[idx].clone()\n")
        path.write_text(fixed)
        client.send("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": fixed}]})
        client.send("textDocument/didSave", {"textDocument": {"uri": uri}})
        client.wait_for(lambda m: _cps(m, uri) == [])
        status = subprocess.run([sys.executable, "-m", "flake8_copysafety", "worker"], env=env,
                                capture_output=True, text=True, timeout=60).stdout
        # the first run starts the worker; the edits are answered by it
        assert status.startswith("The worker is running") == worker, status
    finally:
        client.close()
        if worker:
            subprocess.run([sys.executable, "-m", "flake8_copysafety", "worker", "stop"],
                           env=env, capture_output=True, timeout=60)
        shutil.rmtree(runtime, ignore_errors=True)
