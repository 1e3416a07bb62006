"""A masking transform: writes the mask token over the first atom of the graph it is given."""
import torch


class MaskAtom:
    def __init__(self, num_atom_type):
        self.num_atom_type = num_atom_type

    def __call__(self, data):
        data.mask_label = data.x[0].clone()
        data.x[0] = torch.tensor([self.num_atom_type, 0])  # expect: CPS101
        return data
