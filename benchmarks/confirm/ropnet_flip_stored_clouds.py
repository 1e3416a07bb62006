"""zhulf0804/ROPNet@aa12c96 src/utils/process.py:226 (CPS101, through src/data/ModelNet40.py:99).

Shape: `ModelNet40.compose` takes `tgt_cloud = self.data[item, ...]` (basic indexing: a view
of the array `decode_h5` concatenated at construction) and, in the training split, hands it
to `flip_pc`, which negates the y column in place with probability 1/2 before any copy
(`copy.deepcopy` and the random selections come after). The stored cloud's y column flips at
every read that draws the flip: the stored data drifts between two states. Each read still
returns the original or the flipped cloud with probability 1/2 each (the flip is its own
inverse and fair), so the augmentation seen by training is unchanged: a real write into the
stored clouds whose effect is hidden today (verdict: debatable).
"""
import numpy as np


def flip_pc(pc, r=0.5):  # src/utils/process.py:224-227
    if np.random.random() > r:
        pc[:, 1] = -1 * pc[:, 1]
    return pc


class ModelNet40:  # the part of src/data/ModelNet40.py that reaches flip_pc
    def __init__(self, data):
        self.data = data  # decode_h5: np.concatenate(...).astype(np.float32)

    def compose(self, item):
        tgt_cloud = self.data[item, ...]
        tgt_cloud = flip_pc(tgt_cloud)
        return tgt_cloud.copy()


def main():
    np.random.seed(0)
    original = np.random.rand(4, 16, 6).astype(np.float32)
    ds = ModelNet40(original.copy())
    flips = 0
    returned_flipped = 0
    for _ in range(400):
        before = ds.data[0].copy()
        out = ds.compose(0)
        flips += not np.array_equal(ds.data[0], before)
        returned_flipped += np.allclose(out[:, 1], -original[0, :, 1])
    print(f"reads that changed the stored cloud: {flips} of 400")
    print(f"reads returning the flipped cloud: {returned_flipped} of 400")
    assert flips > 0, "expected the stored cloud to change"
    assert 120 < returned_flipped < 280, "the returned flip stays fair"
    print("CONFIRMED: flip_pc writes the stored cloud; the augmentation's distribution is unchanged")


if __name__ == "__main__":
    main()
