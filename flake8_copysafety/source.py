"""Turn a file's bytes into text the way Python does (PEP 263 cookie, BOM), or give up."""

import io
import tokenize
from typing import List, Optional, Union


def decode(source: Union[str, bytes]) -> Optional[str]:
    """The source as text without a BOM, or None when it cannot be decoded."""
    if isinstance(source, str):
        return source.lstrip("\ufeff")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        return source.decode(encoding).lstrip("\ufeff")
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return None


def source_lines(text: str) -> List[str]:
    """Lines as Python numbers them: split at \\n, \\r\\n and \\r only (`str.splitlines` also
    splits at form feeds and Unicode separators, which would shift every line after them)."""
    return io.StringIO(text, newline="").readlines()
