"""The lexer: preprocessed C text -> tokens with original locations.

One compiled regex turns the preprocessor's output into tokens. Linemarker
lines `# 12 "file.c"` reset the current file and line, so every token's
`loc` names the ORIGINAL file:line:col. Adjacent string literals are joined
here; character and string escapes are decoded (parse_int reads integer
constants the same way for the whole front end).
"""

import re

from .ast import Loc
from .diag import CompileError, Diagnostic


class Tok:
    """A token: lark terminal name, value, source text and location."""

    __slots__ = ("type", "value", "text", "loc")

    def __init__(self, type, value, text, loc):
        self.type = type
        self.value = value
        self.text = text
        self.loc = loc

    def __repr__(self):
        return f"Tok({self.type}, {self.text!r}, {self.loc})"


_TOKEN_RE = re.compile(r"""
   (?P<nl>\n)
 | (?P<ws>[ \t\r\f\v]+)
 | (?P<dir>(?<![^\n])[ \t]*\#[^\n]*)
 | (?P<comment>//[^\n]*|/\*.*?\*/)
 | (?P<id>[A-Za-z_$][A-Za-z0-9_$]*)
 | (?P<num>\.?[0-9][0-9A-Za-z_.]*)
 | (?P<char>L?'(?:[^'\\\n]|\\.)*')
 | (?P<str>L?"(?:[^"\\\n]|\\.)*")
 | (?P<punct>\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|[][(){};:,.?~!<>=+*/%&|^-])
 | (?P<bad>.)
""", re.X | re.S)

_LINEMARKER = re.compile(r'[ \t]*#[ \t]*(?:line[ \t]+)?([0-9]+)(?:[ \t]+"((?:[^"\\]|\\.)*)")?')
_INT_RE = re.compile(r"(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)\Z")

_ESCAPES = {"n": 10, "t": 9, "r": 13, "0": 0, "\\": 92, "'": 39, '"': 34, "?": 63,
            "a": 7, "b": 8, "f": 12, "v": 11, "e": 27}


def _unescape(body, loc, warnings):
    """The bytes of a char/string literal body (between the quotes). An
    escape past 0xFF keeps its low byte, with a warning (as gcc)."""
    out = bytearray()
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        i += 1
        c = body[i]
        if c in "01234567":
            j = i
            while j < n and j < i + 3 and body[j] in "01234567":
                j += 1
            value = int(body[i:j], 8)
            if value > 0xFF:
                warnings.append(Diagnostic("warning", "octal escape sequence out of range", loc))
            out.append(value & 0xFF)
            i = j
        elif c == "x":
            j = i + 1
            while j < n and body[j] in "0123456789abcdefABCDEF":
                j += 1
            if j == i + 1:
                raise CompileError(Diagnostic("error", "\\x used with no following hex digits", loc))
            value = int(body[i + 1:j], 16)
            if value > 0xFF:
                warnings.append(Diagnostic("warning", "hex escape sequence out of range", loc))
            out.append(value & 0xFF)
            i = j
        elif c in _ESCAPES:
            out.append(_ESCAPES[c])
            i += 1
        else:
            raise CompileError(Diagnostic("error", f"unknown escape sequence '\\{c}'", loc))
    return bytes(out)


def lex(text, filename, punct_types, warnings):
    """All tokens of `text`, with locations mapped through linemarkers;
    warnings (a list) gets the lexer's warnings."""
    toks = []
    new_loc = tuple.__new__           # Loc(...) without the Python-level __new__
    file = filename
    line = 1
    line_start = 0
    kw = punct_types
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        if kind == "nl":
            line += 1
            line_start = m.end()
            continue
        if kind == "ws":
            continue
        s = m.group()
        if kind == "comment":
            nls = s.count("\n")
            if nls:
                line += nls
                line_start = m.start() + s.rindex("\n") + 1
            continue
        loc = new_loc(Loc, (file, line, m.start() - line_start + 1))
        if kind == "dir":
            lm = _LINEMARKER.match(s)
            if lm:
                # The line after this one is line N of the named file.
                line = int(lm.group(1)) - 1
                if lm.group(2) is not None:
                    file = lm.group(2)
                continue
            if re.match(r"[ \t]*#[ \t]*(pragma\b|$)", s):
                continue
            raise CompileError(Diagnostic("error", "unexpected preprocessor directive "
                                          "(run the preprocessor first)", loc))
        if kind == "id":
            toks.append(Tok(kw.get(s, "IDENTIFIER"), s, s, loc))
        elif kind == "punct":
            toks.append(Tok(kw[s], s, s, loc))
        elif kind == "num":
            toks.append(Tok("INT_CONST", s, s, loc))
        elif kind == "str":
            if s[0] == "L":
                raise CompileError(Diagnostic("error", "wide string literals are not supported", loc))
            data = _unescape(s[1:-1], loc, warnings)
            prev = toks[-1] if toks else None
            if prev is not None and prev.type == "STRING":
                prev.value += data         # "abc" "def" -> "abcdef"
                prev.text += " " + s
            else:
                toks.append(Tok("STRING", data, s, loc))
        elif kind == "char":
            if s[0] == "L":
                raise CompileError(Diagnostic("error", "wide character constants are not supported", loc))
            data = _unescape(s[1:-1], loc, warnings)
            if len(data) != 1:
                msg = "empty character constant" if not data else "multi-character character constant"
                raise CompileError(Diagnostic("error", msg, loc))
            v = data[0] - 256 if data[0] >= 128 else data[0]     # char is signed
            toks.append(Tok("CHAR_CONST", v, s, loc))
        else:
            raise CompileError(Diagnostic("error", f"stray '{s}' in program", loc))
    return toks, Loc(file, line, 1)


def parse_int(text, loc):
    """Value and type name of an integer constant (C90 rules, 32-bit long)."""
    m = _INT_RE.match(text)
    if not m:
        if re.match(r"[0-9]*\.|[0-9]+[eE]|\.", text):
            raise CompileError(Diagnostic("error", "floating-point constants are not supported", loc))
        raise CompileError(Diagnostic("error", f"invalid integer constant '{text}'", loc))
    digits, suffix = m.groups()
    s = suffix.lower()
    if "ll" in s:
        raise CompileError(Diagnostic("error", "'long long' is not supported", loc))
    if s not in ("", "u", "l", "ul", "lu"):
        raise CompileError(Diagnostic("error", f"invalid suffix '{suffix}' on integer constant", loc))
    try:
        value = int(digits, 0) if not (len(digits) > 1 and digits[0] == "0" and digits[1] in "01234567") \
            else int(digits, 8)
    except ValueError:          # more digits than Python converts (4300): too large anyway
        value = 1 << 32
    if value > 0xFFFFFFFF:
        raise CompileError(Diagnostic("error", "integer constant is too large for its type", loc))
    unsigned = "u" in s
    long = "l" in s
    decimal = not digits.startswith("0") or digits == "0"
    if value <= 0x7FFFFFFF and not unsigned:
        tname = "long" if long else "int"
    elif unsigned:
        tname = "unsigned long" if long else "unsigned int"
    elif decimal:
        tname = "unsigned long"          # C90: too big for long -> unsigned long
    else:
        tname = "unsigned long" if long else "unsigned int"
    return value, tname
