"""One lint pipeline for every front end: gate, plan, analysis, rules, placement of findings,
errors wrapped. May import `rules` and below.
"""
