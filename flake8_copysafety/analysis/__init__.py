"""The libcst walk over the statements the plan chose: values and their aliasing, flow through
one function, summaries of helpers (also in other modules of the project), stored kinds.
May import `plan`, `project`, `core` and `facts`.
"""
