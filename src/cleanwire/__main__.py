"""``python -m cleanwire`` runs the command line."""

import sys

from cleanwire.cli import main

sys.exit(main())
