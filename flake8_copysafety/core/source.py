"""Turn a file's bytes into text the way Python does (PEP 263 cookie, BOM), or give up."""

import ast
import io
import re
import tokenize
import warnings
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


def parse_quietly(text: str) -> Optional[ast.Module]:
    """The `ast` of a file, or None if it is not valid Python; the file's own warnings
    (`"\\d"` escapes, `is` with a literal) are its author's business, not printed here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return ast.parse(text)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return None


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def split_lines(text: str) -> List[str]:
    """Physical lines with their endings, split only where Python's tokenizer splits."""
    return _LINE.findall(text)
