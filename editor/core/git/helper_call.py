"""Whether the program was started by git to answer a sign-in question (see ``askpass``):
decided before anything else is imported, so that every other start stays quick."""

from __future__ import annotations

import os
from collections.abc import Mapping

#: Set (to "PORT:SECRET") only in the environment of git's runs from the window.
ASKPASS_ENV = "ARTICLE_EDITOR_ASKPASS"


def is_helper_call(argv: list[str], environ: Mapping[str, str] | None = None) -> bool:
    """Whether the program was started by git to answer a question: the variable is set and
    the one argument is a question (not a command, a folder or an option)."""
    env = os.environ if environ is None else environ
    if not env.get(ASKPASS_ENV) or len(argv) != 1:
        return False
    text = argv[0].rstrip()
    return text.endswith((":", "?")) and not text.startswith("-")
