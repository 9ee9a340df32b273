"""The parser: tokens -> an untyped parse tree, driven by lark's LALR tables.

The grammar is grammar.lark (LALR(1), lark). The front end's first stage is
three modules, one concept each:

- lexer.py: preprocessed text -> tokens with their original locations;
- builder.py: the grammar's callbacks, building the parse tree (ptree.py);
- this file: feeding the tokens to the LALR tables one at a time.

Feeding them one at a time is how the typedef-name problem is solved.
`T * x;` is a declaration if T is a typedef name and a multiplication
otherwise, so the parser must be told which one T is. Right before feeding
an identifier, we decide whether it is a TYPE_NAME:
  - a typedef of that name must be visible in the current scope, and
  - the parser must be in a state where a type name is allowed at all
    (after `int` or `.` or `struct`, only a plain identifier is).
Scopes are tracked as the tokens go by: `{` opens a scope (holding the
parameters if it starts a function body), `}` closes it, `for (` opens one
that the for statement closes. A declared name enters its scope the moment
its declarator is complete (when the parser reduces `declarator_r`, which
happens when it sees the `=`, `,` or `;` after it), exactly as C says, so
`typedef int T; T x;` and `int T = 3; T = 4;` both work. This is where the
one-token lookahead matters: the token after a declaration's `;` is only
classified after that `;` was fed, and by then the declarator was reduced
and the name registered.

The tables are lark's, read through two of its internals (the parse
configuration of an interactive parser and its `Shift` action): pyproject.toml
bounds lark's major version for that, and every compiler test would fail on
a change.
"""

from pathlib import Path

from lark import Lark

from . import syntaxmsg
from .builder import Builder
from .lexer import Tok, lex
from .ptree import DeclSpecs

GRAMMAR = Path(__file__).with_name("grammar.lark")


# --- the parser ---------------------------------------------------------------------
_BUILDER = Builder()
_TABLES = None


class SyntaxErrorAt(Exception):
    """Raised by the LALR loop: no action for this token in this state."""


class Tables:
    """lark's LALR(1) tables, rearranged for a lean driver loop.

    lark builds the grammar analysis and the action table (and the embedded
    callbacks from Builder); feed() below is the standard LALR loop over
    that table. It does what lark's own ParserState.feed_token does, minus
    per-token overhead that mattered for speed (hashing grammar Rule objects)."""

    def __init__(self):
        from lark.parsers.lalr_analysis import Shift
        lk = _build_lark()
        self.terminal_of = {t.pattern.value: t.name for t in lk.terminals}
        self.text_of = {t.name: t.pattern.value for t in lk.terminals}
        conf = lk.parse_interactive("").parser_state.parse_conf
        self.start_state = conf.start_state
        self.end_state = conf.end_state
        self.actions = {}
        for state, acts in conf.states.items():
            row = {}
            for term, (action, arg) in acts.items():
                if action is Shift:
                    row[term] = (True, arg)
                else:
                    callback = None if _passes_through(arg) else conf.callbacks[arg]
                    row[term] = (False, (len(arg.expansion), callback, arg.origin.name))
            self.actions[state] = row


def _build_lark():
    """lark's LALR parser for grammar.lark, with its tables cached on disk.

    Building the tables takes about half a second, loading them a few
    milliseconds. The cache file is named after the grammar's hash and
    written under a temporary name first, so compilers running in parallel
    never read a half-written file."""
    import hashlib
    import lark
    import os
    import tempfile
    text = GRAMMAR.read_text()
    digest = hashlib.sha256((text + lark.__version__).encode()).hexdigest()[:16]
    path = os.path.join(tempfile.gettempdir(), f".minos-cc-grammar-{digest}.cache")
    options = dict(parser="lalr", lexer="basic", transformer=_BUILDER, maybe_placeholders=True)
    if os.path.exists(path):
        return Lark(text, cache=path, **options)
    tmp = f"{path}.{os.getpid()}"
    lk = Lark(text, cache=tmp, **options)
    try:
        os.replace(tmp, path)
    except OSError:
        pass                                  # no cache this time; still correct
    return lk


def _passes_through(rule):
    """True for `?rule: other_rule` reductions, whose value is their only child.

    Expression rules chain like this (primary -> postfix -> ... -> expr) and
    most reductions are of this kind; skipping the call for them is the
    single biggest saving in the parser."""
    if len(rule.expansion) != 1 or not rule.options.expand1 or rule.alias is not None:
        return False
    sym = rule.expansion[0]
    if sym.name.startswith("_"):
        return False                     # lark inlines helper rules' children
    return not sym.is_term or not sym.filter_out


def _tables():
    global _TABLES
    if _TABLES is None:
        _TABLES = Tables()
    return _TABLES


_DISPLAY = {"IDENTIFIER": "identifier", "TYPE_NAME": "type name", "INT_CONST": "integer constant",
            "CHAR_CONST": "character constant", "STRING": "string literal", "$END": "end of input"}


class Parser:
    """One parse of one translation unit (see the module docstring)."""

    def __init__(self):
        self.tables = _tables()
        self.terminal_of = self.tables.terminal_of
        self.scopes = [{}]           # name -> True if it is a typedef name
        self.typedef_names = set()   # every name that was ever a typedef (fast path)
        self.pending_params = None
        self.braces = []             # True for a brace that opened a scope
        self.for_depth = 0           # scopes opened by `for (` and still open
        self.early_pops = 0          # of those, popped before their for_stmt reduced
        self.state_stack = [self.tables.start_state]
        self.value_stack = []
        self.warnings = []           # the lexer's Diagnostics (escapes out of range)

    # -- scopes --
    def declare(self, name, is_typedef):
        self.scopes[-1][name] = is_typedef
        if is_typedef:
            self.typedef_names.add(name)

    def lookup(self, name):
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def pop_scope(self):
        if len(self.scopes) > 1:
            self.scopes.pop()

    def end_for_scope(self):
        """The for statement was reduced: its scope ends (unless it already did)."""
        if self.early_pops:
            self.early_pops -= 1
        else:
            self.for_depth -= 1
            self.pop_scope()

    def close_finished_fors(self):
        """Pop the scopes of for statements that end before the next token.

        A for statement is only reduced when the token after its body arrives,
        but that token must already be looked up without the for's names:
        `for (int T = 0; ...) ; T x;` with T a typedef outside. So we ask the
        tables whether an identifier here would reduce any for_stmt first."""
        actions = self.tables.actions
        states = list(self.state_stack)
        while True:
            act = actions[states[-1]].get("IDENTIFIER")
            if act is None or act[0]:
                return
            size, _, origin = act[1]
            if size:
                del states[-size:]
            states.append(actions[states[-1]][origin][1])
            if origin == "for_stmt" and self.for_depth:
                self.for_depth -= 1
                self.early_pops += 1
                self.pop_scope()

    def declare_from_declarator(self, d):
        # The DeclSpecs of this declaration is the nearest one on the stack.
        specs = None
        for v in reversed(self.value_stack):
            if isinstance(v, DeclSpecs):
                specs = v
                break
        self.declare(d.name, specs is not None and specs.is_typedef)

    def function_head(self, d):
        if d.name is not None:
            self.declare(d.name, False)
        params = []
        for deriv in d.derivs:
            if deriv[0] == "func":
                params = [pd.name for _, pd in deriv[1] if pd.name]
                break
        self.pending_params = params

    # -- the LALR loop --
    def feed(self, tok):
        """Reduce as far as tok allows, then shift it (or accept at the end)."""
        actions = self.tables.actions
        states = self.state_stack
        values = self.value_stack
        ttype = tok.type
        while True:
            act = actions[states[-1]].get(ttype)
            if act is None:
                raise SyntaxErrorAt()
            shift, arg = act
            if shift:
                states.append(arg)
                values.append(tok)
                return None
            size, callback, origin = arg
            if callback is None:                  # `?a: b`: the value stays as it is
                del states[-1]
                states.append(actions[states[-1]][origin][1])
                if ttype == "$END" and states[-1] == self.tables.end_state:
                    return values[-1]
                continue
            if size:
                children = values[-size:]
                del states[-size:]
                del values[-size:]
            else:
                children = []
            value = callback(children)
            states.append(actions[states[-1]][origin][1])
            values.append(value)
            if ttype == "$END" and states[-1] == self.tables.end_state:
                return value

    # -- parsing --
    def parse(self, text, filename):
        tokens, end_loc = lex(text, filename, self.terminal_of, self.warnings)
        _BUILDER.ctx = self
        actions = self.tables.actions
        states = self.state_stack
        feed = self.feed
        typedef_names = self.typedef_names
        prev = None
        prev2 = None
        for tok in tokens:
            ttype = tok.type
            if ttype == "IDENTIFIER" and tok.value in typedef_names:
                if self.for_depth:
                    self.close_finished_fors()
                if self.lookup(tok.value) and "TYPE_NAME" in actions[states[-1]]:
                    tok.type = "TYPE_NAME"
            try:
                feed(tok)
            except SyntaxErrorAt:
                raise self.syntax_error(tok, prev) from None
            if ttype == "LBRACE":
                self.open_brace(prev, prev2)
            elif ttype == "RBRACE":
                if self.braces and self.braces.pop():
                    self.pop_scope()
            elif ttype == "LPAR" and prev is not None and prev.type == "FOR":
                self.scopes.append({})
                self.for_depth += 1
            prev2, prev = prev, tok
        end = Tok("$END", "", "end of input", end_loc)
        try:
            return feed(end)
        except SyntaxErrorAt:
            raise self.syntax_error(end, prev) from None

    def open_brace(self, prev, prev2):
        is_enum = prev is not None and (prev.type == "ENUM" or (
            prev2 is not None and prev2.type == "ENUM" and prev.type in ("IDENTIFIER", "TYPE_NAME")))
        if is_enum:
            self.braces.append(False)        # enumerators belong to the enclosing scope
            return
        scope = {}
        if self.pending_params is not None:
            for name in self.pending_params:
                scope[name] = False
            self.pending_params = None
        self.scopes.append(scope)
        self.braces.append(True)

    def syntax_error(self, tok, prev):
        return syntaxmsg.syntax_error(self, tok, prev)

    def display(self, name):
        if name in _DISPLAY:
            return _DISPLAY[name]
        return "'" + self.tables.text_of.get(name, name) + "'"


def parse(text, filename, warnings=None):
    """Preprocessed C text -> list of top-level parse-tree nodes. The
    lexer's warnings are added to the list `warnings` if one is given."""
    parser = Parser()
    items = parser.parse(text, filename)
    if warnings is not None:
        warnings.extend(parser.warnings)
    return items
