"""Markers that corpus cases and eval files carry in comments: what they must raise.

- `# expect: CPS101[, CPS104]` at the end of the line that must carry those findings;
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
_EXPECT = re.compile(r"#\s*expect:\s*(.*)$")
_NEAR_MISS = re.compile(r"#\s*near-miss:\s*(.*)$")
_RUNTIME = re.compile(r"#\s*runtime(?:\[(\w+)\])?:\s*(mutated|unchanged)\b")


@dataclass
class Markers:
    expected: List[Tuple[int, str]] = field(default_factory=list)  # (line, code)
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
            markers.expected.extend((line, code) for code in _CODE.findall(match.group(1)))
        match = _NEAR_MISS.search(comment)
        if match:
            markers.near_miss.extend(_CODE.findall(match.group(1)))
        for device, verdict in _RUNTIME.findall(comment):
            markers.runtime[device or "*"] = verdict == "mutated"
    return markers


def expected_findings(source: str) -> List[Tuple[int, str]]:
    """(line, code) for every code a line's `# expect:` marker names."""
    return parse_markers(source).expected
