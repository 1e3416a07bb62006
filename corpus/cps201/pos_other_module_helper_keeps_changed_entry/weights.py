"""Helpers that derive tensors from a model's weights."""


def boosted_bias(model):
    boosted = model.state_dict()["bias"].add_(1.0)
    return boosted
