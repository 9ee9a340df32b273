"""The base of every error that is meant for a person: bad input, not a bug.

The CLI prints these as one clear message and exits with status 1; anything
else that escapes is a bug in minos.
"""


class MinosError(Exception):
    pass
