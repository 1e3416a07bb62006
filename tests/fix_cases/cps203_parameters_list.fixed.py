"""A list of the live parameters kept as the anchor of a proximal term: the fix keeps detached
clones."""
import torch


def local_train(model: torch.nn.Module, batches, lr=0.1, mu=0.01):
    anchor = [p.detach().clone() for p in model.parameters()]
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    for x, y in batches:
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss = loss + mu * sum(((p - a) ** 2).sum() for p, a in zip(model.parameters(), anchor))
        loss.backward()
        opt.step()
    return model
