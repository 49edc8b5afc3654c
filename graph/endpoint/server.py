"""The HTTP side of the endpoint: routing, CORS, static files, one access-log line per request.

Stdlib ``ThreadingHTTPServer``: requests are cheap to parse and every query runs in the worker
pool, so a thread per connection only ever waits; no web framework is needed.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox

from wsiskg.graph.endpoint import description, negotiation
from wsiskg.graph.endpoint.config import EndpointConfig
from wsiskg.graph.endpoint.errors import BadRequestError, EndpointError, StoreUnavailableError
from wsiskg.graph.endpoint.named import NamedQueries
from wsiskg.graph.endpoint.pool import WorkerPool
from wsiskg.graph.endpoint.protocol import ProtocolRequest, parse_params, parse_request
from wsiskg.graph.endpoint.worker import QueryJob, QueryReply

log = logging.getLogger(__name__)
access_log = logging.getLogger("wsiskg.graph.endpoint.access")

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
DUMPS = {"graph.ttl": "text/turtle", "graph.nt": "application/n-triples"}
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Max-Age": "86400",
}


class EndpointServer(ThreadingHTTPServer):
    """One endpoint: the HTTP server plus its worker pool, store handle and named queries."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, config: EndpointConfig) -> None:
        store_path = Path(config.store)
        if not store_path.is_dir():
            raise StoreUnavailableError(f"no store at {store_path} (run `wsiskg build` first)")
        self.config = config
        try:
            self.store = ox.Store.read_only(str(store_path))
        except OSError as exc:
            raise StoreUnavailableError(f"cannot open store {store_path} read-only: {exc}") from exc
        self.pool = WorkerPool(
            str(store_path), config.max_concurrency, config.timeout, config.queue_wait
        )
        try:
            super().__init__((config.host, config.port), Handler)
        except OSError:
            self.pool.close()
            raise
        self.dump_files = {
            name: store_path.parent / name for name in DUMPS if (store_path.parent / name).is_file()
        }
        self.describer = description.Describer(
            self.store, self.public_url(), {n: DUMPS[n] for n in self.dump_files}
        )
        self.named = NamedQueries()
        self.started = time.time()

    def public_url(self) -> str:
        if self.config.base_url:
            return self.config.base_url.rstrip("/")
        host, port = self.server_address[:2]
        text = host.decode() if isinstance(host, bytes) else str(host)
        text = f"[{text}]" if ":" in text else text
        return f"http://{text}:{port}"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class Handler(BaseHTTPRequestHandler):
    """Routes one request; every path ends in ``_send`` which logs the access line."""

    server: EndpointServer
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a client may take to send its request (slow-loris guard)
    server_version = "wsiskg-sparql"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.debug("%s - %s", self.address_string(), format % args)

    # ----------------------------------------------------------------- responses
    def _send(
        self,
        status: int,
        content_type: str,
        body: bytes,
        rows: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept")
        for name, value in {**CORS_HEADERS, **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        duration = (time.perf_counter() - self._started) * 1000
        access_log.info(
            "%s %s %s %d %.1fms rows=%s",
            self.address_string(),
            self.command,
            self.path[:200],
            status,
            duration,
            "-" if rows is None else rows,
        )

    def _error(self, exc: EndpointError) -> None:
        headers = {"Retry-After": "1"} if exc.status == 503 else None
        if exc.status == 405:
            headers = {"Allow": "GET, POST, OPTIONS"}
        self._send(
            exc.status, "text/plain; charset=utf-8", (str(exc) + "\n").encode(), headers=headers
        )

    def _reply(self, reply: QueryReply) -> None:
        self._send(reply.status, reply.content_type, reply.body, reply.rows)

    def _json(self, data: Any, status: int = 200) -> None:
        body = json.dumps(data, ensure_ascii=False, indent=1).encode()
        self._send(status, "application/json; charset=utf-8", body)

    # ------------------------------------------------------------------- methods
    def _dispatch(self) -> None:
        self._started = time.perf_counter()
        try:
            self._route()
        except EndpointError as exc:
            self._error(exc)
        except (BrokenPipeError, ConnectionResetError):
            log.debug("client went away")
        except Exception as exc:  # a bug: answer 500 and keep serving
            log.exception("request failed")
            self._error(EndpointError(f"internal error: {exc}"))

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = _dispatch  # noqa: N815

    def do_OPTIONS(self) -> None:  # noqa: N802 - stdlib naming
        self._started = time.perf_counter()
        self._send(204, "text/plain", b"", headers={"Allow": "GET, POST, OPTIONS"})

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            if self.headers.get("Transfer-Encoding"):
                raise EndpointError(
                    "chunked request bodies are not supported; send Content-Length", status=411
                )
            return b""
        try:
            size = int(length)
        except ValueError:
            raise BadRequestError("invalid Content-Length") from None
        if size > self.server.config.max_query_bytes:
            self.close_connection = True  # the unread body would poison keep-alive
            raise EndpointError(
                f"request body larger than the limit of {self.server.config.max_query_bytes} bytes",
                status=413,
            )
        return self.rfile.read(size) if size > 0 else b""

    # -------------------------------------------------------------------- routes
    def _route(self) -> None:
        url = urlsplit(self.path)
        path = url.path
        if self.command not in ("GET", "HEAD", "POST") or (
            self.command == "POST" and path.rstrip("/") != "/sparql"
        ):
            raise EndpointError(f"method {self.command} is not allowed here", status=405)
        if path.rstrip("/") == "/sparql":
            self._sparql(url.query)
        elif path == "/health":
            self._health()
        elif path in ("/void", "/.well-known/void"):
            self._describe(self.server.describer.void())
        elif path.rstrip("/") == "/queries":
            self._json(self.server.named.listing())
        elif path.startswith("/queries/"):
            self._named(path[len("/queries/") :], url.query)
        elif path.startswith("/dumps/"):
            self._dump(path[len("/dumps/") :])
        elif path in ("/", "/index.html"):
            self._static("index.html")
        elif path.startswith("/static/"):
            self._static(path[len("/static/") :])
        else:
            raise EndpointError(f"not found: {path}", status=404)

    def _sparql(self, url_query: str) -> None:
        config = self.server.config
        body = self._body() if self.command == "POST" else b""
        request = parse_request(
            self.command, url_query, self.headers.get("Content-Type"), body, config.max_query_bytes
        )
        if request.query is None:
            self._describe(self.server.describer.service(), request)
            return
        job = QueryJob(
            query=request.query,
            accept=self.headers.get("Accept"),
            format=request.format,
            default_graphs=request.default_graphs,
            named_graphs=request.named_graphs,
            max_rows=config.max_rows,
            base_iri=self.server.public_url() + "/sparql",
        )
        self._reply(self.server.pool.run(job))

    def _describe(self, triples: list[ox.Triple], request: ProtocolRequest | None = None) -> None:
        fmt = request.format if request else None
        media, body = description.render(triples, self.headers.get("Accept"), fmt)
        self._send(200, media + "; charset=utf-8", body, len(triples))

    def _health(self) -> None:
        pool = self.server.pool
        self._json(
            {
                "status": "ok",
                "workers": pool.size,
                "idle_workers": pool.idle(),
                "workers_killed": pool.killed,
                "uptime_s": round(time.time() - self.server.started, 1),
            }
        )

    def _named(self, name: str, url_query: str) -> None:
        params = {k: v[-1] for k, v in parse_params(url_query).items()}
        fmt = params.pop("format", None)
        accept = self.headers.get("Accept")
        if fmt is None and accept and "text/csv" in accept and "json" not in accept:
            fmt = "csv"
        if fmt not in (None, "json", "csv"):
            raise EndpointError("named queries answer as format=json or format=csv", status=406)
        text, substitutions = self.server.named.prepare(name, params)
        job = QueryJob(
            query=text,
            format=negotiation.CSV if fmt == "csv" else negotiation.SPARQL_JSON,
            substitutions=substitutions,
            max_rows=self.server.config.max_rows,
        )
        self._reply(self.server.pool.run(job))

    def _dump(self, name: str) -> None:
        file = self.server.dump_files.get(name)
        if file is None:
            raise EndpointError(f"no dump {name!r} beside the store", status=404)
        self._send(200, DUMPS[name] + "; charset=utf-8", file.read_bytes())

    def _static(self, relative: str) -> None:
        root = STATIC_DIR.resolve()
        target = (root / relative).resolve()
        if root not in target.parents or not target.is_file():
            raise EndpointError(f"not found: /{relative}", status=404)
        media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if media.startswith("text/") or media in ("application/javascript", "text/javascript"):
            media += "; charset=utf-8"
        self._send(
            200, media, target.read_bytes(), headers={"Cache-Control": "public, max-age=3600"}
        )


def make_server(config: EndpointConfig) -> EndpointServer:
    """Open the store, start the workers and bind the socket (port 0 picks a free port)."""
    return EndpointServer(config)


def serve(config: EndpointConfig) -> None:
    """Serve until interrupted, then stop the workers."""
    server = make_server(config)
    log.warning(
        "SPARQL endpoint at %s/sparql (query page at %s/)", server.public_url(), server.public_url()
    )
    try:
        server.serve_forever()
    finally:
        server.server_close()
