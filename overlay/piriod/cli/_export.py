"""`piriod <resource> list`: walk the pages and write each as it arrives.

With `--output FILE`, FILE is replaced only when the export is complete: the rows go to a
temporary file beside it (renamed over FILE at the end), so a failure never touches an
earlier export. On a failure the rows written so far are kept in `FILE.partial`, cut at the
last whole page, with `FILE.partial.state` saying where the walk stopped and how it was
called; the error then ends with the command to finish it, the same command plus
`--resume`. That appends the missing pages to `FILE.partial` (never a second header, and
JSON closed once at the end) and renames it to FILE when done, so every row is there once.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import shlex
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from .._client import Piriod
from .._exceptions import IncompleteWalkError, ListChangedError, PiriodError
from ._arguments import EXTENSIONS, UsageError, connection_options
from ._resources import Resource

__all__ = ["ExportError", "ExportInterruptedError", "Settings", "run_export"]

STATE_VERSION = 1
DEFAULT_PAGE_SIZE = 100  # list()'s own


class ExportError(Exception):
    """The walk or the writing failed: `cause` is the error, `advice` what to do next."""

    def __init__(self, cause: BaseException, advice: str, output: str | None) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.advice = advice
        self.output = output


class ExportInterruptedError(Exception):
    """Ctrl-C during an export: `advice` says where its rows are and how to resume."""

    def __init__(self, advice: str) -> None:
        super().__init__(advice)
        self.advice = advice


@dataclass(frozen=True)
class Settings:
    """What a list command needs from its surroundings (a slice of the CLI's Context)."""

    stdout: TextIO
    stderr: TextIO
    is_terminal: Callable[[TextIO], bool]
    client_factory: Callable[..., Piriod]
    width_of: Callable[[TextIO], int | None]
    words: Sequence[str]


# --- format and options --------------------------------------------------------------------


def choose_format(args: argparse.Namespace, to_terminal: bool) -> str:
    """--format, else the --output file's extension, else table on a terminal and jsonl."""
    from_extension = None
    if args.output is not None:
        name = Path(args.output).name
        # A file named only `.csv` has no suffix to pathlib (a hidden file), yet says csv.
        suffix = (Path(args.output).suffix or (name if name.count(".") == 1 else "")).lower()
        from_extension = EXTENSIONS.get(suffix)
        if args.format == "table":
            raise UsageError(
                "--format table is for the terminal; write files as csv, json or jsonl"
            )
        if args.format is not None and from_extension not in (None, args.format):
            raise UsageError(
                f"--format {args.format} contradicts --output {args.output!r}, whose extension"
                f" means {from_extension}; change one of them"
            )
        if args.format is None and from_extension is None and suffix:
            raise UsageError(
                f"cannot tell the format of --output {args.output!r} from its extension"
                f" {suffix!r}; use .csv, .json, .jsonl or .ndjson, or add --format"
            )
    if args.format is not None:
        return str(args.format)
    if from_extension is not None:
        return from_extension
    return "table" if to_terminal else "jsonl"


def page_size_of(args: argparse.Namespace) -> int:
    """Items per request: no more than --limit needs."""
    size: int = args.page_size or DEFAULT_PAGE_SIZE
    return min(size, args.limit) if args.limit is not None else size


def list_options(resource: Resource, args: argparse.Namespace) -> dict[str, Any]:
    """The filters for `list()`, from the flags (dates already read as ISO 8601)."""
    filters: dict[str, Any] = {}
    by_keyword = {option.keyword: getattr(args, option.dest) for option in resource.filters}
    day = by_keyword.pop("created", None)
    if day is not None:
        if by_keyword.get("created_gte") is not None or by_keyword.get("created_lte") is not None:
            raise UsageError("--created is one day or instant: leave out --created-since/-until")
        if day.whole_day:
            filters["created_gte"] = day.first_instant
            filters["created_lte"] = day.last_instant
        else:
            filters["created"] = day.moment
    for keyword, value in by_keyword.items():
        if value is None:
            continue
        if keyword == "created_gte":
            filters[keyword] = value.first_instant
        elif keyword == "created_lte":
            filters[keyword] = value.last_instant
        else:
            filters[keyword] = value
    if args.params:
        filters["extra_params"] = _extra_params(resource, args.params)
    return filters


def _extra_params(resource: Resource, params: list[tuple[str, str]]) -> dict[str, str]:
    declared = {option.query_name: option.flag for option in resource.filters}
    extra: dict[str, str] = {}
    for name, value in params:
        if name in declared:
            raise UsageError(f"--param {name}=...: use {declared[name]} instead")
        if name in ("page", "page_size"):
            raise UsageError(f"--param {name}=...: use --start-page or --page-size instead")
        extra[name] = value
    return extra


def identity(
    resource: Resource, args: argparse.Namespace, client: Piriod, fmt: str
) -> dict[str, Any]:
    """Everything that decides which rows an export holds and how they are written: a
    resumed export must match the one it finishes in all of it."""
    config = client._config
    return {
        "resource": resource.plural,
        "format": fmt,
        "filters": {
            option.flag: option.raw(getattr(args, option.dest))
            for option in resource.filters
            if getattr(args, option.dest) is not None
        },
        "params": sorted(f"{name}={value}" for name, value in args.params),
        "limit": args.limit,
        "page_size": page_size_of(args),
        "on_invalid": args.on_invalid,
        "keep_formulas": bool(args.keep_formulas),
        "excel_semicolon": bool(args.excel_semicolon),
        "workspace": config.workspace,
        "test_mode": config.test_mode,
        "base_url": config.base_url,
    }


# --- where the rows go -----------------------------------------------------------------------


@dataclass
class Boundary:
    """The end of the last whole page written: where a resumed export goes on."""

    page: int
    rows: int
    bytes: int
    # The page size the server served, when it differs from the one asked (a cap the walk
    # learned): the resumed walk asks for it, so its pages start where these ended.
    served_page_size: int | None = None
    # The list's count on the last page written: a resumed export whose list has another
    # count would repeat or miss rows at the boundary, and is refused.
    count: int | None = None


@dataclass
class Target:
    """An --output file being written: its temporary (or partial) file and the state."""

    path: Path
    work: Path
    file: IO[bytes]
    stream: TextIO
    boundary: Boundary
    resumed: bool
    atomic: bool
    identity: dict[str, Any] = field(default_factory=dict)

    @property
    def partial(self) -> Path:
        return partial_path(self.path)

    @property
    def state(self) -> Path:
        return state_path(self.path)

    @property
    def reserve(self) -> Path:
        return self.path.with_name(self.path.name + ".partial.reserve")

    def make_reserve(self) -> None:
        """Room set aside on the disk for the state file, written when the export starts:
        on a disk that fills up mid-export, freeing it lets the state (and so --resume)
        be written. On a disk already full, there is no reserve, and no harm."""
        if not self.atomic:
            return
        with contextlib.suppress(OSError), _create(self.reserve) as reserve:
            reserve.write(bytes(_RESERVE_BYTES))
            reserve.flush()
            os.fsync(reserve.fileno())

    def drop_reserve(self) -> None:
        with contextlib.suppress(OSError):
            self.reserve.unlink()


# A state file is well under 4 KiB; two blocks leave room for its temporary copy.
_RESERVE_BYTES = 8192


def _create(path: Path) -> IO[bytes]:
    """`path` made anew for writing, never through a link: whatever was there (a stale
    file, or a link planted to make the export overwrite another file) is removed first."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    return os.fdopen(os.open(path, flags, 0o666), "wb")


def _is_special(path: Path) -> bool:
    """A device, a pipe or a terminal, named directly or through links (`/dev/stdout`,
    `/dev/fd/3`, `/proc/self/fd/1`, a FIFO): written as it is, since it cannot be replaced
    by a rename. Any hop of a chain of links into /dev or /proc counts: the last hop of
    `/proc/self/fd/1` names the file a shell redirected standard output to."""
    hop = _plain(str(path))
    for _ in range(_MAX_LINKS):
        if hop.startswith(_SPECIAL_FOLDERS):
            return True
        try:
            target = os.readlink(hop)
        except OSError:  # not a link (or not there): the end of the chain
            break
        hop = _plain(os.path.join(os.path.dirname(hop), target))
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _plain(path: str) -> str:
    """`path` absolute, without `.`, `..` or doubled slashes (`//proc` is `/proc`)."""
    return "/" + os.path.normpath(os.path.abspath(path)).lstrip("/")


_SPECIAL_FOLDERS = ("/dev/", "/proc/")
_MAX_LINKS = 40  # as the kernel allows in one path


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def state_path(path: Path) -> Path:
    return path.with_name(path.name + ".partial.state")


def _describe(error: OSError) -> str:
    return error.strerror or str(error)


def _new_mode(path: Path) -> int:
    """The mode a plain open() would give FILE (or the one it has): mkstemp's is 0600."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _text_stream(file: IO[bytes]) -> TextIO:
    # newline="" so the csv module's own line endings reach the file unchanged.
    # backslashreplace: a lone surrogate ("\ud800", valid JSON, not encodable in UTF-8) is
    # written as its escape, which JSON reads back as the same string.
    return io.TextIOWrapper(
        file, encoding="utf-8", errors="backslashreplace", newline="", write_through=True
    )


def open_target(output: str, *, resume: bool, ident: dict[str, Any]) -> Target:
    path = Path(output)
    special = _is_special(path)
    if not special and path.is_symlink():
        # The file the link names is what gets replaced; the link stays a link.
        path = Path(os.path.realpath(path))
    try:
        existing = path.stat()
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise UsageError(f"cannot write --output {output!r}: {_describe(error)}") from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise UsageError(f"--output {output!r} is a directory; name a file in it")
    if special:
        # A device or a pipe (/dev/stdout, a FIFO): written directly, nothing to rename.
        if resume:
            raise UsageError(f"--resume needs --output to be a regular file, not {output!r}")
        try:
            # Appending: `>> log` keeps the log's lines, and `>` has emptied it already.
            file = open(path, "ab")  # noqa: SIM115
        except OSError as error:
            raise UsageError(f"cannot write --output {output!r}: {_describe(error)}") from None
        return Target(path, path, file, _text_stream(file), Boundary(0, 0, 0), False, False)
    if resume:
        return _reopen_partial(path, output, ident)
    try:
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f"{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(
            f"cannot write --output {output!r}: {_describe(error)}; check the directory exists"
            " and you may write there"
        ) from None
    os.chmod(name, _new_mode(path))
    file = os.fdopen(descriptor, "wb")
    return Target(path, Path(name), file, _text_stream(file), Boundary(0, 0, 0), False, True, ident)


def _reopen_partial(path: Path, output: str, ident: dict[str, Any]) -> Target:
    partial, state_file = partial_path(path), state_path(path)
    try:
        state = json.loads(state_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"--resume: there is no failed export of {output!r} to finish ({state_file.name}"
            " not found); run the command without --resume"
        ) from None
    except (OSError, ValueError) as error:
        raise UsageError(f"--resume: cannot read {state_file.name}: {error}") from None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        raise UsageError(f"--resume: {state_file.name} is not a state this piriod wrote")
    before = state.get("identity", {})
    changed = [key for key in sorted(set(before) | set(ident)) if before.get(key) != ident.get(key)]
    if changed:
        what = ", ".join(
            f"{key} (was {before.get(key)!r}, now {ident.get(key)!r})" for key in changed
        )
        raise UsageError(
            f"--resume: this command differs from the export it would finish in {what}; run"
            " the command the failed export printed, or start again without --resume"
        )
    served = state.get("served_page_size")
    count = state.get("count")
    boundary = Boundary(
        int(state["next_page"]),
        int(state["rows"]),
        int(state["bytes"]),
        int(served) if served is not None else None,
        int(count) if count is not None else None,
    )
    try:
        # Never through a link planted under the partial file's name.
        flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0)
        file = os.fdopen(os.open(partial, flags), "r+b")
    except FileNotFoundError:
        raise UsageError(
            f"--resume: {partial.name} is gone; run the command without --resume"
        ) from None
    except OSError as error:
        raise UsageError(f"--resume: cannot open {partial.name}: {_describe(error)}") from None
    size = os.fstat(file.fileno()).st_size
    if size < boundary.bytes:
        file.close()
        raise UsageError(
            f"--resume: {partial.name} is shorter than the rows it held; run the command"
            " without --resume"
        )
    file.seek(boundary.bytes)
    file.truncate()
    return Target(path, partial, file, _text_stream(file), boundary, True, True, ident)


def _write_state(target: Target) -> None:
    state = {
        "version": STATE_VERSION,
        "identity": target.identity,
        "next_page": target.boundary.page,
        "rows": target.boundary.rows,
        "bytes": target.boundary.bytes,
        "served_page_size": target.boundary.served_page_size,
        "count": target.boundary.count,
    }
    temporary = target.state.with_name(target.state.name + ".tmp")
    with _create(temporary) as file:
        file.write((json.dumps(state, indent=1) + "\n").encode("utf-8"))
    temporary.replace(target.state)


def _complete(target: Target) -> None:
    """Makes the finished file FILE, in one rename; clears a stale partial export."""
    target.stream.flush()
    if target.atomic:
        os.fsync(target.file.fileno())
    target.file.close()
    if not target.atomic:
        return
    os.replace(target.work, target.path)
    for leftover in (target.state, target.partial, target.reserve):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _keep_partial(target: Target, *, resumable: bool = True) -> bool:
    """After a failure: the whole pages written stay in FILE.partial, with their state
    when the export can be resumed (without it, when it can only be redone, and a state
    left from an earlier run is removed). True if they were kept."""
    with contextlib.suppress(OSError, ValueError):
        target.stream.flush()
    # Closed first (what a failed write left buffered may fail again), then cut by name.
    with contextlib.suppress(OSError, ValueError):
        target.file.close()
    if not target.atomic:
        return False
    try:
        os.truncate(target.work, target.boundary.bytes)
        if target.work != target.partial:
            os.replace(target.work, target.partial)
        if not resumable:
            with contextlib.suppress(FileNotFoundError):
                target.state.unlink()
            return True
        try:
            _write_state(target)
        except OSError:  # a full disk: the reserve set aside at the start makes room
            target.drop_reserve()
            _write_state(target)
    except OSError:
        return False
    finally:
        target.drop_reserve()
    return True


def _discard(target: Target) -> None:
    target.drop_reserve()
    with contextlib.suppress(OSError, ValueError):
        target.file.close()
    if target.atomic and not target.resumed:
        with contextlib.suppress(OSError):
            target.work.unlink()


def resume_command(words: Sequence[str]) -> str:
    """The command line as typed, with --resume instead of any --start-page."""
    kept: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
            continue
        if word == "--start-page":
            skip = True
            continue
        if word.startswith("--start-page=") or word == "--resume":
            continue
        kept.append(word)
    return shlex.join(["piriod", *kept, "--resume"])


# --- the walk ----------------------------------------------------------------------------


def _stdout_advice(
    error: BaseException, fmt: str, page: int, args: argparse.Namespace, rows: int
) -> str:
    if not (isinstance(error, PiriodError) and error.resumable):
        return f"[page {page}]"
    # The page size the pages were counted in: the server's when it served another.
    size = error.page_size or page_size_of(args)
    extra = f" --page-size {size}" if error.page_size is not None else ""
    if args.limit is not None:
        extra = f" --page-size {size} --limit {args.limit - rows}"
    if fmt == "jsonl":
        return f"[page {page}: resume with --start-page {page}{extra}]"
    return (
        f"[page {page}: the pages before it were written; --start-page {page}{extra} writes"
        f" the rest as a separate {fmt} document, and --output FILE writes an export that"
        " can be resumed]"
    )


def _check_flags(args: argparse.Namespace, fmt: str) -> None:
    if args.resume and args.output is None:
        raise UsageError("--resume finishes a failed --output FILE export: add --output FILE")
    if args.resume and args.start_page is not None:
        raise UsageError("--resume knows the page to go on from: leave out --start-page")
    if fmt != "csv" and (args.keep_formulas or args.excel_semicolon):
        flag = "--keep-formulas" if args.keep_formulas else "--excel-semicolon"
        raise UsageError(f"{flag} is for CSV; add --format csv or write to a .csv file")


def run_export(resource: Resource, args: argparse.Namespace, settings: Settings) -> tuple[int, str]:
    """Exports; returns (items written, the format). Raises ExportError,
    ExportInterruptedError, UsageError or PiriodError."""
    if args.output == "-":  # the usual name for standard output
        args.output = None
    to_terminal = args.output is None and settings.is_terminal(settings.stdout)
    fmt = choose_format(args, to_terminal)
    _check_flags(args, fmt)
    filters = list_options(resource, args)
    with settings.client_factory(**connection_options(args)) as client:
        ident = identity(resource, args, client, fmt)
        target = None
        if args.output is not None:
            target = open_target(args.output, resume=args.resume, ident=ident)
            target.make_reserve()
        export = _Export(resource, args, settings, fmt, target, to_terminal=to_terminal)
        try:
            paginator = _list(
                resource,
                client,
                args,
                filters,
                export.start_page,
                export.limit,
                target.boundary.served_page_size if target is not None and target.resumed else None,
            )
        except BaseException:
            if target is not None:
                _discard(target)
            raise
        return export.run(paginator), fmt


class _Export:
    """One export's walk: pages to the writer, the progress bar, and what a failure keeps."""

    def __init__(
        self,
        resource: Resource,
        args: argparse.Namespace,
        settings: Settings,
        fmt: str,
        target: Target | None,
        *,
        to_terminal: bool,
    ) -> None:
        from ._progress import ProgressBar  # noqa: PLC0415 (rich only once a list runs)

        self.resource, self.args, self.settings, self.fmt = resource, args, settings, fmt
        self.target = target
        self.to_terminal = to_terminal
        resumed = target is not None and target.resumed
        self.start_page: int = target.boundary.page if target and resumed else args.start_page or 1
        self.written_before = target.boundary.rows if target and resumed else 0
        self.limit = None if args.limit is None else args.limit - self.written_before
        if target is not None and target.boundary.page == 0:
            target.boundary.page = self.start_page
        self.stream = target.stream if target is not None else settings.stdout
        show = args.progress if args.progress is not None else not to_terminal
        show = bool(show) and settings.is_terminal(settings.stderr)
        # Table and bar on the same terminal: the rows are printed through the bar's console.
        self.shared = show and fmt == "table" and to_terminal
        bar_stream = settings.stdout if self.shared else settings.stderr
        self.progress = ProgressBar(
            bar_stream,
            resource.plural,
            enabled=show,
            width=settings.width_of(bar_stream) or 80,
            transient=self.shared,
        )
        self.written = 0
        self.page_number = self.start_page
        # The ids a resumed export has written already: one back on a page of the rest
        # took the place of an item never seen (the count held: a changed count is refused
        # before this), so the export can only be redone.
        self.written_ids = _ids_written(target, fmt, args) if target and resumed else set()

    def _writer(self) -> Any:
        from ._columns import COLUMNS  # noqa: PLC0415 (the generated models, only now)
        from ._writers import CsvOptions, make_writer  # noqa: PLC0415

        return make_writer(
            self.fmt,
            self.stream,
            COLUMNS[self.resource.plural],
            resumed=self.target is not None and self.target.boundary.bytes > 0,
            csv_options=CsvOptions(
                formulas=self.args.keep_formulas, excel_semicolon=self.args.excel_semicolon
            ),
            width=self.settings.width_of(self.settings.stdout) if self.fmt == "table" else None,
            styled=False,  # plain text: a table is read, copied and grepped
            console=self.progress.console if self.shared else None,
        )

    def _walk(self, paginator: Any) -> None:
        writer = None
        pages: Iterator[Any] = iter(()) if self.limit == 0 else paginator.pages()
        for page in pages:
            self._check_same_list(page)
            self._check_not_written(page)
            left = max(0, page.count - (self.start_page - 1) * page.page_size)
            self.progress.start(
                self.written_before + min(left, self.limit or left), self.written_before
            )
            writer = writer or self._writer()
            self.page_number = page.page
            writer.write_page(page.items)
            self.stream.flush()  # downstream sees each page now, not when a buffer fills
            self.written += len(page.items)
            if self.target is not None:
                rows = self.target.boundary.rows + len(page.items)
                served = page.page_size if page.page_size != page_size_of(self.args) else None
                written = self.target.file.tell() if self.target.atomic else 0  # a pipe: none
                self.target.boundary = Boundary(page.page + 1, rows, written, served, page.count)
            self.progress.advance(len(page.items))
            self.page_number = page.page + 1
        writer = writer or self._writer()
        writer.finish()
        self.stream.flush()

    def _check_same_list(self, page: Any) -> None:
        """A resumed export goes on only with the list its first part saw: with items added
        or deleted since, the pages have shifted, and rows would be repeated or missed at
        the boundary."""
        target = self.target
        before = target.boundary.count if target is not None and target.resumed else None
        if before is None or before == page.count:
            return
        error = ListChangedError(
            f"the list changed since the export stopped (count {before} -> {page.count}):"
            " going on would repeat or miss rows where it stopped, so nothing more is"
            " written; run the export again without --resume",
            count_before=before,
            count_now=page.count,
        )
        error.page = page.page
        raise error

    def _check_not_written(self, page: Any) -> None:
        back = sum(1 for item in page.items if getattr(item, "id", None) in self.written_ids)
        if not back:
            return
        evidence = (
            f"page {page.page} brings back {back} item{'s' if back != 1 else ''} this export"
            f" wrote before it stopped, while count={page.count} has not changed, so as many"
            " others were missed"
        )
        raise IncompleteWalkError(
            f"the pages do not add up ({evidence})", evidence=evidence, page=1
        )

    def run(self, paginator: Any) -> int:
        target = self.target
        try:
            self._walk(paginator)
        except KeyboardInterrupt:
            self.progress.close()
            raise ExportInterruptedError(self._after_failure(None)) from None
        except (PiriodError, OSError) as error:
            self.progress.close()
            if target is not None:
                raise ExportError(error, self._after_failure(error), self.args.output) from None
            if isinstance(error, OSError):
                raise
            page = error.page or self.page_number
            advice = _stdout_advice(error, self.fmt, page, self.args, self.written)
            raise ExportError(error, advice, None) from None
        except BaseException:
            self.progress.close()
            if target is not None:
                _discard(target)
            raise
        self.progress.close()
        if target is not None:
            try:
                _complete(target)
            except OSError as error:
                raise ExportError(error, self._after_failure(error), self.args.output) from None
        return self.written

    def _after_failure(self, error: BaseException | None) -> str:
        return _after_failure(self.target, self.args, self.settings, error, self.resource)


def _list(  # noqa: PLR0917 (one call site, in order)
    resource: Resource,
    client: Piriod,
    args: argparse.Namespace,
    filters: dict[str, Any],
    start_page: int,
    limit: int | None,
    served_page_size: int | None = None,
) -> Any:
    list_items = getattr(client, resource.plural).list
    options: dict[str, Any] = {
        "max_items": limit,
        "start_page": start_page,
        "on_invalid": args.on_invalid,
        "page_size": served_page_size or page_size_of(args),
        "concurrency": args.concurrency,
        **filters,
    }
    try:
        return list_items(**options)
    except (ValueError, TypeError) as error:
        raise UsageError(str(error)) from None


def _ids_written(target: Target, fmt: str, args: argparse.Namespace) -> set[str]:
    """The ids in the whole pages of a partial export, read back from the file."""
    try:
        with open(target.work, "rb") as file:
            text = file.read(target.boundary.bytes).decode("utf-8", errors="replace")
    except OSError:
        return set()
    if fmt == "csv":
        rows = csv.reader(
            io.StringIO(text.removeprefix("\ufeff"), newline=""),
            delimiter=";" if args.excel_semicolon else ",",
        )
        header = next(rows, [])
        if "id" not in header:
            return set()
        column = header.index("id")
        return {row[column] for row in rows if len(row) > column}
    if fmt == "json":
        text = text.rstrip().rstrip(",") + "]"
        with contextlib.suppress(ValueError):
            return {str(item.get("id")) for item in json.loads(text) if isinstance(item, dict)}
        return set()
    found: set[str] = set()
    for line in text.splitlines():
        with contextlib.suppress(ValueError):
            item = json.loads(line)
            if isinstance(item, dict) and "id" in item:
                found.add(str(item["id"]))
    return found


def _redo_only(target: Target, args: argparse.Namespace, resource: Resource, where: str) -> str:
    """The walk found items missing from pages it had already handed out (an item came back
    while the count held): what was written cannot be finished, only redone. Its rows stay
    in FILE.partial, without the state that would let --resume finish them."""
    kept = _keep_partial(target, resumable=False)
    rows = target.boundary.rows
    shown = f" ({rows} {resource.noun(rows)}, some missing) are in {target.partial}"
    return (
        f"{where}; {args.output} is unchanged; the rows written{shown if kept else ''};"
        " run the export again, without --resume"
    )


def _after_failure(  # noqa: PLR0911 (one return per way a failed export ends)
    target: Target | None,
    args: argparse.Namespace,
    settings: Settings,
    error: BaseException | None,
    resource: Resource,
) -> str:
    """Keeps what was written and says where it is and how to go on."""
    if target is None:
        return ""
    resumable = (
        error is None
        or isinstance(error, OSError)
        or (isinstance(error, PiriodError) and error.resumable)
    )
    page = target.boundary.page
    where = f"[page {page}]"
    if not target.atomic:
        _keep_partial(target)
        return where
    if isinstance(error, PiriodError) and error.page is not None and error.page < page:
        return _redo_only(target, args, resource, where)
    if target.boundary.rows == 0 and not resumable:
        _discard(target)
        return f"{where}; {args.output} is unchanged"
    if not _keep_partial(target):
        return f"{where}; {args.output} is unchanged (the rows written could not be kept)"
    rows = target.boundary.rows
    kept = (
        f"{where}; {args.output} is unchanged; what was written before page {page}"
        f" ({rows} {resource.noun(rows)}) is in {target.partial}"
    )
    if not resumable:
        return kept
    return f"{kept}; finish it with: {resume_command(settings.words)}"
