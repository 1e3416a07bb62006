"""Metamorphic variants of corpus cases (`benchmarks/generalise.py`), a sample: each rewrite
keeps the case's runtime verdict, and the analysis gives the rewritten project the verdict
it gives the case (the whole set runs in the benchmark)."""

import importlib.util
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("numpy")
pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("generalise", ROOT / "benchmarks" / "generalise.py")
generalise = importlib.util.module_from_spec(_spec)
sys.modules["generalise"] = generalise  # its dataclasses look their module up
_spec.loader.exec_module(generalise)

# One finding and one near-miss per transformation: a 2-D ndarray's row is a view (a 1-D
# tensor's element too), a 1-D ndarray's element a scalar copy, `.clone()` a copy.
POSITIVE = ("cps101/indexing/pos_2d_ndarray_row.py", "cps101/indexing/pos_1d_tensor_index.py")
NEGATIVE = ("cps101/indexing/neg_1d_ndarray_scalar.py", "cps101/shared_memory/neg_clone.py")
# The training-code rewrites: the early-stopping snapshot, live and deep-copied.
STATE_DICT_POSITIVE = ("cps202/pos_early_stopping.py",)
STATE_DICT_NEGATIVE = ("cps202/neg_deepcopy_snapshot.py",)


def _sample():
    cases = {c.name: c for c in generalise.cases(["cps101", "cps202"])}
    variants = []
    for name, make in generalise.TRANSFORMATIONS.items():
        state_dict = name in generalise.STATE_DICT_TRANSFORMATIONS
        for names in ((STATE_DICT_POSITIVE, STATE_DICT_NEGATIVE) if state_dict
                      else (POSITIVE, NEGATIVE)):
            for case_name in names:
                files = make(cases[case_name])
                if files is not None:
                    variants.append(generalise.Variant(cases[case_name], name, files))
                    break
    return variants


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    variants = _sample()
    workdir = tmp_path_factory.mktemp("generalise")
    generalise.run_runtime(variants, workdir, cache_path=None)
    saved = os.environ.get("COPYSAFETY_NO_CACHE")
    os.environ["COPYSAFETY_NO_CACHE"] = "1"  # for the analysis below only
    from flake8_copysafety.engine.pipeline import LintOptions, lint_source

    try:
        for index, v in enumerate(variants):
            v.folder = workdir / "static" / f"v{index}"
            generalise._write(v.folder, v.files)
            codes = []
            for rel in v.files:
                path = v.folder / rel
                codes += [f.code for f in lint_source(path.read_text(), str(path),
                                                      LintOptions())]
            prefix = "CPS1" if v.case.family.startswith("cps1") else "CPS2"
            v.codes = sorted(c for c in codes if c.startswith(prefix))
            v.static = bool(v.codes)
    finally:  # later tests of this process see the environment they had
        if saved is None:
            del os.environ["COPYSAFETY_NO_CACHE"]
        else:
            os.environ["COPYSAFETY_NO_CACHE"] = saved
    return variants


def test_every_transformation_rewrites_a_finding_and_a_near_miss():
    made = _sample()
    for name in generalise.TRANSFORMATIONS:
        truths = sorted(v.truth for v in made if v.transformation == name)
        assert truths == [False, True], name


def test_rewrites_keep_the_runtime_verdict(checked):
    wrong = [(v.transformation, v.case.name, v.runtime, v.original_runtime)
             for v in checked if not v.valid]
    assert wrong == []


# Rewrites not found yet, listed so that a fix shows (none in this sample: a snapshot kept
# through a method of a holder class of another module, `holder.keep(m.state_dict())`, is
# now followed through the method's summary).
KNOWN_MISSES: list = []


def test_the_static_verdict_survives_each_rewrite(checked):
    wrong = [(v.transformation, v.case.name, v.codes) for v in checked if not v.agrees]
    assert wrong == KNOWN_MISSES


def test_a_transform_bound_through_a_local_variable_is_followed():
    case = next(c for c in generalise.cases(["cps101"])
                if c.name == "cps101/indexing/pos_2d_ndarray_row.py")
    text = generalise.transform_local(case)["case.py"]
    assert "tfm = Step()" in text and "Samples(transform=tfm)" in text
