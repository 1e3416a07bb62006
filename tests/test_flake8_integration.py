"""Real `flake8` runs with the plugin installed: codes, columns, noqa, config, failures."""

import subprocess
import sys
import textwrap

import pytest

from cli_support import (
    CANONICAL, CLEAN, CUSTOM_BASE, MAYBE_NOOP, SNAPSHOT, codes_in, run_process, write,
)

NOQA_VARIANTS = {
    "n_bare.py": ("x += 1\n", "x += 1  # noqa\n"),
    "n_code.py": ("x += 1\n", "x += 1  # noqa: CPS101\n"),
    "n_upper.py": ("x += 1\n", "x += 1  # NOQA:CPS101,E501\n"),
    "n_prefix.py": ("x += 1\n", "x += 1  # noqa: CPS1\n"),
    "n_lower.py": ("x += 1\n", "x += 1  # noqa: cps101\n"),
    "n_other.py": ("x += 1\n", "x += 1  # noqa: E501\n"),
    "n_spaced.py": ("x += 1\n", "x += 1  # noqa : CPS999\n"),
    "n_nospace.py": ("x += 1\n", "x += 1  #noqa\n"),
    "n_site.py": ("x = self.data[idx]\n", "x = self.data[idx]  # noqa\n"),
}


def flake8(cwd, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", "flake8", *args], cwd=str(cwd),
                          capture_output=True, text=True, encoding="utf-8", timeout=300,
                          **kwargs)


def cps(report):
    return [entry for entry in codes_in(report) if entry[3].startswith("CPS")]


def test_finding_with_flake8_display_column(tmp_path):
    write(tmp_path, {"ds.py": CANONICAL})
    done = flake8(tmp_path, "--select=CPS", "ds.py")
    assert done.returncode == 1, done.stderr
    assert codes_in(done.stdout) == [("ds.py", 11, 9, "CPS101")]  # plugin col 8 -> 9
    assert "http" not in done.stdout  # no long URL on every line
    assert done.stderr == ""


def test_clean_file(tmp_path):
    write(tmp_path, {"ds.py": CLEAN})
    done = flake8(tmp_path, "--select=CPS", "ds.py")
    assert (done.returncode, done.stdout) == (0, "")


@pytest.mark.parametrize("name", sorted(NOQA_VARIANTS))
def test_noqa_same_in_flake8_and_copysafety(tmp_path, name):
    old, new = NOQA_VARIANTS[name]
    write(tmp_path, {name: CANONICAL.replace(old, new)})
    theirs = cps(flake8(tmp_path, "--select=CPS", name).stdout)
    ours = codes_in(run_process(["check", name], tmp_path).stdout)
    assert ours == theirs
    expected_reported = name in ("n_lower.py", "n_other.py", "n_nospace.py", "n_site.py")
    assert bool(theirs) is expected_reported


def test_extend_ignore(tmp_path):
    write(tmp_path, {"ds.py": CANONICAL})
    done = flake8(tmp_path, "--select=CPS", "--extend-ignore=CPS101", "ds.py")
    assert (done.returncode, done.stdout) == (0, "")


@pytest.mark.parametrize("config", ["setup.cfg", "tox.ini", ".flake8"])
def test_per_file_ignores_in_each_config_file(tmp_path, config):
    write(tmp_path, {
        config: "[flake8]\nper-file-ignores =\n    legacy/*.py: CPS101\n",
        "legacy/ds.py": CANONICAL,
        "src/ds.py": CANONICAL,
    })
    done = flake8(tmp_path, "--select=CPS", ".")
    assert [p for p, *_ in cps(done.stdout)] == ["./src/ds.py"]


def test_extend_ignore_in_config(tmp_path):
    write(tmp_path, {".flake8": "[flake8]\nextend-ignore = CPS1\n", "ds.py": CANONICAL,
                     "train.py": SNAPSHOT})
    done = flake8(tmp_path, "--select=CPS", ".")
    assert [c for *_, c in cps(done.stdout)] == ["CPS202"]


def test_cps104_is_off_by_default(tmp_path):
    write(tmp_path, {"b.py": MAYBE_NOOP})
    plain = flake8(tmp_path, "b.py")
    assert cps(plain.stdout) == []
    extended = flake8(tmp_path, "--extend-select=CPS104", "b.py")
    assert cps(extended.stdout) == [("b.py", 11, 9, "CPS104")]
    # an explicit --select that names the prefix turns it on too (flake8's rule)
    selected = flake8(tmp_path, "--select=CPS", "b.py")
    assert cps(selected.stdout) == [("b.py", 11, 9, "CPS104")]


def test_plugin_options_from_config_also_in_parallel_jobs(tmp_path):
    files = {f"c{i}.py": CUSTOM_BASE for i in range(4)}
    write(tmp_path, files)
    assert cps(flake8(tmp_path, "--select=CPS", "-j", "2", ".").stdout) == []
    write(tmp_path, {"setup.cfg": "[flake8]\ncopysafety-dataset-bases = mylib.data.BaseSet\n"})
    done = flake8(tmp_path, "--select=CPS", "-j", "2", ".")
    assert sorted(p for p, *_ in cps(done.stdout)) == [f"./c{i}.py" for i in range(4)]
    done = flake8(tmp_path, "--select=CPS", "-j", "1", "--copysafety-dataset-bases=other.X",
                  "c0.py")
    assert cps(done.stdout) == []


BROKEN_ENGINE = textwrap.dedent("""\
    import sys
    import flake8_copysafety.engine.pipeline as engine

    def fail(*args, **kwargs):
        raise RuntimeError("simulated analysis failure")

    engine._lint = fail
    from flake8.main.cli import main
    sys.exit(main(sys.argv[1:]))
""")

OTHER_PROBLEMS = CANONICAL.replace("import torch\n", "import torch\nimport os\n").replace(
    "x += 1\n", "x += 1 \n")


def test_analysis_failure_keeps_other_plugins_results(tmp_path):
    """A CPS900 finding, and pyflakes/pycodestyle results for the same file still appear."""
    write(tmp_path, {"ds.py": OTHER_PROBLEMS, "run_flake8.py": BROKEN_ENGINE})
    done = subprocess.run(
        [sys.executable, "run_flake8.py", "--jobs=1", "--select=CPS,F,E,W", "ds.py"],
        cwd=str(tmp_path), capture_output=True, text=True, timeout=300)
    found = {code for *_, code in codes_in(done.stdout)}
    assert {"CPS900", "F401", "W291"} <= found, done.stdout + done.stderr
    assert "CPS101" not in found
    assert "Traceback" not in done.stderr
    assert "simulated analysis failure" in done.stdout


def test_analysis_failure_in_process_application(tmp_path, monkeypatch):
    from flake8.main.application import Application

    import flake8_copysafety.engine.pipeline as engine

    def fail(*args, **kwargs):
        raise RuntimeError("simulated")

    monkeypatch.setattr(engine, "_lint", fail)
    write(tmp_path, {"ds.py": OTHER_PROBLEMS})
    monkeypatch.chdir(tmp_path)
    app = Application()
    app.run(["--jobs=1", "--select=CPS,F,W", "--format=%(code)s", "ds.py"])
    assert app.result_count >= 3
    assert app.exit_code() == 1


def test_bad_files_do_not_break_flake8(tmp_path):
    (tmp_path / "syntax.py").write_text("class D:\n    def __getitem__(self, i:\n")
    if sys.version_info >= (3, 11):  # before 3.11 flake8 itself crashes on NUL bytes
        (tmp_path / "nul.py").write_bytes(b"x = 1\x00\nmodel.state_dict()\n")
    (tmp_path / "latin.py").write_bytes(b"# __getitem__ \xff\n")
    (tmp_path / "py2.py").write_text("print 'hi'\nmodel.state_dict()\n")
    done = flake8(tmp_path, "--select=CPS,E9", ".")
    assert "Traceback" not in done.stderr + done.stdout
    assert all(not code.startswith("CPS") for *_, code in codes_in(done.stdout))
