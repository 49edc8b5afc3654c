"""wsiskg: a knowledge graph of who was asked to do what, by when, in WSIS documents.

The package is split by the direction of dependencies:
``wsiskg.extract`` turns text into frozen records (no RDF), ``wsiskg.graph`` turns records into
RDF, validates, stores, queries and exports. ``wsiskg.api`` is the Python API the CLI wraps.
"""

__version__ = "0.1.0"
