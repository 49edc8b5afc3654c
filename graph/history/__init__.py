"""Negotiation history: versions of one text, paragraph alignment, status, diffs, mandates.

The alignment core (``align``) works on plain ``(anchor, text)`` paragraph lists so it can be
used and tested without the extraction pipeline; the other modules add the records.
"""

from wsiskg.graph.history.errors import HistoryError

__all__ = ["HistoryError"]
