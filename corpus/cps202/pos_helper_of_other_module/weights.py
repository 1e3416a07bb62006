"""Helpers that read a model's weights."""


def current_weights(model):
    weights = model.state_dict()
    return weights
