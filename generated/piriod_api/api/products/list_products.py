from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.product_list import ProductList
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    page_size: int | Unset = 20,
    ordering: str | Unset = UNSET,
    name: str | Unset = UNSET,
    plans: str | Unset = UNSET,
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

    params["name"] = name

    params["plans"] = plans

    params["search"] = search

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/products/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ProductList | ValidationError | None:
    if response.status_code == 200:
        response_200 = ProductList.from_dict(response.json())

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
) -> Response[ErrorDetail | ProductList | ValidationError]:
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
    name: str | Unset = UNSET,
    plans: str | Unset = UNSET,
    search: str | Unset = UNSET,
    x_simple_workspace: str,
    x_piriod_test_mode: bool | Unset = False,
) -> Response[ErrorDetail | ProductList | ValidationError]:
    """List products

     Returns the workspace's products with their plans and price tiers, a page at a time.
    A page past the last answers 404 with `{"detail": "Invalid page."}` (assumed: see
    the NotFound response).

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        ordering (str | Unset):
        name (str | Unset):
        plans (str | Unset):
        search (str | Unset):
        x_simple_workspace (str):
        x_piriod_test_mode (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ProductList | ValidationError]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        ordering=ordering,
        name=name,
        plans=plans,
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
    name: str | Unset = UNSET,
    plans: str | Unset = UNSET,
    search: str | Unset = UNSET,
    x_simple_workspace: str,
    x_piriod_test_mode: bool | Unset = False,
) -> ErrorDetail | ProductList | ValidationError | None:
    """List products

     Returns the workspace's products with their plans and price tiers, a page at a time.
    A page past the last answers 404 with `{"detail": "Invalid page."}` (assumed: see
    the NotFound response).

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        ordering (str | Unset):
        name (str | Unset):
        plans (str | Unset):
        search (str | Unset):
        x_simple_workspace (str):
        x_piriod_test_mode (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ProductList | ValidationError
    """

    return sync_detailed(
        client=client,
        page=page,
        page_size=page_size,
        ordering=ordering,
        name=name,
        plans=plans,
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
    name: str | Unset = UNSET,
    plans: str | Unset = UNSET,
    search: str | Unset = UNSET,
    x_simple_workspace: str,
    x_piriod_test_mode: bool | Unset = False,
) -> Response[ErrorDetail | ProductList | ValidationError]:
    """List products

     Returns the workspace's products with their plans and price tiers, a page at a time.
    A page past the last answers 404 with `{"detail": "Invalid page."}` (assumed: see
    the NotFound response).

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        ordering (str | Unset):
        name (str | Unset):
        plans (str | Unset):
        search (str | Unset):
        x_simple_workspace (str):
        x_piriod_test_mode (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ProductList | ValidationError]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        ordering=ordering,
        name=name,
        plans=plans,
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
    name: str | Unset = UNSET,
    plans: str | Unset = UNSET,
    search: str | Unset = UNSET,
    x_simple_workspace: str,
    x_piriod_test_mode: bool | Unset = False,
) -> ErrorDetail | ProductList | ValidationError | None:
    """List products

     Returns the workspace's products with their plans and price tiers, a page at a time.
    A page past the last answers 404 with `{"detail": "Invalid page."}` (assumed: see
    the NotFound response).

    Args:
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 20.
        ordering (str | Unset):
        name (str | Unset):
        plans (str | Unset):
        search (str | Unset):
        x_simple_workspace (str):
        x_piriod_test_mode (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ProductList | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            page_size=page_size,
            ordering=ordering,
            name=name,
            plans=plans,
            search=search,
            x_simple_workspace=x_simple_workspace,
            x_piriod_test_mode=x_piriod_test_mode,
        )
    ).parsed
