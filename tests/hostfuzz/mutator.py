"""A seeded mutator for fuzzing the host tools: text, bytes and JSON.

Every choice comes from one random.Random(seed), so a failing case is
reproduced by its seed alone. Mutations are small (one to four edits of a
valid input), so most inputs get past the first stages of a tool and reach
the deep ones; a few are the classic killers (deep nesting, huge numbers).
"""

import json
import random
import re

# Numbers at the edges: 0, signs, 32-bit limits, a page, powers of two.
NUMBERS = ["0", "1", "-1", "3", "7", "-8", "255", "256", "4096", "65536", "0x7fffffff",
           "0x80000000", "0xffffffff", "2147483647", "-2147483648", "4294967296",
           "0x40000000", "100", "1000", "077", "0777", "9" * 5000]
INTS = [0, 1, -1, 3, -8, 255, 256, 4096, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 1 << 32,
        -(1 << 31), 10 ** 30, 64, 4095]

C_TOKENS = ["(", ")", "{", "}", "[", "]", ";", ",", "*", "&", "-", "~", "!", "<<", ">>",
            "/", "%", "?", ":", "=", "...", "#", "##", "\\", "'", '"', "/*", "*/",
            "'\\400'", "'\\x100'", '"\\777"', "sizeof", "struct", "union", "enum", "typedef",
            "int", "char", "void", "unsigned", "static", "extern", "return", "goto", "case",
            "default", "switch", "while", "for", "do", "break", "continue", "if", "else",
            "__attribute__((aligned(8192)))", "__attribute__((packed))", "asm", "volatile",
            "\n#define\n", "\n#define X X\n", "\n#undef\n", "\n#if\n", "\n#endif\n",
            "\n#else\n", "\n#include \"x.h\"\n", "\n#include <stdio.h>\n", "\n#error e\n",
            "__LINE__", "__FILE__", "defined", "x", "main", "\0", "\x7f", "é", "$"]

ASM_TOKENS = [",", "(", ")", "-", "~", "+", "*", "/", "%", "<<", ">>", ".", ":", "\"", "'",
              "#", "a0", "sp", "zero", "x99", ".text", ".data", ".bss", ".rodata",
              ".section .weird, \"awx\", @nobits", ".align", ".word", ".half", ".byte",
              ".space", ".zero", ".ascii", ".asciz", ".global", ".local", ".equ", ".set",
              ".type", ".size", ".file", ".loc", ".debug", "\n.equ Q, Q\n", "li", "la", "lw",
              "sw", "jmp", "call", "ret", "csrr", "csrw", "\n", "label:", "\0", "é"]

JSON_VALUES = [None, True, False, "", "x", "*abs*", ".text", ".bss", "zz", "rwx", "abs32",
               "@x", "@@", [], {}, [1, 2], ["a", 0, "f", 1, 0], {"a": 1}, "0g", -1.5]


class Mutator:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    # --- text ------------------------------------------------------------------------
    def text(self, s, tokens):
        """s after one to four random edits."""
        for _ in range(self.rng.randint(1, 4)):
            s = self.rng.choice(self._TEXT_EDITS)(self, s, tokens)
        return s

    def _pos(self, s):
        return self.rng.randint(0, len(s))

    def _span(self, s):
        a = self._pos(s)
        return a, min(len(s), a + self.rng.randint(1, 40))

    def _delete(self, s, tokens):
        a, b = self._span(s)
        return s[:a] + s[b:]

    def _duplicate(self, s, tokens):
        a, b = self._span(s)
        at = self._pos(s)
        return s[:at] + s[a:b] * self.rng.choice((1, 2, 8)) + s[at:]

    def _insert(self, s, tokens):
        at = self._pos(s)
        return s[:at] + " " + self.rng.choice(tokens) + " " + s[at:]

    def _number(self, s, tokens):
        found = list(re.finditer(r"\b(?:0[xX][0-9a-fA-F]+|\d+)\b", s))
        if not found:
            return self._insert(s, tokens)
        m = self.rng.choice(found)
        return s[:m.start()] + self.rng.choice(NUMBERS) + s[m.end():]

    def _nest(self, s, tokens):
        """Deep nesting around a span: parentheses, braces, unary minus."""
        a, b = self._span(s)
        k = self.rng.choice((3, 40, 300, 3000))
        left, right = self.rng.choice((("(", ")"), ("{", "}"), ("-", ""), ("[", "]"), ("*", "")))
        return s[:a] + left * k + s[a:b] + right * k + s[b:]

    def _swap_lines(self, s, tokens):
        lines = s.split("\n")
        i, j = self.rng.randrange(len(lines)), self.rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)

    def _char(self, s, tokens):
        if not s:
            return s
        at = self.rng.randrange(len(s))
        return s[:at] + chr(self.rng.choice((0, 9, 10, 34, 39, 92, 127, 0xE9, 0x2028,
                                             self.rng.randint(32, 126)))) + s[at + 1:]

    def _truncate(self, s, tokens):
        return s[:self._pos(s)]

    _TEXT_EDITS = [_delete, _duplicate, _insert, _insert, _number, _number, _nest,
                   _swap_lines, _char, _truncate]

    # --- bytes -----------------------------------------------------------------------
    def blob(self, b, hot=None, resize=0.1):
        """b after one to four random edits. Most land in the `hot` byte
        ranges (headers, metadata) when given; an edit changes the length
        with probability `resize` (formats with offsets mostly die of that)."""
        b = bytearray(b)
        for _ in range(self.rng.randint(1, 4)):
            if not b:
                b += bytes(self.rng.randint(1, 64))
            if hot and self.rng.random() < 0.85:
                lo, hi = self.rng.choice(hot)
                at = self.rng.randrange(lo, min(hi, len(b))) if lo < len(b) else 0
            else:
                at = self.rng.randrange(len(b))
            if self.rng.random() < resize:
                edit = self.rng.choice(("truncate", "insert", "delete"))
            else:
                edit = self.rng.choice(("bit", "byte", "word", "word"))
            if edit == "bit":
                b[at] ^= 1 << self.rng.randrange(8)
            elif edit == "byte":
                b[at] = self.rng.randrange(256)
            elif edit == "word":
                at &= ~3
                b[at:at + 4] = (self.rng.choice(INTS) & 0xFFFFFFFF).to_bytes(4, "little")
            elif edit == "truncate":
                del b[self.rng.randint(0, len(b)):]
            elif edit == "insert":
                b[at:at] = bytes(self.rng.randint(1, 64))
            else:
                b[at:at + self.rng.randint(1, 64)] = b""
        return bytes(b)

    # --- JSON (object files) ---------------------------------------------------------------
    def json(self, text):
        """A JSON text after structural edits (or, sometimes, text edits)."""
        if self.rng.random() < 0.2:
            return self.text(text, ["{", "}", "[", "]", ",", ":", '"', "null", "1e999", "-0"])
        d = json.loads(text)
        for _ in range(self.rng.randint(1, 3)):
            d = self._json_edit(d)
        return json.dumps(d)

    def _json_edit(self, root):
        paths = []

        def walk(v, path):
            paths.append(path)
            if isinstance(v, dict):
                for k, x in v.items():
                    walk(x, path + (k,))
            elif isinstance(v, list):
                for i, x in enumerate(v[:50]):
                    walk(x, path + (i,))
        walk(root, ())
        path = self.rng.choice(paths[1:] or paths)
        if not path:
            return self.rng.choice(JSON_VALUES)
        parent = root
        for k in path[:-1]:
            parent = parent[k]
        key = path[-1]
        choice = self.rng.randrange(5)
        if choice == 0 and isinstance(parent, dict):
            del parent[key]
        elif choice == 1 and isinstance(parent, list):
            parent.insert(key, parent[key])
        elif choice == 2:
            parent[key] = self.rng.choice(INTS)
        elif choice == 3 and isinstance(parent[key], str) and parent[key]:
            s = parent[key]
            parent[key] = s[:-1] if self.rng.random() < 0.5 else s + "0"
        else:
            parent[key] = self.rng.choice(JSON_VALUES)
        return root
