"""``python -m bot``: the project's command line (see ``bot.cli``)."""

from bot.cli import main

raise SystemExit(main())
