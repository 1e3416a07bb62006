"""Facts about copies and aliases, kept as data: which calls copy, alias or copy shallowly
(`semantics`), and which calls change a module while a state_dict of it is kept
(`module_changes`). Every fact is proven by a corpus case. Imports nothing of the package.
"""
