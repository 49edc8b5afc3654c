"""Errors of the extraction side, each saying what went wrong and where."""

from __future__ import annotations

from wsiskg.errors import WsiskgError


class ExtractError(WsiskgError):
    """Base of every extraction error."""


class InputFileError(ExtractError):
    """A file cannot be read as text: missing, binary, empty or undecodable."""


class PatternError(ExtractError):
    """A rule file is malformed or one of its examples does not fire."""
