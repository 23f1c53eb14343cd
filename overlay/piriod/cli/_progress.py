"""The progress bar: one line on a terminal's stderr, drawn by rich.

`customers ━━━━━━━━━━━━       1,200/2,500  48%  312/s  0:00:04 left`

It is cut, never wrapped, to the terminal's width, and shown only on a terminal. When the
table goes to the same terminal, its rows are printed through the bar's console, which
draws them above the bar (rich's live display), so the two never interleave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

__all__ = ["ProgressBar"]


def _figures(task: Any) -> str:
    total = task.total
    done = int(task.completed)
    parts = [f"{done:,}/{int(total):,}" if total is not None else f"{done:,}"]
    if total:
        parts.append(f"{min(done / total, 1.0):4.0%}")
    speed = task.speed
    parts.append(f"{speed:,.0f}/s" if speed else "-/s")
    remaining = task.time_remaining
    if task.finished:
        parts.append(f"{_clock(task.finished_time or task.elapsed or 0)} total")
    elif remaining is not None:
        parts.append(f"{_clock(remaining)} left")
    else:
        parts.append("-:--:-- left")
    return "  ".join(parts)


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


class ProgressBar:
    """Counts items (never past the total), with their rate and the time left."""

    def __init__(
        self, stream: TextIO, label: str, *, enabled: bool, width: int, transient: bool = False
    ) -> None:
        self._enabled = enabled
        self._label = label
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._stream = stream
        self._width = width
        self._transient = transient

    @property
    def console(self) -> Console | None:
        """The console drawing the bar, while it is drawn (print through it to go above)."""
        return self._progress.console if self._progress is not None else None

    def start(self, total: int, done: int = 0) -> None:
        if not self._enabled or self._progress is not None:
            return
        from rich.console import Console  # noqa: PLC0415 (rich only when a bar is drawn)
        from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn  # noqa: PLC0415
        from rich.table import Column  # noqa: PLC0415
        from rich.text import Text  # noqa: PLC0415

        class Figures(ProgressColumn):
            def render(self, task: Any) -> Text:
                return Text(_figures(task), no_wrap=True, overflow="ellipsis")

        console = Console(
            file=self._stream,
            width=self._width,
            force_terminal=True,
            highlight=False,
            emoji=False,
            markup=False,
            legacy_windows=False,
        )
        label = Text(self._label, no_wrap=True)
        # What is left of the line once the label and the figures have their room.
        bar_width = max(5, min(40, self._width - len(self._label) - 42))
        progress = Progress(
            TextColumn("{task.description}", table_column=Column(no_wrap=True)),
            BarColumn(bar_width=bar_width),
            Figures(table_column=Column(no_wrap=True, overflow="ellipsis")),
            console=console,
            transient=self._transient,
            expand=False,
            redirect_stdout=False,
            redirect_stderr=False,
            refresh_per_second=4,
        )
        self._task = progress.add_task(label.plain, total=max(total, done), completed=done)
        self._progress = progress
        progress.start()

    def advance(self, items: int) -> None:
        if self._progress is not None and self._task is not None:
            task = self._progress.tasks[0]
            left = max(0.0, (task.total or 0) - task.completed)
            self._progress.update(self._task, advance=min(items, left) if task.total else items)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.refresh()
            self._progress.stop()
            self._progress = None
