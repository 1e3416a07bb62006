"""flake8-copysafety: find silent aliasing bugs in PyTorch datasets and state_dict() use.

Importing this package is cheap on purpose: it never imports torch, numpy or libcst.
libcst is imported only when a file holds a candidate for a finding.
"""

__version__ = "0.1.0"
