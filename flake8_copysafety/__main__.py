"""`python -m flake8_copysafety` is the `copysafety` command."""

import sys

from .cli.main import main

if __name__ == "__main__":
    sys.exit(main())
