"""The project model: where the modules of the linted file's own project are on disk, an
`ast` index of them (no imports run), the transforms bound where datasets are built, and
which datasets reach a module. May import `core` and `facts`.
"""
