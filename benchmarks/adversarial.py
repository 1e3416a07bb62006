"""Cost on legal code of hostile shapes: does the time per line stay flat as a file grows,
and does no file cost more than 10x plain flake8?

    python benchmarks/adversarial.py [--sizes 1,2,4,8] [--shapes chain,long,...] [--repeat N]

Each shape is a dataset (or a training function) that the analysis must look at, grown by a
factor: an attribute chain `x = self.a.a.a…`, a long `__getitem__`, many helper functions
called from it, deeply nested branches, a long `if/elif` chain. For each size it runs
`flake8 -j1` on the file with this plugin (no result cache) and without it (plain flake8,
`benchmarks/flake8_driver.py` with the plugin left out), best of `--repeat`, and prints the
seconds, microseconds per line (per link for chains), and the ratio of the two.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "benchmarks" / "flake8_driver.py"

HEAD = """\
import copy
import torch
from torch.utils.data import Dataset


def helper_0(x):
    return x + 1

"""


def chain(n: int) -> Tuple[str, int]:
    """`x = self.a.a.a…`, n links deep (the issue's 1,000: 21 s before)."""
    links = ".".join(["a"] * n)
    return HEAD + f"""\
class Trainer:
    def train(self, model):
        best = model.state_dict()
        x = self.{links}
        model.load_state_dict(best)
        return x
""", n


def long_item(n: int) -> Tuple[str, int]:
    """A `__getitem__` of 10·n lines of reads, copies and in-place changes."""
    body = []
    for k in range(n):
        body += [f"        a{k} = self.data[idx]",
                 f"        b{k} = a{k}.clone()",
                 f"        b{k} += {k}",
                 f"        c{k} = self.table[{k}]",
                 f"        d{k} = copy.deepcopy(c{k})",
                 f"        d{k}.append(b{k})",
                 f"        if idx > {k}:",
                 f"            e{k} = b{k} * 2",
                 "        else:",
                 f"            e{k} = helper_0(b{k})"]
    return HEAD + """\
class D(Dataset):
    def __init__(self):
        self.data = torch.rand(8, 3)
        self.table = [[0] for _ in range(8)]

    def __len__(self):
        return 8

    def __getitem__(self, idx):
""" + "\n".join(body) + "\n        return e0\n", 10 * n


def getitem(n: int) -> Tuple[str, int]:
    """A `__getitem__` of n lines that reuse a few names, as generated or unrolled code does
    (the issue's 60,000 lines took 101 s and 1.4 GB against plain flake8's 9.9 s)."""
    cycle = ["        x = self.data[idx]",
             "        x = x + 1",
             "        y = np.zeros(3)",
             "        y[0] = x.sum()",
             "        z = self.table[idx % 8]",
             "        w = copy.copy(z)",
             "        w.append(y)",
             "        if idx > 3:",
             "            x = x * 2",
             "        out.append(x)"]
    body = [cycle[k % len(cycle)] for k in range(n - n % len(cycle))]
    return HEAD.replace("import torch\n", "import numpy as np\nimport torch\n") + """\
class D(Dataset):
    def __init__(self):
        self.data = torch.rand(8, 3)
        self.table = [[0] for _ in range(8)]

    def __len__(self):
        return 8

    def __getitem__(self, idx):
        out = []
""" + "\n".join(body) + "\n        return out\n", n


def stores(n: int) -> Tuple[str, int]:
    """An `__init__` of 2·n lines that rebinds one local and stores it into attributes: the
    type of each stored attribute joins every binding of the local."""
    body = "".join(f"        x = x + {k}\n        self.a{k % 50} = x\n" for k in range(n))
    return HEAD + """\
class D(Dataset):
    def __init__(self):
        x = torch.zeros(3)
""" + body + """
    def __len__(self):
        return 8

    def __getitem__(self, idx):
        y = self.a1[idx]
        y += 1
        return y
""", 2 * n


def helpers(n: int) -> Tuple[str, int]:
    """n helper functions, each called from `__getitem__` with the stored data."""
    defs = "".join(f"def helper_{k + 1}(x):\n    y = x * {k}\n    return y\n\n\n"
                   for k in range(n))
    calls = "\n".join(f"        x = helper_{k + 1}(x)" for k in range(n))
    return HEAD + defs + """\
class D(Dataset):
    def __init__(self):
        self.data = torch.rand(8, 3)

    def __len__(self):
        return 8

    def __getitem__(self, idx):
        x = self.data[idx]
""" + calls + "\n        return x\n", 5 * n


def branches(n: int) -> Tuple[str, int]:
    """n blocks of `if` nested 8 deep (CPython allows 100 levels of indentation, 20 nested
    loops), each changing a copy of the stored data."""
    lines = []
    for k in range(n):
        for depth in range(8):
            lines.append("        " + "    " * depth + f"if idx > {k + depth}:")
        lines.append("        " + "    " * 8 + f"x = self.data[idx].clone() + {k}")
    return HEAD + """\
class D(Dataset):
    def __init__(self):
        self.data = torch.rand(8, 3)

    def __len__(self):
        return 8

    def __getitem__(self, idx):
        x = self.data[idx].clone()
""" + "\n".join(lines) + "\n        x += 1\n        return x\n", 9 * n


def elifs(n: int) -> Tuple[str, int]:
    """One `if/elif` chain of n arms (the `ast` nests each `elif` in the one before)."""
    arms = ["        if idx == 0:", "            x = self.data[0].clone()"]
    for k in range(1, n):
        arms += [f"        elif idx == {k}:", f"            x = self.data[{k}] * 1"]
    return HEAD + """\
class D(Dataset):
    def __init__(self):
        self.data = torch.rand(8, 3)

    def __len__(self):
        return 8

    def __getitem__(self, idx):
        x = None
""" + "\n".join(arms) + "\n        x += 1\n        return x\n", 2 * n


SHAPES: Dict[str, Tuple[Callable[[int], Tuple[str, int]], int]] = {
    # name: (generator, its size at factor 1)
    "chain": (chain, 250),
    "long": (long_item, 100),
    "getitem": (getitem, 2000),
    "stores": (stores, 500),
    "helpers": (helpers, 200),
    "branches": (branches, 100),
    "elifs": (elifs, 250),
}


def run_flake8(path: Path, plugin: bool) -> float:
    env = dict(os.environ, COPYSAFETY_BENCH_PLUGIN="on" if plugin else "off",
               COPYSAFETY_NO_CACHE="1", PYTHONPATH=str(ROOT))
    env.pop("COPYSAFETY_WORKER", None)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(DRIVER), "-j1", "--isolated",
                           "--extend-select=CPS", str(path)], env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if "Traceback" in done.stderr:
        raise SystemExit(f"flake8 failed on {path}:\n{done.stderr}")
    return elapsed


def best(path: Path, plugin: bool, repeat: int) -> float:
    return min(run_flake8(path, plugin) for _ in range(repeat))


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4,8", help="growth factors")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    factors = [int(f) for f in args.sizes.split(",")]
    worst = 0.0
    print(f"{'shape':<9} {'size':>6} {'lines':>7} {'plugin s':>9} {'flake8 s':>9} "
          f"{'us/unit':>8} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.shapes.split(","):
            make, unit = SHAPES[name]
            for factor in factors:
                text, units = make(unit * factor)
                path = Path(folder) / f"{name}_{factor}.py"
                path.write_text(text)
                compile(text, str(path), "exec")  # legal code, as CPython sees it
                lines = text.count("\n")
                with_plugin = best(path, True, args.repeat)
                plain = best(path, False, args.repeat)
                ratio = with_plugin / plain
                worst = max(worst, ratio)
                print(f"{name:<9} {unit * factor:>6} {lines:>7} {with_plugin:>9.2f} "
                      f"{plain:>9.2f} {1e6 * (with_plugin - plain) / units:>8.0f} "
                      f"{ratio:>6.1f}", flush=True)
    print(f"worst ratio to plain flake8: {worst:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
