"""``python -m cutover``: the same as the ``cutover`` command."""

import sys

from cutover.cli import main

sys.exit(main())
