"""Run flake8 exactly as the `flake8` command does, optionally with this plugin left out.

    COPYSAFETY_BENCH_PLUGIN=off python benchmarks/flake8_driver.py [flake8 args...]

`off` removes the `flake8-copysafety` distribution from the plugins flake8 discovers through
`importlib.metadata`; everything else (flake8, pycodestyle, pyflakes, mccabe, any other
installed plugin, configuration) is the same installation. The filter is applied when this
module is imported, so it also holds in worker processes started by spawn or forkserver
(those import the main module again); with fork the workers inherit it.

COPYSAFETY_BENCH_REPORT_IMPORTS=1 prints, on exit, one line to stderr saying whether libcst
was imported by the process (it must not be for files without candidates).

COPYSAFETY_BENCH_ATTRIBUTE=1 (with the plugin on, -j1) times what happens inside the plugin:
importing it (done here, after flake8 and its default plugins, so only the modules it adds
count; flake8's own import of the entry point then finds it loaded), its option hooks and
every `run()`, the analysis included; on exit it prints one line to stderr with the seconds.
"""

import atexit
import os
import sys
import time

PLUGIN_DISTRIBUTION = "flake8-copysafety"
REPORT_PREFIX = "copysafety-bench: libcst imported:"
ATTRIBUTE_PREFIX = "copysafety-bench: seconds inside the plugin:"


def _normalize(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _leave_out_plugin() -> None:
    from flake8.plugins import finder

    discover = finder._find_importlib_plugins

    def without_copysafety():
        for plugin in discover():
            if _normalize(plugin.package) != PLUGIN_DISTRIBUTION:
                yield plugin

    finder._find_importlib_plugins = without_copysafety


def _attribute_plugin_time() -> None:
    # What flake8 imports in every run anyway (itself and its default plugins) comes first,
    # so that the plugin is charged only for the modules it adds.
    import importlib

    for name in ("flake8.main.cli", "flake8.checker", "flake8.plugins.pyflakes",
                 "flake8.plugins.pycodestyle", "mccabe"):
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    start = time.perf_counter()
    from flake8_copysafety import plugin

    spent = [time.perf_counter() - start]
    checker = plugin.CopySafetyChecker
    run = checker.run

    def timed_run(self):
        begin = time.perf_counter()
        try:
            results = list(run(self))
        finally:
            spent[0] += time.perf_counter() - begin
        return iter(results)

    def timed_hook(hook):
        def timed(cls, *args, **kwargs):
            begin = time.perf_counter()
            try:
                return hook(cls, *args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - begin
        return classmethod(timed)

    checker.run = timed_run
    for name in ("add_options", "parse_options"):
        hook = getattr(checker, name, None)
        if hook is not None:
            setattr(checker, name, timed_hook(hook.__func__))

    def report() -> None:
        sys.stderr.write(f"{ATTRIBUTE_PREFIX} {spent[0]:.6f}\n")
        sys.stderr.flush()

    atexit.register(report)


def _report_imports() -> None:
    sys.stderr.write(f"{REPORT_PREFIX} {'libcst' in sys.modules}\n")
    sys.stderr.flush()


if os.environ.get("COPYSAFETY_BENCH_PLUGIN") == "off":
    _leave_out_plugin()
if os.environ.get("COPYSAFETY_BENCH_REPORT_IMPORTS") == "1" and __name__ == "__main__":
    atexit.register(_report_imports)
if os.environ.get("COPYSAFETY_BENCH_ATTRIBUTE") == "1" and __name__ == "__main__":
    _attribute_plugin_time()

if __name__ == "__main__":
    from flake8.main.cli import main

    raise SystemExit(main())
