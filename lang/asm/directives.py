"""Assembler directives (.text, .word, .align, .loc, ...).

Each handler is handler(asm, name, rest) where rest is the text after the
directive; TABLE maps directive names to handlers.
"""

from ..obj import MAX_ALIGN, load_json, section_limit
from .errors import AsmError
from .expr import constant, evaluate, parse_int, symbols
from .lexer import SYMBOL_RE, parse_string, split_operands


def section_defaults(name):
    """Flags and nobits of a section, from its name's prefix."""
    if name.startswith(".text"):
        return "rx", False
    if name.startswith(".rodata"):
        return "r", False
    if name.startswith(".data"):
        return "rw", False
    if name.startswith(".bss"):
        return "rw", True
    return "r", False


def _operands(name, rest, count=None, at_least=None):
    ops = split_operands(rest)
    if count is not None and len(ops) not in ((count,) if isinstance(count, int) else count):
        want = count if isinstance(count, int) else (
            ", ".join(map(str, count[:-1])) + f" or {count[-1]}")
        raise AsmError(f"'{name}' takes {want} operand{'s' if want != 1 else ''}, got {len(ops)}")
    if at_least is not None and len(ops) < at_least:
        raise AsmError(f"'{name}' needs at least {at_least} operand")
    return ops


def _symbol(text, name):
    if not SYMBOL_RE.match(text):
        raise AsmError(f"'{name}': '{text}' is not a valid symbol name")
    return text


def _no_operands(asm, name, rest):
    _operands(name, rest, 0)


# --- sections ------------------------------------------------------------------
def simple_section(asm, name, rest):
    _operands(name, rest, 0)
    asm.switch_section(name)


def _flags(text):
    letters = parse_string(text).decode(errors="replace")
    for c in letters:
        if c not in "arwx":
            raise AsmError(f"unknown section flag '{c}' (use a, w, x)")
    return "r" + ("w" if "w" in letters else "") + ("x" if "x" in letters else "")


def section(asm, name, rest):
    ops = _operands(name, rest, (1, 2, 3))
    secname = ops[0]
    if secname.startswith('"'):
        secname = parse_string(secname).decode()
    if not SYMBOL_RE.match(secname):
        raise AsmError(f"'{secname}' is not a valid section name")
    flags = _flags(ops[1]) if len(ops) > 1 else None
    nobits = None
    if len(ops) > 2:
        kinds = {"@progbits": False, "@nobits": True}
        if ops[2] not in kinds:
            raise AsmError(f"section type must be @progbits or @nobits, not '{ops[2]}'")
        nobits = kinds[ops[2]]
    asm.switch_section(secname, flags, nobits)


# --- symbols -------------------------------------------------------------------
def global_(asm, name, rest):
    for text in _operands(name, rest, at_least=1):
        sym = _symbol(text, name)
        if sym in asm.locals:
            raise AsmError(f"symbol '{sym}' was declared .local, cannot be .global too")
        asm.globals.setdefault(sym, asm.line)


def local(asm, name, rest):
    for text in _operands(name, rest, at_least=1):
        sym = _symbol(text, name)
        if sym in asm.globals:
            raise AsmError(f"symbol '{sym}' was declared .global, cannot be .local too")
        asm.locals.add(sym)


def equ(asm, name, rest):
    sym, expr = _operands(name, rest, 2)
    _symbol(sym, name)
    asm.check_new_symbol(sym)
    asm.equs[sym] = Equ(sym, expr, (asm.cur.name, asm.cur.size), asm.line)


class Equ:
    """A symbol set by .equ/.set: evaluated when first used (so it may refer
    to labels defined later), with '.' meaning the place of the directive."""

    def __init__(self, name, expr, dot, line):
        self.name, self.expr, self.dot, self.line = name, expr, dot, line
        self.cached = None
        self.busy = False       # waiting for the symbols it uses (see resolve)
        self.needed_by = None   # the Equ that asked for it, for messages

    def value(self, asm):
        if self.cached is None:
            resolve(self, asm)
        return self.cached

    def where(self):
        return f"in .equ {self.name} (line {self.line})"


# An error in a chain of .equ symbols names the chain; a long one is cut.
_CHAIN_SHOWN = 6


def resolve(root, asm):
    """Evaluate root, after every .equ symbol it uses, depth first with an
    explicit stack: a chain of thousands of .set symbols needs no recursion.
    An Equ on the stack is `busy` once its own uses are pushed above it; a
    busy Equ met again as a use is a cycle."""
    root.needed_by = None
    stack = [root]
    try:
        while stack:
            e = stack[-1]
            if e.cached is not None:
                stack.pop()
            elif e.busy:                # every symbol it uses is known now
                saved, asm.dot = asm.dot, e.dot
                try:
                    e.cached = evaluate(e.expr, asm)
                except AsmError as err:
                    raise _in_chain(e, err.message) from None
                finally:
                    asm.dot = saved
                e.busy = False
                stack.pop()
            else:
                e.busy = True
                try:
                    names = symbols(e.expr)
                except AsmError as err:
                    raise _in_chain(e, err.message) from None
                for name in names:
                    use = asm.equs.get(name)
                    if use is None or use.cached is not None:
                        continue
                    if use.busy:
                        raise _in_chain(e, f"symbol '{name}' is defined in terms of itself")
                    use.needed_by = e
                    stack.append(use)
    finally:
        for e in stack:
            e.busy = False


def _in_chain(e, message):
    chain = []
    while e is not None:
        chain.append(e.where())
        e = e.needed_by
    chain.reverse()
    if len(chain) > _CHAIN_SHOWN:
        cut = len(chain) - _CHAIN_SHOWN + 2
        chain[2:2 + cut] = [f"... {cut} more"]
    return AsmError(": ".join(chain + [message]))


_TYPES = {"@function": "func", "%function": "func", "function": "func",
          "@object": "object", "%object": "object", "object": "object"}


def type_(asm, name, rest):
    sym, kind = _operands(name, rest, 2)
    _symbol(sym, name)
    if kind not in _TYPES:
        raise AsmError(f"'.type' kind must be @function or @object, not '{kind}'")
    asm.types[sym] = _TYPES[kind]


def size(asm, name, rest):
    sym, expr = _operands(name, rest, 2)
    _symbol(sym, name)
    asm.size_exprs.append((sym, expr, asm.cur.name, asm.cur.size, asm.line))


# --- data ----------------------------------------------------------------------
_SIZES = {".word": 4, ".half": 2, ".byte": 1}


def value_list(asm, name, rest):
    ops = _operands(name, rest, at_least=1)
    sec = asm.data_section(name)
    nbytes = _SIZES[name]
    for text in ops:
        asm.emit_value(sec, nbytes, text, f"'{name}' value")


def ascii_(asm, name, rest):
    ops = _operands(name, rest, at_least=1)
    sec = asm.data_section(name)
    for text in ops:
        sec.data += parse_string(text)
        if name == ".asciz":
            sec.data.append(0)


def space(asm, name, rest):
    ops = _operands(name, rest, (1, 2) if name == ".space" else 1)
    n = constant(ops[0], asm, f"'{name}' size")
    if n < 0:
        raise AsmError(f"'{name}' size {n} is negative")
    fill = constant(ops[1], asm, "fill byte") if len(ops) > 1 else 0
    if not -128 <= fill <= 255:
        raise AsmError(f"fill byte {fill} does not fit in a byte")
    sec = asm.cur
    limit, what = section_limit(sec.nobits)
    if sec.size + n > limit:
        raise AsmError(f"'{name} {n}' makes section '{sec.name}' larger than {what}"
                       + ("" if sec.nobits else " (zeroed data belongs in .bss)"))
    if sec.nobits:
        if fill:
            raise AsmError(f"nobits section '{sec.name}' can only hold zeros")
        asm.bind_labels(sec, sec.bss_size)
        sec.bss_size += n
    else:
        asm.bind_labels(sec, len(sec.data))
        sec.data += bytes([fill & 0xFF]) * n


def align(asm, name, rest):
    (text,) = _operands(name, rest, 1)
    n = constant(text, asm, "alignment")
    if n <= 0 or n & (n - 1) or n > MAX_ALIGN:
        raise AsmError(f"'.align' takes a power of two number of bytes (1 to {MAX_ALIGN}), got {n}")
    asm.align(asm.cur, n)


# --- debug information -----------------------------------------------------------
def file_(asm, name, rest):
    (text,) = _operands(name, rest, 1)
    asm.file = parse_string(text).decode(errors="replace")
    asm.first_file = asm.first_file or asm.file
    asm.uses_loc = True


def loc(asm, name, rest):
    fields = rest.replace(",", " ").split()
    if len(fields) not in (1, 2) or not all(f.isdigit() for f in fields):
        raise AsmError("'.loc' takes a line number and an optional column: .loc LINE [COL]")
    line = parse_int(fields[0])
    col = parse_int(fields[1]) if len(fields) > 1 else 0
    asm.pending_loc = (asm.file or asm.filename, line, col)
    asm.uses_loc = True


def debug(asm, name, rest):
    text = parse_string(rest.strip()).decode(errors="replace")
    try:
        value = load_json(text)
    except ValueError as e:
        raise AsmError(f"'.debug' string is not valid JSON: {e}") from None
    asm.debug.append(value)


TABLE = {
    ".text": simple_section, ".data": simple_section, ".rodata": simple_section,
    ".bss": simple_section, ".section": section,
    ".global": global_, ".globl": global_, ".local": local,
    ".equ": equ, ".set": equ, ".type": type_, ".size": size,
    ".word": value_list, ".half": value_list, ".byte": value_list,
    ".ascii": ascii_, ".asciz": ascii_, ".space": space, ".zero": space,
    ".align": align,
    ".file": file_, ".loc": loc, ".debug": debug,
}
