"""article-editor: the command line. With no command (or a folder) it starts the window."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from editor import __version__, git_cli
from editor.core.document.article import ArticleDocument
from editor.core.document.schema import article_schema
from editor.core.errors import ArticleError, KeyNotFoundError, printable, printable_json
from editor.core.git.askpass import helper_main, is_helper_call
from editor.core.logs import log_file
from editor.core.logs import setup as setup_logging
from editor.core.writer.emit import value_text
from editor.core.writer.yamltree import compose

log = logging.getLogger(__name__)
COMMANDS = ("get", "set", "unset", "new", "check", "fix", "render", "gui", *git_cli.COMMANDS)
VERBOSE = ("-v", "--verbose")
#: Qt's own command-line options (QGuiApplication's and QApplication's), handed to Qt as they
#: are: these take a value (``-style Fusion`` or ``-style=Fusion``), ...
QT_VALUE_OPTIONS = frozenset({
    "platform", "platformpluginpath", "platformtheme", "plugin", "qwindowgeometry",
    "qwindowicon", "qwindowtitle", "session", "display", "geometry", "name", "title", "visual",
    "style", "stylesheet",
})
#: ... these take none, and these are written only as ``-option=value``.
QT_FLAGS = frozenset({"reverse", "widgetcount", "nograb", "dograb", "sync", "testability"})
QT_EQUALS_ONLY = frozenset({"qmljsdebugger", "dialogs", "fontengine", "darkmode"})
QT_EPILOG = ("The window also takes Qt's own options, passed to Qt as they are: -style NAME, "
             "-stylesheet FILE, -platform NAME[:OPTIONS], -platformtheme NAME, -reverse, "
             "-qwindowgeometry WxH+X+Y, -display HOST:SCREEN and the rest "
             "(one dash or two, with a space or '=').")


def to_text(value: Any) -> str:
    """How ``get`` prints a value: strings as they are, everything else as YAML."""
    return (value if isinstance(value, str) else value_text(value)) + "\n"


def coerce(doc: ArticleDocument, key: str, value: str, as_yaml: bool) -> Any:
    """Turn the command-line string into the value to store."""
    if as_yaml:
        try:
            return compose(value).data
        except ArticleError as exc:
            raise ArticleError(f"--yaml value does not parse: {exc}", path=doc.path) from None
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
        article = "an" if kind[0] in "aeiou" else "a"
        raise ArticleError(f"'{key}' holds {article} {kind}; '{value}' is not one",
                           path=doc.path)
    return value


def _fail(message: str) -> None:
    print(f"article-editor: {printable(message, newlines=False)}", file=sys.stderr)


def _out(text: str) -> None:
    """Write to stdout with control characters escaped (see ``printable``)."""
    sys.stdout.write(printable(text))


def safe_streams() -> None:
    """Whatever stdout and stderr can hold (ASCII under LANG=C, cp1252...), nothing we print
    stops the command: a character the stream's encoding lacks is written as a backslash
    escape (``\\u2014``). A UTF-8 stream gets every character as it is."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream closed, say
                reconfigure(errors="backslashreplace")


def cmd_get(args: argparse.Namespace) -> int:
    try:
        doc = ArticleDocument.load(args.file)
        value = doc.get_field(args.key)
    except KeyNotFoundError as exc:
        _fail(f"{args.file}: {exc.message}")
        return 1
    except ArticleError as exc:
        _fail(str(exc.with_path(args.file)))
        return 2
    _out(to_text(value))
    return 0


def _edit_files(files: Sequence[str], edit: Any, create: bool = False) -> int:
    """Apply ``edit`` to each file (see core.edits); every file is tried, whatever happens
    to the others, and the ones not written are listed at the end."""
    from editor.core.document.file_edit import common_folder, edit_file

    failed: list[str] = []
    common = common_folder(files)
    for name in files:
        try:
            warnings = edit_file(name, edit, create=create, common=common)
            if warnings is not None:
                log.info("wrote %s", name)
            for warning in warnings or []:
                log.warning("%s: %s", name, warning)
                _fail(f"{name}: saved, but {warning}")
        except ArticleError as exc:
            log.warning("not written: %s", exc, exc_info=True)
            _fail(f"{exc}; skipped")
            failed.append(name)
        except Exception:  # a crash in one file must not stop the others
            log.exception("not written: %s: unexpected error", name)
            _fail(f"{name}: could not be edited because of an unexpected error (the details "
                  f"are in the log file, {log_file()}); skipped")
            failed.append(name)
    if failed and len(files) > 1:
        _fail(f"{len(failed)} of {len(files)} files not written: " + ", ".join(failed))
    return 1 if failed else 0


def cmd_set(args: argparse.Namespace) -> int:
    def edit(doc: ArticleDocument) -> None:
        doc.set_field(args.key, coerce(doc, args.key, args.value, args.yaml))

    return _edit_files(args.files, edit, create=args.create)


def cmd_unset(args: argparse.Namespace) -> int:
    def edit(doc: ArticleDocument) -> None:
        if not doc.unset(args.key):
            raise KeyNotFoundError(f"no key '{args.key}'", path=doc.path)

    return _edit_files(args.files, edit)


def cmd_new(args: argparse.Namespace) -> int:
    from editor.core.document.new_article import NewArticle, create_next

    folder = Path(args.folder)
    if not folder.is_dir():
        _fail(f"{folder}: not a folder")
        return 2

    def ids() -> list[Any]:
        return [e.id for e in _entries(folder).values()]

    def article(free: int) -> NewArticle:
        return NewArticle(id=free, subject=args.subject, question=args.question)

    try:
        target = create_next(folder, article, ids)
    except ArticleError as exc:
        _fail(str(exc))
        return 1 if "exists" in exc.message else 2
    print(target)
    return 0


def _entries(folder: Path) -> dict[str, Any]:
    """The folder's index entries, brought up to date through the SQLite cache."""
    return _refreshed(folder)[0]


def _unchanged_key(folder: Path) -> bytes | None:
    """The kept reports' key of a folder none of whose files changed since it was indexed
    (None when any did: then the index is refreshed)."""
    from editor.core.checks.report_cache import digest, site_stamp
    from editor.core.index.folder_index import FolderIndex

    index = FolderIndex(folder)
    try:
        stamps = index.unchanged()
    finally:
        index.close()
    return None if stamps is None else digest(stamps, site_stamp(folder))


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

    entries = _entries(folder)
    return entries, Catalog(entries.values())


def cmd_check(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.is_dir():
        _fail(f"{folder}: not a folder")
        return 2
    try:
        code, text = _checked(folder, args.format)
    except (OSError, ArticleError) as exc:
        log.error("check %s failed: %s", folder, exc, exc_info=True)
        _fail(f"{folder}: {exc}")
        return 2
    sys.stdout.write(text)
    return code


def _checked(folder: Path, form: str) -> tuple[int, str]:
    """The exit code and the printed report of a folder check: kept beside the index and
    given again while no indexed file changes (see ``report_cache``)."""
    import json

    from editor.core.checks.folder_checks import check_folder, format_text
    from editor.core.checks.report_cache import ReportCache, digest, site_stamp, stamps_of
    from editor.core.index.catalog import Catalog
    from editor.core.index.folder_index import cache_path_for

    cache = ReportCache(cache_path_for(folder))
    kept = cache.get(form, _unchanged_key(folder))  # nothing changed: no row is even loaded
    if kept is None:
        entries, stamps = _refreshed(folder)
        key = digest(stamps_of(entries, stamps), site_stamp(folder))
        kept = cache.get(form, key)
    if kept is not None:
        log.info("checked %s: unchanged since the last check", folder)
        return kept[0], kept[1:].decode("utf-8", "surrogatepass")
    report = check_folder(entries, Catalog(entries.values()), site_root=folder)
    log.info("checked %s: %d errors, %d problems", folder, report.errors,
             len(report.problems))
    if form == "json":
        text = printable_json(json.dumps(report.as_json(), ensure_ascii=False)) + "\n"
    else:
        text = printable(format_text(report))
    code = 1 if report.errors else 0
    cache.put(form, key, bytes([code]) + text.encode("utf-8", "surrogatepass"))
    return code, text


def cmd_fix(args: argparse.Namespace) -> int:
    from editor.core.checks.repair import apply_plan, describe, plan_stale_fixes

    folder = Path(args.folder)
    if not folder.is_dir():
        _fail(f"{folder}: not a folder")
        return 2
    entries, catalog = _indexed(folder)
    plan = plan_stale_fixes(entries, catalog)
    failed = 0 if args.dry_run else len(apply_plan(folder, plan).failed)
    _out(describe(plan))
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
            _fail(str(exc.with_path(name)))
            code = 1
            continue
        if args.format == "json":
            _out(printable_json(json.dumps({"file": name, "html": html}, ensure_ascii=False))
                 + "\n")
        else:
            _out((f"<!-- {name} -->\n" if len(args.files) > 1 else "") + html)
    return code


def cmd_gui(args: argparse.Namespace) -> int:
    from editor.app import run_gui

    return run_gui(folder=args.folder, smoke_test=args.smoke_test, screenshot=args.screenshot,
                   qt_args=getattr(args, "qt_args", ()))


DASH_HINT = ("to give a key or value that starts with '-', put '--' before it: "
             "article-editor set -- title '-5 reasons' FILE")


class _Parser(argparse.ArgumentParser):
    """argparse, whose usage errors say how to pass a value that starts with '-'."""

    def error(self, message: str) -> NoReturn:
        given = getattr(self, "given", [])
        known = self._option_string_actions
        dashed = any(a.startswith("-") and len(a) > 1 and a.split("=")[0] not in known
                     and a != "--" for a in given)
        if dashed and "--" not in given and ("unrecognized" in message or "required" in message
                                             or "expected" in message):
            message = f"{message}\n{DASH_HINT}"
        super().error(message)


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="article-editor",
        description="Edit Markdown articles with YAML front matter, changing only what you edit.",
        epilog=QT_EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    verbose_help = "log every step to stderr (the log file is written either way)"
    parser.add_argument(*VERBOSE, action="store_true", help=verbose_help)
    # Each command takes --verbose too, without overriding one given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(*VERBOSE, action="store_true", default=argparse.SUPPRESS,
                        help=verbose_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    parser.given = list(argv)  # type: ignore[attr-defined]

    def command(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], **kwargs)
        p.given = list(argv)  # type: ignore[attr-defined]
        return p

    p = command("get", help="print one value (answer decoded to real newlines)")
    p.add_argument("key", metavar="KEY",
                   help="dotted key, e.g. seo.title or related_article2.id; quote a key with a "
                        "dot in it, 'link.url', and bracket one that is not a string, [1]")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_get)

    p = command("set", help="set KEY to VALUE in each FILE, writing only what changes")
    p.add_argument("key", metavar="KEY")
    p.add_argument("value", metavar="VALUE")
    p.add_argument("files", metavar="FILE", nargs="+")
    p.add_argument("--yaml", action="store_true", help="parse VALUE as YAML (numbers, null…)")
    p.add_argument("--create", action="store_true",
                   help="also write files that have no front matter yet (giving them some)")
    p.set_defaults(func=cmd_set)

    p = command("unset", help="remove KEY (and its lines) from each FILE")
    p.add_argument("key", metavar="KEY")
    p.add_argument("files", metavar="FILE", nargs="+")
    p.set_defaults(func=cmd_unset)

    p = command("new", help="create a new article with the next free id")
    p.add_argument("folder", metavar="FOLDER", help="the site folder (holding content/)")
    p.add_argument("--subject", required=True)
    p.add_argument("--question", required=True)
    p.set_defaults(func=cmd_new)

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

    git_cli.add_commands(command)

    p = command("gui", help="open the editor window (the default)", epilog=QT_EPILOG)
    p.add_argument("folder", nargs="?", help="content folder to open")
    p.add_argument("--smoke-test", action="store_true",
                   help="start, open FOLDER (default: the sample) and its first article, check a "
                        "no-op save, print one JSON line and exit")
    p.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_gui)
    return parser


def split_qt_args(args: Sequence[str]) -> tuple[list[str], list[str]]:
    """Qt's own options (see QT_VALUE_OPTIONS) and everything else, each in its order."""
    qt: list[str] = []
    rest: list[str] = []
    items = iter(args)
    for arg in items:
        if arg == "--":
            rest += [arg, *items]
            break
        bare = arg[2:] if arg.startswith("--") else arg[1:] if arg.startswith("-") else ""
        name, equals, _ = bare.partition("=")
        takes = QT_VALUE_OPTIONS | QT_EQUALS_ONLY if equals else QT_FLAGS
        if name in takes:
            qt.append(arg)
        elif not equals and name in QT_VALUE_OPTIONS:
            value = next(items, None)
            qt += [arg] if value is None else [arg, value]
        else:
            rest.append(arg)
    return qt, rest


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if is_helper_call(argv):  # git asks the window for a sign-in through this program
        return helper_main(argv[0])
    safe_streams()
    at = 0  # the command's place, after any --verbose
    while at < len(argv) and argv[at] in VERBOSE:
        at += 1
    if at == len(argv) or argv[at] not in (*COMMANDS, "-h", "--help", "--version"):
        argv.insert(at, "gui")
    qt_args: list[str] = []
    if argv[at] == "gui":
        qt_args, rest = split_qt_args(argv[at + 1:])
        argv[at + 1:] = rest
    argv = git_cli.options_first(argv, at)
    args = build_parser(argv).parse_args(argv)
    args.qt_args = qt_args
    # A smoke test writes no log file of its own unless told where (it leaves the user's
    # folders alone); everything else logs to the user's log folder.
    smoke = args.command == "gui" and args.smoke_test
    setup_logging(verbose=args.verbose,
                  to_file=not smoke or bool(os.environ.get("ARTICLE_EDITOR_LOG_DIR")))
    log.debug("article-editor %s, Python %s: %s", __version__, sys.version.split()[0],
              " ".join([*argv, *qt_args]))
    try:
        return int(args.func(args))
    except BrokenPipeError:  # `check | head`: the reader has gone; nothing left to say
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
