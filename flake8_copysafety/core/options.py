"""The analysis options, each declared once, as a field of `LintOptions`.

A field's row (`OPTIONS`) makes everything else: the flake8 option
(`--copysafety-<key>`, also read from `[flake8]`), the command's argument (`--<key>`), the
configuration key (`<key>`, and `copysafety-<key>` in a `[flake8]` section), a part of the
result cache's key and of the worker's request. Every option is a list of dotted names.
Imports nothing heavy: the flake8 plugin reads it on every run.
"""

from dataclasses import dataclass, field, fields
from typing import Any, Dict, Mapping, Tuple

Names = Tuple[str, ...]


def _option(help: str, example: str) -> Any:
    return field(default=(), metadata={"help": help, "example": example})


@dataclass(frozen=True)
class LintOptions:
    """User configuration shared by the flake8 plugin and the standalone command."""

    dataset_bases: Names = _option("extra dataset base classes, dotted",
                                   "mypkg.data.BaseDataset")
    copy_functions: Names = _option("extra functions that return a deep copy",
                                    "mypkg.utils.deep_clone")
    # methods of the project's own store classes that return the objects the store keeps
    reference_returning: Names = _option(
        "methods of store classes that return the objects the store keeps",
        "mypkg.store.Store.get")

    def values(self) -> Tuple[Names, ...]:
        """Every option's value, in row order (the result cache's key holds them)."""
        return tuple(getattr(self, row.name) for row in OPTIONS)

    def as_payload(self) -> Dict[str, list]:
        """The options as the worker's request carries them (JSON), by name."""
        return {row.name: list(getattr(self, row.name)) for row in OPTIONS}

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> "LintOptions":
        return cls(**{row.name: tuple(str(n) for n in payload.get(row.name, ()))
                      for row in OPTIONS})


@dataclass(frozen=True)
class Option:
    """One row: a field of `LintOptions` and how each front end spells it."""

    name: str  # the field: `reference_returning`
    help: str
    example: str

    @property
    def key(self) -> str:
        """The configuration key, and the command's flag without its dashes."""
        return self.name.replace("_", "-")

    @property
    def flag(self) -> str:
        return f"--{self.key}"

    @property
    def flake8_key(self) -> str:
        """The key in a `[flake8]` section."""
        return f"copysafety-{self.key}"

    @property
    def flake8_flag(self) -> str:
        return f"--{self.flake8_key}"

    @property
    def flake8_dest(self) -> str:
        """The attribute flake8's parsed options hold it under."""
        return self.flake8_key.replace("-", "_")

    @property
    def flake8_help(self) -> str:
        return f"{self.help[0].upper()}{self.help[1:]} (e.g. {self.example})."

    @property
    def command_help(self) -> str:
        return f"{self.help} ({self.example})"


OPTIONS: Tuple[Option, ...] = tuple(
    Option(f.name, f.metadata["help"], f.metadata["example"]) for f in fields(LintOptions))
