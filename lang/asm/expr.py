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
INT_RE = re.compile(r"-?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+)\Z")
SYM_RE = re.compile(r"[A-Za-z_.$][A-Za-z0-9_.$]*\Z")

# Binary operators by precedence, loosest first (as in C).
_PREC = {"|": 1, "^": 2, "&": 3, "<<": 4, ">>": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}


def parse_int(text):
    """A number literal (decimal, 0x, 0b, 0o; optional leading '-')."""
    neg = text.startswith("-")
    body = text[1:] if neg else text
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
        self.tokens = self._tokenize(text)
        self.pos = 0

    def _tokenize(self, text):
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
        kind, tok = self._peek()
        if kind is None:
            raise AsmError(f"expression '{self.text}' ends too early")
        self.pos += 1
        if kind == "num":
            return parse_int(tok), None
        if kind == "chr":
            return char_value(tok), None
        if kind == "sym":
            return self.ctx.here() if tok == "." else self.ctx.value_of(tok)
        if tok == "(":
            value = self._binary(1)
            if self._peek()[1] != ")":
                raise AsmError(f"missing ')' in expression '{self.text}'")
            self.pos += 1
            return value
        if tok in "-~+":
            const, sym = self._unary()
            if tok == "+":
                return const, sym
            if sym is not None:
                raise AsmError(f"cannot apply '{tok}' to the address of '{sym}'")
            return (-const if tok == "-" else ~const), None
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
