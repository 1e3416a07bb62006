"""`copysafety verify --observer guard`: the runtime guards give every corpus case the verdict
the snapshot-diff observer gives it (both are held to the case's declared verdict)."""

import contextlib
import io
import json
from pathlib import Path

import pytest

pytest.importorskip("numpy")
torch = pytest.importorskip("torch")

from flake8_copysafety.verify import corpus as verify  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _verify(*argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = verify.main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


# Corpus cases whose change the guards do not see, with the reason (README, Limitations):
# the observers must disagree on exactly these.
_RESTORED_BY_CLONE = ("the Parameters a project optimizer's method returns are kept and "
                      "handed out, but the program reads them back only through "
                      "`p.data = theta.data.clone()` / `t.detach().clone()`: a clone is no "
                      "comparison of a parameter with its own memory")
_WRITTEN_THROUGH = ("a deliberate write through `.data` of the module's own parameters: no "
                    "snapshot is compared, nothing is reported")
GUARD_BLIND = {
    "cps203/pos_optimizer_step_returns_params.py": _RESTORED_BY_CLONE,
    "cps203/pos_instance_helper_keeps_optimizer_result.py": _RESTORED_BY_CLONE,
    "cps203/neg_parameter_list_written_through.py": _WRITTEN_THROUGH,
    "cps203/neg_parameter_dict_handle_written_by_item.py": _WRITTEN_THROUGH,
    "cps203/neg_parameter_list_handle_rewound_by_item.py": _WRITTEN_THROUGH,
}


def test_guard_observer_agrees_on_the_whole_corpus():
    code, out, err = _verify(CORPUS, "--observer", "guard", "--format", "json")
    rows = json.loads(out)
    cases = verify.collect([str(CORPUS)])
    assert len(rows) == len(cases)
    wanted = {case.name: case.expects_mutation("cpu") for case in cases}
    wrong = {row["case"] for row in rows if row["mutated"] != wanted[row["case"]]}
    assert {Path(w).as_posix().rsplit("corpus/", 1)[-1] for w in wrong} == set(GUARD_BLIND), out


def test_guard_observer_on_one_case_each_way():
    case = CORPUS / "cps102" / "pos_copy_copy_tensor.py"
    for observer in ("diff", "guard"):
        code, out, _ = _verify(case, "--observer", observer, "--no-coverage")
        assert code == 0 and "mutated" in out, (observer, out)


@pytest.mark.skipif(torch.cuda.is_available(), reason="CUDA is available here")
def test_guard_observer_without_cuda_skips_cleanly():
    case = CORPUS / "cps101" / "indexing" / "pos_slice.py"
    code, out, err = _verify(case, "--observer", "guard", "--device", "cuda")
    assert code == 2 and "CUDA is not available" in err and "pos_slice" not in out
