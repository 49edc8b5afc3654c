# ruff: noqa: B008  (Typer declares options as call defaults)
"""``wsiskg build``, ``validate``, ``query`` and ``queries``: thin wrappers over wsiskg.api."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from wsiskg.cli import (
    EXIT_BAD_INPUT,
    EXIT_VIOLATIONS,
    app,
    console,
    err_console,
    print_table,
    user_errors,
)

MAX_NOTES = 10  # structure notes printed by `build`; build.json lists them all


@app.command()
@user_errors
def build(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders or globs of .txt files (default: the bundled corpus)."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("build"),
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
    base_iri: Annotated[
        str | None, typer.Option("--base-iri", help="Base IRI (env WSISKG_BASE_IRI).")
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Rebuild every file, not only changed ones.")
    ] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Extract on a Dask cluster: tcp://scheduler:8786, or 'local' for a LocalCluster "
            "of --workers processes; also writes OUT/shards/*.nt (docs/SCALE.md).",
        ),
    ] = None,
) -> None:
    """Build the graph: extract, validate (SHACL), store, dump; writes OUT/build.json."""
    from wsiskg.graph.build import BuildConfig, build_graph
    from wsiskg.graph.iris import default_base

    with Progress(
        TextColumn("[bold]{task.description:<10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        config = BuildConfig(
            out=out,
            base_iri=base_iri or default_base(),
            workers=workers,
            incremental=not full,
            progress=progress,
        )
        if dask:
            from wsiskg.graph.distributed import build_distributed

            result, shards = build_distributed(paths or None, config, address=dask)
            err_console.print(f"{len(shards)} shard(s) in {out / 'shards'}")
        else:
            result = build_graph(paths or None, config)

    table = Table(title=f"wsiskg build → {result.out}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (
        ("files extracted", len(result.extracted)),
        ("files reused", len(result.reused)),
        ("problems", len(result.problems)),
        ("triples", result.triples),
    ):
        table.add_row(label, str(value))
    for cls in ("wsis:Document", "wsis:Paragraph", "wsis:Task", "wsis:Reference", "wsis:Mention"):
        table.add_row(cls, str(result.counts.get(cls, 0)))
    table.add_row(
        "SHACL",
        "conforms" if result.conforms else f"{len(result.validation.violations)} violations",
    )
    table.add_row("seconds", f"{result.timings.get('total', 0):.1f}")
    console.print(table)
    failed = [p for p in result.problems if p.get("stage") == "extract"]
    notes = [p for p in result.problems if p.get("stage") != "extract"]
    for p in notes[:MAX_NOTES]:
        err_console.print(
            f"note: {p['file']}: {p['reason']}",
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=True,
        )
    if len(notes) > MAX_NOTES:
        files = len({p["file"] for p in notes})
        err_console.print(
            f"note: {len(notes) - MAX_NOTES} more notes ({len(notes)} in {files} files): "
            f'see "problems" in {result.out / "build.json"}',
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=True,
        )
    for p in failed:
        err_console.print(f"error: {p['reason']}", highlight=False, markup=False, emoji=False)
    if not result.conforms:
        err_console.print(
            result.validation.text(limit=30),
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_VIOLATIONS)
    if failed:
        raise typer.Exit(EXIT_BAD_INPUT)


@app.command()
@user_errors
def validate(
    file: Path = typer.Argument(..., help="An RDF file: .ttl, .nt, .nq, .trig."),
    workers: int = typer.Option(1, "--workers", "-w", min=1),
) -> None:
    """Validate any graph with the SHACL shapes and the global rules (exit 3 on violations)."""
    from wsiskg.api import validate_file

    report = validate_file(file, workers=workers)
    if report.conforms:
        console.print(report.text(), highlight=False, markup=False, emoji=False)
        return
    console.print(
        report.text(limit=None), highlight=False, markup=False, emoji=False, soft_wrap=True
    )
    raise typer.Exit(EXIT_VIOLATIONS)


@app.command()
@user_errors
def query(
    name: str = typer.Argument(None, help="A named query (see `wsiskg queries`)."),
    store: Path = typer.Option(Path("build/store"), "--store", "-s", help="The built store."),
    param: list[str] = typer.Option(None, "--param", "-p", help="Query parameter key=value."),
    file: Path = typer.Option(None, "--file", "-f", help="Run the SPARQL in this .rq file."),
    fmt: str = typer.Option("table", "--format", help="table, csv, tsv or json."),
) -> None:
    """Run a named query (or --file X.rq) against the store."""
    from wsiskg.api import run_named_query, run_query_file
    from wsiskg.graph.errors import QueryError
    from wsiskg.graph.named_queries import FORMATS, format_result, parse_param_args

    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if (name is None) == (file is None):
        raise QueryError("give a query name or --file X.rq (one of them)")
    params = parse_param_args(param or [])
    if file is not None:
        result = run_query_file(file, store, params)
    else:
        result = run_named_query(name, store, params)
    if fmt != "table":
        typer.echo(format_result(result, fmt), nl=False)
        return
    table = Table(show_header=True, header_style="bold")
    for col in result.columns:
        table.add_column(col, no_wrap=True)
    for row in result.rows:
        table.add_row(*(_cell(v) for v in row))
    print_table(table)
    err_console.print(f"{len(result.rows)} row(s)")


_CELL_CHARS = 60


def _cell(value: str | None) -> str:
    """A table cell: long quotes are cut with an ellipsis (csv/json give them whole)."""
    if value is None:
        return ""
    value = " ".join(value.split())
    return value if len(value) <= _CELL_CHARS else value[: _CELL_CHARS - 1] + "…"


@app.command("queries")
@user_errors
def list_queries() -> None:
    """List the named queries with their parameters."""
    from wsiskg.graph.named_queries import load_named_queries

    table = Table(show_header=True, header_style="bold")
    for col in ("name", "parameters", "summary"):
        table.add_column(col, overflow="fold")
    for name, q in sorted(load_named_queries().items()):
        params = ", ".join(f"{p.name}{'' if p.required else '?'}" for p in q.params)
        table.add_row(name, params, q.summary)
    print_table(table)
