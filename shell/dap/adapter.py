"""`minos dap`: the debugger engine (shell/debugger/engine) behind the Debug
Adapter Protocol, so VS Code, nvim-dap or Emacs dape debug the running OS
at source level: kernel and user C, across rings, forwards and backwards.

How DAP maps onto the engine (docs/debugger.md, "VS Code"):

| DAP | engine |
| --- | --- |
| launch {kernel, cores, command} / {image} | debug_cmd's kernel or bare session; `command` is typed at the OS's shell |
| threads | one per core ("core 1: sh, ring 3") |
| stackTrace | engine.frames(): user and kernel frames, each named with its ring, the trap between them |
| scopes, variables | locals, arguments, registers, globals; structs, arrays and pointers expand |
| evaluate | the debugger's C expressions; in the console, `-exec CMD` runs a debugger command |
| setBreakpoints / setFunctionBreakpoints | breakpoints (FILE:LINE, FUNCTION) with conditions and hit counts |
| setExceptionBreakpoints | catchpoints: syscall, pagefault, trap; and a breakpoint on the kernel's panic |
| continue, next, stepIn, stepOut, pause | cont, step(over), step, finish, interrupt |
| stepBack, reverseContinue | reverse_step(over), reverse_continue (supportsStepBack) |
| readMemory, disassemble | the focused core's address space; vm.disasm |

The engine runs the machine synchronously, so a running command (continue,
a step) runs on a worker thread while this one keeps reading requests: a
`pause` interrupts it; other requests wait for the stop (they get an
error saying so). Variable and frame ids are valid until the next resume.
"""

import base64
import os
import threading

from vm.disasm import disassemble as disassemble_words
from vm.errors import MinosError
from vm.isa import CAUSE, REG_NAMES

from .protocol import Connection, ProtocolError

EXCEPTION_FILTERS = [
    {"filter": "syscall", "label": "System call", "description": "stop at every system call"},
    {"filter": "pagefault", "label": "Page fault", "description": "stop at every page fault"},
    {"filter": "trap", "label": "Any trap", "description": "stop at every trap and interrupt"},
    {"filter": "panic", "label": "Kernel panic", "description": "stop when the kernel panics",
     "default": True},
]
PAUSE_CHECK_EVERY = 100_000      # instructions between two looks at a pending pause
MAX_CHILDREN = 200                # elements of an array shown
MAX_GLOBALS = 1000
# what launch takes (editors/vscode/package.json describes the same, for the editor)
LAUNCH_ARGUMENTS = ("kernel", "cores", "command", "image", "root", "stopOnEntry", "budget",
                    "snapshotEvery")
RUN_COMMANDS = {"continue", "next", "stepIn", "stepOut", "stepBack", "reverseContinue"}
STOP_REASONS = {"breakpoint": "breakpoint", "watchpoint": "data breakpoint",
                "catchpoint": "exception", "step": "step", "finish": "step",
                "signal": "pause", "idle": "pause", "limit": "pause"}


class AdapterError(MinosError):
    pass


class Adapter:
    def __init__(self, rfile, wfile):
        self.conn = Connection(rfile, wfile)
        self.session = None
        self.engine = None
        self.worker = None
        self.refs = {}                    # variablesReference -> what it expands
        self.source_points = {}           # source path -> [point numbers]
        self.function_points = []
        self.exception_points = []
        self.exception_filters = []       # asked for before launch
        self.hit_conditions = {}          # point number -> the count it stops at
        self.thread_names = []
        self.stop_on_entry = False
        self.busy = False                 # a run command is on the worker thread
        self.pause_requested = False      # a pause that came while it ran
        self.pending_output = bytearray()
        self.done = False

    # --- the loop ---------------------------------------------------------------------
    def serve(self):
        while not self.done:
            try:
                message = self.conn.read()
            except ProtocolError as e:
                self.conn.output(f"minos dap: ignored {e}\n", "stderr")
                continue
            if message is None:
                break
            self.dispatch(message)
        self._stop_worker()
        self._close()
        return 0

    def dispatch(self, message):
        if message.get("type") != "request" or not isinstance(message.get("command"), str):
            if "seq" in message:
                self.conn.respond(message, error="minos dap takes requests: a message with "
                                                 "\"type\": \"request\" and a \"command\"")
            else:
                self.conn.output("minos dap: ignored a message that is not a request\n",
                                 "stderr")
            return
        command = message["command"]
        handler = getattr(self, "on_" + command, None)
        if handler is None:
            self.conn.respond(message, error=f"minos dap does not know the request '{command}'")
            return
        if self.running() and command not in ("pause", "threads", "disconnect", "terminate"):
            self.conn.respond(message, error=f"cannot '{command}' while the machine runs: "
                                             "pause it first")
            return
        if self.engine is None and command not in ("initialize", "launch", "disconnect",
                                                   "terminate", "threads",
                                                   "setExceptionBreakpoints"):
            self.conn.respond(message, error=f"'{command}' needs a launched machine: send "
                                             "launch first")
            return
        args = message.get("arguments") or {}
        if not isinstance(args, dict):
            self.conn.respond(message, error="the request's arguments must be an object")
            return
        try:
            body = handler(args, message)
        except MinosError as e:
            self.conn.respond(message, error=str(e))
        except (KeyError, TypeError, ValueError) as e:
            self.conn.respond(message, error=f"bad arguments for '{command}': {e}")
        except Exception as e:          # a bug here must not end the user's session
            self.conn.respond(message, error=f"internal error in minos dap (please report "
                                             f"it): {type(e).__name__}: {e}")
        else:
            if body is not False:              # False: the handler responded itself
                self.conn.respond(message, body or {})

    # --- session ----------------------------------------------------------------------
    def on_initialize(self, args, request):
        return {"supportsConfigurationDoneRequest": True,
                "supportsFunctionBreakpoints": True,
                "supportsConditionalBreakpoints": True,
                "supportsHitConditionalBreakpoints": True,
                "supportsEvaluateForHovers": True,
                "supportsStepBack": True,
                "supportsReadMemoryRequest": True,
                "supportsDisassembleRequest": True,
                "supportsTerminateRequest": True,
                "supportsSteppingGranularity": True,
                "supportsExceptionInfoRequest": False,
                "exceptionBreakpointFilters": EXCEPTION_FILTERS}

    def on_launch(self, args, request):
        from shell import debug_cmd
        cores = int(args.get("cores", 1))
        command = args.get("command", "")
        if not isinstance(command, str):
            raise AdapterError("launch: 'command' is the shell command line to type, a string")
        typed = (command + "\n").encode() if command else b""
        image = args.get("image")
        common = dict(write=self._debugger_text, snapshot_every=int(args.get("snapshotEvery",
                                                                             20000)),
                      budget=int(args.get("budget", 50_000_000)))
        if image:
            self.session = debug_cmd.build_session(image, cores, input_text=typed, **common)
        else:
            from shell.project import command_root
            root = command_root("dap", args.get("root") or None)
            self.session = debug_cmd.build_kernel_session(
                args.get("kernel", "mono"), cores, input_text=typed, root=root, **common)
        self.engine = self.session.engine
        self.engine.on_output = self._console_text
        # the engine calls this while a run goes on: a pause that came before
        # the run had started (and so was not seen by interrupt()) stops it here
        self.engine.progress_every = PAUSE_CHECK_EVERY
        self.engine.on_progress = lambda used, engine: (engine.interrupt()
                                                        if self.pause_requested else None)
        self.stop_on_entry = bool(args.get("stopOnEntry", False))
        self._remember_threads()
        filters, self.exception_filters = self.exception_filters, []
        for name in filters:                        # set before launch: apply them now
            try:
                self.exception_points.append(self._exception_point(name).number)
            except MinosError as e:
                self.conn.output(f"minos dap: exception filter {name}: {e}\n", "stderr")
        self.conn.respond(request, {})
        self.conn.event("initialized")
        return False

    def on_configurationDone(self, args, request):
        self.conn.respond(request, {})
        if self.stop_on_entry:
            self.conn.event("stopped", {"reason": "entry", "threadId": 1,
                                        "allThreadsStopped": True})
        else:
            self._start("continue", 1)
        return False

    def on_disconnect(self, args, request):
        self._stop_worker()
        self._close()
        self.conn.respond(request, {})
        self.done = True
        return False

    def on_terminate(self, args, request):
        self._stop_worker()
        self.conn.respond(request, {})
        self.conn.event("terminated")
        return False

    def _close(self):
        if self.engine is not None:
            self.engine.machine.close()
            self.engine = None

    # --- output -----------------------------------------------------------------------
    def _console_text(self, data):
        """What the OS prints: the debuggee's output, sent a line at a time
        (and what is left when the machine stops)."""
        self.pending_output += data
        if b"\n" in data or len(self.pending_output) >= 1024:
            self._flush_output()

    def _flush_output(self):
        if self.pending_output:
            text = self.pending_output.decode("utf-8", "replace")
            self.pending_output = bytearray()
            self.conn.output(text, "stdout")

    def _debugger_text(self, text):
        self.conn.output(text, "console")

    # --- breakpoints ------------------------------------------------------------------
    def on_setBreakpoints(self, args, request):
        path = args["source"].get("path") or args["source"].get("name")
        for number in self.source_points.pop(path, []):
            self._forget_point(number)
        answers, kept = [], []
        for bp in args.get("breakpoints") or [{"line": n} for n in args.get("lines", [])]:
            answer, point = self._breakpoint(f"{path}:{bp['line']}", bp)
            answers.append(answer)
            if point is not None:
                kept.append(point.number)
        self.source_points[path] = kept
        return {"breakpoints": answers}

    def on_setFunctionBreakpoints(self, args, request):
        for number in self.function_points:
            self._forget_point(number)
        self.function_points = []
        answers = []
        for bp in args.get("breakpoints", []):
            answer, point = self._breakpoint(bp["name"], bp)
            answers.append(answer)
            if point is not None:
                self.function_points.append(point.number)
        return {"breakpoints": answers}

    def _breakpoint(self, spec, bp):
        """(DAP Breakpoint, engine point or None) for one requested breakpoint."""
        try:
            hits = _hit_count(bp.get("hitCondition"))
            point = self.engine.add_breakpoint(spec, condition=bp.get("condition") or None)
        except MinosError as e:
            return {"verified": False, "message": str(e)}, None
        if hits:
            self.hit_conditions[point.number] = hits
        answer = {"verified": True, "id": point.number}
        location = point.locations[0]
        line = location.program.line_at(location.addr) if location.program else None
        if line:
            answer.update(line=line[1], source={"name": os.path.basename(line[0]),
                                                "path": line[0]})
        return answer, point

    def _forget_point(self, number):
        self.engine.points.delete(number)
        self.hit_conditions.pop(number, None)

    def on_setExceptionBreakpoints(self, args, request):
        filters = args.get("filters", [])
        if self.engine is None:
            self.exception_filters = filters
            return {"breakpoints": [{"verified": True} for _ in filters]}
        for number in self.exception_points:
            self._forget_point(number)
        self.exception_points = []
        answers = []
        for name in filters:
            try:
                point = self._exception_point(name)
            except MinosError as e:
                answers.append({"verified": False, "message": str(e)})
                continue
            self.exception_points.append(point.number)
            answers.append({"verified": True, "id": point.number})
        return {"breakpoints": answers}

    def _exception_point(self, name):
        e = self.engine
        if name == "syscall":
            return e.add_catchpoint("syscall", None, "syscall")
        if name == "pagefault":
            return e.add_catchpoint("trap", CAUSE["pagefault"], "trap pagefault")
        if name == "trap":
            return e.add_catchpoint("trap", None, "trap")
        if name == "panic":
            return e.add_breakpoint("kernel:panic")
        raise AdapterError(f"no exception filter '{name}' (filters: "
                           f"{', '.join(f['filter'] for f in EXCEPTION_FILTERS)})")

    # --- running ----------------------------------------------------------------------
    def running(self):
        return self.busy

    def _core_of(self, args):
        thread = int(args.get("threadId", self.engine.focus + 1))
        if not 1 <= thread <= len(self.engine.machine.cores):
            raise AdapterError(f"no thread {thread} (threads 1-{len(self.engine.machine.cores)} "
                               "are the cores)")
        return thread - 1

    def _run(self, command, args, request):
        core = self._core_of(args)
        machine = self.engine.machine
        if machine.halted and machine.halted != "idle":
            raise AdapterError(f"the machine is not running ({machine.halted}): "
                               "restart the session")
        self.conn.respond(request, {"allThreadsContinued": True} if command == "continue"
                          else {})
        self._start(command, core + 1, args.get("granularity"))
        return False

    def on_pause(self, args, request):
        if self.running():
            self.pause_requested = True     # seen at the run's next progress call, too
            self.engine.interrupt()
        else:
            self.conn.event("stopped", {"reason": "pause", "threadId": self.engine.focus + 1,
                                        "allThreadsStopped": True})
        return {}

    def _start(self, command, thread, granularity=None):
        self.refs = {}
        self.pause_requested = False
        self.busy = True
        self.worker = threading.Thread(target=self._work, args=(command, thread, granularity),
                                       daemon=True)
        self.worker.start()

    def _work(self, command, thread, granularity):
        e = self.engine
        try:
            e.set_focus(thread - 1)
            by_insn = granularity == "instruction"
            while True:
                stop = {"continue": e.cont,
                        "next": e.nexti if by_insn else (lambda: e.step(over=True)),
                        "stepIn": e.stepi if by_insn else e.step,
                        "stepOut": e.finish,
                        "stepBack": (lambda: e.reverse_stepi()) if by_insn
                        else (lambda: e.reverse_step(over=True)),
                        "reverseContinue": e.reverse_continue}[command]()
                if not self._hit_too_early(stop, command):
                    break
        except Exception as err:         # MinosError, or a bug: say so, stay stopped
            self._flush_output()
            self.busy = False
            if not isinstance(err, MinosError):
                err = f"internal error in minos dap (please report it): {type(err).__name__}: {err}"
            self.conn.output(f"{err}\n", "stderr")
            self.conn.event("stopped", {"reason": "pause", "threadId": thread,
                                        "allThreadsStopped": True, "description": str(err)})
        else:
            self._flush_output()
            self.busy = False             # before the event: the client asks at once
            self._stopped(stop)

    def _hit_too_early(self, stop, command):
        """A breakpoint with a hit count that is not reached yet: go on."""
        point = stop.point
        if (command not in ("continue", "reverseContinue") or stop.reason != "breakpoint"
                or point is None or point.number not in self.hit_conditions):
            return False
        return point.hits < self.hit_conditions[point.number]

    def _stopped(self, stop):
        machine = self.engine.machine
        self._remember_threads()
        if stop.reason in ("halt", "doublefault", "powercut") or machine.halted == "halt":
            code = stop.exit_code if stop.exit_code is not None else machine.exit_code or 0
            self.conn.output("".join(line + "\n" for line in stop.lines), "console")
            self.conn.event("exited", {"exitCode": code})
            self.conn.event("terminated")
            return
        body = {"reason": STOP_REASONS.get(stop.reason, "pause"), "threadId": stop.core + 1,
                "allThreadsStopped": True}
        if stop.lines:
            body["description"] = body["text"] = " ".join(stop.lines)
        if stop.point is not None and stop.reason == "breakpoint":
            body["hitBreakpointIds"] = [stop.point.number]
        self.conn.event("stopped", body)

    def _stop_worker(self):
        if self.worker is not None and self.worker.is_alive():
            self.engine.interrupt()
            self.worker.join()

    # --- threads and frames -----------------------------------------------------------
    def _remember_threads(self):
        e = self.engine
        names = []
        for core in e.machine.cores:
            process = e.programs.process_of(core)
            program = e.programs.for_core(core)
            what = process or (program.name if program else f"pc {core.pc:#x}")
            names.append(f"core {core.id}: {what}, ring {core.ring}")
        self.thread_names = names

    def on_threads(self, args, request):
        return {"threads": [{"id": i + 1, "name": name}
                            for i, name in enumerate(self.thread_names)]}

    def _frames(self, core):
        e = self.engine
        if e.focus != core:
            e.set_focus(core)
        return e.frames()

    def _frame(self, frame_id):
        core, level = divmod(int(frame_id) - 1, 1000)
        frames = self._frames(core) if 0 <= core < len(self.engine.machine.cores) else []
        if not 0 <= level < len(frames):
            raise AdapterError(f"no frame {frame_id} (frames change at every step: ask "
                               "stackTrace again)")
        return core, frames[level]

    def on_stackTrace(self, args, request):
        from shell.debugger.render import frame_name
        core = self._core_of(args)
        frames = self._frames(core)
        start = int(args.get("startFrame", 0))
        levels = int(args.get("levels", 0)) or len(frames)
        out = []
        for f in frames[start:start + levels]:
            name = f"{frame_name(f)} [ring {f.ring}]"
            if f.trap:
                name += f" <- trap: {f.trap}"
            entry = {"id": core * 1000 + f.level + 1, "name": name, "line": 0, "column": 0,
                     "instructionPointerReference": f"{f.pc:#x}"}
            line = f.program.line_at(f.line_pc) if f.program else None
            if line:
                entry.update(line=line[1], column=1,
                             source={"name": os.path.basename(line[0]), "path": line[0]})
            else:
                entry["presentationHint"] = "subtle"
            out.append(entry)
        return {"stackFrames": out, "totalFrames": len(frames)}

    def on_scopes(self, args, request):
        core, frame = self._frame(args["frameId"])
        scopes = []
        fid = core * 1000 + frame.level + 1
        if frame.function:
            scopes.append(("Locals", ("locals", fid), False))
            if frame.function.params:
                scopes.append(("Arguments", ("args", fid), False))
        scopes.append(("Registers", ("regs", fid), False))
        if frame.program is not None and frame.program.globals:
            scopes.append(("Globals", ("globals", fid), True))
        return {"scopes": [{"name": name, "variablesReference": self._ref(what),
                            "expensive": expensive, "presentationHint":
                            {"Locals": "locals", "Arguments": "arguments",
                             "Registers": "registers"}.get(name, "globals")}
                           for name, what, expensive in scopes]}

    def _ref(self, what):
        ref = len(self.refs) + 1
        self.refs[ref] = what
        return ref

    # --- variables --------------------------------------------------------------------
    def on_variables(self, args, request):
        what = self.refs.get(int(args["variablesReference"]))
        if what is None:
            raise AdapterError(f"no variables {args['variablesReference']} (they change at "
                               "every step)")
        kind, fid = what[0], what[1]
        core, frame = self._frame(fid)
        if kind == "regs":
            out = [self._plain(name, frame.regs[i]) for i, name in enumerate(REG_NAMES)
                   if i > 0]
            out += [self._plain("pc", frame.pc), {"name": "ring", "value": str(frame.ring),
                                                  "variablesReference": 0}]
            return {"variables": out}
        if kind == "locals":
            names, seen = [], set()
            for var in reversed(frame.function.visible_locals(frame.pc)):
                if var.name not in seen:
                    seen.add(var.name)
                    names.append((var.name, var.name))
        elif kind == "args":
            names = [(var.name, var.name) for var in frame.function.params]
        elif kind == "globals":
            names = [(n, n) for n in sorted(frame.program.globals)[:MAX_GLOBALS]]
        else:
            names = self._children(frame, what[2])
        return {"variables": [self._variable(name, expr, fid, frame) for name, expr in names]}

    @staticmethod
    def _plain(name, value):
        text = "<not saved>" if value is None else f"{value:#010x}"
        return {"name": name, "value": text, "variablesReference": 0}

    def _value(self, expr, frame):
        return self.engine.evaluate(expr, frame)

    def _variable(self, name, expr, fid, frame):
        from shell.debugger.engine.values import format_value
        try:
            v = self._value(expr, frame)
            text = format_value(v, frame.program.symbolize if frame.program else None)
        except MinosError as e:
            return {"name": name, "value": f"<{e}>", "variablesReference": 0}
        out = {"name": name, "value": text, "type": str(v.type), "evaluateName": expr,
               "variablesReference": self._ref(("expr", fid, expr)) if _expandable(v) else 0}
        if v.addr is not None:
            out["memoryReference"] = f"{v.addr:#x}"
        return out

    def _children(self, frame, expr):
        """(name, expression) of the parts of expr: fields, elements, or
        what a pointer points at."""
        t = self._value(expr, frame).type.strip()
        if t.kind in ("struct", "union"):
            return [(n, f"({expr}).{n}") for n, _, _ in t.fields or () if n]
        if t.kind == "array":
            return [(f"[{i}]", f"({expr})[{i}]") for i in range(min(t.length or 0,
                                                                       MAX_CHILDREN))]
        target = t.target.strip()
        if target.kind in ("struct", "union"):
            return [(n, f"({expr})->{n}") for n, _, _ in target.fields or () if n]
        return [(f"*{expr}", f"*({expr})")]

    def on_evaluate(self, args, request):
        text = args["expression"].strip()
        if args.get("context") == "repl" and text.startswith("-exec "):
            return self._debugger_command(text[len("-exec "):])
        if "frameId" in args:
            _, frame = self._frame(args["frameId"])
        else:
            frame = self.engine.frame()
        fid = self.engine.focus * 1000 + frame.level + 1
        answer = self._variable(text, text, fid, frame)
        if answer["value"].startswith("<") and "type" not in answer:
            raise AdapterError(answer["value"][1:-1])
        return {"result": answer["value"], "type": answer.get("type"),
                "variablesReference": answer["variablesReference"],
                **({"memoryReference": answer["memoryReference"]}
                   if "memoryReference" in answer else {})}

    def _debugger_command(self, line):
        """A debugger command typed in the debug console (`-exec info tlb`):
        its text is the result. Commands that run the machine are refused
        here (use the toolbar, so that the editor sees the stop)."""
        name = line.split()[0] if line.split() else ""
        if name in ("c", "continue", "s", "step", "n", "next", "finish", "until", "run",
                    "si", "stepi", "ni", "nexti", "reverse-step", "reverse-next",
                    "reverse-continue", "reverse-finish", "rs", "rn", "rc"):
            raise AdapterError(f"'{name}' runs the machine: use the debug toolbar")
        lines = []
        write = self.session._write
        self.session._write = lines.append
        try:
            self.session.execute(line)
        finally:
            self.session._write = write
        return {"result": "".join(lines).rstrip("\n"), "variablesReference": 0}

    # --- memory -----------------------------------------------------------------------
    def _space(self):
        from shell.debugger.engine.access import AddressSpace
        return AddressSpace.of_core(self.engine.core)

    def on_readMemory(self, args, request):
        addr = (int(args["memoryReference"], 0) + int(args.get("offset", 0))) & 0xFFFFFFFF
        count = int(args["count"])
        if not 0 <= count <= 1 << 20:
            raise AdapterError(f"readMemory: count {count} is not between 0 and 1 MiB")
        space, data = self._space(), bytearray()
        while len(data) < count:
            try:
                data += space.read(addr + len(data), 1)
            except MinosError:
                break
        return {"address": f"{addr:#x}", "data": base64.b64encode(bytes(data)).decode(),
                "unreadableBytes": count - len(data)}

    def on_disassemble(self, args, request):
        base = int(args["memoryReference"], 0) + int(args.get("offset", 0))
        first = base + 8 * int(args.get("instructionOffset", 0))
        space = self._space()
        program = self.engine.programs.for_core(self.engine.core)
        out = []
        for i in range(int(args["instructionCount"])):
            addr = (first + 8 * i) & 0xFFFFFFFF
            entry = {"address": f"{addr:#x}"}
            try:
                raw = space.read(addr, 8)
                entry["instruction"] = disassemble_words(
                    int.from_bytes(raw[:4], "little"), int.from_bytes(raw[4:], "little"),
                    program.symbolize if program else None)
                entry["instructionBytes"] = raw.hex(" ")
            except MinosError:
                entry["instruction"] = "(cannot read)"
                entry["presentationHint"] = "invalid"
            if program is not None:
                symbol = program.symbolize(addr)
                if symbol and "+" not in symbol:
                    entry["symbol"] = symbol
                line = program.line_at(addr)
                if line:
                    entry.update(line=line[1], location={"name": os.path.basename(line[0]),
                                                         "path": line[0]})
            out.append(entry)
        return {"instructions": out}


# on_continue, on_next, on_stepIn, on_stepOut, on_stepBack, on_reverseContinue
for _command in RUN_COMMANDS:
    setattr(Adapter, "on_" + _command,
            lambda self, args, request, command=_command: self._run(command, args, request))


def _hit_count(condition):
    """The hit count a DAP hitCondition names ('3', '>= 3', '== 3'), or None."""
    if condition is None or not str(condition).strip():
        return None
    text = str(condition).strip().lstrip(">=").strip()
    if not text.isdigit() or int(text) < 1:
        raise AdapterError(f"hit condition '{condition}': give the hit to stop at (a number, "
                           "or >= N)")
    return int(text)


def _expandable(v):
    t = v.type.strip()
    if t.kind in ("struct", "union", "array"):
        return True
    if t.kind == "pointer":
        target = t.target.strip()
        return target.kind not in ("void", "function") and v.as_int() != 0 and not (
            target.kind == "int" and target.size == 1)
    return False
