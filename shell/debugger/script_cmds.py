"""gdb's breakpoint command lists and printf.

    commands [N]          the lines that follow, up to `end`, run each time
    silent                breakpoint N (default: the last one set) stops;
    printf "n=%d\\n", n    `silent` first: no stop report; a command that
    continue              runs the machine (continue, next...) ends the list
    end

A list runs after the stop it belongs to has been reported, from the
top-level command loop (Session.execute), so a `continue` in a list that
hits the breakpoint again runs its list again without nesting.
"""

import re

from .engine.points import Breakpoint
from .engine.symbols import DebugError
from .engine.values import read_c_string

RESUMING = {"continue", "next", "step", "stepi", "nexti", "finish", "until", "advance",
            "reverse-continue", "reverse-step", "reverse-next", "reverse-stepi", "reverse-nexti",
            "reverse-finish"}
CONVERSION = re.compile(r"%([-+ #0]*)(\d+|\*)?(?:\.(\d+))?(hh|h|ll|l|z)?([diouxXcsp%])")
ESCAPE = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a", "0": "\0", "e": "\x1b"}


class ScriptCommands:
    def cmd_commands(self, arg):
        points = self.engine.points
        if arg:
            (n,) = self._numbers(arg) if arg.strip().isdigit() else (None,)
            if n is None:
                raise DebugError("usage: commands [N] (N: a breakpoint number)")
        else:
            numbers = [p.number for p in points]
            if not numbers:
                raise DebugError("No breakpoints specified.")
            n = numbers[-1]
        point = points.get(n)
        if not isinstance(point, Breakpoint):
            raise DebugError(f"{n} is not a breakpoint (commands apply to breakpoints)")
        self.collecting = (point, [])
        if self.interactive:
            self.write("Type commands for when the breakpoint is hit, one per line.")
            self.write('End with a line saying just "end".')

    def collect(self, line):
        """A line typed while a command list is being collected."""
        point, lines = self.collecting
        if line == "end":
            self.collecting = None
            point.commands = lines
            return
        if line == "silent" and lines:
            raise DebugError("silent must be the first command of the list")
        lines.append(line)

    @staticmethod
    def _commands_of(stop):
        """The command list of the breakpoint that stopped (not when its
        condition failed to evaluate: that stop is reported as an error)."""
        if not isinstance(stop.point, Breakpoint) or stop.lines and stop.lines[-1].startswith("Error"):
            return None
        return stop.point.commands

    def queue_commands(self, stop):
        """After a stop is reported: its breakpoint's list (run by execute)."""
        commands = self._commands_of(stop)
        if commands:
            self.pending = [c for c in commands if c != "silent"]

    def is_silent(self, stop):
        commands = self._commands_of(stop)
        return bool(commands) and commands[0] == "silent"

    def run_pending(self):
        """Run queued command lists; a command that runs the machine ends
        its list (and may queue the next one)."""
        while self.pending:
            todo, self.pending = self.pending, None
            for line in todo:
                self.run_line(line)
                name = line.split()[0] if line.split() else ""
                if self.pending is not None or self._alias(name) in RESUMING or self.quit:
                    break

    # --- printf -------------------------------------------------------------------------
    def cmd_printf(self, arg):
        fmt, rest = _split_format(arg)
        args = _split_args(rest)
        self.emit(self.printf_text(fmt, args))

    def printf_text(self, fmt, args):
        out, at, used = [], 0, 0
        for m in CONVERSION.finditer(fmt):
            out.append(fmt[at:m.start()])
            at = m.end()
            flags, width, precision, _length, conv = m.groups()
            if conv == "%":
                out.append("%")
                continue
            if width == "*":
                raise DebugError("printf: '*' widths are not supported")
            if used >= len(args):
                raise DebugError(f"printf: not enough arguments for the format (conversion {m.group(0)})")
            value = self._eval(args[used])
            used += 1
            spec = "%" + flags + (width or "") + (f".{precision}" if precision else "")
            out.append(self._convert(spec, conv, value))
        out.append(fmt[at:])
        if used < len(args):
            raise DebugError(f"printf: {len(args) - used} argument(s) more than the format uses")
        return "".join(out)

    def _convert(self, spec, conv, value):
        if conv == "s":
            addr = value.as_int()
            space = value.space or self.engine.frame().space
            found = read_c_string(space, addr)
            if found is None:
                raise DebugError(f"printf: cannot read a string at {addr:#x}")
            return (spec + "s") % found[0].decode("latin-1")
        n = value.as_int()
        size = value.type.strip().size or 4
        if conv in "ouxXp":
            n &= (1 << 8 * size) - 1
        if conv == "p":
            return (spec + "s") % f"{n:#x}"
        if conv == "c":
            return (spec + "c") % (n & 0xFF)
        if conv == "i":
            conv = "d"
        return (spec + conv) % n


def _split_format(arg):
    """('the format, escapes done', 'the arguments after it')."""
    m = re.match(r'^\s*"((?:\\.|[^"\\])*)"\s*(.*)$', arg, re.S)
    if not m:
        raise DebugError('usage: printf "FORMAT", ARG, ...')
    fmt = re.sub(r"\\(.)", lambda e: ESCAPE.get(e.group(1), "\\" + e.group(1)), m.group(1))
    rest = m.group(2).strip()
    if rest and not rest.startswith(","):
        raise DebugError(f"printf: expected ',' after the format, got '{rest}'")
    return fmt, rest[1:]


def _split_args(text):
    """Comma-separated expressions (commas inside (), [] or quotes do not split)."""
    args, depth, quote, current = [], 0, None, []
    for ch in text:
        if quote:
            quote = None if ch == quote and (not current or current[-1] != "\\") else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            args.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    if "".join(current).strip():
        args.append("".join(current).strip())
    if any(not a for a in args):
        raise DebugError("printf: an argument is empty")
    return args
