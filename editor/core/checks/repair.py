"""Refresh stale related snapshots through the splice writer: each fix is a few-line diff."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.document.article import ArticleDocument
from editor.core.document.layout import UTF8_BOM
from editor.core.errors import ArticleError, StaleFileError
from editor.core.index.catalog import STALE, Catalog, snapshot_of
from editor.core.index.entry import Entry
from editor.core.storage.filelock import file_lock
from editor.core.storage.safe_io import atomic_write
from editor.core.storage.stamps import read_stamped

SNAPSHOT_KEYS = ("title", "subject", "url")
#: Tries of one file's repair when another program changes the file meanwhile.
EDIT_TRIES = 3


@dataclass
class SlotFix:
    """New values for one slot's sub-keys (only those that differ), or why it was skipped."""

    slot: str
    target: str | None
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)
    skipped: str | None = None


@dataclass
class FileFix:
    file: str
    slots: list[SlotFix] = field(default_factory=list)
    error: str | None = None


def stale_slot_fixes(entry: Entry, catalog: Catalog) -> list[SlotFix]:
    """What refreshing each stale slot of ``entry`` would change."""
    fixes = []
    for slot in entry.related:
        state, targets = catalog.status(slot)
        if state != STALE:
            continue
        if len(targets) > 1:
            fixes.append(SlotFix(slot["slot"], None, skipped=(
                f"{len(targets)} articles have id {slot.get('id')}; not guessing which one")))
            continue
        wanted = snapshot_of(targets[0])
        changes = {k: (slot.get(k), wanted[k]) for k in SNAPSHOT_KEYS if slot.get(k) != wanted[k]}
        fixes.append(SlotFix(slot["slot"], targets[0].path, changes))
    return fixes


def plan_stale_fixes(entries: dict[str, Entry], catalog: Catalog) -> list[FileFix]:
    plan = []
    for rel in sorted(entries):
        entry = entries[rel]
        if entry.is_article:
            slots = stale_slot_fixes(entry, catalog)
            if slots:
                plan.append(FileFix(rel, slots))
    return plan


def apply_file_fix(root: Path, fix: FileFix,
                   written: dict[str, tuple[bytes, bytes]] | None = None) -> bool:
    """Write one file's slot changes atomically, under the file's lock and only while it is
    still the file read (read again when another program wrote it meanwhile); False (with
    fix.error) when it cannot. ``written`` collects each written file's bytes before and
    after, for an undo."""
    path = root / fix.file
    try:
        for _ in range(EDIT_TRIES):
            with file_lock(path):
                doc = ArticleDocument.load(path)
                inside = Path(os.path.realpath(root))
                if doc.real_path is not None and not doc.real_path.is_relative_to(inside):
                    raise ArticleError("leads through a link to a file outside the folder, so "
                                       "it is not written", path=path)
                for slot in fix.slots:
                    for key, (_old, new) in slot.changes.items():
                        doc.set(f"{slot.slot}.{key}", new)
                if not doc.modified:
                    return True
                data = doc.to_bytes()
                try:
                    atomic_write(doc.real_path or path, data, expect=doc.stamp)
                except StaleFileError:
                    continue
            if written is not None:
                written[fix.file] = (_original_bytes(doc), data)
            return True
        raise StaleFileError("kept changing while being repaired; nothing written", path=path)
    except ArticleError as exc:
        fix.error = str(exc)
        return False


def _original_bytes(doc: ArticleDocument) -> bytes:
    return (UTF8_BOM if doc.layout.bom else b"") + doc.text.encode("utf-8")


@dataclass
class AppliedPlan:
    """What a folder-wide repair wrote (bytes before and after per file) and what failed."""

    written: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    failed: list[FileFix] = field(default_factory=list)
    slots: int = 0  # slot snapshots refreshed


def apply_plan(root: Path, plan: list[FileFix],
               progress: Callable[[int, int], bool] | None = None) -> AppliedPlan:
    """Apply every file's fixes; ``progress(done, total)`` returning False stops early."""
    applied = AppliedPlan()
    for done, fix in enumerate(plan):
        if progress is not None and not progress(done, len(plan)):
            break
        if not any(slot.changes for slot in fix.slots):
            continue
        if apply_file_fix(root, fix, applied.written):
            applied.slots += sum(bool(slot.changes) for slot in fix.slots)
        else:
            applied.failed.append(fix)
    if progress is not None:
        progress(len(plan), len(plan))
    return applied


def undo_plan(root: Path, applied: AppliedPlan) -> list[str]:
    """Put back each file a repair wrote, unless it changed since; returns the files left."""
    left = []
    for rel, (before, after) in applied.written.items():
        path = root / rel
        try:
            with file_lock(path):
                real = Path(os.path.realpath(path))
                found = read_stamped(real)
                if found is None or found[0] != after:
                    left.append(rel)
                    continue
                atomic_write(real, before, expect=found[1])
        except (OSError, ArticleError):
            left.append(rel)
    applied.written.clear()
    return left


def describe(plan: list[FileFix]) -> str:
    lines = []
    for fix in plan:
        lines.append(fix.file + (f"  (not written: {fix.error})" if fix.error else ""))
        for slot in fix.slots:
            if slot.skipped:
                lines.append(f"  {slot.slot}: skipped, {slot.skipped}")
                continue
            lines.append(f"  {slot.slot} <- {slot.target}")
            for key, (old, new) in slot.changes.items():
                lines.append(f"    {key}: {old!r} -> {new!r}")
    return "\n".join(lines) + ("\n" if lines else "")
