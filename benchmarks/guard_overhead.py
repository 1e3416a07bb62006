"""What the runtime guards cost: a short training run (`guard_train.py`: a small CNN on
in-memory synthetic images) as a plain `python` program and under `copysafety run`, side by
side, per training step: with num_workers=0 and 2, each without and with an EMA of the
weights that calls `model.state_dict()` every step.

    python benchmarks/guard_overhead.py [--reps N] [--epochs E]

Each repetition runs both sides as fresh processes back to back (which goes first flips every
repetition, after one untimed warm-up of each); the program times its own training loop, so
the torch import is left out on both sides. Reported: the median training seconds of each
side and the median of the per-repetition ratios guarded / plain. Target: at most 1.3x with
default settings.

Then, steadier on a busy machine: one item of the program's dataset, plain and guarded in one
process (1,024 reads each, interleaved, `--rounds` times): microseconds per item and the
median ratio.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = Path(__file__).resolve().parent / "guard_train.py"
TARGET = 1.3


def _seconds(guarded: bool, workers: int, epochs: int, ema: bool = False) -> float:
    """Seconds per training step of one fresh run."""
    command = [sys.executable]
    if guarded:
        command += ["-m", "flake8_copysafety", "run"]
    command += [str(PROGRAM), "--workers", str(workers), "--epochs", str(epochs)]
    if ema:
        command.append("--ema")
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return float(done.stdout.strip().splitlines()[-1])


def _item_costs(rounds: int):
    """(plain µs, guarded µs, median ratio) of one `__getitem__` of the program's dataset."""
    sys.path[:0] = [str(ROOT), str(PROGRAM.parent)]  # the guards of this checkout, as above
    import torch
    from guard_train import SyntheticImages

    from flake8_copysafety.guard.session import GuardSession

    torch.set_num_threads(1)
    plain_read = SyntheticImages.__getitem__
    plain_data = SyntheticImages()
    session = GuardSession().start()
    try:
        guarded_data = SyntheticImages()
        guarded_read = SyntheticImages.__getitem__
        guarded_read(guarded_data, 0)

        def per_item(read, data) -> float:
            start = time.perf_counter()
            for index in range(len(data)):
                read(data, index)
            return (time.perf_counter() - start) / len(data) * 1e6

        pairs = [(per_item(plain_read, plain_data), per_item(guarded_read, guarded_data))
                 for _ in range(rounds)]
    finally:
        session.stop()
    return (statistics.median(p for p, _ in pairs), statistics.median(g for _, g in pairs),
            statistics.median(g / p for p, g in pairs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    ok = True
    print(f"{'workers':>7}  {'ema':>3}  {'plain ms/step':>13}  {'guarded ms/step':>15}  "
          f"{'ratio':>6}")
    for workers, ema in ((0, False), (2, False), (0, True), (2, True)):
        _seconds(False, workers, 1, ema)
        _seconds(True, workers, 1, ema)
        plain, guarded, ratios = [], [], []
        for rep in range(args.reps):
            order = (False, True) if rep % 2 == 0 else (True, False)
            times = {side: _seconds(side, workers, args.epochs, ema) for side in order}
            plain.append(times[False])
            guarded.append(times[True])
            ratios.append(times[True] / times[False])
        ratio = statistics.median(ratios)
        ok &= ratio <= TARGET
        print(f"{workers:>7}  {'yes' if ema else 'no':>3}  "
              f"{statistics.median(plain) * 1e3:>13.2f}  "
              f"{statistics.median(guarded) * 1e3:>15.2f}  {ratio:>5.2f}x", flush=True)
    print(f"target: guarded <= {TARGET}x plain: {'met' if ok else 'NOT met'}")
    plain_us, guarded_us, item_ratio = _item_costs(args.rounds)
    print(f"one item, in one process: plain {plain_us:.1f} us, guarded {guarded_us:.1f} us, "
          f"{item_ratio:.2f}x")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
