"""The one root of every error wsiskg raises on purpose.

The CLI turns a ``WsiskgError`` into one readable line and exit code 2; anything else
is a bug and may show a traceback.
"""


class WsiskgError(Exception):
    """Bad input, configuration or data: something the user can fix."""
