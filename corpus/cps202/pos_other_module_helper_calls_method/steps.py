"""Helpers of a training loop."""


def snapshot_of(trainer):
    return trainer.weights()
