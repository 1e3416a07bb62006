"""Helpers that read a model's weights."""
import copy


def live_weights(model):
    return copy.deepcopy(model.state_dict())
