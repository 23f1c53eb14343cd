import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.customer_list import CustomerList
from ...models.error_detail import ErrorDetail
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    ordering: str | Unset = UNSET,
    country: str | Unset = UNSET,
    email: str | Unset = UNSET,
    name: str | Unset = UNSET,
    tax_id: str | Unset = UNSET,
    created: datetime.datetime | Unset = UNSET,
    created_gte: datetime.datetime | Unset = UNSET,
    created_lte: datetime.datetime | Unset = UNSET,
    subscriptions: str | Unset = UNSET,
    sources: str | Unset = UNSET,
    search: str | Unset = UNSET,
    x_simple_workspace: str,
    x_piriod_test_mode: bool | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    headers["x-simple-workspace"] = x_simple_workspace

    if not isinstance(x_piriod_test_mode, Unset):
        headers["x-piriod-test-mode"] = "true" if x_piriod_test_mode else "false"

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    params["ordering"] = ordering

    params["country"] = country

    params["email"] = email

    params["name"] = name

    params["tax_id"] = tax_id

    json_created: str | Unset = UNSET
    if not isinstance(created, Unset):
        json_created = created.isoformat()
    params["created"] = json_created

    json_created_gte: str | Unset = UNSET
    if not isinstance(created_gte, Unset):
        json_created_gte = created_gte.isoformat()
    params["created__gte"] = json_created_gte

    json_created_lte: str | Unset = UNSET
    if not isinstance(created_lte, Unset):
        json_created_lte = created_lte.isoformat()
    params["created__lte"] = json_created_lte

    params["subscriptions"] = subscriptions

    params["sources"] = sources

    params["search"] = search

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/customers/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CustomerList | ErrorDetail | ValidationError | None:
    if response.status_code == 200:
        response_200 = CustomerList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorDetail.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorDetail.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorDetail.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorDetail.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CustomerList | ErrorDetail | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    ordering: str | Unset = UNSET,
    country: str | Unset = UNSET,
    email: str | Unset = UNSET,
    name: str | Unset = UNSET,
    tax_id: str | Unset = UNSET,
    created: datetime.datetime | Unset = UNSET,
    created_gte: datetime.datetime | Unset = UNSET,
    created_lte: datetime.datetime | Unset = UNSET,
    subscriptions: str | Unset = UNSET,
    sources: str | Unset = UNSET,
    search: str | Unset = UNSET,
    x_simple_workspace: str,
    x_piriod_test_mode: bool | Unset = False,
) -> Response[CustomerList | ErrorDetail | ValidationError]:
    """List customers

     Returns the workspace's customers, a page at a time (page-number pagination).
    A page past the last answers 404 with `{"detail": "Invalid page."}` (assumed: see
    the NotFound response).

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        ordering (str | Unset):
        country (str | Unset):
        email (str | Unset):
        name (str | Unset):
        tax_id (str | Unset):
        created (datetime.datetime | Unset):
        created_gte (datetime.datetime | Unset):
        created_lte (datetime.datetime | Unset):
        subscriptions (str | Unset):
        sources (str | Unset):
        search (str | Unset):
        x_simple_workspace (str):
        x_piriod_test_mode (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerList | ErrorDetail | ValidationError]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        ordering=ordering,
        country=country,
        email=email,
        name=name,
        tax_id=tax_id,
        created=created,
        created_gte=created_gte,
        created_lte=created_lte,
        subscriptions=subscriptions,
        sources=sources,
        search=search,
        x_simple_workspace=x_simple_workspace,
        x_piriod_test_mode=x_piriod_test_mode,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    ordering: str | Unset = UNSET,
    country: str | Unset = UNSET,
    email: str | Unset = UNSET,
    name: str | Unset = UNSET,
    tax_id: str | Unset = UNSET,
    created: datetime.datetime | Unset = UNSET,
    created_gte: datetime.datetime | Unset = UNSET,
    created_lte: datetime.datetime | Unset = UNSET,
    subscriptions: str | Unset = UNSET,
    sources: str | Unset = UNSET,
    search: str | Unset = UNSET,
    x_simple_workspace: str,
    x_piriod_test_mode: bool | Unset = False,
) -> CustomerList | ErrorDetail | ValidationError | None:
    """List customers

     Returns the workspace's customers, a page at a time (page-number pagination).
    A page past the last answers 404 with `{"detail": "Invalid page."}` (assumed: see
    the NotFound response).

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        ordering (str | Unset):
        country (str | Unset):
        email (str | Unset):
        name (str | Unset):
        tax_id (str | Unset):
        created (datetime.datetime | Unset):
        created_gte (datetime.datetime | Unset):
        created_lte (datetime.datetime | Unset):
        subscriptions (str | Unset):
        sources (str | Unset):
        search (str | Unset):
        x_simple_workspace (str):
        x_piriod_test_mode (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerList | ErrorDetail | ValidationError
    """

    return sync_detailed(
        client=client,
        page=page,
        page_size=page_size,
        ordering=ordering,
        country=country,
        email=email,
        name=name,
        tax_id=tax_id,
        created=created,
        created_gte=created_gte,
        created_lte=created_lte,
        subscriptions=subscriptions,
        sources=sources,
        search=search,
        x_simple_workspace=x_simple_workspace,
        x_piriod_test_mode=x_piriod_test_mode,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    ordering: str | Unset = UNSET,
    country: str | Unset = UNSET,
    email: str | Unset = UNSET,
    name: str | Unset = UNSET,
    tax_id: str | Unset = UNSET,
    created: datetime.datetime | Unset = UNSET,
    created_gte: datetime.datetime | Unset = UNSET,
    created_lte: datetime.datetime | Unset = UNSET,
    subscriptions: str | Unset = UNSET,
    sources: str | Unset = UNSET,
    search: str | Unset = UNSET,
    x_simple_workspace: str,
    x_piriod_test_mode: bool | Unset = False,
) -> Response[CustomerList | ErrorDetail | ValidationError]:
    """List customers

     Returns the workspace's customers, a page at a time (page-number pagination).
    A page past the last answers 404 with `{"detail": "Invalid page."}` (assumed: see
    the NotFound response).

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        ordering (str | Unset):
        country (str | Unset):
        email (str | Unset):
        name (str | Unset):
        tax_id (str | Unset):
        created (datetime.datetime | Unset):
        created_gte (datetime.datetime | Unset):
        created_lte (datetime.datetime | Unset):
        subscriptions (str | Unset):
        sources (str | Unset):
        search (str | Unset):
        x_simple_workspace (str):
        x_piriod_test_mode (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerList | ErrorDetail | ValidationError]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        ordering=ordering,
        country=country,
        email=email,
        name=name,
        tax_id=tax_id,
        created=created,
        created_gte=created_gte,
        created_lte=created_lte,
        subscriptions=subscriptions,
        sources=sources,
        search=search,
        x_simple_workspace=x_simple_workspace,
        x_piriod_test_mode=x_piriod_test_mode,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    ordering: str | Unset = UNSET,
    country: str | Unset = UNSET,
    email: str | Unset = UNSET,
    name: str | Unset = UNSET,
    tax_id: str | Unset = UNSET,
    created: datetime.datetime | Unset = UNSET,
    created_gte: datetime.datetime | Unset = UNSET,
    created_lte: datetime.datetime | Unset = UNSET,
    subscriptions: str | Unset = UNSET,
    sources: str | Unset = UNSET,
    search: str | Unset = UNSET,
    x_simple_workspace: str,
    x_piriod_test_mode: bool | Unset = False,
) -> CustomerList | ErrorDetail | ValidationError | None:
    """List customers

     Returns the workspace's customers, a page at a time (page-number pagination).
    A page past the last answers 404 with `{"detail": "Invalid page."}` (assumed: see
    the NotFound response).

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        ordering (str | Unset):
        country (str | Unset):
        email (str | Unset):
        name (str | Unset):
        tax_id (str | Unset):
        created (datetime.datetime | Unset):
        created_gte (datetime.datetime | Unset):
        created_lte (datetime.datetime | Unset):
        subscriptions (str | Unset):
        sources (str | Unset):
        search (str | Unset):
        x_simple_workspace (str):
        x_piriod_test_mode (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerList | ErrorDetail | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            page_size=page_size,
            ordering=ordering,
            country=country,
            email=email,
            name=name,
            tax_id=tax_id,
            created=created,
            created_gte=created_gte,
            created_lte=created_lte,
            subscriptions=subscriptions,
            sources=sources,
            search=search,
            x_simple_workspace=x_simple_workspace,
            x_piriod_test_mode=x_piriod_test_mode,
        )
    ).parsed
