"""layumi/Person_reID_baseline_pytorch@82ff40f train.py:456,476 and train_DDP.py:437,455 (CPS202).

Shape: every tenth epoch (`epoch % 10 == 9`, in the validation phase, under the comment
"deep copy the model") the loop keeps `last_model_wts = model.state_dict()` and saves
`net_<epoch+1>.pth`; after the loop `model.load_state_dict(last_model_wts)` and
`save_network(model, name, 'last')`. The kept dict aliases the live parameters, so the load
restores nothing: with --total_epoch 65 `net_last.pth` holds epoch 64's weights, not the
epoch-60 ones the loop kept. With the default --total_epoch 60 the last snapshot is taken after
the last training step and the two agree: hidden in the repository's own configuration.
"""
import io

import torch
from torch import nn


def train_model(num_epochs):
    torch.manual_seed(0)
    model = nn.Linear(4, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    x, y = torch.randn(16, 4), torch.randint(0, 2, (16,))
    saved = {}
    for epoch in range(num_epochs):
        for phase in ["train", "val"]:
            if phase == "train":
                optimizer.zero_grad()
                nn.functional.cross_entropy(model(x), y).backward()
                optimizer.step()
            if phase == "val" and epoch % 10 == 9:
                last_model_wts = model.state_dict()  # "deep copy the model"
                buffer = io.BytesIO()
                torch.save(model.state_dict(), buffer)  # save_network(model, name, epoch + 1)
                saved[epoch + 1] = buffer.getvalue()
    model.load_state_dict(last_model_wts)  # "load best model weights"
    kept = torch.load(io.BytesIO(saved[max(saved)]))
    gap = max((model.state_dict()[k] - kept[k]).abs().max().item() for k in kept)
    print(f"total_epoch={num_epochs}: net_last differs from net_{max(saved)} by {gap:.4f}")
    return gap


assert train_model(60) == 0  # the default: hidden
assert train_model(65) > 0
print("CONFIRMED: load_state_dict(last_model_wts) restores nothing; net_last is the final epoch")
