"""Shapes from a held-out sweep of code that keeps weights, in spellings written apart from the
repositories: kept parameter lists handed whole to an optimizer or a gradient clip in another
method (silent), and the same list read for its values (reported). Every line that must carry
a finding says so with `# expect: CODE`."""
import torch
from models import get_network
from torch import nn, optim
from torch.optim import lr_scheduler


class OptimizerOnly:
    def __init__(self, net):
        self.net = net
        self.anchor = [p for p in self.net.parameters()]

    def reset_optimizer(self, lr):
        self.opt = optim.SGD(self.anchor, lr=lr, momentum=0.9)

    def clip(self):
        nn.utils.clip_grad_norm_(self.anchor, 1.0)

    def fit(self, batches):
        for x, y in batches:
            self.opt.zero_grad()
            nn.functional.mse_loss(self.net(x), y).backward()
            self.clip()
            self.opt.step()


class ValuesRead:
    def __init__(self, net):
        self.net = net
        self.anchor = [p for p in self.net.parameters()]  # expect: CPS203

    def reset_optimizer(self, lr):
        self.opt = optim.SGD(self.anchor, lr=lr, momentum=0.9)

    def drift(self):
        return sum(float(p.sum()) for p in self.anchor)

    def fit(self, batches):
        for x, y in batches:
            self.opt.zero_grad()
            nn.functional.mse_loss(self.net(x), y).backward()
            self.opt.step()


def step_on(net, shard):
    opt = optim.SGD(net.parameters(), lr=0.1)
    for x, y in shard:
        opt.zero_grad()
        nn.functional.mse_loss(net(x), y).backward()
        opt.step()


def each_client_its_own_module(nets, shards):
    uploads = {}
    for (name, net), shard in zip(nets.items(), shards):
        opt = optim.SGD(net.parameters(), lr=0.1)
        for x, y in shard:
            opt.zero_grad()
            nn.functional.mse_loss(net(x), y).backward()
            opt.step()
        uploads[name] = net.state_dict()
    return {k: sum(u[k] for u in uploads.values()) for k in next(iter(uploads.values()))}


def fresh_copy_each_round(global_net, shards):
    import copy as cp
    kept = []
    for shard in shards:
        local = cp.deepcopy(global_net)
        opt = optim.Adam(local.parameters())
        for x, y in shard:
            opt.zero_grad()
            nn.functional.mse_loss(local(x), y).backward()
            opt.step()
        kept.append(local.state_dict())
    return kept


def one_module_every_client(model, shards, start):
    kept = []
    for shard in shards:
        model.load_state_dict(start)
        opt = optim.SGD(model.parameters(), lr=0.1)
        for x, y in shard:
            opt.zero_grad()
            nn.functional.mse_loss(model(x), y).backward()
            opt.step()
        kept.append(model.state_dict())  # expect: CPS202
    return kept


def distil_with_schedule(student, teacher, batches, decay_every):
    teacher_state = teacher.state_dict()
    opt = optim.SGD(student.parameters(), lr=0.1)
    sched = lr_scheduler.StepLR(opt, step_size=decay_every)
    for x, y in batches:
        opt.zero_grad()
        nn.functional.mse_loss(student(x), teacher(x).detach() + y).backward()
        opt.step()
        sched.step()
    teacher.load_state_dict(teacher_state)
    return student


class Evaluator:
    def __init__(self, args):
        self.net = get_network(args).cuda()

    def score_checkpoint(self, path, batches):
        current = self.net.state_dict()  # expect: CPS202
        self.net.load_state_dict(torch.load(path))
        total = sum(float(nn.functional.mse_loss(self.net(x), y)) for x, y in batches)
        self.net.load_state_dict(current)
        return total
