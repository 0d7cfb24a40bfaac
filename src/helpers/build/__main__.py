"""`python -m helpers.build`: build one report, or every report with --all."""

import sys

from helpers.build.cli import main

sys.exit(main())
