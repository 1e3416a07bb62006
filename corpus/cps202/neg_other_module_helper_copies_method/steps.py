"""Helpers of a training loop."""
import copy


def snapshot_of(trainer):
    return copy.deepcopy(trainer.weights())
