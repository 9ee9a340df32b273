"""Time travel: snapshots along the run, and going to any earlier position.

A position is how many events (instructions and traps, over all cores)
the machine has done since the debugger started it. It only grows, and the
machine is deterministic, so a position names one machine state. To reach
position P: restore the latest snapshot at or before P, then run exactly
P - snapshot.position events forward with no hooks (at full speed).

Snapshots are taken every `interval` events while the machine runs, and
thinned out as they age (keeping every other old one), so memory stays
bounded while recent history stays cheap to reach.
"""

import bisect

from .snapshot import Snapshotter
from .stepping import events

MAX_SNAPSHOTS = 64


def position(machine):
    return sum(events(c) for c in machine.cores)


class Timeline:
    def __init__(self, machine, output_log, input_source, interval=20000):
        self.machine = machine
        self.snapshotter = Snapshotter(machine, output_log, input_source)
        self.interval = interval
        self.snaps = []                     # sorted by position
        self.replaying = False
        self.take()

    def position(self):
        return position(self.machine)

    def take(self):
        pos = self.position()
        if self.snaps and self.snaps[-1].position >= pos:
            # already have one here (or later ones that are now the future of a rewind)
            if self.snaps[-1].position == pos:
                return
        s = self.snapshotter.take(pos)
        i = bisect.bisect_right([x.position for x in self.snaps], pos)
        self.snaps.insert(i, s)
        self._thin()

    def due(self):
        """Whether enough has run since the latest snapshot before here."""
        pos = self.position()
        before = self.latest_at(pos)
        return pos - before.position >= self.interval

    def next_due(self):
        pos = self.position()
        return self.latest_at(pos).position + self.interval - pos

    def latest_at(self, pos):
        i = bisect.bisect_right([x.position for x in self.snaps], pos) - 1
        return self.snaps[max(i, 0)]

    def _thin(self):
        """Drop every other snapshot from the older half when there are too many."""
        if len(self.snaps) <= MAX_SNAPSHOTS:
            return
        half = len(self.snaps) // 2
        old = self.snaps[1:half]            # always keep the very first
        self.snaps = [self.snaps[0]] + old[1::2] + self.snaps[half:]

    def forget_future(self):
        """The state was changed by hand: later snapshots no longer follow from it."""
        pos = self.position()
        self.snaps = [s for s in self.snaps if s.position <= pos]
        self.snapshotter._last_pages = None
        self.take()

    def restore(self, snap):
        self.snapshotter.restore(snap)

    def goto(self, target):
        """Put the machine in the state it had at position `target` (not
        after the present end of the run)."""
        snap = self.latest_at(target)
        self.restore(snap)
        self.run_to(target)

    def run_to(self, target):
        """Run forward, no hooks, until position `target` (or the machine stops)."""
        m = self.machine
        self.replaying = True
        try:
            while True:
                left = target - self.position()
                if left <= 0 or m.halted:
                    return
                result = m.run(max_instructions=left)
                if result.reason not in ("limit", "stopped"):
                    return
        finally:
            self.replaying = False

    def segments_before(self, pos):
        """Snapshots to search backwards from pos: (snapshot, end position)
        pairs, latest first."""
        out = []
        end = pos
        for s in reversed(self.snaps):
            if s.position < end:
                out.append((s, end))
                end = s.position
        return out
