"""Project configuration for the `copysafety` command.

Read from `[tool.copysafety]` in pyproject.toml or `[copysafety]` in setup.cfg, whichever is
found first walking up from the working directory (pyproject.toml wins inside one directory).
The walk stops at the top of a repository (a directory holding `.git` or `.hg`). Keys:
`select`, `ignore`, `extend-select`, `extend-ignore`, `per-file-ignores`, `exclude`,
`dataset-bases`, `copy-functions`, `reference-returning` (underscores work too). Values are
TOML lists or comma/newline separated strings; `per-file-ignores` is a TOML table
(`"tests/*" = ["CPS201"]`) or flake8's `GLOB: CODES` lines. An unknown key is an error that
names the nearest valid one. Command-line flags override the file.

A project with only flake8 settings: when no such section is found, the same walk looks for
a `[flake8]` section (setup.cfg, tox.ini, .flake8, flake8's order) and reads the plugin's own
options there (`copysafety-dataset-bases`, `copysafety-copy-functions`,
`copysafety-reference-returning`) and the `CPS` entries
of `extend-select`, `extend-ignore` and `per-file-ignores`. flake8's `select` and `ignore`
are not read: they choose among every plugin's codes, not this command's.
"""

import configparser
import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from ..core.options import OPTIONS

KEYS = (
    "select", "ignore", "extend-select", "extend-ignore", "per-file-ignores", "exclude",
) + tuple(row.key for row in OPTIONS)
# The `[flake8]` keys this command reads when a project has no section of its own, and the
# setting each becomes; code lists keep only their CPS entries.
FLAKE8_KEYS = {
    **{row.flake8_key: row.key for row in OPTIONS},
    "extend-select": "extend-select",
    "extend-ignore": "extend-ignore",
    "per-file-ignores": "per-file-ignores",
}
FLAKE8_FILES = ("setup.cfg", "tox.ini", ".flake8")


class ConfigError(ValueError):
    """A configuration file that exists but cannot be used."""


@dataclass
class FileConfig:
    """Settings read from one file; None means "not set"."""

    path: Optional[Path] = None
    values: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    warnings: List[str] = field(default_factory=list)
    # (glob, codes) pairs, globs relative to the configuration file's directory
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()

    def get(self, key: str) -> Optional[Tuple[str, ...]]:
        return self.values.get(key)


def _toml_loader():
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    try:
        import tomli  # type: ignore[import-not-found]
    except ImportError:
        return None
    return tomli


def _split(value: Any, where: str, key: str) -> Tuple[str, ...]:
    if isinstance(value, str):
        items = re.split(r"[,\n]", value)
    elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        items = list(value)
    else:
        raise ConfigError(f"{where}: `{key}` must be a string or a list of strings")
    return tuple(item.strip() for item in items if item.strip())


def _normalise(raw: Dict[str, Any], where: str, config: FileConfig) -> None:
    for name, value in raw.items():
        key = name.replace("_", "-").lower()
        if key not in KEYS:
            near = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise ConfigError(f"{where}: unknown key {name!r}; {hint}valid keys: "
                              f"{', '.join(KEYS)}")
        if key == "per-file-ignores":
            config.per_file_ignores = parse_per_file_ignores(value, where)
        else:
            config.values[key] = _split(value, where, name)


def parse_per_file_ignores(value: Any, where: str) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    """A TOML table `{glob: [codes]}`, or flake8's text (`glob: CODES` entries; several globs
    may share the codes: `a.py b.py: CPS101`), parsed by flake8's own parser."""
    if isinstance(value, dict):
        return tuple((glob, _split(codes, where, f"per-file-ignores.{glob}"))
                     for glob, codes in value.items())
    if not isinstance(value, str):
        raise ConfigError(f"{where}: `per-file-ignores` must be a table or flake8's "
                          "`GLOB: CODES` text")
    from flake8.exceptions import ExecutionError
    from flake8.utils import parse_files_to_codes_mapping

    try:
        pairs = parse_files_to_codes_mapping(value)
    except ExecutionError:
        raise ConfigError(f"{where}: `per-file-ignores` is not flake8's `GLOB: CODES` "
                          "text") from None
    return tuple((glob, tuple(codes)) for glob, codes in pairs)


def read_pyproject(path: Path, config: Optional[FileConfig] = None) -> Optional[FileConfig]:
    """The `[tool.copysafety]` table, or None when the file has none."""
    config = config or FileConfig()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"copysafety" not in data:
        return None
    loader = _toml_loader()
    if loader is None:
        config.warnings.append(
            f"{path}: [tool.copysafety] not read: install `tomli` to read pyproject.toml "
            "on Python < 3.11"
        )
        return None
    try:
        document = loader.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    table = document.get("tool", {}).get("copysafety")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.copysafety] must be a table")
    config.path = path
    _normalise(table, f"{path} [tool.copysafety]", config)
    return config


def _read_ini(path: Path, strict: bool) -> Optional[configparser.RawConfigParser]:
    """An INI file (setup.cfg, tox.ini, .flake8) parsed; one that cannot be read or parsed is a
    `ConfigError` when `strict`, else None."""
    parser = configparser.RawConfigParser()
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except OSError as exc:
        if strict:
            raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
        return None
    except (configparser.Error, UnicodeDecodeError) as exc:
        if strict:
            raise ConfigError(f"{path}: not a valid INI file: {exc}") from None
        return None
    return parser


def read_setup_cfg(path: Path, config: Optional[FileConfig] = None) -> Optional[FileConfig]:
    """The `[copysafety]` section of an INI file (setup.cfg, tox.ini), or None."""
    config = config or FileConfig()
    parser = _read_ini(path, strict=True)
    if parser is None or not parser.has_section("copysafety"):
        return None
    config.path = path
    _normalise(dict(parser.items("copysafety")), f"{path} [copysafety]", config)
    return config


def read_file(path: Path) -> FileConfig:
    """An explicitly named configuration file (`--config`)."""
    if not path.is_file():
        raise ConfigError(f"configuration file {path} does not exist")
    reader = read_pyproject if path.suffix == ".toml" else read_setup_cfg
    warnings: List[str] = []
    found = reader(path, FileConfig(warnings=warnings))
    if found is None:
        section = "[tool.copysafety]" if path.suffix == ".toml" else "[copysafety]"
        raise ConfigError(f"{path} has no {section} section")
    return found


def read_flake8(path: Path, config: Optional[FileConfig] = None) -> Optional[FileConfig]:
    """What this command takes from a `[flake8]` section (see the module's docstring)."""
    config = config or FileConfig()
    parser = _read_ini(path, strict=False)  # flake8's configuration, flake8's to complain about
    if parser is None or not parser.has_section("flake8"):
        return None
    config.path = path
    where = f"{path} [flake8]"
    for name, value in parser.items("flake8"):
        key = FLAKE8_KEYS.get(name.replace("_", "-").lower())
        if key == "per-file-ignores":
            pairs = parse_per_file_ignores(value, where)
            config.per_file_ignores = tuple(
                (glob, tuple(c for c in codes if c.upper().startswith("CPS")))
                for glob, codes in pairs)
        elif key in ("extend-select", "extend-ignore"):
            config.values[key] = tuple(c for c in _split(value, where, name)
                                       if c.upper().startswith("CPS"))
        elif key is not None:
            config.values[key] = _split(value, where, name)
    return config


def discover(start: Optional[Path] = None) -> FileConfig:
    """The nearest configuration from `start` (the working directory) upwards; without one,
    the nearest `[flake8]` section."""
    warnings: List[str] = []
    readers = (("pyproject.toml", read_pyproject), ("setup.cfg", read_setup_cfg))
    found = _nearest(start, readers, warnings)
    if found is None:
        found = _nearest(start, [(name, read_flake8) for name in FLAKE8_FILES], warnings)
    return found if found is not None else FileConfig(warnings=warnings)


def _nearest(start: Optional[Path], readers, warnings: List[str]) -> Optional[FileConfig]:
    directory = (start or Path.cwd()).resolve()
    while True:
        for name, reader in readers:
            candidate = directory / name
            if candidate.is_file():
                found = reader(candidate, FileConfig(warnings=warnings))
                if found is not None:
                    return found
        if (directory / ".git").exists() or (directory / ".hg").exists():
            return None
        parent = directory.parent
        if parent == directory:
            return None
        directory = parent
