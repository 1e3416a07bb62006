"""cure-lab/LTSF-Linear@0c11366 Pyraformer/data_loader.py (Dataset_Custom2): the series index is
written into a view of the stored covariates (`seq_x_mark[:, -1] = seq_idx`).
2-D covariates (findings on lines 318/320): all series share the rows, so two items of one
batch with the same window overwrite each other's returned view before collation.
3-D covariates (lines 323/325, the only shape `preprocess_flow` returns): each series owns its
column, the write is the same value every time, so only the first read changes the stored
data."""
import torch
from torch.utils.data import DataLoader, Dataset


class Custom2(Dataset):
    def __init__(self, covariates):
        self.covariates = covariates
        self.seq_num, self.window_per_seq, self.seq_len = 3, 1, 4

    def __len__(self):
        return self.seq_num * self.window_per_seq

    def __getitem__(self, index):  # the repository's indexing, one window per series
        seq_idx = index // self.window_per_seq
        s_begin, s_end = 0, self.seq_len
        if len(self.covariates.size()) == 2:
            seq_x_mark = self.covariates[s_begin:s_end]
            seq_x_mark[:, -1] = int(seq_idx)
        else:
            seq_x_mark = self.covariates[s_begin:s_end, seq_idx]
            seq_x_mark[:, -1] = int(seq_idx)
        return seq_x_mark


two_d = Custom2(torch.zeros(8, 3))
batch = next(iter(DataLoader(two_d, batch_size=3, shuffle=False)))
print("2-D: series index column per item:", batch[:, 0, -1].tolist(), "(expected [0, 1, 2])")
assert batch[:, 0, -1].tolist() != [0.0, 1.0, 2.0]

stored = torch.full((8, 3, 3), 7.0)
three_d = Custom2(stored.clone())
first = next(iter(DataLoader(three_d, batch_size=3)))
again = next(iter(DataLoader(three_d, batch_size=3)))
print("3-D: stored covariates changed:", not torch.equal(three_d.covariates, stored),
      "| batches equal across reads:", torch.equal(first, again),
      "| index column:", first[:, 0, -1].tolist())
assert not torch.equal(three_d.covariates, stored) and torch.equal(first, again)
print("CONFIRMED: 2-D branch returns wrong series indices within a batch; 3-D branch changes "
      "the stored data once, idempotently")
