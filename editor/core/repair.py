"""Refresh stale related snapshots through the splice writer: each fix is a few-line diff."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from editor.core.catalog import STALE, Catalog, snapshot_of
from editor.core.document import ArticleDocument
from editor.core.errors import ArticleError
from editor.core.index import Entry
from editor.core.safe_io import atomic_write

SNAPSHOT_KEYS = ("title", "subject", "url")


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


def apply_file_fix(root: Path, fix: FileFix) -> bool:
    """Write one file's slot changes atomically; False (with fix.error) when it cannot."""
    path = root / fix.file
    try:
        doc = ArticleDocument.load(path)
        for slot in fix.slots:
            for key, (_old, new) in slot.changes.items():
                doc.set(f"{slot.slot}.{key}", new)
        if doc.modified:
            atomic_write(path, doc.to_bytes())
    except ArticleError as exc:
        fix.error = str(exc)
        return False
    return True


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
