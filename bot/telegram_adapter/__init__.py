"""The Telegram adapter: the only package that imports `telegram`.

The command line imports it lazily (`citebot run`), so other commands start fast. Entry
points, in `app.py`: `run_bot(settings, service, webhook=False, reopen=None) -> int` and
`build_application(settings, service, reopen=None)`.
"""
