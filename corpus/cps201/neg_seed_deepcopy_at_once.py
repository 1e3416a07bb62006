"""Near-miss of CPS201: the state-dict document's example, deep-copied when it is taken.

`copy.deepcopy(m.state_dict())` right away: `a` is a true snapshot, halving it leaves `m`
alone, and the module's own updates leave `a` alone.
"""
# near-miss: CPS201, CPS202
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
    a = copy.deepcopy(m.state_dict())

    for v in m.parameters():
        v.data -= 0.5 * v.data

    for k in a:
        a[k].data -= 0.5 * a[k].data

    for param in m.parameters():
        param.data -= 0.5 * param.data
    return m, a
