"""Does every value a model holds fit its field's annotation? An independent check.

It reads only the annotations (`typing.get_type_hints` of the attrs classes), never the
generated parsing code or its checks, so it catches a `from_dict` or `_from_wire` that lets a
value of another type through. The rules are Python's, with JSON's strictness where Python
is loose: a `bool` is no `int`, and a `float` field holds an `int` (PEP 484's numeric
tower, which the models use: integer amounts stay ints) or a finite float, never NaN or
Infinity, which no JSON value is. With `decimals=True`, the one rule of openapi.yaml no
annotation shows is checked too: a `str` in a `float | str` field (an `Amount`) is a
decimal. It checks the stock models (tests/test_parsing_speedups.py) as well.
"""

from __future__ import annotations

import datetime
import enum
import functools
import importlib
import math
import re
import types
import typing
from typing import Any

import attrs

from piriod_api.types import Unset

__all__ = ["annotation_violations"]


_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")  # openapi.yaml's Amount pattern, whole


class _Found(list[str]):
    """The problems found so far, and whether decimal strings are checked."""

    def __init__(self, *, decimals: bool) -> None:
        super().__init__()
        self.decimals = decimals


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    # The models package's names too: the stock models import each other inside functions.
    package = importlib.import_module(cls.__module__.rpartition(".")[0])
    return typing.get_type_hints(cls, localns=vars(package))


def annotation_violations(
    item: object, where: str = "item", *, decimals: bool = False
) -> list[str]:
    """Every place in the model `item` where a value does not fit its annotation, as
    "item.contacts[0].email: a int is not str | None | Unset" (values are never shown);
    [] when all fit."""
    found = _Found(decimals=decimals)
    _check_model(item, where, found)
    return list(found)


def _check_model(item: object, where: str, found: _Found) -> None:
    cls = type(item)
    if not attrs.has(cls):
        found.append(f"{where}: {type(item).__name__} is not a model")
        return
    hints = _hints(cls)
    for field in attrs.fields(cls):
        value = getattr(item, field.name)
        annotation = hints[field.name]
        _check(value, annotation, f"{where}.{field.name}", found)
        members = typing.get_args(annotation)
        amount = float in members and str in members
        if found.decimals and amount and type(value) is str and not _DECIMAL.fullmatch(value):
            found.append(f"{where}.{field.name}: a str that is not a decimal")


def _fits_plain(value: object, annotation: Any) -> bool | None:  # noqa: PLR0911
    """Whether `value` fits a non-generic annotation; None when the annotation is generic."""
    if annotation is Any:
        return True
    if annotation is type(None):
        return value is None
    if annotation is bool:
        return type(value) is bool
    if annotation is int:
        return type(value) is int
    if annotation is float:
        return type(value) is int or (type(value) is float and math.isfinite(value))
    if annotation is str:
        return type(value) is str
    if annotation is datetime.datetime:
        return type(value) is datetime.datetime
    if annotation is Unset or getattr(annotation, "__name__", None) == "Unset":  # any package's
        return type(value) is annotation
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return type(value) is annotation
    return None


def _fits(value: object, annotation: Any, where: str, found: _Found) -> bool:  # noqa: PLR0911
    """Whether `value` fits `annotation`; problems inside a fitting container or model are
    added to `found` (so a list of models reports the very field that is wrong)."""
    plain = _fits_plain(value, annotation)
    if plain is not None:
        return plain
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = typing.get_args(annotation)
        # A union fits if a member fits; the problems reported are those of that member.
        for member in members:
            inner = _Found(decimals=found.decimals)
            if _fits(value, member, where, inner):
                found.extend(inner)
                return True
        return False
    if origin is list:
        if type(value) is not list:
            return False
        (item_type,) = typing.get_args(annotation)
        for index, entry in enumerate(value):
            _check(entry, item_type, f"{where}[{index}]", found)
        return True
    if origin is dict:
        if type(value) is not dict:
            return False
        key_type, value_type = typing.get_args(annotation)
        for key, entry in value.items():
            _check(key, key_type, f"{where} key", found)
            _check(entry, value_type, f"{where}[{key!r}]", found)
        return True
    if isinstance(annotation, type) and attrs.has(annotation):
        if type(value) is not annotation:
            return False
        _check_model(value, where, found)
        return True
    raise TypeError(f"the checker does not know the annotation {annotation!r} (at {where})")


def _check(value: object, annotation: Any, where: str, found: _Found) -> None:
    if not _fits(value, annotation, where, found):
        shown = "NaN/Infinity" if isinstance(value, float) else type(value).__name__
        found.append(f"{where}: a {shown} is not {_name(annotation)}")


def _name(annotation: Any) -> str:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return " | ".join(_name(member) for member in typing.get_args(annotation))
    return getattr(annotation, "__name__", repr(annotation))
