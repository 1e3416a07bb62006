"""Where the plugin's time goes on the installed torch package, stage by stage.

    python benchmarks/where_time_goes.py [--top N] [PATH ...]

Without paths it reports twice: for the directories of bench.py's case (a) and for the whole
torch package. The stages are those of `engine.lint_source` under flake8:

  gate      `engine.is_candidate` on every file's bytes (a substring search)
  ast       `ast.parse` of the files that pass the gate (flake8 hands the plugin this tree for
            free; `copysafety check` pays for it)
  plan      `ImportTable` + `candidates.plan`: which top-level statements could hold a finding
  import    importing libcst and the analysis modules, once per process
  parse     libcst parsing of the planned statements
  rules     everything else in `engine.analyse.analyse_plan` (flow, rules, positions)

The plugin's own cost under flake8 is gate + plan + import + parse + rules.
"""

import argparse
import ast
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence

from _common import BENCH_SUBDIRS, package_line, python_files, torch_dir


@dataclass
class FileCost:
    path: Path
    lines: int
    ast: float = 0.0
    plan: float = 0.0
    parse: float = 0.0
    rules: float = 0.0
    statements: int = 0
    whole_module: bool = False
    findings: int = 0
    error: str = ""

    @property
    def plugin(self) -> float:
        return self.plan + self.parse + self.rules


_import_seconds: Optional[float] = None


def _import_analysis() -> float:
    """Seconds it took to import libcst and the analysis (0 after the first call)."""
    global _import_seconds
    if _import_seconds is not None:
        return 0.0
    start = time.perf_counter()
    import libcst  # noqa: F401
    import flake8_copysafety.engine.analyse  # noqa: F401

    _import_seconds = time.perf_counter() - start
    return _import_seconds


def _timed_analysis(cost, analysis, text, tree, imports, chosen):
    """Run `analyse_plan` once, timing its libcst parse (`_parse_regions`) apart from the
    rest; when that helper is gone, the whole analysis counts as rules."""
    from flake8_copysafety.engine.pipeline import LintOptions

    parse_regions = getattr(analysis, "_parse_regions", None)
    parse_seconds = [0.0]

    def timed(*args, **kwargs):
        begin = time.perf_counter()
        try:
            return parse_regions(*args, **kwargs)
        finally:
            parse_seconds[0] += time.perf_counter() - begin

    if parse_regions is not None:
        analysis._parse_regions = timed
    try:
        start = time.perf_counter()
        found = analysis.analyse_plan(text, tree, imports, chosen, LintOptions())
        elapsed = time.perf_counter() - start
    finally:
        if parse_regions is not None:
            analysis._parse_regions = parse_regions
    cost.parse = parse_seconds[0]
    cost.rules = max(elapsed - cost.parse, 0.0)
    return found


def _cost(path: Path, data: bytes) -> FileCost:
    from flake8_copysafety.engine import analyse as analysis
    from flake8_copysafety.plan.candidates import plan
    from flake8_copysafety.core.names import ImportTable
    from flake8_copysafety.core.source import decode

    text = decode(data) or ""
    cost = FileCost(path, text.count("\n") + 1)
    try:
        start = time.perf_counter()
        tree = ast.parse(text)
        cost.ast = time.perf_counter() - start

        start = time.perf_counter()
        imports = ImportTable(tree)
        chosen = plan(tree, text, imports, ())
        cost.plan = time.perf_counter() - start
        if not chosen:
            return cost
        cost.statements = len(chosen.statements)
        cost.whole_module = chosen.whole_module

        found = _timed_analysis(cost, analysis, text, tree, imports, chosen)
        cost.findings = len(found)
    except (SyntaxError, ValueError):
        cost.error = "not valid Python"
    except Exception as exc:  # noqa: BLE001 - a profile reports crashes, it does not stop
        cost.error = f"{type(exc).__name__}: {exc}"
    return cost


def report(title: str, paths: Sequence[Path], base: Path, top: int) -> None:
    from flake8_copysafety.engine.pipeline import is_candidate

    files = python_files(paths)
    blobs = [(p, p.read_bytes()) for p in files]
    start = time.perf_counter()
    passing = [(p, b) for p, b in blobs if is_candidate(b)]
    gate = time.perf_counter() - start
    imported = _import_analysis()
    costs = [_cost(p, b) for p, b in passing]
    planned = [c for c in costs if c.statements or c.whole_module]

    def total(attr: str, among: List[FileCost] = costs) -> float:
        return sum(getattr(c, attr) for c in among)

    plugin = gate + total("plan") + imported + total("parse") + total("rules")
    print(f"where the plugin's time goes: {title} ({len(files)} files, "
          f"{sum(len(b) for _, b in blobs) / 1e6:.1f} MB)")
    print(f"  gate   engine.is_candidate, all files        {gate:7.2f}s  "
          f"{len(passing)} files pass")
    print(f"  ast    ast.parse of those (free in flake8)   {total('ast'):7.2f}s")
    print(f"  plan   ImportTable + candidates.plan         {total('plan'):7.2f}s  "
          f"{len(planned)} files planned, {total('statements', planned)} top-level "
          f"statements, {sum(c.whole_module for c in planned)} whole modules")
    print(f"  import libcst + analysis (once)              {imported:7.2f}s"
          + ("" if imported else "  (already imported above)"))
    print(f"  parse  libcst, planned statements            {total('parse'):7.2f}s")
    print(f"  rules  analysis, positions                   {total('rules'):7.2f}s  "
          f"{total('findings')} findings")
    print(f"  plugin total under flake8                    {plugin:7.2f}s")
    errors = [c for c in costs if c.error]
    for c in errors:
        print(f"  ERROR {c.path.relative_to(base)}: {c.error}")
    ranked = sorted(costs, key=lambda c: c.plugin, reverse=True)[:top]
    if ranked and ranked[0].plugin > 0:
        print(f"  slowest {len(ranked)} files (plan / parse / rules seconds, statements):")
        for c in ranked:
            if c.plugin <= 0:
                break
            what = "whole module" if c.whole_module else f"{c.statements} stmts"
            print(f"    {c.plugin:6.3f}s  {c.plan:.3f} / {c.parse:.3f} / {c.rules:.3f}  "
                  f"{what:>12}  {c.lines:6} lines  {c.path.relative_to(base)}")
    print()


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--top", type=int, default=12, help="how many slowest files to list")
    args = parser.parse_args(argv)
    torch = torch_dir()
    print(package_line())
    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 20_000))  # as engine.lint_source does
    try:
        if args.paths:
            report(", ".join(map(str, args.paths)), args.paths, Path("/"), args.top)
        else:
            subdirs = ",".join(d.replace("\\", "/") for d in BENCH_SUBDIRS)
            report(f"torch/{{{subdirs}}}", [torch / d for d in BENCH_SUBDIRS], torch, args.top)
            report("the whole torch package", [torch], torch, args.top)
    finally:
        sys.setrecursionlimit(old_limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
