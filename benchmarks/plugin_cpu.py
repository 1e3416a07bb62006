"""The flake8 plugin's own CPU seconds on a project, without flake8's other checks.

    cd PROJECT && PYTHONPATH=CHECKOUT python CHECKOUT/benchmarks/plugin_cpu.py [--profile OUT] [DIR...]

Each `.py` file under DIR (default: the working folder) is read and parsed first, as flake8
hands the plugin its `tree` and `lines`; then `CopySafetyChecker.run` is timed over every
file in one process, as `flake8 -j1` runs it: cold (the cache folder `.copysafety_cache`
removed first) and warm (the run after it). `--profile OUT` writes a cProfile of the cold
run. The ratio to plain flake8 is `scaling.py --parts flake8`'s; this one says where the
plugin's share goes, with less noise than a difference of two flake8 runs.
"""

import argparse
import ast
import cProfile
import shutil
import sys
import time
from pathlib import Path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", default=["."])
    parser.add_argument("--profile", default=None, help="write the cold run's cProfile here")
    args = parser.parse_args(argv)
    from flake8_copysafety.plugin import CopySafetyChecker

    files = sorted(str(p) for d in args.dirs for p in Path(d).rglob("*.py"))
    handed = []
    for name in files:
        text = Path(name).read_text("utf-8")
        handed.append((name, text.splitlines(True), ast.parse(text)))

    def lint() -> int:
        return sum(len(list(CopySafetyChecker(tree, lines, name).run()))
                   for name, lines, tree in handed)

    shutil.rmtree(".copysafety_cache", ignore_errors=True)
    for kind in ("cold", "warm"):
        start = time.process_time()
        if kind == "cold" and args.profile:
            profiler = cProfile.Profile()
            found = profiler.runcall(lint)
            profiler.dump_stats(args.profile)
        else:
            found = lint()
        print(f"{kind}: {time.process_time() - start:.2f} CPU s, {len(files)} files, "
              f"{found} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
