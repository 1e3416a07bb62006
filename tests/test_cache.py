"""The result cache: an unchanged file is not analysed again (no libcst import in a fresh
flake8 process), and nothing it depends on can change without the result being recomputed."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from flake8_copysafety.core.findings import Finding, Fix
from flake8_copysafety.engine import cache
from flake8_copysafety.engine.pipeline import lint_source
from flake8_copysafety.project.model import new_run

from cli_support import CANONICAL, CLEAN, run_process, write
from test_project_imports import DATASET, _project

# flake8 as the command runs it; on exit, whether the analysis (libcst) was imported.
FLAKE8 = textwrap.dedent("""\
    import atexit, sys
    atexit.register(lambda: sys.stderr.write(f"libcst imported: {'libcst' in sys.modules}\\n"))
    from flake8.main.cli import main
    sys.exit(main())
""")


def flake8(cwd: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, **(env or {}))
    full_env.pop(cache.ENV_OFF, None)
    full_env.pop(cache.ENV_DIR, None)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-c", FLAKE8, "--isolated", "--select=CPS", *args],
                          cwd=str(cwd), capture_output=True, text=True, env=full_env,
                          timeout=300)


def test_unchanged_file_is_not_analysed_again(tmp_path):
    write(tmp_path, {"ds.py": CANONICAL})
    first = flake8(tmp_path, "ds.py")
    assert first.stdout.startswith("ds.py:11:9: CPS101 ")
    assert "libcst imported: True" in first.stderr
    again = flake8(tmp_path, "ds.py")
    assert again.stdout == first.stdout
    assert "libcst imported: False" in again.stderr
    assert (tmp_path / ".copysafety_cache" / ".gitignore").read_text().endswith("\n*\n")
    write(tmp_path, {"ds.py": CLEAN})  # a save with a change: a new verdict, not the kept one
    changed = flake8(tmp_path, "ds.py")
    assert changed.stdout == ""  # `.clone()`: the `ast` plan decides it, libcst not needed
    write(tmp_path, {"ds.py": CANONICAL.replace("x += 1", "x *= 2")})
    changed = flake8(tmp_path, "ds.py")  # a change the libcst analysis must read again
    assert changed.stdout.startswith("ds.py:11:9: CPS101 ")
    assert "libcst imported: True" in changed.stderr


def test_cache_can_be_turned_off_or_moved(tmp_path):
    write(tmp_path, {"ds.py": CANONICAL})
    off = flake8(tmp_path, "ds.py", env={cache.ENV_OFF: "1"})
    assert off.stdout.startswith("ds.py:11:9: CPS101 ")
    assert not (tmp_path / ".copysafety_cache").exists()
    flake8(tmp_path, "ds.py", "--copysafety-no-cache")
    assert not (tmp_path / ".copysafety_cache").exists()
    flake8(tmp_path, "ds.py", env={cache.ENV_DIR: str(tmp_path / "elsewhere")})
    assert (tmp_path / "elsewhere" / ".gitignore").is_file()
    assert not (tmp_path / ".copysafety_cache").exists()


def test_changed_project_module_is_seen(tmp_path):
    """A helper's change of stored data is reported in the helper's module; its kept result
    holds only while the dataset's module that reaches it is unchanged."""
    _project(tmp_path)
    helper = tmp_path / "pkg" / "transforms.py"
    store = str(tmp_path / "store")
    first = lint_source(helper.read_bytes(), str(helper), cache_dir=store)
    assert [(f.line, f.code) for f in first] == [(2, "CPS101")]
    assert lint_source(helper.read_bytes(), str(helper), cache_dir=store) == first
    dataset = tmp_path / "pkg" / "data" / "ds.py"
    dataset.write_text(DATASET.replace("(self.data[i])", "(self.data[i].clone())"))
    new_run()  # within one run each file is hashed once
    assert lint_source(helper.read_bytes(), str(helper), cache_dir=store) == []


def test_settings_and_path_are_part_of_the_key(tmp_path):
    store = str(tmp_path / "store")
    source = CANONICAL.replace("x = self.data[idx]", "x = own_copy(self.data[idx])") + \
        "\n\ndef own_copy(t):\n    return t\n"
    assert len(lint_source(source, "pkg/a.py", cache_dir=store)) == 1
    from flake8_copysafety.engine.pipeline import LintOptions

    options = LintOptions(copy_functions=("pkg.a.own_copy",))
    assert lint_source(source, "pkg/a.py", options, cache_dir=store) == []
    assert len(lint_source(source, "other/a.py", options, cache_dir=store)) == 1


def test_a_broken_cache_is_passed_over(tmp_path):
    store = tmp_path / "store"
    expected = lint_source(CANONICAL, "ds.py")
    assert lint_source(CANONICAL, "ds.py", cache_dir=str(store)) == expected
    entries = list(store.glob("*/*.json"))  # the file's result and its last analysis
    assert entries
    for entry in entries:
        entry.write_text("{not json")
    assert lint_source(CANONICAL, "ds.py", cache_dir=str(store)) == expected
    for entry in entries:
        entry.write_text(json.dumps({"content": "x", "key": "x", "modules": {}, "asked": [],
                                     "findings": []}))
    assert lint_source(CANONICAL, "ds.py", cache_dir=str(store)) == expected


def test_findings_and_fixes_survive_the_round_trip(tmp_path):
    store = cache.ResultCache(str(tmp_path))
    finding = Finding(3, 4, "CPS202", "kept \u2014 live", 3, 9,
                      Fix((3, 4), (3, 9), "copy.deepcopy(x)", True, "replace"))
    store.put("f.py", "s", "c", [], [finding])
    [back] = store.get("f.py", "s", "c")
    assert back == finding and back.fix == finding.fix
    assert store.get("f.py", "s", "other content") is None


def test_internal_errors_are_not_kept(tmp_path):
    store = cache.ResultCache(str(tmp_path))
    store.put("f.py", "s", "c", [], [Finding(1, 0, "CPS900", "crash")])
    assert store.get("f.py", "s", "c") is None


def test_the_command_uses_the_cache_and_no_cache_skips_it(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, {"ds.py": CANONICAL})
    env = {cache.ENV_OFF: "", cache.ENV_DIR: ""}
    assert run_process(["check", "--no-cache", "ds.py"], tmp_path, env=env).returncode == 1
    assert not (tmp_path / ".copysafety_cache").exists()
    assert run_process(["check", "ds.py"], tmp_path, env=env).returncode == 1
    assert list((tmp_path / ".copysafety_cache").glob("*/*.json"))
