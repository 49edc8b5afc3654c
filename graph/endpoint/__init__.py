"""A read-only SPARQL 1.1 endpoint over the pyoxigraph store that ``wsiskg build`` writes.

The HTTP side (``server``) only parses requests and writes responses; every query is checked
(``safety``) and run (``worker``) in a separate process from a bounded pool (``pool``), so a
runaway query can be killed at its time limit while other clients are answered.
"""

from __future__ import annotations

from wsiskg.graph.endpoint.config import EndpointConfig
from wsiskg.graph.endpoint.errors import EndpointError
from wsiskg.graph.endpoint.server import EndpointServer, make_server, serve

__all__ = ["EndpointConfig", "EndpointError", "EndpointServer", "make_server", "serve"]
