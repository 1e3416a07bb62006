"""A rule is declared once: its catalogue row (`rules/catalogue.py`) names it, and the rule
families (`rules/families.py`) that the engine runs report it; the runtime guard words its
fix from the same row."""

import re
from pathlib import Path

import pytest

import flake8_copysafety
from flake8_copysafety.rules.catalogue import NOTES, RULES
from flake8_copysafety.rules.families import FAMILIES

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "tests" / "guard_programs"
PACKAGE = Path(flake8_copysafety.__file__).resolve().parent
CATALOGUE = PACKAGE / "rules" / "catalogue.py"
# The engine's own notices (failed analysis, unreadable file): no family, corpus or fix.
NOTICES = {code for code in RULES if code.startswith("CPS9")}
RULE_CODES = sorted(set(RULES) - NOTICES)


def test_every_code_of_a_family_is_in_the_catalogue():
    assert {code for family in FAMILIES for code in family.codes} <= set(RULES)


def test_every_catalogue_code_is_reported_by_a_family():
    """Every code but the engine's own (CPS9xx: failed analysis, unreadable file)."""
    reported = {code for family in FAMILIES for code in family.codes}
    assert {code for code in RULES if not code.startswith("CPS9")} == reported


def test_the_engine_runs_the_families_in_order():
    assert [family.name for family in FAMILIES] == ["datasets", "handed-out items",
                                                    "state_dicts"]


def _guard_findings(name, prefix):
    """The findings whose code starts with `prefix` of a guard program run under the guards."""
    pytest.importorskip("torch")
    from flake8_copysafety.guard.session import GuardSession

    path = PROGRAMS / name
    session = GuardSession().start()
    try:
        exec(compile(path.read_text(), str(path), "exec"),  # noqa: S102
             {"__name__": "__main__", "__file__": str(path)})
    finally:
        session.stop()
    return [f for f in session.findings if f.code.startswith(prefix)]


@pytest.mark.parametrize("name", ["bug_copy_copy_tensor.py", "bug_numpy_view_dataset.py",
                                  "bug_training_loop_pops.py"])
def test_the_guard_words_its_fix_from_the_catalogue(name):
    dataset_findings = _guard_findings(name, "CPS10")
    assert dataset_findings
    for finding in dataset_findings:
        assert RULES[finding.code].advice
        assert finding.message.endswith(f"; {RULES[finding.code].advice}"), finding.message


@pytest.mark.parametrize("name", ["bug_best_state.py", "bug_written_then_saved.py",
                                  "bug_optimizer_transplant.py",
                                  "bug_kept_parameter_memory.py"])
def test_the_guard_words_its_state_dict_findings_from_the_catalogue(name):
    """CPS2xx: the sentence is the row's `guard_message` (or a variant), then its advice."""
    findings = _guard_findings(name, "CPS20")
    assert findings
    for finding in findings:
        rule = RULES[finding.code]
        cases = [""] + sorted(rule.guard_messages)
        assert any(_matches(rule.guard_format(case, **_guard_fields(rule, case)),
                            finding.message) for case in cases), finding.message


def _guard_fields(rule, case):
    names = re.findall(r"{(\w+)}", rule.guard_messages.get(case, rule.guard_message))
    return {name: "\0" for name in names}


def _matches(template: str, message: str) -> bool:
    """`message` is `template` with its fields (`\0` here) filled in."""
    pattern = ".+".join(re.escape(piece) for piece in template.split("\0"))
    return re.fullmatch(pattern, message, re.DOTALL) is not None


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_code_has_a_family_and_a_page(code):
    if code not in NOTICES:
        assert any(code in family.codes for family in FAMILIES), code
    assert (PACKAGE / "docs" / f"{code}.md").is_file(), code


@pytest.mark.parametrize("code", RULE_CODES)
def test_every_rule_has_a_corpus_folder_advice_and_a_fix_title(code):
    rule = RULES[code]
    folder = ROOT / "corpus" / code.lower()
    assert folder.is_dir() and any(folder.rglob("*.py")), folder
    assert rule.advice and rule.fix_title and rule.message, code
    for case in set(rule.fixes) | set(rule.messages):
        assert rule.fix(case, **_fields(rule, case)), (code, case)


def _fields(rule, case):
    """Every field a case's message and fix title ask for, filled with its own name."""
    names = re.findall(r"{(\w+)}", rule.messages.get(case, rule.message) +
                       rule.fixes.get(case, rule.fix_title))
    return {name: name for name in names}


def test_a_message_ends_with_its_fix_title():
    rule = RULES["CPS101"]
    fields = _fields(rule, "tensor")
    assert rule.format("tensor", **fields).endswith(". Fix: `.clone()` it.")
    assert rule.format(**fields).endswith(f". Fix: {rule.fix_title}.")
    note = NOTES["device"].format(via=".cpu()")
    assert RULES["CPS202"].format(note=note, **_fields(RULES["CPS202"], "")).endswith(
        "Fix: `copy.deepcopy(...)` it (`.cpu()` copies only tensors on a GPU).")


def _wordings():
    """Each advice and fix text of the catalogue, cut at its format fields into the pieces
    long enough to be a copy of it (a short piece such as "`.clone()` it" is a phrase)."""
    for rule in RULES.values():
        texts = [rule.advice, rule.fix_title, *rule.fixes.values(), *rule.advices.values(),
                 rule.guard_message, *rule.guard_messages.values()]
        for text in texts:
            for piece in re.split(r"{\w+}", text):
                if len(piece) >= 20:
                    yield rule.code, piece
    for note in NOTES.values():
        for piece in re.split(r"{\w+}", note):
            if len(piece) >= 20:
                yield "note", piece


@pytest.mark.parametrize("code, piece", list(_wordings()))
def test_no_module_repeats_a_wording_of_the_catalogue(code, piece):
    """The static messages and the guard's reports word a fix from the row alone."""
    copies = [str(path.relative_to(PACKAGE)) for path in sorted(PACKAGE.rglob("*.py"))
              if path != CATALOGUE and piece in path.read_text(encoding="utf-8")]
    assert not copies, (code, piece, copies)


def test_contributing_names_real_files():
    """Each step of CONTRIBUTING.md is a file (a path with `<...>` names one to create)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    paths = {token for token in re.findall(r"`([\w./<>-]+)`", text)
             if "/" in token and "<" not in token}
    assert len(paths) >= 15
    missing = [path for path in sorted(paths)
               if not (ROOT / path).exists() and not (PACKAGE / path).exists()]
    assert not missing


def test_the_engine_notices_are_worded_by_their_rows(monkeypatch):
    """CPS900 and CPS901 are catalogue rows like the rules: a message template, no fix."""
    from flake8_copysafety.engine import pipeline

    assert not any(RULES[code].fix_title or RULES[code].advice for code in NOTICES)
    unparsable = "import torch\nclass D(torch.utils.data.Dataset):\n    def __getitem__(self, i:\n"
    found = pipeline.lint_source(unparsable, "ds.py", report_unchecked=True)
    assert [(f.line, f.col, f.code, f.message) for f in found] == [
        (3, 19, "CPS901", "ds.py was not checked: SyntaxError: '(' was never closed")]
    assert RULES["CPS901"].format(filename="a.py", why="E") == "a.py was not checked: E"

    def fail(*args, **kwargs):
        raise ValueError("analysis bug")

    monkeypatch.setattr(pipeline, "_lint", fail)
    found = pipeline.lint_source(unparsable.replace("i:", "i):"), "ds.py")
    assert [(f.line, f.col, f.code, f.message) for f in found] == [
        (1, 0, "CPS900", "copysafety could not analyse ds.py: ValueError: analysis bug")]


@pytest.mark.parametrize("code", sorted(NOTICES))
def test_no_module_repeats_a_notice_of_the_catalogue(code):
    pieces = [p for p in re.split(r"{\w+}", RULES[code].message) if len(p.strip()) >= 12]
    assert pieces, code
    copies = [(str(path.relative_to(PACKAGE)), piece)
              for path in sorted(PACKAGE.rglob("*.py")) if path != CATALOGUE
              for piece in pieces if piece in path.read_text(encoding="utf-8")]
    assert not copies, (code, copies)
