"""Restart helpers."""
import torch


def restart(net, start):
    with torch.no_grad():
        for name, param in net.named_parameters():
            param.set_(start[name])
