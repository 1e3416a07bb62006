"""Framework knowledge, kept as data: dataset frameworks (one entry per base class), and the
module, optimizer and callback classes that show what a `state_dict()` receiver is.

Indexing a dataset (`ds[i]`) enters `__getitem__`; in frameworks that method lives in the
base class and calls a hook the subclass overrides (PyG's `get`, mmengine's
`prepare_data`), and the framework applies a transform kept on an attribute. Each entry
says, for one base class (every import spelling of it, qualified as imported):

- `entry`: the methods indexing reaches, in order (the framework's `__getitem__` and the
  hooks it calls on the subclass). A subclass is analysed from the first of them that the
  project defines; the framework's own code is never read (it is not the project's);
- `transforms`: the attributes that hold transforms: the framework's `__init__` keeps the
  constructor argument of the same name there (`transform=...`), and a list given there is
  composed (MONAI's and mmengine's `Compose(transform)`);
- `transformed_after`: the hook whose result the framework's own code passes through the
  transforms (PyG's `__getitem__`: `data = self.get(i); data = self.transform(data)`;
  mmengine's `prepare_data`: `self.pipeline(self.get_data_info(i))`); None where the
  transforms run inside the hook the subclass may override (MONAI's `_transform`) or in the
  subclass's own `__getitem__` (torchvision);
- `builds_configs`: the framework's composer builds the config dicts of the list it is given
  through its transform registry (mmengine's `Compose`: `TRANSFORMS.build(transform)`), so
  `pipeline=[dict(type="Expand")]` runs the class registered as `Expand`;
- `fills`: attributes the framework's own code sets to what a hook of the subclass returns
  (mmengine's `full_init`: `self.data_list = self.load_data_list()`), so their kind is that
  of the hook's return values;
- `collated`: attributes where the framework keeps every stored graph collated into one
  record (PyG's `InMemoryDataset`: `self.data, self.slices = torch.load(path)`, the `Data`
  made by `collate`, each field one tensor of all graphs' rows), so each field read from them
  is a stored tensor (`self.data.x`, `self.data[key]`);
- `shares_collated`: the hook whose framework implementation hands out a new record each
  field of which is a view of the collated store's field (PyG's `InMemoryDataset.get`: 1.x
  `data[key] = item[s]` with `s` a list of `slice` objects, 2.x `separate(...)`, which
  narrows each collated tensor and caches only a shallow copy of the record), so a subclass
  that keeps the framework's own one hands its transforms stored tensors;
- `copies`: the hooks whose framework implementation hands out a copy of the stored item, so
  a subclass that keeps the framework's own one changes nothing stored (mmengine's
  `get_data_info`: `copy.deepcopy(self.data_list[idx])`). MONAI's `Dataset._transform`
  copies nothing (`data_i = self.data[index]`), CacheDataset's only a cached item, and only
  before its random transforms (`copy_cache`).

A new framework is one more entry. `COMPOSERS` lists the framework classes that call each
transform of the list they are given, in order (`Compose([...])`). Sources: torch
`torch/utils/data/dataset.py`, torchvision `torchvision/datasets/vision.py` and
`transforms/transforms.py`, PyG `torch_geometric/data/dataset.py` and
`in_memory_dataset.py`, MONAI `monai/data/dataset.py` (1.6.1: `Dataset._transform`
lines 90-95, `CacheDataset._transform` line 956) and `monai/transforms/compose.py`, mmengine
`mmengine/dataset/base_dataset.py` (0.10.7: `Compose.__init__` line 38, `get_data_info`
line 267, `full_init` line 298, `prepare_data` lines 792-793), mmcv
`mmcv/transforms/base.py` and `wrappers.py`.
"""

from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, Optional, Tuple


@dataclass(frozen=True)
class DatasetFramework:
    """One framework base class: what indexing it reaches and where its transforms live."""

    key: str  # the qualified base, as imported
    entry: Tuple[str, ...] = ("__getitem__",)
    transforms: Tuple[str, ...] = ()
    transformed_after: Optional[str] = None
    builds_configs: bool = False
    fills: Tuple[Tuple[str, str], ...] = ()  # (attribute, hook)
    collated: Tuple[str, ...] = ()
    shares_collated: Optional[str] = None
    copies: Tuple[str, ...] = ()


def _bases(*entries: DatasetFramework) -> Dict[str, DatasetFramework]:
    return {e.key: e for e in entries}


# PyG's `InMemoryDataset` and the library's datasets deriving from it (each keeps the
# collated store and `get` of its base; `torch_geometric/datasets/tu_dataset.py`,
# `planetoid.py`, `molecule_net.py`, `qm9.py`, `zinc.py`, `ppi.py`).
PYG_IN_MEMORY: Tuple[str, ...] = (
    "torch_geometric.data.InMemoryDataset",
    "torch_geometric.data.in_memory_dataset.InMemoryDataset",
    "torch_geometric.datasets.TUDataset", "torch_geometric.datasets.Planetoid",
    "torch_geometric.datasets.MoleculeNet", "torch_geometric.datasets.QM9",
    "torch_geometric.datasets.ZINC", "torch_geometric.datasets.PPI",
)

DATASET_FRAMEWORKS: Dict[str, DatasetFramework] = _bases(
    DatasetFramework("torch.utils.data.Dataset"),
    DatasetFramework("torch.utils.data.dataset.Dataset"),
    DatasetFramework("torch.utils.data.TensorDataset"),
    # An iterable-style dataset hands its items out from `__iter__` (a generator).
    DatasetFramework("torch.utils.data.IterableDataset", entry=("__iter__",)),
    DatasetFramework("torch.utils.data.dataset.IterableDataset", entry=("__iter__",)),
    DatasetFramework("torch.utils.data.dataset.TensorDataset"),
    DatasetFramework("torchvision.datasets.VisionDataset",
                     transforms=("transforms", "transform", "target_transform")),
    DatasetFramework("torchvision.datasets.vision.VisionDataset",
                     transforms=("transforms", "transform", "target_transform")),
    DatasetFramework("torch_geometric.data.Dataset", entry=("__getitem__", "get"),
                     transforms=("transform",), transformed_after="get"),
    *(DatasetFramework(key, entry=("__getitem__", "get"), transforms=("transform",),
                       transformed_after="get", collated=("data", "_data"),
                       shares_collated="get")
      for key in PYG_IN_MEMORY),
    DatasetFramework("monai.data.Dataset", entry=("__getitem__", "_transform"),
                     transforms=("transform",)),
    DatasetFramework("monai.data.CacheDataset", entry=("__getitem__", "_transform"),
                     transforms=("transform",)),
    DatasetFramework("mmengine.dataset.BaseDataset",
                     entry=("__getitem__", "prepare_data", "get_data_info"),
                     transforms=("pipeline",), transformed_after="get_data_info",
                     builds_configs=True, fills=(("data_list", "load_data_list"),),
                     copies=("get_data_info",)),
    DatasetFramework("mmengine.dataset.base_dataset.BaseDataset",
                     entry=("__getitem__", "prepare_data", "get_data_info"),
                     transforms=("pipeline",), transformed_after="get_data_info",
                     builds_configs=True, fills=(("data_list", "load_data_list"),),
                     copies=("get_data_info",)),
)

# Framework classes that call each transform of the list given as their first argument, in
# order, on the value they are called with.
COMPOSERS: FrozenSet[str] = frozenset({
    "torchvision.transforms.Compose", "torchvision.transforms.transforms.Compose",
    "torchvision.transforms.v2.Compose", "monai.transforms.Compose",
    "mmengine.dataset.Compose", "torch_geometric.transforms.Compose",
    "mmengine.dataset.base_dataset.Compose", "mmcv.transforms.Compose",
    "mmcv.transforms.wrappers.Compose",
})
# Composers that build each config dict of their list through the transform registry
# (`TRANSFORMS.build(dict(type="Expand", ratio=2))`): mmengine `base_dataset.py` line 38,
# mmcv `transforms/wrappers.py` (`Compose.__init__`).
CONFIG_COMPOSERS: FrozenSet[str] = frozenset({
    "mmengine.dataset.Compose", "mmengine.dataset.base_dataset.Compose",
    "mmcv.transforms.Compose", "mmcv.transforms.wrappers.Compose",
})

# Transform base classes whose `__call__` runs another method the subclass overrides: the
# method a registered transform is run by (mmcv `transforms/base.py`:
# `def __call__(self, results): return self.transform(results)`).
TRANSFORM_BASES: Dict[str, str] = {
    "mmcv.transforms.BaseTransform": "transform",
    "mmcv.transforms.base.BaseTransform": "transform",
}


# Datasets that hand out another dataset's items as they are (argument index of the wrapped
# dataset): `Subset(dataset, indices)[i]` is `dataset[indices[i]]`.
ITEM_SHARING_WRAPPERS: Dict[str, int] = {
    "torch.utils.data.Subset": 0, "torch.utils.data.dataset.Subset": 0,
}


# Record classes of frameworks: the constructor keeps each keyword argument, as it is, as a
# field of that name (`Data(x=t).x is t`); positional arguments fill the fields listed, in
# order. Source: PyG `torch_geometric/data/data.py` (`Data.__init__` sets each argument
# through `__setattr__` into its store, and attribute reads return the stored object).
RECORD_CLASSES: Dict[str, Tuple[str, ...]] = {
    "torch_geometric.data.Data": ("x", "edge_index", "edge_attr", "y", "pos"),
    "torch_geometric.data.data.Data": ("x", "edge_index", "edge_attr", "y", "pos"),
}

# Members of the framework records that are not fields (PyG `torch_geometric/data/data.py`,
# `Data` and its `BaseData`): reading one gives no field's tensor. `record[key]` with a
# string key reads the field `key` (`Data.__getitem__`: `self._store[key]`), and
# `record[key] = value` sets it (`Data.__setitem__`), keeping the very object given.
RECORD_MEMBERS: FrozenSet[str] = frozenset({
    "keys", "values", "items", "num_nodes", "num_edges", "num_node_features",
    "num_edge_features", "num_features", "cat_dim", "to", "cpu", "cuda", "clone",
    "contiguous", "apply", "apply_", "stores", "node_stores", "edge_stores", "is_cuda",
    "size", "to_dict", "to_namedtuple", "update", "validate", "debug", "subgraph",
    "edge_subgraph", "coalesce", "is_coalesced", "has_isolated_nodes", "has_self_loops",
    "is_directed", "is_undirected", "pin_memory", "share_memory_", "detach", "detach_",
    "requires_grad_", "record_stream", "concat", "get", "put", "stores_as",
})
# The record class a framework's collated store is (`collated` above).
COLLATED_RECORD = "torch_geometric.data.Data"

# Data loaders that call a `collate_fn` on the items a dataset hands out, in the same process
# when `num_workers` is 0 (the default): with a batch size (default 1) it is given a new list
# of the items, with `batch_size=None` each item itself (torch/utils/data/dataloader.py,
# `_MapDatasetFetcher.fetch`: `self.collate_fn([self.dataset[idx] for idx in ...])`).
DATA_LOADERS: FrozenSet[str] = frozenset({
    "torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader",
})


def dataset_bases() -> FrozenSet[str]:
    """Every framework base class that makes a subclass a map-style dataset."""
    return frozenset(DATASET_FRAMEWORKS)


def framework_of(bases: Iterable[Optional[str]]) -> Optional[DatasetFramework]:
    """The entry of the first of `bases` (qualified names, as imported) in the table."""
    return next((DATASET_FRAMEWORKS[b] for b in bases if b in DATASET_FRAMEWORKS), None)


# The hooks a framework's `__getitem__` calls on the subclass, and the packages that hold
# such frameworks: a file defining a hook (`def get(`) is worth a look only when it names
# one of these packages (the text gate).
# `__iter__` is an iterable dataset's entry, not a hook (its gate is `gate.iterable_dataset`).
HOOK_METHODS: FrozenSet[str] = frozenset(
    m for e in DATASET_FRAMEWORKS.values() for m in e.entry
    if m not in ("__getitem__", "__iter__"))
HOOK_PACKAGES: FrozenSet[str] = frozenset(
    e.key.partition(".")[0] for e in DATASET_FRAMEWORKS.values() if len(e.entry) > 1)


# Modules, optimizers and their callbacks (CPS2xx): what shows that the receiver of
# `state_dict()` is a torch module or optimizer (other objects' `state_dict()` — loops,
# trackers, schedulers — build new plain dicts each call).
# Classes deriving from these (in any module of the project) are modules.
MODULE_BASES: FrozenSet[str] = frozenset({
    "torch.nn.Module", "torch.nn.modules.module.Module", "pytorch_lightning.LightningModule",
    "lightning.pytorch.LightningModule", "lightning.LightningModule",
})
OPTIMIZER_BASES: FrozenSet[str] = frozenset({"torch.optim.Optimizer",
                                             "torch.optim.optimizer.Optimizer"})
# What `Optimizer.__init__` assigns (torch `torch/optim/optimizer.py`: `self.defaults =
# defaults`, `self.state = defaultdict(dict)`, `self.param_groups = []`): in a subclass, a
# value bound to one of these before the base's `__init__` runs is replaced by it.
OPTIMIZER_INIT_ATTRIBUTES: FrozenSet[str] = frozenset({"defaults", "state", "param_groups"})
# Constructors by qualified prefix: `torch.nn.Linear(...)`, `torchvision.models.resnet18()`.
MODULE_FACTORY_PREFIXES: Tuple[str, ...] = ("torch.nn.", "torchvision.models.")
NOT_MODULE_FACTORIES: Tuple[str, ...] = ("torch.nn.functional.", "torch.nn.init.",
                                         "torch.nn.utils.", "torch.nn.Parameter")
# `torch.optim.Adam(...)`; schedulers live under these and are not optimizers.
OPTIMIZER_FACTORY_PREFIX = "torch.optim."
NOT_OPTIMIZER_FACTORIES: Tuple[str, ...] = ("torch.optim.lr_scheduler.", "torch.optim.swa_utils.")
MODULE_FACTORIES_OUTSIDE: FrozenSet[str] = frozenset({"torch.optim.swa_utils.AveragedModel"})
# Framework callbacks: their `on_*` hooks are called between training steps and are given
# the module under this parameter name (Lightning: `on_validation_end(trainer, pl_module)`;
# Hugging Face: `on_evaluate(args, state, control, model=None, ...)`).
CALLBACK_BASES: Dict[str, str] = {
    "pytorch_lightning.Callback": "pl_module",
    "pytorch_lightning.callbacks.Callback": "pl_module",
    "lightning.pytorch.Callback": "pl_module",
    "lightning.pytorch.callbacks.Callback": "pl_module",
    "lightning.Callback": "pl_module",
    "transformers.TrainerCallback": "model",
}
