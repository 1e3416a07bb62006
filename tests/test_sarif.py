"""SARIF 2.1.0 output: valid for the sarif-pydantic models, and structurally complete.

No package on the registry ships the OASIS `sarif-schema-2.1.0.json`, so the check is the
sarif-pydantic object model (every object parsed, no property it does not know) plus the
constraints of the standard that the model does not enforce (1-based positions, level
values, rule indexes, relative URIs with a base id).
"""

import json
import sys
from pathlib import Path

import pytest

from flake8_copysafety import __version__
from flake8_copysafety.rules.catalogue import RULES

from cli_support import CANONICAL, CLEAN, SNAPSHOT, run_main, write

try:  # sarif-pydantic needs Python >= 3.10; the structural checks run everywhere
    import sarif_pydantic
except ImportError:
    sarif_pydantic = None

LEVELS = {"none", "note", "warning", "error"}
DOCS = Path(__file__).resolve().parent.parent / "flake8_copysafety" / "docs"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif_of(capsys, *argv):
    code, out, err = run_main(capsys, "check", "--format", "sarif", *argv)
    return code, json.loads(out)


def _unknown_properties(model, where="$"):
    """Properties the SARIF object model does not define: typos, misplaced keys."""
    from pydantic import BaseModel

    found = []
    if isinstance(model, BaseModel):
        extra = model.model_extra or {}
        found += [f"{where}.{key}" for key in extra]
        for name in type(model).model_fields:
            found += _unknown_properties(getattr(model, name), f"{where}.{name}")
    elif isinstance(model, (list, tuple)):
        for index, item in enumerate(model):
            found += _unknown_properties(item, f"{where}[{index}]")
    elif isinstance(model, dict):
        for key, item in model.items():
            found += _unknown_properties(item, f"{where}.{key}")
    return found


def validate(log):
    """Parse with the sarif-pydantic models and check what they leave unchecked."""
    if sarif_pydantic is not None:
        model = sarif_pydantic.Sarif.model_validate(log)
        # SARIF 2.1.0 properties the model does not list (run.columnKind, §3.14.17, and
        # invocation.toolExecutionNotifications, §3.20.21); anything else unknown is a typo.
        unknown = [p for p in _unknown_properties(model)
                   if not p.endswith((".columnKind", ".toolExecutionNotifications"))]
        assert unknown == []
        for invocation in log["runs"][0].get("invocations", []):
            for note in invocation.get("toolExecutionNotifications", []):
                parsed = sarif_pydantic.sarif.Notification.model_validate(note)
                assert _unknown_properties(parsed) == []
    for invocation in log["runs"][0].get("invocations", []):
        assert isinstance(invocation["executionSuccessful"], bool)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["columnKind"] in ("utf16CodeUnits", "unicodeCodePoints")
    for result in run["results"]:
        assert result["level"] in LEVELS
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
        for location in result["locations"]:
            physical = location["physicalLocation"]
            _check_artifact(physical["artifactLocation"], run)
            _check_region(physical["region"])
        for fix in result.get("fixes", []):
            assert fix["description"]["text"]
            for change in fix["artifactChanges"]:
                _check_artifact(change["artifactLocation"], run)
                for replacement in change["replacements"]:
                    _check_region(replacement["deletedRegion"])
                    assert isinstance(replacement["insertedContent"]["text"], str)


def test_sarif_models_are_used_where_available():
    if sys.version_info >= (3, 10):
        assert sarif_pydantic is not None, "install the test extra: sarif-pydantic"


def _check_artifact(location, run):
    uri = location["uri"]
    assert " " not in uri and "\\" not in uri
    if "uriBaseId" in location:
        assert not uri.startswith("/") and "://" not in uri
        base = run["originalUriBaseIds"][location["uriBaseId"]]["uri"]
        assert base.startswith("file:///") and base.endswith("/")
    else:
        assert uri.startswith("file:///")


def _check_region(region):
    assert region["startLine"] >= 1 and region["startColumn"] >= 1
    if "endLine" in region:
        assert region["endLine"] >= region["startLine"]
        assert region["endColumn"] >= 1
        if region["endLine"] == region["startLine"]:
            assert region["endColumn"] >= region["startColumn"]


def test_canonical_finding(project, capsys):
    write(project, {"ds.py": CANONICAL})
    code, log = sarif_of(capsys, "ds.py")
    assert code == 1
    validate(log)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "flake8-copysafety"
    assert driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == project.resolve().as_uri() + "/"
    [result] = run["results"]
    assert result["ruleId"] == "CPS101"
    assert result["level"] == "warning"
    assert result["message"]["text"].startswith("`self.data[idx]`")
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "ds.py", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 11, "startColumn": 9,
                                  "endLine": 11, "endColumn": 15}
    [fix] = result["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "ds.py", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 10, "startColumn": 13, "endLine": 10, "endColumn": 27},
        "insertedContent": {"text": "self.data[idx].clone()"},
    }]


def _apply_sarif_fix(text, replacements):
    """Apply SARIF replacements (1-based, end exclusive) to text, bottom-up."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line, column):
        return starts[line - 1] + column - 1

    spans = sorted(((offset(r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"]),
                     offset(r["deletedRegion"]["endLine"], r["deletedRegion"]["endColumn"]),
                     r["insertedContent"]["text"]) for r in replacements), reverse=True)
    for begin, end, new in spans:
        text = text[:begin] + new + text[end:]
    return text


def test_fix_that_needs_import_copy_carries_the_import(project, capsys):
    write(project, {"train.py": SNAPSHOT})
    code, log = sarif_of(capsys, "train.py")
    validate(log)
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "CPS202"
    replacements = result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert len(replacements) == 2
    fixed = _apply_sarif_fix(SNAPSHOT, replacements)
    compile(fixed, "train.py", "exec")
    assert fixed.splitlines()[1] == "import copy"  # after the docstring, before `import torch`
    assert "best_state = copy.deepcopy(model.state_dict())" in fixed


def test_sarif_fix_equals_what_fix_writes(project, capsys):
    write(project, {"ds.py": CANONICAL, "train.py": SNAPSHOT})
    _, log = sarif_of(capsys, ".")
    by_file = {}
    for result in log["runs"][0]["results"]:
        change = result["fixes"][0]["artifactChanges"][0]
        by_file.setdefault(change["artifactLocation"]["uri"], []).extend(change["replacements"])
    assert run_main(capsys, "check", "--fix", ".")[0] == 0
    for name, replacements in by_file.items():
        source = CANONICAL if name == "ds.py" else SNAPSHOT
        assert _apply_sarif_fix(source, replacements) == (project / name).read_text()


def test_rules_describe_every_code(project, capsys):
    write(project, {"ok.py": CLEAN})
    code, log = sarif_of(capsys, ".")
    assert code == 0
    validate(log)
    run = log["runs"][0]
    assert run["results"] == []
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    for rule in rules:
        source = RULES[rule["id"]]
        assert rule["name"] == source.name
        assert rule["shortDescription"]["text"] == source.summary
        assert rule["fullDescription"]["text"]
        assert rule["helpUri"] == source.help_uri
        assert rule["defaultConfiguration"]["level"] in LEVELS
        assert rule["defaultConfiguration"].get("enabled", True) is source.default_on
        # a short text and the page's address, not the page itself
        assert source.help_uri in rule["help"]["text"]
        assert f"]({source.help_uri})" in rule["help"]["markdown"]
        assert len(rule["help"]["markdown"]) < 1500, rule["id"]
    assert len(json.dumps(log)) < 20_000  # an empty report stays small (no whole pages)


def test_uris_are_encoded_and_outside_files_absolute(project, capsys, tmp_path_factory):
    write(project, {"my data/ds v2.py": CANONICAL})
    outside = tmp_path_factory.mktemp("elsewhere")
    write(outside, {"ds.py": CANONICAL})
    _, log = sarif_of(capsys, ".", str(outside / "ds.py"))
    validate(log)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]
            for r in log["runs"][0]["results"]]
    assert {"uri": "my%20data/ds%20v2.py", "uriBaseId": "%SRCROOT%"} in uris
    assert {"uri": (outside / "ds.py").resolve().as_uri()} in uris and len(uris) == 2


def test_unreadable_file_is_a_tool_notification(project, capsys, monkeypatch):
    from flake8_copysafety.cli import runner

    write(project, {"ds.py": CANONICAL})
    real_open = open

    def denied(path, *args, **kwargs):
        if str(path).endswith("ds.py"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(runner, "open", denied, raising=False)
    code, log = sarif_of(capsys, "ds.py")
    assert code == 2
    validate(log)
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "Permission denied" in note["message"]["text"]


def test_sarif_to_output_file(project, capsys):
    write(project, {"ds.py": CANONICAL})
    code, out, _ = run_main(capsys, "check", "--format", "sarif", "-o", "out.sarif", ".")
    assert code == 1 and out == ""
    validate(json.loads((project / "out.sarif").read_text(encoding="utf-8")))


def test_columns_count_code_points(project, capsys):
    source = CANONICAL.replace("        x = self.data[idx]\n",
                               '        s = "ééé"; x = self.data[idx]\n')
    write(project, {"ds.py": source})
    _, log = sarif_of(capsys, "ds.py")
    [result] = log["runs"][0]["results"]
    region = result["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    line = source.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1:region["endColumn"] - 1] == "self.data[idx]"
