"""CPS202: an optimizer state_dict kept across `step()` follows the live state (Adam's moments)."""
import torch


def main():
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.Adam(model.parameters(), lr=0.1)
    model(torch.ones(1, 2)).sum().backward()
    opt.step()
    saved = opt.state_dict()  # expect: CPS202
    model(torch.ones(1, 2)).sum().backward()
    opt.step()
    opt.load_state_dict(saved)
    return opt
