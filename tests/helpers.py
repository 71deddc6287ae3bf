"""What tests of both the core and the window share."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from yaml.nodes import MappingNode, Node, SequenceNode

from editor.core.writer.yamltree import mapping_entries


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


def nodes_at(root: Node | None, parts: list) -> tuple[Node | None, Node]:
    """The (key node or None, value node) at the end of ``parts`` from ``root``."""
    key_node, node = None, root
    for part in parts:
        if isinstance(node, MappingNode):
            found = [(k, v) for key, k, v in mapping_entries(node) if key == part]
            if not found:
                raise KeyError(part)
            key_node, node = found[-1]
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            key_node, node = None, node.value[part]
        else:
            raise KeyError(part)
    assert node is not None
    return key_node, node
