"""`python -m bot` runs the followup command line."""

import sys

from bot.cli import main

sys.exit(main())
