"""Frame layout: where saved registers, locals and spill slots sit (docs/abi.md).

    fp+8 ...   incoming stack arguments (fixed slots, made by the lowering)
    fp+4       saved lr
    fp+0       saved fp
    fp-4 ...   saved s-registers, then every non-fixed Slot
    sp+0 ...   outgoing stack arguments (fn.outgoing bytes)
"""


def _align_up(n, a):
    return (n + a - 1) // a * a


class Frame:
    def __init__(self, saved_regs, size, frameless=False):
        self.saved_regs = saved_regs      # [(reg, fp offset)]
        self.size = size                  # bytes below fp, a multiple of 8
        self.frameless = frameless        # a leaf with no frame at all (shrink.py)
        self.early_exit = None            # shrink.py: (cond, a, b, value) tested before the prologue
        self.sp_fixed = False             # sp is fp - size all through the body (no asm moves it)


def layout(fn, used_callee):
    """Give every non-fixed Slot of fn its fp offset; returns the Frame."""
    depth = 0
    saved = []
    for reg in sorted(used_callee | fn.saved_extra):
        depth += 4
        saved.append((reg, -depth))
    # Big and strictly aligned slots first keeps padding small.
    for slot in sorted((s for s in fn.slots if not s.fixed), key=lambda s: -s.align):
        depth = _align_up(depth + slot.size, slot.align)
        slot.offset = -depth
    depth += getattr(fn, "outgoing", 0)
    return Frame(saved, _align_up(depth, 8))
