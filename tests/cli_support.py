"""Shared snippets and runners for the tests of the `copysafety` command."""

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from flake8_copysafety.cli import main as cli

# The canonical bug: CPS101 at line 11, col 8 (0-based); the fix copies at line 10.
CANONICAL = textwrap.dedent("""\
    import torch
    from torch.utils.data import Dataset

    class D(Dataset):
        def __init__(self):
            self.data = torch.rand(8, 3)
        def __len__(self):
            return len(self.data)
        def __getitem__(self, idx):
            x = self.data[idx]
            x += 1
            return x
""")
CANONICAL_FIXED = CANONICAL.replace("x = self.data[idx]\n", "x = self.data[idx].clone()\n")

CLEAN = textwrap.dedent("""\
    import torch
    from torch.utils.data import Dataset

    class D(Dataset):
        def __init__(self):
            self.data = torch.rand(8, 3)
        def __len__(self):
            return len(self.data)
        def __getitem__(self, idx):
            x = self.data[idx].clone()
            x += 1
            return x
""")

# CPS104 (default off): `.float()` of data whose dtype the analysis cannot know.
MAYBE_NOOP = textwrap.dedent("""\
    import torch
    from torch.utils.data import Dataset

    class B(Dataset):
        def __init__(self, x):
            self.x = torch.as_tensor(x)
        def __len__(self):
            return 4
        def __getitem__(self, i):
            y = self.x[i].float()
            y += 1
            return y
""")

# CPS202 whose fix needs `import copy` (the module does not import it).
SNAPSHOT = textwrap.dedent('''\
    """Training loop."""
    import torch


    def train(model, opt, loader):
        best_state = model.state_dict()
        for x in loader:
            model(x).sum().backward()
            opt.step()
        model.load_state_dict(best_state)
        return model
''')

# CPS101 behind a numpy alias, silenced by `--copy-functions numpy.asarray`.
ASARRAY = textwrap.dedent("""\
    import numpy as onp
    from torch.utils.data import Dataset

    class A(Dataset):
        def __init__(self):
            self.arr = onp.zeros((8, 3))
        def __len__(self):
            return 8
        def __getitem__(self, i):
            a = onp.asarray(self.arr[i])
            a += 1
            return a
""")

# CPS101 only when mylib.data.BaseSet is configured as a dataset base.
CUSTOM_BASE = textwrap.dedent("""\
    import torch
    from mylib.data import BaseSet

    class D(BaseSet):
        def __init__(self):
            self.data = torch.rand(8, 3)
        def __getitem__(self, idx):
            x = self.data[idx]
            x += 1
            return x
""")


def write(directory: Path, files: Dict[str, str]) -> None:
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def run_main(capsys, *argv: str) -> Tuple[int, str, str]:
    """Run the command in this process (fast; monkeypatches apply)."""
    capsys.readouterr()
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def command() -> List[str]:
    found = shutil.which("copysafety")
    return [found] if found else [sys.executable, "-m", "flake8_copysafety"]


def run_process(args: Sequence[str], cwd: Path, stdin: Optional[str] = None,
                env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
    """Run the installed command as a user would."""
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run(
        [*command(), *args], cwd=str(cwd), input=stdin, capture_output=True, text=True,
        encoding="utf-8", env=full_env, timeout=300,
    )


FINDING_LINE = re.compile(r"^(.+?):(\d+):(\d+): ([A-Z]+\d+) ")
SUMMARY_LINE = re.compile(r"^(Found \d+ findings? in \d+ files?.*|All checks passed|"
                          r"Rule pages: https://\S+#rules \(CPS[0-9, CPS]+\), or "
                          r"`copysafety rule CODE`)$")


def codes_in(text_report: str) -> List[Tuple[str, int, int, str]]:
    """(path, line, col, code) of each finding of a text report; every other line must be
    the closing summary or a `--statistics` line."""
    found = []
    for line in text_report.splitlines():
        match = FINDING_LINE.match(line)
        if match:
            found.append((match[1], int(match[2]), int(match[3]), match[4]))
        else:
            assert SUMMARY_LINE.match(line) or re.match(r"^\d+\s+[A-Z]+\d+  ", line), line
    return found


def findings_only(text_report: str) -> str:
    """The report without its closing summary."""
    return "".join(line for line in text_report.splitlines(keepends=True)
                   if not SUMMARY_LINE.match(line.rstrip("\n")))
