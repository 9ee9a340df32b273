"""Syntax errors in words: what a person forgot, where it belongs.

The parser (parser.py) stops at the first token its LALR tables reject and
calls syntax_error(). Rather than list every token the tables would take
there (nineteen after an expression), this module looks for the closer a
person most often forgets. For each of ';', ')', ']' and '}' that the
parser would take, it asks: with that token inserted, would the rejected
token be taken? The first that passes is reported where it belongs, right
after the previous token, at the end of its line if the rejected token
is on a later one:

    prog.c:5:17: error: expected ';' after ')'
        printf("hi\n")
                      ^

Otherwise the message lists what was expected, at most SHOWN tokens.
"""

from .ast import Loc
from .diag import CompileError, Diagnostic

MISSING = ("';'", "')'", "']'", "'}'")      # in the order they are tried
SHOWN = 5                                   # expected tokens listed at most
# Listed first: the tokens that end a construct, what is most often forgotten.
CLOSERS = {"';'", "','", "')'", "']'", "'}'", "'='"}
# Where these may all come next (and ';' may not), an expression is missing.
EXPRESSION_STARTS = {"identifier", "integer constant", "'('"}


def advance(tables, states, term):
    """The state stack after the parser takes terminal term from states
    (reductions, then the shift), or None if it would reject it. For $END,
    the stack of the accepting state."""
    actions = tables.actions
    states = list(states)
    while True:
        act = actions[states[-1]].get(term)
        if act is None:
            return None
        shift, arg = act
        if shift:
            return states + [arg]
        size, _, origin = arg
        if size:
            del states[-size:]
        states.append(actions[states[-1]][origin][1])
        if term == "$END" and states[-1] == tables.end_state:
            return states


def syntax_error(parser, tok, prev):
    """The CompileError for tok, which the parser rejected after prev."""
    tables, states = parser.tables, parser.state_stack
    acts = tables.actions[states[-1]]
    # `foo x;` with foo unknown: say what a person would.
    if tok.type == "IDENTIFIER" and "TYPE_NAME" in acts and parser.lookup(tok.value) is None:
        return _error(f"unknown type name '{tok.value}'", tok.loc)
    if prev is not None and prev.type == "IDENTIFIER" and tok.type == "IDENTIFIER" \
            and parser.lookup(prev.value) is None:
        return _error(f"unknown type name '{prev.value}'", prev.loc)
    terminals = [t for t in acts if t.isupper() or t == "$END"]   # not gotos on rules
    taken = [t for t in terminals if advance(tables, states, t) is not None]
    if prev is not None:
        for closer in MISSING:
            for term in taken:
                if parser.display(term) == closer and _fixes(tables, states, term, tok.type):
                    where = "before the end of input" if tok.type == "$END" else \
                        f"after {_shown(prev)}"
                    return _error(f"expected {closer} {where}", _end_of(prev))
    expected = sorted({parser.display(t) for t in taken},
                      key=lambda text: (text not in CLOSERS, text))
    what = "end of input" if tok.type == "$END" else f"'{tok.text}'"
    if EXPRESSION_STARTS <= set(expected) and "';'" not in expected:
        return _error(f"syntax error: expected an expression before {what}", tok.loc)
    listed = ", ".join(expected[:SHOWN]) + (", ..." if len(expected) > SHOWN else "")
    return _error(f"syntax error: unexpected {what}, expected "
                  f"{'one of: ' if len(expected) > 1 else ''}{listed}", tok.loc)


def _fixes(tables, states, term, next_term):
    """Would inserting term make the parser take next_term?"""
    after = advance(tables, states, term)
    return after is not None and advance(tables, after, next_term) is not None


def _shown(tok):
    text = tok.text if len(tok.text) <= 20 else tok.text[:17] + "..."
    return f"'{text}'"


def _end_of(tok):
    """Where the source text of tok ends (the column after its last character)."""
    loc = tok.loc
    if "\n" in tok.text:
        return loc
    return Loc(loc.file, loc.line, loc.col + len(tok.text))


def _error(message, loc):
    return CompileError(Diagnostic("error", message, loc))
