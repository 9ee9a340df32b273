"""Turning the engine's answers into the lines the user reads: where we
are, a frame, source lines. Plain text; the REPL adds color on a terminal."""

from vm.disasm import format_insn

from .engine.stepping import peek
from .engine.symbols import DebugError, short_name
from .engine.values import format_value, read_variable


class Sources:
    """Source files, read once."""

    def __init__(self):
        self.cache = {}

    def lines(self, program, file):
        path = program.source_path(file) if program else None
        if path is None:
            return None
        if path not in self.cache:
            try:
                with open(path, errors="replace") as f:
                    self.cache[path] = f.read().split("\n")
            except OSError:
                self.cache[path] = None
        return self.cache[path]

    def line(self, program, file, n):
        lines = self.lines(program, file)
        if lines is None or not 1 <= n <= len(lines):
            return None
        return lines[n - 1]


def frame_args(frame):
    """'n=4, p=0x7000' for a frame's parameters."""
    fn = frame.function
    if fn is None:
        return ""
    parts = []
    for p in fn.params:
        try:
            v = read_variable(frame, p)
            parts.append(f"{p.name}={format_value(v, frame.program.symbolize, top=False)}")
        except DebugError:
            parts.append(f"{p.name}=<not available>")
    return ", ".join(parts)


def frame_where(frame, with_pc=None):
    """'fact (n=4) at prog.c:6' or '0x00001008 in _start ()'."""
    program = frame.program
    fn = frame.function
    line = program.line_at(frame.line_pc) if program else None
    at_line_start = program is not None and frame.pc in program.line_starts
    show_pc = with_pc if with_pc is not None else not at_line_start
    pc = f"{frame.pc:#010x} in " if show_pc else ""
    if fn:
        text = f"{pc}{fn.name} ({frame_args(frame)})"
    else:
        text = f"{pc}{frame_name(frame)} ()"
    if line:
        text += f" at {short_name(line[0])}:{line[1]}"
    return text


def frame_name(frame):
    if frame.function:
        return frame.function.name
    sym = frame.program.symbolize(frame.line_pc) if frame.program else None
    return sym.split("+")[0] if sym else "??"


def backtrace_line(frame, multi_ring):
    text = f"#{frame.level:<2} " + frame_where(frame, with_pc=frame.level > 0 or None)
    if multi_ring:
        text += f"  [ring {frame.ring}]"
    return text


def source_or_insn(core, frame, sources, with_pc=True):
    """The line shown at a stop: the source line, or the instruction."""
    program = frame.program
    line = program.line_at(frame.line_pc) if program else None
    if line:
        text = sources.line(program, line[0], line[1])
        if text is not None:
            prefix = "" if frame.pc in program.line_starts or not with_pc else f"{frame.pc:#010x}\t"
            return f"{prefix}{line[1]}\t{text}"
    d = peek(core, frame.pc)
    sym = program.symbolize if program else None
    return f"=> {frame.pc:#010x}:\t{format_insn(d, sym) if d else '(cannot read)'}"
