"""Runtime guards (`copysafety run`, `pytest --copysafety`, `copysafety verify --observer
guard`): watch a running program's datasets and state_dict() snapshots and report what really
changed, with the linter's codes. May import `fix` and below; torch and numpy are imported
only inside functions, once a guard is installed.
"""
