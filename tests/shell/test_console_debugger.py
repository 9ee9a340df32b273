"""^A d in `minos boot`: the machine stops, the debugger looks at it, and
`continue` gives it back to the console, which runs on from there."""

from shell.console import Interactive
from shell.system import System

BOUND = 20_000_000


def test_debugger_from_the_console_and_back():
    system = System()
    system.build()
    console = Interactive(system)
    system.console_out = console.output
    with system:
        system.boot()
        system.wait_for("$ ", BOUND)            # the shell waits at its prompt
        before = system.counters()["instructions"]
        commands = iter(["info cores", "print ticks", "bt", "continue"])
        out = []
        console.debug(lambda: next(commands), write=out.append)
        text = "".join(out)
        assert "the machine is stopped" in text
        assert "core 0" in text                 # info cores answered
        assert "ticks" in text or "$1" in text  # print answered
        assert "Traceback" not in text
        # back at the console: typing reaches the OS and output reaches the console
        assert system.machine.console.output == system._console
        system.type("echo back; echo from-debugger\n")
        system.wait_for("back\nfrom-debugger", BOUND)     # the output, not the echo
        assert system.counters()["instructions"] > before
