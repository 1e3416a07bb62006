"""Run flake8 exactly as the `flake8` command does, optionally with this plugin left out.

    COPYSAFETY_BENCH_PLUGIN=off python benchmarks/flake8_driver.py [flake8 args...]

`off` removes the `flake8-copysafety` distribution from the plugins flake8 discovers through
`importlib.metadata`; everything else (flake8, pycodestyle, pyflakes, mccabe, any other
installed plugin, configuration) is the same installation. The filter is applied when this
module is imported, so it also holds in worker processes started by spawn or forkserver
(those import the main module again); with fork the workers inherit it.

COPYSAFETY_BENCH_REPORT_IMPORTS=1 prints, on exit, one line to stderr saying whether libcst
was imported by the process (it must not be for files without candidates).
"""

import atexit
import os
import sys

PLUGIN_DISTRIBUTION = "flake8-copysafety"
REPORT_PREFIX = "copysafety-bench: libcst imported:"


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


def _report_imports() -> None:
    sys.stderr.write(f"{REPORT_PREFIX} {'libcst' in sys.modules}\n")
    sys.stderr.flush()


if os.environ.get("COPYSAFETY_BENCH_PLUGIN") == "off":
    _leave_out_plugin()
if os.environ.get("COPYSAFETY_BENCH_REPORT_IMPORTS") == "1" and __name__ == "__main__":
    atexit.register(_report_imports)

if __name__ == "__main__":
    from flake8.main.cli import main

    raise SystemExit(main())
