"""CPS201/CPS202/CPS203 judged by what the program can observe: federated-learning shapes
that must stay silent (loaded back into their own module, entries rebound before
accumulating, write-through statements, snapshots of modules the loop does not train,
optimizers rebound, checkpoint slots re-stored), and live parameter snapshots that must not.
Every line that must carry a finding says so with `# expect: CODE`."""
import copy

import torch
import torch.nn.functional as F
from torch import nn, optim


def server_correct_in_place(c_global: nn.Module, total_delta, n):
    c_global.parameters()
    c_global_para = c_global.state_dict()
    for key in c_global_para:
        if c_global_para[key].type() == "torch.LongTensor":
            c_global_para[key] += total_delta[key].type(torch.LongTensor)
        else:
            c_global_para[key] += total_delta[key] / n
    c_global.load_state_dict(c_global_para)


def fedavg_first_client_rebinds(global_model: nn.Module, nets, freqs):
    global_model.parameters()
    global_para = global_model.state_dict()
    for idx, net in enumerate(nets):
        net_para = net.state_dict()
        if idx == 0:
            for key in net_para:
                global_para[key] = net_para[key] * freqs[idx]
        else:
            for key in net_para:
                global_para[key] += net_para[key] * freqs[idx]
    global_model.load_state_dict(global_para)


def server_step_through_statement(model: nn.Module, v, lr):
    model.parameters()
    for key in model.state_dict():
        model.state_dict()[key] -= v[key] * lr
    model.state_dict()["fc.weight"].copy_(v["fc.weight"])


def scaffold_client(net: nn.Module, c_local: nn.Module, c_global: nn.Module, loader, lr):
    optimizer = optim.SGD(filter(lambda p: p.requires_grad, net.parameters()), lr=lr)
    c_global_para = c_global.state_dict()
    c_local_para = c_local.state_dict()
    for x, y in loader:
        optimizer.zero_grad()
        F.mse_loss(net(x), y).backward()
        optimizer.step()
        net_para = net.state_dict()
        for key in net_para:
            net_para[key] = net_para[key] - lr * (c_global_para[key] - c_local_para[key])
        net.load_state_dict(net_para)


def scaffold_server(net_glob: nn.Module, rounds, delta):
    w_glob = net_glob.state_dict()
    for _ in range(rounds):
        here = copy.deepcopy(w_glob)
        for k in w_glob.keys():
            w_glob[k] += delta[k] - here[k] * 0
        net_glob.load_state_dict(copy.deepcopy(w_glob))


def optimizer_each_round(model: nn.Module, loader, rounds):
    opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    for _ in range(rounds):
        for x, y in loader:
            opt.zero_grad()
            F.mse_loss(model(x), y).backward()
            opt.step()
        saved = opt.state_dict()
        opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        opt.load_state_dict(saved)


def checkpoint_each_round(model: nn.Module, opt, loader, rounds, path):
    checkpoint = {}
    for r in range(rounds):
        for x, y in loader:
            opt.zero_grad()
            F.mse_loss(model(x), y).backward()
            opt.step()
        checkpoint["model_state_dict"] = model.state_dict()
        checkpoint["round"] = r
        torch.save(checkpoint, path)


class Trainer:
    def __init__(self, model: nn.Module):
        self.model = model

    def weights_on_cpu(self):
        self.weight_o = copy.deepcopy(self.model).cpu().state_dict()

    def delta(self):
        return {k: v - self.weight_o[k] for k, v in self.model.state_dict().items()}


def fedprox_live_anchor(model: nn.Module, loader, mu):
    global_params = list(model.parameters())  # expect: CPS203:5
    opt = optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        opt.zero_grad()
        prox = sum(((w - wg) ** 2).sum() for w, wg in zip(model.parameters(), global_params))
        (F.mse_loss(model(x), y) + mu / 2 * prox).backward()
        opt.step()


def fedprox_copied_anchor(model: nn.Module, loader, mu):
    global_params = [p.detach().clone() for p in model.parameters()]
    opt = optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        opt.zero_grad()
        prox = sum(((w - wg) ** 2).sum() for w, wg in zip(model.parameters(), global_params))
        (F.mse_loss(model(x), y) + mu / 2 * prox).backward()
        opt.step()


def client_update(model: nn.Module, loader):
    start = {n: p for n, p in model.named_parameters()}  # expect: CPS203:5
    teacher = copy.copy(model)  # expect: CPS203:5
    frozen = copy.deepcopy(model)
    params = list(model.parameters())
    opt = optim.Adam(params, lr=0.01)
    for x, y in loader:
        opt.zero_grad()
        F.mse_loss(model(x), teacher(x) + frozen(x)).backward()
        nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
    return {n: p - start[n] for n, p in model.named_parameters()}


def anchor_of_the_global_model(global_model: nn.Module, loader):
    local = copy.deepcopy(global_model)
    anchor = list(global_model.parameters())
    opt = optim.SGD(local.parameters(), lr=0.1)
    for x, y in loader:
        opt.zero_grad()
        prox = sum(((w - a) ** 2).sum() for w, a in zip(local.parameters(), anchor))
        (F.mse_loss(local(x), y) + prox).backward()
        opt.step()
    return local


def best_of_each_round(model: nn.Module, opt, loader):
    best = model.state_dict()  # expect: CPS202:5
    for x, y in loader:
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    model.load_state_dict(best)


class SlowWeights:
    """Lists of live tensors the class writes through (enumerate / a plain loop): handles."""

    def __init__(self, fast: nn.Module, slow: nn.Module):
        self.fast = list(fast.state_dict().values())
        self.slow = list(slow.state_dict().values())

    def sync(self, rate: float):
        for i, s in enumerate(self.slow):
            s.data.add_(self.fast[i] - s, alpha=rate)
        for f in self.fast:
            f.mul_(0.999)


class StartingPoint:
    """The same list, only read while the module trains between calls: a stale snapshot."""

    def __init__(self, net: nn.Module):
        self.net = net
        self.start = list(net.state_dict().values())  # expect: CPS202:9

    def distance(self):
        return sum(float((a - b).norm())
                   for a, b in zip(self.net.state_dict().values(), self.start))


def train_with_helpers(net: nn.Module, slow: nn.Module, loader):
    opt = optim.SGD(net.parameters(), lr=0.1)
    weights, start = SlowWeights(net, slow), StartingPoint(net)
    for x, y in loader:
        opt.zero_grad()
        F.mse_loss(net(x), y).backward()
        opt.step()
        weights.sync(0.5)
    return start.distance()


class Worker:
    """Each client's result is the module's live state_dict (through a name, after `.to()`):
    kept across the next client's `load_state_dict`, every kept result is overwritten."""

    def __init__(self, net: nn.Module, device):
        self.net = net
        self.device = device
        self.opt = optim.SGD(self.net.parameters(), lr=0.1)

    def local_update(self, loader):
        for x, y in loader:
            self.opt.zero_grad()
            F.mse_loss(self.net(x), y).backward()
            self.opt.step()
        state = self.net.to(self.device).state_dict()
        return state

    def local_copy(self, loader):
        self.local_update(loader)
        return copy.deepcopy(self.net.state_dict())

    def round(self, global_state, loaders):
        updates = {}
        for cid, loader in enumerate(loaders):
            self.net.load_state_dict(global_state)
            updates[cid] = self.local_update(loader)  # expect: CPS202:13
        return updates

    def round_of_copies(self, global_state, loaders):
        kept = []
        for loader in loaders:
            self.net.load_state_dict(global_state)
            kept.append(self.local_copy(loader))
        return kept


class MovingStep(optim.Optimizer):
    """Returns its param groups' Parameters (named, through a comprehension)."""

    def __init__(self, params, lr=0.1):
        super().__init__(params, dict(lr=lr))

    def step(self):
        stepped = [p for p in self.param_groups[0]["params"]]
        for group in self.param_groups:
            for p in group["params"]:
                p.data.add_(p.grad, alpha=-group["lr"])
        return stepped

    def snapshot(self):
        return [p.detach().clone() for p in self.param_groups[0]["params"]]


def personalised_then_reset(model: nn.Module, x, y):
    opt = MovingStep(model.parameters())
    F.mse_loss(model(x), y).backward()
    personal = opt.step()  # expect: CPS203:5
    copies = opt.snapshot()
    for _ in range(3):
        F.mse_loss(model(x), y).backward()
        opt.step()
    return personal, copies
