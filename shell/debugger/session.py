"""A debugging session: reads commands, runs them on the engine, prints.

Each command is a method `cmd_NAME(self, arg)`; ALIASES maps gdb's short
forms onto them. A command that cannot be done raises a MinosError; the
session prints it as one line and goes on (`execute` never raises for bad
input). All output goes through self.write, so a batch run is one
deterministic text stream with the program's console output in its place.
"""

from vm.errors import MinosError

from . import exo_cmds, inspect_cmds, micro_cmds, point_cmds, run_cmds, script_cmds
from .engine.symbols import DebugError
from .render import Sources, frame_name, frame_where, source_or_insn

ALIASES = {
    "b": "break", "br": "break", "tb": "tbreak", "d": "delete", "dis": "disable", "en": "enable",
    "c": "continue", "cont": "continue", "s": "step", "n": "next", "si": "stepi", "ni": "nexti",
    "fin": "finish", "u": "until", "rs": "reverse-step", "rn": "reverse-next",
    "rsi": "reverse-stepi", "rni": "reverse-nexti", "rc": "reverse-continue", "rfin": "reverse-finish",
    "p": "print", "inspect": "print", "bt": "backtrace", "where": "backtrace", "f": "frame",
    "i": "info", "l": "list", "q": "quit", "exit": "quit", "h": "help", "disp": "display",
}


class Session(run_cmds.RunCommands, point_cmds.PointCommands, inspect_cmds.InspectCommands,
              script_cmds.ScriptCommands, exo_cmds.ExoCommands, micro_cmds.MicroCommands):
    def __init__(self, engine, write, color=False):
        self.engine = engine
        self._write = write
        self.color = color
        self.sources = Sources()
        self.history = []            # print's $1, $2, ...
        self.displays = []           # (number, format, expression)
        self.next_display = 1
        self.list_at = None          # (program, file, next line) for a bare `list`
        self.last_x = ("x", "w", None)
        self.quit = False
        self.at_line_start = True    # of the output stream (console output may leave a partial line)
        self.last_command = ""
        self.rich_console = None     # set on a terminal: then the context display is shown
        self.context_on = True
        self._context = None
        self.status = None           # on a terminal, repl.LiveStatus: a long run's progress line
        self.collecting = None       # (breakpoint, lines) while `commands` reads its list
        self.pending = None          # a breakpoint's command list, to run after its stop
        self.interactive = False     # commands typed at a prompt (not a script)

    def show_progress(self, run, engine):
        """The engine's progress callback: the live status line (a terminal only)."""
        if self.status is not None:
            self.status.show(f"running: {run:,} instructions, {engine.running()}; ^C to stop")

    # --- output ---------------------------------------------------------------------
    def write(self, text=""):
        """One line (or several) of debugger output."""
        if self.status is not None:
            self.status.clear()
        if not self.at_line_start:
            self._write("\n")
            self.at_line_start = True
        self._write(text + "\n")

    def emit(self, text):
        """Text that need not end a line (the program's output, printf)."""
        if not text:
            return
        if self.status is not None:
            self.status.clear()
        self._write(text)
        self.at_line_start = text.endswith("\n")

    def console(self, data):
        """Bytes the program printed, as they come."""
        self.emit(data.decode("latin-1"))

    # --- commands ------------------------------------------------------------------------
    def execute(self, line):
        """Run one command line (or take it into the command list being
        read), then any breakpoint command list its stop queued. Errors
        become one printed line."""
        line = line.strip()
        if self.collecting is not None:
            if line and not line.startswith("#"):
                try:
                    self.collect(line)
                except MinosError as e:
                    self.write(str(e))
            return
        self.run_line(line)
        self.run_pending()

    def prompt(self):
        return ">" if self.collecting is not None else "(mdb) "

    @staticmethod
    def _alias(name):
        return ALIASES.get(name, name)

    def run_line(self, line):
        line = line.strip()
        if not line or line.startswith("#"):
            return
        name, _, arg = line.partition(" ")
        if "/" in name and name.split("/")[0] in ("x", "xp", "print", "p", "display", "output"):
            name, _, fmt = name.partition("/")
            arg = "/" + fmt + (" " + arg if arg else "")
        name = ALIASES.get(name, name)
        handler = getattr(self, "cmd_" + name.replace("-", "_"), None)
        if handler is None:
            self.write(f"Undefined command: \"{name}\". Try \"help\".")
            return
        try:
            handler(arg.strip())
        except MinosError as e:
            self.write(f"{name}: {e}" if not isinstance(e, DebugError) else str(e))
        except RecursionError:
            self.write(f"{name}: expression too deeply nested")
        except Exception as e:      # a bug in the debugger must not end the session
            self.write(f"{name}: internal debugger error (please report it): {type(e).__name__}: {e}")

    # --- after every stop -------------------------------------------------------------------
    def report(self, stop, show_frame=None):
        """Print why and where the machine stopped (gdb style)."""
        engine = self.engine
        self.queue_commands(stop)
        if self.is_silent(stop):
            return
        lines = list(stop.lines)
        joined = stop.reason == "breakpoint" and lines and not lines[-1].startswith("Error")
        for line in lines[:-1] if joined else lines:
            self.write(line)
        if stop.reason in ("halt", "doublefault", "powercut") or engine.machine.halted == "halt":
            return
        self.show_location(force_frame=show_frame if show_frame is not None
                           else stop.reason not in ("step",), lead=lines[-1] + ", " if joined else "")
        self.show_displays()
        if self.rich_console is not None and self.context_on:
            self.cmd_context("")

    def cmd_context(self, arg):
        """The rich context display (source, registers, backtrace)."""
        if self.rich_console is None:
            self.write("The context display needs a terminal.")
            return
        from .context import ContextView
        self._context = self._context or ContextView()
        for part in self._context.render(self):
            self.rich_console.print(part)

    def show_location(self, force_frame=True, lead=""):
        engine = self.engine
        frame = engine.frame()
        core = engine.core
        prev = getattr(self, "_last_where", None)
        here = (frame_name(frame), frame.cfa if frame.function else None, core.id, core.ring)
        if force_frame or prev is None or prev != here:
            prefix = ""
            if len(engine.machine.cores) > 1:
                prefix = f"[core {core.id}] "
            if prev is not None and prev[3] != core.ring or force_frame and core.ring != 0:
                prefix += f"[ring {core.ring}] "
            self.write(lead + prefix + frame_where(frame))
            announced = True
        else:
            announced = False
        self._last_where = here
        self.write(source_or_insn(core, frame, self.sources, with_pc=not announced))
        program = frame.program
        line = program.line_at(frame.line_pc) if program else None
        if line:
            self.list_at = (program, line[0], max(1, line[1] - 4))

    def show_displays(self):
        for number, fmt, expr in self.displays:
            try:
                self.write(f"{number}: {expr} = {self.format(self.engine.evaluate(expr), fmt)}")
            except MinosError as e:
                self.write(f"{number}: {expr} = <error: {e}>")

    def cmd_help(self, arg):
        """(the list of commands)"""
        self.write(HELP.strip())

    def cmd_quit(self, arg):
        self.quit = True

    def cmd_echo(self, arg):
        self.write(arg.replace("\\n", "\n").rstrip("\n"))


HELP = """
Running:   continue (c), step (s), next (n), stepi (si), nexti (ni), finish, until LINE,
           ^C stops a running machine; input TEXT types at the console
Back:      reverse-step (rs), reverse-next (rn), reverse-stepi (rsi), reverse-continue (rc),
           reverse-finish (back to where the current function was called)
Stopping:  break LOC [if COND], tbreak LOC, delete [N], disable [N], enable [N], condition N [COND]
           LOC is FILE:LINE, LINE, FUNCTION, PROGRAM:FUNCTION or *ADDRESS
           commands [N] ... end (lines to run when breakpoint N stops; silent, printf "FMT", ARGS)
           watch EXPR, rwatch EXPR, awatch EXPR
           catch syscall [NAME|N], catch trap [CAUSE], catch ring, catch switch
           catch ipc [ENDPOINT|SERVER] (micro), catch upcall [KIND] (exo)
Looking:   print[/FMT] EXPR, ptype EXPR, display EXPR, undisplay N, x/NFU ADDR [-as PTBR|-as pid N], xp/NFU PADDR
           backtrace (bt), frame N, up, down, list [LOC], set var LVALUE = EXPR
Info:      info breakpoints|registers|csr|locals|args|frame|tlb|pagetable [PTBR|pid N]|cores|traps|procs|display
           info servers, info ipc (micro); info envs, info bindings [ENV] (exo)
           info programs (loaded debug info and where it applies), info digest (state hash)
           core N (switch core); context, set context on|off (terminal display after stops)
           set budget N (the most instructions one command runs)
"""
