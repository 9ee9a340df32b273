"""Commands that look at the stopped machine: values, memory, frames,
registers, the TLB and page tables, cores and processes."""

import re

from vm.disasm import format_insn
from vm.isa import CSRS, MASK, PTE_G, PTE_RING_SHIFT, PTE_W, PTE_X, REG_NAMES

from .engine.access import AddressSpace, mappings
from .engine.expr import parse_type
from .engine.osaware import read_procs
from .engine.snapshot import state_digest
from .engine.symbols import DebugError
from .engine.values import format_number, format_value, read_variable
from .render import backtrace_line, frame_where

FORMATS = set("xduotcaisz")
UNITS = {"b": 1, "h": 2, "w": 4}


def _parse_fmt(arg):
    """'/4xw rest' -> ('4xw', 'rest'); no format -> ('', arg)."""
    if arg.startswith("/"):
        fmt, _, rest = arg[1:].partition(" ")
        return fmt, rest.strip()
    return "", arg


class InspectCommands:
    # --- values -------------------------------------------------------------------
    def format(self, value, fmt=None):
        return format_value(value, self.engine.symbolize, fmt=fmt or None)

    def _eval(self, expr):
        ctx = self.engine.context()
        ctx.history = self.history
        from .engine.expr import evaluate
        return evaluate(expr, ctx)

    def cmd_print(self, arg):
        fmt, expr = _parse_fmt(arg)
        if fmt and (len(fmt) != 1 or fmt not in FORMATS):
            raise DebugError(f"bad print format '/{fmt}' (use one of x d u o t c)")
        if not expr:
            if not self.history:
                raise DebugError("no values printed yet")
            expr = "$"
        v = self._eval(expr)
        if expr.strip().split("=")[0] != expr.strip() and "==" not in expr:
            self.engine.timeline.forget_future()       # an assignment changed the machine
        if v.type is not None and v.type.strip().kind == "void":
            return                                      # a call of a void function: no value (as gdb)
        self.history.append(v)
        self.write(f"${len(self.history)} = {self.format(v, fmt)}")

    def cmd_output(self, arg):
        fmt, expr = _parse_fmt(arg)
        self.write(self.format(self._eval(expr), fmt))

    def cmd_set(self, arg):
        words = arg.split()
        if len(words) == 2 and words[0] == "context" and words[1] in ("on", "off"):
            self.context_on = words[1] == "on"
            return
        if words and words[0] == "budget":
            if len(words) != 2 or not words[1].isdigit() or int(words[1]) < 1:
                raise DebugError("usage: set budget N (the most instructions one command may run)")
            self.engine.budget = int(words[1])
            return
        m = re.match(r"^(?:var|variable)\s+(.*)$", arg)
        if not m:
            raise DebugError("usage: set var LVALUE = EXPRESSION | set context on|off | set budget N")
        self._eval(m.group(1))
        self.engine.timeline.forget_future()

    def _type_of(self, arg):
        t = parse_type(arg, self.engine.context())
        return t if t is not None else self._eval(arg).type

    def cmd_ptype(self, arg):
        t = self._type_of(arg)
        s = t.strip() if t.kind == "typedef" else t
        if s.kind in ("struct", "union") and s.fields is not None:
            self.write(f"type = {s.kind} {s.name or ''} {{".replace("  ", " "))
            for name, ftype, _off in s.fields:
                self.write(f"    {ftype.spell(name or '')};")
            self.write("}")
        elif s.kind == "enum":
            names = ", ".join(n for n, _ in s.constants or ())
            self.write(f"type = enum {s.name or ''} {{{names}}}".replace("  ", " "))
        else:
            self.write(f"type = {s}")

    def cmd_whatis(self, arg):
        self.write(f"type = {self._type_of(arg)}")

    def cmd_display(self, arg):
        if not arg:
            self.show_displays()
            return
        fmt, expr = _parse_fmt(arg)
        self.displays.append((self.next_display, fmt, expr))
        self.next_display += 1
        number = self.next_display - 1
        try:
            self.write(f"{number}: {expr} = {self.format(self.engine.evaluate(expr), fmt)}")
        except DebugError as e:
            self.write(f"{number}: {expr} = <error: {e}>")

    def cmd_undisplay(self, arg):
        if not arg:
            self.displays = []
            return
        keep = {int(w) for w in arg.split() if w.isdigit()}
        self.displays = [d for d in self.displays if d[0] not in keep]

    # --- memory -------------------------------------------------------------------------
    def cmd_x(self, arg):
        fmt, rest = _parse_fmt(arg)
        space_expr = None
        m = re.match(r"^(.*?)\s+-as\s+(.+)$", rest)
        if m:
            rest, space_expr = m.group(1), m.group(2)
        if space_expr:
            space = AddressSpace(self.engine.machine, self._page_directory(space_expr))
        else:
            space = self.engine.frame().space
        self._examine(fmt, rest, space)

    def _page_directory(self, text):
        """A page directory from `pid N` (the kernel's process table) or an expression."""
        m = re.match(r"^pid\s+(\d+)$", text.strip())
        if m:
            for p in read_procs(self.engine):
                if p.pid == int(m.group(1)) and p.pagetable is not None:
                    return p.pagetable
            raise DebugError(f"no process with pid {m.group(1)}")
        return self._eval(text).as_int() & MASK

    def cmd_xp(self, arg):
        fmt, rest = _parse_fmt(arg)
        self._examine(fmt, rest, AddressSpace(self.engine.machine, None), physical=True)

    def _examine(self, fmt, expr, space, physical=False):
        m = re.match(r"^(\d*)([a-z]*)$", fmt)
        if not m:
            raise DebugError(f"bad format '/{fmt}' (use /NFU, e.g. /4xw)")
        count = int(m.group(1) or 1)
        f, unit = self.last_x[0], self.last_x[1]
        for ch in m.group(2):
            if ch in UNITS:
                unit = ch
            elif ch in FORMATS:
                f = ch
            else:
                raise DebugError(f"bad format letter '{ch}' in '/{fmt}'")
        if not expr:
            if self.last_x[2] is None:
                raise DebugError("argument required (starting display address)")
            addr = self.last_x[2]
        else:
            v = self._eval(expr)
            addr = v.as_int() & MASK
        if count > 4096:
            raise DebugError("too many units (at most 4096)")
        symbolize = None if physical else self.engine.symbolize
        if f == "i":
            addr = self._x_insns(space, addr, count, symbolize)
        elif f == "s":
            addr = self._x_strings(space, addr, count, symbolize)
        else:
            size = 1 if f == "c" else UNITS[unit]
            per_line = {1: 8, 2: 8, 4: 4}[size]
            for start in range(0, count, per_line):
                here = addr + start * size
                n = min(per_line, count - start)
                data = space.read(here, n * size)
                cells = [self._x_cell(int.from_bytes(data[i * size:(i + 1) * size], "little"), size, f)
                         for i in range(n)]
                self.write(f"{self._x_label(here, symbolize)}:\t" + "\t".join(cells))
            addr += count * size
        self.last_x = (f, unit, addr & MASK)

    def _x_label(self, addr, symbolize):
        name = symbolize(addr) if symbolize else None
        return f"{addr:#010x}" + (f" <{name}>" if name else "")

    def _x_cell(self, n, size, f):
        if f == "x":
            return f"0x{n:0{size * 2}x}"
        if f == "a":
            name = self.engine.symbolize(n)
            return f"{n:#010x}" + (f" <{name}>" if name else "")
        if f == "z":
            return f"0x{n:0{size * 2}x}"
        return format_number(n, size, f)

    def _x_insns(self, space, addr, count, symbolize):
        pc = self.engine.core.pc
        for i in range(count):
            here = addr + 8 * i
            w = space.read(here, 8)
            from vm.isa import decode
            d = decode(int.from_bytes(w[:4], "little"), int.from_bytes(w[4:], "little"))
            mark = "=> " if here == pc else "   "
            self.write(f"{mark}{self._x_label(here, symbolize)}:\t{format_insn(d, symbolize)}")
        return addr + 8 * count

    def _x_strings(self, space, addr, count, symbolize):
        from .engine.values import _read_string
        for _ in range(count):
            text = _read_string(space, addr)
            self.write(f"{self._x_label(addr, symbolize)}:\t{text}")
            raw = 0
            while space.read(addr + raw, 1) != b"\0" and raw < 4096:
                raw += 1
            addr += raw + 1
        return addr

    # --- frames ------------------------------------------------------------------------------
    def cmd_backtrace(self, arg):
        limit = int(arg) if arg.strip().isdigit() else None
        frames = self.engine.frames()
        multi_ring = len({f.ring for f in frames}) > 1 or any(f.trap for f in frames)
        for f in frames[:limit]:
            self.write(backtrace_line(f, multi_ring))
            if f.trap:
                nxt = f.level + 1 < len(frames) and frames[f.level + 1]
                ring = f" from ring {nxt.ring}" if nxt else ""
                self.write(f"    --- trap: {f.trap}{ring} ---")
        if limit and len(frames) > limit:
            self.write("(More stack frames follow...)")

    def cmd_frame(self, arg):
        if arg:
            if not arg.isdigit():
                raise DebugError(f"frame number expected, not '{arg}'")
            self.engine.select_frame(int(arg))
        self._show_frame()

    def _show_frame(self):
        frame = self.engine.frame()
        self.write(f"#{frame.level:<2} {frame_where(frame, with_pc=frame.level > 0 or None)}")
        from .render import source_or_insn
        self.write(source_or_insn(self.engine.core, frame, self.sources))

    def cmd_up(self, arg):
        n = int(arg) if arg.isdigit() else 1
        frames = self.engine.frames()
        if self.engine.selected + 1 >= len(frames):
            raise DebugError("Initial frame selected; you cannot go up.")
        self.engine.select_frame(min(self.engine.selected + n, len(frames) - 1))
        self._show_frame()

    def cmd_down(self, arg):
        n = int(arg) if arg.isdigit() else 1
        if self.engine.selected == 0:
            raise DebugError("Bottom (innermost) frame selected; you cannot go down.")
        self.engine.select_frame(max(self.engine.selected - n, 0))
        self._show_frame()

    # --- source ---------------------------------------------------------------------------------
    def cmd_list(self, arg):
        engine = self.engine
        if arg:
            spec = self._location(arg)
            locations = engine.locations(spec)
            current = engine.frame().program
            program, addr = next(((loc.program, loc.addr) for loc in locations if loc.program is current),
                                 (locations[0].program, locations[0].addr))
            if program is None:
                raise DebugError("no debug information")
            line = program.line_at(addr)
            if not line:
                raise DebugError(f"no line information for {arg}")
            if ":" in spec and spec.rpartition(":")[2].isdigit():
                line = (line[0], int(spec.rpartition(":")[2]))
            self.list_at = (program, line[0], max(1, line[1] - 5))
        if self.list_at is None:
            raise DebugError("no current source file")
        program, file, first = self.list_at
        lines = self.sources.lines(program, file)
        if lines is None:
            raise DebugError(f"cannot find the source file {file}")
        if first > len(lines):
            raise DebugError(f"Line number {first} out of range; \"{file}\" has {len(lines)} lines.")
        for n in range(first, min(first + 10, len(lines) + 1)):
            self.write(f"{n}\t{lines[n - 1]}")
        self.list_at = (program, file, first + 10)

    # --- info -------------------------------------------------------------------------------
    def cmd_info(self, arg):
        what, _, rest = arg.partition(" ")
        names = {"b": "breakpoints", "break": "breakpoints", "breakpoints": "breakpoints",
                 "watchpoints": "breakpoints", "r": "registers", "reg": "registers",
                 "registers": "registers", "all-registers": "registers", "csr": "csr", "csrs": "csr",
                 "locals": "locals", "args": "args", "frame": "frame", "f": "frame", "tlb": "tlb",
                 "pagetable": "pagetable", "pt": "pagetable", "cores": "cores", "threads": "cores",
                 "traps": "traps", "procs": "procs", "display": "display", "digest": "digest",
                 "line": "line", "source": "line", "programs": "programs", "symbol": "symbol",
                 "envs": "envs", "bindings": "bindings",     # (exo_cmds.py)
                 "servers": "servers", "tasks": "servers", "ipc": "ipc"}     # (micro_cmds.py)
        name = names.get(what)
        if name is None:
            raise DebugError(f"info: unknown subcommand '{what}' (try: {', '.join(sorted(set(names.values())))})")
        getattr(self, "info_" + name)(rest.strip())

    def info_registers(self, arg):
        frame = self.engine.frame()
        wanted = [w.lstrip("$") for w in arg.split()] or REG_NAMES[1:] + ["pc"]
        for name in wanted:
            if name == "pc":
                sym = self.engine.symbolize(frame.pc)
                self.write(f"{'pc':<8}{frame.pc:#010x}  {'<' + sym + '>' if sym else ''}".rstrip())
                continue
            if name == "ring":
                self.write(f"{'ring':<8}{frame.ring}")
                continue
            if name not in REG_NAMES:
                from vm.isa import reg_number
                n = reg_number(name)
                if n is None:
                    raise DebugError(f"Invalid register `{name}'")
                name = REG_NAMES[n]
            value = frame.regs[REG_NAMES.index(name)]
            if value is None:
                self.write(f"{name:<8}<not saved>")
            else:
                signed = value - (1 << 32) if value & 0x80000000 else value
                self.write(f"{name:<8}{value:#010x}  {signed}")
        if not arg:
            self.write(f"{'ring':<8}{frame.ring}")

    def info_csr(self, arg):
        core = self.engine.core
        for c in CSRS:
            if arg and c.name not in arg.split():
                continue
            value = core.read_csr(c.number)
            self.write(f"{c.name:<9}{value:#010x}  {self._csr_note(c.name, value)}".rstrip())

    def _csr_note(self, name, value):
        if name in ("status", "estatus"):
            bits = [b for b, on in (("IE", value & 1), ("PG", value & 2), ("SWTLB", value & 4)) if on]
            return f"[ring {value >> 8 & 3}{' ' + ' '.join(bits) if bits else ''}]"
        if name == "cause":
            return self.engine.machine.cause_name(value)
        if name in ("epc", "vec"):
            sym = self.engine.symbolize(value)
            return f"<{sym}>" if sym else ""
        return ""

    def info_locals(self, arg):
        frame = self.engine.frame()
        if not frame.function:
            raise DebugError("No symbol table info available.")
        shown = set()
        vars_ = frame.function.visible_locals(frame.pc)
        if not vars_:
            self.write("No locals.")
        for var in reversed(vars_):
            if var.name in shown:
                continue
            shown.add(var.name)
            self._show_var(frame, var)

    def info_args(self, arg):
        frame = self.engine.frame()
        if not frame.function:
            raise DebugError("No symbol table info available.")
        if not frame.function.params:
            self.write("No arguments.")
        for var in frame.function.params:
            self._show_var(frame, var)

    def _show_var(self, frame, var):
        try:
            self.write(f"{var.name} = {self.format(read_variable(frame, var))}")
        except DebugError as e:
            self.write(f"{var.name} = <{e}>")

    def info_frame(self, arg):
        frame = self.engine.frame()
        self.write(f"Stack level {frame.level}, frame at {frame.cfa:#010x}:" if frame.cfa is not None
                   else f"Stack level {frame.level}:")
        self.write(f" pc = {frame.pc:#010x} in {frame_where(frame, with_pc=False)}; ring {frame.ring}")
        if frame.function:
            self.write(f" program {frame.program.name}, function {frame.function.name} "
                       f"[{frame.function.low:#x}, {frame.function.high:#x})")
        if frame.fp is not None:
            self.write(f" fp = {frame.fp:#010x}, sp = {frame.sp:#010x}" if frame.sp is not None
                       else f" fp = {frame.fp:#010x}")

    def info_display(self, arg):
        if not self.displays:
            self.write("There are no auto-display expressions now.")
        for number, fmt, expr in self.displays:
            self.write(f"{number}:   {'/' + fmt + ' ' if fmt else ''}{expr}")

    def info_line(self, arg):
        frame = self.engine.frame()
        line = frame.program.line_at(frame.pc) if frame.program else None
        if not line:
            self.write(f"No line number information available for address {frame.pc:#x}")
        else:
            self.write(f"Line {line[1]} of \"{line[0]}\", pc {frame.pc:#010x}, program {frame.program.name}")

    def info_symbol(self, arg):
        addr = self._eval(arg).as_int() & MASK
        sym = self.engine.symbolize(addr)
        self.write(f"{sym.replace('+', ' + ')} in {self.engine.programs.for_core(self.engine.core).name}"
                   if sym else f"No symbol matches {arg}.")

    def info_programs(self, arg):
        for p in self.engine.programs:
            self.write(f"{p.name:<20} {len(p.functions)} functions, applies: {p.scope}")

    def info_digest(self, arg):
        """A hash of the whole machine state and where we are in time."""
        engine = self.engine
        core = engine.core
        self.write(f"position {engine.position()}  core {core.id} pc {core.pc:#010x}  "
                   f"instructions {core.instructions} cycles {core.cycles}")
        self.write(f"state {state_digest(engine.machine)[:16]}")

    # --- the MMU ---------------------------------------------------------------------------------
    def info_tlb(self, arg):
        machine = self.engine.machine
        core = machine.cores[int(arg)] if arg.isdigit() and int(arg) < len(machine.cores) else self.engine.core
        entries = core.tlb.entries
        self.write(f"TLB of core {core.id}: {len(entries)} entries (current asid {core.asid})")
        if entries:
            self.write(f"{'asid':<7}{'vpage':<12}{'ppage':<12}perm ring flags")
        for key, pte in entries.items():
            asid = "global" if pte & PTE_G else str(key >> 20)
            vpn = key & 0xFFFFF
            perms = "r" + ("w" if pte & PTE_W else "-") + ("x" if pte & PTE_X else "-")
            flags = " ".join(n for n, b in (("A", 1 << 5), ("D", 1 << 6), ("P", 1)) if pte & b)
            self.write(f"{asid:<7}{vpn << 12:#010x}  {pte & ~0xFFF & MASK:#010x}  {perms}  "
                       f"{pte >> PTE_RING_SHIFT & 3}    {flags}")

    def info_pagetable(self, arg):
        engine = self.engine
        core = engine.core
        if arg:
            ptbr = self._page_directory(arg)
        elif core.paging:
            ptbr = core.csr[9]
        else:
            self.write(f"Paging is off on core {core.id} (virtual = physical); "
                       f"csr ptbr = {core.csr[9]:#x}. Give a page directory: info pagetable ADDR|pid N")
            return
        maps = mappings(engine.machine, ptbr)
        self.write(f"Page table at {ptbr:#010x}: {len(maps)} ranges")
        self.write(f"{'virtual':<25}{'physical':<13}{'size':>8}  perm ring")
        for vstart, vend, pstart, perms, ring in maps:
            size = vend - vstart
            size_text = f"{size >> 10}K" if size < 1 << 20 else f"{size >> 20}M" if size % (1 << 20) == 0 \
                else f"{size >> 10}K"
            self.write(f"{vstart:#010x}-{vend - 1:#010x}  {pstart:#010x}  {size_text:>8}  {perms}  {ring}")

    # --- cores and the OS --------------------------------------------------------------------
    def info_cores(self, arg):
        engine = self.engine
        machine = engine.machine
        for core in machine.cores:
            mark = "*" if core.id == engine.focus else " "
            state = "halted" if machine.halted == "halt" else "waiting" if core.waiting else "running"
            sym = engine.symbolize(core.pc, core)
            self.write(f"{mark} core {core.id}  ring {core.ring}  pc {core.pc:#010x}"
                       f"{' <' + sym + '>' if sym else ''}  {state}  "
                       f"insns {core.instructions}  cycles {core.cycles}"
                       f"{'  asid ' + str(core.asid) if core.paging else ''}")

    def cmd_core(self, arg):
        if not arg.isdigit():
            raise DebugError("usage: core N")
        self.engine.set_focus(int(arg))
        self.write(f"[Switching to core {arg}]")
        self.show_location(force_frame=True)

    cmd_thread = cmd_core

    def info_traps(self, arg):
        machine = self.engine.machine
        for core in machine.cores:
            counts = core.counters()["traps"]
            shown = ", ".join(f"{k} {v}" for k, v in counts.items() if v) or "none"
            self.write(f"core {core.id}: {shown}")

    def info_procs(self, arg):
        procs = read_procs(self.engine)
        self.write(f"{'slot':<5}{'pid':<5}{'state':<10}{'core':<6}{'asid':<6}{'pagetable':<12}name")
        for p in procs:
            core = str(p.running_on) if p.running_on is not None else "-"
            pt = f"{p.pagetable:#010x}" if p.pagetable is not None else "-"
            self.write(f"{p.slot:<5}{p.pid:<5}{p.state:<10}{core:<6}{p.asid if p.asid is not None else '-'!s:<6}"
                       f"{pt:<12}{p.name}")

    def cmd_disassemble(self, arg):
        engine = self.engine
        frame = engine.frame()
        fn = frame.function
        if arg:
            addr = self._eval(arg).as_int()
            fn = frame.program.function_at(addr) if frame.program else None
        if fn is None:
            raise DebugError("No function contains the program counter; use x/Ni ADDR")
        self.write(f"Dump of assembler code for function {fn.name}:")
        self._x_insns(frame.space, fn.low, (fn.high - fn.low) // 8, engine.symbolize)
        self.write("End of assembler dump.")

