"""Markers that corpus cases and eval files carry in comments: what they must raise.

- `# expect: CPS101[, CPS104]` at the end of the line that must carry those findings; a code
  may name its column too, 1-based as flake8 prints it (`# expect: CPS101:9`);
- `# near-miss: CPS101` on a negative case: the codes it looks like but must not raise;
- `# runtime: mutated|unchanged` (and per device, `# runtime[cuda]: unchanged`): the runtime
  verdict when it is not simply "mutated iff a code is expected".
"""

import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Tuple

_CODE = re.compile(r"\bCPS\d{3}\b")
_CODE_AT = re.compile(r"\b(CPS\d{3})(?::(\d+))?\b")
_EXPECT = re.compile(r"#\s*expect:\s*(.*)$")
_NEAR_MISS = re.compile(r"#\s*near-miss:\s*(.*)$")
_RUNTIME = re.compile(r"#\s*runtime(?:\[(\w+)\])?:\s*(mutated|unchanged)\b")


@dataclass
class Markers:
    expected: List[Tuple[int, str]] = field(default_factory=list)  # (line, code)
    # (line, code) -> the 1-based column its marker names, where it names one
    columns: Dict[Tuple[int, str], int] = field(default_factory=dict)
    near_miss: List[str] = field(default_factory=list)
    runtime: Dict[str, bool] = field(default_factory=dict)  # device ("*": any) -> mutated


def _comments(source: str) -> Iterable[Tuple[int, str]]:
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                yield tok.start[0], tok.string
    except (tokenize.TokenError, IndentationError, SyntaxError):
        for number, line in enumerate(source.splitlines(), 1):
            if "#" in line:
                yield number, line[line.index("#"):]


def parse_markers(source: str) -> Markers:
    markers = Markers()
    for line, comment in _comments(source):
        match = _EXPECT.search(comment)
        if match:
            for code, column in _CODE_AT.findall(match.group(1)):
                markers.expected.append((line, code))
                if column:
                    markers.columns[(line, code)] = int(column)
        match = _NEAR_MISS.search(comment)
        if match:
            markers.near_miss.extend(_CODE.findall(match.group(1)))
        for device, verdict in _RUNTIME.findall(comment):
            markers.runtime[device or "*"] = verdict == "mutated"
    return markers


def expected_findings(source: str) -> List[Tuple[int, str]]:
    """(line, code) for every code a line's `# expect:` marker names."""
    return parse_markers(source).expected


def expected_columns(source: str) -> Dict[Tuple[int, str], int]:
    """(line, code) -> 1-based column, for the codes whose marker names a column."""
    return parse_markers(source).columns
