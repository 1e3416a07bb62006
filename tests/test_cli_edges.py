"""Where users meet the command: nothing silently unchecked, CI formats, summary, colour,
rule pages, per-file-ignores and flake8-only configuration — through a real subprocess."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from flake8_copysafety.cli.discovery import Excluder, discover
from flake8_copysafety.rules.catalogue import RULES

from cli_support import CANONICAL, CLEAN, SNAPSHOT, codes_in, command, run_process, write
from test_sarif import validate

# A real CPS101 at line 11, and a syntax error at line 15 (a missing colon).
BROKEN_WITH_BUG = CANONICAL + "\n\ndef later(x)\n    return x\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / ".git").mkdir()
    return tmp_path


# --- nothing silently unchecked ---------------------------------------------------------

def test_file_with_a_syntax_error_is_reported_and_fails(project):
    write(project, {"ds.py": BROKEN_WITH_BUG, "ok.py": CLEAN})
    done = run_process(["check", "."], project)
    assert done.returncode == 1, done.stderr
    assert codes_in(done.stdout) == [("ds.py", 15, 13, "CPS901")]
    assert "ds.py was not checked: SyntaxError: expected ':'" in done.stdout
    assert "(1 file not checked: CPS901)" in done.stdout


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "gitlab"])
def test_unchecked_file_in_every_format(project, fmt):
    write(project, {"ds.py": BROKEN_WITH_BUG})
    done = run_process(["check", "--format", fmt, "ds.py"], project)
    assert done.returncode == 1, done.stderr
    if fmt == "json":
        [item] = json.loads(done.stdout)
        assert (item["code"], item["line"], item["col"]) == ("CPS901", 15, 13)
    elif fmt == "sarif":
        log = json.loads(done.stdout)
        validate(log)
        [result] = log["runs"][0]["results"]
        assert result["ruleId"] == "CPS901" and result["level"] == "error"
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 15
    elif fmt == "github":
        assert done.stdout.startswith("::error file=ds.py,line=15,col=13,title=CPS901::CPS901 ")
    else:
        [item] = json.loads(done.stdout)
        assert item["check_name"] == "CPS901" and item["location"]["lines"]["begin"] == 15


def test_unchecked_code_can_be_deselected(project):
    write(project, {"ds.py": BROKEN_WITH_BUG})
    done = run_process(["check", "--extend-ignore", "CPS901", "ds.py"], project)
    assert (done.returncode, done.stdout) == (0, "All checks passed\n")


def test_flake8_stays_with_its_own_e999(project):
    write(project, {"ds.py": BROKEN_WITH_BUG})
    done = subprocess.run([sys.executable, "-m", "flake8", "--isolated", "ds.py"],
                          cwd=str(project), capture_output=True, text=True)
    assert " E999 " in done.stdout and "CPS" not in done.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_named_py_is_skipped_with_a_notice(project):
    write(project, {"pkg/ds.py": CANONICAL})
    os.mkfifo(project / "pkg" / "pipe.py")
    done = run_process(["check", "pkg"], project)  # would block forever reading the FIFO
    assert done.returncode == 1
    assert codes_in(done.stdout) == [(os.path.join("pkg", "ds.py"), 11, 9, "CPS101")]
    assert "pipe.py: not a regular file (a FIFO), skipped" in done.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_broken_symlink_is_a_notice(project):
    write(project, {"ds.py": CLEAN})
    os.symlink(project / "gone.py", project / "link.py")
    done = run_process(["check", "."], project)
    assert done.returncode == 0
    assert "link.py: broken symbolic link, skipped" in done.stderr


def test_unreadable_directory_is_a_notice(tmp_path, monkeypatch):
    write(tmp_path, {"open/a.py": CLEAN, "locked/b.py": CLEAN})
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    notices = []
    found = discover([str(tmp_path)], Excluder([]), notices)
    assert [os.path.basename(f) for f in found] == ["a.py"]
    assert notices == [f"{tmp_path / 'locked'}: directory cannot be read (Permission denied), "
                       "skipped"]


def test_no_python_files_says_so(project):
    write(project, {"empty/README.md": "# nothing\n"})
    done = run_process(["check", "empty"], project)
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == "copysafety: warning: No Python files found under the given path(s)\n"


@pytest.mark.parametrize("value", ["CPS3", "XYZ"])
def test_select_that_matches_no_rule_is_an_error(project, value):
    write(project, {"ds.py": CANONICAL})
    done = run_process(["check", "--select", value, "ds.py"], project)
    assert (done.returncode, done.stdout) == (2, "")
    assert f"'{value}' given to select matches no rule; known codes: CPS101, CPS102" \
        in done.stderr


def test_unknown_pyproject_key_names_the_nearest(project):
    write(project, {"pyproject.toml": '[tool.copysafety]\nextend-ignor = ["CPS2"]\n',
                    "ds.py": CANONICAL})
    done = run_process(["check"], project)
    assert done.returncode == 2
    assert "unknown key 'extend-ignor'; did you mean 'extend-ignore'?" in done.stderr


# --- CI formats, statistics, summary, colour ---------------------------------------------

def test_github_annotations(project):
    write(project, {"data/ds.py": CANONICAL})
    done = run_process(["check", "--format", "github", "data"], project)
    assert done.returncode == 1
    [line] = done.stdout.splitlines()
    assert line.startswith("::warning file=data/ds.py,line=11,col=9,endLine=11,endColumn=15,"
                           "title=CPS101::CPS101 `self.data[idx]`")
    assert "%0A" not in line and "\n" not in line


def test_github_escaping():
    from flake8_copysafety.cli.formats import github_line
    from flake8_copysafety.core.findings import Finding

    line = github_line("a,b:c.py", Finding(1, 0, "CPS101", "50% here\nthere"))
    assert line == ("::warning file=a%2Cb%3Ac.py,line=1,col=1,title=CPS101::"
                    "CPS101 50%25 here%0Athere")


def test_gitlab_code_quality_and_output_format_alias(project):
    write(project, {"a.py": CANONICAL, "b.py": CANONICAL})
    done = run_process(["check", "--output-format", "gitlab", "."], project)
    assert done.returncode == 1
    items = json.loads(done.stdout)
    assert [(i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"],
             i["severity"]) for i in items] == [
        ("a.py", 11, "CPS101", "major"), ("b.py", 11, "CPS101", "major")]
    assert len({i["fingerprint"] for i in items}) == 2
    assert all(i["description"].startswith("CPS101 ") for i in items)
    again = json.loads(run_process(["check", "--format", "gitlab", "."], project).stdout)
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in items]


def test_statistics(project):
    write(project, {"a.py": CANONICAL, "b.py": CANONICAL, "t.py": SNAPSHOT})
    done = run_process(["check", "--statistics", "."], project)
    lines = done.stdout.splitlines()
    assert lines[-4:-1] == ["2     CPS101  dataset-inplace-on-stored-data",
                            "1     CPS202  state-dict-live-snapshot",
                            "Found 3 findings in 3 files; 3 fixable with --fix"]
    as_json = run_process(["check", "--format", "json", "--statistics", "."], project)
    assert len(json.loads(as_json.stdout)) == 3  # statistics stay out of the JSON
    assert "2     CPS101" in as_json.stderr


def test_summary_and_quiet(project):
    write(project, {"a.py": CANONICAL, "ok.py": CLEAN})
    done = run_process(["check", "."], project)
    assert done.stdout.splitlines()[-2] == "Found 1 finding in 1 file; 1 fixable with --fix"
    quiet = run_process(["check", "--quiet", "."], project)
    assert codes_in(quiet.stdout) == [("a.py", 11, 9, "CPS101")]
    assert quiet.stdout.count("\n") == 1
    assert run_process(["check", "ok.py"], project).stdout == "All checks passed\n"
    fixed = run_process(["check", "--fix", "."], project)
    assert (fixed.returncode, fixed.stdout) == (0, "All checks passed\n")


def _on_a_terminal(args, cwd, env):
    """Run the command with its standard output on a pseudo-terminal; return the bytes."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([*command(), *args], cwd=str(cwd), stdout=follower,
                              stderr=subprocess.PIPE, env=env, timeout=300)
    finally:
        os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return done.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_colour_only_on_a_terminal_and_never_with_no_color(project):
    write(project, {"ds.py": CANONICAL})
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    code, shown = _on_a_terminal(["check", "ds.py"], project, env)
    assert code == 1 and "\x1b[1;31mCPS101\x1b[0m" in shown
    assert "\x1b[1mds.py\x1b[0m:\x1b[2m11:9\x1b[0m: " in shown
    code, shown = _on_a_terminal(["check", "ds.py"], project, dict(env, NO_COLOR="1"))
    assert code == 1 and "\x1b[" not in shown and "ds.py:11:9: CPS101" in shown
    piped = run_process(["check", "ds.py"], project)
    assert "\x1b[" not in piped.stdout


# --- rule pages ----------------------------------------------------------------------------

def test_rules_lists_every_rule(tmp_path):
    listed = run_process(["rules"], tmp_path)
    assert listed.returncode == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == list(RULES)
    assert listed.stdout == run_process(["rule"], tmp_path).stdout


def test_rule_page_is_plain_text_for_a_terminal_markdown_on_request(tmp_path):
    text = run_process(["rule", "CPS102"], tmp_path).stdout
    assert text.startswith("CPS102 — dataset-inplace-after-shallow-copy\n=====")
    assert "```" not in text and "### " not in text and "](" not in text
    assert "\n    class Clips(Dataset):\n" in text  # code blocks are indented
    markdown = run_process(["rule", "CPS102", "--format", "markdown"], tmp_path).stdout
    assert markdown.startswith("## CPS102 — ") and "```python" in markdown


# --- per-file-ignores and flake8-only projects ---------------------------------------------

def test_per_file_ignores_in_pyproject(project):
    write(project, {
        "pyproject.toml": textwrap.dedent("""\
            [tool.copysafety]
            per-file-ignores = {"legacy/*" = ["CPS101"], "train.py" = ["CPS2"]}
        """),
        "legacy/a.py": CANONICAL, "src/a.py": CANONICAL, "train.py": SNAPSHOT,
        "src/train.py": SNAPSHOT,
    })
    done = run_process(["check", "-q", "."], project)
    assert [(p, c) for p, _, _, c in codes_in(done.stdout)] == [
        (os.path.join("src", "a.py"), "CPS101")]
    flag = run_process(["check", "-q", "--per-file-ignores", "src/*: CPS101", "."], project)
    assert [(p, c) for p, _, _, c in codes_in(flag.stdout)] == [
        (os.path.join("legacy", "a.py"), "CPS101"),
        (os.path.join("src", "train.py"), "CPS202"), ("train.py", "CPS202")]


def test_unknown_code_in_per_file_ignores_is_an_error(project):
    write(project, {"pyproject.toml": '[tool.copysafety]\nper-file-ignores = {"a.py" = ["E501"]}\n',
                    "a.py": CANONICAL})
    done = run_process(["check", "."], project)
    assert done.returncode == 2 and "'E501' given to per-file-ignores matches no rule" \
        in done.stderr


def test_a_project_with_only_flake8_settings(project):
    write(project, {
        "tox.ini": textwrap.dedent("""\
            [flake8]
            select = E,F,W
            extend-ignore = E203, CPS202
            per-file-ignores =
                legacy/*.py: CPS101, E501
            copysafety-copy-functions = numpy.asarray
        """),
        "legacy/a.py": CANONICAL, "a.py": CANONICAL, "t.py": SNAPSHOT,
        "arr.py": CANONICAL.replace("import torch", "import numpy\nimport torch").replace(
            "x = self.data[idx]", "x = numpy.asarray(self.data[idx])"),
    })
    done = run_process(["check", "-q", "."], project)
    assert done.returncode == 1, done.stderr
    assert [(p, c) for p, _, _, c in codes_in(done.stdout)] == [("a.py", "CPS101")]
    own = dict.fromkeys(["setup.cfg"], "[copysafety]\nextend-ignore = CPS1\n")
    write(project, own)  # a section of its own: [flake8] is no longer read
    done = run_process(["check", "-q", "."], project)
    assert [(p, c) for p, _, _, c in codes_in(done.stdout)] == [("t.py", "CPS202")]


# --- ruff's names, source lines, order, statistics alone, the diff's summary ---------------

@pytest.mark.parametrize("name,same_as", [("concise", "text"), ("full", None),
                                          ("json-lines", "json")])
def test_output_format_takes_ruffs_names(project, name, same_as):
    write(project, {"a.py": CANONICAL, "t.py": SNAPSHOT})
    done = run_process(["check", "--output-format", name, "."], project)
    assert done.returncode == 1, done.stderr
    if same_as == "text":
        assert done.stdout == run_process(["check", "--format", "text", "."], project).stdout
    elif same_as == "json":
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        assert lines == json.loads(run_process(["check", "--format", "json", "."],
                                               project).stdout)
    else:
        assert done.stdout == run_process(["check", "--show-source", "."], project).stdout


def test_show_source_prints_the_line_and_a_caret_under_the_column(project):
    write(project, {"a.py": CANONICAL})
    lines = run_process(["check", "--show-source", "a.py"], project).stdout.splitlines()
    assert codes_in(lines[0]) == [("a.py", 11, 9, "CPS101")]
    source = CANONICAL.splitlines()[10]
    assert lines[1] == "    " + source
    assert lines[2] == "    " + " " * 8 + "^" and source[8] == "x"


def test_output_is_sorted_by_path_then_position(project):
    write(project, {"z.py": CANONICAL, "a/b.py": CANONICAL, "a.py": SNAPSHOT + CANONICAL,
                    "m.py": CANONICAL})
    done = run_process(["check", "--jobs", "2", "."], project)
    found = codes_in(done.stdout)
    assert [f[0] for f in found] == ["a/b.py", "a.py", "a.py", "m.py", "z.py"]
    assert found[1][1] < found[2][1]


def test_quiet_statistics_prints_only_the_counts(project):
    write(project, {"a.py": CANONICAL, "b.py": CANONICAL, "t.py": SNAPSHOT})
    done = run_process(["check", "-q", "--statistics", "."], project)
    assert done.returncode == 1
    assert done.stdout == ("2     CPS101  dataset-inplace-on-stored-data\n"
                           "1     CPS202  state-dict-live-snapshot\n")


def test_diff_ends_with_a_summary(project):
    write(project, {"a.py": CANONICAL, "b.py": CANONICAL, "ok.py": CLEAN})
    done = run_process(["check", "--diff", "."], project)
    assert done.returncode == 1 and done.stdout.count("+++ b/") == 2
    assert done.stderr.strip().splitlines()[-1] == (
        "copysafety: would fix 2 findings in 2 files (apply with --fix)")


def test_one_severity_across_formats(project):
    """SARIF's level, GitHub's command and GitLab's severity agree for each code."""
    from flake8_copysafety.cli.formats import GITHUB_LEVELS, GITLAB_SEVERITIES, LEVELS

    write(project, {"a.py": CANONICAL, "bad.py": BROKEN_WITH_BUG.replace(CANONICAL, "")
                    + "class D(Dataset):\n    def __getitem__(self, i): pass\n"})
    sarif = json.loads(run_process(["check", "--format", "sarif", "."], project).stdout)
    github = run_process(["check", "--format", "github", "."], project).stdout.splitlines()
    gitlab = json.loads(run_process(["check", "--format", "gitlab", "."], project).stdout)
    levels = {r["ruleId"]: r["level"] for r in sarif["runs"][0]["results"]}
    assert levels == {"CPS101": "warning", "CPS901": "error"}
    for line in github:
        code = line.split("title=")[1][:6]
        assert line.startswith(f"::{GITHUB_LEVELS[levels[code]]} ")
    for item in gitlab:
        assert item["severity"] == GITLAB_SEVERITIES[levels[item["check_name"]]]
    assert set(LEVELS.values()) <= set(GITHUB_LEVELS) == set(GITLAB_SEVERITIES)


def test_gitlab_fingerprints_survive_lines_added_above(project):
    write(project, {"a.py": CANONICAL, "t.py": SNAPSHOT})
    before = json.loads(run_process(["check", "--format", "gitlab", "."], project).stdout)
    write(project, {"a.py": "# a comment\n\n" + CANONICAL,
                    "t.py": "import os  # noqa: F401\n\n\n" + SNAPSHOT})
    after = json.loads(run_process(["check", "--format", "gitlab", "."], project).stdout)
    assert [i["location"]["lines"]["begin"] for i in after] != \
        [i["location"]["lines"]["begin"] for i in before]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
    write(project, {"a.py": CANONICAL.replace("x += 1", "x += 2")})  # the statement changed
    changed = json.loads(run_process(["check", "--format", "gitlab", "a.py"], project).stdout)
    assert changed[0]["fingerprint"] != before[0]["fingerprint"]


def test_empty_sarif_report_is_small(project):
    write(project, {"ok.py": CLEAN})
    done = run_process(["check", "--format", "sarif", "."], project)
    assert done.returncode == 0 and len(done.stdout.encode()) < 20_000
