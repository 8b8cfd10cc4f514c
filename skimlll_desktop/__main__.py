"""``python -m skimlll_desktop``: the same as the ``skimlll`` command."""

from skimlll_desktop.cli import main

raise SystemExit(main())
