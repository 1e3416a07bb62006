"""Near-miss of CPS101: indexing with an integer array made by a call is advanced indexing,
which copies exactly as a boolean mask does; writing into the result leaves the stored data
alone (a held-out real point-cloud dataset samples its points this way)."""
# near-miss: CPS101
import numpy as np
import torch
from torch.utils.data import Dataset


class Points(Dataset):
    def __init__(self):
        self.points = np.ones((4, 16, 3), dtype=np.float32)
        self.feats = torch.ones(4, 16, 3)

    def __len__(self):
        return 4

    def __getitem__(self, index):
        cloud = self.points[index]
        feats = self.feats[index]
        a = cloud[np.random.choice(16, 8, replace=False)]
        a *= 2
        b = cloud[np.random.choice(16, size=4)]
        b += 1
        c = cloud[np.random.permutation(16)[:8]]
        c -= 1
        keep = np.where(cloud[:, 0] > 0)[0]
        d = cloud[keep]
        d[:] = 0
        e = cloud[np.nonzero(cloud[:, 1])]
        e += 3
        f = cloud[np.flatnonzero(cloud[:, 2])]
        f += 3
        g = cloud[np.argsort(cloud[:, 0])]
        g *= 4
        h = cloud[np.arange(8)]
        h += 5
        k = cloud[np.argwhere(cloud[:, 0] > 0)[:, 0]]
        k += 1
        m = cloud[np.unique(np.concatenate((keep[:2], keep[2:4])))]
        m += 1
        z = cloud[np.concatenate((keep[:2], keep[2:4]))]
        z += 1
        n = cloud[np.random.randint(0, 16, size=5)]
        n += 1
        o = cloud[np.where(cloud[:, 0] > 0)]
        o += 1
        p = cloud[cloud[:, 0].argsort()]
        p += 1
        q = cloud[cloud[:, 0].nonzero()]
        q += 1
        r = cloud[np.argwhere(cloud[:, 0] > 0).flatten()]
        r += 1
        s = feats[torch.randperm(16)[:4]]
        s.add_(1)
        t = feats[torch.arange(4)]
        t.mul_(2)
        u = feats[torch.nonzero(feats[:, 0] > 0)[:, 0]]
        u.sub_(1)
        v = feats[torch.argsort(feats[:, 0])]
        v.add_(1)
        w = feats[torch.where(feats[:, 0] > 0)]
        w.add_(1)
        x = feats[feats[:, 0].argwhere()[:, 0]]
        x.add_(1)
        return z, a, b, c, d, e, f, g, h, k, m, n, o, p, q, r, s, t, u, v, w, x
