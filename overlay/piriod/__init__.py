"""piriod: the typed Python client for the Piriod billing API.

from piriod import Piriod

client = Piriod()  # PIRIOD_API_TOKEN, PIRIOD_WORKSPACE from the environment
for customer in client.customers.list(country="CL"):
    print(customer.id, customer.name)
"""

from typing import TYPE_CHECKING, Any

from piriod_api.types import UNSET, Unset

from ._client import AsyncPiriod, Piriod
from ._config import DEFAULT_BASE_URL, DEFAULT_TIMEOUT
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    DriftWarning,
    IncompleteWalkError,
    InvalidItemError,
    InvalidItemsWarning,
    ListChangedError,
    NotFoundError,
    PermissionDeniedError,
    PiriodError,
    RateLimitError,
    ServerError,
    UnexpectedResponseError,
)
from ._pagination import AsyncPaginator, OnDrift, Page, Paginator
from ._params import CustomerFilters, DateLike, ProductFilters
from ._version import __version__

# The generated models are re-exported on first use (PEP 562), so `import piriod` does not
# build twenty attrs classes up front; type checkers see them through the import below.
_MODELS = frozenset(
    {
        "Aggregations",
        "Contact",
        "Country",
        "Customer",
        "CustomerStatus",
        "Metadata",
        "Plan",
        "PlanStatus",
        "PlanTiersMode",
        "PlanUsageAggregation",
        "PlanUsageScheme",
        "Product",
        "ProductStatus",
        "State",
        "TaxSettings",
        "Tier",
    }
)

if TYPE_CHECKING:
    from piriod_api.models import (
        Aggregations,
        Contact,
        Country,
        Customer,
        CustomerStatus,
        Metadata,
        Plan,
        PlanStatus,
        PlanTiersMode,
        PlanUsageAggregation,
        PlanUsageScheme,
        Product,
        ProductStatus,
        State,
        TaxSettings,
        Tier,
    )


def __getattr__(name: str) -> Any:
    if name in _MODELS:
        from piriod_api import models  # noqa: PLC0415

        value = getattr(models, name)
        globals()[name] = value  # later lookups skip this function
        return value
    raise AttributeError(f"module 'piriod' has no attribute {name!r}")


__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_TIMEOUT",
    "UNSET",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "Aggregations",
    "AsyncPaginator",
    "AsyncPiriod",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "Contact",
    "Country",
    "Customer",
    "CustomerFilters",
    "CustomerStatus",
    "DateLike",
    "DriftWarning",
    "IncompleteWalkError",
    "InvalidItemError",
    "InvalidItemsWarning",
    "ListChangedError",
    "Metadata",
    "NotFoundError",
    "OnDrift",
    "Page",
    "Paginator",
    "PermissionDeniedError",
    "Piriod",
    "PiriodError",
    "Plan",
    "PlanStatus",
    "PlanTiersMode",
    "PlanUsageAggregation",
    "PlanUsageScheme",
    "Product",
    "ProductFilters",
    "ProductStatus",
    "RateLimitError",
    "ServerError",
    "State",
    "TaxSettings",
    "Tier",
    "UnexpectedResponseError",
    "Unset",
    "__version__",
]
