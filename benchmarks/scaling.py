"""What `copysafety check` and the flake8 plugin cost on a project, as a user's is laid out.

    python benchmarks/scaling.py [--reps N] [--parts check,scaling,flake8] [--jobs N]

Installed files are the wrong yardstick: the project model skips an installed package's
neighbours, and the cache folder goes elsewhere. So torch's sources are copied (found
without importing torch) into a temporary folder holding a `pyproject.toml`: a project of
its own, 2,285 files for torch 2.13. Measured there, each as a fresh process, with wall-clock
and CPU seconds (user + system, children included):

  check    `copysafety check -q .` with no cache (COPYSAFETY_NO_CACHE=1), the first run with
           an empty cache, and the run after it with nothing changed (warm); the cache
           folder's size after the first run. Targets: no cache <= 6 s, warm <= 1.5 s,
           cache <= 30 MB (2 cores).
  scaling  the no-cache check over every 8th, 4th, 2nd and every file (285 to 2,285 files,
           each subset a project of its own): seconds per file must stay flat (largest over
           smallest <= 1.2).
  flake8   `flake8 -j1` over torch's nn/, optim/ and utils/ copied as a project (about 320
           files), plain (this plugin left out, `flake8_driver.py`) against with the plugin,
           cold (an empty cache before every run) and warm (the cache filled by the run
           before); the ratio is the median of the per-repetition ratios of CPU seconds.
           Targets: cold <= 1.10x, warm <= 1.03x.

Exit status 0 when every target measured is met, 1 otherwise. No network.
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

from _common import (ROOT, checkout_environment, copy_project, machine_lines, package_line,
                     torch_dir)

DRIVER = str(Path(__file__).resolve().parent / "flake8_driver.py")
CLI_CODE = "import sys; from flake8_copysafety.cli.main import main; sys.exit(main())"
FLAKE8_SUBDIRS = ("nn", "optim", "utils")


def timed(command: List[str], cwd: Path, env: Dict[str, str]) -> Tuple[float, float]:
    """(wall seconds, CPU seconds of the children) of one run; raises on a crash."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n"
                         f"{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _env(cache: bool, plugin: bool = True) -> Dict[str, str]:
    env = checkout_environment(dict(os.environ))
    env.pop("COPYSAFETY_CACHE_DIR", None)
    env["COPYSAFETY_NO_CACHE"] = "" if cache else "1"
    env["COPYSAFETY_BENCH_PLUGIN"] = "on" if plugin else "off"
    return env


def check_part(torch: Path, tmp: Path, reps: int, jobs: List[str]) -> List[Tuple[str, bool]]:
    project = tmp / "check"
    files = copy_project(torch, project)
    command = [sys.executable, "-c", CLI_CODE, "check", "-q", *jobs, "."]
    cache = project / ".copysafety_cache"
    nocache, cold, warm, sizes = [], [], [], []
    for _ in range(reps):
        shutil.rmtree(cache, ignore_errors=True)
        nocache.append(timed(command, project, _env(False)))
        cold.append(timed(command, project, _env(True)))
        sizes.append(folder_bytes(cache))
        warm.append(timed(command, project, _env(True)))
    rows = [("no cache", nocache, 6.0), ("cache, first run", cold, None),
            ("cache, warm", warm, 1.5)]
    print(f"\ncopysafety check -q {' '.join(jobs)} . on torch copied as a project "
          f"({files} files), {reps} runs each, medians")
    verdicts = []
    for name, runs, target in rows:
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        ok = target is None or wall <= target
        verdicts.append((f"check {name}", ok))
        print(f"  {name:18} {wall:7.2f} s wall {cpu:7.2f} s CPU"
              + ("" if target is None else f"   target <= {target} s wall: "
                 f"{'ok' if ok else 'MISSED'}"))
    size = max(sizes)
    verdicts.append(("cache size", size <= 30_000_000))
    print(f"  cache folder after the first run: {size / 1e6:.1f} MB (target <= 30 MB)")
    return verdicts


def scaling_part(torch: Path, tmp: Path, reps: int, jobs: List[str]) -> List[Tuple[str, bool]]:
    print(f"\nscaling: copysafety check -q {' '.join(jobs)} . with no cache, subsets of "
          f"torch each copied as a project, {reps} runs each, medians")
    per_file = []
    for every in (8, 4, 2, 1):
        project = tmp / f"scale{every}"
        files = copy_project(torch, project, every)
        command = [sys.executable, "-c", CLI_CODE, "check", "-q", *jobs, "."]
        runs = [timed(command, project, _env(False)) for _ in range(reps)]
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        per_file.append(cpu / files)
        print(f"  {files:5} files {wall:7.2f} s wall {cpu:7.2f} s CPU "
              f"{1000 * wall / files:6.2f} ms wall/file {1000 * cpu / files:6.2f} ms CPU/file")
    spread = max(per_file) / min(per_file)
    print(f"  CPU per file, largest over smallest: {spread:.2f} (target <= 1.20)")
    return [("scaling", spread <= 1.2)]


def flake8_part(torch: Path, tmp: Path, reps: int) -> List[Tuple[str, bool]]:
    project = tmp / "flake8"
    files = copy_project(torch, project, subdirs=FLAKE8_SUBDIRS)
    command = [sys.executable, DRIVER, "-j1", "--isolated", "torch"]
    cache = project / ".copysafety_cache"
    ratios: Dict[str, List[float]] = {"cold": [], "warm": []}
    plain_cpu: List[float] = []
    timed(command, project, _env(True, plugin=False))  # warm-up: bytecode, disk cache
    timed(command, project, _env(True))
    for rep in range(reps):
        for kind in ("cold", "warm"):
            if kind == "cold":
                shutil.rmtree(cache, ignore_errors=True)
            sides = [("plain", _env(True, plugin=False)), ("plugin", _env(True))]
            if rep % 2:
                sides.reverse()
            seconds = {}
            for name, env in sides:
                if kind == "cold" and name == "plugin":
                    shutil.rmtree(cache, ignore_errors=True)
                seconds[name] = timed(command, project, env)[1]
            plain_cpu.append(seconds["plain"])
            ratios[kind].append(seconds["plugin"] / seconds["plain"])
    print(f"\nflake8 -j1 on torch/{{{','.join(FLAKE8_SUBDIRS)}}} copied as a project "
          f"({files} files), {reps} pairs each, CPU seconds; plain flake8 median "
          f"{statistics.median(plain_cpu):.2f} s")
    verdicts = []
    for kind, target in (("cold", 1.10), ("warm", 1.03)):
        ratio = statistics.median(ratios[kind])
        ok = ratio <= target
        verdicts.append((f"flake8 {kind}", ok))
        print(f"  plugin/plain, {kind}: {ratio:.3f}x (target <= {target}x): "
              f"{'ok' if ok else 'MISSED'}")
    return verdicts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--parts", default="check,scaling,flake8")
    parser.add_argument("--jobs", default=None, help="copysafety check --jobs (default: its own)")
    args = parser.parse_args(argv)
    jobs = ["--jobs", args.jobs] if args.jobs else []
    torch = torch_dir()
    for line in machine_lines():
        print(line)
    print(package_line() + f" (the checkout {ROOT})")
    print(f"torch sources copied from: {torch}")
    verdicts: List[Tuple[str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="copysafety-scaling-") as tmp:
        parts = args.parts.split(",")
        if "check" in parts:
            verdicts += check_part(torch, Path(tmp), args.reps, jobs)
        if "scaling" in parts:
            verdicts += scaling_part(torch, Path(tmp), args.reps, jobs)
        if "flake8" in parts:
            verdicts += flake8_part(torch, Path(tmp), args.reps)
    missed = [name for name, ok in verdicts if not ok]
    print("\n" + ("all targets met" if not missed else "missed: " + ", ".join(missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
