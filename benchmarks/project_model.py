"""What the project model costs: the index of the whole installed torch package, built cold
(no cache) and warm (from the on-disk cache), each in a fresh process.

    python benchmarks/project_model.py [--reps N] [--workers N]

Targets: cold <= 10 s on 2 cores, warm <= 1 s. The cold build parses every module with
`ast` in worker processes (`--workers`, default 2, the size of the reference machine); the
warm build reads and hashes every file and loads the cached entries. Both print the
number of modules and classes indexed, so a run that indexed nothing cannot pass.
Exit status: 0 when both targets hold, 1 when one does not.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

from _common import ROOT, machine_lines, torch_dir

COLD_TARGET_S = 10.0
WARM_TARGET_S = 1.0

_BUILD = """
import json, os, sys, time
sys.path.insert(0, {root!r})
os.cpu_count = lambda: {workers}
start = time.perf_counter()
from flake8_copysafety.project.model import ProjectModel
model = ProjectModel([{torch!r}])
entries = model.entries  # the index is built by the first query that needs it
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "modules": len(entries),
                  "classes": sum(1 for _ in model.classes())}}))
"""


def _build(cache: str, workers: int) -> dict:
    env = dict(os.environ, COPYSAFETY_CACHE_DIR=cache)
    env.pop("COPYSAFETY_NO_CACHE", None)
    code = _BUILD.format(root=str(ROOT), torch=str(torch_dir()), workers=workers)
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    for line in machine_lines():
        print(line)
    cold, warm = [], []
    for _ in range(args.reps):
        with tempfile.TemporaryDirectory() as cache:
            first = _build(cache, args.workers)
            second = _build(cache, args.workers)
        cold.append(first["seconds"])
        warm.append(second["seconds"])
        if first["modules"] == 0 or first["modules"] != second["modules"]:
            print("the index is empty or differs between cold and warm builds:", first, second)
            return 1
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    print(f"torch index: {first['modules']} modules, {first['classes']} classes")
    print(f"cold (no cache, {args.workers} workers): {cold_s:.2f} s median of {args.reps} "
          f"(target <= {COLD_TARGET_S:g} s): {'pass' if cold_s <= COLD_TARGET_S else 'FAIL'}")
    print(f"warm (cached):                 {warm_s:.2f} s median of {args.reps} "
          f"(target <= {WARM_TARGET_S:g} s): {'pass' if warm_s <= WARM_TARGET_S else 'FAIL'}")
    return 0 if cold_s <= COLD_TARGET_S and warm_s <= WARM_TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
