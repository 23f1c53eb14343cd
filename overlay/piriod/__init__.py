"""piriod: the typed Python client for the Piriod billing API.

from piriod import Piriod

client = Piriod()  # PIRIOD_API_TOKEN, PIRIOD_WORKSPACE from the environment
for customer in client.customers.list(country="CL"):
    print(customer.id, customer.name)
"""

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
