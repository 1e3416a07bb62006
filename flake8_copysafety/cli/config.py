"""Project configuration for the `copysafety` command.

Read from `[tool.copysafety]` in pyproject.toml or `[copysafety]` in setup.cfg, whichever is
found first walking up from the working directory (pyproject.toml wins inside one directory).
The walk stops at the top of a repository (a directory holding `.git` or `.hg`). Keys:
`select`, `ignore`, `extend-select`, `extend-ignore`, `exclude`, `dataset-bases`,
`copy-functions` (underscores work too). Values are TOML lists or comma/newline separated
strings. Command-line flags override the file.
"""

import configparser
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

KEYS = (
    "select", "ignore", "extend-select", "extend-ignore", "exclude",
    "dataset-bases", "copy-functions",
)


class ConfigError(ValueError):
    """A configuration file that exists but cannot be used."""


@dataclass
class FileConfig:
    """Settings read from one file; None means "not set"."""

    path: Optional[Path] = None
    values: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    warnings: List[str] = field(default_factory=list)

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
            config.warnings.append(
                f"{where}: unknown key {name!r} ignored (known: {', '.join(KEYS)})"
            )
            continue
        config.values[key] = _split(value, where, name)


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


def read_setup_cfg(path: Path, config: Optional[FileConfig] = None) -> Optional[FileConfig]:
    """The `[copysafety]` section of an INI file (setup.cfg, tox.ini), or None."""
    config = config or FileConfig()
    parser = configparser.RawConfigParser()
    try:
        with open(path, encoding="utf-8") as handle:
            parser.read_file(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not a valid INI file: {exc}") from None
    if not parser.has_section("copysafety"):
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


def discover(start: Optional[Path] = None) -> FileConfig:
    """The nearest configuration from `start` (the working directory) upwards."""
    directory = (start or Path.cwd()).resolve()
    warnings: List[str] = []
    while True:
        for name, reader in (("pyproject.toml", read_pyproject), ("setup.cfg", read_setup_cfg)):
            candidate = directory / name
            if candidate.is_file():
                found = reader(candidate, FileConfig(warnings=warnings))
                if found is not None:
                    return found
        if (directory / ".git").exists() or (directory / ".hg").exists():
            break
        parent = directory.parent
        if parent == directory:
            break
        directory = parent
    return FileConfig(warnings=warnings)
