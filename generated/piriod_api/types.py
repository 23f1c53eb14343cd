"""Contains some shared types for properties"""

import datetime
import math
import re
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, ClassVar, Generic, Literal, TypeVar

from attrs import define


class Unset:
    """The type of `UNSET`, the value of a field the API left out (not the same as null).

    There is one `UNSET` per process, whatever copies it: `Unset()` returns it, copy and
    deepcopy return it, and pickle stores it by name and loads it back as this module's
    `UNSET`. So `field is UNSET` holds after multiprocessing, Celery or a cache copied the
    item, and items compare equal to their copies.
    """

    __slots__ = ()
    _instance: ClassVar["Unset | None"] = None

    def __new__(cls) -> "Unset":
        instance = Unset._instance
        if instance is None:
            instance = Unset._instance = super().__new__(cls)
        return instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    def __reduce__(self) -> str:
        return "UNSET"  # pickled as a reference to piriod_api.types.UNSET

    def __copy__(self) -> "Unset":
        return self

    def __deepcopy__(self, memo: object) -> "Unset":
        return self


UNSET: Unset = Unset()


def model_repr(item: object, names: tuple[str, ...]) -> str:
    """`Class(field=value, ...)` with only the fields that are set (UNSET ones left out),
    then the fields the spec does not list, if any: the repr of every generated model."""
    parts = []
    for name in names:
        value = getattr(item, name)
        if value is not UNSET:
            parts.append(f"{name}={value!r}")
    additional = getattr(item, "additional_properties", None)
    if additional:
        parts.append(f"additional_properties={additional!r}")
    return f"{type(item).__name__}({', '.join(parts)})"


class InvalidValue(ValueError):
    """A JSON value that does not fit the type of its field: raised by every `from_dict`.

    `path` leads to the value from the object `from_dict` was given (`["contacts", 2,
    "email"]`): a nested model or a list item prepends its own segment as the error passes
    through it. `expected` is what the spec allows there ("string or null"), `found` the JSON
    type that came instead ("integer", "missing", "string (not a date-time)"). The value
    itself is never kept nor quoted: it may be anything, a secret included.
    """

    path: list[str | int]
    expected: str
    found: str

    def __init__(self, path: list[str | int], expected: str, found: str) -> None:
        super().__init__(path, expected, found)
        self.path = path
        self.expected = expected
        self.found = found

    @classmethod
    def of(cls, path: list[str | int], expected: str, value: object) -> "InvalidValue":
        """The error for `value` at `path`, which is not of the `expected` type."""
        return cls(path, expected, json_type(value))

    @property
    def field(self) -> str:
        """The path as text: `contacts[2].email`; "" for the object itself."""
        return format_path(self.path)

    def __str__(self) -> str:
        return (
            f"{self.field or 'the value'}: expected {self.expected}, found {self.found}"
        )


def format_path(path: list[str | int]) -> str:
    """`["contacts", 2, "email"]` as `contacts[2].email`."""
    text = ""
    for segment in path:
        if isinstance(segment, int):
            text += f"[{segment}]"
        else:
            text += f".{segment}" if text else segment
    return text


def json_type(value: object) -> str:
    """The JSON type of a decoded value, as `InvalidValue.found` names it: "missing" for an
    absent field (UNSET), "non-finite number" for the NaN and Infinity Python's json reads."""
    if value is UNSET:
        return "missing"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number" if math.isfinite(value) else "non-finite number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__  # not from JSON: whatever a caller passed


# A decimal written as a string, as older payloads write money ("3757.00"): what the string
# branch of a number-or-string union must match, whole (openapi.yaml's `Amount` pattern is
# "^" + this + "$"; a test keeps the two equal).
DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")

_from_isoformat = datetime.datetime.fromisoformat


def parse_date_time(text: str) -> datetime.datetime:
    """The aware datetime a `format: date-time` string (RFC 3339) stands for. A string
    `fromisoformat` reads without an offset (a date alone, a time with no zone) is a
    ValueError: its naive datetime could not even be compared with the others."""
    value = _from_isoformat(text)
    if value.tzinfo is None:
        raise ValueError("a date-time without an offset")
    return value


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = [
    "DECIMAL",
    "parse_date_time",
    "UNSET",
    "File",
    "FileTypes",
    "InvalidValue",
    "RequestFiles",
    "Response",
    "Unset",
    "format_path",
    "json_type",
    "model_repr",
]
