"""Allows ``python -m gui``."""

import sys

from gui.cli import main

sys.exit(main())
