from .shift import center  # noqa: F401
