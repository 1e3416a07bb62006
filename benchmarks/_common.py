"""Shared by the benchmark scripts: where torch is, its copy as a project, which files, what
machine this is."""

import importlib.metadata
import importlib.util
import os
import platform
import sys
import tempfile
from pathlib import Path
import shutil
from typing import Dict, Iterable, List, Sequence

ROOT = Path(__file__).resolve().parent.parent
# The scripts measure this checkout's package, whatever `pip install -e` points at.
sys.path.insert(0, str(ROOT))

BYTECODE_DIR = Path(tempfile.gettempdir()) / "copysafety-bench-bytecode"

# The directories of the flake8 -j1 comparisons (bench.py case a, scaling.py): the code users
# meet most, about 320 files.
BENCH_SUBDIRS = ("nn", "optim", "utils")


def torch_dir() -> Path:
    """The installed torch package's source directory, found without importing torch."""
    spec = importlib.util.find_spec("torch")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("torch is not installed: the benchmarks lint its sources "
                         "(pip install torch)")
    return Path(list(spec.submodule_search_locations)[0])


def copy_project(torch: Path, dest: Path, every: int = 1,
                 subdirs: Sequence[str] = ()) -> int:
    """Copy torch's .py files (every `every`-th, in sorted order; only `subdirs` when given)
    under `dest/torch/`, with a `pyproject.toml`: a project of its own. Returns the count."""
    files = []
    for folder, dirs, names in os.walk(torch):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                rel = (Path(folder) / name).relative_to(torch)
                if not subdirs or rel.parts[0] in subdirs:
                    files.append(rel)
    files.sort()
    chosen = files[::every]
    for rel in chosen:
        target = dest / "torch" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(torch / rel, target)
    (dest / "pyproject.toml").write_text("[project]\nname = 'copied'\n")
    return len(chosen)


def python_files(paths: Iterable[Path]) -> List[Path]:
    """Every .py file under the paths, sorted, as flake8 would find them."""
    found = []
    for path in paths:
        path = Path(path)
        if path.is_file():
            found.append(path)
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            found.extend(Path(folder) / n for n in sorted(names) if n.endswith(".py"))
    return found


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as info:
            for line in info:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def checkout_environment(env: Dict[str, str]) -> Dict[str, str]:
    """`env` for a subprocess that must import this checkout's package (flake8 finds the
    plugin through the installed entry point, then imports it by name from the path).

    An installed package comes with its bytecode; the checkout gets it too (kept under
    BYTECODE_DIR, outside the checkout), else with PYTHONDONTWRITEBYTECODE set every run
    would compile the plugin's modules from source and charge that to the plugin."""
    env = dict(env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(BYTECODE_DIR))
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    return env


def package_line() -> str:
    import flake8_copysafety

    return (f"package: flake8_copysafety {flake8_copysafety.__version__} from "
            f"{Path(flake8_copysafety.__file__).parent}")


def machine_lines() -> List[str]:
    names = ("flake8", "pycodestyle", "pyflakes", "libcst", "torch", "flake8-copysafety")
    return [
        f"machine: {os.cpu_count()} cores, {_cpu_model()}, {platform.system()} "
        f"{platform.release()}",
        f"python:  {platform.python_implementation()} {platform.python_version()} "
        f"({sys.executable})",
        "versions: " + ", ".join(f"{n} {_version(n)}" for n in names),
    ]
