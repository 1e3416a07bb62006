"""CPS202: a federated client process trains several clients in turn on one module. `train`
returns `self.model.cpu().state_dict()` (`cpu()` returns the module itself: the dict is
live), `run` keeps each result in a list, and the next client's `load_state_dict` copies the
global weights into the same tensors: every kept result but the last is overwritten."""
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
            client_results.append({"weights": weights, "n": len(loader)})  # expect: CPS202
        return client_results

    def train(self, loader):
        self.model.train()
        for x, y in loader:
            self.optimizer.zero_grad()
            ((self.model(x) - y) ** 2).mean().backward()
            self.optimizer.step()
        weights = self.model.cpu().state_dict()
        return weights


def main():
    model = torch.nn.Linear(2, 1)
    batches = [[(torch.ones(4, 2), torch.full((4, 1), float(i)))] for i in range(3)]
    client = Client(model, batches)
    global_weights = {k: v.clone() for k, v in model.state_dict().items()}
    return client.run(global_weights)
