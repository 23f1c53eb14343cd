"""The async client: count customers by status, walking every page.

python examples/quickstart_async.py
"""

from __future__ import annotations

import asyncio
from collections import Counter

from piriod import AsyncPiriod


async def main() -> None:
    async with AsyncPiriod() as client:
        statuses: Counter[str] = Counter()
        async for customer in client.customers.list(ordering="created"):
            statuses[str(customer.status)] += 1
        page = await client.products.page(page=1)
        print(dict(statuses), f"{page.count} products")


if __name__ == "__main__":
    asyncio.run(main())
