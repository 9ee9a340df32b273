"""The two-pass assembler.

Pass 1 reads every line once: it places each instruction and datum in its
section (so every label gets its offset) and writes all bytes it can already
compute. Operands that mention symbols are queued. Pass 2 evaluates the
queue, now that every label is known, writing numbers in place or emitting a
relocation for the linker when the value is an address.

A label names the address of the next thing emitted after it: instructions
are aligned to 8 bytes before their labels are bound, and a label before
`.align` lands after the padding.

Preprocessed assembly (a .S file, lang/cc/driver.py) holds the
preprocessor's linemarkers, `# LINE "FILE"`: as in GNU as, such a line
says the next one is line LINE of FILE, so errors and the line table name
the .S file's own lines. Anywhere else `#` starts a comment.
"""

import re
import struct

from vm import isa

from .. import obj as objfile
from . import directives, operands
from .errors import AsmError
from .expr import INT_RE, evaluate, parse_int
from .lexer import parse_string, split_line, split_operands, strip_comment

_INSN = struct.Struct("<II")
_RANGES = {1: (-(1 << 7), 0xFF), 2: (-(1 << 15), 0xFFFF), 4: (-(1 << 31), 0xFFFFFFFF)}
_NOP = isa.encode("nop")
# `# LINE "FILE"` and GCC's optional flags after it, from the first column.
_LINEMARKER = re.compile(r'#\s*(\d+)\s+("(?:[^"\\]|\\.)*")(?:\s+\d+)*\s*$')


def assemble(text, filename="<input>"):
    """Assemble source text -> lang.obj.ObjectFile. Raises AsmError."""
    asm = Assembler(filename)
    asm.run(text)
    return asm.result()


def assemble_file(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise AsmError(f"{path}: cannot read: {e.strerror}") from None
    except UnicodeDecodeError:
        raise AsmError(f"{path}: not a text file (invalid UTF-8)") from None
    return assemble(text, str(path))


def check_range(value, size, what):
    lo, hi = _RANGES[size]
    if not lo <= value <= hi:
        bits = size * 8
        raise AsmError(f"{what} {value} is out of range (must fit in {bits} bits)")


class Assembler:
    def __init__(self, filename):
        self.filename = filename
        self.sections = {}          # name -> obj.Section, in order of first use
        self.labels = {}            # name -> (section name, offset, line)
        self.equs = {}              # name -> directives.Equ
        self.globals = {}           # name -> line of .global
        self.locals = set()
        self.types = {}             # name -> "func" | "object"
        self.sizes = {}             # name -> size
        self.size_exprs = []        # (name, expr, section name, offset, line)
        self.pending_labels = []    # (name, line): waiting for the next datum
        self.pending_loc = None     # (file, line, col) for the next instruction
        self.items = []             # pass-2 queue, see queue()
        self.relocs = []
        self.lines, self.auto_lines = [], []
        self.uses_loc = False       # any .file/.loc seen: keep only those lines
        self.file = None            # current .file
        self.first_file = None
        self.debug = []
        self.source = filename      # the file that self.line counts in (see linemarkers)
        self.line = 0
        self.dot = None             # (section name, offset) that '.' means now
        self.cur = None
        self.switch_section(".text")

    # --- driver --------------------------------------------------------------
    def run(self, text):
        next_line = 1
        try:
            for raw in text.split("\n"):
                marker = _LINEMARKER.match(raw)
                if marker:
                    self.line = next_line
                    next_line = parse_int(marker.group(1))
                    self.source = parse_string(marker.group(2)).decode(errors="replace")
                    continue
                self.line = next_line
                next_line += 1
                self.statement(raw)
            self.bind_labels(self.cur, self.cur.size)
        except AsmError as e:
            raise e.located(self.source, self.line) from None
        self.pass2()

    def statement(self, raw):
        labels, mnemonic, rest = split_line(strip_comment(raw))
        for name in labels:
            self.declare_label(name)
        if mnemonic is None:
            return
        m = mnemonic.lower()
        if m[0] == ".":
            handler = directives.TABLE.get(m)
            if handler is None:
                raise AsmError(f"unknown directive '{mnemonic}'")
            handler(self, m, rest)
        else:
            self.instruction(m, rest)

    # --- symbols -------------------------------------------------------------
    def check_new_symbol(self, name):
        if name in self.labels:
            raise AsmError(f"symbol '{name}' is already defined (line {self.labels[name][2]})")
        if name in self.equs:
            raise AsmError(f"symbol '{name}' is already defined (line {self.equs[name].line})")
        for other, line in self.pending_labels:
            if other == name:
                raise AsmError(f"symbol '{name}' is already defined (line {line})")
        if name in self.sections:
            raise AsmError(f"symbol '{name}' has the name of a section")

    def declare_label(self, name):
        self.check_new_symbol(name)
        self.pending_labels.append((name, self.line))

    def bind_labels(self, sec, offset):
        for name, line in self.pending_labels:
            self.labels[name] = (sec.name, offset, line)
        self.pending_labels = []

    # The evaluation context used by expr.evaluate.
    def value_of(self, name):
        equ = self.equs.get(name)
        if equ is not None:
            return equ.value(self)
        return 0, name          # a label (here or in another object): an address

    def here(self):
        if self.dot is None:
            return self.cur.size, self.cur.name
        return self.dot[1], self.dot[0]

    def location(self, name):
        if name in self.labels:
            return self.labels[name][:2]
        if name in self.sections:
            return name, 0
        raise AsmError(f"cannot subtract addresses: '{name}' is not defined in this file"
                       + (" (yet)" if self.dot is None else ""))

    def difference(self, a, b):
        (sa, oa), (sb, ob) = self.location(a), self.location(b)
        if sa != sb:
            raise AsmError(f"cannot subtract addresses in different sections ('{a}' in {sa}, '{b}' in {sb})")
        return oa - ob

    # --- sections ------------------------------------------------------------
    def switch_section(self, name, flags=None, nobits=None):
        if self.cur is not None:
            self.bind_labels(self.cur, self.cur.size)
        sec = self.sections.get(name)
        if sec is None:
            if name in self.labels or name in self.equs:
                raise AsmError(f"section name '{name}' is already a symbol")
            dflags, dnobits = directives.section_defaults(name)
            sec = objfile.Section(name, flags or dflags,
                                  nobits=dnobits if nobits is None else nobits)
            self.sections[name] = sec
        elif flags is not None and flags != sec.flags:
            raise AsmError(f"section '{name}' was first given flags \"{sec.flags}\", now \"{flags}\"")
        self.cur = sec

    def data_section(self, directive):
        """The current section, for a directive that writes bytes into it."""
        sec = self.cur
        if sec.nobits:
            raise AsmError(f"'{directive}' is not allowed in nobits section '{sec.name}' "
                           f"(use .space, .zero or .align)")
        self.bind_labels(sec, len(sec.data))
        return sec

    # --- instructions --------------------------------------------------------
    def instruction(self, mnemonic, rest):
        insn, rd, rs1, rs2, imm = operands.parse(mnemonic, split_operands(rest), self)
        sec = self.cur
        if sec.nobits:
            raise AsmError(f"instructions are not allowed in nobits section '{sec.name}'")
        data = sec.data
        pad = -len(data) & 7
        if pad:                     # automatic alignment (gap < 8: zero bytes)
            data += bytes(pad)
        if sec.align < 8:
            sec.align = 8
        off = len(data)
        self.bind_labels(sec, off)
        if self.pending_loc is not None:
            self.lines.append([sec.name, off, *self.pending_loc])
            self.pending_loc = None
        self.auto_lines.append([sec.name, off, self.source, self.line, 0])
        if isinstance(imm, str):
            if INT_RE.match(imm):
                imm = parse_int(imm)
            else:
                self.queue(4, sec, off + 4, imm, off, "immediate")
                imm = 0
        check_range(imm, 4, "immediate")
        data += _INSN.pack(insn.opcode | rd << 8 | rs1 << 12 | rs2 << 16, imm & 0xFFFFFFFF)

    def queue(self, size, sec, offset, expr, dot, what):
        """Evaluate expr in pass 2 and store it as `size` bytes at offset."""
        self.items.append((size, sec, offset, expr, dot, self.line, what))

    def emit_value(self, sec, size, text, what):
        off = len(sec.data)
        if INT_RE.match(text):
            value = parse_int(text)
            check_range(value, size, what)
            sec.data += (value & 0xFFFFFFFF).to_bytes(4, "little")[:size]
        else:
            self.queue(size, sec, off, text, off, what)
            sec.data += bytes(size)

    def align(self, sec, n):
        sec.align = max(sec.align, n)
        if sec.nobits:
            sec.bss_size += -sec.bss_size % n
            return
        pad = -len(sec.data) % n
        if "x" in sec.flags and pad >= 8:
            zeros = -len(sec.data) % 8      # fill executable padding with nops
            sec.data += bytes(zeros) + _NOP * ((pad - zeros) // 8)
        else:
            sec.data += bytes(pad)

    # --- pass 2 --------------------------------------------------------------
    def pass2(self):
        line = 0
        try:
            for size, sec, off, expr, dot, line, what in self.items:
                self.dot = (sec.name, dot)
                const, sym = evaluate(expr, self)
                if sym is None:
                    check_range(const, size, what)
                    sec.data[off:off + size] = (const & 0xFFFFFFFF).to_bytes(4, "little")[:size]
                elif size != 4:
                    raise AsmError(f"{what} '{expr}' is an address, which needs 32 bits "
                                   f"(use .word)")
                else:
                    check_range(const, 4, "offset")
                    self.relocs.append(objfile.Reloc(sec.name, off, sym, const))
            for name, expr, secname, off, line in self.size_exprs:
                self.dot = (secname, off)
                const, sym = evaluate(expr, self)
                if sym is not None:
                    raise AsmError(f".size of '{name}' must be a constant, but '{expr}' is an address")
                self.sizes[name] = const
        except AsmError as e:
            raise e.located(self.filename, line) from None

    # --- the object file -----------------------------------------------------
    def result(self):
        obj = objfile.ObjectFile(self.filename, self.first_file or self.filename)
        labelled = {sec for sec, _, _ in self.labels.values()}
        obj.sections = [s for name, s in self.sections.items() if s.size or name in labelled]
        for name, (sec, off, _) in self.labels.items():
            obj.symbols.append(objfile.Symbol(name, sec, off, name in self.globals,
                                              self.types.get(name, "other"), self.sizes.get(name)))
        known = set(self.labels) | set(self.sections)
        for name, line in self.globals.items():
            if name in self.labels:
                continue
            if name in self.equs:
                obj.symbols.append(self.global_equ(name, line))
            else:
                obj.symbols.append(objfile.Symbol(name, None, 0, True))
            known.add(name)
        for rel in self.relocs:        # references to symbols defined elsewhere
            if rel.symbol not in known:
                obj.symbols.append(objfile.Symbol(rel.symbol, None, 0, True))
                known.add(rel.symbol)
        obj.relocs = self.relocs
        obj.lines = self.lines if self.uses_loc else self.auto_lines
        obj.debug = self.debug
        return obj

    def global_equ(self, name, line):
        try:
            const, sym = self.equs[name].value(self)
            if sym is None:
                return objfile.Symbol(name, objfile.ABS, const, True, self.types.get(name, "other"))
            if sym in self.labels:
                sec, off, _ = self.labels[sym]
                return objfile.Symbol(name, sec, off + const, True, self.types.get(name, "other"))
            raise AsmError(f"global symbol '{name}' is set to '{sym}', which is not defined in this file")
        except AsmError as e:
            raise e.located(self.filename, line) from None

