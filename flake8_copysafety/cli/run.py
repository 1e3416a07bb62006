"""`copysafety run`: run a program unchanged under the runtime guards, as `coverage run`
does, then report what the guards saw with the linter's codes."""

import argparse
import os
import sys
import traceback
import types
from typing import Dict, List, Optional, Sequence

from ..guard.places import display_path
from ..guard.session import GuardFinding, GuardOptions, GuardSession, TorchMissing
from .exit_status import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from .formats import RENDERERS
from .runner import FileReport

DESCRIPTION = """\
Run a Python program with runtime guards on its datasets and state_dict() snapshots, and
report what really happened, with the linter's codes: stored dataset data changed (CPS101,
CPS102, CPS103), live state_dict() snapshots restored or saved after their module changed
(CPS202), in-place changes through a state_dict() used as if separate, optimizers sharing
state after load_state_dict (CPS201). The program's own output and results do not change.
"""

EPILOG = """\
exit status: the program's own when it failed; else 1 when there were findings, 0 when none
(2: bad usage, or torch is not installed).
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copysafety run", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                        help="report format (default: text, `path:line:col: CODE message`)")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write the report to FILE (default: standard error)")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="also print each finding on standard error as it happens")
    parser.add_argument("--full-fingerprints", action="store_true",
                        help="compare all bytes of stored ndarrays and tensors, not a sample "
                             "(slower; finds changes of a few elements of large arrays)")
    parser.add_argument("-m", dest="module", metavar="MODULE",
                        help="run a library module as a script (like python -m)")
    parser.add_argument("program", nargs=argparse.REMAINDER, metavar="SCRIPT [ARGS...]",
                        help="the program and its arguments")
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.module is None and not args.program:
        parser.print_usage(sys.stderr)
        sys.stderr.write("copysafety run: error: give a SCRIPT or -m MODULE\n")
        return EXIT_ERROR
    if args.module is None and not os.path.isfile(args.program[0]):
        sys.stderr.write(f"copysafety run: error: no such file: {args.program[0]}\n")
        return EXIT_ERROR
    options = GuardOptions(full=args.full_fingerprints,
                           verbose=sys.stderr if args.verbose else None,
                           module=args.module)
    session = GuardSession(options)
    try:
        session.start()
    except TorchMissing as exc:
        sys.stderr.write(f"copysafety run: {exc}\n")
        return EXIT_ERROR
    real_exit = os._exit

    def exit_now(status: int) -> None:
        """`os._exit` of the program itself skips every `finally`: report and remove the
        guards' folder first (a DataLoader worker's `os._exit`, in a child, goes straight
        through)."""
        if os.getpid() == session.pid:
            os._exit = real_exit
            found: List[GuardFinding] = []
            try:
                found = session.stop()
                _write_report(found, args.format, args.output)
            finally:
                real_exit(_exit_status(status, found))
        real_exit(status)

    os._exit = exit_now  # type: ignore[assignment]
    try:
        status = _run_program(args.module, args.program)
    finally:
        os._exit = real_exit
        findings = session.stop()
    _write_report(findings, args.format, args.output)
    return _exit_status(status, findings)


def _exit_status(status: int, findings: List[GuardFinding]) -> int:
    if status != 0:
        return status
    return EXIT_FINDINGS if findings else EXIT_CLEAN


def _run_program(module: Optional[str], program: List[str]) -> int:
    """Run as `python SCRIPT ARGS` / `python -m MODULE ARGS` would; the exit status."""
    import runpy

    saved_argv, saved_path0 = sys.argv[:], sys.path[0] if sys.path else None
    saved_main = sys.modules.get("__main__")
    try:
        if module is not None:
            sys.argv = [module] + program
            sys.path[0:1] = [os.getcwd()]
            runpy.run_module(module, run_name="__main__", alter_sys=True)
        else:
            script = os.path.abspath(program[0])
            sys.argv = list(program)
            sys.path[0:1] = [os.path.dirname(script)]
            main_module = types.ModuleType("__main__")
            main_module.__file__ = script
            main_module.__builtins__ = __builtins__  # type: ignore[attr-defined]
            sys.modules["__main__"] = main_module
            with open(script, "rb") as handle:
                code = compile(handle.read(), script, "exec")
            exec(code, main_module.__dict__)  # noqa: S102 - running the user's program
        return 0
    except SystemExit as exc:
        if exc.code is None:
            return 0
        if isinstance(exc.code, int):
            return exc.code
        sys.stderr.write(f"{exc.code}\n")
        return 1
    except KeyboardInterrupt:
        traceback.print_exc()
        return 130
    except BaseException:  # noqa: BLE001 - the program's own error, shown as Python would
        kind, value, tb = sys.exc_info()
        traceback.print_exception(kind, value, tb.tb_next if tb else tb)
        return 1
    finally:
        sys.argv = saved_argv
        if saved_path0 is not None:
            sys.path[0] = saved_path0
        if saved_main is not None:
            sys.modules["__main__"] = saved_main


def _write_report(findings: List[GuardFinding], fmt: str, output: Optional[str]) -> None:
    by_path: Dict[str, FileReport] = {}
    for found in findings:
        path = display_path(found.path)
        by_path.setdefault(path, FileReport(path)).findings.append(found.finding())
    text = RENDERERS[fmt](list(by_path.values()))
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    elif text:
        sys.stderr.write(text)
        sys.stderr.flush()
