"""Pure-Python core shared by the CLI and the window. Never imports Qt."""
