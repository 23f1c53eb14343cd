"""The `piriod` logger. Records carry method, path with query, status, attempt and elapsed time;
never headers and never bodies, so the token cannot reach a log."""

from __future__ import annotations

import logging
import os

__all__ = ["logger", "setup_from_environment"]

logger = logging.getLogger("piriod")

_configured = False


def setup_from_environment() -> None:
    """`PIRIOD_LOG=debug` (or info, warning) adds a stderr handler to the `piriod` logger, once.

    That logger then stops propagating to the root logger: an application's own handlers
    (`logging.basicConfig`) would print every line a second time. To send piriod's records
    through your logging instead, leave PIRIOD_LOG unset and configure the `piriod` logger.
    """
    global _configured  # noqa: PLW0603 (one handler per process, however many clients)
    if _configured:
        return
    _configured = True
    level_name = os.environ.get("PIRIOD_LOG", "").strip().upper()
    if not level_name:
        return
    level = logging.getLevelName(level_name)
    if not isinstance(level, int):
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
