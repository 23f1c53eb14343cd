"""List every customer and product of a workspace.

Reads PIRIOD_API_TOKEN, PIRIOD_WORKSPACE (and PIRIOD_BASE_URL, PIRIOD_TEST_MODE) from the
environment. Run it against the sandbox or the real API:

    python examples/quickstart.py
"""

from __future__ import annotations

from piriod import UNSET, Piriod, PiriodError


def main() -> int:
    try:
        with Piriod() as client:
            for customer in client.customers.list(country="CL", max_items=5):
                email = customer.email if customer.email is not UNSET else "-"
                print(f"{customer.id}  {customer.name}  {email}")
            first = client.products.page(page=1, page_size=5)
            print(f"{first.count} products; the first {len(first.items)}:")
            for product in first.items:
                plans = product.plans if isinstance(product.plans, list) else []
                print(f"  {product.id}  {product.name}  ({len(plans)} plans)")
    except PiriodError as error:
        print(f"error: {error}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
