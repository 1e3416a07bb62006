"""Near-miss of CPS201: the server's own state_dict is averaged in place by
`step_towards(sd, k, v, sd)`, which changes `target` and reads `reference` by its entries
only, and it is loaded back into the module it came from: handing the dict to a helper that
reads its entries is no use expecting the old values."""
# near-miss: CPS201
import torch


def step_towards(target, k, source, reference):
    target[k] += (source - reference[k]) / 2


def main():
    torch.manual_seed(0)
    server = torch.nn.Linear(3, 2)
    clients = [torch.nn.Linear(3, 2) for _ in range(2)]
    sd = server.state_dict()
    for c in clients:
        for k, v in c.state_dict().items():
            step_towards(sd, k, v, sd)
    server.load_state_dict(sd)
    return server
