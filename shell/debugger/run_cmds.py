"""Commands that run the machine, forwards and backwards."""

from .engine.symbols import DebugError
from .engine.values import Value, format_value


def _count(arg):
    if not arg:
        return 1
    try:
        n = int(arg, 0)
    except ValueError:
        raise DebugError(f"expected a count, not '{arg}'") from None
    if n < 1:
        raise DebugError("the count must be positive")
    return n


class RunCommands:
    def _run(self, fn, *args, show_frame=None):
        stop = fn(*args)
        self.report(stop, show_frame)
        return stop

    def cmd_continue(self, arg):
        n = _count(arg)
        stop = self.engine.cont()
        if n > 1 and stop.point is not None:       # continue N: pass this breakpoint N-1 more times
            bp, ignore = stop.point, n - 1
            self.write(f"Will ignore next {ignore} crossings of breakpoint {bp.number}.  Continuing.")
            while ignore and stop.point is bp:
                stop = self.engine.cont()
                ignore -= 1
        self.report(stop)

    def cmd_step(self, arg):
        self._run(self.engine.step, _count(arg), False)

    def cmd_next(self, arg):
        self._run(self.engine.step, _count(arg), True)

    def cmd_stepi(self, arg):
        self._run(self.engine.stepi, _count(arg))

    def cmd_nexti(self, arg):
        self._run(self.engine.nexti, _count(arg))

    def cmd_finish(self, arg):
        engine = self.engine
        frame = engine.frame()
        from .render import frame_where
        self.write(f"Run till exit from #{frame.level} {frame_where(frame)}")
        stop = engine.finish()
        self.report(stop, show_frame=True)
        if stop.reason == "finish" and stop.value_type is not None and stop.value_type.strip().kind != "void":
            a0 = engine.core.regs[1]
            v = Value.of_int(a0, stop.value_type) if stop.value_type.is_scalar() else None
            if v is not None:
                self.history.append(v)
                self.write(f"Value returned is ${len(self.history)} = {format_value(v, engine.symbolize)}")

    def cmd_until(self, arg):
        if not arg:
            return self.cmd_next("")
        self._run(self.engine.until, self._location(arg))

    cmd_advance = cmd_until

    def cmd_reverse_stepi(self, arg):
        self._run(self.engine.reverse_stepi, _count(arg))

    def cmd_reverse_nexti(self, arg):
        self._run(self.engine.reverse_stepi, _count(arg))

    def cmd_reverse_step(self, arg):
        self._run(self.engine.reverse_step, _count(arg), False)

    def cmd_reverse_next(self, arg):
        self._run(self.engine.reverse_step, _count(arg), True)

    def cmd_reverse_continue(self, arg):
        self._run(self.engine.reverse_continue)

    def cmd_reverse_finish(self, arg):
        self._run(self.engine.reverse_finish, show_frame=True)

    def cmd_input(self, arg):
        """Type at the console: `input hello\\n` (\\n is a newline)."""
        data = arg.encode().decode("unicode_escape").encode("latin-1")
        self.engine.feed_input(data)
        self.engine.timeline.forget_future()

    def cmd_run(self, arg):
        self.write("The machine is already started: use continue (reverse-continue goes back).")

    cmd_start = cmd_run
