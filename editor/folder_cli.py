"""The command line's folder commands: check, fix and render.

``check`` answers from the report kept beside the index while no file changed; nothing
here loads the parser, KaTeX or the window unless the command needs them.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from editor.cli_streams import fail, out, out_utf8
from editor.core.errors import ArticleError, printable, printable_json

if TYPE_CHECKING:  # a check of an unchanged folder imports none of the checks
    from editor.core.checks.folder_checks import Report
    from editor.core.checks.report_cache import ReportCache

log = logging.getLogger("editor.cli")  # one logger for the command line
COMMANDS = ("check", "fix", "render")


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("check", help="report the folder's problems (exit 1 when any is an error)")
    p.add_argument("folder", metavar="FOLDER")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_check)

    p = command("fix", help="repair problems through the splice writer")
    p.add_argument("what", choices=("related-stale",), help="what to fix")
    p.add_argument("folder", metavar="FOLDER")
    p.add_argument("--dry-run", action="store_true", help="list what would change, write nothing")
    p.set_defaults(func=cmd_fix)

    p = command("render", help="print the HTML of each FILE's answer, as the preview shows it")
    p.add_argument("files", metavar="FILE", nargs="+")
    p.add_argument("--format", choices=("html", "json"), default="html",
                   help="json: one line per file, {\"file\", \"html\"}")
    p.set_defaults(func=cmd_render)


def entries_of(folder: Path) -> dict[str, Any]:
    """The folder's index entries, brought up to date through the SQLite cache."""
    return _refreshed(folder)[0]


def _refreshed(folder: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The folder's index entries, brought up to date through the SQLite cache, and the
    stamp of each as its row was read at."""
    import time

    from editor.core.index.folder_index import FolderIndex

    started = time.perf_counter()
    index = FolderIndex(folder)
    try:
        entries = index.refresh()
        stamps = index.stamps()
    finally:
        index.close()
    log.info("indexed %s: %d files in %.2f s", folder, len(entries),
             time.perf_counter() - started)
    return entries, stamps


def _indexed(folder: Path) -> tuple[Any, Any]:
    """The folder's index entries and their catalog."""
    from editor.core.index.catalog import Catalog

    entries = entries_of(folder)
    return entries, Catalog(entries.values())


def cmd_check(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        fail(f"{folder}: not a folder")
        return 2
    try:
        code, text = _checked(folder, args.format)
    except (OSError, ArticleError) as exc:
        log.error("check %s failed: %s", folder, exc, exc_info=True)
        fail(f"{folder}: {exc}")
        return 2
    out_utf8(text)
    return code


def _checked(folder: Path, form: str) -> tuple[int, bytes | memoryview]:
    """The exit code and the printed report of a folder check: kept beside the index and
    given again while no indexed file changes (see ``report_cache``). Where only the
    folder's problems are kept (by the window, or with the other format), they are printed
    in this one, and kept in it too."""
    from editor.core.checks.report_cache import (
        ReportCache,
        digest,
        keep_report,
        listed_key,
        site_stamp,
        stamps_of,
    )
    from editor.core.storage.appdirs import cache_path_for

    cache = ReportCache(cache_path_for(folder))
    site = site_stamp(folder)
    key = listed_key(folder, site)  # nothing changed: the index is not opened
    kept, report = _kept(cache, form, key)
    if kept is None and report is None:
        entries, stamps = _refreshed(folder)
        key = digest(stamps_of(entries, stamps), site)
        kept, report = _kept(cache, form, key)
    if kept is not None:
        log.info("checked %s: unchanged since the last check", folder)
        return kept[0], memoryview(kept)[1:]  # not a copy of its 13 MB
    if report is None:
        from editor.core.checks.folder_checks import check_folder
        from editor.core.index.catalog import Catalog

        report = check_folder(entries, Catalog(entries.values()), site_root=folder)
        if site_stamp(folder) != site:  # a site file changed while it was checked
            key = None  # printed, not kept: its key may be the folder's again soon
        keep_report(cache, key, report)
        log.info("checked %s: %d errors, %d problems", folder, report.errors,
                 len(report.problems))
    else:
        log.info("checked %s: unchanged since its problems were kept", folder)
    code = 1 if report.errors else 0
    data = _printed(report, form).encode("utf-8", "surrogatepass")
    cache.put(form, key, bytes([code]) + data)
    return code, data


def _kept(cache: ReportCache, form: str,
          key: bytes | None) -> tuple[bytes | None, Report | None]:
    """What a check printed in this format under this key (its exit code first), else the
    problems kept under it, else neither."""
    from editor.core.checks.report_cache import kept_report

    printed = cache.get(form, key)
    if printed is not None and printed[:1] in (b"\0", b"\1"):
        return printed, None
    return None, kept_report(cache, key)


def _printed(report: Report, form: str) -> str:
    """The report as ``check`` prints it in this format."""
    if form == "json":
        import json

        return printable_json(json.dumps(report.as_json(), ensure_ascii=False)) + "\n"
    from editor.core.checks.folder_checks import format_text

    return printable(format_text(report))


def cmd_fix(args: argparse.Namespace) -> int:
    from editor.core.checks.repair import apply_plan, describe, plan_stale_fixes

    folder = Path(args.folder)
    if not folder.is_dir():
        fail(f"{folder}: not a folder")
        return 2
    entries, catalog = _indexed(folder)
    plan = plan_stale_fixes(entries, catalog)
    failed = 0 if args.dry_run else len(apply_plan(folder, plan).failed)
    out(describe(plan))
    slots = sum(bool(s.changes) for f in plan for s in f.slots)
    verb = "would refresh" if args.dry_run else "refreshed"
    print(f"{verb} {slots} stale related snapshots in {len(plan) - failed} files"
          + (f"; {failed} files could not be written" if failed else ""))
    return 1 if failed else 0


def cmd_render(args: argparse.Namespace) -> int:
    """Each file's answer as the preview renders it; a file that cannot be read is named on
    stderr and the others are still rendered."""
    import json

    from editor.core.render.answer import render_file

    code = 0
    for name in args.files:
        try:
            html = render_file(name).html
        except ArticleError as exc:
            fail(str(exc.with_path(name)))
            code = 1
            continue
        if args.format == "json":
            out(printable_json(json.dumps({"file": name, "html": html}, ensure_ascii=False))
                 + "\n")
        else:
            out((f"<!-- {name} -->\n" if len(args.files) > 1 else "") + html)
    return code
