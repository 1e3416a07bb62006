"""Bad input never crashes flake8, never hangs it, and never loses other checks' results.

Every input is a real file in a temporary directory, checked twice: in process through
`engine.lint_source` (bytes as read from disk, and text) and through a real `flake8`
subprocess. Inputs carry a dataset class with a `__getitem__` that changes stored data in
place, so they pass the text gate and the `ast` plan and really reach the libcst parser and
the analysis; where the input is valid Python the finding must still be reported, on the
right line.
"""

import argparse
import ast
import io
import os
import re
import subprocess
import signal
import sys
import tokenize
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import List, NamedTuple, Optional, Sequence

import pytest

from flake8_copysafety.engine.pipeline import LintOptions, is_candidate, lint_source
from flake8_copysafety.core.findings import Finding

TIMEOUT = 120  # seconds for one flake8 run; a hang fails the test instead of the suite
IN_PROCESS_LIMIT = 60  # seconds for one `lint_source` call
DEEP_LIMIT = 20  # seconds for one file of the deep-tree cases (they are small files)
TRACEBACK = re.compile(r"^Traceback \(most recent call last\):", re.MULTILINE)
RESULT = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d+) (?P<text>.*)$")
# flake8 reports another plugin's crash on a file this way and goes on with the other files
PLUGIN_FAILURE = re.compile(r'^.+: "(?P<plugin>[^"]+)" failed during execution due to ')
VERBOSITY_HINT = "Run flake8 with greater verbosity to see more details"

DATASET = """\
from torch.utils.data import Dataset


class Stored(Dataset):
    def __init__(self, data):
        self.data = data.clone()

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        sample = self.data[index]
        sample.mul_(2)
        return sample
"""
MUTATION = "sample.mul_(2)"  # CPS101
MUTATION_LINE = 13
GETITEM_LINE = 11


def dataset(before: str = "", body: str = "", after: str = "") -> str:
    """DATASET with `before` lines ahead of it, `body` lines (8-space indented) inserted
    at the start of `__getitem__`, and `after` appended."""
    lines = DATASET.splitlines(keepends=True)
    getitem = GETITEM_LINE  # index of the line after `def __getitem__`
    return before + "".join(lines[:getitem]) + body + "".join(lines[getitem:]) + after


# ---------------------------------------------------------------------------------------
# running things


class Result(NamedTuple):
    code: str
    line: int
    col: int
    path: str
    text: str


class Flake8Run(NamedTuple):
    returncode: int
    stdout: str
    stderr: str
    results: List[Result]
    plugin_failures: List[str]  # "path: "plugin[X]" failed during execution due to ..."

    def codes(self) -> List[str]:
        return [r.code for r in self.results]

    def has(self, code: str, line: Optional[int] = None) -> bool:
        return any(r.code == code and (line is None or r.line == line) for r in self.results)


def package_env() -> dict:
    """The environment for a subprocess that must run the package under test (flake8 finds
    the plugin through the installed entry point, then imports it by name: from here)."""
    import flake8_copysafety

    env = dict(os.environ)
    here = str(Path(flake8_copysafety.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join([here] + [p for p in env.get("PYTHONPATH", "").split(
        os.pathsep) if p])
    return env


def _plugin_installed() -> bool:
    done = subprocess.run([sys.executable, "-m", "flake8", "--version"], env=package_env(),
                          capture_output=True, text=True, timeout=TIMEOUT)
    return "flake8-copysafety" in done.stdout


needs_flake8_plugin = pytest.mark.skipif(
    not _plugin_installed(), reason="the plugin is not installed for flake8 (pip install -e .)")


def run_flake8(paths: Sequence[Path], *args: str, cwd: Path, stdin: Optional[bytes] = None,
               timeout: float = TIMEOUT) -> Flake8Run:
    argv = [sys.executable, "-m", "flake8", "--isolated", *args, *map(str, paths)]
    try:
        done = subprocess.run(argv, cwd=str(cwd), input=stdin, capture_output=True,
                              timeout=timeout, env=package_env())
    except subprocess.TimeoutExpired:
        pytest.fail(f"flake8 did not finish within {timeout}s (a hang?): {' '.join(argv)}")
    stdout = done.stdout.decode("utf-8", "replace")
    stderr = done.stderr.decode("utf-8", "replace")
    crashed = TRACEBACK.search(stdout) or TRACEBACK.search(stderr) or done.returncode not in (0, 1)
    if crashed and _plain_flake8_crashes(paths, args, cwd, stdin, timeout):
        pytest.skip(f"flake8 without this plugin fails on this input too (Python "
                    f"{sys.version.split()[0]}): not this plugin's doing")
    assert not TRACEBACK.search(stdout), stdout[-3000:]
    results, failures = [], []
    for line in stdout.splitlines():
        match = RESULT.match(line)
        if match:
            results.append(Result(match["code"], int(match["line"]), int(match["col"]),
                                  match["path"], match["text"]))
            continue
        failure = PLUGIN_FAILURE.match(line)
        if failure:  # another plugin's problem (pyflakes recursing on a deep tree)
            assert "copysafety" not in failure["plugin"] and "[CPS" not in failure["plugin"], line
            failures.append(line)
            continue
        assert line == VERBOSITY_HINT, f"unexpected flake8 output line: {line[:300]!r}"
    # flake8 documents: 1 when it reported anything, 0 when it did not.
    assert done.returncode == (1 if results or failures else 0), (done.returncode, stdout[-2000:])
    return Flake8Run(done.returncode, stdout, stderr, results, failures)


# flake8 exactly as installed, with only this plugin left out of its plugin discovery
PLAIN_FLAKE8 = """\
import sys
from flake8.plugins import finder
discover = finder._find_importlib_plugins
def without_copysafety():
    for plugin in discover():
        if plugin.package.lower().replace("_", "-") != "flake8-copysafety":
            yield plugin
finder._find_importlib_plugins = without_copysafety
from flake8.main.cli import main
sys.exit(main())
"""


def _plain_flake8_crashes(paths, args, cwd, stdin, timeout) -> bool:
    argv = [sys.executable, "-c", PLAIN_FLAKE8, "--isolated", *args, *map(str, paths)]
    try:
        done = subprocess.run(argv, cwd=str(cwd), input=stdin, capture_output=True,
                              timeout=timeout, env=package_env())
    except subprocess.TimeoutExpired:
        return True
    output = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    return bool(TRACEBACK.search(output)) or done.returncode not in (0, 1)


def check_cps900(findings_or_results, filename: str) -> None:
    """At most one CPS900 per file, and it names the file."""
    crashes = [f for f in findings_or_results if f.code == "CPS900"]
    assert len(crashes) <= 1, crashes
    for crash in crashes:
        text = crash.message if isinstance(crash, Finding) else crash.text
        assert filename in text, text


class TookTooLong(BaseException):
    """Raised by the alarm; not an Exception, so `lint_source` cannot swallow it."""


@contextmanager
def time_limit(seconds: float):
    """Fail instead of hanging (POSIX; elsewhere the subprocess timeouts still hold)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum, frame):
        raise TookTooLong()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except TookTooLong:
        pytest.fail(f"lint_source took more than {seconds}s (a hang?)")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def lint_in_process(path: Path, limit: float = IN_PROCESS_LIMIT,
                    as_flake8_too: bool = True) -> List[Finding]:
    """`lint_source` on the file's bytes (as the standalone command reads it) and on the text
    and tree flake8 hands the plugin; both must be lists of findings, at most one CPS900
    naming the file, and the same findings when Python can decode the bytes."""
    data = path.read_bytes()
    with time_limit(limit):
        from_bytes = lint_source(data, str(path), LintOptions())
    assert isinstance(from_bytes, list)
    assert all(isinstance(f, Finding) for f in from_bytes)
    check_cps900(from_bytes, str(path))
    if not as_flake8_too:
        return from_bytes
    text = _as_flake8_reads(path)
    with time_limit(limit):
        from_text = lint_source(text, str(path), LintOptions(), _tree_or_none(text))
    assert isinstance(from_text, list)
    assert all(isinstance(f, Finding) for f in from_text)
    check_cps900(from_text, str(path))
    if _decodable(data):
        assert [(f.line, f.col, f.code) for f in from_text] == \
            [(f.line, f.col, f.code) for f in from_bytes]
    return from_bytes


def _decodable(data: bytes) -> bool:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        data.decode(encoding)
        return True
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return False


def _as_flake8_reads(path: Path) -> str:
    """The text flake8 gives plugins: the lines read with the declared encoding (falling
    back to latin-1), joined."""
    from flake8.processor import FileProcessor

    options = argparse.Namespace(hang_closing=False, indent_size=4, max_line_length=79,
                                 max_doc_length=None, verbose=0, stdin_display_name="stdin",
                                 disable_noqa=False)
    return "".join(FileProcessor(str(path), options).lines)


def _tree_or_none(text: str) -> Optional[ast.AST]:
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None


def _cpython_accepts(path: Path) -> bool:
    """Whether a fresh interpreter (as flake8 runs) builds the file's `ast`."""
    code = "import ast, sys; ast.parse(open(sys.argv[1], 'rb').read())"
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          timeout=TIMEOUT)
    return done.returncode == 0


def write(tmp_path: Path, name: str, data) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def cps(findings) -> List[tuple]:
    return sorted((f.line, f.code) for f in findings if f.code.startswith("CPS"))


# ---------------------------------------------------------------------------------------
# files that are not valid Python: flake8 reports the error, the plugin stays silent

INVALID = {
    "syntax_error": dataset(after="\n\ndef broken(:\n    pass\n"),
    "unclosed_bracket": dataset(body="        pending = [1, 2,\n"),
    "nul_byte": dataset(after="# a NUL \x00 byte\n").encode("utf-8"),
    "tab_error": dataset(body="        first = 1\n\tsecond = 2\n"),
    "python2_print": dataset(after='\nprint "state_dict("\n'),
    "python2_except": dataset(body="        try:\n            pass\n"
                                   "        except KeyError, error:\n            pass\n"),
    "python2_octal_and_backticks": dataset(after="\nmode = 0777\nname = `mode`\n"),
    "python2_exec": dataset(after='\nexec "x = 1"\n'),
    "dedent_mismatch": dataset(body="        if index:\n            pass\n      oops = 1\n"),
}


# Python cannot decode these; flake8 falls back to latin-1 and checks the text anyway.
UNDECODABLE = {
    "non_utf8_with_utf8_cookie": (b"# -*- coding: utf-8 -*-\n"
                                  + dataset(after="# caf\xe9\n").encode("latin-1")),
    "non_utf8_without_cookie": dataset(after="# caf\xe9\n").encode("latin-1"),
    "unknown_encoding_cookie": b"# -*- coding: no-such-codec -*-\n" + DATASET.encode(),
}


@pytest.mark.parametrize("name", sorted(UNDECODABLE))
def test_undecodable(tmp_path, name):
    path = write(tmp_path, f"{name}.py", UNDECODABLE[name])
    assert cps(lint_source(path.read_bytes(), str(path), LintOptions())) == []
    lint_in_process(path)
    if _plugin_installed():
        run = run_flake8([path], "--select=CPS,E9,F", cwd=tmp_path)
        check_cps900(run.results, str(path))
        line = UNDECODABLE[name].count(b"\n", 0, UNDECODABLE[name].index(b"sample.mul_")) + 1
        assert all(r.line == line for r in run.results if r.code.startswith("CPS1")), run.stdout


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_python_in_process_is_silent(tmp_path, name):
    path = write(tmp_path, f"{name}.py", INVALID[name])
    assert is_candidate(path.read_bytes())
    assert cps(lint_in_process(path)) == []


@needs_flake8_plugin
@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_python_under_flake8(tmp_path, name):
    path = write(tmp_path, f"{name}.py", INVALID[name])
    run = run_flake8([path], cwd=tmp_path)
    assert run.returncode == 1
    assert any(code in ("E999", "E902") for code in run.codes()), run.stdout
    assert not any(code.startswith("CPS") for code in run.codes()), run.stdout


# ---------------------------------------------------------------------------------------
# valid Python in unusual clothes: the finding survives, on the right line

VALID = {
    "plain": DATASET,
    "utf8_bom": b"\xef\xbb\xbf" + DATASET.encode(),
    "crlf": DATASET.replace("\n", "\r\n").encode(),
    "crlf_with_bom": b"\xef\xbb\xbf" + DATASET.replace("\n", "\r\n").encode(),
    "latin1_cookie": (b"# -*- coding: latin-1 -*-\n"
                      + dataset(body="        # caf\xe9\n").encode("latin-1")),
    "cp1252_cookie_in_string": (b"# vim: set fileencoding=cp1252 :\n"
                                + dataset(body="        label = '\u20ac'\n").encode("cp1252")),
    "form_feed_line": dataset(before="import os\n\x0c\n\n"),  # an Emacs page break
    "form_feed_in_getitem": dataset(body="        first = 1\n\x0c\n"),
    "unicode_line_separators_in_comment": dataset(before="# a\u2028b\u2029c\x85d\x1ce\n"),
    "unicode_line_separator_in_getitem_string": dataset(body="        label = 'a\u2028b'\n"),
    "vertical_tab_in_getitem_comment": dataset(body="        # a\x0bb\n"),
    "no_final_newline": DATASET.rstrip("\n"),
    "backslash_continuation": dataset(body="        total = 1 + \\\n            2\n"),
    "long_line_100k": dataset(body="        pad = [" + "1, " * 33_400 + "]\n"),
    "long_string_line_100k": dataset(body="        pad = '" + "a" * 100_000 + "'\n"),
    "cr_only": DATASET.replace("\n", "\r").encode(),
    "non_ascii_identifiers": dataset(body="        donn\u00e9es = self.data\n"
                                          "        \u00e9 = donn\u00e9es[index]\n"),
    "decorated_method_with_docstring": DATASET.replace(
        "    def __getitem__",
        '    @staticmethod\n    def helper():\n        """doc"""\n\n    def __getitem__'),
}


def expected_line(data) -> int:
    """The line of `sample.mul_(2)` as Python counts lines: CR LF, LF and a lone CR end a
    line; form feeds, vertical tabs and Unicode line separators do not."""
    if isinstance(data, bytes):
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        data = data.decode(encoding)
    before = data[:data.index(MUTATION)]
    return before.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_python_in_process(tmp_path, name):
    data = VALID[name]
    line = expected_line(data)
    path = write(tmp_path, f"{name}.py", data)
    assert is_candidate(path.read_bytes())
    found = lint_in_process(path)
    assert (line, "CPS101") in cps(found), cps(found)


@needs_flake8_plugin
@pytest.mark.parametrize("name", sorted(VALID))
def test_valid_python_under_flake8(tmp_path, name):
    data = VALID[name]
    line = expected_line(data)
    path = write(tmp_path, f"{name}.py", data)
    run = run_flake8([path], "--select=CPS,E9,F", cwd=tmp_path)
    assert run.has("CPS101", line), run.stdout[-3000:]
    check_cps900(run.results, str(path))


def test_crlf_and_bom_report_the_same_positions_as_plain(tmp_path):
    plain = [(f.line, f.col, f.code) for f in lint_in_process(write(tmp_path, "a.py", DATASET))]
    assert plain
    for name in ("crlf", "utf8_bom", "crlf_with_bom"):
        path = write(tmp_path, f"{name}.py", VALID[name])
        assert [(f.line, f.col, f.code) for f in lint_in_process(path)] == plain, name


# ---------------------------------------------------------------------------------------
# nothing to find


@pytest.mark.parametrize("data", [
    b"",
    b"\n\n\n",
    b"\xef\xbb\xbf",
    b"# __getitem__ and state_dict( only in comments\n# another comment\n",
    b"'''__getitem__ state_dict() in a docstring'''\n",
    b"\r\n",
    b"   \t  \n",
], ids=["empty", "newlines", "bom_only", "comments", "docstring", "crlf_only", "whitespace"])
def test_nothing_to_find(tmp_path, data):
    path = write(tmp_path, "nothing.py", data)
    assert cps(lint_in_process(path)) == []
    if _plugin_installed():
        run = run_flake8([path], "--select=CPS,E9,F", cwd=tmp_path)
        assert not any(c.startswith("CPS") for c in run.codes())
        if data == b"":
            assert run.returncode == 0 and run.stdout == ""


# ---------------------------------------------------------------------------------------
# deep nesting: as deep as CPython accepts, and one level beyond


def _deepest(make, low: int = 1, high: int = 2_000) -> int:
    """The deepest nesting `make(depth)` that CPython still compiles."""
    def accepted(depth):
        try:
            compile(make(depth), "<nesting>", "exec", ast.PyCF_ONLY_AST)
            return True
        except (SyntaxError, RecursionError, MemoryError, ValueError):
            return False

    assert accepted(low)
    if accepted(high):
        return high
    while high - low > 1:  # accepted(low), not accepted(high)
        middle = (low + high) // 2
        low, high = (middle, high) if accepted(middle) else (low, middle)
    return low


def _nested_brackets(opening: str, closing: str):
    def make(depth):
        return dataset(body=f"        deep = {opening * depth}sample{closing * depth}\n")
    return make


def _nested_ifs(depth):
    body = "".join("        " + "    " * level + "if index:\n" for level in range(depth))
    body += "        " + "    " * depth + "sample = self.data[index]\n"
    return dataset(body=body)


NESTINGS = {
    "parentheses": _nested_brackets("(", ")"),
    "lists": _nested_brackets("[", "]"),
    "dicts_and_calls": _nested_brackets("f({1: ", "})"),
    "ifs": _nested_ifs,
}


@pytest.mark.parametrize("name", sorted(NESTINGS))
def test_nesting_at_and_beyond_cpython_limit(tmp_path, name):
    make = NESTINGS[name]
    limit = _deepest(make)
    assert limit > 50, f"CPython accepts only {limit} levels of {name}?"
    at_limit = write(tmp_path, f"{name}_at_limit.py", make(limit))
    beyond = write(tmp_path, f"{name}_beyond.py", make(limit + 1))
    found = lint_in_process(at_limit)
    assert cps(lint_in_process(beyond)) == []
    # libcst bails out of very deep brackets (rather than overflow its stack): the class is
    # then not analysed, silently. What is reported must be right, in both front ends.
    line = expected_line(make(limit))
    assert all(at == line for at, code in cps(found) if code != "CPS900"), cps(found)
    if not _plugin_installed():
        return
    run = run_flake8([at_limit], "--select=CPS,E9,F", cwd=tmp_path)
    check_cps900(run.results, str(at_limit))
    assert not run.has("E999")
    assert run.has("CPS101", line) == ((line, "CPS101") in cps(found)), run.stdout[-2000:]
    run = run_flake8([beyond], "--select=CPS,E9,F", cwd=tmp_path)
    assert run.has("E999") or run.has("E902"), run.stdout
    assert not any(c.startswith("CPS") for c in run.codes())


# Deep trees without brackets: CPython builds them fine, recursive tools may not.
DEEP_TREES = {
    "binary_chain_2000": dataset(body="        total = " + " + ".join(["sample"] * 2_000) + "\n"),
    "binary_chain_in_parens_2000": dataset(  # once a segfault of libcst's native parser
        body="        total = (\n" + "".join("            'X' +\n" for _ in range(2_000))
             + "            'Y'\n        )\n"),
    "attribute_chain_2000": dataset(body="        chained = sample" + ".real" * 2_000 + "\n"),
    "method_chain_1000": dataset(body="        sample" + ".add_(1)" * 1_000 + "\n"),
    "not_chain_2000": dataset(body="        flag = " + "not " * 2_000 + "sample\n"),
    "implicit_string_concatenation_20000": dataset(  # a stack overflow in old libcst
        body="        text = (\n" + "".join(f"            'line {i}'\n" for i in range(20_000))
             + "        )\n"),
    "comparison_chain_3000": dataset(body="        ok = " + " < ".join(["index"] * 3_000) + "\n"),
    "subscript_chain_1500": dataset(body="        item = self.data" + "[0]" * 1_500 + "\n"),
    "lambda_chain_150": dataset(body="        f = " + "lambda: " * 150 + "sample\n"),
}


@pytest.mark.parametrize("name", sorted(DEEP_TREES))
def test_deep_trees(tmp_path, name):
    source = DEEP_TREES[name]
    path = write(tmp_path, f"{name}.py", source)
    if not _cpython_accepts(path):
        pytest.skip(f"CPython {sys.version_info[:2]} does not accept {name} (flake8 cannot either)")
    found = lint_in_process(path, limit=DEEP_LIMIT)
    # libcst may refuse what CPython accepts (it bails out of very deep expressions rather
    # than overflow its stack): then the file is not analysed, silently. What is reported
    # must be right.
    assert all(line == expected_line(source) for line, code in cps(found) if code != "CPS900")
    if _plugin_installed():
        run = run_flake8([path], "--select=CPS,E9,F", cwd=tmp_path, timeout=DEEP_LIMIT + 10)
        check_cps900(run.results, str(path))


# ---------------------------------------------------------------------------------------
# huge files


HUGE = 20_000  # statements in one `__getitem__`, each an in-place change of stored data
HUGE_LIMIT = 90  # seconds; the analysis is linear in the statements (about 15 s here)


def _huge_getitem(statements: int) -> str:
    kinds = ("        sample.add_(1)\n", "        sample[0] += 1\n", "        sample[1] = 0\n",
             "        sample *= 2\n", "        other = sample\n", "        other.mul_(3)\n")
    body = "".join(kinds[i % len(kinds)] for i in range(statements))
    return dataset(body="        sample = self.data[index]\n" + body)


def test_huge_getitem_in_process(tmp_path):
    path = write(tmp_path, "huge.py", _huge_getitem(HUGE))
    found = lint_in_process(path, limit=HUGE_LIMIT, as_flake8_too=False)
    if not any(f.code == "CPS900" for f in found):
        assert (GETITEM_LINE + 2, "CPS101") in cps(found), cps(found)[:5]


@needs_flake8_plugin
def test_huge_getitem_under_flake8(tmp_path):
    path = write(tmp_path, "huge.py", _huge_getitem(HUGE))
    run = run_flake8([path], "--select=CPS,E9,F", cwd=tmp_path, timeout=2 * HUGE_LIMIT)
    check_cps900(run.results, str(path))
    assert run.has("CPS101") or run.has("CPS900")


@needs_flake8_plugin
def test_huge_module_of_many_datasets(tmp_path):
    header = "from torch.utils.data import Dataset\n"
    one = DATASET.split("\n", 1)[1]
    source = header + "".join(one.replace("class Stored", f"class Stored{i}")
                              for i in range(1_000))
    path = write(tmp_path, "many.py", source)
    run = run_flake8([path], "--select=CPS,E9,F", cwd=tmp_path, timeout=2 * HUGE_LIMIT)
    check_cps900(run.results, str(path))
    assert sum(r.code == "CPS101" for r in run.results) in (0, 1_000) or run.has("CPS900")


# ---------------------------------------------------------------------------------------
# new syntax inside the analysed class


def _requires(minor: int):
    return pytest.mark.skipif(sys.version_info < (3, minor),
                              reason=f"this syntax parses only on Python 3.{minor}+")


NEW_SYNTAX = [
    pytest.param("walrus", "        if (n := len(self.data)) > 0:\n            pass\n",
                 marks=_requires(8)),
    pytest.param("positional_only", "", marks=_requires(8)),
    pytest.param("match", "        match index:\n            case [first, *rest]:\n"
                          "                pass\n            case {'k': v} if v:\n"
                          "                pass\n            case _:\n                pass\n",
                 marks=_requires(10)),
    pytest.param("parenthesized_with", "        with (open('a') as a,\n"
                                       "              open('b') as b):\n            pass\n",
                 marks=_requires(10)),
    pytest.param("except_star", "        try:\n            pass\n"
                                "        except* ValueError:\n            pass\n",
                 marks=_requires(11)),
    pytest.param("fstring_nesting_pep701", "        label = f\"{f\"{index!r}\"}\"\n"
                                           "        other = f\"{'\\n'.join([])}\"\n",
                 marks=_requires(12)),
    pytest.param("type_params_pep695", "", marks=_requires(12)),
    pytest.param("type_alias_pep695", "", marks=_requires(12)),
]
_NEW_SYNTAX_OUTSIDE = {
    "positional_only": "\n\ndef helper(a, /, b, *, c):\n    return a\n",
    "type_params_pep695": "\n\ndef first[T](items: list[T]) -> T:\n    return items[0]\n\n\n"
                          "class Box[T: (int, str), *Ts, **P]:\n    pass\n",
    "type_alias_pep695": "\n\ntype Pair[T] = tuple[T, T]\n",
}


@pytest.mark.parametrize("name,body", NEW_SYNTAX)
def test_new_syntax(tmp_path, name, body):
    source = dataset(body=body, after=_NEW_SYNTAX_OUTSIDE.get(name, ""))
    if name == "type_params_pep695":  # generic methods inside the analysed class too
        source = source.replace("    def __len__(self):",
                                "    def pick[T](self, item: T) -> T:\n        return item\n\n"
                                "    def __len__(self):")
    assert _tree_or_none(source) is not None, source
    path = write(tmp_path, f"{name}.py", source)
    line = expected_line(source)
    assert (line, "CPS101") in cps(lint_in_process(path))
    if _plugin_installed():
        assert run_flake8([path], "--select=CPS,E9,F", cwd=tmp_path).has("CPS101", line)


UNKNOWN_ORIGIN = """\
from torch.utils.data import Dataset


class Stored(Dataset):
    def __init__(self, points):
        self.points = points

    def set_attribute(self, key, value):
{branch}
    def __getitem__(self, i):
        p = self.points[i]
        p[:, 0:3] += 1.0
        return p
"""
BRANCHES = {
    "if": "        if key == 'points':\n            self.points = value\n"
          "        else:\n            raise ValueError(key)\n",
    "match": "        match key:\n            case 'points':\n                self.points = value\n"
             "            case _:\n                raise ValueError(key)\n",
    "except_star": "        try:\n            self.points = value\n"
                   "        except* ValueError:\n            raise KeyError(key)\n",
}


@pytest.mark.parametrize("name", [
    "if",
    pytest.param("match", marks=_requires(10)),
    pytest.param("except_star", marks=_requires(11)),
])
def test_new_syntax_beside_kinds_from_use(tmp_path, name):
    """Stored data of unknown origin gets its kind from how every method uses it, the one
    holding a `match` or `except*` included: the same report as the `if` spelling, never
    an internal error."""
    source = UNKNOWN_ORIGIN.format(branch=BRANCHES[name])
    path = write(tmp_path, f"{name}.py", source)
    line = source.splitlines().index("        p[:, 0:3] += 1.0") + 1
    assert cps(lint_in_process(path)) == [(line, "CPS101")]


def test_async_comprehension_in_dataset(tmp_path):
    source = dataset(after="\n    async def gather(self):\n"
                           "        return [x async for x in self.stream() if await x]\n")
    path = write(tmp_path, "async_comprehension.py", source)
    assert (expected_line(source), "CPS101") in cps(lint_in_process(path))


# ---------------------------------------------------------------------------------------
# an internal error costs one CPS900, never the other checks' results


OTHER_CHECKS = (
    "import os\n"  # F401 'os' imported but unused
    "x=1 \n"       # E225 missing whitespace around operator, W291 trailing whitespace
)
FORCED_FAILURE = """\
import sys

import flake8_copysafety.plan.candidates as candidates


def broken(*args, **kwargs):
    raise {error}("forced failure for the test")


candidates.plan = broken  # at import: workers started by spawn import this module too

if __name__ == "__main__":
    from flake8.main.cli import main

    sys.exit(main())
"""


@needs_flake8_plugin
@pytest.mark.parametrize("error", ["RuntimeError", "RecursionError", "MemoryError",
                                   "KeyError", "UnicodeDecodeError"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_internal_error_keeps_other_results(tmp_path, error, jobs):
    if error == "UnicodeDecodeError":
        error = "(lambda m: UnicodeDecodeError('utf-8', b'', 0, 1, m))"
    bad = write(tmp_path, "bad.py", OTHER_CHECKS + DATASET)
    good = write(tmp_path, "good.py", OTHER_CHECKS)
    driver = write(tmp_path, "driver.py", FORCED_FAILURE.format(error=error))
    argv = [sys.executable, str(driver), "--isolated", f"-j{jobs}", str(bad), str(good)]
    done = subprocess.run(argv, cwd=str(tmp_path), capture_output=True, text=True,
                          env=package_env(), timeout=TIMEOUT)
    assert not TRACEBACK.search(done.stdout + done.stderr), done.stderr[-3000:]
    assert done.returncode == 1, (done.returncode, done.stderr[-3000:])
    lines = done.stdout.splitlines()
    for path in (bad, good):
        mine = [line for line in lines if line.startswith(f"{path}:")]
        codes = [line.split(" ", 2)[1] for line in mine]
        assert {"F401", "E225", "W291"} <= set(codes), mine
    crashes = [line for line in lines if " CPS900 " in line]
    assert len(crashes) == 1, crashes
    assert crashes[0].startswith(f"{bad}:1:1: CPS900 ") and str(bad) in crashes[0].split(
        "CPS900", 1)[1]


@needs_flake8_plugin
def test_every_bad_file_at_once_with_jobs(tmp_path):
    """All the bad inputs in one run, in parallel: nothing lost, nothing crashes."""
    paths = []
    for name, data in INVALID.items():
        paths.append(write(tmp_path, f"invalid_{name}.py", data))
    for name, data in UNDECODABLE.items():
        paths.append(write(tmp_path, f"undecodable_{name}.py", data))
    for name, data in VALID.items():
        paths.append(write(tmp_path, f"valid_{name}.py", data))
    # (no deep trees: pyflakes recurses on some, and flake8 stops the whole run when any
    # plugin raises, reporting nothing else; which is why this plugin must never raise)
    args = ("-j2", "--select=CPS,E9,F")
    if _plain_flake8_crashes([tmp_path], args, tmp_path, None, TIMEOUT):
        for path in paths:  # flake8 itself fails on some input with this Python: drop it
            if _plain_flake8_crashes([path], args, tmp_path, None, TIMEOUT):
                path.unlink()
    run = run_flake8([tmp_path], *args, cwd=tmp_path)
    reported = {Path(r.path).name for r in run.results}
    for name in INVALID:
        if (tmp_path / f"invalid_{name}.py").exists():
            assert f"invalid_{name}.py" in reported, (run.stdout[-3000:], run.stderr[-3000:])
    for name, data in VALID.items():
        assert not (tmp_path / f"valid_{name}.py").exists() or any(
            Path(r.path).name == f"valid_{name}.py" and r.code == "CPS101"
            and r.line == expected_line(data) for r in run.results), name
    for path in paths:
        check_cps900([r for r in run.results if r.path == str(path)], str(path))
    assert run.results


@needs_flake8_plugin
def test_standard_input(tmp_path):
    run = run_flake8([Path("-")], "--select=CPS,E9,F", cwd=tmp_path, stdin=DATASET.encode())
    assert run.has("CPS101", MUTATION_LINE)
    assert run.results[0].path == "stdin"
    run = run_flake8([Path("-")], "--select=CPS,E9,F", cwd=tmp_path,
                     stdin=INVALID["syntax_error"].encode())
    assert run.has("E999") and not any(c.startswith("CPS") for c in run.codes())


# ---------------------------------------------------------------------------------------
# text no file holds, but an API caller may pass


@pytest.mark.parametrize("text", [
    "x = '\ud800'\n" + DATASET,            # a lone surrogate (json.loads can make one)
    "x = '\udcff'\n" + DATASET,            # what surrogateescape decoding leaves
    DATASET + "\x00",                     # NUL in text, not only in bytes
    "\ufeff\ufeff" + DATASET,             # two BOMs
])
def test_odd_text_never_raises(text):
    found = lint_source(text, "odd.py", LintOptions())
    assert isinstance(found, list) and all(isinstance(f, Finding) for f in found)
    check_cps900(found, "odd.py")


def test_no_warnings_from_parsing_user_code(tmp_path):
    """`"\\d"` in a user's file is their business: analysing it must not print a
    SyntaxWarning (3.12+) or DeprecationWarning (older) to the standalone command's stderr."""
    source = 'PATTERN = "\\d+"\nflag = 1 is 1\n' + DATASET
    path = write(tmp_path, "escapes.py", source)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = lint_source(path.read_bytes(), str(path), LintOptions())
    assert (expected_line(source), "CPS101") in cps(found)
    assert [str(w.message) for w in caught] == []


CHAIN = 12  # helpers, each calling the next twice inside a loop


def _helper_chain(levels: int) -> str:
    """`__getitem__` hands stored data to helper 0; helper i calls helper i+1 twice in a loop;
    the last one changes its argument in place. Without de-duplication the summaries repeat
    every change 4x per level (4**12 facts), so the file would never finish."""
    helpers = [f"def helper{levels}(x):\n    x.add_(1)\n"]
    for i in range(levels - 1, -1, -1):
        helpers.append(f"def helper{i}(x):\n    for _ in range(2):\n"
                       f"        helper{i + 1}(x)\n        helper{i + 1}(x)\n")
    return ("import torch\nfrom torch.utils.data import Dataset\n\n\n"
            + "\n\n".join(reversed(helpers)) + "\n\n"
            "class Chained(Dataset):\n"
            "    def __init__(self):\n        self.data = torch.rand(4, 3)\n\n"
            "    def __len__(self):\n        return 4\n\n"
            "    def __getitem__(self, index):\n"
            "        sample = self.data[index]\n"
            "        helper0(sample)\n"
            "        return sample\n")


def test_helper_chain_called_repeatedly(tmp_path):
    source = _helper_chain(CHAIN)
    path = write(tmp_path, "chain.py", source)
    found = lint_in_process(path, limit=IN_PROCESS_LIMIT, as_flake8_too=False)
    call_line = source.splitlines().index("        helper0(sample)") + 1
    assert cps(found) == [(call_line, "CPS101")]
