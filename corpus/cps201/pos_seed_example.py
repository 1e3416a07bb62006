"""CPS201: the state-dict document's example with `a = copy.deepcopy(a)` commented out.

`a` holds the module's live tensors: halving `a[k].data` halves the module's parameters too,
so the module ends at 1/8 of its start instead of 1/4 (CPS201). And `a`, taken before the
parameters were first halved, is no snapshot of them either (CPS202).
"""
import copy  # noqa: F401 - used by the commented-out line, as in the document

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
    # a = copy.deepcopy(a)

    for k in a:
        a[k].data -= 0.5 * a[k].data  # expect: CPS201

    for param in m.parameters():
        param.data -= 0.5 * param.data
    return m, a
