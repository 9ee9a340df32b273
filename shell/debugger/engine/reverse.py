"""Going back in time: the reverse commands of the engine.

Everything here works the same way. The machine is deterministic, so the
past can be replayed: restore a snapshot, run forward with a hook that
notes the positions of interesting moments (an instruction of the focused
core, a line start, a breakpoint hit...), pick the latest one before now,
and go there exactly (timeline.goto). Searching starts with the stretch
just before now and moves to earlier snapshots only if it found nothing.
"""

from vm.isa import SP
from .frames import in_trap_code
from .stepping import place
from .stop import Stop
from .symbols import DebugError


class ReverseCommands:
    """Mixed into Engine (engine.py), whose state it uses."""

    def _scan(self, start_snap, end, collect, with_points=False):
        """Replay [start_snap, end) calling collect(core, pc, position)
        before every instruction; with_points also records breakpoint,
        watchpoint and catchpoint detections in self._found."""
        m = self.machine
        tl = self.timeline
        tl.restore(start_snap)
        self._found = []
        self._forward = False
        self._stepper = None
        self._start_mark = None
        self._last_exec = None
        self._last_state = {c.id: (c.ring, place(c)) for c in m.cores}
        hooks = self._install(False) if with_points else []

        def scan_hook(core, pc):
            pos = tl.position()
            if pos >= end:
                m.stop()
                return
            collect(core, pc, pos)
        if collect is not None:        # (run_to stops at `end` exactly by itself)
            m.add_hook("insn", scan_hook)
        try:
            tl.run_to(end)
        finally:
            if collect is not None:
                m.remove_hook("insn", scan_hook)
            self._uninstall(hooks)
            self._forward = True

    def _search_back(self, collect_factory, with_points=False, pick=None):
        """Search backwards segment by segment; returns the chosen position or None.
        collect_factory() gives (collect, results list)."""
        here = self.position()
        for snap, end in self.timeline.segments_before(here):
            collect, results = collect_factory()
            self._scan(snap, end, collect, with_points)
            if with_points:
                results.extend(p for p, _ in self._found if p < here)
            choice = pick(results) if pick else (max(results) if results else None)
            if choice is not None:
                return choice
        return None

    def _arrive(self, target, reason="step", lines=None):
        from .follow import restore_followed
        here = self.position()
        if target is None:
            self.timeline.goto(0 if not self.timeline.snaps else self.timeline.snaps[0].position)
            self.invalidate()
            restore_followed(self, self.position())
            return Stop("no-history", self.focus, ["No more reverse-execution history."])
        self.timeline.goto(target)
        self.invalidate()
        restore_followed(self, target)
        return Stop(reason, self.focus, lines or []) if target < here else \
            Stop("no-history", self.focus, ["No more reverse-execution history."])

    def reverse_stepi(self, n=1):
        """Back n instructions of the focused core: one search that counts
        the core's instructions backwards from here."""
        fid = self.focus
        later = []                  # positions found in later segments (searched first)

        def factory():
            found = []
            return (lambda core, pc, pos: found.append(pos) if core.id == fid else None), found

        def pick(found):
            later[:0] = found
            return later[-n] if len(later) >= n else None
        target = self._search_back(factory, pick=pick)
        if target is None:               # not n instructions of history: go as far as there is
            self._arrive(later[0] if later else None)
            return Stop("no-history", self.focus, ["No more reverse-execution history."])
        return self._arrive(target)

    def reverse_step(self, n=1, over=False):
        stop = None
        for _ in range(n):
            stop = self._uncross() or self._reverse_line(over)
            if stop.reason != "step":
                break
        return stop

    def _uncross(self):
        """Here a step or finish stopped on the other side of a message
        (follow.py): back to where that command started, across the
        message again. None if no crossing stopped here."""
        from .follow import crossing_to_undo
        c = crossing_to_undo(self, self.position())
        if c is None:
            return None
        mk = self.micro
        tasks = mk.tasks()
        sender = mk.task_name(tasks, mk.task_of(c.record.sender))
        stop = self._arrive(c.before)
        if c.entered:
            line = f"[back in {sender}, before its message {c.record.what} was taken]"
        else:
            line = (f"[back in {mk.task_name(tasks, mk.task_of(c.record.receiver))}, before {sender} "
                    f"had the reply]")
        stop.lines = [line] + stop.lines
        return stop

    def _reverse_line(self, over):
        core = self.core
        fid = core.id
        program = self.programs.for_core(core)
        here_line = program.line_at(core.pc) if program else None
        here_cfa = self.cfa_at(core, program, core.pc)
        here_ring = core.ring
        here_trap = program is not None and in_trap_code(core, program, core.pc)
        mid_line = program is not None and here_line is not None and core.pc not in program.line_starts
        here = self.position()
        # every line start the focused core passed, with its frame
        records = []

        def factory():
            found = []

            def collect(c, pc, pos):
                if c.id != fid:
                    return
                prog = self.programs.for_core(c)
                if prog and pc in prog.line_starts:
                    cfa = self.cfa_at(c, prog, pc)
                    outer = c.ring == here_ring and (here_trap or not in_trap_code(c, prog, pc))
                    found.append((pos, prog.line_starts[pc], cfa, outer))
            return collect, found

        def usable(found):
            found = [r for r in found if r[0] < here]
            if over:
                found = [r for r in found if r[3] and (r[2] is None or here_cfa is None or r[2] >= here_cfa)]
            return found

        def pick(found):
            records[:0] = usable(found)     # segments come latest first: keep time order
            return _previous_line_start(records, here_line, here_cfa, False, mid_line)
        target = self._search_back(factory, pick=pick)
        if target is None:
            target = _previous_line_start(records, here_line, here_cfa, True, mid_line)
        return self._arrive(target)

    def reverse_finish(self):
        """Back to the call of the selected frame's function: the latest
        moment the caller was at its call instruction with sp at this
        frame's entry value."""
        frames = self.frames()
        frame = frames[min(self.selected, len(frames) - 1)]
        followed = self._followed_here(frame)
        if followed is not None:         # a server's handler: back to the sender's call
            went = [c for c in self.crossings if c.record is followed and c.entered]
            if went:
                stop = self._arrive(went[-1].before, "finish")
                mk = self.micro
                stop.lines = [f"[back in {mk.task_name(mk.tasks(), mk.task_of(followed.sender))}, "
                              f"before it sent {followed.what}]"] + stop.lines
                return stop
        if frame.level + 1 >= len(frames):
            raise DebugError('"reverse-finish" not meaningful in the outermost frame')
        caller = frames[frame.level + 1]
        call_pc, cfa, fid = caller.pc - 8, frame.cfa, self.focus

        def factory():
            found = []

            def collect(core, pc, pos):
                if core.id == fid and pc == call_pc and core.regs[SP] == cfa:
                    found.append(pos)
            return collect, found
        target = self._search_back(factory)
        return self._arrive(target, "finish")

    def reverse_continue(self):
        stop_info = {}

        if not self.points.enabled():
            return self._arrive(None)          # nothing to stop at: all the way back

        def factory():
            return None, []

        def pick(results):
            if not results:
                return None
            best = max(results)
            for pos, stop in self._found:
                if pos == best:
                    stop_info["stop"] = stop
            return best
        target = self._search_back(factory, with_points=True, pick=pick)
        if target is None:
            return self._arrive(None)
        found = stop_info.get("stop")
        stop = self._arrive(target, found.reason if found else "step", found.lines if found else [])
        if found:
            stop.point = found.point
            self.focus = found.core
        return stop


def _previous_line_start(records, here_line, here_cfa, complete, mid_line=False):
    """Records are (position, line, cfa, outer) of line starts in time
    order. Skip back over the rest of the current line, then over the
    previous line to where it started (from the middle of a line: to the
    start of this one). None if the records do not reach back far enough
    to be sure (and complete is False)."""
    i = len(records) - 1
    if not mid_line:
        while i >= 0 and records[i][1] == here_line and records[i][2] == here_cfa:
            i -= 1
    if i < 0:
        return None
    key = records[i][1:3]
    while i > 0 and records[i - 1][1:3] == key:
        i -= 1
    if i == 0 and not complete:
        return None                  # the line may have started in an earlier segment
    return records[i][0]
