"""Near-miss of CPS201: the server averages client updates into its own state_dict in place
(`sd[k] += delta`) and loads it back into the module it came from, with no read of the module
between: the write-through already is what the load makes."""
# near-miss: CPS201
import torch


def main():
    torch.manual_seed(0)
    server = torch.nn.Linear(3, 2)
    clients = [torch.nn.Linear(3, 2) for _ in range(2)]
    sd = server.state_dict()
    for c in clients:
        for k, v in c.state_dict().items():
            sd[k] += (v - sd[k]) / len(clients)
    server.load_state_dict(sd)
    return server
