"""CPS201: FedAvg accumulates into the first client's live state_dict (`avg = first.state_dict()`), so
client 0's model becomes the sum; its personalised model is returned as if untouched."""
import torch


def main():
    torch.manual_seed(0)
    global_model = torch.nn.Linear(3, 2)
    first = torch.nn.Linear(3, 2)
    clients = [first] + [torch.nn.Linear(3, 2) for _ in range(2)]
    avg = first.state_dict()
    for c in clients[1:]:
        for k, v in c.state_dict().items():
            avg[k] += v  # expect: CPS201
    for k in avg:
        avg[k] /= len(clients)  # expect: CPS201
    global_model.load_state_dict(avg)
    return global_model, clients
