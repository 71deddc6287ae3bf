"""The command line's publishing commands: status, publish and sync.

Exit codes: 0 done, 1 choices left for a person (listed as file: field), 2 could not run
(also: not signed in; the command line never asks for a sign-in, git's credential helper
must have it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.errors import ArticleError, printable

if TYPE_CHECKING:  # the git wing loads only when one of these commands runs
    from editor.core.git.runner import Git
    from editor.core.git.sync import FieldConflict, SyncResult

COMMANDS = ("status", "publish", "sync")


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("status", help="what changed and what is not published (git)")
    p.add_argument("folder", metavar="FOLDER")
    p.set_defaults(func=cmd_status)

    p = command("publish", help="publish changed files to the team (all changed when none given)")
    p.add_argument("folder", metavar="FOLDER")
    p.add_argument("paths", metavar="PATH", nargs="*")
    p.add_argument("-m", "--message", help="the change's description (default: the titles)")
    p.set_defaults(func=cmd_publish)

    p = command("sync", help="bring in the team's published changes")
    p.add_argument("folder", metavar="FOLDER")
    p.set_defaults(func=cmd_sync)


def options_first(argv: list[str], at: int) -> list[str]:
    """``publish FOLDER -m TEXT PATH...`` as ``publish -m TEXT FOLDER PATH...``: argparse
    takes no positional arguments after an option once their list has begun."""
    if argv[at] != "publish" or "--" in argv:
        return argv
    moved: list[str] = []
    rest: list[str] = []
    items = iter(argv[at + 1:])
    for arg in items:
        if arg in ("-m", "--message"):
            moved += [arg, next(items, "")]
        elif arg.startswith(("--message=", "-m")) and arg != "-m":
            moved.append(arg)
        else:
            rest.append(arg)
    return [*argv[:at + 1], *moved, *rest]


def _guarded(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def guarded(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except ArticleError as exc:
            print(f"article-editor: {printable(exc.message)}", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"article-editor: {printable(str(exc))}", file=sys.stderr)
            return 2
    return guarded


def _out(text: str) -> None:
    print(printable(text))


def _open(args: argparse.Namespace) -> Git:
    from editor.core.git.runner import open_repository

    return open_repository(args.folder)


@_guarded
def cmd_status(args: argparse.Namespace) -> int:
    from editor.core.git.status import status

    git = _open(args)
    st = status(git)
    _out(st.summary())
    for entry in st.entries:
        _out(f"  {entry.change.value}: {entry.path}")
    return 0


def _conflicts(conflicts: list[FieldConflict]) -> int:
    _out("Choices needed (file: field):")
    for c in conflicts:
        _out(f"  {c.path}: {c.label if c.key else 'the whole file'}")
    return 1


def _sync_report(result: SyncResult) -> int:
    from editor.core.git.sync import SyncState

    _out(result.message)
    if result.state is SyncState.CONFLICTS:
        return _conflicts(result.conflicts)
    if result.state is SyncState.PAUSED:
        for path in result.paused:
            _out(f"  not yet published here: {path}")
        return 1
    for letter, path in result.changed:
        _out(f"  {letter} {path}")
    return 2 if result.state is SyncState.OFFLINE else 0


@_guarded
def cmd_publish(args: argparse.Namespace) -> int:
    from editor.core.git.publish import PublishState, publish
    from editor.core.git.runner import NotSignedInError
    from editor.core.git.status import status

    git = _open(args)
    paths = [str(Path(p).absolute()) for p in args.paths] or status(git).changed_paths
    result = publish(git, paths, args.message)
    _out(result.text)
    if isinstance(result.error, NotSignedInError):
        return 2  # saved here, but it cannot be sent until git can sign in
    if result.state is PublishState.CONFLICTS and result.sync:
        return _conflicts(result.sync.conflicts)
    if result.state is PublishState.PAUSED:
        return 1
    return 0


@_guarded
def cmd_sync(args: argparse.Namespace) -> int:
    from editor.core.git.sync import sync

    return _sync_report(sync(_open(args)))
