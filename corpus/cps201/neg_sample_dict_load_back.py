"""Near-miss of CPS201: the server's own state_dict is put into a sample dict, its entries
are averaged in place through `sample["value"]`, and it is loaded back into the module it
came from: putting the dict into a container reads none of its values, and the load ends
where the write-through already is."""
# near-miss: CPS201
import torch


def main():
    torch.manual_seed(0)
    server = torch.nn.Linear(3, 2)
    clients = [torch.nn.Linear(3, 2) for _ in range(2)]
    sd = server.state_dict()
    for c in clients:
        for k, v in c.state_dict().items():
            sample = {"value": sd}
            sample["value"][k] += (v - sd[k]) / len(clients)
    server.load_state_dict(sd)
    return server
