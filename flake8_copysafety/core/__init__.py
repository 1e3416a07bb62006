"""The plain records and text tools every layer shares: findings, source decoding and line
splitting, and name resolution from a module's imports. Imports nothing of the package but
`facts`; never libcst at import time.
"""
