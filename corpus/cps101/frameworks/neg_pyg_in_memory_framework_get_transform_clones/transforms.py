"""A masking transform that first gives the graph its own copy of the edge features, then
writes the mask vector over the copy."""
import torch


class MaskEdge:
    def __init__(self, mask_rate):
        self.mask_rate = mask_rate

    def __call__(self, data):
        data.mask_edge_label = data.edge_attr[0].view(1, -1).clone()
        data.edge_attr = data.edge_attr.clone()
        for idx in (0, 1):
            data.edge_attr[idx] = torch.eye(9)[8]
        return data
