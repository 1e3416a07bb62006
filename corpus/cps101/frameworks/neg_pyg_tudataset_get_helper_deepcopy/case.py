"""Near-miss of CPS101: as `pos_pyg_tudataset_get_helper`, but the helper masks a deep
copy of the item (`mask_nodes(copy.deepcopy(data), ...)`, GraphCL's unsupervised_TU
`aug.py` fix): the views of the collated store are never written."""
# near-miss: CPS101
import copy
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
            data = mask_nodes(copy.deepcopy(data), self.aug_ratio)
        return data


def datasets():
    return [TUDatasetExt("tu", "PROTEINS")]
