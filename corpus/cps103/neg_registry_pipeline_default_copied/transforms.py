"""Transforms registered with the project's registry."""
from registry import PIPELINES


class Normalize:
    def __init__(self, mean):
        self.mean = mean

    def __call__(self, results):
        results["img"] = results["img"] - self.mean
        return results


PIPELINES.register_module(module=Normalize)
