"""article-editor: the command line. With no command (or a folder) it starts the window."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from editor import __version__
from editor.core.document import ArticleDocument
from editor.core.emit import value_text
from editor.core.errors import ArticleError, KeyNotFoundError
from editor.core.safe_io import atomic_write
from editor.core.schema import article_schema
from editor.core.yamltree import compose

COMMANDS = ("get", "set", "unset", "new", "check", "fix", "gui")


def to_text(value: Any) -> str:
    """How ``get`` prints a value: strings as they are, everything else as YAML."""
    return (value if isinstance(value, str) else value_text(value)) + "\n"


def coerce(doc: ArticleDocument, key: str, value: str, as_yaml: bool) -> Any:
    """Turn the command-line string into the value to store."""
    if as_yaml:
        try:
            return compose(value).data
        except ArticleError as exc:
            raise ArticleError(f"--yaml value does not parse: {exc.message}") from None
    spec = article_schema().field(key) if doc.is_article else None
    kind = spec.type if spec else None
    if kind is None and doc.has(key):
        old = doc.get(key)
        kind = {int: "integer", float: "number", bool: "boolean", dt.date: "date"}.get(type(old))
    if kind in ("integer", "number", "boolean", "date"):
        parsed = compose(value).data if value.strip() else None
        wanted = {"integer": int, "number": float, "boolean": bool, "date": dt.date}[kind]
        if kind == "number" and type(parsed) is int:
            parsed = float(parsed)
        if parsed is None or type(parsed) is wanted:
            return parsed
        raise ArticleError(f"'{key}' holds a {kind}; '{value}' is not one")
    return value


def _fail(message: str) -> None:
    print(f"article-editor: {message}", file=sys.stderr)


def cmd_get(args: argparse.Namespace) -> int:
    try:
        doc = ArticleDocument.load(args.file)
        value = doc.get_field(args.key)
    except KeyNotFoundError:
        _fail(f"{args.file}: no key '{args.key}'")
        return 1
    except ArticleError as exc:
        _fail(str(exc))
        return 2
    sys.stdout.write(to_text(value))
    return 0


def _edit_files(files: Sequence[str], edit: Any) -> int:
    failed = 0
    for name in files:
        try:
            doc = ArticleDocument.load(name)
            edit(doc)
            if not doc.modified:
                continue
            atomic_write(Path(name), doc.to_bytes())
        except ArticleError as exc:
            _fail(f"{exc}; skipped")
            failed += 1
    return 1 if failed else 0


def cmd_set(args: argparse.Namespace) -> int:
    def edit(doc: ArticleDocument) -> None:
        doc.set_field(args.key, coerce(doc, args.key, args.value, args.yaml))

    return _edit_files(args.files, edit)


def cmd_unset(args: argparse.Namespace) -> int:
    def edit(doc: ArticleDocument) -> None:
        doc.unset(args.key)

    return _edit_files(args.files, edit)


def cmd_new(args: argparse.Namespace) -> int:
    from editor.core.newarticle import NewArticle, create_article, next_id

    folder = Path(args.folder)
    if not folder.is_dir():
        _fail(f"{folder}: not a folder")
        return 2
    ids = [e.id for e in _entries(folder).values()]
    article = NewArticle(id=next_id(ids), subject=args.subject, question=args.question)
    try:
        target = create_article(folder, article)
    except ArticleError as exc:
        _fail(str(exc))
        return 1 if "exists" in exc.message else 2
    print(target)
    return 0


def _entries(folder: Path) -> dict[str, Any]:
    """The folder's index entries, brought up to date through the SQLite cache."""
    from editor.core.index import FolderIndex

    index = FolderIndex(folder)
    try:
        return index.refresh()
    finally:
        index.close()


def _indexed(folder: Path) -> tuple[Any, Any]:
    """The folder's index entries and their catalog."""
    from editor.core.catalog import Catalog

    entries = _entries(folder)
    return entries, Catalog(entries.values())


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from editor.core.checks import check_folder, format_text

    folder = Path(args.folder)
    if not folder.is_dir():
        _fail(f"{folder}: not a folder")
        return 2
    try:
        entries, catalog = _indexed(folder)
        report = check_folder(folder, entries, catalog)
    except (OSError, ArticleError) as exc:
        _fail(f"{folder}: {exc}")
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(report.as_json(), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_text(report))
    return 1 if report.errors else 0


def cmd_fix(args: argparse.Namespace) -> int:
    from editor.core.repair import apply_file_fix, describe, plan_stale_fixes

    folder = Path(args.folder)
    if not folder.is_dir():
        _fail(f"{folder}: not a folder")
        return 2
    entries, catalog = _indexed(folder)
    plan = plan_stale_fixes(entries, catalog)
    failed = 0
    if not args.dry_run:
        for fix in plan:
            if any(slot.changes for slot in fix.slots) and not apply_file_fix(folder, fix):
                failed += 1
    sys.stdout.write(describe(plan))
    slots = sum(bool(s.changes) for f in plan for s in f.slots)
    verb = "would refresh" if args.dry_run else "refreshed"
    print(f"{verb} {slots} stale related snapshots in {len(plan) - failed} files"
          + (f"; {failed} files could not be written" if failed else ""))
    return 1 if failed else 0


def cmd_gui(args: argparse.Namespace) -> int:
    from editor.app import run_gui

    return run_gui(folder=args.folder, smoke_test=args.smoke_test, screenshot=args.screenshot)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="article-editor",
        description="Edit Markdown articles with YAML front matter, changing only what you edit.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("get", help="print one value (answer decoded to real newlines)")
    p.add_argument("key", metavar="KEY", help="dotted key, e.g. seo.title or related_article2.id")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_get)

    p = sub.add_parser("set", help="set KEY to VALUE in each FILE, writing only what changes")
    p.add_argument("key", metavar="KEY")
    p.add_argument("value", metavar="VALUE")
    p.add_argument("files", metavar="FILE", nargs="+")
    p.add_argument("--yaml", action="store_true", help="parse VALUE as YAML (numbers, null…)")
    p.set_defaults(func=cmd_set)

    p = sub.add_parser("unset", help="remove KEY (and its lines) from each FILE")
    p.add_argument("key", metavar="KEY")
    p.add_argument("files", metavar="FILE", nargs="+")
    p.set_defaults(func=cmd_unset)

    p = sub.add_parser("new", help="create a new article with the next free id")
    p.add_argument("folder", metavar="FOLDER", help="the site folder (holding content/)")
    p.add_argument("--subject", required=True)
    p.add_argument("--question", required=True)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("check", help="report the folder's problems (exit 1 when any is an error)")
    p.add_argument("folder", metavar="FOLDER")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("fix", help="repair problems through the splice writer")
    p.add_argument("what", choices=("related-stale",), help="what to fix")
    p.add_argument("folder", metavar="FOLDER")
    p.add_argument("--dry-run", action="store_true", help="list what would change, write nothing")
    p.set_defaults(func=cmd_fix)

    p = sub.add_parser("gui", help="open the editor window (the default)")
    p.add_argument("folder", nargs="?", help="content folder to open")
    p.add_argument("--smoke-test", action="store_true",
                   help="start, open FOLDER (default: the sample) and its first article, check a "
                        "no-op save, print one JSON line and exit")
    p.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_gui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in (*COMMANDS, "-h", "--help", "--version"):
        argv = ["gui", *argv]
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
