"""Near-miss of CPS203: `parameters = list(self.net.parameters())` is kept to write the module
through its elements: the middle points of a curve of weights are set from the two end
points, `weights[j].data.copy_(alpha * weights[-1].data + (1 - alpha) * weights[0].data)`.
The list is the program's handle into the module, not a snapshot: the reads after the first
write want the live end points, which no write touches. At run time the module changes (that
is the initialisation); cloning the list would send the writes to the clones.
"""
# near-miss: CPS203
# runtime: mutated
import torch


class Curve(torch.nn.Module):
    def __init__(self, net, num_bends):
        super().__init__()
        self.net = net
        self.num_bends = num_bends

    def init_linear(self):
        parameters = list(self.net.parameters())
        for i in range(0, len(parameters), self.num_bends):
            weights = parameters[i:i + self.num_bends]
            for j in range(1, self.num_bends - 1):
                alpha = j * 1.0 / (self.num_bends - 1)
                weights[j].data.copy_(alpha * weights[-1].data + (1.0 - alpha) * weights[0].data)


def main():
    torch.manual_seed(0)
    bends = torch.nn.ModuleList([torch.nn.Linear(3, 3, bias=False) for _ in range(4)])
    curve = Curve(bends, num_bends=4)
    curve.init_linear()
    return curve
