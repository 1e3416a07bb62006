"""wnma3mz/flearn@54bbb48 flearn/server/Communicator.py:247: `w_glob = model_base.state_dict();
w_glob_lst = [w_glob for _ in range(client_numbers)]` keeps the live tensors of the module every
client trains in turn. `model_base.load_state_dict(w_glob_lst[client_id])` before a client's
training then loads what the previous client trained (all layers in the first round, the
personal layers - keys the aggregate does not rebind - in every round), not the round's global
weights."""
import torch
from torch import nn

torch.manual_seed(0)
model_base = nn.Sequential(nn.Linear(3, 3), nn.Linear(3, 1))
initial = {k: v.clone() for k, v in model_base.state_dict().items()}
w_glob = model_base.state_dict()
w_glob_lst = [w_glob for _ in range(2)]
data = [(torch.randn(16, 3), torch.randn(16, 1)) for _ in range(2)]
starts = []
for client_id in range(2):  # round 0, one local epoch
    model_base.load_state_dict(w_glob_lst[client_id])
    starts.append({k: v.clone() for k, v in model_base.state_dict().items()})
    optim_ = torch.optim.AdamW(model_base.parameters(), lr=0.1, weight_decay=0.05)
    x, y = data[client_id]
    optim_.zero_grad()
    nn.functional.mse_loss(model_base(x), y).backward()
    optim_.step()
gap = max((starts[1][k] - initial[k]).abs().max().item() for k in initial)
print("client 1 starts from the global weights of the round?", gap == 0, f"(gap {gap:.4f})")
assert gap > 0
print("CONFIRMED: client 1 starts from client 0's trained weights")
