"""Why the machine stopped: what every running command of the engine returns."""

from dataclasses import dataclass, field


@dataclass
class Stop:
    """Why the machine stopped. `lines` are messages to show above the
    location (breakpoint hit, old and new values...)."""
    reason: str                 # breakpoint watchpoint catchpoint step finish signal halt limit idle ...
    core: int = 0
    lines: list = field(default_factory=list)
    point: object = None
    exit_code: int = None
    value_type: object = None   # finish: the function's return type
