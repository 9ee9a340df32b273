"""Preprocessing tokens: the lexer for one logical line, and spelling helpers.

A token remembers whether whitespace came before it (`ws`), its hide set
(`hs`: the names of the macros that produced it, which must not expand it
again: the "painted blue" rule) and, for a token read straight from the
current source line, its column (`col`) so that unexpanded text keeps its
exact layout in the output.
"""

import re

ID, NUM, STR, CHR, PUNCT, OTHER = "id", "num", "str", "chr", "punct", "other"

EMPTY = frozenset()

_PUNCTUATORS = [
    "...", "<<=", ">>=",
    "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
    "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##",
]
_TOKEN = re.compile(
    r"(?P<ws>[ \t\f\v]+)"
    r"|(?P<str>(?:L|u8|u|U)?\"(?:[^\"\\\n]|\\.)*\")"
    r"|(?P<chr>(?:L|u|U)?'(?:[^'\\\n]|\\.)*')"
    r"|(?P<id>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<num>\.?[0-9](?:[eEpP][+-]|[A-Za-z0-9_.])*)"
    r"|(?P<punct>" + "|".join(re.escape(p) for p in _PUNCTUATORS) +
    r"|[\[\](){}.,;:?~#!+\-*/%<>=&|^])"
    r"|(?P<other>.)")


class Token:
    __slots__ = ("kind", "text", "ws", "hs", "line", "col")

    def __init__(self, kind, text, ws=False, hs=EMPTY, line=None, col=None):
        self.kind = kind
        self.text = text
        self.ws = ws        # whitespace before this token
        self.hs = hs        # hide set: frozenset of macro names
        self.line = line    # physical source line, when known
        self.col = col      # offset in the current logical line (source tokens only)

    def copy(self, ws=None, hs=None):
        """A copy for macro output: it no longer sits at a source column."""
        return Token(self.kind, self.text, self.ws if ws is None else ws,
                     self.hs if hs is None else hs, self.line, None)

    def is_punct(self, text):
        return self.kind == PUNCT and self.text == text

    def __repr__(self):
        return f"Token({self.kind}, {self.text!r})"


def tokenize(text, line=None, keep_cols=True, first_ws=False):
    """The tokens of one logical line (no whitespace tokens)."""
    tokens, ws = [], first_ws
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "ws":
            ws = True
            continue
        tokens.append(Token(kind, m.group(), ws, EMPTY, line,
                            m.start() if keep_cols else None))
        ws = False
    return tokens


def lex_one(text):
    """The token kind if `text` is exactly one preprocessing token, else None."""
    m = _TOKEN.match(text)
    if m is None or m.end() != len(text) or m.lastgroup == "ws":
        return None
    return m.lastgroup


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_JOINS = {p[:2] for p in _PUNCTUATORS} | {"//", "/*", "..", "%:", "<:", "<%"}


def needs_space(left, right):
    """Whether writing `left` and `right` side by side would lex differently
    (e.g. '-' '-' becoming '--'): then the output needs a space between them."""
    a, b = left.text[-1], right.text[0]
    if a in _WORD_CHARS or a == ".":
        # identifiers and numbers run together; L"x" would become a wide string
        if b in _WORD_CHARS or b == '"' or b == "'" or (b == "." and left.kind == NUM):
            return True
        if left.kind == NUM and (b == "+" or b == "-") and a in "eEpP":
            return True
    if left.kind == PUNCT or left.kind == OTHER:
        return a + b in _JOINS or (a == "." and b.isdigit())
    return False


def spell(tokens):
    """Tokens as text, one space wherever whitespace separated them."""
    parts = []
    for i, t in enumerate(tokens):
        if i and t.ws:
            parts.append(" ")
        parts.append(t.text)
    return "".join(parts)


def string_literal(text):
    """`text` as a C string literal (for # stringizing and __FILE__)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stringize(tokens):
    """The # operator: spell the argument, escaping inside its literals."""
    parts = []
    for i, t in enumerate(tokens):
        if i and t.ws:
            parts.append(" ")
        if t.kind in (STR, CHR):
            parts.append(t.text.replace("\\", "\\\\").replace('"', '\\"'))
        else:
            parts.append(t.text)
    return '"' + "".join(parts) + '"'
