"""Registry pipelines: config dicts resolved to the registered project class, only where the
registration is proven (the project model's registries, `project/bindings.py`)."""

import textwrap

from flake8_copysafety.project.bindings import bound_chains, call_method
from flake8_copysafety.project.model import ProjectModel

TRANSFORMS = """\
    from mmcv.transforms import BaseTransform
    from mmengine.registry import TRANSFORMS
    from pkg.registry import PIPELINES

    @TRANSFORMS.register_module()
    class Expand(BaseTransform):
        def transform(self, results):
            return results

    @TRANSFORMS.register_module(name=["Flip", "RandomFlip"], force=True)
    class FlipBoxes(BaseTransform):
        def transform(self, results):
            return results

    class Normalize:
        def __call__(self, results):
            return results

    class Unused(BaseTransform):
        pass

    PIPELINES.register_module(module=Normalize)
    TRANSFORMS.register_module(name="Bare", module=Unused)
"""

PROJECT = {
    "pyproject.toml": "",
    "pkg/__init__.py": "",
    "pkg/registry.py": "from mmengine.registry import Registry\nPIPELINES = Registry('p')\n",
    "pkg/transforms.py": TRANSFORMS,
    "pkg/compose.py": """\
        from .registry import PIPELINES
        from mmengine.registry import build_from_cfg
        class Compose:
            def __init__(self, transforms):
                self.transforms = []
                for t in transforms:
                    self.transforms.append(build_from_cfg(t, PIPELINES))
            def __call__(self, data):
                for t in self.transforms:
                    data = t(data)
                return data
    """,
    "pkg/data.py": """\
        from mmengine.dataset import BaseDataset
        from torch.utils.data import Dataset
        from .compose import Compose
        class Det(BaseDataset):
            def get_data_info(self, idx):
                return self.data_list[idx]
        class Own(Dataset):
            def __init__(self, pipeline):
                self.pipeline = Compose(pipeline)
    """,
    "configs/__init__.py": "",
    "configs/det.py": """\
        train_pipeline = [dict(type="Expand"), {"type": "RandomFlip", "p": 0.5}]
        twice = [dict(type="Expand")]
        twice = []
    """,
}


def model_of(tmp_path, sites):
    files = dict(PROJECT, **{"train.py": sites})
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return ProjectModel([tmp_path], use_cache=False)


def test_registrations_by_decorator_name_list_and_module_call(tmp_path):
    model = model_of(tmp_path, "")
    registry = "mmengine.registry.TRANSFORMS"
    assert model.registered("Expand") == [(registry, "pkg.transforms.Expand")]
    assert model.registered("Flip") == [(registry, "pkg.transforms.FlipBoxes")]
    assert model.registered("RandomFlip") == [(registry, "pkg.transforms.FlipBoxes")]
    assert model.registered("FlipBoxes") == []  # a name was given: the class name is not one
    assert model.registered("Normalize") == [("pkg.registry.PIPELINES",
                                              "pkg.transforms.Normalize")]
    assert model.registered("Bare") == [(registry, "pkg.transforms.Unused")]
    assert call_method(model, "pkg.transforms.Expand") == "transform"
    assert call_method(model, "pkg.transforms.Normalize") == "__call__"
    assert call_method(model, "pkg.transforms.Unused") is None  # runs the framework's code


def test_framework_pipeline_from_a_config_module(tmp_path):
    model = model_of(tmp_path, """\
        from configs.det import train_pipeline
        from pkg.data import Det
        Det(pipeline=train_pipeline)
    """)
    assert model.assigned("train", "train_pipeline")[0] == "configs.det"
    assert bound_chains(model, "pkg.data.Det", "pipeline") == [
        ("pkg.transforms.Expand", "pkg.transforms.FlipBoxes")]


def test_unknown_ambiguous_or_rebound_configs_end_the_chain(tmp_path):
    model = model_of(tmp_path, """\
        import configs.det as cfg
        from pkg.data import Det
        Det(pipeline=[dict(type="Missing"), dict(type="Expand")])
        Det(pipeline=cfg.twice)
        Det(pipeline=[dict(type=name) for name in ("Expand",)])
    """)
    assert bound_chains(model, "pkg.data.Det", "pipeline") == []


def test_a_project_composer_builds_from_its_own_registry_only(tmp_path):
    model = model_of(tmp_path, """\
        from pkg.data import Own
        Own([dict(type="Normalize")])
        Own([dict(type="Expand")])
    """)
    # `Expand` is registered in mmengine's TRANSFORMS, not in the `PIPELINES` Compose builds
    # from: only the `Normalize` site gives a chain.
    assert bound_chains(model, "pkg.data.Own", "pipeline") == [("pkg.transforms.Normalize",)]


def test_build_calls_resolve_their_config(tmp_path):
    model = model_of(tmp_path, """\
        from mmengine.registry import TRANSFORMS, build_from_cfg
        from pkg.data import Det
        from pkg.registry import PIPELINES
        Det(pipeline=[TRANSFORMS.build(dict(type="Expand")),
                      build_from_cfg(dict(type="Normalize"), PIPELINES),
                      build_from_cfg(dict(type="Expand"), PIPELINES)])
    """)
    assert bound_chains(model, "pkg.data.Det", "pipeline") == [
        ("pkg.transforms.Expand", "pkg.transforms.Normalize")]


def test_a_name_registered_to_two_classes_is_not_resolved(tmp_path):
    model = model_of(tmp_path, """\
        from mmengine.registry import TRANSFORMS
        from pkg.data import Det
        @TRANSFORMS.register_module(name="Expand", force=True)
        class MyExpand:
            def __call__(self, results):
                return results
        Det(pipeline=[dict(type="Expand")])
    """)
    assert len(model.registered("Expand")) == 2
    assert bound_chains(model, "pkg.data.Det", "pipeline") == []
