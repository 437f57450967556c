"""`python -m bot` does what the `article-bot` command does."""

import sys

from bot.cli import main

sys.exit(main())
