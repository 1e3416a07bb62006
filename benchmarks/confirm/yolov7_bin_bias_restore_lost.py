"""WongKinYiu/yolov7@a207844 models/yolo.py:669 (not reported; a TRUE miss).

Shape: `Model._initialize_biases_bin` shifts a bias through views (`b[:, :obj_idx].data += c`,
which reaches the Parameter), then tries to restore four columns it did not mean to shift:
`old = b[:, (0, 1, 2, bc + 3)].data` ... `b[:, (0, 1, 2, bc + 3)].data = old`. Indexing with a
tuple is advanced indexing: the subscript is a new tensor, and assigning its `.data` rebinds
that temporary only. The restore is lost; the columns keep the shift. (The same holds for
`.data = ...` on a basic-slice view: it swaps the view's tensor, never the base's storage.)
"""
import math

import torch
from torch import nn

na, bc, nc = 3, 21, 1
conv = nn.Conv2d(8, na * (2 * bc + 5 + nc), 1)
with torch.no_grad():
    conv.bias.zero_()
b = conv.bias.view(na, -1)
old = b[:, (0, 1, 2, bc + 3)].data          # a copy of the columns (all 0 here)
obj_idx = 2 * bc + 4
b[:, :obj_idx].data += math.log(0.6 / (bc + 1 - 0.99))   # a view: reaches conv.bias
b[:, obj_idx].data += math.log(8 / (640 / 8) ** 2)
b[:, (obj_idx + 1):].data += math.log(0.6 / (nc - 0.99))
b[:, (0, 1, 2, bc + 3)].data = old          # the restore: a temporary, lost
restored = b[:, (0, 1, 2, bc + 3)]
print("columns 0,1,2,bc+3 after the restore:", restored[0].tolist(),
      "(intended", old[0].tolist(), ")")
print("restore reached the Parameter:", torch.equal(restored, old))
view = b[:, 0:1]
view.data = torch.full_like(view, 7.0)      # `.data =` on a basic view: also lost
print(".data = on a basic-slice view reached the base:", bool((b[:, 0] == 7.0).all()))
assert not torch.equal(restored, old)
b.data[:, (0, 1, 2, bc + 3)] = old          # the working spelling: index the base's .data
print("b.data[:, idx] = old restores:",
      torch.equal(conv.bias.view(na, -1)[:, (0, 1, 2, bc + 3)], old))
