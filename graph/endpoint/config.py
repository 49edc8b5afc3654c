"""Settings of one endpoint instance (the ``wsiskg serve`` options)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EndpointConfig:
    """What ``wsiskg serve`` can tune. Defaults suit a public endpoint on a small machine."""

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    """Seconds a query may run before its worker process is killed."""
    max_rows: int = 100_000
    """More result rows (or triples) than this is an error, never a silent truncation."""
    max_concurrency: int = 2
    """Worker processes, i.e. queries running at the same time."""
    queue_wait: float = 1.0
    """Seconds a request waits for a free worker before the answer is 503."""
    max_query_bytes: int = 64 * 1024
    """Longer queries (or request bodies) are answered with 413."""
    base_url: str | None = None
    """Public URL of the server (for the service description); default from host/port."""

    def public_url(self) -> str:
        if self.base_url:
            return self.base_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"
