"""The editor worker: one background process per installation that keeps the analysis (and
libcst) imported, so that a save in an editor does not pay for those imports again.

Opt-in (`--copysafety-worker`, or COPYSAFETY_WORKER=1), for flake8 runs of one file. The
plugin asks the worker only after the result cache missed; the worker forks a child per
file, which runs the one lint pipeline (`engine.pipeline.lint_source`) exactly as flake8's
own process would, so nothing a request learns outlives it. Any failure means the file is
analysed in flake8's process, as without the worker. POSIX only (it forks, over a Unix
socket). May import `engine` and below.
"""
