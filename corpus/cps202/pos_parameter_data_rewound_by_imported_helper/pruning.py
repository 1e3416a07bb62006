"""Lottery-ticket helpers."""


def rewind(model, init):
    for name, param in model.named_parameters():
        param.data = init[name]
