"""Expressions in operands: numbers, symbols, '.', and C operators.

A value is a pair (const, sym): the number const, plus the address of the
symbol sym when sym is not None. Only the linker knows addresses, so a value
with a symbol becomes a relocation (symbol + addend). Arithmetic is allowed
where the result keeps that shape: sym + n, sym - n, n + sym, and sym - sym
when both labels are in the same section of this file (a plain number).

The evaluator asks a context object three things:
    ctx.value_of(name) -> (const, sym)   a symbol's value
    ctx.here()         -> (const, sym)   the value of '.'
    ctx.difference(a, b) -> int          address of a minus address of b
"""

import re

from .errors import AsmError
from .lexer import char_value

_TOKEN = re.compile(r"""\s*(?:
      (?P<num>(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+)(?![A-Za-z0-9_.$]))
    | (?P<bad>[0-9][A-Za-z0-9_.$]*)
    | (?P<sym>[A-Za-z_.$][A-Za-z0-9_.$]*)
    | (?P<chr>'(?:\\x[0-9a-fA-F]{1,2}|\\[0-7]{1,3}|\\.|[^'\\])')
    | (?P<badchr>'[^']*'?)
    | (?P<op><<|>>|[-+*/%&|^~()])
    )""", re.X)
# Parentheses may nest this deep (each level is two Python frames of the
# recursive parser below); unary operators and .equ chains have no limit.
MAX_DEPTH = 256
INT_RE = re.compile(r"-?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+)\Z")
SYM_RE = re.compile(r"[A-Za-z_.$][A-Za-z0-9_.$]*\Z")

# Binary operators by precedence, loosest first (as in C).
_PREC = {"|": 1, "^": 2, "&": 3, "<<": 4, ">>": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}


# No value the assembler uses needs more digits than this (2**64 has 20).
MAX_DIGITS = 100


def parse_int(text):
    """A number literal (decimal, 0x, 0b, 0o; optional leading '-')."""
    neg = text.startswith("-")
    body = text[1:] if neg else text
    if len(body) > MAX_DIGITS:
        raise AsmError(f"number '{body[:16]}...' is too long ({len(body)} digits)")
    if len(body) > 1 and body[0] == "0" and body[1] in "xXbBoO":
        value = int(body, 0)
    else:
        value = int(body, 10)
    return -value if neg else value


def evaluate(text, ctx):
    """Evaluate an operand expression -> (const, sym)."""
    if INT_RE.match(text):                    # fast paths: most operands are
        return parse_int(text), None        # a plain number or a plain symbol
    if SYM_RE.match(text):
        return ctx.here() if text == "." else ctx.value_of(text)
    return _Parser(text, ctx).parse()


def symbols(text):
    """The names an expression mentions (without evaluating it)."""
    if INT_RE.match(text):
        return []
    if SYM_RE.match(text):
        return [text]
    return [tok for kind, tok in tokenize(text) if kind == "sym"]


def tokenize(text):
    """The (kind, text) tokens of an expression; AsmError for a bad one."""
    tokens, pos, end = [], 0, len(text.rstrip())
    while pos < end:
        m = _TOKEN.match(text, pos)
        if not m:
            raise AsmError(f"unexpected character '{text[pos:].lstrip()[0]}' in expression '{text}'")
        if m.lastgroup == "bad":
            raise AsmError(f"bad number '{m.group('bad')}'")
        if m.lastgroup == "badchr":
            raise AsmError(f"bad character constant {m.group('badchr')} (one character or escape)")
        tokens.append((m.lastgroup, m.group(m.lastgroup)))
        pos = m.end()
    return tokens


def constant(text, ctx, what="value"):
    """Evaluate an expression that must be a plain number."""
    const, sym = evaluate(text, ctx)
    if sym is not None:
        raise AsmError(f"{what} must be a constant, but '{text}' depends on symbol '{sym}'")
    return const


class _Parser:
    """Precedence climbing over the token list; evaluates as it parses."""

    def __init__(self, text, ctx):
        self.text, self.ctx = text, ctx
        self.tokens = tokenize(text)
        self.pos = 0
        self.depth = 0              # parentheses open around the current token

    def parse(self):
        if not self.tokens:
            raise AsmError("missing expression")
        value = self._binary(1)
        if self.pos < len(self.tokens):
            raise AsmError(f"unexpected '{self.tokens[self.pos][1]}' in expression '{self.text}'")
        return value

    def _peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def _binary(self, min_prec):
        left = self._unary()
        while True:
            kind, op = self._peek()
            prec = _PREC.get(op) if kind == "op" else None
            if prec is None or prec < min_prec:
                return left
            self.pos += 1
            right = self._binary(prec + 1)
            left = self._apply(op, left, right)

    def _unary(self):
        prefix = []                 # unary operators, applied innermost first
        while True:
            kind, tok = self._peek()
            if kind is None:
                raise AsmError(f"expression '{self.text}' ends too early")
            self.pos += 1
            if kind != "op" or tok not in "-~+":
                break
            prefix.append(tok)
        value = self._primary(kind, tok)
        for op in reversed(prefix):
            const, sym = value
            if op == "+":
                continue
            if sym is not None:
                raise AsmError(f"cannot apply '{op}' to the address of '{sym}'")
            value = (-const if op == "-" else ~const), None
        return value

    def _primary(self, kind, tok):
        if kind == "num":
            return parse_int(tok), None
        if kind == "chr":
            return char_value(tok), None
        if kind == "sym":
            return self.ctx.here() if tok == "." else self.ctx.value_of(tok)
        if tok == "(":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise AsmError(f"expression nested deeper than {MAX_DEPTH} parentheses")
            value = self._binary(1)
            if self._peek()[1] != ")":
                raise AsmError(f"missing ')' in expression '{self.text}'")
            self.pos += 1
            self.depth -= 1
            return value
        raise AsmError(f"unexpected '{tok}' in expression '{self.text}'")

    def _apply(self, op, left, right):
        (a, asym), (b, bsym) = left, right
        if op == "+":
            if asym is not None and bsym is not None:
                raise AsmError(f"cannot add two addresses ('{asym}' + '{bsym}')")
            return a + b, asym if asym is not None else bsym
        if op == "-":
            if bsym is None:
                return a - b, asym
            if asym is None:
                raise AsmError(f"cannot subtract the address of '{bsym}' from a number")
            return a - b + self.ctx.difference(asym, bsym), None
        if asym is not None or bsym is not None:
            raise AsmError(f"operator '{op}' needs numbers, not the address of "
                           f"'{asym if asym is not None else bsym}'")
        return _arith(op, a, b), None


def _arith(op, a, b):
    if op in "/%":
        if b == 0:
            raise AsmError("division by zero in expression")
        q = abs(a) // abs(b)                # C semantics: truncate toward zero
        if (a < 0) != (b < 0):
            q = -q
        return q if op == "/" else a - b * q
    if op in ("<<", ">>"):
        if not 0 <= b < 64:
            raise AsmError(f"shift amount {b} out of range")
        return a << b if op == "<<" else a >> b
    return {"*": a * b, "&": a & b, "|": a | b, "^": a ^ b}[op]
