"""Contains all the data models used in inputs/outputs"""

from .aggregations import Aggregations
from .contact import Contact
from .country import Country
from .customer import Customer
from .customer_list import CustomerList
from .customer_status import CustomerStatus
from .error_detail import ErrorDetail
from .metadata import Metadata
from .plan import Plan
from .plan_status import PlanStatus
from .plan_tiers_mode import PlanTiersMode
from .plan_usage_aggregation import PlanUsageAggregation
from .plan_usage_scheme import PlanUsageScheme
from .product import Product
from .product_list import ProductList
from .product_status import ProductStatus
from .state import State
from .tax_settings import TaxSettings
from .tier import Tier
from .validation_error import ValidationError

__all__ = (
    "Aggregations",
    "Contact",
    "Country",
    "Customer",
    "CustomerList",
    "CustomerStatus",
    "ErrorDetail",
    "Metadata",
    "Plan",
    "PlanStatus",
    "PlanTiersMode",
    "PlanUsageAggregation",
    "PlanUsageScheme",
    "Product",
    "ProductList",
    "ProductStatus",
    "State",
    "TaxSettings",
    "Tier",
    "ValidationError",
)
