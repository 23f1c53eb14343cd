from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, InvalidValue, Unset, model_repr

T = TypeVar("T", bound="ProductList")


@_attrs_define(repr=False)
class ProductList:
    """One page of products."""

    count: int
    """ Total number of items matching the filter, across all pages. """
    results: list[Product]
    """ The items of this page. """
    next_: None | str | Unset = UNSET
    """ URL of the next page, or null on the last page. Only a "there is more" signal: it has been seen pointing at
    another host or at http://. Assumed: null on the last page is Django REST framework's page-number pagination;
    the docs list the field without saying. Seen in the wild: links over http:// or to another host. """
    previous: None | str | Unset = UNSET
    """ URL of the previous page, or null on the first page. Assumed: null on the first page is Django REST
    framework's page-number pagination; the docs list the field without saying. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        next_: None | str | Unset
        if isinstance(self.next_, Unset):
            next_ = UNSET
        else:
            next_ = self.next_

        previous: None | str | Unset
        if isinstance(self.previous, Unset):
            previous = UNSET
        else:
            previous = self.previous

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "results": results,
            }
        )
        if next_ is not UNSET:
            field_dict["next"] = next_
        if previous is not UNSET:
            field_dict["previous"] = previous

        return field_dict

    def to_json(self, *, indent: int | None = None) -> str:
        """The item as JSON text, as the API would send it: `to_dict()` through `json.dumps`
        (timestamps as ISO 8601 strings, enum members as their values, fields the API left
        out left out). `indent` pretty-prints, as in `json.dumps`."""
        return json.dumps(self.to_dict(), indent=indent)

    def __repr__(self) -> str:
        return model_repr(
            self,
            (
                "count",
                "results",
                "next_",
                "previous",
            ),
        )

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        count = d.pop("count", UNSET)
        if type(count) is not int:
            raise InvalidValue.of(["count"], "integer", count)

        _results = d.pop("results", UNSET)
        results: list[Product]
        if isinstance(_results, list):
            results_list: list[Product] = []
            for results_data in _results:
                results_item: Product
                if isinstance(results_data, dict):
                    try:
                        results_item = Product.from_dict(results_data)
                    except InvalidValue as error:
                        error.path[:0] = ["results", len(results_list)]
                        raise
                else:
                    raise InvalidValue.of(
                        ["results", len(results_list)], "object", results_data
                    )
                results_list.append(results_item)
            results = results_list
        else:
            raise InvalidValue.of(["results"], "array", _results)

        next_ = d.pop("next", UNSET)
        if not (isinstance(next_, str) or next_ is None or next_ is UNSET):
            raise InvalidValue.of(["next"], "string or null", next_)

        previous = d.pop("previous", UNSET)
        if not (isinstance(previous, str) or previous is None or previous is UNSET):
            raise InvalidValue.of(["previous"], "string or null", previous)

        product_list = cls.__new__(cls)
        product_list.count = count
        product_list.results = results
        product_list.next_ = next_
        product_list.previous = previous

        product_list.additional_properties = d
        return product_list

    @staticmethod
    @functools.cache
    def _wire_type() -> Any:
        """The type msgspec decodes ProductList JSON into on piriod's wire path (the
        `fast` extra); it takes only JSON that `from_dict` takes as it is. Built on first
        use, as msgspec is optional."""
        import msgspec  # noqa: PLC0415

        return msgspec.defstruct(
            "ProductListWire",
            [
                ("count", int),
                ("results", list[Product._wire_type()]),
                ("next_", str | None, UNSET),
                ("previous", str | None, UNSET),
            ],
            kw_only=True,
            gc=False,
            forbid_unknown_fields=True,
            rename={"next_": "next"},
        )

    @staticmethod
    def _from_wire(wire: Any) -> ProductList:
        """The ProductList `from_dict` makes of the JSON msgspec decoded as `wire`."""
        product_list = ProductList.__new__(ProductList)
        product_list.count = wire.count
        product_list.results = [Product._from_wire(item) for item in wire.results]
        product_list.next_ = wire.next_
        product_list.previous = wire.previous
        product_list.additional_properties = {}
        return product_list

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported once here, after the class, rather than inside from_dict/to_dict on every call:
# late enough that models which refer to each other still import.
from ..models.product import Product  # noqa: E402
