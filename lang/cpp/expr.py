"""#if expressions: integer constant expressions evaluated as the target does.

Values are 32-bit, like the target's int and long (the machine has no 64-bit
type, so intmax_t is 32 bits here). Each value is (number, unsigned?); the
usual arithmetic conversions make an operation unsigned when either operand
is. By the time we get here `defined` has been replaced and macros expanded;
any identifier left is 0.
"""

from .macros import MacroError
from .tokens import ID, NUM, CHR, PUNCT

MASK = 0xFFFFFFFF

# Binary operators by precedence level, loosest first.
_LEVELS = [
    ("||",), ("&&",), ("|",), ("^",), ("&",), ("==", "!="),
    ("<", ">", "<=", ">="), ("<<", ">>"), ("+", "-"), ("*", "/", "%"),
]
_LEVEL_OF = {op: i for i, ops in enumerate(_LEVELS) for op in ops}

_ESCAPES = {"n": 10, "t": 9, "r": 13, "0": 0, "a": 7, "b": 8, "f": 12, "v": 11,
            "\\": 92, "'": 39, '"': 34, "?": 63, "e": 27}


def _signed(v):
    v &= MASK
    return v - (1 << 32) if v & 0x80000000 else v


def _norm(v, unsigned):
    return (v & MASK, True) if unsigned else (_signed(v), False)


def parse_integer(tok):
    """(value, unsigned?) of an integer constant token."""
    text = tok.text
    body = text.rstrip("uUlL")
    suffix = text[len(body):].lower()
    if suffix not in ("", "u", "l", "ul", "lu", "ll", "ull", "llu"):
        if "." in text or ("e" in text.lower() and not text.lower().startswith("0x")):
            raise MacroError("floating constant in preprocessor expression", tok)
        raise MacroError(f"invalid integer constant '{text}' in #if", tok)
    try:
        if body[:2].lower() == "0x":
            value = int(body[2:], 16)
        elif body[:2].lower() == "0b":
            value = int(body[2:], 2)
        elif body.startswith("0") and len(body) > 1:
            value = int(body[1:], 8)
        else:
            value = int(body, 10)
    except ValueError:
        if "." in text:
            raise MacroError("floating constant in preprocessor expression", tok)
        raise MacroError(f"invalid integer constant '{text}' in #if", tok)
    if value > MASK:
        raise MacroError(f"integer constant '{text}' is too large", tok)
    return value, "u" in suffix or value > 0x7FFFFFFF


def parse_char(tok):
    """The int value of a character constant; chars are signed, as on the target."""
    text = tok.text
    body = text[text.index("'") + 1:-1]
    chars, i = [], 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            chars.append(ord(c) & 0xFF)
            i += 1
            continue
        i += 1
        e = body[i] if i < len(body) else ""
        if e == "x":
            j = i + 1
            while j < len(body) and body[j] in "0123456789abcdefABCDEF":
                j += 1
            if j == i + 1:
                raise MacroError("\\x used with no following hex digits", tok)
            chars.append(int(body[i + 1:j], 16) & 0xFF)
            i = j
        elif e in "01234567":
            j = i
            while j < len(body) and j < i + 3 and body[j] in "01234567":
                j += 1
            chars.append(int(body[i:j], 8) & 0xFF)
            i = j
        elif e in _ESCAPES:
            chars.append(_ESCAPES[e])
            i += 1
        else:
            raise MacroError(f"unknown escape sequence '\\{e}'", tok)
    if not chars:
        raise MacroError("empty character constant", tok)
    if len(chars) == 1:
        v = chars[0]
        return (v - 256 if v >= 128 else v), False
    value = 0
    for c in chars:                 # multi-character constant, as GCC does
        value = (value << 8) | c
    return _signed(value), False


class _Parser:
    def __init__(self, tokens, site):
        self.tokens = tokens
        self.pos = 0
        self.site = site

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self):
        t = self.peek()
        self.pos += 1
        return t

    def at(self, text):
        t = self.peek()
        return t is not None and t.kind == PUNCT and t.text == text

    def error_at(self, t, message):
        raise MacroError(message, t if t is not None and t.line is not None else self.site)

    # expression := conditional (',' conditional)*
    def expression(self, live):
        value = self.conditional(live)
        while self.at(","):
            self.take()
            value = self.conditional(live)
        return value

    def conditional(self, live):
        cond = self.binary(0, live)
        if not self.at("?"):
            return cond
        q = self.take()
        yes = self.expression(live and cond[0] != 0)
        if not self.at(":"):
            self.error_at(self.peek() or q, "'?' without following ':'")
        self.take()
        no = self.conditional(live and cond[0] == 0)
        unsigned = yes[1] or no[1]
        return _norm(yes[0] if cond[0] else no[0], unsigned)

    def binary(self, level, live):
        if level == len(_LEVELS):
            return self.unary(live)
        left = self.binary(level + 1, live)
        while True:
            t = self.peek()
            if t is None or t.kind != PUNCT or _LEVEL_OF.get(t.text) != level:
                return left
            self.take()
            op = t.text
            if op == "&&":
                right = self.binary(level + 1, live and left[0] != 0)
                left = (int(left[0] != 0 and right[0] != 0), False)
            elif op == "||":
                right = self.binary(level + 1, live and left[0] == 0)
                left = (int(left[0] != 0 or right[0] != 0), False)
            else:
                right = self.binary(level + 1, live)
                left = self.apply(op, left, right, live, t)

    def apply(self, op, left, right, live, t):
        (a, ua), (b, ub) = left, right
        if op in ("<<", ">>"):
            unsigned = ua                       # the left operand's type
            if b < 0 or b >= 32:
                return _norm(0 if op == "<<" or unsigned or a >= 0 else -1, unsigned)
            return _norm(a << b if op == "<<" else a >> b, unsigned)
        unsigned = ua or ub
        if unsigned:
            a, b = a & MASK, b & MASK
        if op in ("*", "+", "-"):
            return _norm({"*": a * b, "+": a + b, "-": a - b}[op], unsigned)
        if op in ("/", "%"):
            if b == 0:
                if live:
                    self.error_at(t, "division by zero in #if")
                return 0, unsigned
            q = abs(a) // abs(b)
            if (a < 0) != (b < 0):
                q = -q                          # C division truncates toward zero
            return _norm(q if op == "/" else a - q * b, unsigned)
        if op in ("&", "|", "^"):
            return _norm({"&": a & b, "|": a | b, "^": a ^ b}[op], unsigned)
        result = {"==": a == b, "!=": a != b, "<": a < b, ">": a > b,
                  "<=": a <= b, ">=": a >= b}[op]
        return int(result), False

    def unary(self, live):
        t = self.take()
        if t is None:
            self.error_at(None, "missing expression in #if")
        if t.kind == PUNCT:
            if t.text in ("-", "+", "~", "!"):
                v, u = self.unary(live)
                if t.text == "-":
                    return _norm(-v, u)
                if t.text == "~":
                    return _norm(~v, u)
                if t.text == "!":
                    return int(v == 0), False
                return v, u
            if t.text == "(":
                v = self.expression(live)
                if not self.at(")"):
                    self.error_at(self.peek() or t, "missing ')' in expression")
                self.take()
                return v
        if t.kind == NUM:
            return parse_integer(t)
        if t.kind == CHR:
            return parse_char(t)
        if t.kind == ID:
            return 0, False                     # an undefined name is 0
        self.error_at(t, f"token '{t.text}' is not valid in preprocessor expressions")


def evaluate(tokens, site):
    """The value of a #if expression (after macro expansion), as an int."""
    if not tokens:
        raise MacroError("#if with no expression", site)
    p = _Parser(tokens, site)
    value = p.expression(True)
    if p.peek() is not None:
        t = p.peek()
        if t.kind == PUNCT and t.text in (")",):
            p.error_at(t, "missing '(' in expression")
        p.error_at(t, f"missing binary operator before token '{t.text}'")
    return value[0]
