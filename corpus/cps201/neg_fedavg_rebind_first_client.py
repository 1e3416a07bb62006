"""Near-miss of CPS201: FedAvg binds every key to a new tensor for the first client
(`avg[k] = w[k] * p`), so the `+=` of later clients never touches the global model's tensors;
the average is then loaded into the global model."""
# near-miss: CPS201
import torch


def main():
    torch.manual_seed(0)
    global_model = torch.nn.Linear(3, 2)
    clients = [torch.nn.Linear(3, 2) for _ in range(3)]
    weights = [c.state_dict() for c in clients]
    probs = [0.5, 0.3, 0.2]
    avg = global_model.state_dict()
    for i, w in enumerate(weights):
        for k in avg:
            if i == 0:
                avg[k] = w[k] * probs[i]
            else:
                avg[k] += w[k] * probs[i]
    global_model.load_state_dict(avg)
    return global_model, clients
