"""The `.debug` entries of a compilation unit (schema: docs/debuginfo.md)."""

import json

from . import ast as A
from .ir import Slot, Temp


def directive(entry):
    """One `.debug "<json>"` line; the JSON is escaped as an assembler string."""
    text = json.dumps(entry, separators=(",", ":"))
    return '\t.debug "' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def location(loc, alloc):
    """A variable's docs/debuginfo.md location from its Temp/Slot/label."""
    if isinstance(loc, str):
        return {"addr": "@" + loc}
    if isinstance(loc, Slot):
        return {"fp": loc.offset} if loc.offset is not None else None   # None: removed
    if isinstance(loc, Temp):
        where = alloc.where.get(loc.id)
        if isinstance(where, int):
            return {"reg": where}
        if isinstance(where, Slot):
            return {"fp": where.offset}
    return None                 # never used: optimised away


def function_entry(unit_name, fdef, lowerer, alloc, frame, types):
    fn = lowerer.fn
    sym = fdef.symbol

    def var(s, scope=None):
        if s.kind == A.STATIC_LOCAL:
            loc = s.label
        else:
            loc = lowerer.vars.get(s.uid)
        out = {"name": s.name, "type": types.ref(s.type), "loc": location(loc, alloc)}
        if scope:
            out["scope"] = ["@" + scope[0], "@" + scope[1]]
        return out

    entry = {
        "kind": "function", "unit": unit_name, "name": fdef.name,
        "static": not sym.is_public, "file": fdef.loc.file, "line": fdef.loc.line,
        "type": types.ref(sym.type), "ret": types.ref(sym.type.ret),
        "low": "@" + sym.label, "body": f"@.Lbody.{sym.label}", "high": f"@.Lend.{sym.label}",
        "frame_size": frame.size,
        "saved_regs": [[r, off] for r, off in frame.saved_regs],
        "params": [var(p) for p in fdef.params],
        "locals": [var(s, (start, end)) for s, start, end in fn.vars],
    }
    if frame.frameless:
        entry["frameless"] = True
    return entry


def global_entry(unit_name, gvar, types, function=None):
    sym = gvar.symbol
    out = {"kind": "global", "unit": unit_name, "name": sym.name, "addr": "@" + sym.label,
           "type": types.ref(sym.type), "static": not sym.is_public,
           "file": sym.loc.file, "line": sym.loc.line}
    if sym.kind == A.STATIC_LOCAL:
        out["function"] = function
    return out
