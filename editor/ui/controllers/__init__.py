"""Qt-side lifecycle without widgets: the open document, the open folder, jobs, disk watching."""
