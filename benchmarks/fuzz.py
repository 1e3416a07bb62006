"""Fuzz both front ends with broken versions of real files: no traceback may reach flake8,
and `copysafety check` may never skip a file in silence.

    python benchmarks/fuzz.py [--count N] [--seed S] [FILE_OR_FOLDER ...]

Sources: the corpus (and the folders given). Each mutant is one of: cut at a random byte,
random bytes written over or inserted, a line ending style (CRLF, CR), an odd encoding
with its cookie (UTF-16, UTF-32, Latin-1, cp037, an unknown codec), a BOM, NUL bytes,
brackets or blocks nested past CPython's limits. For each mutant:
- the flake8 plugin, given the file as flake8 reads it, must not raise (flake8 would print
  a traceback and stop);
- `check` must report CPS901 for every file CPython refuses to compile (with the plugin's
  gate or without), and no CPS900 (an internal error) for any file.
Prints the counts and each failure, and exits 1 if there was one.
"""

import argparse
import ast
import os
import random
import sys
import tempfile
import tokenize
import warnings
from pathlib import Path
from typing import Callable, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["COPYSAFETY_NO_CACHE"] = "1"

from flake8_copysafety.cli.runner import Settings, check_source  # noqa: E402
from flake8_copysafety.cli.selection import Selection  # noqa: E402
from flake8_copysafety.engine.pipeline import LintOptions  # noqa: E402
from flake8_copysafety.plugin import CopySafetyChecker  # noqa: E402

CopySafetyChecker.use_cache = False


def truncate(raw: bytes, rng: random.Random) -> bytes:
    return raw[:rng.randrange(len(raw) + 1)]


def scribble(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 8)):
        where = rng.randrange(len(data) + 1)
        noise = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.5:
            data[where:where + len(noise)] = noise
        else:
            data[where:where] = noise
    return bytes(data)


def endings(raw: bytes, rng: random.Random) -> bytes:
    return raw.replace(b"\r\n", b"\n").replace(b"\n", rng.choice([b"\r\n", b"\r"]))


def encoding(raw: bytes, rng: random.Random) -> bytes:
    text = raw.decode("utf-8", "replace")
    name = rng.choice(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp037", "no-such-codec",
                       "utf-8-sig"])
    cookie = f"# -*- coding: {name} -*-\n"
    try:
        body = (cookie + text).encode(name, "replace")
    except LookupError:
        body = (cookie + text).encode("utf-8")
    if rng.random() < 0.5:  # the cookie in ASCII, the rest in the codec (a careless save)
        try:
            body = cookie.encode("ascii") + text.encode(name, "replace")
        except LookupError:
            pass
    if len(body) % 2 and rng.random() < 0.5:
        body += b"#"
    return body


def bom(raw: bytes, rng: random.Random) -> bytes:
    lead = b"\xef\xbb\xbf"
    if rng.random() < 0.5:
        lead += b"# coding: latin-1\n"  # a BOM and a cookie that disagree: Python refuses
    return lead + raw


def nul(raw: bytes, rng: random.Random) -> bytes:
    where = rng.randrange(len(raw) + 1)
    return raw[:where] + b"\0" + raw[where:]


def nesting(raw: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([150, 250, 1000, 5000])
    kind = rng.choice(["parens", "sum", "blocks", "ifs"])
    if kind == "parens":
        line = "y = " + "(" * depth + "1" + ")" * depth
    elif kind == "sum":
        line = "y = " + "1+" * depth * 4 + "1"
    elif kind == "blocks":
        line = "\n".join(" " * k + "for a in b:" for k in range(min(depth, 60))) + \
            "\n" + " " * min(depth, 60) + "pass"
    else:
        line = "\n".join(" " * k + "if a:" for k in range(min(depth, 120))) + \
            "\n" + " " * min(depth, 120) + "pass"
    return raw.rstrip(b"\n") + b"\n" + line.encode() + b"\n"


MUTATIONS: Dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncate": truncate, "scribble": scribble, "endings": endings, "encoding": encoding,
    "bom": bom, "nul": nul, "nesting": nesting,
}


def python_refuses(raw: bytes) -> bool:
    """Whether `python FILE` would stop before running it (default recursion limit)."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(raw, "<file>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return True
    finally:
        sys.setrecursionlimit(previous)
    return False


def flake8_lines(path: str) -> Optional[List[str]]:
    """The lines flake8 gives its plugins (its `FileProcessor.read_lines`), or None where
    flake8 itself reports the file (E902)."""
    try:
        with tokenize.open(path) as handle:
            return handle.readlines()
    except (SyntaxError, UnicodeError):
        try:
            with open(path, encoding="latin-1") as handle:
                return handle.readlines()
        except OSError:
            return None


def flake8_tree(lines: List[str]) -> Optional[ast.Module]:
    """flake8 runs AST plugins only when it could build the tree (else E999)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse("".join(lines))
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def sources(paths: List[str]) -> List[Path]:
    found: List[Path] = []
    for given in paths or [str(ROOT / "corpus")]:
        path = Path(given)
        found += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [p for p in found if p.stat().st_size]


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    files = sources(args.paths)
    settings = Settings(LintOptions(), Selection(select=["CPS"]))
    failures: List[str] = []
    counts: Dict[str, int] = {name: 0 for name in MUTATIONS}
    refused = unchecked = 0
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    with tempfile.TemporaryDirectory() as folder:
        for number in range(args.count):
            source = rng.choice(files)
            kind = rng.choice(sorted(MUTATIONS))
            counts[kind] += 1
            raw = MUTATIONS[kind](source.read_bytes(), rng)
            path = os.path.join(folder, f"mutant{number}.py")
            with open(path, "wb") as handle:
                handle.write(raw)
            name = f"{source.relative_to(ROOT) if ROOT in source.parents else source} " \
                   f"({kind}, mutant {number})"
            lines = flake8_lines(path)
            tree = flake8_tree(lines) if lines is not None else None
            if tree is not None:
                try:
                    list(CopySafetyChecker(tree, lines, path).run())
                except Exception as exc:  # noqa: BLE001 - what the fuzzing looks for
                    failures.append(f"{name}: flake8 plugin raised {type(exc).__name__}: "
                                    f"{exc}")
            try:
                report = check_source(path, raw, settings)
            except Exception as exc:  # noqa: BLE001
                failures.append(f"{name}: check raised {type(exc).__name__}: {exc}")
                continue
            codes = {f.code for f in report.findings}
            if "CPS900" in codes:
                failures.append(f"{name}: CPS900 " + next(
                    f.message for f in report.findings if f.code == "CPS900"))
            if python_refuses(raw):
                refused += 1
                if "CPS901" in codes:
                    unchecked += 1
                else:
                    failures.append(f"{name}: CPython refuses it, check says nothing")
    print(f"seed {seed}: {args.count} mutants of {len(files)} files "
          f"({', '.join(f'{k} {v}' for k, v in counts.items())})")
    print(f"CPython refuses {refused}; check reports CPS901 for {unchecked}")
    print(f"failures: {len(failures)}")
    for line in failures:
        print("  " + line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
