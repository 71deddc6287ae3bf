"""Entry point of the frozen app: the same command line as `article-editor`."""

import multiprocessing
import sys

from editor.cli import main

if __name__ == "__main__":
    # The folder index reads large folders in worker processes; where they are spawned
    # (Windows, macOS) a frozen worker must run the worker, not start the app again.
    multiprocessing.freeze_support()
    sys.exit(main())
