"""objdump on images (with and without .dbg) and on object files."""

import os

import pytest

from lang.asm import assemble
from lang.link import debug_path, link, write_output
from lang.objdump import objdump
from shell.cli import main

PROG = """
    .file "prog.c"
    .global _start
    .type _start, @function
_start:
    .loc 1
    li sp, 0x10000
    call main
    jmp _start
    .size _start, . - _start
    .type main, @function
main:
    .loc 5 2
    la a0, msg
    beq a0, zero, .Lout
    lw a1, 4(a0)
    csrr a2, status
.Lout:
    ret
    .size main, . - main
    .rodata
msg: .asciz "hi"
    .data
ptr: .word msg + 1
    .bss
buf: .space 32
"""


@pytest.fixture
def files(tmp_path):
    obj = assemble(PROG, "prog.s")
    obj.save(tmp_path / "prog.o")
    image, dbg = link([obj])
    write_output(image, dbg, tmp_path / "prog.img")
    return tmp_path


def test_image_disassembly(files):
    text = objdump(files / "prog.img", disassemble=True)
    lines = text.splitlines()
    assert "00001000 <_start>:" in lines
    assert "00001018 <main>:" in lines
    assert ".Lout" not in text                    # assembler-local labels are not symbols
    body = [ln[36:] for ln in lines if ln.startswith("    10")]
    assert body == [
        "li sp, 0x10000",
        "call 0x1018 <main>",
        "jmp 0x1000 <_start>",
        "li a0, 0x2000  # msg",
        "beq a0, zero, 0x1038 <main+0x20>",
        "lw a1, 4(a0)",
        "csrr a2, status",
        "ret",
    ]
    assert "    1000:  27 0e 00 00 00 00 01 00  li sp, 0x10000" in lines


def test_image_disassembly_with_lines(files):
    lines = objdump(files / "prog.img", disassemble=True, lines=True).splitlines()
    i = lines.index("00001018 <main>:")
    assert lines[i + 1] == "          # prog.c:5"
    assert "# prog.c:1" in lines[lines.index("00001000 <_start>:") + 1]


def test_image_headers(files):
    text = objdump(files / "prog.img", headers=True)
    assert "entry 0x00001000 <_start>" in text
    assert "    0  0x00001000  0x00000040  0x00000040  r-x" in text
    assert "    1  0x00002000  0x00000003  0x00000003  r--" in text
    assert "    2  0x00003000  0x00000024  0x00000004  rw-" in text
    assert "  0x00001018  0x00000028  func    global  main" not in text   # main is local
    assert "  0x00001018  0x00000028  func    local   main" in text
    assert "  0x00001000  0x00000018  func    global  _start" in text
    assert "  0x00003004  0x00000000  other   local   buf" in text


def test_image_without_debug_file(files):
    os.remove(debug_path(files / "prog.img"))
    text = objdump(files / "prog.img", disassemble=True, headers=True)
    assert "<main>" not in text and "call 0x1018\n" in text
    assert "Symbols: none (no debug file beside" in text


def test_object_file(files):
    text = objdump(files / "prog.o", disassemble=True, headers=True)
    lines = text.splitlines()
    assert "    0  .text             0x00000040  8      rx     progbits" in lines
    assert "    3  .bss              0x00000020  1      rw     nobits" in lines
    assert "  0x00000018  .text             func    local   0x00000028  main" in lines
    assert "  .data             0x00000000  abs32  msg+1" in lines
    assert "00000038 <.Lout>:" in lines               # an object keeps its labels
    i = lines.index("      18:  27 01 00 00 00 00 00 00  li a0, 0")
    assert lines[i + 1] == "          1c: abs32 msg"
    assert any(ln.endswith("beq a0, zero, 0x0 <.Lout>") for ln in lines)


def test_data_in_text_shown_as_words(tmp_path):
    obj = assemble("nop\n.word 0xdeadbeef, 0\n.byte 1", "d.s")
    image, dbg = link([obj])
    write_output(image, dbg, tmp_path / "d.img")
    text = objdump(tmp_path / "d.img", disassemble=True)
    assert "1008:  ef be ad de 00 00 00 00  .word 0xdeadbeef, 0x00000000" in text
    assert "1010:  01                       .byte 0x01" in text


def test_cli_objdump(files, capsys):
    assert main(["objdump", "-d", str(files / "prog.img")]) == 0
    assert "call 0x1018 <main>" in capsys.readouterr().out
    assert main(["objdump", "-h", str(files / "prog.o")]) == 0
    assert "Relocations (5):" in capsys.readouterr().out


def test_cli_objdump_errors(files, capsys):
    (files / "junk").write_bytes(b"\x00\x01garbage")
    assert main(["objdump", "-d", str(files / "junk")]) == 1
    assert capsys.readouterr().err == f"minos objdump: {files / 'junk'}: not a minos image or object file\n"
    assert main(["objdump", "-h", str(files / "missing")]) == 1
    assert "cannot read" in capsys.readouterr().err
    (files / "short.img").write_bytes(b"MNOS\x01")
    assert main(["objdump", "-h", str(files / "short.img")]) == 1
    assert "too short to be an image" in capsys.readouterr().err
    assert main(["objdump", str(files / "prog.o")]) == 2
