"""Turn a file's bytes into text the way Python does (PEP 263 cookie, BOM), or give up."""

import ast
import io
import re
import sys
import tokenize
import warnings
from typing import List, Optional, Union


def decode(source: Union[str, bytes]) -> Optional[str]:
    """The source as text without a BOM (line endings kept, for writing fixes back), or None
    when Python could not decode it."""
    if isinstance(source, str):
        return source.lstrip("\ufeff")
    try:
        encoding, first = tokenize.detect_encoding(_first_lines(source))
        text = source.decode(encoding).lstrip("\ufeff")
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return None
    if encoding not in ("utf-8", "utf-8-sig") and not _keeps_cookie(text, len(first)):
        return None
    return text


def _first_lines(raw: bytes):
    """A `readline` over the file's first two lines as Python's tokenizer splits them: at
    `\\r` too (`tokenize.detect_encoding` reads `BytesIO` lines, split at `\\n` only, and
    misses a cookie in a file of `\\r` endings)."""
    lines = [m.group() for m, _ in zip(_RAW_LINE.finditer(raw), range(2))]
    return iter(lines + [b""] * 2).__next__


_RAW_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _keeps_cookie(text: str, lines: int) -> bool:
    """Python reads the cookie as ASCII and then the file in its encoding: a codec that does
    not map those ASCII lines to themselves (UTF-16, UTF-32, EBCDIC) turns the file into
    other characters, which Python refuses ("encoding problem", "invalid character")."""
    return any(tokenize.cookie_re.match(line) for line in source_lines(text)[:lines])


def python_text(source: Union[str, bytes]) -> Optional[str]:
    """The text Python compiles: decoded as `decode` does, and with `\\r\\n` and a lone
    `\\r` read as `\\n` (Python's universal newlines, which flake8 applies too), so every
    front end analyses the same text; lines and columns are those of the file."""
    text = decode(source)
    if text is None or "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
    def from_decoding(cls, source: Union[str, bytes]) -> "Unchecked":
        """Why Python cannot read the file, in Python's own words where it has them."""
        why = "cannot decode it in its declared encoding (PEP 263; UTF-8 without a coding line)"
        if isinstance(source, bytes):
            refused = python_refuses(source, only_ast=True)
            if refused is not None:
                return cls(f"{why}; Python says {refused.why}", refused.line, refused.col)
        return cls(why)

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


def python_refuses(source: Union[str, bytes], only_ast: bool = False,
                   tree: Optional[ast.Module] = None) -> Optional[Unchecked]:
    """Why CPython, run as `python FILE` is (its default recursion limit), would not compile
    the file, or None. Beyond the parser, the compiler refuses too deep expressions
    (RecursionError), more than 20 nested blocks and other limits the `ast` does not know.
    `tree`, the file's `ast` already parsed, is compiled instead of parsing it again; the
    compiler sees the same tree either way, and a refusal is asked of the text again (the
    conversion of a deep tree may refuse where the text would not, and the message and
    position are the text's)."""
    if tree is not None and not only_ast:
        if _refusal(tree, 0) is None:
            return None
    return _refusal(source, ast.PyCF_ONLY_AST if only_ast else 0)


def _refusal(source, flags: int) -> Optional[Unchecked]:
    previous = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(min(previous, _PYTHON_RECURSION_LIMIT))
    except RecursionError:  # called deeper than that: keep the limit there is
        pass
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(source, "<file>", "exec", flags, dont_inherit=True)
    except SyntaxError as exc:
        return Unchecked(f"{type(exc).__name__}: {exc.msg}",
                         exc.lineno or 1, (exc.offset or 1) - 1)
    except (ValueError, MemoryError, RecursionError) as exc:
        return Unchecked(f"{type(exc).__name__}: {exc}")
    finally:
        sys.setrecursionlimit(previous)
    return None


_PYTHON_RECURSION_LIMIT = 1000  # the interpreter's default, which `python FILE` runs under
