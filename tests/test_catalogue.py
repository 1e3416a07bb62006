"""A rule is declared once: its catalogue row (`rules/catalogue.py`) names it, and the rule
families (`rules/families.py`) that the engine runs report it; the runtime guard words its
fix from the same row."""

from pathlib import Path

import pytest

from flake8_copysafety.rules.catalogue import RULES
from flake8_copysafety.rules.families import FAMILIES

PROGRAMS = Path(__file__).resolve().parent / "guard_programs"


def test_every_code_of_a_family_is_in_the_catalogue():
    assert {code for family in FAMILIES for code in family.codes} <= set(RULES)


def test_every_catalogue_code_is_reported_by_a_family():
    """Every code but the engine's own (CPS9xx: failed analysis, unreadable file)."""
    reported = {code for family in FAMILIES for code in family.codes}
    assert {code for code in RULES if not code.startswith("CPS9")} == reported


def test_the_engine_runs_the_families_in_order():
    assert [family.name for family in FAMILIES] == ["datasets", "handed-out items",
                                                    "state_dicts"]


@pytest.mark.parametrize("name", ["bug_copy_copy_tensor.py", "bug_numpy_view_dataset.py",
                                  "bug_training_loop_pops.py"])
def test_the_guard_words_its_fix_from_the_catalogue(name):
    pytest.importorskip("torch")
    from flake8_copysafety.guard.session import GuardSession

    path = PROGRAMS / name
    session = GuardSession().start()
    try:
        exec(compile(path.read_text(), str(path), "exec"),  # noqa: S102
             {"__name__": "__main__", "__file__": str(path)})
    finally:
        session.stop()
    dataset_findings = [f for f in session.findings if f.code.startswith("CPS10")]
    assert dataset_findings
    for finding in dataset_findings:
        assert RULES[finding.code].advice
        assert finding.message.endswith(f"; {RULES[finding.code].advice}"), finding.message
