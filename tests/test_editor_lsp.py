"""An editor, for real: python-lsp-server (`pylsp`, whose flake8 plugin is how many editors
run flake8) driven over LSP stdio shows the CPS findings, and moves them when the file changes
and is saved, with and without the editor worker."""

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("pylsp")

SOURCE = '''\
import torch
from torch.utils.data import Dataset


class Points(Dataset):
    def __init__(self):
        self.points = torch.zeros(4, 3)

    def __len__(self):
        return 4

    def __getitem__(self, idx):
        p = self.points[idx]
        p += 1
        return p
'''


class Client:
    """A minimal LSP client: Content-Length framed JSON-RPC over the server's stdio."""

    def __init__(self, root: Path, env: dict) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "pylsp"], cwd=root, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.messages: "queue.Queue[dict]" = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def send(self, method: str, params: dict, request: bool = False) -> None:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def diagnostics(self, uri: str, timeout: float = 60) -> list:
        """The next diagnostics published for `uri` (pylsp publishes on open and on save)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            if message.get("method") == "textDocument/publishDiagnostics" and \
                    message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]
        raise AssertionError("no diagnostics published")

    def close(self) -> None:
        self.send("shutdown", {}, request=True)
        self.send("exit", {})
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _cps(diagnostics: list) -> list:
    return sorted((d["code"], d["range"]["start"]["line"] + 1,
                   d["range"]["start"]["character"] + 1)
                  for d in diagnostics if str(d.get("code", "")).startswith("CPS"))


@pytest.mark.parametrize("worker", [False, True], ids=["in-process", "worker"])
def test_pylsp_shows_and_moves_cps_findings(tmp_path, worker):
    path = tmp_path / "data.py"
    path.write_text(SOURCE)
    uri = path.as_uri()
    env = dict(os.environ, COPYSAFETY_NO_CACHE="1")
    env.pop("COPYSAFETY_WORKER", None)
    if worker:
        env["COPYSAFETY_WORKER"] = "1"
    client = Client(tmp_path, env)
    try:
        client.send("initialize", {"processId": os.getpid(), "rootUri": tmp_path.as_uri(),
                                   "capabilities": {}}, request=True)
        client.send("initialized", {})
        client.send("workspace/didChangeConfiguration", {"settings": {"pylsp": {"plugins": {
            "flake8": {"enabled": True, "select": ["CPS"]},
            "pycodestyle": {"enabled": False}, "pyflakes": {"enabled": False},
            "mccabe": {"enabled": False}, "pydocstyle": {"enabled": False}}}}})
        client.send("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "python", "version": 1, "text": SOURCE}})
        found = _cps(client.diagnostics(uri))
        while not found:  # the configuration may land after the first lint
            found = _cps(client.diagnostics(uri))
        assert found == [("CPS101", 14, 9)]

        moved = SOURCE.replace("        p = self.points[idx]\n",
                               "        # the stored row, not a copy\n"
                               "        p = self.points[idx]\n")
        path.write_text(moved)
        client.send("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": moved}]})
        client.send("textDocument/didSave", {"textDocument": {"uri": uri}})
        found = _cps(client.diagnostics(uri))
        while found == [("CPS101", 14, 9)]:  # a lint of the unsaved change may come first
            found = _cps(client.diagnostics(uri))
        assert found == [("CPS101", 15, 9)]

        fixed = moved.replace("self.points[idx]\n", "self.points[idx].clone()\n")
        path.write_text(fixed)
        client.send("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [{"text": fixed}]})
        client.send("textDocument/didSave", {"textDocument": {"uri": uri}})
        found = _cps(client.diagnostics(uri))
        while found:
            found = _cps(client.diagnostics(uri))
        assert found == []
    finally:
        client.close()
