"""The host console: the terminal attached to the OS's UART.

Piped (not a terminal): stdin goes to the console raw and output comes back
raw, so `printf 'ls\\n' | minos boot` works in scripts.

Interactive: the machine runs in a background thread while prompt_toolkit
edits lines in the foreground, with history kept across sessions
(~/.minos_history) and Tab completion of program names and paths as they
are inside the running OS (shell/oscomplete.py). The OS's own
prompt (the unfinished last line of its output when it waits for input)
becomes the editor's prompt, and the OS's echo of a line the editor already
showed is dropped. Keys:

    ^C        interrupt the program running inside the OS (sent as byte 3)
    ^D        end of input at an empty prompt (byte 4)
    ^A x      power off and leave
    ^A d      stop the machine and open the debugger; `continue` comes back
"""

import os
import sys
import threading

from .hostinput import StdinInput
from .oscomplete import os_completer
from .sourcenotes import SourceNotes

CHUNK = 100_000
ESCAPE_HELP = "^A x: power off   ^A d: debugger   ^C: interrupt   ^D: end of input"


def run_piped(system, fd=0, max_instructions=None):
    """Raw pass-through for scripts: input from fd (stdin), output to
    stdout. Returns the OS's exit status. Tests give a bound in
    instructions; `minos boot` runs until the OS stops."""
    out = sys.stdout.buffer

    def write(data):
        out.write(data)
        out.flush()

    notes = SourceNotes(lambda: system.images, write)
    system.console_out = notes
    system.boot(console_in=StdinInput(fd, eof_byte=b"\x04"))
    result = system.run(max_instructions)
    notes.flush()
    if result.reason == "idle":
        return 0                    # input ended and the OS waits for more: done
    if result.reason != "halt":
        print(f"minos boot: {result.message or result.reason}", file=sys.stderr)
        return 1
    return result.exit_code & 0xFF


RETURN_TO_CONSOLE = ("c", "cont", "continue", "q", "quit", "detach")


class EnterDebugger(Exception):
    """^A d was pressed: leave the line editor for the debugger."""


class EchoFilter:
    """Drops the OS's echo of a line the host editor already displayed."""

    def __init__(self):
        self.expect = b""

    def sent(self, line):
        self.expect = line

    def filter(self, data):
        out = bytearray()
        for byte in data:
            if self.expect and byte == self.expect[0]:
                self.expect = self.expect[1:]
                continue
            if self.expect and byte == 13:           # a \r before the echoed \n
                continue
            self.expect = b""
            out.append(byte)
        return bytes(out)


class Interactive:
    """The machine in a thread; prompt_toolkit in the foreground."""

    def __init__(self, system):
        import queue
        self.system = system
        self.lines = queue.Queue()
        self.pending = bytearray()       # the unfinished last line of output
        self.lock = threading.Lock()
        self.echo = EchoFilter()
        self.done = threading.Event()
        self.park = threading.Event()        # the foreground asks the machine thread to pause
        self.parked = threading.Event()      # ... and it has
        self.resume = threading.Event()
        self.result = None
        self.thread = None
        self.app = None                  # the prompt_toolkit application, once running

    # --- the machine's side ----------------------------------------------------------
    def output(self, data):
        data = self.echo.filter(data)
        with self.lock:
            self.pending += data
            *complete, self.pending = self.pending.split(b"\n")
        for line in complete:
            print(line.decode("utf-8", "replace"), flush=True)

    def machine_loop(self):
        import queue
        system = self.system
        while not self.done.is_set():
            if self.park.is_set():               # the debugger has the machine
                self.parked.set()
                self.resume.wait()
                self.resume.clear()
                continue
            # Deliver what the user typed meanwhile: a ^C must reach a running
            # program (say `sleep 100`), not wait until the machine is idle.
            while True:
                try:
                    data = self.lines.get_nowait()
                except queue.Empty:
                    break
                if data is not None:
                    system.type(data)
            result = system.run(CHUNK)
            if result.reason in ("limit", "stopped"):
                continue
            if result.reason == "idle":
                data = self.lines.get()          # sleep until the user enters a line
                if data is not None:             # (None: wake up and look at park)
                    system.type(data)
                continue
            self.result = result
            self.done.set()
        self.lines.put(b"")
        self.stop_prompt()

    def stop_prompt(self):
        """The machine stopped (the shell exited, say): end the editor's wait
        for a line, from the machine's thread."""
        app = self.app
        if app is not None and app.is_running:
            app.loop.call_soon_threadsafe(lambda: app.exit(exception=EOFError) if app.is_running else None)

    # --- the user's side --------------------------------------------------------------
    def prompt_text(self):
        # prompt_toolkit calls this on every redraw (refresh_interval), so it
        # must not consume the text: the OS's prompt stays until a line is sent.
        with self.lock:
            return self.pending.decode("utf-8", "replace")

    def run(self):
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import FileHistory
        from prompt_toolkit.patch_stdout import patch_stdout

        system = self.system
        system.console_out = SourceNotes(lambda: system.images, self.output)
        system.boot()
        session = PromptSession(history=FileHistory(os.path.expanduser("~/.minos_history")),
                                completer=self.completer(), key_bindings=self.keys(),
                                bottom_toolbar=self.toolbar, refresh_interval=0.5)
        self.app = session.app
        print(f"minos: {system.kernel} kernel, {system.cores} core(s). {ESCAPE_HELP}")
        self.thread = threading.Thread(target=self.machine_loop, daemon=True)
        self.thread.start()
        with patch_stdout(raw=True):
            while not self.done.is_set():
                try:
                    line = session.prompt(self.prompt_text)
                except EOFError:
                    if self.done.is_set():
                        break
                    self.send(b"\x04")
                    continue
                except KeyboardInterrupt:
                    self.send(b"\x03")
                    continue
                except EnterDebugger:
                    self.debug(self.debugger_line_reader())
                    continue
                if self.done.is_set():
                    break
                with self.lock:
                    self.pending = bytearray()   # the prompt is now part of the screen's line
                data = (line + "\n").encode()
                self.echo.sent(data)
                self.send(data)
        return self.exit_status()

    def send(self, data):
        self.lines.put(data)

    # --- the debugger, entered with ^A d ------------------------------------------------
    def debug(self, read_line, write=None):
        """Stop the machine where it is and debug it (docs/debugger.md); the
        `continue` command (or quit, or ^D) returns to the console and the
        machine runs on from wherever the debugger left it."""
        from shell.debug_cmd import attach_system
        from shell.debugger import repl
        write = write or sys.stdout.write
        self.pause_machine()
        machine = self.system.machine
        saved = (machine.console.output, machine.input, machine.disk._write_block)
        try:
            session = attach_system(machine, self.system.images, write=write)
            write("minos: the machine is stopped; `continue` returns to the console.\n")
            session.show_location(force_frame=True)
            while not session.quit:
                line = read_line()
                if line is None or line.strip() in RETURN_TO_CONSOLE:
                    break
                repl.run_command(session, line)
        finally:
            machine.console.output, machine.input, machine.disk._write_block = saved
            self.resume_machine()

    def pause_machine(self):
        if self.thread and self.thread.is_alive():
            self.park.set()
            self.lines.put(None)             # wake it if it sleeps waiting for input
            self.parked.wait()

    def resume_machine(self):
        self.park.clear()
        self.parked.clear()
        self.resume.set()

    @staticmethod
    def debugger_line_reader():
        from prompt_toolkit import PromptSession
        from prompt_toolkit.history import InMemoryHistory
        prompt = PromptSession(history=InMemoryHistory())

        def read():
            try:
                return prompt.prompt("(mdb) ")
            except (EOFError, KeyboardInterrupt):
                return None
        return read

    def exit_status(self):
        r = self.result
        if r is None:
            return 0
        if r.reason == "halt":
            return r.exit_code & 0xFF
        print(f"minos boot: {r.message or r.reason}", file=sys.stderr)
        return 1

    def toolbar(self):
        machine = self.system.machine
        count = sum(c.instructions for c in machine.cores) if machine else 0
        return (f" minos | kernel {self.system.kernel} | {self.system.cores} core(s) | "
                f"{count:,} instructions | ^A x power off")

    def keys(self):
        from prompt_toolkit.key_binding import KeyBindings
        kb = KeyBindings()

        @kb.add("c-a", "x")
        def _(event):
            self.done.set()
            self.lines.put(b"")
            event.app.exit(exception=EOFError)

        @kb.add("c-a", "d")
        def _(event):
            event.app.exit(exception=EnterDebugger)

        @kb.add("c-d")
        def _(event):
            if not event.app.current_buffer.text:
                event.app.exit(exception=EOFError)
            else:
                event.app.current_buffer.delete()
        return kb

    def completer(self):
        """Completion of what exists inside the running OS (shell/oscomplete.py)."""
        return os_completer(lambda: self.system.disk_path, self.prompt_text)


def attach(system):
    """Boot the system with the terminal attached; returns the exit status."""
    if not sys.stdin.isatty():
        return run_piped(system)
    system.build()
    return Interactive(system).run()
