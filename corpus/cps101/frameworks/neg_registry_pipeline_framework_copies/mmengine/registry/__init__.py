"""Stand-in for mmengine's registry (the framework is not installed here):
`Registry.register_module` and `build` as in `mmengine/registry/registry.py` and
`build_functions.py` (0.10.7), without scopes. The linter never reads it."""


class Registry:
    def __init__(self, name, parent=None):
        self.name = name
        self._module_dict = {}

    def register_module(self, name=None, force=False, module=None):
        def register(cls):
            names = [cls.__name__] if name is None else \
                [name] if isinstance(name, str) else list(name)
            for key in names:
                if key in self._module_dict and not force:
                    raise KeyError(f"{key} is already registered in {self.name}")
                self._module_dict[key] = cls
            return cls

        return register(module) if module is not None else register

    def build(self, cfg):
        return build_from_cfg(cfg, self)


def build_from_cfg(cfg, registry):
    args = dict(cfg)
    return registry._module_dict[args.pop("type")](**args)


TRANSFORMS = Registry("transform")
