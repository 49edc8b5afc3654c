"""Paragraph lists for alignment: from the structured segmentation, or from plain text.

The project's segmenter (``wsiskg.extract.structure.segment``) is the normal source: the
main part of a file (the draft or the resolution, not its covering letters) gives its
preamble and operative blocks. ``read_numbered`` is a small reader for plain numbered texts
(a draft pasted into a file, a test fixture) so the alignment can run without the
extraction pipeline; both return the same ``Para`` list.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from wsiskg.extract.records import DocumentPart
from wsiskg.graph.history.align import Para

log = logging.getLogger(__name__)

MAIN_KINDS = ("resolution", "draft", "decision")
PARAGRAPH_BLOCKS = ("preamble", "operative", "subitem")

_PRINTED_NUMBER_RE = re.compile(r"^\s*(?:\d{1,3}\.|\(?[a-z]{1,4}\))\s+")
_NUMBERED_RE = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")
_PREAMBLE_RE = re.compile(r"^\t+(?:[A-Z][a-z]+ing|Noting|Mindful|Aware|Bearing|Deeply)\b")
_ENDS_PARAGRAPH_RE = re.compile(r"[.;:,\])]\s*$")


def main_part(parts: Sequence[DocumentPart]) -> DocumentPart | None:
    """The part that holds the negotiated text: a draft/resolution with the most blocks."""
    cands = [p for p in parts if p.kind in MAIN_KINDS] or list(parts)
    if not cands:
        return None
    return max(cands, key=lambda p: (sum(b.kind in PARAGRAPH_BLOCKS for b in p.blocks), -p.index))


def from_part(part: DocumentPart, text: str) -> list[Para]:
    """Preamble, operative and sub-item blocks of one part, with their anchors.

    The printed number ("12.", "(b)") is dropped from the text: it is the anchor, and the
    other version may number the same paragraph differently or not at all.
    """
    out: list[Para] = []
    for block in part.blocks:
        if block.kind in PARAGRAPH_BLOCKS and block.anchor:
            body = _PRINTED_NUMBER_RE.sub("", text[block.span.start : block.span.end], count=1)
            out.append(Para(block.anchor, body))
    return out


def read_numbered(text: str) -> list[Para]:
    """Numbered paragraphs ("12. We …") and an unnumbered preamble (tab + "Recalling …").

    A numbered line that does not continue the sequence is a heading ("1. ICT for
    Development" after paragraph 14). A line that follows a paragraph ending mid-sentence
    continues it (page breaks split paragraphs in the converted drafts).
    """
    paras: list[list[str]] = []  # [anchor, text]
    expected = 1
    pp = 0
    open_para = False
    for line in text.splitlines():
        if not line.strip():
            continue
        m = _NUMBERED_RE.match(line)
        if m and int(m.group(1)) == expected:
            paras.append([m.group(1), m.group(2).strip()])
            expected += 1
            open_para = True
        elif expected == 1 and _PREAMBLE_RE.match(line):
            pp += 1
            paras.append([f"pp{pp}", line.strip()])
            open_para = True
        elif open_para and paras and not _ENDS_PARAGRAPH_RE.search(paras[-1][1]):
            paras[-1][1] += " " + line.strip()
        else:
            open_para = False
    return [Para(a, t) for a, t in paras]
