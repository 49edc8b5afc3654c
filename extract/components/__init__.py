"""spaCy components of the extraction pipeline; importing this module registers their factories."""

from wsiskg.extract.components import actor_ruler as actor_ruler  # noqa: F401
from wsiskg.extract.components import reference_finder as reference_finder  # noqa: F401
