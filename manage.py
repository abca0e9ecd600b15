#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import sys

from gymnasieregion.cli import main

if __name__ == "__main__":
    sys.exit(main())
