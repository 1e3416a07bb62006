"""The worker: import the analysis once, then answer each request in a forked child.

A child starts from the state right after those imports, so what one request reads (the
project model, the modules it followed) cannot go stale for the next: each runs
`lint_source` as a fresh flake8 process would, without the imports. The worker exits after
`client.idle_seconds()` without a request, on a stop request, or when its socket is taken
away; a lock held for its lifetime keeps a second worker on the same socket from starting.
Only its own user reaches it: the socket is in a private folder, readable and writable by
that user alone, and where the system says who connected (Linux), anyone else is refused.
"""

import json
import os
import signal
import socket
import struct
import time
from typing import Any, Dict, List

from ..engine.cache import writes_deferred
from . import client


def main(argv: List[str]) -> int:
    if len(argv) != 1 or not client.supported():
        return 2
    path = argv[0]
    if client.address() != path:  # another copy of the package, libcst or interpreter
        return 2
    import fcntl

    lock = open(path + ".lock", "w")  # noqa: SIM115 - held until the process exits
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return 0  # a worker already serves this socket
    _import_analysis()
    try:
        os.unlink(path)  # left behind by a worker that was killed
    except FileNotFoundError:
        pass
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    os.chmod(path, 0o600)
    listener.listen(64)
    listener.settimeout(client.idle_seconds())
    bound = os.stat(path).st_ino
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    signal.signal(signal.SIGTERM, _exit_now)
    try:
        serve(listener, path, bound, lock.fileno())
    finally:
        listener.close()
        _remove_if_ours(path, bound)
    return 0


def serve(listener: socket.socket, path: str, bound: int, lock: int) -> None:
    worker = os.getpid()
    while True:
        try:
            connection, _ = listener.accept()
        except socket.timeout:
            return
        if not _still_ours(path, bound):
            connection.close()
            return
        try:
            child = os.fork()
        except OSError:
            connection.close()  # the client analyses the file itself
            continue
        if child == 0:
            status = 1
            try:  # nothing of the worker's own may run here: its exit, its clean-up
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # the model may start processes
                listener.close()
                os.close(lock)  # the lock is the worker's: it must end with the worker
                status = _answer(connection, worker)
            finally:
                os._exit(status)
        connection.close()


def _answer(connection: socket.socket, worker: int) -> int:
    """Serve one request in a child of the worker `worker`; the child's exit status."""
    try:
        if not _same_user(connection):
            return 1
        connection.settimeout(30.0)
        request = json.loads(client.receive_all(connection, time.monotonic() + 30.0)
                             .decode("utf-8", "surrogatepass"))
        write_pending = None
        reply: Dict[str, Any]
        if request.get("stop"):
            if os.getppid() == worker:  # not some other process that inherited this child
                os.kill(worker, signal.SIGTERM)
            reply = {"stopped": True}
        elif request.get("ping"):
            reply = {"pid": worker}
        else:
            with writes_deferred() as write_pending:
                reply = {"findings": _lint(request)}
        connection.sendall(json.dumps(reply).encode("utf-8", "surrogatepass"))
        connection.close()
        if write_pending is not None:  # the result cache, once the editor has its answer
            write_pending()
        return 0
    except Exception:  # noqa: BLE001 - the client analyses the file itself
        return 1
    finally:
        connection.close()


def _same_user(connection: socket.socket) -> bool:
    """Whether the peer runs as this user, where the system tells (Linux `SO_PEERCRED`);
    elsewhere the private folder is the only door."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    size = struct.calcsize("3i")
    try:
        _, uid, _ = struct.unpack("3i", connection.getsockopt(socket.SOL_SOCKET, option, size))
    except OSError:
        return False
    return uid == os.getuid()


def _lint(request: dict) -> list:
    from ..engine.cache import finding_as_json
    from ..engine.pipeline import LintOptions, lint_source

    os.chdir(request["cwd"])
    for name in client.PASSED_ENV:  # the client's values of these, and nothing else
        os.environ.pop(name, None)
        value = request["env"].get(name)
        if isinstance(value, str):
            os.environ[name] = value
    options = LintOptions.from_payload(request["options"])
    found = lint_source(str(request["source"]), str(request["filename"]), options,
                        cache_dir=request["cache_dir"])
    return [finding_as_json(f) for f in found]


# Linted once, unnamed (no project around it), before the first request: what the analysis
# sets up on first use (libcst's parser configuration, compiled patterns, the facts tables)
# is then ready in every child.
_WARM_UP = """\
import copy
import torch
from torch.utils.data import Dataset


class Items(Dataset):
    def __init__(self):
        self.data = torch.zeros(4, 3)

    def __getitem__(self, index):
        sample = copy.copy(self.data[index])
        sample.mul_(2)
        return sample


def train(model):
    best = model.state_dict()
    for p in best.values():
        p.zero_()
    return best
"""


def _import_analysis() -> None:
    """What a file with a dataset or a state_dict needs, imported and run once before the
    first request (importing libcst alone is 0.1-0.2 s), then kept out of the collector's
    way so that children share it with the worker instead of copying it."""
    import gc

    from ..engine.pipeline import lint_source

    lint_source(_WARM_UP, "<string>")
    gc.collect()
    if hasattr(gc, "freeze"):
        gc.freeze()


def _still_ours(path: str, bound: int) -> bool:
    try:
        return os.stat(path).st_ino == bound
    except OSError:
        return False


def _remove_if_ours(path: str, bound: int) -> None:
    if _still_ours(path, bound):
        try:
            os.unlink(path)
        except OSError:
            pass


def _exit_now(signum, frame) -> None:
    raise SystemExit(0)
