"""The preprocessor proper: reads files line by line, runs directives, keeps
the #if stack, follows #include, and writes expanded lines with linemarkers.

Lines without any macro name in them (most lines) are copied unchanged,
which keeps both speed and the exact columns of the source.
"""

import os
import re

from .errors import CppError, format_diagnostic
from .expr import evaluate
from .macros import Expander, MacroError, dynamic_macros, parse_define
from .output import Writer, render
from .source import SourceFile
from .tokens import ID, NUM, STR, Token, spell, tokenize

MAX_INCLUDE_DEPTH = 100     # each level costs a few Python frames
PREDEFINED = {"__minos__": "1", "__STDC__": "1", "__STDC_VERSION__": "199901L"}
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CONDITIONALS = ("if", "ifdef", "ifndef", "elif", "else", "endif")


class _Cond:
    """One open #if: is its current group being taken, has any group been
    taken yet, was #else seen, and where the #if was (for errors)."""

    __slots__ = ("kind", "active", "taken", "seen_else", "outer_active", "where")

    def __init__(self, kind, active, outer_active, where):
        self.kind = kind
        self.active = active
        self.taken = active or not outer_active
        self.seen_else = False
        self.outer_active = outer_active
        self.where = where


class _File:
    """A file being read: its lines, the next one, and its open #ifs."""

    def __init__(self, source, dirname):
        self.source = source
        self.dirname = dirname          # where its "..." includes are looked up first
        self.name = source.name         # presumed name (#line can change it)
        self.delta = 0                  # presumed line minus physical line (#line)
        self.index = 0
        self.conds = []

    def skipping(self):
        return bool(self.conds) and not self.conds[-1].active


class Preprocessor:
    def __init__(self, include_dirs=(), system_dirs=(), defines=None, warnings=None):
        self.include_dirs = list(include_dirs)
        self.system_dirs = list(system_dirs)
        self.warnings = warnings
        self.writer = Writer()
        self.files = []                 # the include stack
        self.once = set()               # paths with #pragma once
        self.cache = {}                 # path -> SourceFile
        self.macros = dynamic_macros(self._location)
        self.expander = Expander(self.macros, self._location)
        for name, value in PREDEFINED.items():
            self._define_from_text(name, value)
        for name, value in (defines or {}).items():
            self._define_from_text(name, "1" if value is None else str(value))

    # --- entry points --------------------------------------------------------
    def run_text(self, text, filename):
        self.writer.marker(1, filename)
        self._run_top(SourceFile(text, filename), os.path.dirname(filename))
        return self.writer.text()

    def run_file(self, path):
        try:
            with open(path, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
        except OSError as e:
            raise CppError(f"cannot open '{path}': {e.strerror}")
        self.writer.marker(1, path)
        self._run_top(SourceFile(text, path, path), os.path.dirname(path))
        return self.writer.text()

    def _run_top(self, source, dirname):
        try:
            self._run(source, dirname)
        except RecursionError:
            raise CppError(f"#include nested too deeply (in {self.files[-1].name})") from None

    def _run(self, source, dirname):
        f = _File(source, dirname)
        self.files.append(f)
        self._process(f)
        if f.conds:
            c = f.conds[-1]
            self._error(f"unterminated #{c.kind}", f, *c.where)
        self.files.pop()

    # --- the main loop -----------------------------------------------------------
    def _process(self, f):
        lines = f.source.lines
        macros = self.macros.keys()
        while f.index < len(lines):
            ll = lines[f.index]
            f.index += 1
            text = ll.text
            first = text.lstrip()[:1]
            if first == "#":
                self._directive(f, ll)
            elif not first or f.skipping():
                continue
            elif macros.isdisjoint(_IDENT.findall(text)):
                self.writer.emit(text.rstrip(), f.name, ll.line + f.delta)
            else:
                self._expand_line(f, ll)

    def _expand_line(self, f, ll):
        lines = f.source.lines

        def peek_paren():
            # Is the next non-blank line a continuation starting with '('?
            j = f.index
            while j < len(lines):
                s = lines[j].text.lstrip()
                if s:
                    return s[0] == "("
                j += 1
            return False

        def more():
            # The next line's tokens, for arguments spanning lines.
            while f.index < len(lines):
                nl = lines[f.index]
                s = nl.text.lstrip()
                if s.startswith("#"):
                    return None
                f.index += 1
                if s:
                    return tokenize(nl.text, nl.line, keep_cols=False, first_ws=True)
            return None

        tokens = tokenize(ll.text, ll.line)
        try:
            out = self.expander.expand(tokens, more, peek_paren)
        except MacroError as e:
            if e.message.startswith("unterminated argument list") and f.index < len(lines):
                e.message += " (a directive cannot appear inside macro arguments)"
            self._macro_error(e, f, ll)
        except RecursionError:
            self._error("macro invocations nested too deeply", f, ll.line, 1)
        text = render(out, ll.text).rstrip()
        if text:
            self.writer.emit(text, f.name, ll.line + f.delta)

    # --- directives ------------------------------------------------------------
    def _directive(self, f, ll):
        tokens = tokenize(ll.text, ll.line)
        if len(tokens) == 1:
            return                              # the null directive '#'
        name_tok, args = tokens[1], tokens[2:]
        name = name_tok.text if name_tok.kind == ID else None
        if f.skipping() and name not in _CONDITIONALS:
            return                              # skipped text: only nesting matters
        try:
            if name in _CONDITIONALS:
                # Warn only where the enclosing group is being read.
                outer = f.conds[-1].outer_active if f.conds and not name.startswith("if") \
                    else not f.skipping()
                self._conditional(f, ll, name, name_tok, args)
                if outer:
                    self._check_extra(f, ll, name, args)
            elif name_tok.kind == NUM:          # '# 12 "file"' is #line in GCC's form
                self._line(f, ll, tokens[1:], name_tok)
            else:
                handler = getattr(self, "_do_" + name, None) if name else None
                if handler is None:
                    raise MacroError(f"invalid preprocessing directive #{name_tok.text}",
                                     name_tok)
                handler(f, ll, name_tok, args)
        except MacroError as e:
            if e.at is None:
                e.at = name_tok
            self._macro_error(e, f, ll)
        except RecursionError:
            if name == "include":
                raise           # let the outermost #include report it once
            self._error("macro invocations nested too deeply", f, ll.line, 1)

    def _conditional(self, f, ll, name, name_tok, args):
        where = f.source.position(ll, tokens_col(name_tok))
        outer = not f.skipping()
        if name in ("if", "ifdef", "ifndef"):
            active = outer and self._condition(name, name_tok, args)
            f.conds.append(_Cond(name, active, outer, where))
            return
        if not f.conds:
            raise MacroError(f"#{name} without #if", name_tok)
        c = f.conds[-1]
        if name == "endif":
            f.conds.pop()
        elif c.seen_else:
            raise MacroError(f"#{name} after #else", name_tok)
        elif name == "else":
            c.seen_else = True
            c.active = c.outer_active and not c.taken
            c.taken = True
        else:                                   # elif
            c.active = (c.outer_active and not c.taken
                        and self._condition("if", name_tok, args, "#elif"))
            c.taken = c.taken or c.active

    def _condition(self, name, name_tok, args, what=None):
        if name == "if":
            if not args:
                raise MacroError(f"{what or '#if'} with no expression", name_tok)
            # `defined X` may also come out of a macro (as GCC allows).
            tokens = self._replace_defined(self.expander.expand(args, in_if=True))
            return evaluate(tokens, name_tok) != 0
        if not args or args[0].kind != ID:
            raise MacroError(f"no macro name given in #{name} directive", name_tok)
        return (args[0].text in self.macros) == (name == "ifdef")

    def _replace_defined(self, tokens):
        out, i, n = [], 0, len(tokens)
        while i < n:
            t = tokens[i]
            if t.kind != ID or t.text != "defined":
                out.append(t)
                i += 1
                continue
            j = i + 1
            paren = j < n and tokens[j].is_punct("(")
            if paren:
                j += 1
            if j >= n or tokens[j].kind != ID:
                raise MacroError("operator 'defined' requires an identifier",
                                 tokens[j] if j < n else t)
            value = "1" if tokens[j].text in self.macros else "0"
            j += 1
            if paren:
                if j >= n or not tokens[j].is_punct(")"):
                    raise MacroError("missing ')' after 'defined'", tokens[j - 1])
                j += 1
            out.append(Token(NUM, value, t.ws, line=t.line, col=t.col))
            i = j
        return out

    def _do_define(self, f, ll, name_tok, args):
        m = parse_define(args)
        old = self.macros.get(m.name)
        if old is not None and not old.same_as(m):
            self._warn(f"'{m.name}' redefined", f, ll, args[0])
        self.macros[m.name] = m

    def _do_undef(self, f, ll, name_tok, args):
        if not args or args[0].kind != ID:
            raise MacroError("no macro name given in #undef directive", name_tok)
        self.macros.pop(args[0].text, None)
        self._check_extra(f, ll, "undef", args)

    # How many tokens each directive takes; more is probably a mistake
    # (`#endif FOO` instead of `#endif /* FOO */`), worth a warning.
    _ARITY = {"ifdef": 1, "ifndef": 1, "undef": 1, "else": 0, "endif": 0}

    def _check_extra(self, f, ll, name, args):
        arity = self._ARITY.get(name)
        if arity is not None and len(args) > arity:
            self._warn(f"extra tokens at end of #{name} directive", f, ll, args[arity])

    def _do_include(self, f, ll, name_tok, args):
        name, angled = self._include_name(ll, name_tok, args)
        path = self._find_include(f, name, angled)
        if path is None:
            raise MacroError(f"'{name}' file not found", args[0])
        real = os.path.realpath(path)
        if real in self.once:
            return
        if len(self.files) >= MAX_INCLUDE_DEPTH:
            if any(g.source.path and os.path.realpath(g.source.path) == real
                   for g in self.files):
                raise MacroError(f"recursive #include of '{name}' (nested more than "
                                 f"{MAX_INCLUDE_DEPTH} deep; is an include guard missing?)",
                                 args[0])
            raise MacroError(f"#include nested more than {MAX_INCLUDE_DEPTH} deep", args[0])
        source = self.cache.get(path)
        if source is None:
            try:
                with open(path, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
            except OSError as e:
                raise MacroError(f"cannot read '{name}': {e.strerror}", args[0])
            source = self.cache[path] = SourceFile(text, path, path)
        self._run(source, os.path.dirname(path))

    def _include_name(self, ll, name_tok, args):
        """('name', angled?) from '"name"', '<name>' or a macro giving either."""
        usage = "#include expects \"FILENAME\" or <FILENAME>"
        if not args:
            raise MacroError(usage, name_tok)
        first = args[0]
        if first.kind == STR and first.text.startswith('"'):
            return first.text[1:-1], False
        if first.is_punct("<") and first.col is not None:
            end = ll.text.find(">", first.col)
            if end < 0:
                raise MacroError("missing terminating > character", first)
            return ll.text[first.col + 1:end], True
        expanded = self.expander.expand(args)
        if expanded and expanded[0].kind == STR and expanded[0].text.startswith('"'):
            return expanded[0].text[1:-1], False
        if expanded and expanded[0].is_punct("<"):
            text = spell(expanded)
            if text.endswith(">"):
                return text[1:-1].strip(), True
        raise MacroError(usage, first)

    def _find_include(self, f, name, angled):
        if os.path.isabs(name):
            return name if os.path.isfile(name) else None
        dirs = [] if angled else [f.dirname]
        dirs += self.include_dirs + self.system_dirs
        for d in dirs:
            path = os.path.join(d, name) if d else name
            if os.path.isfile(path):
                return path
        return None

    def _do_error(self, f, ll, name_tok, args):
        message = ll.text[name_tok.col + len(name_tok.text):].strip()
        raise MacroError(f"#error {message}".rstrip(), name_tok)

    def _do_warning(self, f, ll, name_tok, args):
        message = ll.text[name_tok.col + len(name_tok.text):].strip()
        self._warn(f"#warning {message}".rstrip(), f, ll, name_tok)

    def _do_pragma(self, f, ll, name_tok, args):
        if args and args[0].text == "once":
            self.once.add(os.path.realpath(f.source.path or f.source.name))
        # Other pragmas mean nothing to this compiler and are dropped.

    def _do_line(self, f, ll, name_tok, args):
        self._line(f, ll, self.expander.expand(args), name_tok)

    def _line(self, f, ll, args, name_tok):
        if not args or args[0].kind != NUM or not args[0].text.isdigit():
            raise MacroError("#line directive requires a simple digit sequence",
                             args[0] if args else name_tok)
        if len(args) > 1:
            if args[1].kind != STR or not args[1].text.startswith('"'):
                raise MacroError("invalid filename in #line directive", args[1])
            f.name = args[1].text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if len(args[0].text) > 10 or int(args[0].text) > 2147483647:
            raise MacroError("line number out of range", args[0])
        f.delta = int(args[0].text) - (ll.line + ll.nphys)

    # --- macros from the API ------------------------------------------------------
    def _define_from_text(self, name, value):
        tokens = tokenize(f"{name} {value}")
        try:
            m = parse_define(tokens)
        except MacroError as e:
            raise CppError(f"bad definition of '{name}': {e.message}")
        self.macros[m.name] = m

    def _location(self, tok=None):
        """(presumed file name, line) for __FILE__ and __LINE__."""
        f = self.files[-1]
        line = tok.line if tok is not None and tok.line is not None else 0
        return f.name, line + f.delta

    # --- diagnostics ------------------------------------------------------------------
    def _position(self, f, ll, tok):
        if tok is not None and tok.col is not None:
            return f.source.position(ll, tok.col)
        if tok is not None and tok.line is not None:
            return tok.line, 1
        return ll.line, 1

    def _macro_error(self, e, f, ll):
        self._error(e.message, f, *self._position(f, ll, e.at))

    def _error(self, message, f, phys, col):
        raise CppError(message, f.name, phys + f.delta, col, f.source.raw_line(phys))

    def _warn(self, message, f, ll, tok):
        if self.warnings is None:
            return
        phys, col = self._position(f, ll, tok)
        self.warnings.append(format_diagnostic("warning", message, f.name, phys + f.delta,
                                               col, f.source.raw_line(phys)))


def tokens_col(tok):
    return tok.col if tok.col is not None else 0
