"""The executable image format: round trips, loading, and malformed images."""

import random

import pytest

from vm.errors import MinosError
from vm.image import HEADER, MAGIC, SEGMENT, Image, ImageError, Segment, SEG_R, SEG_W, SEG_X
from vm.machine import Machine
from helpers import assemble


def sample():
    return Image(0x1000, [Segment(0x1000, b"\x01\x02\x03\x04" * 4, 16, SEG_R | SEG_X),
                          Segment(0x3000, b"data", 0x2000, SEG_R | SEG_W)])


def test_round_trip_bytes_and_file(tmp_path):
    img = sample()
    assert Image.from_bytes(img.to_bytes()) == img
    path = tmp_path / "p.img"
    img.save(path)
    assert Image.load(path) == img
    assert path.read_bytes()[:4] == MAGIC


def test_layout_is_the_documented_one():
    blob = sample().to_bytes()
    magic, version, entry, n = HEADER.unpack_from(blob)
    assert (magic, version, entry, n) == (b"MNOS", 1, 0x1000, 2)
    seg0 = SEGMENT.unpack_from(blob, 16)
    assert seg0 == (0x1000, 16 + 2 * 24, 16, 16, SEG_R | SEG_X, 0)
    seg1 = SEGMENT.unpack_from(blob, 40)
    assert seg1 == (0x3000, 16 + 2 * 24 + 16, 4, 0x2000, SEG_R | SEG_W, 0)
    assert blob[64:80] == b"\x01\x02\x03\x04" * 4 and blob[80:] == b"data"


def test_perms():
    assert [s.perms for s in sample().segments] == ["r-x", "rw-"]


def test_load_zero_fills_bss_even_over_old_contents():
    m = Machine(mem_mib=1)
    m.write_phys(0x3000, b"\xFF" * 0x3000)
    m.load_image(sample())
    assert m.read_phys(0x3000, 4) == b"data"
    assert m.read_phys(0x3004, 0x2000 - 4) == bytes(0x2000 - 4)
    assert m.read_phys(0x5000, 16) == b"\xFF" * 16          # past memsize: untouched


def test_load_image_from_a_path(tmp_path):
    prog = assemble("li a0, 3\nhalt\n")
    path = tmp_path / "p.img"
    prog.image.save(path)
    m = Machine()
    m.load_image(str(path))
    assert m.run(max_instructions=10).reason == "halt" and m.cores[0].regs[1] == 3


def header(magic=MAGIC, version=1, entry=0x1000, nsegs=1):
    return HEADER.pack(magic, version, entry, nsegs)


def seg(vaddr=0x1000, off=40, filesz=8, memsz=8, flags=5):
    return SEGMENT.pack(vaddr, off, filesz, memsz, flags, 0)


MALFORMED = {
    "empty": (b"", "too short"),
    "truncated header": (MAGIC + b"\x01\x00", "too short"),
    "bad magic": (header(magic=b"ELF\x7f") + seg() + bytes(8), "magic"),
    "bad version": (header(version=2) + seg() + bytes(8), "version"),
    "segment table past the end": (header(nsegs=3) + seg() + bytes(8), "segment table"),
    "huge segment count": (header(nsegs=0xFFFFFFFF) + seg(), "segment table"),
    "segment data past the end": (header() + seg(filesz=100, memsz=100) + bytes(8), "past the end"),
    "segment offset past the end": (header() + seg(off=1 << 31) + bytes(8), "past the end"),
    "memsize smaller than filesize": (header() + seg(memsz=4) + bytes(8), "smaller"),
    "segment wraps the address space": (header() + seg(vaddr=0xFFFFFFF8, memsz=16) + bytes(8), "wraps"),
}


@pytest.mark.parametrize("what", sorted(MALFORMED))
def test_malformed_images_raise_image_error(what, tmp_path):
    blob, words = MALFORMED[what]
    with pytest.raises(ImageError, match=words):
        Image.from_bytes(blob, "bad.img")
    path = tmp_path / "bad.img"
    path.write_bytes(blob)
    with pytest.raises(ImageError, match="bad.img"):
        Image.load(path)
    with pytest.raises(MinosError):
        Machine(mem_mib=1).load_image(str(path))


def test_missing_image_file(tmp_path):
    with pytest.raises(ImageError, match="cannot read"):
        Image.load(tmp_path / "nope.img")
    with pytest.raises(ImageError, match="cannot read"):
        Image.load(tmp_path)                       # a directory


@pytest.mark.parametrize("vaddr, memsz", [(0xFF000, 0x2000), (0x100000, 8), (0xF0000000, 8),
                                          (0, 0x100001)])
def test_segment_beyond_ram(vaddr, memsz):
    img = Image(0x1000, [Segment(vaddr, b"", memsz, SEG_R)])
    with pytest.raises(ImageError, match="does not fit"):
        Machine(mem_mib=1).load_image(img)


def test_segment_ending_exactly_at_the_end_of_ram_loads():
    img = Image(0xFF000, [Segment(0xFF000, b"x" * 0x1000, 0x1000, SEG_R)])
    m = Machine(mem_mib=1)
    m.load_image(img)
    assert m.read_phys(0xFFFFF, 1) == b"x"


def test_random_corruption_never_raises_anything_but_image_error():
    """Truncations and byte flips of a valid image: ImageError or a valid image."""
    good = assemble("li a0, 1\nhalt\n.word 1, 2, 3\n").image.to_bytes()
    rng = random.Random(1234)
    for i in range(3000):
        blob = bytearray(good)
        if i % 3 == 0:
            blob = blob[:rng.randrange(len(blob))]
        for _ in range(rng.randrange(1, 4)):
            if blob:
                blob[rng.randrange(len(blob))] = rng.randrange(256)
        try:
            img = Image.from_bytes(bytes(blob))
        except ImageError:
            continue
        try:
            Machine(mem_mib=1).load_image(img)
        except ImageError:
            pass


def test_cli_reports_a_bad_image_in_one_line(tmp_path, capsys):
    from shell.cli import main
    path = tmp_path / "bad.img"
    path.write_bytes(b"garbage!" * 4)
    assert main(["machine", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.img" in err and "Traceback" not in err


def test_cli_runs_an_image_and_returns_the_exit_code(tmp_path, capfd):
    from shell.cli import main
    path = tmp_path / "ok.img"
    assemble("""
        li a0, 0x4F
        sw a0, CONSOLE(zero)
        li a0, 0x4B
        sw a0, CONSOLE(zero)
        li a0, 300
        sw a0, POWER(zero)
    """).image.save(path)
    assert main(["machine", str(path), "--max-instructions", "100"]) == 300 & 255
    assert capfd.readouterr().out == "OK"


def test_cli_instruction_limit(tmp_path, capsys):
    from shell.cli import main
    path = tmp_path / "loop.img"
    assemble("spin: jmp spin\n").image.save(path)
    status = main(["machine", str(path), "--max-instructions", "1000"])
    assert status != 0
    assert "1000" in capsys.readouterr().err
