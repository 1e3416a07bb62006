"""Near-miss of CPS201/CPS202: FedAvg (as in MOON and NIID-Bench) takes the global model's
state_dict, lets the clients train (their optimizers are built on their own parameters; the
global model is only their proximal anchor), then binds every key to a new tensor for the
first client (`avg[k] = w[k] * p`), so the `+=` of later clients never touches the global
model's tensors; the average is loaded into the global model."""
# near-miss: CPS201, CPS202
import torch
import torch.nn.functional as F


def train_clients(nets, global_model, x, y, mu=0.1):
    for net in nets:
        opt = torch.optim.SGD(net.parameters(), lr=0.1)
        for _ in range(2):
            opt.zero_grad()
            prox = sum(((w - g.detach()) ** 2).sum()
                       for w, g in zip(net.parameters(), global_model.parameters()))
            (F.mse_loss(net(x), y) + mu * prox).backward()
            opt.step()


def main():
    torch.manual_seed(0)
    global_model = torch.nn.Linear(3, 2)
    nets = [torch.nn.Linear(3, 2) for _ in range(3)]
    x, y = torch.randn(8, 3), torch.randn(8, 2)
    probs = [0.5, 0.3, 0.2]
    for _ in range(2):
        avg = global_model.state_dict()
        for net in nets:
            net.load_state_dict(avg)
        train_clients(nets, global_model, x, y)
        for i, net in enumerate(nets):
            w = net.state_dict()
            if i == 0:
                for k in w:
                    avg[k] = w[k] * probs[i]
            else:
                for k in w:
                    avg[k] += w[k] * probs[i]
        global_model.load_state_dict(avg)
    return global_model, nets
