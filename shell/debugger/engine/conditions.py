"""Checking a breakpoint's condition where it will be evaluated, when the
breakpoint is set, so a condition that can never be true there (or never
be evaluated) is reported at once instead of running the whole budget.

For each location and each name in the condition:
- a name that is neither a parameter or local in scope there, nor a
  global, function or enum constant of the program, cannot be evaluated;
- a local (not a parameter) in scope there but declared in a block the
  location is not in is not in scope;
- a scalar local that no source line of its function before the
  breakpoint's line assigns (`x = `, `x += `, `x++`, `&x`, a declaration
  with an initializer) still holds whatever its stack slot or register
  held when the breakpoint is first reached: warn, and name the first
  line that assigns it. Lines are read from the source (the compiler
  keeps no record of where a declaration is), so a loop that assigns
  the local after the breakpoint's line still gets the warning for its
  first trip.
"""

import re

from .expr import TYPE_WORDS, tokenize
from .symbols import DebugError, short_name


def condition_warnings(condition, locations):
    """Warnings (strings) for `condition` at each of `locations`."""
    try:
        toks = tokenize(condition)
    except DebugError as e:
        return [f"the condition cannot be parsed: {e}"]
    names = []
    for i, (kind, text) in enumerate(toks):
        after_member = i > 0 and toks[i - 1][1] in (".", "->")
        if kind == "id" and not after_member and text not in TYPE_WORDS and text != "sizeof" \
                and text not in names:
            names.append(text)
    found = {}                  # (where, problem) -> the programs it applies to
    for loc in locations:
        program = loc.program
        if program is None:
            continue
        fn = program.function_at(loc.addr)
        line = program.line_at(loc.addr)
        where = f"{short_name(line[0])}:{line[1]}" if line else f"{loc.addr:#x}"
        for name in names:
            problem = _problem(program, fn, loc.addr, line, name)
            if problem:
                found.setdefault((where, problem), []).append(program.name)
    several = len({id(loc.program) for loc in locations}) > 1
    out = []
    for (where, problem), programs in found.items():
        shown = ", ".join(programs[:3]) + (f" and {len(programs) - 3} more" if len(programs) > 3 else "")
        out.append(f"warning: {where}" + (f" ({shown})" if several else "") + f": {problem}")
    return out


def _problem(program, fn, addr, line, name):
    if fn is not None:
        visible = {v.name: v for v in fn.params + fn.visible_locals(addr)}
        if name in visible:
            var = visible[name]
            if var in fn.params or not var.type.is_scalar() or line is None:
                return None
            first = _first_assignment(program, fn, name)
            if first is None:
                return f"'{name}' is never assigned in {fn.name}, so the condition reads an uninitialized value"
            if first >= line[1]:
                return (f"'{name}' is not assigned yet (line {first} assigns it first), "
                        f"so the condition reads an uninitialized value")
            return None
        if any(v.name == name for v in fn.locals):
            return f"'{name}' is not in scope"
    if (program.global_var(name) or program.function(name) or program.info.addr_of(name) is not None
            or program.typedef(name) or _enum_constant(program, name)):
        return None
    return f"'{name}' is not known: the condition cannot be evaluated"


def _enum_constant(program, name):
    return any(cname == name for types in program.unit_types.values() for t in types
               if t.kind == "enum" for cname, _ in t.constants or ())


def _first_assignment(program, fn, name):
    """The first line of fn (from its source) that may store into `name`."""
    path = program.source_path(fn.file) if fn.file else None
    if path is None:
        return None
    try:
        with open(path, errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    n = re.escape(name)
    store = re.compile(rf"(?<![\w.>])(?:{n}\s*(?:\[[^\]]*\]\s*)*(?:[-+*/%&|^]|<<|>>)?=(?!=)|"
                       rf"{n}\s*(?:\+\+|--)|(?:\+\+|--)\s*{n}\b|&\s*{n}\b)")
    end = _function_end(fn, program)
    for number in range(fn.line, min(end, len(lines)) + 1):
        text = re.sub(r'"(?:\\.|[^"\\])*"|//.*', "", lines[number - 1])
        if store.search(text):
            return number
    return None


def _function_end(fn, program):
    """The last source line of fn's code (from the line table)."""
    last = fn.line
    for addr, (file, line) in program.line_starts.items():
        if fn.low <= addr < fn.high and file == fn.file:
            last = max(last, line)
    return last
