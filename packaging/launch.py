"""Entry point of the frozen app: the same command line as `article-editor`."""

import sys

from editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
