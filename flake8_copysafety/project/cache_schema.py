"""The project model's entries as stored on disk: JSON, read back against their schema.

A repository can commit its cache folder, so what is read from it is data a stranger wrote.
JSON runs no code when read (a pickle would); each entry is then checked against the layout
`entries.py` documents, and its tuples rebuilt. An entry that does not fit is dropped (the
module is indexed again and the file rewritten), never half used.

    decoded = entry_from_json(json.loads(text))   # a ModuleEntry, or None: not one
"""

from typing import Any, Callable, Dict, List, Optional

from .entries import ModuleEntry


class Invalid(Exception):
    """Stored data that does not have the layout it should."""


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid("not a string")
    return value


def _opt_str(value: Any) -> Optional[str]:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Invalid("not an integer")
    return value


def _list(value: Any, item: Callable[[Any], Any]) -> list:
    if not isinstance(value, list):
        raise Invalid("not a list")
    return [item(v) for v in value]


def _mapping(value: Any, item: Callable[[Any], Any]) -> dict:
    if not isinstance(value, dict):
        raise Invalid("not an object")
    return {_str(k): item(v) for k, v in value.items()}


def _fields(value: Any, *items: Callable[[Any], Any]) -> tuple:
    if not isinstance(value, list) or len(value) != len(items):
        raise Invalid("not a tuple of the right length")
    return tuple(item(v) for item, v in zip(items, value))


def value_from_json(value: Any, depth: int = 0) -> tuple:
    """An `entries.Value` tuple."""
    if not isinstance(value, list) or not value or depth > 32:
        raise Invalid("not a value")
    kind = value[0]
    nested = lambda v: value_from_json(v, depth + 1)  # noqa: E731
    if kind == "call":
        return ("call",) + _fields(value[1:], _str, lambda v: _list(v, nested),
                                   lambda v: _mapping(v, nested))
    if kind == "list":
        return ("list",) + _fields(value[1:], lambda v: _list(v, nested))
    if kind == "dict":
        return ("dict",) + _fields(value[1:], lambda v: _mapping(v, nested))
    if kind in ("name", "const"):
        return (kind,) + _fields(value[1:], _str)
    if kind == "other" and len(value) == 1:
        return ("other",)
    raise Invalid("not a value")


def _strings(value: Any) -> List[str]:
    return _list(value, _str)


def _class(value: Any) -> Dict[str, Any]:
    if not isinstance(value, dict):
        raise Invalid("not a class")
    return {
        "line": _int(value["line"]),
        "bases": _strings(value["bases"]),
        "methods": _mapping(value["methods"], _strings),
        "decorators": _strings(value["decorators"]),
        "attr_params": _mapping(value["attr_params"], _str),
        "defaults": _mapping(value["defaults"], value_from_json),
        "composes": _opt_str(value["composes"]),
        "builds_from": _strings(value["builds_from"]),
        "attr_wrapped": _mapping(value["attr_wrapped"], lambda v: _fields(v, _str, _str)),
    }


def entry_from_json(value: Any) -> ModuleEntry:
    """The module entry stored as `value` (raises Invalid when it does not fit)."""
    if not isinstance(value, dict):
        raise Invalid("not an entry")
    try:
        return {
            "imports": _mapping(value["imports"],
                                lambda v: _fields(v, _int, _str, _opt_str)),
            "classes": _mapping(value["classes"], _class),
            "functions": _mapping(value["functions"], _strings),
            "registrations": _list(value["registrations"],
                                   lambda v: _fields(v, _str, lambda n: tuple(_strings(n)),
                                                     _str)),
            "assigns": _mapping(value["assigns"], value_from_json),
        }
    except (KeyError, TypeError) as exc:
        raise Invalid(f"missing or odd field: {exc}") from None
