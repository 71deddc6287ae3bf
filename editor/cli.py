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
from typing import TYPE_CHECKING, Any, NoReturn

from editor import __version__, folder_cli, git_cli
from editor.cli_streams import fail as _fail
from editor.cli_streams import out as _out
from editor.cli_streams import safe_streams
from editor.core.errors import ArticleError, KeyNotFoundError
from editor.core.git.helper_call import is_helper_call
from editor.core.logs import log_file
from editor.core.logs import setup as setup_logging

if TYPE_CHECKING:
    from editor.core.document.article import ArticleDocument

log = logging.getLogger(__name__)
COMMANDS = ("get", "set", "unset", "new", *folder_cli.COMMANDS, "gui", *git_cli.COMMANDS)
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
    from editor.core.writer.emit import value_text

    return (value if isinstance(value, str) else value_text(value)) + "\n"


def coerce(doc: ArticleDocument, key: str, value: str, as_yaml: bool) -> Any:
    """Turn the command-line string into the value to store."""
    from editor.core.document.schema import article_schema
    from editor.core.writer.yamltree import compose

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


def cmd_get(args: argparse.Namespace) -> int:
    from editor.core.document.article import ArticleDocument

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
        return [e.id for e in folder_cli.entries_of(folder).values()]

    def article(free: int) -> NewArticle:
        return NewArticle(id=free, subject=args.subject, question=args.question)

    try:
        target = create_next(folder, article, ids)
    except ArticleError as exc:
        _fail(str(exc))
        return 1 if "exists" in exc.message else 2
    print(target)
    return 0


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

    folder_cli.add_commands(command)
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
        from editor.core.git.askpass import helper_main

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
        code = int(args.func(args))
        if sys.stdout is not None:
            sys.stdout.flush()  # a full disk says so here, not in an exit traceback
        return code
    except OSError as exc:  # the output could not be written
        gone = isinstance(exc, BrokenPipeError)  # `check | head`: nothing left to say
        if not gone:  # a full disk, stdout closed
            _fail(f"cannot write the output: {exc.strerror or exc}")
        with contextlib.suppress(OSError, ValueError, AttributeError):  # nor at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1 if gone else 2


if __name__ == "__main__":
    raise SystemExit(main())
