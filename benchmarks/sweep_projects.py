"""Lint whole public PyTorch projects from the package index and measure precision.

    python benchmarks/sweep_projects.py [--cache DIR] [--package-root DIR] [--only NAMES]
                                        [--review FILE] [--jobs N] [--markdown]

Each project in PROJECTS is fetched at its pinned version with `pip download --no-deps`
(a wheel or an sdist: both hold the .py sources), unpacked into the cache folder
(default ~/.cache/copysafety-sweep, or $COPYSAFETY_SWEEP_CACHE) and linted as a whole tree
by `copysafety check --format json --isolated`, so that imports between the project's own
modules resolve as they do for a user. It prints a table per project (files, findings by
code, seconds), then every finding as `project path:line CODE message`.

Every finding is then looked up in the reviewed list (benchmarks/sweep_review.json: one
entry per finding, {project, path, line, code, verdict: true|false, kind, why}). The
report gives precision = true / reviewed findings, and lists findings that have no review
yet (NEW) and reviews that no longer match a finding (GONE: fixed, or moved lines);
--markdown prints the reviewed findings as the README's table.
Exit status: 0 when every finding is reviewed, 1 when some are not, 2 when a download or
the linter failed.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
REVIEW = ROOT / "benchmarks" / "sweep_review.json"

# (distribution, pinned version): vision, detection, speech, medical imaging, geospatial,
# graphs and chemistry, time series, tabular, self-supervised and continual learning,
# reinforcement learning, training loops and fine-tuning, model zoos (all on the CPU index),
# and one cheminformatics release with a known snapshot bug.
PROJECTS: Tuple[Tuple[str, str], ...] = (
    ("ultralytics", "8.4.190"),
    ("torchvision", "0.29.1"),
    ("mmengine", "0.10.7"),
    ("mmdet", "3.3.0"),
    ("speechbrain", "1.1.2"),
    ("kornia", "0.9.0"),
    ("torchgeo", "0.8.1"),
    ("pytorch-forecasting", "1.8.0"),
    ("lightly", "1.6.0"),
    ("skorch", "1.4.0"),
    ("pytorch-ignite", "0.5.5"),
    ("torchtune", "0.6.1"),
    ("monai", "1.6.1"),
    ("torch-geometric", "2.8.1"),
    ("lightning", "2.6.6"),
    ("dgllife", "0.3.2"),
    ("transformers", "5.24.0"),
    ("timm", "1.0.31"),
    ("diffusers", "0.42.1"),
    ("stable-baselines3", "2.9.2"),
    ("pytorch-tabnet", "4.1.0"),
    ("pytorch-widedeep", "1.7.0"),
    ("poutyne", "1.19.0"),
    ("avalanche-lib", "0.6.0"),
    ("flair", "0.15.1"),
    ("fastai", "2.8.12"),
    ("torchrl", "0.14.1"),
    ("accelerate", "1.15.0"),
    ("peft", "0.21.2"),
    ("tianshou", "2.0.1"),
    ("deepchem", "2.8.0"),
    ("pytorch-tabular", "1.2.0"),
    ("darts", "0.48.1"),
    ("torchmetrics", "1.9.0"),
    ("pytorch-metric-learning", "2.9.0"),
    ("segmentation-models-pytorch", "0.6.0"),
    # A second set, in code styles the rules were not shaped on: medical imaging transforms
    # and chest X-ray datasets, video, audio augmentation, recommender systems, knowledge-graph
    # embeddings, offline RL, differential privacy, meta-learning, molecular property
    # prediction, time series on fastai, and a trainer/extensions framework.
    ("torchio", "1.2.1"),
    ("torchxrayvision", "1.5.7"),
    ("pytorchvideo", "0.1.5"),
    ("torch-audiomentations", "0.12.0"),
    ("recbole", "1.2.1"),
    ("pykeen", "1.11.1"),
    ("d3rlpy", "2.8.1"),
    ("opacus", "1.6.0"),
    ("learn2learn", "0.2.0"),
    ("chemprop", "2.3.1"),
    ("tsai", "1.0.1"),
    ("pytorch-pfn-extras", "0.9.0"),
    # A third set: an EMA helper, training frameworks (catalyst, composer, lightning-bolts,
    # allennlp), embedding and CLIP training, RLHF fine-tuning, neural forecasting, and an
    # object detector with its own training loop.
    ("torch-ema", "0.3"),
    ("catalyst", "22.4"),
    ("mosaicml", "0.32.1"),
    ("sentence-transformers", "6.2.0"),
    ("trl", "1.16.0"),
    ("open-clip-torch", "3.3.0"),
    ("neuralforecast", "3.3.0"),
    ("lightning-bolts", "0.7.0"),
    ("allennlp", "2.10.1"),
    ("effdet", "0.4.1"),
    # A release with a known bug, fixed upstream in 4.1.5 ("Clone tensors so later training
    # steps do not mutate the checkpoint"): the sweep must find it.
    ("ecnet", "4.1.0"),
)


def default_cache() -> Path:
    folder = os.environ.get("COPYSAFETY_SWEEP_CACHE")
    return Path(folder) if folder else Path.home() / ".cache" / "copysafety-sweep"


def _archives(downloads: Path, name: str, version: str) -> List[Path]:
    """Wheels and sdists of `name==version` in `downloads` (names normalised as pip does)."""
    prefix = f"{name}-{version}".replace("-", "_").lower()
    return sorted(p for p in downloads.iterdir()
                  if p.name.replace("-", "_").lower().startswith(prefix))


def fetch(name: str, version: str, cache: Path) -> Path:
    """The unpacked sources of `name==version` under `cache/src`, downloaded once."""
    target = cache / "src" / f"{name}-{version}"
    if (target / ".complete").is_file():
        return target
    downloads = cache / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    if not _archives(downloads, name, version):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                        "--dest", str(downloads), f"{name}=={version}"], check=True)
    archives = _archives(downloads, name, version)
    if not archives:
        raise RuntimeError(f"pip download gave no archive for {name}=={version}")
    target.mkdir(parents=True, exist_ok=True)
    if archives[0].suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archives[0]) as archive:
            archive.extractall(target)
    else:
        with tarfile.open(archives[0]) as archive:
            safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            archive.extractall(target, **safe)
    (target / ".complete").write_text(archives[0].name + "\n")
    return target


def python_file_count(tree: Path) -> int:
    return sum(1 for _, _, names in os.walk(tree) for n in names if n.endswith(".py"))


def lint(tree: Path, package_root: Path, jobs: int) -> List[dict]:
    """`copysafety check --format json` over the tree, with the package at `package_root`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(package_root)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    env["COPYSAFETY_NO_CACHE"] = "1"  # measure the analysis, not results kept from a run before
    done = subprocess.run(
        [sys.executable, "-m", "flake8_copysafety", "check", "--format", "json", "--isolated",
         "--exit-zero", "--jobs", str(jobs), "."],
        cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"copysafety check exited {done.returncode} in {tree}:\n"
                           f"{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def load_review(path: Path) -> Dict[Tuple[str, str, int, str], dict]:
    if not path.is_file():
        return {}
    entries = json.loads(path.read_text(encoding="utf-8"))
    return {(e["project"], e["path"], e["line"], e["code"]): e for e in entries}


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=default_cache(),
                        help="download and unpack folder (default %(default)s)")
    parser.add_argument("--package-root", type=Path, default=ROOT,
                        help="checkout whose flake8_copysafety is run (default: this one)")
    parser.add_argument("--only", default="", help="comma-separated project names")
    parser.add_argument("--review", type=Path, default=REVIEW, help="reviewed findings")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--markdown", action="store_true",
                        help="also print the reviewed findings as a Markdown table")
    args = parser.parse_args(argv)
    chosen = [p for p in PROJECTS if not args.only or p[0] in args.only.split(",")]

    rows, findings = [], []
    for name, version in chosen:
        try:
            tree = fetch(name, version, args.cache)
            began = time.perf_counter()
            found = lint(tree, args.package_root, args.jobs)
        except (subprocess.CalledProcessError, RuntimeError, OSError) as error:
            print(f"{name}=={version}: {error}", file=sys.stderr)
            return 2
        seconds = time.perf_counter() - began
        codes = collections.Counter(f["code"] for f in found)
        rows.append((f"{name}=={version}", python_file_count(tree), codes, seconds))
        findings += [(name, f) for f in found]

    print(f"linter: {args.package_root}")
    print(f"{'project':36} {'files':>6} {'seconds':>8}  findings")
    for project, files, codes, seconds in rows:
        by_code = ", ".join(f"{c} {n}" for c, n in sorted(codes.items())) or "-"
        print(f"{project:36} {files:6d} {seconds:8.1f}  {by_code}")
    total = collections.Counter()
    for row in rows:
        total.update(row[2])
    print(f"{'all ' + str(len(rows)) + ' projects':36} {sum(r[1] for r in rows):6d} "
          f"{sum(r[3] for r in rows):8.1f}  {sum(total.values())} "
          f"({', '.join(f'{c} {n}' for c, n in sorted(total.items()))})")

    review = load_review(args.review)
    seen, unreviewed, true, table = set(), 0, 0, []
    print()
    for name, f in sorted(findings, key=lambda x: (x[0], x[1]["path"], x[1]["line"])):
        path = Path(f["path"]).as_posix()  # relative to the unpacked tree
        key = (name, path, f["line"], f["code"])
        entry = review.get(key)
        seen.add(key)
        if entry is None:
            unreviewed += 1
            mark = "NEW  "
        else:
            true += entry["verdict"] is True
            mark = "TRUE " if entry["verdict"] else "FALSE"
            table.append(f"| {name} | `{path}:{f['line']}` | {f['code']} | "
                         f"{'true' if entry['verdict'] else 'false'} | {entry['why']} |")
        print(f"{mark} {name} {path}:{f['line']} {f['code']} {f['message']}")
    names = {p[0] for p in chosen}
    for key in sorted(set(review) - seen):
        if key[0] in names:
            print(f"GONE  {key[0]} {key[1]}:{key[2]} {key[3]} (reviewed, no longer found)")
    reviewed = len(findings) - unreviewed
    if args.markdown and table:
        print("\n| project | file:line | code | verdict | why |\n|---|---|---|---|---|")
        print("\n".join(table))
    print()
    if reviewed:
        print(f"precision: {true}/{reviewed} = {true / reviewed:.3f} "
              f"(reviewed findings; {unreviewed} not reviewed)")
    else:
        print(f"precision: undefined, no reviewed findings ({unreviewed} not reviewed)")
    return 1 if unreviewed else 0


if __name__ == "__main__":
    sys.exit(main())
