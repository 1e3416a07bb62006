"""Writing a cache file so that readers see the old or the new file, never a part."""

import os
import tempfile
from pathlib import Path
from typing import Union


def write_atomic(folder: Union[str, Path], target: Union[str, Path], data: bytes,
                 prefix: str = ".") -> None:
    """Write `data` to `target` through a temporary file in `folder` and a rename; the
    temporary file never outlives a failed write."""
    handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=str(folder))
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    finally:
        if os.path.lexists(temporary):
            try:
                os.unlink(temporary)
            except OSError:
                pass
