"""`# noqa` comments, read exactly the way flake8 reads them.

flake8 searches for the comment on the finding's physical line joined with the lines it shares
tokens with up to the next line-break token: the lines of a triple-quoted string, or lines
joined by a backslash, count as one; the lines of a bracketed call do not. It matches the
same regular expression as here and treats the listed codes as prefixes (`# noqa: CPS1`
covers CPS101..CPS104). The word `noqa` is case-insensitive; the codes are compared as
written, so `# noqa: cps101` does not suppress CPS101 in flake8, nor here. A line
`# flake8: noqa` on its own skips the whole file.
"""

import io
import re
import tokenize
from typing import Dict, Optional

from ..core.source import split_lines

# The same expressions as flake8.defaults.NOQA_INLINE_REGEXP and NOQA_FILE (flake8 7).
NOQA_INLINE = re.compile(
    r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?",
    re.IGNORECASE,
)
NOQA_FILE = re.compile(r"\s*# flake8[:=]\s*noqa", re.I)
_SEPARATOR = re.compile(r"[,\s]")


def comment_suppresses(comment_line: str, code: str) -> bool:
    """Whether the text of a (logical) line holds a `# noqa` that covers `code`."""
    match = NOQA_INLINE.search(comment_line)
    if match is None:
        return False
    codes_str = match.group("codes")
    if codes_str is None:
        return True
    codes = {c.strip() for c in _SEPARATOR.split(codes_str) if c.strip()}
    return code in codes or code.startswith(tuple(codes))


class NoqaMap:
    """For one file: which findings its `# noqa` comments suppress."""

    def __init__(self, text: str) -> None:
        self._lines = split_lines(text)
        self._text = text
        self._logical: Optional[Dict[int, str]] = None

    @property
    def file_ignored(self) -> bool:
        """`# flake8: noqa` on a line of its own: flake8 skips the file entirely."""
        return any(NOQA_FILE.match(line) for line in self._lines)

    def line_text(self, line: int) -> str:
        """The text flake8 searches for `noqa` when a finding is on `line` (1-based)."""
        if self._logical is None:
            self._logical = self._logical_lines()
        found = self._logical.get(line)
        if found is not None:
            return found
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1]
        return ""

    def suppressed(self, line: int, code: str) -> bool:
        return comment_suppresses(self.line_text(line), code)

    def _logical_lines(self) -> Dict[int, str]:
        """Map each line to the joined text of the line range its tokens span.

        Mirrors flake8's FileProcessor._noqa_line_mapping: lines are grouped from one NL or
        NEWLINE token to the next; when the file cannot be tokenized, every line stands alone.
        """
        mapping: Dict[int, str] = {}
        first = len(self._lines) + 2
        last = -1
        try:
            tokens = tokenize.generate_tokens(io.StringIO(self._text).readline)
            for tok in tokens:
                if tok.type in (tokenize.ENDMARKER, tokenize.DEDENT):
                    continue
                first = min(first, tok.start[0])
                last = max(last, tok.end[0])
                if tok.type in (tokenize.NL, tokenize.NEWLINE):
                    joined = "".join(self._lines[first - 1:last])
                    for number in range(first, last + 1):
                        mapping[number] = joined
                    first = len(self._lines) + 2
                    last = -1
        except (tokenize.TokenError, SyntaxError, ValueError):
            return {}
        return mapping
