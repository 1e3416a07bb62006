"""Where the modules of the linted file's own project are on disk (no parsing, no imports run).
May import `core` and `facts`.
"""
