"""vm/record.py: the machine's records compare, hash and show by their
fields, as the dataclasses they replaced did."""

import pytest

from vm.image import Image, Segment
from vm.isa import BY_NAME, decode_bytes, encode
from vm.machine import RunResult


def test_records_compare_by_fields():
    assert Segment(0x1000, b"ab", 4, 5) == Segment(0x1000, b"ab", 4, 5)
    assert Segment(0x1000, b"ab", 4, 5) != Segment(0x1000, b"ab", 4, 7)
    assert Image(0x10, [Segment(0, b"", 0, 1)]) == Image(0x10, [Segment(0, b"", 0, 1)])
    assert Image(0x10) != Image(0x20)
    assert Image(0x10).segments == [] and Image(0x10).segments is not Image(0x10).segments
    assert RunResult("halt", 3, 0) == RunResult("halt", 3, exit_code=0, message="")
    assert RunResult("halt", 3) != "halt"


def test_records_show_their_fields():
    assert repr(RunResult("limit", 7)) == "RunResult(reason='limit', instructions=7, exit_code=None, message='')"
    assert repr(Segment(1, b"x", 2, 4)) == "Segment(vaddr=1, data=b'x', memsize=2, flags=4)"


def test_instruction_records_are_frozen_and_hash_by_fields():
    add = BY_NAME["add"]
    with pytest.raises(AttributeError):
        add.cycles = 0
    raw = encode("add", rd=1, rs1=2, rs2=3)
    one, two = decode_bytes(raw), decode_bytes(raw)
    assert one == two and one is not two and hash(one) == hash(two)
    assert len({one, two}) == 1


def test_records_that_may_change_are_unhashable():
    with pytest.raises(TypeError):
        hash(RunResult("halt", 1))
