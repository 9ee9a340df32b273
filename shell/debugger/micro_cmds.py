"""The microkernel's views (issue 15): `info servers`, `info ipc` and
`catch ipc [ENDPOINT|SERVER]`.

They read kernel/micro's tables through engine/microaware.py (names
from the kernel's debug info, labels from servers/include/proto.h).
A task's restarts are the reincarnation server's to count: read from
its own table (engine/microaware.py, MicroKernel.services); a system
without one (servers/rs) says so.
"""

from .engine.microaware import MicroKernel, numbers
from .engine.symbols import DebugError

THREAD_STATES = {2: "sleeping", 3: "runnable", 4: "running"}      # core's enum threadstate


class MicroCommands:
    """info servers, info ipc, catch ipc: mixed into the Session."""

    def _micro(self):
        if self.engine.micro is None:
            MicroKernel(self.engine)          # (raises the error that says what is missing)
        return self.engine.micro

    def _thread_state(self, mk, tcb, tasks, owners, tcbs):
        """What one thread does: running, or blocked in recv / in call on X..."""
        if tcb.state == "RECV":
            return f"blocked in recv on {mk.endpoint_label(tcb.obj, owners)}"
        if tcb.state == "SEND":
            verb = "call" if tcb.call else "send"
            return f"blocked in {verb} on {mk.endpoint_label(tcb.obj, owners)} (queued)"
        if tcb.state == "REPLY":
            server = [t for t in tcbs if t.caller == tcb.addr]
            if server:
                return f"blocked in call on {mk.task_name(tasks, server[0].task)} (thread {server[0].tid})"
            kept = [(t, c) for t in tasks for c in t.caps
                    if mk.captypes.get(c.type) == "REPLY" and c.obj == tcb.addr]
            if kept:
                return f"blocked in call on {kept[0][0].name} (reply kept in its slot {kept[0][1].slot})"
            return "blocked in call (the reply is owed by nobody yet)"
        if tcb.state == "WAIT":
            return f"waiting on ntfn {mk.ntfn_number(tcb.obj)}"
        if tcb.tstate == 2:
            return "sleeping (clock)"
        running = [c.id for c in self.engine.machine.cores if mk.running_thread(c) == tcb.thread]
        return f"running on core {running[0]}" if running else THREAD_STATES.get(tcb.tstate, "ready")

    def info_servers(self, arg):
        mk = self._micro()
        tasks = mk.tasks()
        tcbs = mk.tcbs()
        owners = mk.receivers_of(tasks)
        rights = numbers("RIGHT_")
        services = mk.services(tasks)
        held = {}
        for t in tasks:
            eps = []
            for c in t.caps:
                if mk.captypes.get(c.type) == "ENDPOINT":
                    mode = ("r" if c.rights & rights["RECV"] else "") + ("s" if c.rights & rights["SEND"] else "")
                    eps.append(f"{mk.endpoint_number(c.obj)}{mode}")
            held[t.addr] = eps
        threads = {t.addr: [x for x in tcbs if x.task == t.addr] for t in tasks}
        tids = {a: ",".join(str(x.tid) for x in mine) or "-" for a, mine in threads.items()}
        width = max([len(" ".join(e)) + 2 for e in held.values()] + [22])
        twidth = max([len(s) + 2 for s in tids.values()] + [9])
        self.write(f"{len(tasks)} task(s)")
        self.write(f"{'task':<5}{'name':<11}{'threads':<{twidth}}{'endpoints':<{width}}{'restarts':<10}state")
        for t in tasks:
            eps = held[t.addr]
            states = [f"[{x.tid}] {self._thread_state(mk, x, tasks, owners, tcbs)}"
                      for x in threads[t.addr]] or ["dead"]
            restarts = services.get(t.name) if services else None
            restarts = f"{restarts[0]}" + ("" if restarts[1] == "up" else f" {restarts[1]}") if restarts else "-"
            self.write(f"{t.slot:<5}{t.name:<11}{tids[t.addr]:<{twidth}}{' '.join(eps) or '-':<{width}}"
                       f"{restarts:<10}{states[0]}")
            for more in states[1:]:
                self.write(" " * (26 + twidth + width) + more)
        if services is None:
            self.write("restarts: no reincarnation server (servers/rs) is running")
        else:
            self.write("restarts: of the services rs watches (its table); - for the others")
        self.write("endpoints: N r = receives on endpoint N, s = may send to it")

    def info_ipc(self, arg):
        mk = self._micro()
        tasks = mk.tasks()
        tcbs = mk.tcbs()
        owners = mk.receivers_of(tasks)
        by_addr = {t.addr: t for t in tcbs}

        def who(tcb):
            return f"{mk.task_name(tasks, tcb.task)}[{tcb.tid}]"

        def queue(head):
            out, seen = [], set()
            while head and head in by_addr and head not in seen:
                seen.add(head)
                out.append(by_addr[head])
                head = by_addr[head].next
            return out
        self.write("Endpoints with waiting threads:")
        base, size, n, etype = mk.g["endpoints"]
        ktype, koff = etype.field("k")             # struct kobj k: used, refs (micro.h)
        used = koff + ktype.strip().field("used")[1]
        shown = 0
        for i in range(n):
            a = base + i * size
            if not mk.word(a + used):
                continue
            senders = queue(mk.word(a + etype.field("senders")[1]))
            receivers = queue(mk.word(a + etype.field("receivers")[1]))
            if not senders and not receivers:
                continue
            shown += 1
            self.write(f"  {mk.endpoint_label(a, owners)}:")
            if receivers:
                self.write(f"    receivers: {', '.join(who(r) for r in receivers)}")
            for s in senders:
                self.write(f"    {'caller' if s.call else 'sender'} {who(s)}: {mk.describe(mk.message(s))}")
        if not shown:
            self.write("  none")
        self.write("Calls waiting for a reply (who waits on whom, with what message):")
        waiting = [t for t in tcbs if t.state == "REPLY"]
        for t in waiting:
            server = [s for s in tcbs if s.caller == t.addr]
            kept = [(k, c) for k in tasks for c in k.caps
                    if mk.captypes.get(c.type) == "REPLY" and c.obj == t.addr]
            if server:
                on = f"{who(server[0])}, serving it"
            elif kept:
                on = f"{kept[0][0].name}, reply kept in its slot {kept[0][1].slot}"
            else:
                on = "nobody"
            self.write(f"  {who(t)} -> {on}: {mk.describe(mk.message(t))}")
        if not waiting:
            self.write("  none")
        self.write("Kept replies (savereply):")
        kept = [(k, c) for k in tasks for c in k.caps if mk.captypes.get(c.type) == "REPLY"]
        for k, c in kept:
            caller = by_addr.get(c.obj)
            self.write(f"  {k.name} slot {c.slot}: answers {who(caller) if caller else 'a caller that is gone'}")
        if not kept:
            self.write("  none")
        waiters = [t for t in tcbs if t.state == "WAIT"]
        if waiters:
            self.write("Waiting on notifications: " + ", ".join(
                f"{who(t)} on ntfn {mk.ntfn_number(t.obj)}" for t in waiters))

    def catch_ipc(self, what):
        """catch ipc [ENDPOINT|SERVER]: the endpoints it watches (None: all)."""
        mk = self._micro()
        if not what:
            return None, "ipc"
        if what.isdigit():
            n = int(what)
            if not 0 <= n < mk.g["endpoints"][2]:
                raise DebugError(f"catch ipc: no endpoint {n} (there are {mk.g['endpoints'][2]})")
            return {mk.element("endpoints", n)}, f"ipc on ep {n}"
        tasks = mk.tasks()
        eps = {a for a, names in mk.receivers_of(tasks).items() if what in names}
        if not eps:
            names = sorted({t.name for t in tasks})
            have = f"tasks: {', '.join(names)}" if names else "no task has started yet: run the machine first"
            raise DebugError(f"catch ipc: no server '{what}' receives on an endpoint now "
                             f"({have}; or give an endpoint number)")
        return eps, f"ipc on {what} (ep {', '.join(str(mk.endpoint_number(a)) for a in sorted(eps))})"
