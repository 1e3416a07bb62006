"""CPS202: the state-dict document's example *with* its fix `a = copy.deepcopy(a)`.

The document presents the deep copy as the fix, and it does stop CPS201 (halving `a` no longer
halves `m`). But the copy is made after the parameters were already halved, so `a` holds the
halved weights, not the ones at `m.state_dict()` time: the snapshot was live until copied.
"""
import copy

import torch


class LogisticRegression(torch.nn.Module):
    def __init__(self, in_channels, class_num):
        super(LogisticRegression, self).__init__()
        self.fc = torch.nn.Linear(in_channels, class_num)

    def forward(self, x):
        return self.fc(x)


def main():
    m = LogisticRegression(2, 2)
    a = m.state_dict()  # expect: CPS202

    for v in m.parameters():
        v.data -= 0.5 * v.data

    # whether to comment this line matters!!!!!!
    a = copy.deepcopy(a)

    for k in a:
        a[k].data -= 0.5 * a[k].data

    for param in m.parameters():
        param.data -= 0.5 * param.data
    return m, a
