"""The Python API. The CLI only wraps these functions.

Each area keeps its implementation in its own module; this module is the one place users
import from.
"""

from __future__ import annotations
