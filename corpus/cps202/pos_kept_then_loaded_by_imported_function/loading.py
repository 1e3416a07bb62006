"""Helpers that move weights between modules."""


def copy_into(target, weights, strict=True):
    target.load_state_dict(weights, strict=strict)
