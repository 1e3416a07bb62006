"""The safe rewrites: apply a finding's fix to the source text. May import `core`.
"""
