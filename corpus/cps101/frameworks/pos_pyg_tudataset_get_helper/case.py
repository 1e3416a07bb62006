"""CPS101: a `TUDataset` subclass whose `get` (the hook PyG's `__getitem__` calls) builds
the item as a new instance of the stored record's class (`self.data.__class__()`), fills it
with views of the collated fields (basic slices), and masks node features through a helper:
the stored graphs' features are overwritten on every read (Shen-Lab/GraphCL's
semisupervised_TU `TUDatasetExt` with `mask_nodes`)."""
from itertools import repeat

from torch_geometric.datasets import TUDataset


def mask_nodes(data, ratio):
    node_num = data.x.size(0)
    token = data.x.mean(dim=0)
    data.x[:max(1, int(node_num * ratio))] = token
    return data


class TUDatasetExt(TUDataset):
    def __init__(self, root, name, aug="maskN", aug_ratio=0.5):
        super().__init__(root, name)
        self.aug, self.aug_ratio = aug, aug_ratio

    def get(self, idx):
        data = self.data.__class__()
        for key in self.data.keys():
            item, slices = self.data[key], self.slices[key]
            s = list(repeat(slice(None), item.dim()))
            s[0] = slice(slices[idx], slices[idx + 1])
            data[key] = item[tuple(s)]
        if self.aug == "maskN":
            data = mask_nodes(data, self.aug_ratio)  # expect: CPS101
        return data


def datasets():
    return [TUDatasetExt("tu", "PROTEINS")]
