"""CVMI-Lab/PAConv@b392e45 obj_cls/eval_voting.py:87-90 and part_seg/eval_voting.py:113.
Not reported (a miss; outside the Dataset rules: the batch is changed in place in the
evaluation loop).

obj_cls: `new_data = data` binds the same tensor, and `new_data.data = pointscale(new_data.data)`
calls a helper that scales `pc[i, :, 0:3]` in place and returns it: every vote scales the
batch the previous vote already scaled, so vote k sees the cloud scaled by the product of k
random factors instead of one (RS-CNN's voting code, which this follows, scales a fresh
`gather_operation` result each vote).
part_seg: `new_points.data = pointscale(points.data)` scales `points` (the xyz input meant to
stay unscaled: "xyz,x: only scale feature input") in place and makes `new_points` an alias of it.
"""
import numpy as np
import torch


class PointcloudScale(object):  # the repository's helper, without `.cuda()`
    def __init__(self, scale_low=2. / 3., scale_high=3. / 2.):
        self.scale_low, self.scale_high = scale_low, scale_high

    def __call__(self, pc):
        for i in range(pc.size()[0]):
            xyz = np.random.uniform(low=self.scale_low, high=self.scale_high, size=[3])
            pc[i, :, 0:3] = torch.mul(pc[i, :, 0:3], torch.from_numpy(xyz).float())
        return pc


np.random.seed(0)
torch.manual_seed(0)
pointscale = PointcloudScale(scale_low=0.8, scale_high=1.18)
data = torch.rand(4, 1024, 3) - 0.5
original = data.clone()
factors = []
for v in range(10):  # NUM_VOTE
    new_data = data
    if v > 0:
        new_data.data = pointscale(new_data.data)
    # the per-axis factor this vote's input carries relative to the loaded batch
    factors.append((new_data / original)[:, 0, :].clone())
factors = torch.stack(factors)  # vote, item, axis
outside = ((factors < 0.8 - 1e-6) | (factors > 1.18 + 1e-6)).float().mean().item()
print("per-axis scale of item 0 seen by each vote:",
      [[round(f, 2) for f in row] for row in factors[:, 0].tolist()])
print(f"share of (vote, item, axis) scales outside the intended range [0.8, 1.18]: {outside:.0%}")
assert not torch.equal(data, original)  # the loaded batch itself was scaled
assert outside > 0.2  # one draw per vote could never leave the range

points = torch.rand(4, 1024, 3) - 0.5  # part_seg: xyz meant to stay unscaled
xyz_before = points.clone()
new_points = torch.zeros_like(points)
new_points.data = pointscale(points.data)
assert not torch.equal(points, xyz_before) and new_points.data_ptr() == points.data_ptr()
print("part_seg: the xyz input was scaled too, and new_points is the same tensor as points")
print("CONFIRMED: votes compound the scaling; the unscaled input is changed in place")
