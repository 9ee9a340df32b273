"""Record: a plain class of named fields, compared and shown by them.

What @dataclass gives the machine's small records (vm/isa.py's Csr, Insn and
Decoded, vm/image.py's Segment and Image, vm/machine.py's RunResult), without
importing dataclasses, which
imports inspect, ast and tokenize: a few milliseconds of every `minos`
command's start-up (docs/engines.md, "Start-up")."""


class Record:
    """Subclasses set their fields in __init__; two records are equal when
    they are of one class and their fields are."""

    def __eq__(self, other):
        return type(other) is type(self) and vars(other) == vars(self)

    __hash__ = None             # mutable, as a dataclass without frozen=True

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({fields})"


class Frozen(Record):
    """A Record whose fields never change after __init__ (which sets them
    with vars(self).update): hashable by them, as a frozen dataclass."""

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name!r}")

    def __hash__(self):
        return hash(tuple(vars(self).values()))
