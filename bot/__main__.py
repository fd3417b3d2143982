"""`python -m bot` is the `citebot` command."""

from bot.cli import main

raise SystemExit(main())
