"""The cheap pass on the `ast` tree flake8 already parsed: the text gate, then which statements
could hold a finding (datasets, helper calls, in-place change sites, kept state_dicts). Never
imports libcst. May import `project`, `core` and `facts`.
"""
