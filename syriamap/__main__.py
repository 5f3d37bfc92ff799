"""Allow ``python -m syriamap``."""

import sys

from syriamap.cli import main

if __name__ == "__main__":
    sys.exit(main())
