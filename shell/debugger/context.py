"""The context display shown after every stop on a terminal (like pwndbg or
gef): the source around the current line, the registers with the ones
that changed since the last stop highlighted, the backtrace, and where
the core is (ring, program, core). Built with rich; `set context off`
turns it off, `context` shows it on demand. Batch runs never show it."""

from rich.columns import Columns
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from vm.isa import REG_NAMES

from .render import backtrace_line, frame_name

SOURCE_LINES = 5


class ContextView:
    def __init__(self):
        self.previous = None          # registers at the last display

    def render(self, session):
        engine = session.engine
        frame = engine.frame()
        core = engine.core
        parts = [self._where(engine, frame, core), self._source(session, frame)]
        parts.append(Columns([self._registers(core), self._backtrace(engine)]))
        self.previous = list(core.regs) + [core.pc]
        return parts

    @staticmethod
    def _where(engine, frame, core):
        program = frame.program.name if frame.program else "no symbols"
        return Text(f"core {core.id}  ring {core.ring}  {program}  {frame_name(frame)}  "
                    f"pc {frame.pc:#010x}  position {engine.position()}", style="bold")

    @staticmethod
    def _source(session, frame):
        program = frame.program
        line = program.line_at(frame.line_pc) if program else None
        text = Text()
        lines = session.sources.lines(program, line[0]) if line else None
        if not lines:
            return Panel(Text("(no source here)", style="dim"), title="source")
        for n in range(max(1, line[1] - SOURCE_LINES), min(len(lines), line[1] + SOURCE_LINES) + 1):
            style = "reverse" if n == line[1] else ""
            text.append(f"{n:>5}  {lines[n - 1]}\n", style=style)
        return Panel(text, title=f"source {line[0]}")

    def _registers(self, core):
        """Two columns of registers; the ones that changed since the last stop in yellow."""
        table = Table(show_header=False, box=None, padding=(0, 1))
        values = list(core.regs) + [core.pc]
        names = REG_NAMES + ["pc"]
        cells = []
        for index in range(1, len(values)):
            changed = self.previous is not None and self.previous[index] != values[index]
            cells.append((names[index], Text(f"{values[index]:#010x}", style="bold yellow" if changed else "")))
        half = (len(cells) + 1) // 2
        for left, right in zip(cells[:half], cells[half:] + [("", "")]):
            table.add_row(left[0], left[1], right[0], right[1])
        return Panel(table, title="registers")

    @staticmethod
    def _backtrace(engine):
        frames = engine.frames()
        multi_ring = len({f.ring for f in frames}) > 1
        text = "\n".join(backtrace_line(f, multi_ring) for f in frames[:8])
        return Panel(Text(text), title="backtrace")
