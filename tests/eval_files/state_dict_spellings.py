"""Static spellings: every line that must carry a finding says so with `# expect: CODE`."""
import copy
import torch

def train(model, opt, data, val):
    best = float("inf")
    best_state = None
    for epoch in range(10):
        for x, y in data:
            opt.zero_grad()
            loss = (model(x) - y).pow(2).mean()
            loss.backward()
            opt.step()
        val_loss = evaluate(model, val)
        if val_loss < best:
            best = val_loss
            best_state = model.state_dict()   # expect: CPS202:13
        torch.save(model.state_dict(), f"ckpt{epoch}.pt")
    model.load_state_dict(best_state)
    return model

def good(model, opt, data):
    for epoch in range(3):
        opt.step()
        ckpt = {"model": model.state_dict(), "epoch": epoch}
        torch.save(ckpt, "x.pt")
    best = copy.deepcopy(model.state_dict())
    opt.step()
    model.load_state_dict(best)
    other = torch.nn.Linear(2, 2)
    other.load_state_dict(model.state_dict())

def ema_update(ema, model, d):
    msd = model.state_dict()
    for k, v in ema.state_dict().items():
        if v.dtype.is_floating_point:
            v *= d
            v += (1 - d) * msd[k].detach()
    for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
        e.copy_(m)
    esd = ema.state_dict()
    for k in esd:
        esd[k].mul_(d)

def bad201(model, other):
    sd = model.state_dict()
    sd["w"].mul_(0.5)      # expect: CPS201:5  (used later)
    other.load_state_dict(sd)
    sd2 = dict(model.state_dict())
    sd2["w"].zero_()       # expect: CPS201:5  (shallow)
    model.state_dict()["w"].zero_()   # only the module changes: meant to
    x = model.state_dict()["w"].mul_(2)   # expect: CPS201:9  (direct, kept as new)
    for k, v in sd.copy().items():
        v.clamp_(0, 1)     # expect: CPS201:9  (shallow)
    sd3 = {k: v.clone() for k, v in model.state_dict().items()}
    sd3["w"].zero_()
    sd4 = {k: v for k, v in model.state_dict().items()}
    sd4["w"] *= 2          # expect: CPS201:5
    sd5 = model.state_dict()
    sd5["w"] = sd5["w"] * 0
    return sd5

def reset_bug(model, opt, loader):
    init_state = model.state_dict()   # expect: CPS202:5
    for x in loader:
        model(x).sum().backward()
        opt.step()
    model.load_state_dict(init_state)

class Trainer:
    def __init__(self, model, opt):
        self.model, self.opt = model, opt
    def snap(self):
        self.best_state = self.model.state_dict()   # expect: CPS202:9
    def step(self, x):
        self.model(x).sum().backward()
        self.opt.step()
    def restore(self):
        self.model.load_state_dict(self.best_state)


def modules_given():
    """`bad201` and `ema_update` are given modules: their receivers are shown to be ones."""
    net, other = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
    ema_update(copy.deepcopy(net), net, 0.99)
    bad201(net, other)
