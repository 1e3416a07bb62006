"""Near-miss of CPS202: the only change of the module is in a branch that returns.

On the path that reaches the last `load_state_dict`, `new`'s entries are rebound to the old
checkpoint's tensors first, and the module has not changed since `new` was taken.
"""
# near-miss: CPS202
import torch


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = torch.nn.Linear(2, 2)
        self.head = torch.nn.Linear(2, 1)

    def load_old_state_dict(self, old):
        new = self.state_dict()
        if all(k in new for k in old):
            self.load_state_dict(old)
            return
        for k in new:
            if k in old:
                new[k] = old[k]
        self.load_state_dict(new)


def main():
    old = {k: v for k, v in torch.nn.Linear(2, 2).state_dict().items()}
    partial = {"fc." + k: v.clone() for k, v in old.items()}
    partial["legacy.weight"] = torch.ones(1)  # a key the new module no longer has
    net = Net()
    net.load_old_state_dict(partial)
    full = {k: torch.zeros_like(v) for k, v in net.state_dict().items()}
    other = Net()
    other.load_old_state_dict(full)
    return net, other
