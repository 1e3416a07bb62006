"""A change of stored data made by a transform of another module shows where the user looks:
linting the dataset's module alone (an editor's save, a hook on staged files) reports it on
the statement that hands the data to the transform, naming the line that changes it; the
transform's module reports it on that line. Both front ends, `noqa` per line, the result
cache following the transform's module."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from cli_support import codes_in, run_process, write

DATA = textwrap.dedent("""\
    import torch
    from torch.utils.data import Dataset


    class Frames(Dataset):
        def __init__(self, transform):
            self.data = torch.rand(8, 3)
            self.transform = transform

        def __len__(self):
            return len(self.data)

        def __getitem__(self, i):
            return self.transform(self.data[i])
""")
TRANSFORMS = textwrap.dedent("""\
    class Normalize:
        def __init__(self, mean, std):
            self.mean = mean
            self.std = std

        def __call__(self, x):
            x -= self.mean
            return x / self.std
""")
TRAIN = textwrap.dedent("""\
    from mlproj.data import Frames
    from mlproj.transforms import Normalize

    frames = Frames(transform=Normalize(0.5, 0.2))
    for x in frames:
        print(x)
""")
AT_THE_CALL = ("mlproj/data.py", 14, 16, "CPS101")
AT_THE_CHANGE = ("mlproj/transforms.py", 7, 9, "CPS101")
NAMES_THE_CHANGE = "is changed in place by `Normalize.__call__()` (transforms.py:7)"


def _project(tmp_path: Path, data: str = DATA, transforms: str = TRANSFORMS) -> Path:
    project = tmp_path / "proj"
    write(project, {"pyproject.toml": "", "mlproj/__init__.py": "", "mlproj/data.py": data,
                    "mlproj/transforms.py": transforms, "train.py": TRAIN})
    return project


def _env(cache=None):
    env = dict(os.environ)
    env.pop("COPYSAFETY_NO_CACHE", None)
    if cache is None:
        env["COPYSAFETY_NO_CACHE"] = "1"
    else:
        env["COPYSAFETY_CACHE_DIR"] = str(cache)
    return env


def _flake8(cwd: Path, *args: str, cache=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flake8", "--isolated", "--select=CPS",
                           *args], cwd=str(cwd), capture_output=True, text=True,
                          encoding="utf-8", timeout=300, env=_env(cache))


def _located(report: str):
    return sorted((Path(path).as_posix().lstrip("./"), line, col, code)
                  for path, line, col, code in codes_in(report))


def test_flake8_on_the_dataset_module_alone_shows_the_change(tmp_path):
    project = _project(tmp_path)
    done = _flake8(project, "mlproj/data.py")
    assert _located(done.stdout) == [AT_THE_CALL], done.stdout + done.stderr
    assert NAMES_THE_CHANGE in done.stdout
    assert "(stored dataset data, line 14)" in done.stdout


def test_check_on_the_dataset_module_alone_shows_the_change(tmp_path):
    project = _project(tmp_path)
    done = run_process(["check", "--isolated", "--no-cache", "mlproj/data.py"], project)
    assert done.returncode == 1, done.stderr
    assert _located(done.stdout) == [AT_THE_CALL]
    assert NAMES_THE_CHANGE in done.stdout


def test_the_project_reports_each_line_once(tmp_path):
    project = _project(tmp_path)
    for jobs in ("-j1", "-j2"):
        done = _flake8(project, jobs, ".")
        assert _located(done.stdout) == [AT_THE_CALL, AT_THE_CHANGE], (jobs, done.stdout)
    done = run_process(["check", "--isolated", "--no-cache", "."], project)
    assert done.returncode == 1, done.stderr
    assert _located(done.stdout) == [AT_THE_CALL, AT_THE_CHANGE]
    # the same files named twice, and one of them again: still one report per line
    done = run_process(["check", "--isolated", "--no-cache", ".", "mlproj/data.py",
                        "mlproj"], project)
    assert _located(done.stdout) == [AT_THE_CALL, AT_THE_CHANGE], done.stdout


def test_a_copy_in_the_dataset_module_silences_both(tmp_path):
    fixed = DATA.replace("self.transform(self.data[i])", "self.transform(self.data[i].clone())")
    project = _project(tmp_path, data=fixed)
    assert _located(_flake8(project, ".").stdout) == []
    done = run_process(["check", "--isolated", "--no-cache", "."], project)
    assert done.returncode == 0, done.stdout + done.stderr


def test_noqa_silences_the_line_it_is_on(tmp_path):
    quiet_call = DATA.replace("self.data[i])\n", "self.data[i])  # noqa: CPS101\n")
    project = _project(tmp_path / "call", data=quiet_call)
    assert _located(_flake8(project, ".").stdout) == [AT_THE_CHANGE]
    done = run_process(["check", "--isolated", "--no-cache", "."], project)
    assert _located(done.stdout) == [AT_THE_CHANGE]
    quiet_change = TRANSFORMS.replace("x -= self.mean\n", "x -= self.mean  # noqa: CPS101\n")
    project = _project(tmp_path / "change", transforms=quiet_change)
    assert _located(_flake8(project, ".").stdout) == [AT_THE_CALL]
    done = run_process(["check", "--isolated", "--no-cache", "."], project)
    assert _located(done.stdout) == [AT_THE_CALL]


def test_editing_only_the_transform_updates_the_dataset_modules_cached_result(tmp_path):
    """The dataset module's cached result depends on the transform's module: an edit there
    alone (the dataset's file unchanged, then changed elsewhere so that only its statements'
    analysis could be reused) is seen by flake8 and `copysafety check` with the cache on."""
    project = _project(tmp_path)
    cache = tmp_path / "cache"
    transforms = project / "mlproj" / "transforms.py"
    data = project / "mlproj" / "data.py"

    def both():
        flake8 = _located(_flake8(project, "mlproj/data.py", cache=cache).stdout)
        check = run_process(["check", "--isolated", "mlproj/data.py"], project,
                            env={"COPYSAFETY_CACHE_DIR": str(cache)})
        assert _located(check.stdout) == flake8, (check.stdout, flake8)
        return flake8

    assert both() == [AT_THE_CALL]
    assert both() == [AT_THE_CALL]  # read from the cache
    transforms.write_text(TRANSFORMS.replace("x -= self.mean", "x = x - self.mean"))
    assert both() == []
    transforms.write_text(TRANSFORMS)
    assert both() == [AT_THE_CALL]
    transforms.write_text(TRANSFORMS.replace("x -= self.mean", "x = x - self.mean"))
    data.write_text(DATA + "\n\nLIMIT = 8\n")
    assert both() == []
    transforms.write_text(TRANSFORMS)
    assert both() == [AT_THE_CALL]
    assert any(cache.iterdir())


HELPED = DATA.replace("from torch.utils.data import Dataset\n",
                      "from torch.utils.data import Dataset\n\nfrom mlproj.utils import scale\n"
                      ).replace("        return self.transform(self.data[i])\n",
                                "        sample = self.data[i]\n        return scale(sample)\n")
OUT_OF_PLACE = "def scale(x):\n    return x * 2\n"
IN_PLACE = "def scale(x):\n    x *= 2\n    return x\n"


def test_a_write_that_appears_in_a_helper_later_is_seen_in_the_dataset_module(tmp_path):
    """The dataset's own text shows no change; whether its module is analysed at all
    depends on the helper's text, and its cached result follows that text."""
    project = _project(tmp_path, data=HELPED)
    helper = project / "mlproj" / "utils.py"
    helper.write_text(OUT_OF_PLACE)
    cache = tmp_path / "cache"
    assert _located(_flake8(project, "mlproj/data.py", cache=cache).stdout) == []
    helper.write_text(IN_PLACE)
    done = _flake8(project, "mlproj/data.py", cache=cache)
    assert _located(done.stdout) == [("mlproj/data.py", 17, 16, "CPS101")], done.stdout
    assert "by `scale()` (utils.py:2)" in done.stdout
    helper.write_text(OUT_OF_PLACE)
    assert _located(_flake8(project, "mlproj/data.py", cache=cache).stdout) == []
