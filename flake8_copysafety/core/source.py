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


class Unchecked(Exception):
    """The file could hold a finding but cannot be parsed: not checked (CPS901)."""

    def __init__(self, why: str, line: int = 1, col: int = 0) -> None:
        super().__init__(why)
        self.why, self.line, self.col = why, max(1, line), max(0, col)

    @classmethod
    def from_parser(cls, text: str) -> "Unchecked":
        """The parser's own message and position (1-based line, 0-based column)."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                compile(text, "<file>", "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
        except SyntaxError as exc:
            return cls(f"{type(exc).__name__}: {exc.msg}", exc.lineno or 1,
                       (exc.offset or 1) - 1)
        except (ValueError, MemoryError, RecursionError) as exc:
            return cls(f"{type(exc).__name__}: {exc}")
        return cls("the parser gave up on it")


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def split_lines(text: str) -> List[str]:
    """Physical lines with their endings, split only where Python's tokenizer splits."""
    return _LINE.findall(text)
