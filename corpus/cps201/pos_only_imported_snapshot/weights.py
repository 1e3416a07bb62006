"""Helpers that read a model's weights."""


def live_weights(model):
    return model.state_dict()
