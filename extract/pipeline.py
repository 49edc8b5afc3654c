"""Files in, records out: read, segment, run the spaCy components block by block.

Each block becomes its own small Doc (PERF-NOTES: per-paragraph Docs and a tokenizer without
the whitespace special cases are ~10x faster than whole documents), carrying its
``BlockContext`` in ``doc.user_data["wsis"]``; all blocks of a file share one
``DocumentState`` in reading order, so acronyms and anaphora resolve per document.
Parallelism is by file in own worker processes that return records, never Docs.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeAlias

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from wsiskg.errors import WsiskgError
from wsiskg.extract import components as _components  # noqa: F401  (registers factories)
from wsiskg.extract.cleaning import clean, footnote_lines
from wsiskg.extract.components.actor_ruler import seed_state
from wsiskg.extract.components.reference_finder import instrument_equivalents
from wsiskg.extract.components.rules import TEXT_KEY
from wsiskg.extract.context import BlockContext, DocumentState
from wsiskg.extract.errors import ExtractError
from wsiskg.extract.loading import expand_folders, read_source
from wsiskg.extract.manifest import MANIFEST_NAME, ManifestRow, manifest_row_for, read_manifest
from wsiskg.extract.metadata import infer_meta
from wsiskg.extract.records import (
    EntityMention,
    FileExtraction,
    Reference,
    Task,
)
from wsiskg.extract.structure import segment_with_problems
from wsiskg.extract.tokenguard import tokenizer_safe
from wsiskg.parallel import map_in_order

log = logging.getLogger(__name__)
CONFIG_PATH = Path(__file__).resolve().parent / "pipeline.cfg"
OPTIONAL_COMPONENTS = {"wsis_task_extractor": "wsiskg.extract.components.task_extractor"}
# one character for one: offsets stay valid, and names wrapped over lines still match
_SPACES = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\xa0": " ", "\u2028": " "})


def build_nlp(config_path: Path = CONFIG_PATH) -> Language:
    """The extraction pipeline from ``pipeline.cfg`` on a ``blank("en")`` tokenizer."""
    config = spacy.util.load_config(config_path)
    names = list(config["nlp"]["pipeline"])
    for name, module in OPTIONAL_COMPONENTS.items():
        if name in names:
            try:
                importlib.import_module(module)
            except ImportError as e:
                log.warning("component %s left out: %s", name, e)
                names.remove(name)
                del config["components"][name]
    config["nlp"]["pipeline"] = names
    try:
        nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    except Exception as e:  # config or factory errors are the user's to fix
        raise ExtractError(f"{config_path}: cannot build the pipeline ({e})") from e
    remove_whitespace_rules(nlp)
    return nlp


def remove_whitespace_rules(nlp: Language) -> None:
    """Drop the tokenizer's special cases for whitespace strings (spaCy #13950, PERF-NOTES)."""
    rules = nlp.tokenizer.rules or {}  # type: ignore[union-attr]
    nlp.tokenizer.rules = {k: v for k, v in rules.items() if k.strip()}  # type: ignore[union-attr]


def extract_file(
    path: str | Path, manifest_row: ManifestRow | None = None, nlp: Language | None = None
) -> FileExtraction:
    """Everything extracted from one input file (the manifest beside it is read if not given)."""
    nlp = nlp or _default_nlp()
    source = read_source(path)
    row = manifest_row if manifest_row is not None else _manifest_row(Path(path))
    meta = infer_meta(source, row)
    seg = segment_with_problems(source, meta)
    state = DocumentState(issuer=meta.issuer, date=meta.date, symbol=meta.symbol)
    seed_state(state)
    state.equivalents.update(instrument_equivalents(clean(source.text).text, meta.issuer))
    state.footnotes.update(footnote_texts(source.text))
    entities: list[EntityMention] = []
    references: list[Reference] = []
    tasks: list[Task] = []
    chapeaux: dict[str, object] = {}  # anchor -> TaskContext its block left for sub-items
    for part in seg.parts:
        state.symbol = part.symbol or meta.symbol
        # "We commit …" in a GA outcome draft inside a co-facilitators' letter is the GA's
        state.issuer = part.issuer or meta.issuer
        for block in part.blocks:
            ct = clean(source.text, block.span.start, block.span.end)
            if not ct.text.strip():
                continue
            ctx = BlockContext(
                stem=source.stem,
                anchor=block.anchor,
                kind=block.kind,
                clean=ct,
                source_text=source.text,
                state=state,
                document_kind=part.kind,
                parent_task_context=chapeaux.get(block.parent) if block.parent else None,
            )
            text = tokenizer_safe(ct.text.translate(_SPACES))
            doc = nlp.make_doc(text)
            doc.user_data["wsis"] = ctx
            doc.user_data[TEXT_KEY] = text  # Doc.text would rebuild it on every access
            for _, proc in nlp.pipeline:
                doc = proc(doc)
            entities.extend(_entities(doc, ctx))
            references.extend(doc._.wsis_references or ())
            if Doc.has_extension("wsis_tasks"):
                tasks.extend(doc._.wsis_tasks or ())
            if block.anchor and Doc.has_extension("wsis_task_context"):
                if doc._.wsis_task_context is not None:
                    chapeaux[block.anchor] = doc._.wsis_task_context
    return FileExtraction(
        source=source,
        meta=meta,
        parts=seg.parts,
        entities=tuple(entities),
        references=tuple(references),
        tasks=tuple(tasks),
        problems=seg.problems,
        adhoc_actors=tuple((k, label, kind) for k, (label, kind) in state.adhoc_actors.items()),
    )


def footnote_texts(text: str) -> dict[str, str]:
    """Footnote number -> the footnote's text without its number ("9" -> "A/68/98 and ...")."""
    out: dict[str, str] = {}
    for start, end, number in footnote_lines(text):
        out.setdefault(str(number), text[start:end].strip().removeprefix(str(number)).strip())
    return out


def _entities(doc: Doc, ctx: BlockContext) -> Iterator[EntityMention]:
    layers = (("wsis_actors", "actor"), ("wsis_action_lines", "action_line"))
    for key, kind in (*layers, ("wsis_documents", "document")):
        if key not in doc.spans:
            continue
        for span in doc.spans[key]:
            orig = ctx.original_span(span.start_char, span.end_char)
            yield EntityMention(
                doc=ctx.stem,
                para=ctx.para_for(orig.start),
                id=span.label_,
                kind=kind,  # type: ignore[arg-type]
                span=orig,
                text=ctx.source_text[orig.start : orig.end],
                rule=span.kb_id_,
            )


@lru_cache(maxsize=16)
def _manifest(folder: Path, mtime: float) -> dict[str, ManifestRow]:
    return read_manifest(folder)


def _manifest_row(path: Path) -> ManifestRow | None:
    """The file's manifest row; a folder's manifest is read once, not once per file."""
    manifest = path.parent / MANIFEST_NAME
    if not manifest.is_file():
        return manifest_row_for(path)
    return _manifest(path.parent, manifest.stat().st_mtime).get(path.name)


_NLP: Language | None = None


def _default_nlp() -> Language:
    global _NLP
    if _NLP is None:
        _NLP = build_nlp()
    return _NLP


@dataclass(frozen=True, slots=True)
class FileFailure:
    """A file that could not be extracted, and why: a problem for build.json, not a crash.

    ``reason`` always names the file; ``error`` is the exception class ("InputFileError" for
    binary / empty / undecodable input, anything else is a bug in extraction).
    """

    path: str
    reason: str
    error: str = "ExtractError"

    @property
    def stem(self) -> str:
        return Path(self.path).stem

    @property
    def name(self) -> str:
        return Path(self.path).name

    def to_problem(self) -> dict[str, str]:
        """The entry ``graph.build`` writes under ``problems`` in build.json."""
        return {"file": self.name, "stage": "extract", "reason": self.reason}


class FilesFailedError(ExtractError):
    """Raised by ``extract_paths`` after every other file was yielded, when some files failed."""

    def __init__(self, failures: Sequence[FileFailure]) -> None:
        self.failures = tuple(failures)
        more = f" (and {len(failures) - 1} more file(s))" if len(failures) > 1 else ""
        super().__init__(self.failures[0].reason + more)


ExtractResult: TypeAlias = "FileExtraction | FileFailure"
OnError: TypeAlias = Callable[[FileFailure], None]


def _failure(path: str, exc: BaseException) -> FileFailure:
    message = str(exc) or type(exc).__name__
    if not isinstance(exc, WsiskgError):
        message = f"unexpected {type(exc).__name__}: {message}"
    if path not in message and Path(path).name not in message:
        message = f"{path}: {message}"
    return FileFailure(path=path, reason=message, error=type(exc).__name__)


def extract_or_fail(path: str | Path, nlp: Language | None = None) -> ExtractResult:
    """``extract_file``, with any exception turned into a ``FileFailure`` (logged)."""
    try:
        return extract_file(path, nlp=nlp)
    except Exception as exc:  # one bad file must never stop the others
        failure = _failure(str(path), exc)
        if isinstance(exc, WsiskgError):
            log.warning("%s", failure.reason)
        else:
            log.exception("%s", failure.reason)
        return failure


def _worker_extract(path: str) -> ExtractResult:
    return extract_or_fail(path)


def iter_extractions(paths: Iterable[str | Path], workers: int = 1) -> Iterator[ExtractResult]:
    """One result per file (folders and globs expanded), in order: extraction or failure.

    ``workers > 1`` runs own worker processes (one file a task). A worker that dies (killed,
    out of memory) breaks its pool: the files not yet yielded go to a fresh pool, the first of
    them alone first, so the file that kills its worker ends as a ``FileFailure``.
    """
    files = list(expand_folders(paths))
    if workers <= 1 or len(files) <= 1:
        nlp = _default_nlp()
        for f in files:
            yield extract_or_fail(f, nlp=nlp)
        return
    workers = min(workers, len(files), os.cpu_count() or 1) or 1
    yield from map_in_order(_worker_extract, files, workers, _worker_died)


def _worker_died(path: str, exc: BaseException) -> ExtractResult:
    return FileFailure(path, f"{path}: the worker process died ({exc})", "WorkerDied")


def extract_paths(
    paths: Iterable[str | Path], workers: int = 1, on_error: OnError | None = None
) -> Iterator[FileExtraction]:
    """Extract files in order; a file that fails never stops the others.

    With ``on_error`` each ``FileFailure`` goes to it as it happens and nothing is raised.
    Without it, the failures are held back and one ``FilesFailedError`` (an ``ExtractError``
    naming the first failed file, ``.failures`` holding all) is raised after every other
    file has been yielded.
    """
    failures: list[FileFailure] = []
    for result in iter_extractions(paths, workers):
        if isinstance(result, FileFailure):
            if on_error is not None:
                on_error(result)
            else:
                failures.append(result)
        else:
            yield result
    if failures:
        raise FilesFailedError(failures)
