"""The dlt source: a workspace's customers and products as dlt resources, each walked with the
client (its retries, deadlines, checks and parallel pages).

Each item is loaded as the API serves it (`to_dict()`): `id` is the primary key, nested
objects become columns (`country__id`), and lists of objects become child tables
(`customers__contacts`, `products__plans`, `products__plans__tiers`) that dlt links to
their parent row. Free-form objects (`metadata`, `tax_settings`) are one JSON column each,
not a column for every key some item happens to hold.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import dlt

from .._exceptions import PiriodError

if TYPE_CHECKING:
    from dlt.extract import DltResource

    from .._client import Piriod

__all__ = ["RESOURCES", "DatasetMismatchError", "Progress", "piriod_source"]

RESOURCES = ("customers", "products")

# Called with a resource's name, the items it just loaded and how many it holds in all.
Progress = Callable[[str, int, int], None]

# Objects whose keys are the user's own: one JSON column each.
_FREE_FORM = {"customers": ("metadata", "tax_settings"), "products": ()}
# Objects (never lists) whose fields become columns: a null one is left out of its row.
_OBJECTS = ("country", "state", "aggregations")
# The API filters customers by creation date (`created__gte`); products it cannot.
_FILTERS_BY_CREATED = frozenset({"customers"})


class DatasetMismatchError(PiriodError):
    """The dataset holds another workspace's data, or the other mode's (live or test)."""


def check_resources(resources: Sequence[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(resources))
    unknown = [name for name in chosen if name not in RESOURCES]
    if unknown or not chosen:
        raise ValueError(
            f"resources={list(resources)!r} is invalid: choose among 'customers' and 'products'"
        )
    return chosen


# root_key: child rows carry their root row's key from the first load, so a dataset loaded
# in full (replace) can later take new customers (merge), which needs that key.
@dlt.source(name="piriod", root_key=True)
def piriod_source(
    client: Piriod,
    resources: Sequence[str] = RESOURCES,
    new_only: bool = False,
    concurrency: int = 4,
    progress: Progress | None = None,
) -> list[DltResource]:
    """The customers and products of `client`'s workspace (live or test mode, as the client
    is), for `pipeline.run(piriod_source(client))`.

    A full sync replaces each table with what the API holds, so updates and deletions show.
    With `new_only=True`, customers created since the last sync are merged in (by `id`)
    and nothing else is asked for; products, which the API cannot filter by creation
    date, are synced in full either way. Use a destination whose replace strategy is
    "insert-from-staging" (what `piriod.sync.sync` sets) so a failed load leaves the
    previous tables whole.
    """
    chosen = check_resources(resources)
    return [
        dlt.resource(
            _walk(client, name, new_only=new_only, concurrency=concurrency, progress=progress),
            name=name,
            primary_key="id",
            write_disposition="merge" if new_only and name in _FILTERS_BY_CREATED else "replace",
            columns={column: {"data_type": "json"} for column in _FREE_FORM[name]},
        )
        for name in chosen
    ]


def _walk(
    client: Piriod,
    resource: str,
    *,
    new_only: bool,
    concurrency: int,
    progress: Progress | None,
) -> Iterator[list[dict[str, Any]]]:
    """The pages of one resource, each as a list of rows; the cursor of creation dates
    (`created_since` and the ids created at that moment) is kept in the resource's state,
    which dlt stores with the load, so it moves only when the load lands."""
    _check_what_the_dataset_holds(client)
    state = dlt.current.resource_state()
    filters: dict[str, Any] = {}
    since: datetime.datetime | None = None
    loaded_at_cursor: set[str] = set()
    if new_only and resource in _FILTERS_BY_CREATED and "created_since" in state:
        since = datetime.datetime.fromisoformat(state["created_since"])
        loaded_at_cursor = set(state.get("ids_at_cursor", ()))
        filters["created_gte"] = since
    cursor = _Cursor(since, loaded_at_cursor)
    # Oldest first: items created during the walk come last, and none moves a page. A list
    # that changes anyway (a deletion) stops the sync rather than replace a table with a
    # walk that may have missed an item.
    paginator = getattr(client, resource).list(
        ordering="created", concurrency=concurrency, on_drift="raise", **filters
    )
    for page in paginator.pages():
        rows = [_row(item) for item in page.items if cursor.is_new(item)]
        if progress is not None:
            progress(resource, len(page.items), page.count)
        if rows:
            yield rows
    if resource in _FILTERS_BY_CREATED:
        cursor.save(state)


def _row(item: Any) -> dict[str, Any]:
    """The item as the API serves it, less the objects it holds none of: their fields are
    columns of their own (`state__name`), null in this row either way."""
    row: dict[str, Any] = item.to_dict()
    for key in _OBJECTS:
        if key in row and row[key] is None:
            del row[key]
    return row


class _Cursor:
    """The newest creation date loaded, and the ids created at that very moment: asking for
    `created__gte` that date brings them again, and they are left out."""

    def __init__(self, since: datetime.datetime | None, ids_at_since: set[str]) -> None:
        self._since = since
        self._ids_at_since = ids_at_since
        self.newest = since
        self.ids_at_newest = set(ids_at_since)

    def is_new(self, item: Any) -> bool:
        created = getattr(item, "created", None)
        if not isinstance(created, datetime.datetime):
            return True
        if created == self._since and item.id in self._ids_at_since:
            return False
        if self.newest is None or created > self.newest:
            self.newest, self.ids_at_newest = created, {item.id}
        elif created == self.newest:
            self.ids_at_newest.add(item.id)
        return True

    def save(self, state: dict[str, Any]) -> None:
        if self.newest is not None:
            state["created_since"] = self.newest.isoformat()
            state["ids_at_cursor"] = sorted(self.ids_at_newest)


def _check_what_the_dataset_holds(client: Piriod) -> None:
    """A dataset holds one workspace's live data, or its test data: never a mix."""
    state = dlt.current.source_state()
    holds = {"workspace": client.workspace, "test_mode": client.test_mode}
    before = state.get("holds")
    if before is not None and before != holds:
        raise DatasetMismatchError(
            f"this dataset holds the {_describe(before)}, and this sync is of the"
            f" {_describe(holds)}: sync into another dataset (test mode's default is"
            " piriod_test, live mode's piriod_live)"
        )
    state["holds"] = holds


def _describe(holds: dict[str, Any]) -> str:
    mode = "test-mode" if holds.get("test_mode") else "live"
    return f"{mode} data of workspace {holds.get('workspace')}"
