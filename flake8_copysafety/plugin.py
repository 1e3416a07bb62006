"""The thin flake8 shell: options in, findings out; all analysis lives in `engine`.

flake8 imports this module on every run, editors on every save: it imports only the text
gate; the engine comes in for the first file that passes it.
"""

import os
from typing import Iterator, Optional, Sequence, Tuple

from . import __version__
from .core.environment import flag
from .core.options import OPTIONS, LintOptions
from .plan.gate import is_candidate


def _split_names(value) -> Tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = value.replace("\n", ",").split(",")
    return tuple(v.strip() for v in value if v.strip())


def _in_ci_or_hook() -> bool:
    """CI services set CI, pre-commit sets PRE_COMMIT for its hooks: no background process
    there, even when a shared configuration turns the worker on."""
    return flag("CI") or flag("PRE_COMMIT")


def _one_file(filenames) -> bool:
    """A run of one file, as editors start (`flake8 FILE`, `flake8 -`): the worker serves
    those; a run over many files keeps its project model in its own processes."""
    if not filenames or len(filenames) != 1:
        return False
    return filenames[0] == "-" or os.path.isfile(filenames[0])


class CopySafetyChecker:
    """flake8 fills the constructor by argument name; `tree` makes this an AST plugin."""

    name = "flake8-copysafety"
    version = __version__
    lint_options = LintOptions()
    use_cache = True
    cache_dir: Optional[str] = None  # configured; None: the default (`engine.cache.default_dir`)
    worker = False  # ask the editor worker (`worker/`) before analysing here

    def __init__(self, tree, lines: Sequence[str], filename: str = "stdin") -> None:
        self._tree = tree
        self._lines = lines
        self._filename = filename

    @classmethod
    def add_options(cls, manager) -> None:
        from .rules.catalogue import DEFAULT_OFF

        manager.extend_default_ignore(list(DEFAULT_OFF))
        for row in OPTIONS:
            manager.add_option(row.flake8_flag, default="", parse_from_config=True,
                               comma_separated_list=True, help=row.flake8_help)
        manager.add_option(
            "--copysafety-cache-dir", default="", parse_from_config=True,
            help="Where results of unchanged files are kept (default: .copysafety_cache in "
                 "the working directory, or $COPYSAFETY_CACHE_DIR).",
        )
        manager.add_option(
            "--copysafety-no-cache", action="store_true", parse_from_config=True,
            help="Analyse every file again instead of reusing results, and keep no index "
                 "of the project on disk (also: "
                 "COPYSAFETY_NO_CACHE=1).",
        )
        manager.add_option(
            "--copysafety-worker", action="store_true", parse_from_config=True,
            help="Keep the analysis imported in a background process that answers runs of "
                 "one file (editor saves); it exits after 15 idle minutes (also: "
                 "COPYSAFETY_WORKER=1). POSIX only.",
        )

    @classmethod
    def parse_options(cls, options) -> None:
        cls.lint_options = LintOptions(**{
            row.name: _split_names(getattr(options, row.flake8_dest, ())) for row in OPTIONS})
        cls.use_cache = not getattr(options, "copysafety_no_cache", False)
        cls.cache_dir = getattr(options, "copysafety_cache_dir", "") or None
        if not cls.use_cache:
            # the project model's index too; flake8's worker processes inherit it
            os.environ["COPYSAFETY_NO_CACHE"] = "1"
        cls.worker = False
        # the environment is read here: importing the worker's client costs more than a
        # run without candidates may
        if getattr(options, "copysafety_worker", False) or flag("COPYSAFETY_WORKER"):
            from .worker.client import supported

            cls.worker = supported() and _one_file(getattr(options, "filenames", None)) \
                and not _in_ci_or_hook()

    def run(self) -> Iterator[Tuple[int, int, str, type]]:
        source = "".join(self._lines)
        try:
            candidate = is_candidate(source)
        except Exception:  # noqa: BLE001 - the engine reports it as CPS900
            candidate = True
        if not candidate:
            return
        from .engine.pipeline import lint_source

        cache_dir = None
        if self.use_cache:  # resolved only here: a run without candidates never needs it
            from .engine.cache import default_dir

            cache_dir = self.cache_dir or default_dir()
        delegate = None
        if self.worker:
            from .worker.client import lint_in_worker

            delegate = lint_in_worker
        findings = lint_source(source, self._filename, self.lint_options, self._tree,
                               cache_dir=cache_dir, delegate=delegate)
        for f in findings:
            yield f.line, f.col, f.flake8_text(), type(self)
