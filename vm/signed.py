"""Sign extension by table, for the fast engine's translated code
(vm/blockops.py writes `lb` as a lookup in it; vm/fast.py puts it in each
block's namespace as SB): SIGNED_BYTE[b] is the byte b read as signed, in
32 bits: one lookup where `(b ^ 128) - 128 & MASK` is three operations
(and a new Python int for every negative byte); strings 17.5 -> 21 MIPS."""

from .isa import MASK

SIGNED_BYTE = tuple((b ^ 128) - 128 & MASK for b in range(256))
