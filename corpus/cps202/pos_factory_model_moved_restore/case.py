"""CPS202 with the module made by a project factory and moved to a device:
`self.global_model = create_model(name).to(device)`. `unlearn_track` keeps
`original = self.global_model.state_dict()` (live), loads the round's aggregated weights into the
same module, and "restores" with `load_state_dict(original)`: `load_state_dict` copied the
aggregated weights into the very tensors `original` holds, so the restore restores nothing and
the track's own model is lost."""
import torch
from registry import create_model


class Server:
    def __init__(self, name, device="cpu"):
        self.global_model = create_model(name).to(device)

    def unlearn_track(self, aggregated):
        original = self.global_model.state_dict()  # expect: CPS202
        self.global_model.load_state_dict(aggregated)
        scores = [float(v.sum()) for v in self.global_model.state_dict().values()]
        self.global_model.load_state_dict(original)
        return scores


def main():
    torch.manual_seed(0)
    server = Server("linear")
    aggregated = {k: torch.full_like(v, 3.0) for k, v in server.global_model.state_dict().items()}
    server.unlearn_track(aggregated)
    return server.global_model
