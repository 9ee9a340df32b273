"""Macros: their definitions (#define) and their expansion.

Expansion follows the C standard's rescanning rules with hide sets (Dave
Prosser's algorithm): every token carries the set of macro names it came
from, and an identifier whose own name is in its hide set is never expanded
again ("painted blue"), so `#define foo foo + 1` expands once and stops.
"""

from .tokens import (ID, NUM, STR, PUNCT, EMPTY, Token, lex_one, stringize,
                     string_literal)

VA_ARGS = "__VA_ARGS__"

# The most tokens that macro substitution may produce for one source line
# (or #if, #include line): `#define X1 (X0+X0)` ... X40 doubles 40 times,
# and is stopped here rather than by the host running out of memory.
MAX_EXPANSION_TOKENS = 100_000


class MacroError(Exception):
    """A problem found while defining or expanding: the preprocessor adds the
    position (the token `at`, or the macro invocation) and raises a CppError."""

    def __init__(self, message, at=None):
        super().__init__(message)
        self.message = message
        self.at = at


class Macro:
    """params is None for an object-like macro, else the parameter names
    (a variadic macro's last one is __VA_ARGS__). `dynamic` computes the
    body of __LINE__ and __FILE__ at each use."""

    def __init__(self, name, params, body, variadic=False, dynamic=None):
        self.name = name
        self.params = params
        self.body = body
        self.variadic = variadic
        self.dynamic = dynamic
        self.index = {p: i for i, p in enumerate(params or ())}

    def same_as(self, other):
        """Identical redefinitions are allowed (C11 6.10.3p2)."""
        return (self.params == other.params and self.variadic == other.variadic
                and len(self.body) == len(other.body)
                and all(a.text == b.text and (i == 0 or a.ws == b.ws)
                        for i, (a, b) in enumerate(zip(self.body, other.body))))


def parse_define(tokens):
    """A Macro from the tokens after '#define'. Raises MacroError."""
    if not tokens:
        raise MacroError("no macro name given in #define directive")
    name_tok = tokens[0]
    if name_tok.kind != ID:
        raise MacroError("macro names must be identifiers", name_tok)
    if name_tok.text == "defined":
        raise MacroError("'defined' cannot be used as a macro name", name_tok)
    rest = tokens[1:]
    if rest and rest[0].is_punct("(") and not rest[0].ws:
        params, variadic, rest = _parse_params(rest, name_tok)
    else:
        params, variadic = None, False
    body = [t.copy() for t in rest]
    for t in body:
        t.line = None           # a use reports the line it is used on
    if body:
        body[0].ws = False
    _check_body(rest, params, variadic, name_tok)
    return Macro(name_tok.text, params, body, variadic)


def _parse_params(tokens, name_tok):
    """Parse '(a, b, ...)'; returns (names, variadic, remaining tokens)."""
    params, i = [], 1
    while True:
        if i >= len(tokens):
            raise MacroError("missing ')' in macro parameter list", name_tok)
        t = tokens[i]
        if t.is_punct(")") and not params:
            return params, False, tokens[i + 1:]
        if t.is_punct("..."):
            params.append(VA_ARGS)
            if i + 1 >= len(tokens) or not tokens[i + 1].is_punct(")"):
                raise MacroError("missing ')' in macro parameter list", t)
            return params, True, tokens[i + 2:]
        if t.kind != ID:
            raise MacroError(f"expected parameter name, found '{t.text}'", t)
        if t.text in params:
            raise MacroError(f"duplicate macro parameter '{t.text}'", t)
        if t.text == VA_ARGS:
            raise MacroError("__VA_ARGS__ can not be used as a parameter name", t)
        params.append(t.text)
        i += 1
        if i >= len(tokens):
            raise MacroError("missing ')' in macro parameter list", name_tok)
        t = tokens[i]
        if t.is_punct(")"):
            return params, False, tokens[i + 1:]
        if not t.is_punct(","):
            raise MacroError(f"expected ',' or ')', found '{t.text}'", t)
        i += 1


def _check_body(body, params, variadic, name_tok):
    if body and (body[0].is_punct("##") or body[-1].is_punct("##")):
        at = body[0] if body[0].is_punct("##") else body[-1]
        raise MacroError("'##' cannot appear at either end of a macro expansion", at)
    for i, t in enumerate(body):
        if t.kind == ID and t.text == VA_ARGS and not variadic:
            raise MacroError("__VA_ARGS__ can only appear in the expansion of a "
                             "variadic macro", t)
        if params is not None and t.is_punct("#"):
            nxt = body[i + 1] if i + 1 < len(body) else None
            if nxt is None or nxt.kind != ID or nxt.text not in params:
                raise MacroError("'#' is not followed by a macro parameter", t)


class _Paste:
    """Marks a ## operator of a macro body inside a substitution."""


class _Placemarker:
    """An empty argument next to ##: disappears after pasting."""
    text = ""


PASTE = _Paste()
PLACEMARKER = _Placemarker()


class Expander:
    """Expands macros in a token list. `macros` maps names to Macro objects.

    `more` (optional) is a callable giving the tokens of the next source line
    when a function-like macro's arguments run past the end of this one, and
    `peek_paren` tells whether the next source line starts with '(' (a macro
    name at the end of a line may still be invoked on the next)."""

    def __init__(self, macros, location):
        self.macros = macros
        self.location = location    # (token) -> (file name, line) for __FILE__/__LINE__
        self.in_if = False          # expanding a #if expression
        self.produced = 0           # tokens made by substitution in this expand()
        self.invocation = None      # the source's macro name being expanded now

    def expand(self, tokens, more=None, peek_paren=None, in_if=False):
        """The tokens with every macro invocation replaced. In a #if
        (`in_if`), the operand of `defined` is left alone."""
        self.in_if = in_if
        self.produced = 0
        return self._expand(tokens, more, peek_paren)

    def _expand(self, tokens, more=None, peek_paren=None):
        in_if = self.in_if
        out = []
        stack = tokens[::-1]        # next token at the end: pop() is cheap
        macros = self.macros
        while stack:
            tok = stack.pop()
            if tok.kind != ID:
                out.append(tok)
                continue
            if in_if and tok.text == "defined":
                out.append(tok)
                if stack and stack[-1].is_punct("("):
                    out.append(stack.pop())
                if stack and stack[-1].kind == ID:
                    out.append(stack.pop())
                continue
            m = macros.get(tok.text)
            if m is None or tok.text in tok.hs:
                out.append(tok)
                continue
            if m.dynamic is not None:
                out.append(m.dynamic(tok))
                continue
            if not tok.hs:
                self.invocation = tok   # written in the source, not made by a macro
            if m.params is None:
                hs = tok.hs | {m.name}
                stack.extend(reversed(self._substitute(m, None, hs, tok)))
                continue
            if not stack and not (peek_paren and peek_paren()):
                out.append(tok)
                continue
            if not stack:
                stack.extend(reversed(more()))
            if not stack[-1].is_punct("("):
                out.append(tok)
                continue
            args, rparen = self._collect_args(m, tok, stack, more)
            hs = (tok.hs & rparen.hs) | {m.name}
            stack.extend(reversed(self._substitute(m, args, hs, tok)))
        return out

    def _collect_args(self, m, name_tok, stack, more):
        """Pop '(' args ')' off the stack: a list of token lists, and the ')'."""
        stack.pop()                     # the '('
        args, current, depth = [], [], 0
        while True:
            if not stack:
                line = more() if more else None
                if line is None:
                    raise MacroError(f"unterminated argument list invoking macro "
                                     f"'{m.name}'", name_tok)
                if line:
                    line[0].ws = True
                stack.extend(reversed(line))
                continue
            t = stack.pop()
            if t.kind == PUNCT:
                if t.text == "(":
                    depth += 1
                elif t.text == ")":
                    if depth == 0:
                        args.append(current)
                        break
                    depth -= 1
                elif t.text == "," and depth == 0 and not (
                        m.variadic and len(args) == len(m.params) - 1):
                    args.append(current)
                    current = []
                    continue
            current.append(t)
        self._check_count(m, args, name_tok)
        return args, t

    def _check_count(self, m, args, name_tok):
        want = len(m.params)
        if want == 0 and len(args) == 1 and not args[0]:
            args.clear()                # F() for a macro without parameters
        elif m.variadic and len(args) == want - 1:
            args.append([])             # F(a) for F(a, ...): empty __VA_ARGS__
        if len(args) < want:
            raise MacroError(f"macro '{m.name}' requires {want} argument"
                             f"{'s' if want != 1 else ''}, but only {len(args)} given",
                             name_tok)
        if len(args) > want:
            raise MacroError(f"macro '{m.name}' passed {len(args)} arguments, but takes "
                             f"just {want}", name_tok)

    def _substitute(self, m, args, hs, site):
        """The macro body with arguments substituted, # and ## applied, and
        the hide set `hs` added to every token."""
        body, out, expanded = m.body, [], {}
        i, n = 0, len(body)
        while i < n:
            t = body[i]
            if t.kind == PUNCT and t.text == "##":
                out.append(PASTE)
                i += 1
                continue
            if args is None:
                out.append(t.copy())
                i += 1
                continue
            if t.kind == PUNCT and t.text == "#":
                arg = args[m.index[body[i + 1].text]]
                out.append(Token(STR, stringize(arg), t.ws))
                i += 2
                continue
            if (t.kind == PUNCT and t.text == "," and i + 2 < n and body[i + 1].is_punct("##")
                    and body[i + 2].text == VA_ARGS and m.variadic):
                # GNU ", ## __VA_ARGS__": the comma goes when there are no variable args
                va = args[-1]
                if va:
                    out.append(t.copy())
                    out.extend(a.copy() for a in va)
                i += 3
                continue
            index = m.index.get(t.text) if t.kind == ID else None
            if index is None:
                out.append(t.copy())
                i += 1
                continue
            by_paste = (i > 0 and body[i - 1].is_punct("##")) or (
                i + 1 < n and body[i + 1].is_punct("##"))
            if by_paste:
                arg = args[index]       # operands of ## are not macro-expanded
            else:
                if index not in expanded:
                    expanded[index] = self._expand(args[index])
                arg = expanded[index]
            if not arg:
                out.append(PLACEMARKER)
            else:
                first = len(out)
                out.extend(a.copy() for a in arg)
                out[first] = out[first].copy(ws=t.ws)
            i += 1
        if PASTE in out or PLACEMARKER in out:
            out = self._paste(out, site)
        result = out
        if result:
            # The expansion starts where the macro name was (for the layout).
            result[0] = result[0].copy(ws=site.ws)
            result[0].col = site.col
        self.produced += len(result)
        if self.produced > MAX_EXPANSION_TOKENS:
            top = self.invocation or site
            raise MacroError(f"macro expansion too large: more than {MAX_EXPANSION_TOKENS:,} "
                             f"tokens (expanding '{top.text}'; does a macro grow "
                             f"exponentially?)", top)
        for tok in result:
            tok.hs = tok.hs | hs if tok.hs else hs
            if tok.line is None:
                tok.line = site.line
        return result

    def _paste(self, items, site):
        """Apply the ## operators and drop the placemarkers."""
        out = []
        i = 0
        while i < len(items):
            item = items[i]
            if item is PASTE:
                left = out.pop()
                right = items[i + 1]
                out.append(self._paste_two(left, right, site))
                i += 2
                continue
            out.append(item)
            i += 1
        return [t for t in out if t is not PLACEMARKER]

    def _paste_two(self, left, right, site):
        if left is PLACEMARKER:
            return right
        if right is PLACEMARKER:
            return left
        text = left.text + right.text
        kind = lex_one(text)
        if kind is None:
            raise MacroError(f"pasting '{left.text}' and '{right.text}' does not give a "
                             f"valid preprocessing token", site)
        return Token(kind, text, left.ws, left.hs & right.hs if left.hs else EMPTY)


def dynamic_macros(location):
    """__FILE__ and __LINE__: their value depends on where they are used."""
    def file_token(tok):
        name, _ = location(tok)
        return Token(STR, string_literal(name), tok.ws, line=tok.line)

    def line_token(tok):
        _, line = location(tok)
        return Token(NUM, str(line), tok.ws, line=tok.line)

    return {"__FILE__": Macro("__FILE__", None, [], dynamic=file_token),
            "__LINE__": Macro("__LINE__", None, [], dynamic=line_token)}
