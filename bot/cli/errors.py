"""Errors the CLI reports to an operator as one clear line."""


class CommandError(Exception):
    """An operator mistake: printed as one line on stderr, exit code 2, no traceback."""
