"""jeffkroon/Federated_unlearning_evaluation@483253f
fl-disagreement-resolution/fl_server/server.py:1588 (a miss, CPS202).

Shape: `_apply_unlearning_for_track` keeps `original_global_model_state =
self.global_model.state_dict()` (live), loads the round's aggregated global model into the same
module (`self.global_model.load_state_dict(global_model_state)`), runs the unlearning strategies,
then "restores" with `self.global_model.load_state_dict(original_global_model_state)`.
`load_state_dict` copies into the module's tensors in place, so the kept dict already holds the
loaded values: the restore restores nothing, and the caller's next `torch.save(
self.global_model.state_dict(), track_model_path)` / `save_model(training_model_dir)` writes the
aggregated model where the track's own model was meant.
"""
import copy

import torch
from torch import nn


class Server:
    def __init__(self):
        torch.manual_seed(0)
        self.global_model = nn.Linear(4, 2).to("cpu")   # create_model(...).to(self.device)

    def apply_unlearning_for_track(self, global_model_state, deep):
        snap = self.global_model.state_dict()
        original_global_model_state = copy.deepcopy(snap) if deep else snap
        self.global_model.load_state_dict(global_model_state)
        # ... strategies run on copies of self.global_model ...
        self.global_model.load_state_dict(original_global_model_state)   # "Restore"


aggregated = {k: torch.full_like(v, 7.0) for k, v in nn.Linear(4, 2).state_dict().items()}
for deep in (True, False):
    server = Server()
    track = copy.deepcopy(server.global_model.state_dict())
    server.apply_unlearning_for_track(aggregated, deep)
    restored = all(torch.equal(server.global_model.state_dict()[k], track[k]) for k in track)
    print(f"{'deep copy' if deep else 'live (as the repository)'}: track model restored: {restored}")
    assert restored == deep
print("BUG: with the live dict the track model is replaced by the aggregated global model")
