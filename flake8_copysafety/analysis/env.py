"""The environment a walk keeps: tracked names, and every key a branch or loop writes,
so that joins visit only what changed (kept apart from evaluation, as mypy's binder is)."""

from typing import Dict, List, Optional, Set

from .values import Tracked


class _Writes:
    """Every key written or removed in one walk, in order, and the fields (`name.x`) ever
    bound under each name: a join then visits only the keys a branch touched and a rebinding
    only the fields of its name, so a long function costs time in proportion to its length."""

    __slots__ = ("keys", "fields")

    def __init__(self) -> None:
        self.keys: List[str] = []
        self.fields: Dict[str, Set[str]] = {}

    def note(self, key: str) -> None:
        self.keys.append(key)
        head, dot, _ = key.partition(".")
        if dot:
            self.fields.setdefault(head, set()).add(key)


class Env(Dict[str, Tracked]):
    """Names (and `name.attr`) -> tracked values; every change is noted in `writes`, which
    the copies of one walk share."""

    __slots__ = ("writes",)

    def __init__(self, *args, writes: Optional[_Writes] = None) -> None:
        super().__init__(*args)
        self.writes = writes if writes is not None else _Writes()
        for key in self:
            self.writes.note(key)

    def copy(self) -> "Env":
        new = Env.__new__(Env)
        dict.update(new, self)
        new.writes = self.writes
        return new

    def __setitem__(self, key: str, value: Tracked) -> None:
        self.writes.note(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self.writes.note(key)
        dict.__delitem__(self, key)

    def pop(self, key, *default):
        self.writes.note(key)
        return dict.pop(self, key, *default)

    def popitem(self):
        key, value = dict.popitem(self)
        self.writes.note(key)
        return key, value

    def setdefault(self, key, default=None):
        self.writes.note(key)
        return dict.setdefault(self, key, default)

    def update(self, *args, **kwargs) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __ior__(self, other):  # type: ignore[misc]  # `|=` notes its keys too
        self.update(other)
        return self

    def clear(self) -> None:
        for key in self:
            self.writes.note(key)
        dict.clear(self)
