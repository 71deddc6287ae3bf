"""Atomic writes: temp file in the same folder, fsync, os.replace; mode, owner and extended
attributes kept; refused when the file is no longer the one read. Renames that never replace
another file."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import stat
import struct
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.errors import SaveError, StaleFileError
from editor.core.storage.stamps import (
    NOFOLLOW,
    OPEN_READ,
    DiskStamp,
    read_regular,
    same_file,
    stamp_bytes,
)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass
class WriteResult:
    """What a write left: the new file's fingerprint, and what could not be carried over
    from the file it replaced (its owner, an extended attribute), in plain words."""

    stamp: DiskStamp
    warnings: list[str] = field(default_factory=list)


CHANGED = "changed by another program since it was read; nothing written"
GONE = "deleted or renamed since it was read; nothing written (it is not created again)"


def _synced_temp(folder: Path, name: str, data: bytes, mode: int,
                 like: os.stat_result | None = None, source: Path | None = None,
                 warnings: list[str] | None = None) -> tuple[str, os.stat_result]:
    """A hidden temporary file in ``folder`` holding ``data``, flushed to disk, with ``mode``
    and, when ``like`` (the file it replaces, at ``source``) is given, that file's owner,
    group and extended attributes (ACLs among them) where permitted; what is not, goes to
    ``warnings``.

    Returns its path and status; the caller moves it into place or removes it. On failure it
    is removed here and the OSError propagates.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if like is not None:
                _carry_owner(fd, like, warnings if warnings is not None else [])
            os.chmod(tmp_name, mode)  # after the owner: chown may drop set-id bits
            if like is not None and source is not None:
                _carry_xattrs(fd, source, warnings if warnings is not None else [])
            os.fsync(fd)
            st = os.fstat(fd)
        finally:
            os.close(fd)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return tmp_name, st


def _carry_owner(fd: int, like: os.stat_result, warnings: list[str]) -> None:
    if not hasattr(os, "fchown"):
        return
    now = os.fstat(fd)
    if (now.st_uid, now.st_gid) == (like.st_uid, like.st_gid):
        return
    with contextlib.suppress(OSError):
        os.fchown(fd, like.st_uid, like.st_gid)
        return
    with contextlib.suppress(OSError):
        os.fchown(fd, -1, like.st_gid)  # the group alone, when we belong to it
    now = os.fstat(fd)
    lost = [f"{what} {old}" for what, old, new in (("user", like.st_uid, now.st_uid),
                                                   ("group", like.st_gid, now.st_gid))
            if old != new]
    if lost:
        warnings.append(f"its owner ({', '.join(lost)}) could not be kept: the saved file "
                        "belongs to you now")


def _carry_xattrs(fd: int, source: Path, warnings: list[str]) -> None:
    """Copy extended attributes (user.*, POSIX ACLs, ...) from ``source`` to ``fd``; drop an
    ACL the folder's default gave the temporary file that the original did not have."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source, follow_symlinks=False)
    except OSError:
        return  # none here, or none readable: nothing to keep
    try:
        had = set(os.listxattr(fd))  # a security label the system gave it already, say
    except OSError:
        had = set()
    for name in names:
        try:
            value = os.getxattr(source, name, follow_symlinks=False)
            if name in had and os.getxattr(fd, name) == value:
                continue
            os.setxattr(fd, name, value)
        except OSError:
            what = "access list (ACL)" if name.startswith("system.posix_acl") else (
                f"extended attribute “{name}”")
            warnings.append(f"its {what} could not be kept")
    with contextlib.suppress(OSError):
        for name in os.listxattr(fd):
            if name.startswith("system.posix_acl") and name not in names:
                os.removexattr(fd, name)


_APPEND_ONLY, _IMMUTABLE = 0x20, 0x10  # FS_APPEND_FL, FS_IMMUTABLE_FL
_GETFLAGS = 0x80086601  # FS_IOC_GETFLAGS


def _locked_flags(path: Path | str) -> int:
    """The file's append-only and immutable flags (Linux's chattr +a, +i); 0 elsewhere."""
    if not sys.platform.startswith("linux"):
        return 0
    try:
        import fcntl

        fd = os.open(path, OPEN_READ | NOFOLLOW)
    except (ImportError, OSError):
        return 0
    try:
        flags: int = struct.unpack("i", fcntl.ioctl(fd, _GETFLAGS, bytes(8))[:4])[0]
    except OSError:
        return 0
    finally:
        os.close(fd)
    return flags & (_APPEND_ONLY | _IMMUTABLE)


def _still_the_one(target: Path, expect: DiskStamp, path: Path) -> None:
    """Refuse unless ``target`` is still the file ``expect`` was taken of, by identity and
    size, and (when those agree) by content; a touch that changed only the time passes."""
    try:
        now = os.lstat(target)
    except FileNotFoundError:
        raise SaveError(GONE, path=path) from None
    except OSError as exc:
        raise SaveError(f"cannot save: {exc.strerror or exc}", path=path) from None
    if not same_file(expect, now):
        raise StaleFileError(CHANGED, path=path)
    try:
        data, _st = read_regular(target, follow=False, limit=max(expect.size, 1))
    except FileNotFoundError:
        raise SaveError(GONE, path=path) from None
    except OSError:
        raise StaleFileError(CHANGED, path=path) from None
    if hashlib.sha256(data).hexdigest() != expect.sha256:
        raise StaleFileError(CHANGED, path=path)


def atomic_write(path: Path | str, data: bytes, *,
                 expect: DiskStamp | None = None) -> WriteResult:
    """Replace ``path`` with ``data`` so that the file is always either old or new.

    With ``expect`` (the fingerprint of the file as read, whose resolved path ``path``
    should be) the write is refused when that file is gone or is no longer the one read
    (StaleFileError). A link at ``path`` stays a link: its file is written. A file with
    other names (hard links), or in an append-only place, is refused. Mode, owner, group
    and extended attributes (ACLs among them) are kept where permitted; the result's
    warnings say what was not. On any failure the original is untouched and SaveError
    says why.
    """
    path = Path(path)
    if expect is not None:  # ``path`` was resolved when read: never again
        target = path
        _still_the_one(target, expect, path)
    else:
        target = path.resolve() if path.is_symlink() else path
    folder = target.parent
    like = None
    try:
        like = target.stat()
        mode = stat.S_IMODE(like.st_mode)
    except FileNotFoundError:
        if expect is not None:
            raise SaveError(GONE, path=path) from None
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise SaveError(f"cannot save: {exc.strerror or exc}", path=path) from None
    if _locked_flags(folder) or (like is not None and _locked_flags(target)):
        raise SaveError("the file or its folder is append-only or immutable (chattr), so it "
                        "cannot be replaced; nothing was written", path=path)
    if like is not None:
        _refusals(target, like, mode, path)
    tmp_name = None
    warnings: list[str] = []
    try:
        tmp_name, st = _synced_temp(folder, target.name, data, mode, like, target, warnings)
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_dir(folder)
    except OSError as exc:
        left = _remove(tmp_name)
        raise SaveError(
            f"cannot save: {exc.strerror or exc}; the file on disk is unchanged" + left,
            path=path) from None
    return WriteResult(stamp_bytes(data, st=st), warnings)


def _remove(tmp_name: str | None) -> str:
    """Remove a temporary file; what to tell the writer when it cannot be removed."""
    if tmp_name is None:
        return ""
    try:
        os.unlink(tmp_name)
    except FileNotFoundError:
        return ""
    except OSError:
        return f" (a temporary file “{Path(tmp_name).name}” could not be removed)"
    return ""


def _refusals(target: Path, like: os.stat_result, mode: int, path: Path) -> None:
    if not stat.S_ISREG(like.st_mode):
        raise SaveError("not a regular file; nothing was written", path=path)
    if _read_only(target, mode):
        raise SaveError("the file is read-only (its permissions forbid writing); nothing "
                        "was written", path=path)
    if like.st_nlink > 1:
        others = like.st_nlink - 1
        raise SaveError(
            f"the file has {others} other name{'s' if others > 1 else ''} (hard link"
            f"{'s' if others > 1 else ''}), which saving would split from it; nothing was "
            "written. To edit it, make it a file of its own: copy it, delete the original and "
            "give the copy its name", path=path)


def _read_only(path: Path, mode: int) -> bool:
    """Whether the file itself may not be written by us. Replacing it goes through its folder,
    so the file's own permission must be checked here; root may write anything, so a file
    with no write bit at all counts as read-only for root too."""
    return mode & 0o222 == 0 or not os.access(path, os.W_OK)


def is_read_only(path: Path | str) -> bool:
    """Whether atomic_write would refuse ``path`` as read-only (False when it does not exist)."""
    target = Path(path)
    try:
        target = target.resolve() if target.is_symlink() else target
        return _read_only(target, stat.S_IMODE(target.stat().st_mode))
    except OSError:
        return False


def other_names(path: Path | str) -> int:
    """How many other names (hard links) the file has; atomic_write refuses such files."""
    try:
        return max(os.stat(path).st_nlink - 1, 0)
    except OSError:
        return 0


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_create(path: Path | str, data: bytes) -> None:
    """Create ``path`` with ``data``, complete or not at all; never replaces an existing file.

    The bytes go to a synced temporary file first, which is then hard-linked into place (the
    link fails if the name exists). Where hard links are not supported, an exclusive create
    is used instead. Raises SaveError (FileExistsError's message when the file exists).
    """
    path = Path(path)
    tmp_name = None
    try:
        if _locked_flags(path.parent) & _APPEND_ONLY:
            # names can be added but never removed there: a temporary file would stay
            with open(path, "xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            return
        tmp_name, _st = _synced_temp(path.parent, path.name, data, 0o666 & ~_umask())
        try:
            os.link(tmp_name, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some network or FAT drives)
            with open(path, "xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        _fsync_dir(path.parent)
    except FileExistsError:
        raise SaveError("already exists; not overwritten", path=path) from None
    except OSError as exc:
        raise SaveError(f"cannot create: {exc.strerror or exc}", path=path) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


_RENAME_NOREPLACE = 1
_AT_FDCWD = -100


def _renameat2(old: str, new: str) -> bool:
    """Linux's renameat2(RENAME_NOREPLACE); False where the kernel, libc or file system lacks
    it, FileExistsError when ``new`` exists."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return False
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                     ctypes.c_uint]
    if func(_AT_FDCWD, os.fsencode(old), _AT_FDCWD, os.fsencode(new), _RENAME_NOREPLACE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # not here: try another way
        return False
    raise OSError(code, os.strerror(code), new)


def rename_noreplace(old: Path | str, new: Path | str) -> None:
    """Give ``old`` the name ``new`` in one step, never replacing an existing ``new``.

    Uses renameat2(RENAME_NOREPLACE) on Linux, a hard link then an unlink elsewhere (the link
    fails if the name exists), and on Windows ``os.rename``, which never replaces there. A new
    name differing only in case (the same file on case-insensitive disks) is a plain rename.
    Raises SaveError; when the name is taken, the message says so and ``old`` is untouched.
    """
    old, new = Path(old), Path(new)
    try:
        # Windows' rename never replaces; Foo.md -> foo.md is one file on case-blind disks.
        if os.name == "nt" or (new.exists() and os.path.samefile(old, new)):
            os.rename(old, new)
        elif not _renameat2(str(old), str(new)):
            os.link(old, new)
            try:
                os.unlink(old)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(new)
                raise
        _fsync_dir(new.parent)
        if old.parent != new.parent:
            _fsync_dir(old.parent)
    except FileExistsError:
        raise SaveError(f"a file named “{new.name}” already exists there; not renamed",
                        path=old) from None
    except OSError as exc:
        raise SaveError(f"cannot rename to “{new.name}”: {exc.strerror or exc}",
                        path=old) from None
