"""The project's own registry of pipeline transforms (mmcv 1.x style: `Registry`,
`build_from_cfg`)."""


class Registry:
    def __init__(self, name):
        self.name = name
        self.modules = {}

    def register_module(self, name=None, force=False, module=None):
        def register(cls):
            self.modules[name or cls.__name__] = cls
            return cls

        return register(module) if module is not None else register


def build_from_cfg(cfg, registry):
    args = dict(cfg)
    return registry.modules[args.pop("type")](**args)


PIPELINES = Registry("pipeline")
