"""Keep pathological runs of text away from spaCy's tokenizer, one character for one.

The tokenizer peels suffixes off a whitespace-free string one at a time, and every peel
searches the whole remaining string: a run of n punctuation marks costs O(n^2). The UN
record has such runs (``E_RES_1818(LV).txt``: one line of 38,024 en dashes kept a worker
busy for minutes). Runs of punctuation only carry nothing to extract, so they become
spaces; any other whitespace-free run is cut every ``MAX_RUN`` characters so no token is
long enough to hurt. Lengths never change, so offsets stay valid.
"""

from __future__ import annotations

import re

MAX_RUN = 200  # longer than any symbol, URL or word that matters to extraction
# a rule line ("-----", "––––", "……") or any long run with no letter or digit in it
_PUNCT_RUN = re.compile(r"[^\w\s]{64,}")
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def tokenizer_safe(text: str) -> str:
    """``text`` with long punctuation runs blanked and long tokens cut (same length)."""
    if len(text) <= 64 or (not _PUNCT_RUN.search(text) and not _LONG_RUN.search(text)):
        return text
    text = _PUNCT_RUN.sub(lambda m: " " * len(m.group(0)), text)
    return _LONG_RUN.sub(_cut, text)


def _cut(m: re.Match[str]) -> str:
    chars = list(m.group(0))
    for i in range(MAX_RUN, len(chars), MAX_RUN + 1):
        chars[i] = " "
    return "".join(chars)
