"""The window's panes and widgets; each emits signals and knows nothing of the others."""
