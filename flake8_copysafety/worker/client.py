"""Finding, asking and starting the worker: cheap to import (flake8 already imported what
this needs), and silent on every failure, which leaves the work to the caller.

The worker's socket lives in a folder only its user may enter (`$XDG_RUNTIME_DIR/copysafety`,
or `copysafety-UID` in the temporary folder), as ssh-agent's does: a folder that anyone
else owns or may write is not used. One worker per Python installation (`sys.prefix`, its
version) and tool fingerprint (the version and each source file's size and modification
time, and libcst's install): after an upgrade or an edit of the tool, the next save starts a
new worker and the old one exits when it has been idle for `IDLE_SECONDS`.
"""

import hashlib
import json
import os
import socket
import stat
import sys
import time
from typing import TYPE_CHECKING, List, Optional

from ..core.findings import Finding
from ..core.options import LintOptions
from ..engine.cache import finding_from_json, tool_fingerprint

if TYPE_CHECKING:
    import subprocess

ENV_IDLE = "COPYSAFETY_WORKER_IDLE"
IDLE_SECONDS = 900.0  # a worker nobody asked for this long exits
SOCKET_PATH_BYTES = 104
REPLY_TIMEOUT = 600.0  # seconds: the longest any exchange may take (the command's own)
# An editor waits for one file's answer this long after sending it (COPYSAFETY_WORKER_TIMEOUT
# changes it); then flake8's process analyses the file and the worker, stuck or stopped, is
# replaced.
ENV_TIMEOUT = "COPYSAFETY_WORKER_TIMEOUT"
REPLY_SECONDS = 2.0
# The environment that changes a lint: the caches and where they are.
PASSED_ENV = ("COPYSAFETY_NO_CACHE", "COPYSAFETY_CACHE_DIR", "XDG_CACHE_HOME", "HOME")
_PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The worker's first lines: this very package, loaded from where this client's was, and no
# folder of the linted project on the import path (its `copy.py` must not hide the standard
# library's, nor run): the worker starts in the socket's private folder, and the entry
# Python puts first for `-c` (that folder) is dropped.
_BOOT = ("import importlib.machinery, importlib.util, sys; "
         "sys.path[:1] = [] if sys.path[:1] == [''] else sys.path[:1]; "
         "spec = importlib.machinery.PathFinder.find_spec('flake8_copysafety', [sys.argv[1]]); "
         "package = importlib.util.module_from_spec(spec); sys.modules[spec.name] = package; "
         "spec.loader.exec_module(package); "
         "from flake8_copysafety.worker.server import main; sys.exit(main(sys.argv[2:]))")


def supported() -> bool:
    return hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and hasattr(os, "getuid")


def idle_seconds() -> float:
    try:
        return max(float(os.environ.get(ENV_IDLE, "")), 0.1)
    except ValueError:
        return IDLE_SECONDS


def reply_seconds() -> float:
    try:
        return max(float(os.environ.get(ENV_TIMEOUT, "")), 0.05)
    except ValueError:
        return REPLY_SECONDS


def private_folder() -> Optional[str]:
    """The folder for worker sockets, created if missing; None when it is not private (owned
    by another user, a symbolic link, or open to others)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        folder = os.path.join(runtime, "copysafety")
    else:
        import tempfile

        folder = os.path.join(tempfile.gettempdir(), f"copysafety-{os.getuid()}")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and \
        not info.st_mode & 0o077
    return folder if private else None


def address() -> Optional[str]:
    """The socket of this installation's worker (it may not be running), or None: no
    private folder, or one whose path leaves no room for the socket's name."""
    folder = private_folder()
    if folder is None:
        return None
    # the installation (a virtual environment's own prefix), not the interpreter's path:
    # `python`, `python3` and a console script's shebang of one environment share a worker
    key = hashlib.blake2b(f"{sys.prefix}\0{sys.version}\0{_PACKAGE_PARENT}\0"
                          f"{tool_fingerprint()}\0{_libcst_stamp()}".encode(
                              "utf-8", "surrogatepass"), digest_size=8).hexdigest()
    path = os.path.join(folder, f"{key}.sock")
    # a Unix socket's path holds at most 104 bytes on macOS and the BSDs, 108 on Linux
    return path if len(os.fsencode(path)) < SOCKET_PATH_BYTES else None


def _libcst_stamp() -> str:
    """Where libcst is and when it was installed, without importing it: an upgrade of
    libcst starts a new worker too."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("libcst")
        info = os.stat(spec.origin) if spec is not None and spec.origin else None
    except (ImportError, OSError, ValueError):
        return ""
    return "" if info is None or spec is None else f"{spec.origin}:{info.st_mtime_ns}"


def lint_in_worker(source: str, filename: str, options: LintOptions,
                   cache_dir: Optional[str]) -> Optional[List[Finding]]:
    """The findings of one file as `lint_source` gives them, computed by the worker; None
    when no worker answered (one is then started for the next file)."""
    path = address()
    if path is None:
        return None
    request = {"cwd": os.getcwd(), "filename": filename, "source": source,
               "options": options.as_payload(), "cache_dir": cache_dir,
               "env": {name: os.environ[name] for name in PASSED_ENV if name in os.environ}}
    stuck: List[int] = []
    try:
        reply = exchange(path, request, reply_seconds(), stuck)
    except (FileNotFoundError, ConnectionRefusedError):
        start(path)
        return None
    except socket.timeout:  # (TimeoutError)
        if stuck and _end_worker(stuck[0]):
            start(path)
        return None
    except (OSError, ValueError):
        return None
    try:
        return [finding_from_json(item) for item in reply["findings"]]
    except (KeyError, TypeError, ValueError):
        return None


def exchange(path: str, request: dict, timeout: float = REPLY_TIMEOUT,
             peer: Optional[List[int]] = None) -> dict:
    """Send one JSON request and read the JSON reply within `timeout` seconds in all
    (raises OSError, ValueError; TimeoutError when no reply came in time). `peer`, when
    given, receives the process id of the worker that listens on `path`, where the system
    tells (Linux `SO_PEERCRED`: that of the process that listens, stopped or not)."""
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout)
        connection.connect(path)
        if peer is not None:
            peer.extend(_listener(connection))
        connection.sendall(json.dumps(request).encode("utf-8", "surrogatepass"))
        connection.shutdown(socket.SHUT_WR)
        reply = receive_all(connection, deadline)
    answer = json.loads(reply.decode("utf-8", "surrogatepass"))
    if not isinstance(answer, dict):
        raise ValueError("the worker's reply is not an object")
    return answer


def _listener(connection: socket.socket) -> List[int]:
    """[the pid of the process listening at the other end] when it runs as this user."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return []
    import struct

    try:
        pid, uid, _ = struct.unpack("3i", connection.getsockopt(
            socket.SOL_SOCKET, option, struct.calcsize("3i")))
    except OSError:
        return []
    return [pid] if uid == os.getuid() and pid > 1 else []


def _end_worker(pid: int) -> bool:
    """Kill a worker that did not answer in time, with the children answering its
    requests (a worker leads its own process group: it was started in a new session), so
    that the next file starts a fresh one; whether it was ended."""
    import signal

    try:
        if os.getpgid(pid) != pid or pid == os.getpgid(0):
            return False  # not a worker this client started: leave it alone
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        return False
    return True


def receive_all(connection: socket.socket, deadline: float) -> bytes:
    """Everything the peer sends until it shuts its side (raises socket.timeout when
    `deadline`, a `time.monotonic()` value, passes first)."""
    chunks: List[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise socket.timeout("no complete reply in time")
        connection.settimeout(left)
        chunk = connection.recv(1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def start(path: str) -> Optional["subprocess.Popen"]:
    """Start a worker on `path` in the background, detached from this process, with this
    interpreter and environment. A second start while one runs exits at once (the worker
    holds a lock), and so does a worker whose own address differs (another libcst, say).
    The process started, or None when none could be."""
    import subprocess

    try:
        return subprocess.Popen(
            [sys.executable, "-c", _BOOT, _PACKAGE_PARENT, path],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            cwd=os.path.dirname(path), start_new_session=True, close_fds=True)
    except OSError:
        return None


def ping(path: str) -> Optional[int]:
    """The process id of the worker listening on `path`, or None when none answers."""
    try:
        pid = exchange(path, {"ping": True}, timeout=10.0).get("pid")
    except (OSError, ValueError):
        return None
    return pid if isinstance(pid, int) else None


def stop(path: str) -> bool:
    """Ask the worker on `path` to exit; whether one was running."""
    try:
        return bool(exchange(path, {"stop": True}, timeout=10.0).get("stopped"))
    except (OSError, ValueError):
        return False
