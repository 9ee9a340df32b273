"""Reading commands: from script files (-x, --batch), or interactively with
prompt_toolkit (line editing, history; an empty line repeats the last
command). ^C while the machine runs stops it; at the prompt it is ignored."""

import signal
import sys

PROMPT = "(mdb) "


class LiveStatus:
    """One line, rewritten in place, that shows a long run's progress on a
    terminal (Session.show_progress writes it, any other output clears it
    first). Never used off a terminal: transcripts stay deterministic."""

    def __init__(self, stream):
        self.stream = stream
        self.shown = False

    def show(self, text):
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def clear(self):
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def attach_status(session, stream):
    """Show the live status line on `stream` (a terminal) while commands run."""
    session.status = LiveStatus(stream)
    session.engine.on_progress = session.show_progress


def run_script(session, path, echo=True):
    try:
        with open(path) as f:
            lines = f.read().splitlines()
    except OSError as e:
        from vm.errors import MinosError
        raise MinosError(f"{path}: cannot read the command file: {e.strerror}") from None
    for line in lines:
        if session.quit:
            return
        if echo and line.strip() and not line.strip().startswith("#"):
            session.write(session.prompt() + line.strip())
        run_command(session, line)


def run_command(session, line):
    """Execute one line with ^C routed to the engine (stop the machine, not Python)."""
    def on_sigint(signum, frame):
        session.engine.interrupt()
    try:
        old = signal.signal(signal.SIGINT, on_sigint)
    except ValueError:          # not the main thread (tests): no ^C handling
        old = None
    try:
        session.execute(line)
    finally:
        if old is not None:
            signal.signal(signal.SIGINT, old)


def interactive(session):
    from prompt_toolkit import PromptSession
    from prompt_toolkit.history import InMemoryHistory
    prompt = PromptSession(history=InMemoryHistory())
    session.interactive = True
    last = ""
    while not session.quit:
        try:
            line = prompt.prompt(session.prompt())
        except KeyboardInterrupt:
            continue
        except EOFError:
            break
        if session.collecting is not None:
            pass                   # a line of a command list: taken as it is
        elif not line.strip():
            line = last            # gdb: an empty line repeats the last command
        elif line.strip() not in ("q", "quit"):
            last = line
        run_command(session, line)
        sys.stdout.flush()


def plain_lines(session, stream):
    """Commands from a pipe: no prompt toolkit, each command echoed."""
    for line in stream:
        if session.quit:
            break
        if line.strip():
            session.write(session.prompt() + line.strip())
        run_command(session, line)
