"""Output formats of `copysafety check`: text (concise, or full with the source line), JSON,
JSON lines, SARIF 2.1.0, GitHub Actions workflow commands and GitLab Code Quality JSON; the
text report's statistics and closing summary.

One severity per code across formats (`LEVELS`, SARIF's names): the rules are warnings,
CPS901 (a file not checked) an error, CPS900 (the analysis failed) a note.

Columns are 1-based everywhere in the output (flake8's display convention); an end column
points just past the last character, as SARIF's `endColumn` does. Columns count Unicode code
points, which the SARIF run declares with `columnKind`.
"""

import hashlib
import json
import linecache
import os
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import quote

from .. import __version__
from ..core.findings import Finding
from ..rules.catalogue import DOCS_URL, RULES, RULES_URL
from ..rules.pages import full_description
from .runner import FileReport

# ruff's `--output-format` names, as far as they mean one of ours: the choices of
# `copysafety check --format`
FORMAT_NAMES = {"text": "text", "concise": "text", "full": "full", "json": "json",
                "json-lines": "json-lines", "sarif": "sarif", "github": "github",
                "gitlab": "gitlab"}
SARIF_SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
                "sarif-schema-2.1.0.json")
SARIF_VERSION = "2.1.0"
TOOL_NAME = "flake8-copysafety"
INFORMATION_URI = DOCS_URL.rstrip("#")
SRCROOT = "%SRCROOT%"


def text_line(path: str, finding: Finding) -> str:
    return f"{path}:{finding.line}:{finding.col + 1}: {finding.code} {finding.message}"


def render_text(reports: Sequence[FileReport]) -> str:
    return "".join(text_line(r.path, f) + "\n" for r in reports for f in r.findings)


def printable(text: str) -> str:
    """`text` as valid Unicode: a file name that is not UTF-8 reaches Python as
    surrogate-escaped bytes, which no UTF-8 output can hold; each such byte is written as
    its escape (`b"\\xff"` as the text `\\xff`), the way ruff names such files."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _dumps(document: Any) -> str:
    """A JSON document of every string made `printable`."""
    return json.dumps(_printable_strings(document), indent=2, ensure_ascii=False) + "\n"


def _printable_strings(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(k): _printable_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable_strings(v) for v in value]
    return value


def source_line(path: str, line: int) -> str:
    """The text of a reported line as the file holds it now ("" where it cannot be read:
    standard input, a file gone)."""
    return linecache.getline(path, line).rstrip("\r\n") if os.path.isfile(path) else ""


def render_full(reports: Sequence[FileReport]) -> str:
    """`--show-source`: each finding, then its line and a caret under the column."""
    out = []
    for report in reports:
        for finding in report.findings:
            out.append(text_line(report.path, finding) + "\n")
            text = source_line(report.path, finding.line)
            if text:
                out.append(f"    {text}\n    {' ' * finding.col}^\n")
    return "".join(out)


# --- JSON ---------------------------------------------------------------------------------

def _end(finding: Finding):
    if finding.end_line is None or finding.end_col is None:
        return None, None
    return finding.end_line, finding.end_col + 1


def finding_json(path: str, finding: Finding) -> Dict[str, Any]:
    end_line, end_col = _end(finding)
    fix = None
    if finding.fix is not None:
        fix = {
            "replacement": finding.fix.replacement,
            "start": {"line": finding.fix.start[0], "col": finding.fix.start[1] + 1},
            "end": {"line": finding.fix.end[0], "col": finding.fix.end[1] + 1},
            "description": finding.fix.description,
            "needs_import_copy": finding.fix.needs_import_copy,
            "message": finding.fix_title,  # ruff's `fix.message`
        }
    return {
        "path": path,
        "line": finding.line,
        "col": finding.col + 1,
        "end_line": end_line,
        "end_col": end_col,
        "code": finding.code,
        "message": finding.message,
        "url": RULES[finding.code].help_uri if finding.code in RULES else None,
        "fix": fix,
    }


def render_json(reports: Sequence[FileReport]) -> str:
    return _dumps([finding_json(r.path, f) for r in reports for f in r.findings])


def render_json_lines(reports: Sequence[FileReport]) -> str:
    """One JSON object per line (ruff's `json-lines`), the same objects as `json`."""
    return "".join(json.dumps(finding_json(r.path, f), ensure_ascii=False) + "\n"
                   for r in reports for f in r.findings)


# --- SARIF --------------------------------------------------------------------------------

LEVELS = {"CPS900": "note", "CPS901": "error"}
RULE_INDEX = {code: index for index, code in enumerate(RULES)}


def sarif_rules() -> List[Dict[str, Any]]:
    rules = []
    for code, rule in RULES.items():
        # A short text and the page's address: the page itself would be repeated in every
        # uploaded report (code-scanning services show `helpUri`).
        help_text = f"{rule.summary}. The rule's page: {rule.help_uri}"
        help_markdown = f"{rule.summary}. [The rule's page]({rule.help_uri})"
        configuration: Dict[str, Any] = {"level": LEVELS.get(code, "warning")}
        if not rule.default_on:
            configuration["enabled"] = False
        rules.append({
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": full_description(rule)},
            "helpUri": rule.help_uri,
            "help": {"text": help_text, "markdown": help_markdown},
            "defaultConfiguration": configuration,
            "properties": {"tags": ["correctness", "pytorch"]},
        })
    return rules


def artifact_location(path: str, root: str) -> Dict[str, str]:
    """A URI relative to %SRCROOT% (the working directory), or an absolute file URI."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:
        rel = os.pardir
    if rel.startswith(os.pardir) or os.path.isabs(rel):
        return {"uri": "file://" + quote(_bytes_of(Path(absolute).as_posix()))}
    return {"uri": quote(_bytes_of(Path(rel).as_posix())), "uriBaseId": SRCROOT}


def _bytes_of(path: str) -> bytes:
    """The file name's own bytes (a URI percent-encodes them, UTF-8 or not)."""
    try:
        return os.fsencode(path)
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace")


def _region(line: int, col: int, end_line: Optional[int], end_col: Optional[int]
            ) -> Dict[str, int]:
    region = {"startLine": line, "startColumn": col}
    if end_line is not None and end_col is not None:
        region.update(endLine=end_line, endColumn=end_col)
    return region


def _sarif_fix(finding: Finding, location: Dict[str, str], report: FileReport
               ) -> Dict[str, Any]:
    fix = finding.fix
    assert fix is not None
    replacements = [{
        "deletedRegion": _region(fix.start[0], fix.start[1] + 1, fix.end[0], fix.end[1] + 1),
        "insertedContent": {"text": fix.replacement},
    }]
    if fix.needs_import_copy and report.import_insertion is not None:
        line, text = report.import_insertion
        replacements.append({
            "deletedRegion": _region(line, 1, line, 1),
            "insertedContent": {"text": text},
        })
    return {
        "description": {"text": fix.description or f"replace with `{fix.replacement}`"},
        "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
    }


def sarif_result(report: FileReport, finding: Finding, root: str) -> Dict[str, Any]:
    location = artifact_location(report.path, root)
    end_line, end_col = _end(finding)
    result: Dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS.get(finding.code, "warning"),
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": location,
            "region": _region(finding.line, finding.col + 1, end_line, end_col),
        }}],
    }
    if finding.code in RULE_INDEX:
        result["ruleIndex"] = RULE_INDEX[finding.code]
    if finding.fix is not None:
        result["fixes"] = [_sarif_fix(finding, location, report)]
    return result


def sarif_log(reports: Sequence[FileReport], root: Optional[str] = None) -> Dict[str, Any]:
    root = root or os.getcwd()
    notifications = [
        {"level": "error", "message": {"text": f"{r.path}: {r.error}"},
         "locations": [{"physicalLocation": {"artifactLocation": artifact_location(r.path, root)}}]}
        for r in reports if r.error
    ]
    invocation: Dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME,
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": sarif_rules(),
            }},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": Path(root).as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": [sarif_result(r, f, root) for r in reports for f in r.findings],
        }],
    }


def render_sarif(reports: Sequence[FileReport]) -> str:
    return _dumps(sarif_log(reports))


# --- GitHub Actions ----------------------------------------------------------------------

GITHUB_LEVELS = {"warning": "warning", "error": "error", "note": "notice"}


def _github_escape(text: str, property_value: bool = False) -> str:
    """Workflow-command escaping (the actions/toolkit `escapeData`/`escapeProperty` rules)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_line(path: str, finding: Finding) -> str:
    """`::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CODE::message`."""
    props = {"file": printable(Path(path).as_posix()), "line": finding.line, "col": finding.col + 1}
    end_line, end_col = _end(finding)
    if end_line is not None:
        props.update(endLine=end_line, endColumn=end_col)
    props["title"] = finding.code
    joined = ",".join(f"{k}={_github_escape(str(v), True)}" for k, v in props.items())
    level = GITHUB_LEVELS[LEVELS.get(finding.code, "warning")]
    message = printable(f"{finding.code} {finding.message}")
    return f"::{level} {joined}::{_github_escape(message)}"


def render_github(reports: Sequence[FileReport]) -> str:
    return "".join(github_line(r.path, f) + "\n" for r in reports for f in r.findings)


# --- GitLab Code Quality ------------------------------------------------------------------

GITLAB_SEVERITIES = {"warning": "major", "error": "critical", "note": "info"}


def render_gitlab(reports: Sequence[FileReport]) -> str:
    """GitLab's Code Quality report: a JSON array of issues, each with a fingerprint that
    stays the same while the finding does, so merge-request widgets can tell new findings
    from old: the path, the code, the reported statement's text and the message with its
    numbers left out (messages name lines, which move when lines are added above), and its
    rank among equal ones. Never the line number itself."""
    items: List[Dict[str, Any]] = []
    seen: Dict[Tuple[str, ...], int] = {}
    for report in reports:
        for finding in report.findings:
            path = printable(Path(report.path).as_posix())
            key = (path, finding.code,
                   printable(source_line(report.path, finding.line).strip()),
                   printable(re.sub(r"\d+", "N", finding.message)))
            seen[key] = seen.get(key, 0) + 1
            digest = hashlib.sha256("\0".join([*key, str(seen[key])]).encode("utf-8"))
            items.append({
                "description": f"{finding.code} {finding.message}",
                "check_name": finding.code,
                "fingerprint": digest.hexdigest(),
                "severity": GITLAB_SEVERITIES[LEVELS.get(finding.code, "warning")],
                "location": {"path": path, "lines": {"begin": finding.line}},
            })
    return _dumps(items)


RENDERERS = {"text": render_text, "full": render_full, "json": render_json,
             "json-lines": render_json_lines, "sarif": render_sarif, "github": render_github,
             "gitlab": render_gitlab}


# --- the text report's extras: colour, statistics, summary ----------------------------------

_TEXT_LINE = re.compile(r"^(?P<path>.+?):(?P<pos>\d+:\d+):(?P<rest> (?P<code>[A-Z]+\d+) .*)$",
                        re.MULTILINE)


def colourise(text: str) -> str:
    """ANSI colour for a text report on a terminal: bold path, dim position, red code."""
    return _TEXT_LINE.sub(
        lambda m: (f"\x1b[1m{m['path']}\x1b[0m:\x1b[2m{m['pos']}\x1b[0m: "
                   f"\x1b[1;31m{m['code']}\x1b[0m{m['rest'][len(m['code']) + 1:]}"), text)


def statistics(reports: Sequence[FileReport]) -> str:
    """`--statistics`: how many findings of each code, with the rule's name."""
    counts: Dict[str, int] = {}
    for report in reports:
        for finding in report.findings:
            counts[finding.code] = counts.get(finding.code, 0) + 1
    lines = []
    for code in sorted(counts):
        rule = RULES.get(code)
        lines.append(f"{counts[code]:<5} {code}  {rule.name if rule else ''}".rstrip())
    return "".join(line + "\n" for line in lines)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def summary(reports: Sequence[FileReport], fixing: bool = False) -> str:
    """The closing lines of a text report: "Found 3 findings in 2 files; 2 fixable with
    --fix" and, once, where the rule pages are; or "All checks passed"."""
    findings = [f for r in reports for f in r.findings]
    if not findings:
        return "All checks passed\n"
    files = sum(1 for r in reports if r.findings)
    text = f"Found {_plural(len(findings), 'finding')} in {_plural(files, 'file')}"
    unchecked = sum(1 for f in findings if f.code == "CPS901")
    if unchecked:
        text += f" ({_plural(unchecked, 'file')} not checked: CPS901)"
    fixable = sum(1 for f in findings if f.fix is not None)
    if fixable and not fixing:
        text += f"; {fixable} fixable with --fix"
    codes = sorted({f.code for f in findings})
    return (f"{text}\nRule pages: {RULES_URL} ({', '.join(codes)}), or "
            "`copysafety rule CODE`\n")
