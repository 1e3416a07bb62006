"""Turn a file's bytes into text the way Python does (PEP 263 cookie, BOM), or give up."""

import io
import tokenize
from typing import Optional, Union


def decode(source: Union[str, bytes]) -> Optional[str]:
    """The source as text without a BOM, or None when it cannot be decoded."""
    if isinstance(source, str):
        return source.lstrip("\ufeff")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        return source.decode(encoding).lstrip("\ufeff")
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return None
