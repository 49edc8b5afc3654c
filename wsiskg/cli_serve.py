"""``wsiskg serve``: the read-only SPARQL endpoint and query page over a built store."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from wsiskg.cli import app, user_errors


@app.command("serve")
@user_errors
def serve_command(
    store: Annotated[Path, typer.Argument(help="Store written by `wsiskg build`.")] = Path(
        "build/store"
    ),
    host: Annotated[str, typer.Option(help="Interface to listen on (0.0.0.0: all).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port (0 picks a free one).")] = 7878,
    timeout: Annotated[
        float, typer.Option(help="Seconds a query may run before it is killed.")
    ] = 10.0,
    max_rows: Annotated[
        int, typer.Option(help="More result rows than this is an error.")
    ] = 100_000,
    max_concurrency: Annotated[
        int, typer.Option(help="Queries running at once (worker processes).")
    ] = 2,
    base_url: Annotated[str | None, typer.Option(help="Public URL, if behind a proxy.")] = None,
) -> None:
    """Serve STORE at http://HOST:PORT/sparql with a query page at /."""
    from wsiskg.graph.endpoint import EndpointConfig, serve

    if timeout <= 0 or max_rows < 1 or max_concurrency < 1:
        raise typer.BadParameter("timeout, max-rows and max-concurrency must be positive")
    access = logging.getLogger("wsiskg.graph.endpoint.access")
    if not access.handlers:  # one line per request on stderr, whatever -v says
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)
        access.propagate = False
    config = EndpointConfig(
        store=store,
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        max_concurrency=max_concurrency,
        base_url=base_url,
    )
    serve(config)
