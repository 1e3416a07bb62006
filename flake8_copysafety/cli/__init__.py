"""The `copysafety` command: arguments, configuration, files, noqa, the parallel runner and the
output formats. The top of the package: may import every other layer.
"""
