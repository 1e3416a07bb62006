"""The `copysafety` command: files, selection, noqa, configuration, formats, exit codes."""

import argparse
import json
import os
import textwrap
from pathlib import Path

import pytest
from flake8.style_guide import Decision, DecisionEngine

import flake8_copysafety.engine.pipeline as engine
from flake8_copysafety.cli import main as cli, runner
from flake8_copysafety.cli.config import _toml_loader
from flake8_copysafety.cli.noqa import NoqaMap, comment_suppresses
from flake8_copysafety.rules.catalogue import RULES
from flake8_copysafety.cli.selection import Selection, SelectionError, parse_codes

from cli_support import (
    ASARRAY, CANONICAL, CLEAN, CUSTOM_BASE, MAYBE_NOOP, codes_in, run_main, run_process, write,
)


needs_toml = pytest.mark.skipif(_toml_loader() is None,
                                reason="no TOML reader (Python < 3.11 without tomli)")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project directory (with .git, so configuration lookup stops here) as CWD."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- basic behaviour and exit codes ------------------------------------------------------

def test_canonical_bug_text_report(project, capsys):
    write(project, {"ds.py": CANONICAL})
    code, out, err = run_main(capsys, "check", "ds.py")
    assert code == 1
    assert out.startswith("ds.py:11:9: CPS101 `self.data[idx]`")
    assert out.count("\n") == 3
    assert out.endswith(
        "\nFound 1 finding in 1 file; 1 fixable with --fix\nRule pages: https://github.com/"
        "flake8-copysafety/flake8-copysafety#rules (CPS101), or `copysafety rule CODE`\n")
    assert out.count("http") == 1  # the link once, not on every line
    assert err == ""


def test_clean_file_exits_zero_silently(project, capsys):
    write(project, {"ds.py": CLEAN})
    assert run_main(capsys, "check", "ds.py") == (0, "All checks passed\n", "")
    assert run_main(capsys, "check", "--quiet", "ds.py") == (0, "", "")


def test_default_path_is_the_working_directory(project, capsys):
    write(project, {"pkg/ds.py": CANONICAL, "pkg/ok.py": CLEAN})
    code, out, _ = run_main(capsys, "check")
    assert code == 1
    assert codes_in(out) == [(os.path.join("pkg", "ds.py"), 11, 9, "CPS101")]


def test_installed_command_end_to_end(tmp_path):
    write(tmp_path, {"ds.py": CANONICAL})
    done = run_process(["check", "ds.py"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert codes_in(done.stdout) == [("ds.py", 11, 9, "CPS101")]
    assert done.stderr == ""  # no progress line off a terminal


def test_help_documents_exit_codes(capsys):
    code, out, _ = run_main(capsys, "check", "--help")
    assert code == 0
    assert "exit status:" in out and "0  no findings" in out and "2  usage error" in out
    code, out, _ = run_main(capsys, "--help")
    assert code == 0 and "exit status:" in out
    assert "check" in out and "rule" in out and "verify" in out


def test_version(capsys):
    code, out, _ = run_main(capsys, "--version")
    assert code == 0 and out.strip().startswith("copysafety ")


def test_no_command_is_a_usage_error(capsys):
    code, _, err = run_main(capsys)
    assert code == 2 and "usage" in err


def test_bad_option_is_a_usage_error(capsys):
    code, _, err = run_main(capsys, "check", "--no-such-flag")
    assert code == 2 and "unrecognized arguments" in err


def test_missing_path_is_a_usage_error_without_traceback(project, capsys):
    code, out, err = run_main(capsys, "check", "nope.py")
    assert code == 2 and out == ""
    assert err == "copysafety: error: nope.py: no such file or directory\n"


def test_invalid_code_prefix_is_a_usage_error(project, capsys):
    write(project, {"ds.py": CANONICAL})
    code, _, err = run_main(capsys, "check", "--select", "cps101", "ds.py")
    assert code == 2
    assert err.count("\n") == 1 and "'cps101'" in err


def test_internal_crash_is_one_line_and_exit_2(project, capsys, monkeypatch):
    import flake8_copysafety.cli.check as check

    def boom(args):
        raise RuntimeError("something broke")

    monkeypatch.setattr(check, "run_check", boom)
    code, out, err = run_main(capsys, "check", ".")
    assert code == 2 and out == ""
    assert err == "copysafety: error: internal error: RuntimeError: something broke\n"


def test_internal_crash_in_installed_command_has_no_traceback(tmp_path):
    write(tmp_path, {"ds.py": CANONICAL})
    done = run_process(["check", "--jobs", "1", "ds.py"], tmp_path,
                       env={"PYTHONPATH": str(tmp_path / "inject")})
    assert done.returncode == 1  # sanity: the injection directory does nothing yet
    (tmp_path / "inject").mkdir()
    # sitecustomize runs at start-up: make the report writer crash.
    (tmp_path / "inject" / "sitecustomize.py").write_text(textwrap.dedent("""\
        import flake8_copysafety.cli.formats as formats
        def crash(reports):
            raise MemoryError("simulated")
        formats.RENDERERS["text"] = crash
    """))
    done = run_process(["check", "--jobs", "1", "ds.py"], tmp_path,
                       env={"PYTHONPATH": str(tmp_path / "inject")})
    assert done.returncode == 2
    assert done.stderr == "copysafety: error: internal error: MemoryError: simulated\n"
    assert "Traceback" not in done.stderr + done.stdout


def test_analysis_failure_is_a_cps900_finding_exit_1(project, capsys, monkeypatch):
    def fail(*args, **kwargs):
        raise ValueError("analysis bug")

    monkeypatch.setattr(engine, "_lint", fail)
    write(project, {"ds.py": CANONICAL})
    code, out, _ = run_main(capsys, "check", "ds.py")
    assert code == 1
    assert codes_in(out) == [("ds.py", 1, 1, "CPS900")]
    assert "ValueError: analysis bug" in out


def test_bad_input_files_never_crash(project, capsys):
    (project / "latin.py").write_bytes(b"x = '\xff\xfe'  # __getitem__\n")
    (project / "nul.py").write_bytes(b"def __getitem__(self):\x00\n")
    (project / "syntax.py").write_text("def __getitem__(self:\n    return state_dict(\n")
    (project / "empty.py").write_text("")
    (project / "py2.py").write_text("print 'x'\nclass D:\n    def __getitem__(s, i): pass\n")
    (project / "cp.py").write_bytes(b"# -*- coding: ascii -*-\ndef __getitem__(s): '\xff'\n")
    code, out, err = run_main(capsys, "check", ".")
    # Files Python cannot read or parse are reported, not passed over: also latin.py, which
    # holds no dataset (undecodable bytes without a coding line).
    assert code == 1
    assert [(p, c) for p, _, _, c in codes_in(out)] == [
        ("cp.py", "CPS901"), ("latin.py", "CPS901"), ("nul.py", "CPS901"), ("py2.py", "CPS901"),
        ("syntax.py", "CPS901")]
    assert "syntax.py was not checked: SyntaxError: " in out
    assert "Traceback" not in err


def test_unreadable_file_is_reported_and_exit_2(project, capsys, monkeypatch):
    write(project, {"ds.py": CANONICAL, "ok.py": CLEAN})
    real_open = open

    def guarded(path, *args, **kwargs):
        if str(path).endswith("ok.py"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(runner, "open", guarded, raising=False)
    code, out, err = run_main(capsys, "check", "ds.py", "ok.py")
    assert code == 2
    assert codes_in(out) == [("ds.py", 11, 9, "CPS101")]
    assert err == "copysafety: error: ok.py: cannot read file: Permission denied\n"


def test_output_file(project, capsys):
    write(project, {"ds.py": CANONICAL})
    code, out, _ = run_main(capsys, "check", "--output", "report.txt", "ds.py")
    assert code == 1 and out == ""
    assert (project / "report.txt").read_text(encoding="utf-8").startswith("ds.py:11:9: CPS101")


def test_stdin(project):
    done = run_process(["check", "--stdin-display-name", "mine.py", "-"], project,
                       stdin=CANONICAL)
    assert done.returncode == 1
    assert codes_in(done.stdout) == [("mine.py", 11, 9, "CPS101")]
    done = run_process(["check", "--fix", "-"], project, stdin=CANONICAL)
    assert done.returncode == 2 and "standard input" in done.stderr


# --- JSON --------------------------------------------------------------------------------

def test_json_report(project, capsys):
    write(project, {"ds.py": CANONICAL, "ok.py": CLEAN})
    code, out, _ = run_main(capsys, "check", "--format", "json", ".")
    assert code == 1
    items = json.loads(out)
    assert len(items) == 1
    item = items[0]
    assert set(item) == {"path", "line", "col", "end_line", "end_col", "code", "message", "url",
                         "fix"}
    assert (item["path"], item["line"], item["col"], item["code"]) == ("ds.py", 11, 9, "CPS101")
    assert item["end_line"] == 11 and item["end_col"] == 15  # `x += 1`, end exclusive
    assert item["url"] == ("https://github.com/flake8-copysafety/flake8-copysafety/blob/main/"
                           "flake8_copysafety/docs/CPS101.md")
    assert "http" not in item["message"]
    assert item["fix"] == {
        "replacement": "self.data[idx].clone()",
        "start": {"line": 10, "col": 13},
        "end": {"line": 10, "col": 27},
        "description": item["fix"]["description"],
        "needs_import_copy": False,
        "message": "`.clone()` it",
    }
    assert item["message"].endswith(". Fix: `.clone()` it.")
    lines = CANONICAL.splitlines()
    assert lines[9][13 - 1:27 - 1] == "self.data[idx]"


def test_json_clean_is_an_empty_list(project, capsys):
    write(project, {"ok.py": CLEAN})
    assert run_main(capsys, "check", "--format", "json", ".") == (0, "[]\n", "")


# --- selection ---------------------------------------------------------------------------

@pytest.mark.parametrize("flags, expected", [
    ([], ["CPS101"]),
    (["--extend-select", "CPS104"], ["CPS101", "CPS104"]),
    (["--select", "CPS104"], ["CPS104"]),
    (["--select", "CPS1"], ["CPS101", "CPS104"]),  # explicit select beats default-off
    (["--select", "CPS"], ["CPS101", "CPS104"]),
    (["--ignore", "CPS101"], []),
    (["--extend-ignore", "CPS1"], []),
    (["--select", "CPS2"], []),
    (["--select", "CPS1", "--ignore", "CPS101"], ["CPS104"]),
    (["--select", "CPS101", "--ignore", "CPS1"], ["CPS101"]),  # longer prefix wins
    (["--select", "CPS101,CPS104"], ["CPS101", "CPS104"]),
])
def test_selection_flags(project, capsys, flags, expected):
    write(project, {"a.py": CANONICAL, "b.py": MAYBE_NOOP})
    code, out, _ = run_main(capsys, "check", *flags, ".")
    assert [c for *_, c in codes_in(out)] == expected
    assert code == (1 if expected else 0)


def _flake8_engine(**given):
    options = dict(select=None, extend_select=None, ignore=None, extend_ignore=None,
                   extended_default_select=["C90", "F", "E", "W", "CPS"],
                   extended_default_ignore=["CPS104"])
    options.update(given)
    return DecisionEngine(argparse.Namespace(**options))


COMBINATIONS = [
    {},
    {"select": ["CPS"]},
    {"select": ["CPS1"]},
    {"select": ["CPS104"]},
    {"select": ["CPS2", "CPS9"]},
    {"extend_select": ["CPS104"]},
    {"ignore": ["CPS101"]},
    {"ignore": ["CPS"]},
    {"ignore": []},
    {"extend_ignore": ["CPS2"]},
    {"select": ["CPS1"], "ignore": ["CPS10"]},
    {"select": ["CPS10"], "ignore": ["CPS1"]},
    {"select": ["CPS101"], "ignore": ["CPS101"]},
    {"select": ["CPS"], "extend_ignore": ["CPS104"]},
    {"extend_select": ["CPS1"], "ignore": ["CPS10"]},
    {"extend_select": ["CPS2"], "extend_ignore": ["CPS20"]},
]


def _ours(given):
    return Selection(
        select=given.get("select"), ignore=given.get("ignore"),
        extend_select=given.get("extend_select") or (),
        extend_ignore=given.get("extend_ignore") or (),
    )


@pytest.mark.parametrize("given", COMBINATIONS, ids=lambda g: repr(g))
def test_selection_decides_like_flake8(given):
    ours = _ours(given)
    if given.get("ignore") is not None:
        # flake8's --ignore replaces the default-off list plugins extend; ours keeps it, so
        # compare with flake8 told to ignore the default-off codes as well.
        given = dict(given, extend_ignore=[*(given.get("extend_ignore") or ()), "CPS104"])
    theirs = _flake8_engine(**given)
    for code in RULES:
        assert ours(code) == (theirs.decision_for(code) is Decision.Selected), code


def test_ignore_does_not_turn_default_off_codes_on():
    assert not _ours({"ignore": ["CPS101"]})("CPS104")
    assert _ours({"ignore": ["CPS101"], "extend_select": ["CPS104"]})("CPS104")


def test_parse_codes():
    assert parse_codes(None, "select") is None
    assert parse_codes("CPS1, CPS201\nCPS9", "select") == ("CPS1", "CPS201", "CPS9")
    assert parse_codes(["CPS1", "CPS2"], "select") == ("CPS1", "CPS2")
    with pytest.raises(SelectionError):
        parse_codes("CPS-1", "select")


# --- noqa --------------------------------------------------------------------------------

@pytest.mark.parametrize("comment, suppressed", [
    ("# noqa", True),
    ("# NOQA", True),
    ("# NoQa", True),
    ("# noqa: CPS101", True),
    ("# noqa:CPS101", True),
    ("# NOQA:CPS101,E501", True),
    ("# noqa: E501,CPS101", True),
    ("# noqa: E501 CPS101", True),
    ("# noqa: CPS1", True),
    ("# noqa: CPS", True),
    ("# noqa: E501", False),
    ("# noqa: CPS102", False),
    ("# noqa: cps101", False),  # flake8 compares codes as written
    ("# noqa : CPS102", True),  # not the `: codes` form: a bare noqa
    ("# noqa:  CPS102", True),  # two spaces: a bare noqa too, as in flake8
    ("#noqa", False),
    ("# type: ignore # noqa: CPS101", True),
    ("", False),
])
def test_noqa_comment_forms(comment, suppressed):
    assert comment_suppresses(f"x += 1  {comment}\n", "CPS101") is suppressed


def test_noqa_lines_are_grouped_like_flake8():
    """flake8 joins the lines of a multi-line token (a string), not of a bracketed call."""
    call = NoqaMap("x = f(\n    1,\n    2,  # noqa: CPS101\n)\ny = 1\n")
    assert [call.suppressed(n, "CPS101") for n in range(1, 6)] == [
        False, False, True, False, False]
    string = NoqaMap('y = """\nabc  # noqa\n"""; x += 1\nz = 1\n')
    assert [string.suppressed(n, "CPS101") for n in range(1, 5)] == [True, True, True, False]


def test_noqa_file_level():
    assert NoqaMap("# flake8: noqa\nx = 1\n").file_ignored
    assert NoqaMap("  # flake8:noqa\n").file_ignored
    assert not NoqaMap("x = 1  # flake8: noqa\n").file_ignored


def test_noqa_on_untokenizable_text_uses_the_physical_line():
    noqa = NoqaMap('x = """\n# noqa\n')
    assert noqa.suppressed(2, "CPS101") and not noqa.suppressed(1, "CPS101")


def test_noqa_in_the_command(project, capsys):
    write(project, {
        "a.py": CANONICAL.replace("x += 1\n", "x += 1  # noqa: CPS101\n"),
        "b.py": CANONICAL.replace("x += 1\n", "x += 1  # noqa: CPS2\n"),
        "c.py": CANONICAL.replace("x += 1\n", "x += 1  # NOQA\n"),
        "d.py": "# flake8: noqa\n" + CANONICAL,
    })
    code, out, _ = run_main(capsys, "check", ".")
    assert code == 1
    assert codes_in(out) == [("b.py", 11, 9, "CPS101")]
    code, out, _ = run_main(capsys, "check", "--disable-noqa", ".")
    assert [p for p, *_ in codes_in(out)] == ["a.py", "b.py", "c.py", "d.py"]


# --- files -------------------------------------------------------------------------------

def test_default_excludes_and_python_files_only(project, capsys):
    skipped = [".git", ".hg", ".tox", ".nox", ".venv", "venv", "env", "__pycache__", "build",
               "dist", "pkg.egg-info", "node_modules", "lib/site-packages"]
    write(project, {f"{d}/bad.py": CANONICAL for d in skipped})
    write(project, {"src/bad.py": CANONICAL, "src/notes.txt": CANONICAL,
                    "src/deep/er/bad.py": CANONICAL})
    code, out, _ = run_main(capsys, "check", ".")
    assert code == 1
    assert [p for p, *_ in codes_in(out)] == [
        os.path.join("src", "bad.py"), os.path.join("src", "deep", "er", "bad.py")]


def test_exclude_flag_adds_to_the_defaults(project, capsys):
    write(project, {"a/bad.py": CANONICAL, "b/gen_x.py": CANONICAL, "b/keep.py": CANONICAL,
                    "c/sub/bad.py": CANONICAL, "venv/bad.py": CANONICAL})
    code, out, _ = run_main(capsys, "check", "--exclude", "a,gen_*.py", "--exclude",
                            "c/sub", ".")
    assert [p for p, *_ in codes_in(out)] == [os.path.join("b", "keep.py")]


def test_excludes_apply_to_named_files(project, capsys):
    """pre-commit names files: those under excluded directories stay skipped."""
    write(project, {"build/gen.py": CANONICAL, "src/bad.py": CANONICAL})
    code, out, _ = run_main(capsys, "check", "build/gen.py", "src/bad.py")
    assert [p for p, *_ in codes_in(out)] == [os.path.join("src", "bad.py")]


def test_named_non_python_file_is_checked(project, capsys):
    write(project, {"script": CANONICAL})
    code, out, _ = run_main(capsys, "check", "script")
    assert codes_in(out) == [("script", 11, 9, "CPS101")]


def test_each_file_once(project, capsys):
    write(project, {"ds.py": CANONICAL})
    code, out, _ = run_main(capsys, "check", "ds.py", ".", "./ds.py")
    assert len(codes_in(out)) == 1


# --- configuration -----------------------------------------------------------------------

@needs_toml
def test_pyproject_configuration(project, capsys):
    write(project, {
        "pyproject.toml": textwrap.dedent("""\
            [tool.copysafety]
            extend-select = ["CPS104"]
            exclude = ["legacy"]
            dataset-bases = ["mylib.data.BaseSet"]
        """),
        "a.py": CANONICAL, "b.py": MAYBE_NOOP, "c.py": CUSTOM_BASE, "legacy/x.py": CANONICAL,
    })
    code, out, _ = run_main(capsys, "check")
    assert [(p, c) for p, _, _, c in codes_in(out)] == [
        ("a.py", "CPS101"), ("b.py", "CPS104"), ("c.py", "CPS101")]


def test_setup_cfg_configuration_and_flags_override(project, capsys):
    write(project, {
        "setup.cfg": "[copysafety]\nignore = CPS101\ncopy-functions =\n    numpy.asarray\n",
        "a.py": CANONICAL, "b.py": ASARRAY,
    })
    code, out, _ = run_main(capsys, "check")
    assert (code, codes_in(out)) == (0, [])
    code, out, _ = run_main(capsys, "check", "--ignore", "CPS2", "--copy-functions", "x.y")
    assert [p for p, *_ in codes_in(out)] == ["a.py", "b.py"]


@needs_toml
def test_nearest_configuration_from_a_subdirectory(project, capsys, monkeypatch):
    write(project, {
        "pyproject.toml": '[tool.copysafety]\nexclude = ["sub/skip"]\nignore = ["CPS2"]\n',
        "setup.cfg": "[copysafety]\nselect = CPS2\n",  # pyproject.toml wins in one directory
        "sub/a.py": CANONICAL, "sub/skip/b.py": CANONICAL,
    })
    monkeypatch.chdir(project / "sub")
    code, out, _ = run_main(capsys, "check", ".")
    assert codes_in(out) == [("a.py", 11, 9, "CPS101")]


def test_pyproject_without_our_table_is_passed_over(project, capsys):
    write(project, {"pyproject.toml": "[tool.other]\nx = 1\n",
                    "setup.cfg": "[copysafety]\nignore = CPS1\n", "a.py": CANONICAL})
    assert run_main(capsys, "check", "-q")[:2] == (0, "")


@needs_toml
def test_isolated_and_explicit_config(project, capsys):
    write(project, {"setup.cfg": "[copysafety]\nignore = CPS1\n",
                    "other.toml": '[tool.copysafety]\nselect = ["CPS2"]\n', "a.py": CANONICAL})
    assert run_main(capsys, "check")[0] == 0
    assert run_main(capsys, "check", "--isolated")[0] == 1
    assert run_main(capsys, "check", "--config", "other.toml")[0] == 0
    code, _, err = run_main(capsys, "check", "--config", "missing.cfg")
    assert code == 2 and "missing.cfg" in err


@needs_toml
def test_invalid_configuration_is_a_usage_error(project, capsys):
    write(project, {"pyproject.toml": "[tool.copysafety\nselect = 1\n", "a.py": CANONICAL})
    code, out, err = run_main(capsys, "check")
    assert code == 2 and out == ""
    assert err.startswith("copysafety: error: ") and err.count("\n") == 1


def test_unknown_configuration_key_is_an_error_naming_the_nearest(project, capsys):
    write(project, {"setup.cfg": "[copysafety]\nselct = CPS2\n", "a.py": CANONICAL})
    code, out, err = run_main(capsys, "check")
    assert (code, out) == (2, "")
    assert err.startswith("copysafety: error: ") and err.count("\n") == 1
    assert "'selct'" in err and "did you mean 'select'?" in err


def test_dataset_bases_and_copy_functions_flags(project, capsys):
    write(project, {"c.py": CUSTOM_BASE, "b.py": ASARRAY})
    code, out, _ = run_main(capsys, "check", "c.py")
    assert code == 0
    code, out, _ = run_main(capsys, "check", "--dataset-bases", "mylib.data.BaseSet", "c.py")
    assert codes_in(out) == [("c.py", 9, 9, "CPS101")]
    assert run_main(capsys, "check", "b.py")[0] == 1
    assert run_main(capsys, "check", "--copy-functions", "numpy.asarray", "b.py")[0] == 0


def test_pyproject_without_a_toml_reader_does_not_crash(project, capsys, monkeypatch):
    import flake8_copysafety.cli.config as config

    monkeypatch.setattr(config, "_toml_loader", lambda: None)
    write(project, {"pyproject.toml": '[tool.copysafety]\nselect = ["CPS2"]\n',
                    "a.py": CANONICAL})
    code, _, err = run_main(capsys, "check")
    assert code == 1 and "tomli" in err


# --- parallel runs -----------------------------------------------------------------------

def test_parallel_equals_serial(project, capsys):
    files = {f"m{i:02d}.py": (CANONICAL if i % 3 else CLEAN) for i in range(30)}
    write(project, files)
    serial = run_main(capsys, "check", "--jobs", "1", ".")
    parallel = run_main(capsys, "check", "--jobs", "4", ".")
    assert serial == parallel
    assert serial[0] == 1 and len(codes_in(serial[1])) == 20


def test_parallel_run_in_a_subprocess(project):
    write(project, {f"m{i:02d}.py": CANONICAL for i in range(20)})
    done = run_process(["check", "--jobs", "3", "--format", "json", "."], project)
    assert done.returncode == 1, done.stderr
    assert [i["path"] for i in json.loads(done.stdout)] == sorted(f"m{i:02d}.py"
                                                                  for i in range(20))
    assert done.stderr == ""


def test_jobs_must_be_a_count(project, capsys):
    assert run_main(capsys, "check", "--jobs", "-1")[0] == 2
    assert run_main(capsys, "check", "--jobs", "many")[0] == 2


class _Tty:
    def __init__(self, tty):
        self.tty, self.text = tty, ""

    def isatty(self):
        return self.tty

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def test_progress_only_on_a_terminal_for_long_runs():
    for total, tty, shown in [(500, True, True), (500, False, False), (5, True, False)]:
        stream = _Tty(tty)
        progress = runner.Progress(total, stream)
        for _ in range(total):
            progress.step()
        progress.close()
        assert ("checked" in stream.text) is shown, (total, tty)
        assert stream.text.endswith("\x1b[K") is shown


# --- rule and verify ---------------------------------------------------------------------

def test_rule_lists_every_code(capsys):
    code, out, _ = run_main(capsys, "rule")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == list(RULES)
    assert "off by default" in next(line for line in out.splitlines() if "CPS104" in line)


@pytest.mark.parametrize("code", list(RULES))
def test_rule_page(capsys, code):
    status, out, _ = run_main(capsys, "rule", code.lower(), "--format", "markdown")
    assert status == 0
    page = Path(cli.__file__).parent.parent / "docs" / f"{code}.md"
    if page.exists():
        assert out == page.read_text(encoding="utf-8")
    else:
        assert code in out and RULES[code].summary in out


def test_rule_page_falls_back_to_the_summary(capsys, monkeypatch):
    import flake8_copysafety.rules.pages as ruledocs

    monkeypatch.setattr(ruledocs, "DOCS_DIR", Path("/nonexistent"))
    status, out, _ = run_main(capsys, "rule", "CPS202")
    assert status == 0
    assert "CPS202" in out and RULES["CPS202"].summary in out and RULES["CPS202"].help_uri in out


def test_unknown_rule(capsys):
    code, out, err = run_main(capsys, "rule", "CPS999")
    assert code == 2 and out == ""
    assert err.startswith("copysafety: error: unknown rule 'CPS999'") and "CPS101" in err


def test_verify_dispatches_to_the_verifier(capsys, monkeypatch):
    import flake8_copysafety.verify.corpus as verify

    seen = []

    def fake_main(argv):
        seen.append(argv)
        return 3

    monkeypatch.setattr(verify, "main", fake_main)
    assert run_main(capsys, "verify", "--device", "cpu", "corpus")[0] == 3
    assert seen == [["--device", "cpu", "corpus"]]


def test_verify_help_is_the_verifiers(tmp_path):
    done = run_process(["verify", "--help"], tmp_path)
    assert done.returncode == 0
    assert "usage:" in done.stdout


def test_exit_zero(project, capsys):
    write(project, {"ds.py": CANONICAL})
    code, out, _ = run_main(capsys, "check", "--exit-zero", "ds.py")
    assert code == 0 and "CPS101" in out
    assert run_main(capsys, "check", "--exit-zero", "missing.py")[0] == 2


def test_ascii_terminal(tmp_path):
    """Messages hold non-ASCII text: the report degrades to escapes, JSON stays UTF-8."""
    write(tmp_path, {"ds.py": CANONICAL.replace("self.data", "self.donn\u00e9es")})
    env = {"PYTHONIOENCODING": "ascii", "LC_ALL": "C"}
    text = run_process(["check", "ds.py"], tmp_path, env=env)
    assert text.returncode == 1 and "\\xe9" in text.stdout and text.stderr == ""
    as_json = run_process(["check", "--format", "json", "ds.py"], tmp_path, env=env)
    assert as_json.returncode == 1
    assert "\u00e9" in json.loads(as_json.stdout)[0]["message"]
