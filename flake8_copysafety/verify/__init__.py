"""The runtime verification corpus runner (`copysafety verify`) and its torch-side worker.
May import `engine` and below; torch is imported only in the worker.
"""
