"""Caches a stranger wrote: a repository can commit `.copysafety_cache/`, a crash can leave
half a folder, another interpreter can share it. Nothing read from it runs code, an entry
of the wrong shape is passed over and written again, odd files in its place never block,
and a verdict never crosses interpreters or paths."""

import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flake8_copysafety import __version__
from flake8_copysafety.engine import cache
from flake8_copysafety.engine.pipeline import lint_source
from flake8_copysafety.project import model as model_module
from flake8_copysafety.project.entries import ENTRY_VERSION
from flake8_copysafety.project.model import CACHE_DIR_NAME, ProjectModel, new_run

from cli_support import CANONICAL, write
from test_project_imports import DATASET, _project

ROOT = Path(__file__).resolve().parent.parent
PLAIN_ENV = {"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
             "HOME": os.environ.get("HOME", "/tmp")}


class _Planted:
    """A pickle that makes a folder when loaded: proof that code from the cache ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return os.mkdir, (self.marker,)


def _check(cwd: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flake8_copysafety", "check", "--isolated",
                           *args], cwd=cwd, capture_output=True, text=True, env=PLAIN_ENV,
                          timeout=timeout)


def _flake8(cwd: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flake8", "--isolated", "--select", "CPS",
                           *args], cwd=cwd, capture_output=True, text=True, env=PLAIN_ENV,
                          timeout=timeout)


def _cache_files(folder: Path):
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != ".gitignore")


def _findings(done: subprocess.CompletedProcess):
    return [line for line in done.stdout.splitlines() if ": CPS" in line]


# the change in the helper's module, and the two calls of the dataset's that hand it the data
PLACES = [("pkg/data/ds.py", "17", "CPS101"), ("pkg/data/ds.py", "18", "CPS101"),
          ("pkg/transforms.py", "2", "CPS101")]


def _places(lines):
    found = []
    for line in lines:
        path, number, _, rest = line.split(":", 3)
        found.append((Path(path).as_posix().lstrip("./"), number, rest.split()[0]))
    return sorted(found)


def test_a_planted_pickle_never_runs_at_any_cache_path(tmp_path):
    """Every file the tool reads from its cache folder (the project model, its reach index,
    the result entries, and the pickle name of earlier versions) holds a pickle whose
    loading would make a folder: both front ends run, find the bug, and make none."""
    project = tmp_path / "proj"
    (project / ".git").mkdir(parents=True)
    _project(project)
    expected = _findings(_check(project, "--no-cache", "."))
    assert _places(expected) == PLACES
    assert _findings(_check(project, ".")) == expected  # fills the cache
    folder = project / CACHE_DIR_NAME
    files = _cache_files(folder)
    names = {p.name.split("-")[0] for p in files}
    assert {"model", "reach"} <= names and any(p.suffix == ".json" and p.parent != folder
                                               for p in files)
    old = folder / f"model-{__version__}-{ENTRY_VERSION}-py{sys.version_info[0]}" \
                   f"{sys.version_info[1]}.pickle"
    marker = tmp_path / "ran"
    payload = pickle.dumps({"entries": _Planted(marker)})
    for path in files + [old]:
        path.write_bytes(payload)
    assert _findings(_check(project, ".")) == expected
    assert not marker.exists()
    for path in _cache_files(folder):
        path.write_bytes(payload)
    flake8 = _flake8(project, "pkg")
    assert [line for line in flake8.stdout.splitlines() if "transforms.py:2:" in line]
    assert not marker.exists()
    # what was planted was passed over and written again as data
    model_file = next(folder.glob("model-*.json"))
    assert json.loads(model_file.read_bytes())["format"] == "copysafety-model"


def _stored_entry(store: Path) -> Path:
    [entry] = [p for p in store.glob("*/*.json")
               if "findings" in json.loads(p.read_text()) and "key" not in p.read_text()[:8]
               and "content" in json.loads(p.read_text())]
    return entry


@pytest.mark.parametrize("shape", [
    "modules-list", "deps-null", "deps-list", "missing-findings", "at-strings",
    "findings-null", "entry-null", "entry-list", "fix-odd", "code-odd", "deps-files-odd",
    "projects-odd", "bool-line",
])
def test_entries_of_the_wrong_shape_are_passed_over_and_rewritten(tmp_path, shape):
    store = tmp_path / "store"
    path = tmp_path / "ds.py"
    path.write_text(CANONICAL)
    expected = lint_source(CANONICAL, str(path), report_unchecked=True)
    assert [f.code for f in expected] == ["CPS101"]
    assert lint_source(CANONICAL, str(path), report_unchecked=True,
                       cache_dir=str(store)) == expected
    entry = _stored_entry(store)
    good = json.loads(entry.read_text())
    bad = json.loads(entry.read_text())
    if shape == "modules-list":
        bad.pop("deps")
        bad["modules"] = []
    elif shape == "deps-null":
        bad["deps"] = None
    elif shape == "deps-list":
        bad["deps"] = []
    elif shape == "missing-findings":
        bad.pop("findings")
    elif shape == "at-strings":
        bad["findings"][0]["at"] = ["11", "8", "11", "20"]
    elif shape == "findings-null":
        bad["findings"] = None
    elif shape == "entry-null":
        bad = None
    elif shape == "entry-list":
        bad = []
    elif shape == "fix-odd":
        bad["findings"][0]["fix"] = [[1], "x", 3, "no", None]
    elif shape == "code-odd":
        bad["findings"][0]["code"] = "E501"
    elif shape == "deps-files-odd":
        bad["deps"]["files"] = {"a.py": 3}
    elif shape == "projects-odd":
        bad["deps"]["projects"] = [["not a list of roots", 3]]
    elif shape == "bool-line":
        bad["findings"][0]["at"][0] = True
    entry.write_text(json.dumps(bad))
    found = lint_source(CANONICAL, str(path), report_unchecked=True, cache_dir=str(store))
    assert found == expected and [f.line for f in found] == [11]
    assert json.loads(entry.read_text()) == good  # written again


def test_a_wrong_shaped_project_model_is_indexed_again_and_rewritten(tmp_path):
    project = tmp_path / "proj"
    (project / ".git").mkdir(parents=True)
    _project(project)
    fresh = ProjectModel([project], use_cache=False).entries
    assert ProjectModel([project], use_cache=True).entries == fresh
    [stored] = (project / CACHE_DIR_NAME).glob("model-*.json")
    data = json.loads(stored.read_text())
    keys = sorted(data["entries"])
    data["entries"][keys[0]] = {"imports": [], "classes": None}  # wrong types
    data["entries"][keys[1]] = {"imports": {"x": [0, "a"]}, "classes": {}, "functions": {},
                                "registrations": [], "assigns": {}}  # a short tuple
    data["entries"][keys[2]] = {"imports": {}, "classes": {"C": {"line": "1"}},
                                "functions": {}, "registrations": [], "assigns": {}}
    stored.write_text(json.dumps(data))
    assert ProjectModel([project], use_cache=True).entries == fresh
    rewritten = json.loads(stored.read_text())["entries"]
    assert all(rewritten[k] != data["entries"][k] for k in keys[:3])
    # the whole file of the wrong shape
    for wrong in ("[]", "null", '{"format": "copysafety-model"}', '{"entries": []}'):
        stored.write_text(wrong)
        assert ProjectModel([project], use_cache=True).entries == fresh
    # and the command says nothing about it: the finding, no CPS900
    stored.write_text(json.dumps({**data, "entries": {k: {"imports": None} for k in keys}}))
    done = _check(project, ".")
    assert _places(_findings(done)) == PLACES, done.stdout + done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifos_and_folders_in_place_of_cache_files_never_block(tmp_path):
    project = tmp_path / "proj"
    (project / ".git").mkdir(parents=True)
    _project(project)
    expected = _findings(_check(project, "--no-cache", "."))
    assert _findings(_check(project, ".")) == expected
    folder = project / CACHE_DIR_NAME
    files = _cache_files(folder)
    for index, path in enumerate(files):
        path.unlink()
        if index % 2:
            path.mkdir()
        else:
            os.mkfifo(path)
    started = time.monotonic()
    done = _check(project, ".", timeout=120)
    assert _findings(done) == expected, done.stderr
    assert time.monotonic() - started < 100
    flake8 = _flake8(project, "pkg", timeout=120)
    assert _places(_findings(flake8)) == PLACES
    assert not list(folder.rglob("*.tmp"))


def test_no_temporary_file_outlives_a_failed_write(tmp_path):
    store = cache.ResultCache(str(tmp_path))
    store.write_now(store.entry_name("a.py", "s"), {"content": "c"})
    target = store.entry_name("b.py", "s")
    os.mkdir(target)  # the rename onto it fails
    with pytest.raises(OSError):
        store.write_now(target, {"content": "c"})
    assert not list(Path(store.folder).glob("*.tmp"))
    # a crash leaves them behind: the first write of a later process sweeps stale ones
    stale = Path(store.folder) / "tmpabc.tmp"
    stale.write_text("{")
    recent = Path(store.folder) / "tmpnew.tmp"
    recent.write_text("{")
    old = time.time() - cache.STALE_TEMPORARY_S - 60
    os.utime(stale, (old, old))
    cache.prune(store.folder)
    assert not stale.exists() and recent.exists()  # a running write may own the recent one


def test_the_folder_stays_under_its_cap_least_recently_used_first(tmp_path):
    folder = tmp_path / "entries"
    folder.mkdir()
    now = time.time()
    for index in range(10):
        path = folder / f"{index}.json"
        path.write_bytes(b"x" * 1000)
        os.utime(path, (now - 100 + index, now - 100 + index))
    cache.prune(str(folder), limit=6000)
    assert sorted(int(p.stem) for p in folder.glob("*.json")) == [6, 7, 8, 9]


def test_a_verdict_never_crosses_interpreters(tmp_path, monkeypatch):
    """A file this interpreter cannot parse (a 3.12 f-string) keeps no other interpreter's
    clean verdict: entries live in a folder per interpreter, and both folders stay."""
    source = CANONICAL + 'LABEL = f"{"nested"}"\n' if sys.version_info < (3, 12) else \
        CANONICAL + "match = 1\nprint 'x'\n"
    path = tmp_path / "ds.py"
    path.write_text(source)
    store = tmp_path / "store"
    settings = repr(((), (), (), True))
    content = cache.content_hash(source.encode())
    monkeypatch.setattr(cache, "interpreter_tag", lambda: "cpython-9.99")
    foreign = cache.ResultCache(str(store))
    foreign.put(str(path), settings, content, [], [])  # the other interpreter: clean
    assert foreign.get(str(path), settings, content) == []
    monkeypatch.undo()
    found = lint_source(source, str(path), report_unchecked=True, cache_dir=str(store))
    assert [f.code for f in found] == ["CPS901"]
    assert len([p for p in store.iterdir() if p.is_dir()]) == 2
    assert model_module.interpreter_tag() in cache.ResultCache(str(store)).folder


def test_a_cps901_message_names_this_run_s_path(tmp_path, monkeypatch):
    broken = CANONICAL + "def broken(:\n"
    write(tmp_path, {"sub/ds.py": broken})
    monkeypatch.chdir(tmp_path)
    store = str(tmp_path / "store")
    first = lint_source(broken, "./sub/ds.py", report_unchecked=True, cache_dir=store)
    second = lint_source(broken, "sub/ds.py", report_unchecked=True, cache_dir=store)
    assert [f.code for f in first] == [f.code for f in second] == ["CPS901"]
    assert first[0].message.startswith("./sub/ds.py was not checked")
    assert second[0].message.startswith("sub/ds.py was not checked")


def test_a_change_of_another_module_is_seen_by_the_next_run(tmp_path):
    """The result of the helper's module depends on the dataset's module (through the
    project index's digest): the next run after the dataset copies its item reports
    nothing there, and the one after that is answered from the cache."""
    project = tmp_path / "proj"
    (project / ".git").mkdir(parents=True)
    dataset = _project(project)
    first = _findings(_check(project, "."))
    assert _places(first) == PLACES
    dataset.write_text(DATASET.replace("(self.data[i])", "(self.data[i].clone())"))
    assert _findings(_check(project, ".")) == []
    assert _findings(_check(project, ".")) == []
    dataset.write_text(DATASET)
    assert _findings(_check(project, ".")) == first


def test_reach_is_computed_once_per_index_and_read_by_the_next_process(
        tmp_path, monkeypatch):
    from flake8_copysafety.project import reach

    project = tmp_path / "proj"
    (project / ".git").mkdir(parents=True)
    _project(project)
    write(project, {"pkg/more.py": "from .transforms import normalize\n",
                    "pkg/other.py": "def f(x):\n    x.add_(1)\n"})
    monkeypatch.delenv("COPYSAFETY_NO_CACHE", raising=False)  # the disk is what is tested
    calls = []
    real = reach._reach_of_all
    monkeypatch.setattr(reach, "_reach_of_all", lambda m: calls.append(1) or real(m))
    new_run()
    helper = project / "pkg" / "transforms.py"
    for name in ("pkg/transforms.py", "pkg/more.py", "pkg/other.py", "pkg/data/ds.py"):
        lint_source((project / name).read_text(), str(project / name))
    assert len(calls) == 1
    # another process (here: a new run) reads it from the disk
    new_run()
    monkeypatch.setattr(reach, "_reach_of_all", lambda m: pytest.fail("computed again"))
    found = lint_source(helper.read_text(), str(helper))
    assert [(f.line, f.code) for f in found] == [(2, "CPS101")]
    new_run()


def _outputs(paths, cwd, cache_dir):
    base = ["--format", "json", "--exit-zero", "--extend-select", "CPS104", "-j", "2"]
    nocache = _check(cwd, *base, "--no-cache", *paths, timeout=600)
    cold = _check(cwd, *base, "--cache-dir", cache_dir, *paths, timeout=600)
    warm = _check(cwd, *base, "--cache-dir", cache_dir, *paths, timeout=600)
    return nocache, cold, warm


def test_findings_are_byte_identical_with_and_without_the_cache(tmp_path):
    """On the eval files and the corpus: no cache, a cold cache and a warm one."""
    nocache, cold, warm = _outputs(["tests/eval_files", "corpus"], ROOT,
                                   str(tmp_path / "store"))
    assert nocache.returncode == 0, nocache.stderr
    assert len(json.loads(nocache.stdout)) > 100
    assert cold.stdout == nocache.stdout
    assert warm.stdout == nocache.stdout
