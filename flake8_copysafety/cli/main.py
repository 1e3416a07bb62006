"""The `copysafety` command: check files, fix them, show rule pages, run a program under the
runtime guards, run the corpus verifier."""

import argparse
import os
import sys
import textwrap
from typing import List, Optional, Sequence, TextIO

from .. import __version__
from ..core.options import OPTIONS
from .exit_status import EXIT_CLEAN, EXIT_CODES, EXIT_ERROR, UsageError
from .formats import FORMAT_NAMES

# `check --format`: one renderer each in `formats.RENDERERS` (imported only to check files)

CHECK_EPILOG = """\
Codes are prefixes: --select CPS1 means CPS101..CPS104. By default every CPS code except the
default-off CPS104 is reported; an explicit --select or --extend-select that matches CPS104
turns it on (as in flake8). `# noqa` and `# noqa: CODE,...` comments work as in flake8.

""" + textwrap.fill(
    "Configuration: [tool.copysafety] in pyproject.toml or [copysafety] in setup.cfg, the "
    "nearest from the working directory upwards (stopping at the repository root). Keys: "
    "select, ignore, extend-select, extend-ignore, per-file-ignores, exclude, "
    f"{', '.join(row.key for row in OPTIONS)}. Without such a section, the nearest [flake8] "
    f"section gives {', '.join(row.flake8_key for row in OPTIONS)} and the CPS entries of "
    "extend-select, extend-ignore and per-file-ignores. Flags override the file.",
    width=92, break_on_hyphens=False) + "\n\n" + EXIT_CODES


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 already; keep its usage line
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message}\n")


def _comma_list(value: str) -> List[str]:
    return [v.strip() for v in value.replace("\n", ",").split(",") if v.strip()]


def _jobs(value: str) -> int:
    if value == "auto":
        return 0
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number of jobs: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("the number of jobs cannot be negative")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="copysafety",
        description="Find silent aliasing bugs in PyTorch datasets and state_dict() use.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check", help="check files and directories (the default: the working directory)",
        description="Check Python files for copy-safety findings.",
        epilog=CHECK_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or directories (directories: their *.py files); "
                            "`-` reads standard input")
    check.add_argument("--select", type=_comma_list, action="extend", metavar="CODES",
                       help="report only these code prefixes (comma-separated)")
    check.add_argument("--ignore", type=_comma_list, action="extend", metavar="CODES",
                       help="do not report these code prefixes (replaces the configured list)")
    check.add_argument("--extend-select", type=_comma_list, action="extend", metavar="CODES",
                       help="report these code prefixes too (e.g. CPS104)")
    check.add_argument("--extend-ignore", type=_comma_list, action="extend", metavar="CODES",
                       help="do not report these code prefixes either")
    check.add_argument("--exclude", type=_comma_list, action="extend", metavar="GLOBS",
                       help="skip matching files and directories, in addition to the "
                            "defaults (.git, .tox, .venv, venv, env, build, dist, "
                            "__pycache__, *.egg-info, node_modules, site-packages, ...)")
    for row in OPTIONS:
        check.add_argument(row.flag, type=_comma_list, action="extend", metavar="NAMES",
                           help=row.command_help)
    check.add_argument("--per-file-ignores", action="append", metavar="GLOB:CODES",
                       help="flake8's `GLOB: CODES` entries (replaces the configured ones)")
    check.add_argument("--format", "--output-format", dest="format", default="text",
                       choices=tuple(FORMAT_NAMES), metavar="FORMAT",
                       help="concise (the default, also `text`: `path:line:col: CODE "
                            "message` and a summary), full (with the source line), json, "
                            "json-lines, sarif (SARIF 2.1.0), github (Actions annotations), "
                            "gitlab (Code Quality); ruff's names")
    check.add_argument("--show-source", action="store_true",
                       help="show each finding's source line (the `full` format)")
    check.add_argument("--output", "-o", metavar="FILE",
                       help="write the report to FILE instead of standard output")
    check.add_argument("--statistics", action="store_true",
                       help="count the findings of each code (after a text report; on "
                            "standard error for the other formats)")
    check.add_argument("--quiet", "-q", action="store_true",
                       help="no closing summary after a text report; with --statistics, "
                            "only the counts")
    fixing = check.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true",
                        help="apply the safe rewrites, then report what is left")
    fixing.add_argument("--diff", action="store_true",
                        help="print the changes --fix would make as a unified diff, "
                             "write nothing (exit 1 if there are any)")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when there are findings (2 still means an error)")
    check.add_argument("--jobs", "-j", type=_jobs, default=0, metavar="N",
                       help="worker processes (default: one per CPU; used for more than "
                            "a few files)")
    check.add_argument("--disable-noqa", action="store_true",
                       help="report findings even on lines marked `# noqa`")
    check.add_argument("--stdin-display-name", default="stdin", metavar="NAME",
                       help="the name used for standard input in the report")
    check.add_argument("--config", metavar="FILE",
                       help="read settings from this pyproject.toml or setup.cfg only")
    check.add_argument("--isolated", action="store_true",
                       help="ignore configuration files")
    check.add_argument("--cache-dir", metavar="DIR",
                       help="where results of unchanged files are kept (default: "
                            ".copysafety_cache here, or $COPYSAFETY_CACHE_DIR)")
    check.add_argument("--no-cache", action="store_true",
                       help="analyse every file again and rebuild the project model (also: "
                            "COPYSAFETY_NO_CACHE=1)")

    rule = commands.add_parser("rule", help="show a rule's page, or list all rules",
                               description="Show the page of one rule, or list all rules.")
    rule.add_argument("code", nargs="?", help="a rule code, e.g. CPS101")
    rule.add_argument("--format", choices=("text", "markdown"), default="text",
                      help="text for a terminal (default), or the page's Markdown source")
    commands.add_parser("rules", help="list all rules", description="List all rules.")

    worker = commands.add_parser(
        "worker", help="show or stop the editor worker (flake8 --copysafety-worker)",
        description="Show or stop this installation's editor worker: the background process "
                    "that flake8 --copysafety-worker (or COPYSAFETY_WORKER=1) starts for runs "
                    "of one file.")
    worker.add_argument("action", nargs="?", choices=("status", "stop"), default="status")

    commands.add_parser("run", add_help=False,
                        help="run a program under runtime guards (see `copysafety run --help`)")
    commands.add_parser("verify", add_help=False,
                        help="run the runtime verification corpus "
                             "(see `copysafety verify --help`)")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_streams()
    try:
        return _main(argv)
    except UsageError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_ERROR
    except SystemExit as exc:  # argparse and --version
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        _error(f"internal error: {type(exc).__name__}: {exc}")
        return EXIT_ERROR


def _main(argv: List[str]) -> int:
    if argv and argv[0] == "verify":
        from ..verify.corpus import main as verify_main

        return int(verify_main(argv[1:]) or 0)
    if argv and argv[0] == "run":
        from .run import main as run_main

        return run_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        from .check import run_check

        return run_check(args)
    if args.command == "worker":
        return worker_command(args.action, sys.stdout)
    if args.command in ("rule", "rules"):
        return show_rule(getattr(args, "code", None), sys.stdout,
                         getattr(args, "format", "text") == "markdown")
    parser.print_help(sys.stderr)
    return EXIT_ERROR


def worker_command(action: str, out: TextIO) -> int:
    from ..worker import client

    if not client.supported():
        raise UsageError("the editor worker needs fork() and Unix sockets (POSIX)")
    path = client.address()
    if path is None:
        raise UsageError("no place for the worker's socket: $XDG_RUNTIME_DIR/copysafety "
                         "(or copysafety-UID in the temporary folder) is owned by someone "
                         "else, open to others, or too long a path for a Unix socket")
    pid = client.ping(path)
    if pid is None:
        out.write("No worker is running.\n")
    elif action == "stop" and client.stop(path):
        out.write(f"Stopped the worker (pid {pid}).\n")
    else:
        out.write(f"The worker is running (pid {pid}, socket {path}).\n")
    return EXIT_CLEAN


def show_rule(code: Optional[str], out: TextIO, markdown: bool = False) -> int:
    from ..rules.catalogue import RULES
    from ..rules.pages import fallback_page, page, plain_text

    if code is None:
        width = max(len(r.name) for r in RULES.values())
        for each in RULES.values():
            off = "" if each.default_on else "  [off by default]"
            out.write(f"{each.code}  {each.name:<{width}}  {each.summary}{off}\n")
        return EXIT_CLEAN
    rule = RULES.get(code.strip().upper())
    if rule is None:
        raise UsageError(f"unknown rule {code!r}; known rules: {', '.join(RULES)}")
    text = page(rule.code) or fallback_page(rule)
    if not markdown:
        text = plain_text(text)
    out.write(text if text.endswith("\n") else text + "\n")
    return EXIT_CLEAN


def _error(message: str) -> None:
    try:
        sys.stderr.write(f"copysafety: error: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _tolerant_streams() -> None:
    """Never fail on a character the terminal cannot encode (messages hold `—`)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            pass


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    sys.exit(main())
