"""Lottery-ticket rewinding."""


def reset_parameter(param, init, name):
    param.data = init[name]


def rewind(model, init):
    for name, param in model.named_parameters():
        reset_parameter(param, init, name)
