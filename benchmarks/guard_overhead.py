"""What the runtime guards cost: a short training run (`guard_train.py`: a small CNN on
in-memory synthetic images) as a plain `python` program and under `copysafety run`, side by
side, with num_workers=0 and 2.

    python benchmarks/guard_overhead.py [--reps N] [--epochs E]

Each repetition runs both sides as fresh processes back to back (which goes first flips every
repetition, after one untimed warm-up of each); the program times its own training loop, so
the torch import is left out on both sides. Reported: the median training seconds of each
side and the median of the per-repetition ratios guarded / plain. Target: at most 1.3x with
default settings.
"""

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = Path(__file__).resolve().parent / "guard_train.py"
TARGET = 1.3


def _seconds(guarded: bool, workers: int, epochs: int) -> float:
    command = [sys.executable]
    if guarded:
        command += ["-m", "flake8_copysafety", "run"]
    command += [str(PROGRAM), "--workers", str(workers), "--epochs", str(epochs)]
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return float(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()
    ok = True
    print(f"{'workers':>7}  {'plain s':>8}  {'guarded s':>9}  {'ratio':>6}")
    for workers in (0, 2):
        _seconds(False, workers, 1)
        _seconds(True, workers, 1)
        plain, guarded, ratios = [], [], []
        for rep in range(args.reps):
            order = (False, True) if rep % 2 == 0 else (True, False)
            times = {side: _seconds(side, workers, args.epochs) for side in order}
            plain.append(times[False])
            guarded.append(times[True])
            ratios.append(times[True] / times[False])
        ratio = statistics.median(ratios)
        ok &= ratio <= TARGET
        print(f"{workers:>7}  {statistics.median(plain):>8.3f}  "
              f"{statistics.median(guarded):>9.3f}  {ratio:>5.2f}x")
    print(f"target: guarded <= {TARGET}x plain: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
