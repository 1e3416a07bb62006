"""Near-miss of CPS202: a snapshot serialised to bytes, restored after training."""
# near-miss: CPS202
import io

import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    model(torch.ones(4, 2)).sum().backward()
    opt.step()
    buffer.seek(0)
    model.load_state_dict(torch.load(buffer))
    return model
