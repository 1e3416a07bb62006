"""`python -m flake8_copysafety.worker SOCKET`: run the worker (the plugin starts it)."""

import sys

from .server import main

sys.exit(main(sys.argv[1:]))
