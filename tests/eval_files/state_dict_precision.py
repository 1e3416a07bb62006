"""State_dict shapes that must stay silent (deliberate write-through, keys, branches that
leave, objects that are not modules, optimizers before a step), and holders that must not.
Every line that must carry a finding says so with `# expect: CODE`."""
import copy

import torch


def ema_blend(ema, model, decay=0.99):
    with torch.no_grad():
        for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
            e.copy_(e * decay + (1 - decay) * m)


def ema_fill_missing(ema, new_model, decay):
    ema_params = ema.state_dict()
    for key, param in new_model.named_parameters():
        if key not in ema_params:
            ema_params[key] = param.detach().clone()
        ema_params[key].mul_(decay)


def ema_foreach(ema, model, decay):
    ema_vals, model_vals = [], []
    for e, m in zip(ema.state_dict().values(), model.state_dict().values()):
        if e.is_floating_point():
            ema_vals.append(e)
            model_vals.append(m)
        else:
            e.copy_(m)
    torch._foreach_lerp_(ema_vals, model_vals, weight=1.0 - decay)


def ema_read_target(model, ema_model, decay):
    sd = model.state_dict()
    for k, v in ema_model.state_dict().items():
        v.copy_(decay * v + (1 - decay) * sd[k])


class Ema:
    def __init__(self, model):
        self.ema = copy.deepcopy(model)
        self.shadow = self.ema.state_dict()
        self.fp32_params = {}

    def update(self, model, decay):
        msd = model.state_dict()
        for k in self.shadow:
            self.shadow[k].mul_(decay).add_(msd[k], alpha=1 - decay)

    def build_fp32_params(self, state_dict=None):
        if state_dict is None:
            state_dict = self.ema.state_dict()
        for k in state_dict:
            if k in self.fp32_params:
                self.fp32_params[k].copy_(state_dict[k])
            else:
                self.fp32_params[k] = state_dict[k].float()


def keys_only(model, trainer):
    reference = model.state_dict()
    trainer.fit(model)
    assert list(reference.keys()) == list(model.state_dict().keys())
    return len(reference), "weight" in reference, sorted(reference)


class Net(torch.nn.Module):
    def load_old_state_dict(self, old):
        new = self.state_dict()
        if all(k in new for k in old):
            self.load_state_dict(old)
            return
        for k in new:
            if k in old:
                new[k] = old[k]
        self.load_state_dict(new)


def restart(loop):
    state = loop.state_dict()
    state["child.state_dict"]["a"] = 3
    loop.load_state_dict(state)
    assert loop.state_dict() == state


class Wrapper:
    def __init__(self, optimizer):
        self._optimizer = optimizer
        self.initial_state = self._optimizer.state_dict()

    def step(self):
        self._optimizer.step()

    def reset(self):
        self._optimizer.load_state_dict(self.initial_state)


def save_lr_as_float(model, optimizer, path):
    optimizer.step()
    osd = optimizer.state_dict()
    for item in osd["param_groups"]:
        item["lr"] = float(item["lr"])
    torch.save({"model": model.state_dict(), "optimizer": osd}, path)


class Stopper:
    def __init__(self):
        self.best = None
        self.best_cpu = None
        self.best_copy = None

    def __call__(self, loss, model):
        self.best = model.state_dict()                                      # expect: CPS202:9
        self.best_cpu = {k: v.cpu() for k, v in model.state_dict().items()}  # expect: CPS202:9
        self.best_copy = {k: v.cpu().clone() for k, v in model.state_dict().items()}

    def restore(self, model):
        model.load_state_dict(self.best)
        return self.best_copy


def fit(model, optimizer, loader, stopper):
    snap = model.state_dict()                                               # expect: CPS202:5
    for x in loader:
        model(x).sum().backward()
        optimizer.step()
        stopper(0.0, model)
    stopper.restore(model)
    model.load_state_dict(snap)
    return stopper.best_cpu


def transplant(a, b):
    a.step()
    b.load_state_dict(a.state_dict())                                       # expect: CPS202:5


def modules_given(loader, path):
    net = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    ema_blend(copy.deepcopy(net), net)
    ema_fill_missing(copy.deepcopy(net), net, 0.9)
    ema_foreach(copy.deepcopy(net), net, 0.9)
    ema_read_target(net, copy.deepcopy(net), 0.9)
    Ema(net).update(net, 0.9)
    keys_only(net, object())
    Wrapper(opt).reset()
    save_lr_as_float(net, opt, path)
    fit(net, opt, loader, Stopper())
    opt.step()
    transplant(opt, torch.optim.SGD(net.parameters(), lr=0.1))


class Averaged(torch.nn.Module):
    """An averaged model keeps its private copy's state_dict as a write-through handle."""

    def __init__(self, model):
        super().__init__()
        self.module = copy.deepcopy(model)
        self.avg_parameters = self.module.state_dict()
        self.steps = 0

    def forward(self, *args):
        return self.module(*args)

    def update_parameters(self, model):
        src = model.state_dict()
        for k, p_avg in self.avg_parameters.items():
            if self.steps == 0:
                p_avg.data.copy_(src[k].data)
            else:
                self.avg_func(p_avg.data, src[k].data, self.steps)
        for b_avg, b_src in zip(self.module.buffers(), model.buffers()):
            b_avg.data.copy_(b_src.data)              # the module changes here...
        self.steps += 1

    def averaged(self):
        return dict(self.avg_parameters)              # ...and the handle is read: silent

    def avg_func(self, averaged, source, steps):
        averaged.add_(source - averaged, alpha=1 / (steps + 1))


def resync_and_clean(ema, model, path):
    model_sd = model.state_dict()
    for k, v in ema.state_dict().items():
        if not torch.isfinite(v).all() and torch.isfinite(model_sd[k]).all():
            v.copy_(model_sd[k])
    ema = copy.deepcopy(ema).half()
    for v in ema.state_dict().values():
        if v.is_floating_point():
            torch.nan_to_num_(v)
    torch.save(ema, path)


def averaged_in_use(net, loader, path):
    averaged = Averaged(net)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    for x in loader:
        net(x).sum().backward()
        opt.step()
        averaged.update_parameters(net)
    resync_and_clean(averaged, net, path)
    return averaged


def load_pretrained(model, quantizer):
    """A call given the module that updates something else from it is no training step."""
    model.eval()
    model_state_dict = model.state_dict()
    quantizer.update_missing_keys(model)
    return model_state_dict["weight"]
