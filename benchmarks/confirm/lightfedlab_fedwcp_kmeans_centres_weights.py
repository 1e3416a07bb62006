"""SHVleV9CYWkK/LightFedLab@3a353fb clients/fl_method_clients/fedwcp_client.py:21 and :118
(CPS202, reviewed TRUE) and the CPS201 miss at :29-34 / utils/kmeans.py:17.

Shape: `FedWCPClient` keeps `self.preclustered_model_state_dict = self.model.state_dict()` (live)
and then calls `_cluster_and_prune_model_weights`, which loops over
`self.model.state_dict().items()`, takes `flattened_weights = weight.detach().view(-1, 1)` (a view
of the Parameter) and calls `TorchKMeans.fit(flattened_weights)`, whose first line is
`X -= X.mean(axis=0)`: the clustering centres the module's own weights in place. The "pre-
clustered" snapshot therefore holds the centred weights, not the weights before clustering, and
`train` computes its reference momentum `preclustered - global` from them (nonzero in the first
round, where the local model is a fresh copy of the global one and the difference should be 0).
"""
import copy

import torch
from torch import nn


class TorchKMeans:
    """utils/kmeans.py, reduced to the lines that matter here."""

    def __init__(self, n_clusters=4):
        self.n_clusters = n_clusters

    def fit(self, X):
        X -= X.mean(axis=0)                      # as written: in place on the caller's tensor
        centroids = X[torch.randperm(X.size(0))[:self.n_clusters]].clone()
        for _ in range(10):
            labels = torch.cdist(X, centroids).argmin(1)
            for c in range(self.n_clusters):
                if (labels == c).any():
                    centroids[c] = X[labels == c].mean(0)
        self.centroids, self.labels_ = centroids, torch.cdist(X, centroids).argmin(1)
        return self


class Client:
    def __init__(self, global_model):
        self.global_model = copy.deepcopy(global_model)

    def init_client(self):
        self.model = copy.deepcopy(self.global_model)
        self.preclustered_model_state_dict = self.model.state_dict()      # live, as written
        self.clustered = self._cluster()

    def _cluster(self):
        out = {}
        for key, weight in self.model.state_dict().items():
            if key.endswith("weight"):
                km = TorchKMeans().fit(weight.detach().view(-1, 1))
                out[key] = km.centroids[km.labels_].view(weight.shape)
            else:
                out[key] = weight
        return out

    def reference_momentum(self):
        g = self.global_model.state_dict()
        return {k: self.preclustered_model_state_dict[k] - g[k] for k in g}


torch.manual_seed(0)
global_model = nn.Linear(64, 32)
with torch.no_grad():
    global_model.weight.add_(0.05)              # any layer whose weights do not average to 0
client = Client(global_model)
client.init_client()
diff = client.reference_momentum()["weight"]
print("first-round reference momentum (should be 0):", float(diff.abs().max()))
print("local weights equal the global ones after init_client:",
      torch.equal(client.model.weight, global_model.weight))
assert diff.abs().max() > 1e-3
print("CONFIRMED: kmeans.fit's `X -= X.mean(0)` centres the model's weights through "
      "`weight.detach().view(-1, 1)`, and the live `preclustered_model_state_dict` sees it")
