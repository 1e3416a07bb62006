"""Exit statuses of the `copysafety` command and the error that means "bad usage"."""

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

EXIT_CODES = """\
exit status:
  0  no findings (with --diff: nothing to change; with --exit-zero: always, unless 2)
  1  findings reported (a CPS900 "could not analyse" finding counts), or with --diff:
     fixes to apply; with --fix: findings left after fixing
  2  usage error (bad option, unknown rule, missing path, bad configuration), a file that
     could not be read or written, or an internal error
"""


class UsageError(Exception):
    """Bad input from the user: one line on stderr, exit status 2."""
