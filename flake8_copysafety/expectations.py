"""Inline expectations in eval files and corpus cases: `# expect: CPS101[, CPS104]`."""

import re
from typing import List, Tuple

_EXPECT = re.compile(r"#\s*expect:\s*((?:CPS\d{3}[,\s]*)+)")
_CODE = re.compile(r"CPS\d{3}")


def expected_findings(source: str) -> List[Tuple[int, str]]:
    """(line, code) for every code a line's `# expect:` marker names."""
    found = []
    for number, line in enumerate(source.splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            found.extend((number, code) for code in _CODE.findall(match.group(1)))
    return found
