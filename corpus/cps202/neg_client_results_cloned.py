"""Near-miss of CPS202: the federated client of the positive case, but `train` returns a
copy of each tensor (`v.detach().clone()`): the next client's `load_state_dict` writes into
the module's tensors, not into the kept results."""
# near-miss: CPS202
# runtime: unchanged
import torch


class Client:
    def __init__(self, model, loaders):
        self.model = model
        self.loaders = loaders
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=0.1)

    def load_client_state_dict(self, server_state_dict):
        self.model.load_state_dict(server_state_dict)

    def run(self, received_info):
        client_results = []
        for loader in self.loaders:
            self.load_client_state_dict(received_info)
            weights = self.train(loader)
            client_results.append({"weights": weights, "n": len(loader)})
        return client_results

    def train(self, loader):
        self.model.train()
        for x, y in loader:
            self.optimizer.zero_grad()
            ((self.model(x) - y) ** 2).mean().backward()
            self.optimizer.step()
        weights = {k: v.detach().clone()
                   for k, v in self.model.cpu().state_dict().items()}
        return weights


def main():
    model = torch.nn.Linear(2, 1)
    batches = [[(torch.ones(4, 2), torch.full((4, 1), float(i)))] for i in range(3)]
    client = Client(model, batches)
    global_weights = {k: v.clone() for k, v in model.state_dict().items()}
    return client.run(global_weights)
