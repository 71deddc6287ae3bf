"""Folder checks, the answer's backslash-n hazards and the repair of stale related links."""
