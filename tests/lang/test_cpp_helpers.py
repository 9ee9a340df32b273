"""Helpers shared by the preprocessor tests."""

import re

from lang.cpp import preprocess_text
from lang.cpp.tokens import tokenize

_MARKER = re.compile(r'# (\d+) "((?:[^"\\]|\\.)*)"$')


def pp(text, filename="t.c", **kw):
    return preprocess_text(text, filename, **kw)


def mapped(output):
    """Follow the linemarkers: [(file, line, text)] for each non-blank output line."""
    result, file, line = [], None, 0
    for out_line in output.split("\n"):
        m = _MARKER.match(out_line)
        if m:
            file, line = m.group(2), int(m.group(1))
            continue
        if out_line.strip():
            result.append((file, line, out_line))
        line += 1
    return result


def code(output):
    """The non-blank output lines, stripped, without linemarkers."""
    return [text.strip() for _, _, text in mapped(output)]


def token_texts(output):
    return [t.text for _, _, text in mapped(output) for t in tokenize(text)]
