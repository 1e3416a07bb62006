"""The rule catalogue (codes, defaults), the rule pages, and the rules themselves: CPS1xx on
datasets, CPS2xx on state_dicts, built on the analysis. May import `analysis` and below.
"""
