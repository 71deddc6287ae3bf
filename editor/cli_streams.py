"""What every command prints through: stdout and stderr that no character stops, and the
two ways a command writes (a message on stderr, text on stdout, control characters
escaped)."""

from __future__ import annotations

import contextlib
import errno
import re
import sys
from typing import TextIO

from editor.core.errors import printable


def fail(message: str) -> None:
    print(f"article-editor: {printable(message, newlines=False)}", file=sys.stderr)


def out(text: str) -> None:
    """Write to stdout with control characters escaped (see ``printable``)."""
    _stdout().write(printable(text))


def _stdout() -> TextIO:
    """sys.stdout; OSError where the program was started with it closed."""
    if sys.stdout is None:
        raise OSError(errno.EBADF, "standard output is closed")
    return sys.stdout


def out_utf8(data: bytes | memoryview) -> None:
    """Write UTF-8 text already made printable: as it is to a UTF-8 stdout (a kept report of
    many megabytes is neither copied nor decoded to be encoded again), else through the
    stream's own encoding (see ``safe_streams``)."""
    stdout = _stdout()
    buffer = getattr(stdout, "buffer", None)
    encoding = (getattr(stdout, "encoding", "") or "").lower().replace("-", "")
    if buffer is not None and encoding == "utf8" and not _SURROGATE.search(data):
        stdout.flush()
        buffer.write(data)
        buffer.flush()
    else:
        stdout.write(bytes(data).decode("utf-8", "surrogatepass"))


#: How ``surrogatepass`` writes a lone surrogate (a file name's undecodable byte): never
#: valid UTF-8, so such text goes through the stream's error handler instead.
_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")


def safe_streams() -> None:
    """Whatever stdout and stderr can hold (ASCII under LANG=C, cp1252...), nothing we print
    stops the command: a character the stream's encoding lacks is written as a backslash
    escape (``\\u2014``). A UTF-8 stream gets every character as it is."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream closed, say
                reconfigure(errors="backslashreplace")
