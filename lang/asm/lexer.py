"""Splitting one source line into labels, a mnemonic and operands.

Hand-written with a few compiled regexes: the assembler must read tens of
thousands of lines a second, and every line goes through here.
"""

import re

from .errors import AsmError

SYMBOL = r"[A-Za-z_.$][A-Za-z0-9_.$]*"
SYMBOL_RE = re.compile(SYMBOL + r"\Z")
_LABEL = re.compile(r"\s*(" + SYMBOL + r")\s*:")
# A quoted string or character constant, a comment character, or a lone quote
# (which means the quote is never closed).
_SCAN = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[#;]|["']""")
_SPLIT = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|,""")
_COMMENT = re.compile(r"[#;]")


def strip_comment(line):
    """Drop a '#' or ';' comment, unless the character is inside quotes."""
    if '"' not in line and "'" not in line:
        m = _COMMENT.search(line)
        return line[:m.start()] if m else line
    for m in _SCAN.finditer(line):
        tok = m.group()
        if tok in "#;":
            return line[:m.start()]
        if tok == '"':
            raise AsmError("unterminated string")
        if tok == "'":
            raise AsmError("unterminated character constant")
    return line


def split_line(line):
    """'a: b: add x, y' -> (['a', 'b'], 'add', 'x, y'); mnemonic None if none."""
    labels = []
    pos = 0
    while True:
        m = _LABEL.match(line, pos)
        if not m:
            break
        labels.append(m.group(1))
        pos = m.end()
    rest = line[pos:].split(None, 1)
    if not rest:
        return labels, None, ""
    return labels, rest[0], rest[1] if len(rest) > 1 else ""


def split_operands(text):
    """Split on commas that are not inside quotes; strip each operand."""
    text = text.strip()
    if not text:
        return []
    if '"' in text or "'" in text:
        parts, start = [], 0
        for m in _SPLIT.finditer(text):
            if m.group() == ",":
                parts.append(text[start:m.start()])
                start = m.end()
        parts.append(text[start:])
    else:
        parts = text.split(",")
    parts = [p.strip() for p in parts]
    for i, p in enumerate(parts, 1):
        if not p:
            raise AsmError(f"operand {i} is empty")
    return parts


# --- string and character literals ---------------------------------------------
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\Z', re.S)
_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)", re.S)
_SIMPLE_ESCAPES = {"n": 10, "t": 9, "r": 13, "\\": 92, '"': 34, "'": 39,
                   "a": 7, "b": 8, "f": 12, "v": 11, "e": 27}


def _escape_value(esc):
    """The byte value of one escape sequence (the text after the backslash)."""
    if esc[0] == "x" and len(esc) > 1:
        return int(esc[1:], 16)
    if esc[0] in "01234567":
        value = int(esc, 8)
        if value > 255:
            raise AsmError(f"octal escape '\\{esc}' is larger than a byte")
        return value
    if esc in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[esc]
    raise AsmError(f"unknown escape sequence '\\{esc}'")


def unescape(body):
    """The bytes of a literal's body with escapes decoded (text is UTF-8)."""
    if "\\" not in body:
        return body.encode()
    pieces = _ESCAPE.split(body)
    out = bytearray(pieces[0].encode())
    for i in range(1, len(pieces), 2):
        out.append(_escape_value(pieces[i]))
        out += pieces[i + 1].encode()
    return bytes(out)


def parse_string(text):
    """A double-quoted string operand -> bytes."""
    m = _STRING.match(text)
    if not m:
        if text.startswith('"'):
            raise AsmError(f"bad string literal {text}")
        raise AsmError(f"expected a string in double quotes, got '{text}'")
    return unescape(m.group(1))


def char_value(text):
    """A character constant like 'a' or '\\n' (with its quotes) -> int."""
    data = unescape(text[1:-1])
    if len(data) != 1:
        raise AsmError(f"character constant {text} must be exactly one byte")
    return data[0]
