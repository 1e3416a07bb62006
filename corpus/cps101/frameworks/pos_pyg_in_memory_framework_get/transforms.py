"""A masking transform: takes an edge's features as the label, then writes the mask vector
over them (both directions of the edge)."""
import torch


class MaskEdge:
    def __init__(self, mask_rate):
        self.mask_rate = mask_rate

    def __call__(self, data):
        data.mask_edge_label = data.edge_attr[0].view(1, -1).clone()
        for idx in (0, 1):
            data.edge_attr[idx] = torch.eye(9)[8]  # expect: CPS101
        return data
