"""Which build of the tool wrote something kept on disk.

A kept result or index holds only for the code that made it: the version alone misses an
edited checkout, so the size and modification time of every source file count too.
"""

import hashlib
import os
from typing import List

from .. import __version__

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_tool: List[str] = []


def tool_fingerprint() -> str:
    """The version and the size and mtime of every source file of the package (its corpus
    aside), computed once per process: a stat of some 60 files."""
    if not _tool:
        digest = hashlib.blake2b(__version__.encode(), digest_size=8)
        for root, dirs, files in os.walk(_PACKAGE):
            dirs[:] = sorted(d for d in dirs if d not in ("corpus", "__pycache__"))
            for name in sorted(files):
                if name.endswith((".py", ".md")):
                    try:
                        info = os.stat(os.path.join(root, name))
                    except OSError:
                        continue
                    digest.update(f"{root}/{name}:{info.st_size}:{info.st_mtime_ns};".encode())
        _tool.append(digest.hexdigest())
    return _tool[0]
