"""The ``wsiskg`` command: a thin Typer layer over ``wsiskg.api``.

Each group of commands lives in its own ``cli_*.py`` module and registers itself on ``app``.
Exit codes: 0 ok, 2 bad input/arguments/config, 3 the graph violates the shapes.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer
from rich.console import Console

from wsiskg.errors import WsiskgError

app = typer.Typer(
    name="wsiskg",
    help="Build, check, query, serve and export the WSIS knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)

TABLE_WIDTH = 240  # columns for tables written to a pipe or a file (rich would fold at 80)

EXIT_BAD_INPUT = 2
EXIT_VIOLATIONS = 3

F = TypeVar("F", bound=Callable[..., Any])


def print_table(table: Any) -> None:
    """Print a rich table whole: a terminal gets its width, a pipe or file ``TABLE_WIDTH``."""
    target = console if console.is_terminal else Console(width=TABLE_WIDTH)
    target.print(table)


def user_errors(func: F) -> F:
    """Turn a ``WsiskgError`` (and a Ctrl-C) into one line on stderr and a non-zero exit."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except WsiskgError as exc:
            err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except KeyboardInterrupt:
            err_console.print("interrupted: nothing already built was changed")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


@app.callback()
def _main(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details."),
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


def _register_commands() -> None:
    """Import the command modules; each adds its commands to ``app``."""
    import importlib

    for name in ("cli_extract", "cli_graph", "cli_serve", "cli_export", "cli_history"):
        try:
            importlib.import_module(f"wsiskg.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"wsiskg.{name}":
                raise


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (tests call ``main([...])`` in-process)."""
    _register_commands()
    try:
        app(args=argv, prog_name="wsiskg", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
