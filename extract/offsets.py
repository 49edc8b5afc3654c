"""Text with an offset map back to the original, so clean-up never loses provenance."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CleanText:
    """``text`` is what extractors read; every offset in it maps back to the original.

    The map is stored as runs: ``starts[k]`` is the clean offset where run k begins and
    ``origins[k]`` the original offset it maps to; inside a run offsets advance together.
    """

    text: str
    starts: tuple[int, ...] = (0,)
    origins: tuple[int, ...] = (0,)
    footnote_markers: tuple[tuple[int, str], ...] = field(default=())  # (original offset, number)

    def to_original(self, i: int) -> int:
        """Original offset of clean offset ``i`` (``i == len(text)`` maps past the last char)."""
        k = bisect_right(self.starts, i) - 1
        return self.origins[k] + (i - self.starts[k])

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of a clean span; the end maps from its last character."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


class CleanTextBuilder:
    """Builds a ``CleanText`` by keeping or dropping pieces of an original string."""

    def __init__(self, original: str, base: int = 0) -> None:
        self._original = original
        self._base = base  # offset of ``original`` inside the whole file text
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._origins: list[int] = []
        self._length = 0
        self._markers: list[tuple[int, str]] = []

    def keep(self, start: int, end: int) -> None:
        """Append ``original[start:end]`` unchanged."""
        if end <= start:
            return
        self._append(self._original[start:end], self._base + start)

    def replace(self, start: int, end: int, text: str) -> None:
        """Append ``text`` in place of ``original[start:end]`` (all of it maps to ``start``)."""
        if not text:
            return
        self._append(text, self._base + start, contiguous=False)

    def marker(self, original_offset: int, number: str) -> None:
        self._markers.append((self._base + original_offset, number))

    def _append(self, piece: str, origin: int, contiguous: bool = True) -> None:
        if (
            contiguous
            and self._starts
            and self._origins[-1] + (self._length - self._starts[-1]) == origin
        ):
            self._parts.append(piece)
        else:
            self._starts.append(self._length)
            self._origins.append(origin)
            self._parts.append(piece)
            if not contiguous and len(piece) > 1:
                # every char of a replacement maps to the same origin: one run per char
                for j in range(1, len(piece)):
                    self._starts.append(self._length + j)
                    self._origins.append(origin)
        self._length += len(piece)

    def build(self) -> CleanText:
        if not self._starts:
            return CleanText("", (0,), (self._base,), tuple(self._markers))
        return CleanText(
            "".join(self._parts), tuple(self._starts), tuple(self._origins), tuple(self._markers)
        )
