"""What tests of both the core and the window share."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def as_ordinary_user(*args: str) -> subprocess.CompletedProcess[str]:
    """Run with file permissions enforced: as root, drop the capabilities that bypass them."""
    command = [sys.executable, *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be enforced")
        caps = "-dac_override,-dac_read_search,-fowner"
        command = [setpriv, f"--bounding-set={caps}", "--inh-caps=-all", *command]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120,
                          check=False)
