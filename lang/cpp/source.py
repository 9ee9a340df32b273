"""Reading a source file: translation phases 1-3 of the C standard.

A file becomes a list of *logical lines*: backslash-newline splices are
joined (phase 2) and comments are replaced by spaces (phase 3). Comments are
blanked character for character rather than collapsed to one space, so every
token keeps its column, and a block comment spanning lines leaves the same
number of lines behind: later line numbers stay right.
"""

import bisect
import re

from .errors import CppError

# One match is a string or char literal (kept), a comment (blanked) or an
# unterminated block comment (group "open", to the end of the text: an
# error). An unterminated literal runs to the end of its line, as in GCC, so
# "don't" in text does not swallow the file.
_LITERAL_OR_COMMENT = re.compile(
    r'"(?:[^"\\\n]|\\.)*"?'
    r"|'(?:[^'\\\n]|\\.)*'?"
    r"|/\*.*?\*/"
    r"|//[^\n]*"
    r"|(?P<open>/\*.*)",
    re.S)
_NOT_NEWLINE = re.compile(r"[^\n]")


def blank_comments(text):
    """Phase 3 on text as it is (no splicing): every comment blanked
    character for character, its newlines kept; literals untouched; an
    unterminated block comment blanks the rest. (SourceFile does this on
    its logical lines and reports an unterminated comment as an error;
    shell/srclines.py counts lines of C with it.)"""
    def blank(match):
        piece = match.group()
        return piece if piece[0] != "/" else _NOT_NEWLINE.sub(" ", piece)
    return _LITERAL_OR_COMMENT.sub(blank, text)


class LogicalLine:
    """One line after splicing: its text, the physical line it starts on,
    and where its continuation lines begin (offset in text, physical line)."""

    __slots__ = ("text", "line", "splices")

    def __init__(self, text, line, splices):
        self.text = text
        self.line = line
        self.splices = splices

    @property
    def nphys(self):
        return 1 + len(self.splices)


class SourceFile:
    """A file split into logical lines, plus its raw lines for error messages."""

    def __init__(self, text, name, path=None):
        self.name = name            # as shown in linemarkers and errors
        self.path = path            # real path on disk (None for text input)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.raw_lines = text.split("\n")
        self.lines = self._logical_lines()

    def _logical_lines(self):
        texts, starts, splices = [], [], []
        pending, pending_splices, start = None, [], 0
        for number, raw in enumerate(self.raw_lines, 1):
            if pending is None:
                pending, pending_splices, start = "", [], number
            else:
                pending_splices.append((len(pending), number))
            if raw.endswith("\\"):
                pending += raw[:-1]
                continue
            texts.append(pending + raw)
            starts.append(start)
            splices.append(pending_splices)
            pending = None
        if pending is not None:         # backslash on the very last line
            texts.append(pending)
            starts.append(start)
            splices.append(pending_splices)
        joined = "\n".join(texts)
        self._comment_newlines = set()
        self._line_offsets = [0]
        for t in texts:
            self._line_offsets.append(self._line_offsets[-1] + len(t) + 1)
        stripped = self._strip_comments(joined, starts, splices).split("\n")
        lines = [LogicalLine(t, s, sp) for t, s, sp in zip(stripped, starts, splices)]
        return self._join_directive_comments(lines)

    def _join_directive_comments(self, lines):
        """A block comment running past the end of a directive's line is
        part of the directive (as in `#define X 1 /* ... \n ... */`): join
        those lines. Elsewhere a newline inside a comment is harmless
        whitespace, and keeping the lines apart keeps their columns."""
        if not self._comment_newlines:
            return lines
        out, i = [], 0
        while i < len(lines):
            ll = lines[i]
            if i in self._comment_newlines and ll.text.lstrip().startswith("#"):
                text, splices = ll.text, list(ll.splices)
                while i in self._comment_newlines and i + 1 < len(lines):
                    i += 1
                    nxt = lines[i]
                    splices.append((len(text), nxt.line))
                    splices.extend((len(text) + off, phys) for off, phys in nxt.splices)
                    text += nxt.text
                ll = LogicalLine(text, ll.line, splices)
            out.append(ll)
            i += 1
        return out

    def _strip_comments(self, text, starts, splices):
        def where(offset):
            index = bisect.bisect_right(self._line_offsets, offset) - 1
            return index, offset - self._line_offsets[index]

        def replace(match):
            piece = match.group()
            if piece[0] != "/":
                return piece
            if match.group("open"):
                index, col = where(match.start())
                phys, col = self.position(LogicalLine("", starts[index], splices[index]), col)
                raise CppError("unterminated comment", self.name, phys, col,
                               self.raw_line(phys))
            if "\n" in piece:
                first, _ = where(match.start())
                self._comment_newlines.update(range(first, first + piece.count("\n")))
            return _NOT_NEWLINE.sub(" ", piece)
        if "/" not in text:
            return text
        return _LITERAL_OR_COMMENT.sub(replace, text)

    def position(self, lline, offset):
        """(physical line, 1-based column) of character `offset` of a logical line."""
        line, base = lline.line, 0
        for start, phys in lline.splices:
            if offset >= start:
                line, base = phys, start
        return line, offset - base + 1

    def raw_line(self, phys):
        if 1 <= phys <= len(self.raw_lines):
            return self.raw_lines[phys - 1]
        return None
