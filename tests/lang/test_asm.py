"""The assembler: directives, operand forms, expressions, errors."""

import struct
import time

import pytest

from lang.asm import AsmError, assemble
from lang.obj import ABS, ObjectFile
from shell.cli import main
from vm import isa
from vm.disasm import format_insn


def asm(text, name="t.s"):
    return assemble(text, name)


def data(obj, name=".text"):
    return bytes(obj.section(name).data)


def insns(obj, name=".text"):
    """The decoded instructions of a section."""
    raw = data(obj, name)
    return [isa.decode_bytes(raw, i) for i in range(0, len(raw), 8)]


def one(line):
    """Assemble one instruction -> its 8 bytes."""
    return data(asm(line))


def relocs(obj):
    return [(r.section, r.offset, r.symbol, r.addend) for r in obj.relocs]


def sym(obj, name):
    return next(s for s in obj.symbols if s.name == name)


# --- instructions and operand forms ------------------------------------------------
@pytest.mark.parametrize("line, expect", [
    ("add a0, a1, a2", isa.encode("add", 1, 2, 3)),
    ("ADD A0, R2, a2", isa.encode("add", 1, 2, 3)),
    ("addi sp, sp, -16", isa.encode("addi", 14, 14, 0, -16)),
    ("li t0, 0xF0000000", isa.encode("li", 7, 0, 0, 0xF0000000)),
    ("mov fp, sp", isa.encode("mov", 13, 14)),
    ("lw a0, 8(sp)", isa.encode("lw", 1, 14, 0, 8)),
    ("lw a0, (a1)", isa.encode("lw", 1, 2, 0, 0)),
    ("lb a0, ( a1 )", isa.encode("lb", 1, 2, 0, 0)),
    ("lhu a0, (4+4)(a1)", isa.encode("lhu", 1, 2, 0, 8)),
    ("lw a0, 0x2000", isa.encode("lw", 1, 0, 0, 0x2000)),
    ("lw a0, (0x2000)", isa.encode("lw", 1, 0, 0, 0x2000)),
    ("sw a0, -4(fp)", isa.encode("sw", 0, 13, 1, -4)),
    ("sb t1, 3(r0)", isa.encode("sb", 0, 0, 8, 3)),
    ("beq a0, zero, 0x1000", isa.encode("beq", 0, 1, 0, 0x1000)),
    ("jmp 64", isa.encode("jmp", imm=64)),
    ("jr lr", isa.encode("jr", rs1=15)),
    ("callr t0", isa.encode("callr", rs1=7)),
    ("tlbwr a0, a1", isa.encode("tlbwr", rs1=1, rs2=2)),
    ("csrr a0, status", isa.encode("csrr", 1, imm=0)),
    ("csrr a0, STATUS", isa.encode("csrr", 1, imm=0)),
    ("csrw vec, t0", isa.encode("csrw", rs1=7, imm=6)),
    ("csrw 9, t0", isa.encode("csrw", rs1=7, imm=9)),
    ("syscall", isa.encode("syscall")),
    ("NOP", isa.encode("nop")),
])
def test_operand_forms(line, expect):
    assert one(line) == expect


@pytest.mark.parametrize("line, expect", [
    ("ret", isa.encode("jr", rs1=15)),
    ("bgt a0, a1, 8", isa.encode("blt", 0, 2, 1, 8)),
    ("ble a0, a1, 8", isa.encode("bge", 0, 2, 1, 8)),
    ("bgtu a0, a1, 8", isa.encode("bltu", 0, 2, 1, 8)),
    ("bleu a0, a1, 8", isa.encode("bgeu", 0, 2, 1, 8)),
    ("beqz a3, 16", isa.encode("beq", 0, 4, 0, 16)),
    ("bnez a3, 16", isa.encode("bne", 0, 4, 0, 16)),
    ("la a0, 0x1234", isa.encode("li", 1, imm=0x1234)),
    ("neg a0, a1", isa.encode("sub", 1, 0, 2)),
    ("not a0, a1", isa.encode("xori", 1, 2, 0, -1)),
])
def test_pseudo_instructions(line, expect):
    assert one(line) == expect


def test_every_pseudo_is_tested():
    # Keeps the list above in step with vm/isa.py.
    assert set(isa.PSEUDO) == {"ret", "bgt", "ble", "bgtu", "bleu", "beqz", "bnez", "la", "neg", "not"}


def _sample_operands(insn):
    samples = {"rd": "a0", "rs1": "s1", "rs2": "t1", "imm": "-12", "target": "0x1040",
               "imm(rs1)": "24(sp)", "csr": "epc"}
    spec = isa.FORMS[insn.form]
    return ", ".join(samples[s.strip()] for s in spec.split(",")) if spec else ""


@pytest.mark.parametrize("insn", isa.INSTRUCTIONS, ids=lambda i: i.name)
def test_round_trip_every_instruction(insn):
    """Assemble, decode, disassemble, re-assemble: identical bytes."""
    text = f"{insn.name} {_sample_operands(insn)}"
    raw = one(text)
    decoded = isa.decode_bytes(raw)
    assert decoded is not None and decoded.insn is insn
    again = one(format_insn(decoded))
    assert again == raw


def test_round_trip_with_symbolized_targets():
    # format_insn's "0x1040 <foo>" is not assembly, but plain targets must be.
    raw = one("call 0x1040")
    assert one(format_insn(isa.decode_bytes(raw))) == raw


# --- expressions ---------------------------------------------------------------------
@pytest.mark.parametrize("expr, value", [
    ("42", 42), ("-42", -42), ("0x2a", 42), ("0X2A", 42), ("0b101010", 42), ("0o52", 42),
    ("'a'", 97), ("'\\n'", 10), ("'\\x41'", 0x41), ("'\\0'", 0), ("'\\''", 39), ("'#'", 35),
    ("'\\101'", 65), ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("7 / 2", 3), ("-7 / 2", -3),
    ("-7 % 2", -1), ("1 << 4", 16), ("256 >> 4", 16), ("0xF0 & 0x3C", 0x30),
    ("0xF0 | 0x0F", 0xFF), ("0xFF ^ 0x0F", 0xF0), ("~0", -1), ("-(3)", -3), ("+5", 5),
    ("2 * -3", -6), ("1 | 2 ^ 3 & 4", 1 | 2 ^ 3 & 4), ("10 - 2 - 3", 5), ("007", 7),
])
def test_expressions(expr, value):
    assert one(f"li a0, {expr}") == isa.encode("li", 1, imm=value)


def test_equ_and_set():
    obj = asm(""".equ N, 4
        .set M, N * 2 + 1
        .equ LATER, FUTURE + 1     # may refer to a symbol defined later
        .equ FUTURE, 10
        li a0, M
        li a1, LATER
        li a2, 'z' - 'a'
    """)
    assert [d.imm for d in insns(obj)] == [9, 11, 25]


def test_symbol_difference_and_dot():
    obj = asm("""
    start:  nop
            nop
    end:    li a0, end - start
            li a1, . - start
            .data
    tbl:    .word 1, 2, 3
            .equ TBLSIZE, . - tbl
            .word TBLSIZE
            .word . - tbl
    """)
    assert [d.imm for d in insns(obj)][2:] == [16, 24]
    assert struct.unpack("<5I", data(obj, ".data")) == (1, 2, 3, 12, 16)


def test_symbol_plus_offset_makes_relocation():
    obj = asm("""
        li a0, msg + 4
        li a1, 2 + msg - 1
        li a2, -8 + ext
        call printf
        .data
    msg: .word 0
        .word msg, ext+12
    """)
    assert relocs(obj) == [(".text", 4, "msg", 4), (".text", 12, "msg", 1),
                           (".text", 20, "ext", -8), (".text", 28, "printf", 0),
                           (".data", 4, "msg", 0), (".data", 8, "ext", 12)]
    # undefined symbols are listed as such
    assert sym(obj, "ext").section is None and sym(obj, "printf").section is None


def test_dot_is_section_relative():
    obj = asm("nop\nhere: li a0, .\n.word .")
    assert relocs(obj) == [(".text", 12, ".text", 8), (".text", 16, ".text", 16)]


# --- directives ----------------------------------------------------------------------
def test_sections_and_default_flags():
    obj = asm("""
        .text
        nop
        .data
        .byte 1
        .rodata
        .byte 2
        .bss
        .space 10
        .section .text.boot
        nop
        .section .rodata.str, "a"
        .byte 3
        .section .mine, "awx"
        .byte 4
        .section .bss.stack
        .zero 16
        .section .data.rel, "aw", @progbits
        .byte 5
    """)
    got = {s.name: (s.flags, s.nobits, s.size) for s in obj.sections}
    assert got == {".text": ("rx", False, 8), ".data": ("rw", False, 1),
                   ".rodata": ("r", False, 1), ".bss": ("rw", True, 10),
                   ".text.boot": ("rx", False, 8), ".rodata.str": ("r", False, 1),
                   ".mine": ("rwx", False, 1), ".bss.stack": ("rw", True, 16),
                   ".data.rel": ("rw", False, 1)}


def test_section_reentry_continues():
    obj = asm(".data\n.byte 1\n.text\nnop\n.data\n.byte 2")
    assert data(obj, ".data") == b"\x01\x02"


def test_word_half_byte():
    obj = asm(""".data
        .word 1, -1, 0xFFFFFFFF
        .half 0x1234, -2
        .byte 1, 255, -128, 'A'
    """)
    assert data(obj, ".data") == (struct.pack("<3I", 1, 0xFFFFFFFF, 0xFFFFFFFF)
                                  + struct.pack("<Hh", 0x1234, -2) + bytes([1, 255, 128, 65]))


def test_ascii_asciz_escapes():
    obj = asm(r""".data
        .ascii "a\n\t\r\0\\\"\'", "x"
        .asciz "\x41\101\7"
        .asciz "semi;colon # hash, comma"   # a real comment
        .ascii "é"
    """)
    assert data(obj, ".data") == (b"a\n\t\r\0\\\"'" + b"x" + b"AA\x07\0"
                                  + b"semi;colon # hash, comma\0" + "é".encode())


def test_space_zero_align():
    obj = asm(""".data
        .byte 1
        .align 4
        .space 3, 0xAA
        .zero 2
        .align 8
    end:
    """)
    assert data(obj, ".data") == b"\x01\0\0\0" + b"\xaa" * 3 + b"\0\0" + bytes(7)
    assert obj.section(".data").align == 8
    assert sym(obj, "end").value == 16


def test_bss_sizes_and_alignment():
    obj = asm(""".bss
    a:  .space 3
        .align 16
    b:  .zero 5
    """)
    sec = obj.section(".bss")
    assert (sec.size, sec.align, sec.nobits) == (21, 16, True)
    assert (sym(obj, "a").value, sym(obj, "b").value) == (0, 16)
    assert "data" not in ObjectFile.from_json(obj.to_json()).to_dict()["sections"][0]


def test_instructions_are_aligned_with_zeros_in_data_and_labels_follow():
    obj = asm(""".text
        .byte 7
    f:  nop
        .data
        .byte 1
    g:
        li a0, 1
    """)
    assert data(obj)[:8] == b"\x07" + bytes(7)
    assert sym(obj, "f").value == 8
    assert data(obj, ".data")[:8] == b"\x01" + bytes(7)
    assert sym(obj, "g").value == 8 and obj.section(".data").align == 8


def test_align_in_text_pads_with_nops():
    obj = asm("nop\n.align 32\nret")
    assert data(obj)[8:32] == isa.encode("nop") * 3
    assert len(data(obj)) == 40


def test_label_before_align_names_the_aligned_address():
    obj = asm(".data\n.byte 1\nx:\n.align 4\n.word 9")
    assert sym(obj, "x").value == 4


def test_labels_several_per_line_and_alone():
    obj = asm("a: b:\nc: nop\nd:nop")
    assert [(s.name, s.value) for s in obj.symbols] == [("a", 0), ("b", 0), ("c", 0), ("d", 8)]


def test_symbol_characters_and_case():
    obj = asm("$x.y_1: nop\nX: nop\nx: nop\n.Lz: jmp $x.y_1")
    assert {s.name for s in obj.symbols} == {"$x.y_1", "X", "x", ".Lz"}


def test_global_local_type_size():
    obj = asm(""".globl main
        .global helper, data1
        .local tmp
        .type main, @function
    main:   nop
            ret
        .size main, . - main
        .data
        .type data1, @object
    data1: .word 1, 2
        .size data1, 8
    tmp: .word 0
    """)
    main_ = sym(obj, "main")
    assert (main_.is_global, main_.kind, main_.size) == (True, "func", 16)
    assert (sym(obj, "data1").kind, sym(obj, "data1").size) == ("object", 8)
    assert sym(obj, "tmp").is_global is False
    helper = sym(obj, "helper")           # declared global, defined elsewhere
    assert helper.section is None and helper.is_global


def test_global_equ_is_absolute_symbol():
    obj = asm(".global SIZE\n.equ SIZE, 64")
    s = sym(obj, "SIZE")
    assert (s.section, s.value, s.is_global) == (ABS, 64, True)


def test_comments():
    obj = asm("# full line\n; also\nnop # trailing\nnop ; semicolon\n   \n")
    assert len(data(obj)) == 16


def test_empty_sections_are_dropped():
    obj = asm(".data\n.text\nnop")
    assert [s.name for s in obj.sections] == [".text"]


# --- debug directives -----------------------------------------------------------------
def test_file_and_loc_make_line_table():
    obj = asm(""".file "prog.c"
        .loc 3 5
        nop
        nop
        .loc 4
        .loc 5, 2          # the last .loc before an instruction wins
        .byte 1
        li a0, 1
        .file "inc.h"
        .loc 9 1
        ret
    """)
    assert obj.lines == [[".text", 0, "prog.c", 3, 5], [".text", 24, "prog.c", 5, 2],
                         [".text", 32, "inc.h", 9, 1]]
    assert obj.source == "prog.c"


def test_without_loc_lines_point_at_the_assembly():
    obj = asm("nop\n\n  ret\n", "hand.s")
    assert obj.lines == [[".text", 0, "hand.s", 1, 0], [".text", 8, "hand.s", 3, 0]]
    assert obj.source == "hand.s"


def test_linemarkers_set_the_line_and_file():
    # what the preprocessor writes for a .S file: `# LINE "FILE" [flags]`
    obj = asm('# 1 "s.S"\nnop\n# 40 "inc.h" 1\n# 7 "s.S" 2\nret\n', "s.S")
    assert obj.lines == [[".text", 0, "s.S", 1, 0], [".text", 8, "s.S", 7, 0]]
    with pytest.raises(AsmError, match=r'^s\.S:9: unknown instruction .frob.'):
        asm('# 1 "s.S"\nnop\n# 8 "s.S"\n\nfrob a0\n', "s.S")
    # a comment that only looks a little like a marker stays a comment
    assert asm("# 12 is a number\nnop\n", "c.s").lines == [[".text", 0, "c.s", 2, 0]]


def test_debug_directive_keeps_json():
    obj = asm(r""".debug "{\"func\": \"main\", \"lo\": \"@main\", \"v\": [1, \"@x+4\"]}"
        .debug "[1, 2]"
    main: nop
    """)
    assert obj.debug == [{"func": "main", "lo": "@main", "v": [1, "@x+4"]}, [1, 2]]


def test_object_json_round_trip():
    obj = asm(""".file "a.c"
        .global f
    f:  .loc 1 1
        la a0, s
        .data
    s:  .asciz "x"
        .bss
        .space 8
        .debug "{\\"a\\": \\"@f\\"}"
    """)
    again = ObjectFile.from_json(obj.to_json(), "t.o")
    assert again.to_dict() == obj.to_dict()


# --- errors ---------------------------------------------------------------------------
@pytest.mark.parametrize("source, message", [
    ("frob a0", "t.s:1: unknown instruction 'frob'"),
    ("nop\nadd a0, a1", "t.s:2: 'add' takes 3 operands (rd, rs1, rs2), got 2"),
    ("ret a0", "t.s:1: 'ret' takes 0 operands, got 1"),
    ("add a0, a1, x9", "t.s:1: 'add' operand 3 (rs2): expected a register, got 'x9'"),
    ("addi a0, a1, a2", "t.s:1: 'addi' operand 3 (imm): expected a number or symbol, got register 'a2'"),
    ("lw a0, a1", "t.s:1: 'lw' operand 2 (imm(rs1)): expected a memory operand like 8(a1) or (a1), got 'a1'"),
    ("csrr a0, bogus", "t.s:1: 'csrr' operand 2 (csr): unknown control register 'bogus'"),
    ("csrw 99, a0", "t.s:1: 'csrw' operand 1 (csr): no control register has number 99"),
    ("li a0, 0x100000000", "t.s:1: immediate 4294967296 is out of range (must fit in 32 bits)"),
    (".data\n.byte 256", "t.s:2: '.byte' value 256 is out of range (must fit in 8 bits)"),
    (".data\n.half x", "t.s:2: '.half' value 'x' is an address, which needs 32 bits (use .word)"),
    (".frob 1", "t.s:1: unknown directive '.frob'"),
    ('.data\n.ascii "abc', "t.s:2: unterminated string"),
    ("li a0, 'a", "t.s:1: unterminated character constant"),
    ('.data\n.ascii "\\q"', "t.s:2: unknown escape sequence '\\q'"),
    ("x: nop\nx: nop", "t.s:2: symbol 'x' is already defined (line 1)"),
    (".align 3", "t.s:1: '.align' takes a power of two number of bytes (1 to 4096), got 3"),
    (".bss\nnop", "t.s:2: instructions are not allowed in nobits section '.bss'"),
    (".bss\n.word 1", "t.s:2: '.word' is not allowed in nobits section '.bss' (use .space, .zero or .align)"),
    ("li a0, 1 +", "t.s:1: expression '1 +' ends too early"),
    ("li a0, (1 + 2", "t.s:1: missing ')' in expression '(1 + 2'"),
    ("li a0, 12abc", "t.s:1: bad number '12abc'"),
    ("li a0, 1 @ 2", "t.s:1: unexpected character '@' in expression '1 @ 2'"),
    ("li a0, x * 2", "t.s:1: operator '*' needs numbers, not the address of 'x'"),
    ("li a0, 1 / 0", "t.s:1: division by zero in expression"),
    ("add a0,, a1", "t.s:1: operand 2 is empty"),
    (".space n", "t.s:1: '.space' size must be a constant, but 'n' depends on symbol 'n'"),
    (".equ A, B\n.equ B, A\nli a0, A", "t.s:3: in .equ A (line 1): in .equ B (line 2): symbol 'A' is defined in terms of itself"),
    (".loc x", "t.s:1: '.loc' takes a line number and an optional column: .loc LINE [COL]"),
    ('.debug "{bad"', "t.s:1: '.debug' string is not valid JSON: "),
    (".type f, @thing", "t.s:1: '.type' kind must be @function or @object, not '@thing'"),
    (".global 1x", "t.s:1: '.global': '1x' is not a valid symbol name"),
    (".section .foo, \"q\"", "t.s:1: unknown section flag 'q' (use a, w, x)"),
    ("a: nop\n.data\nb: .word 0\n.text\nli a0, b - a", "t.s:5: cannot subtract addresses in different sections ('b' in .data, 'a' in .text)"),
])
def test_errors(source, message):
    with pytest.raises(AsmError) as e:
        asm(source)
    assert str(e.value).startswith(message)


def _cli(tmp_path, capsys, source):
    path = tmp_path / "bad.s"
    path.write_text(source)
    status = main(["as", str(path), "-o", str(tmp_path / "bad.o")])
    err = capsys.readouterr().err
    return status, err.replace(str(path), "bad.s")


@pytest.mark.parametrize("source, message", [
    ("frob", "bad.s:1: unknown instruction 'frob'"),
    ("nop\n\nadd a0, a1", "bad.s:3: 'add' takes 3 operands (rd, rs1, rs2), got 2"),
    ("add a0, a1, q1", "bad.s:1: 'add' operand 3 (rs2): expected a register, got 'q1'"),
    ("jr 5", "bad.s:1: 'jr' operand 1 (rs1): expected a register, got '5'"),
    ("li a0, 0x1_0", "bad.s:1: bad number '0x1_0'"),
    ("li a0, -0x80000001", "bad.s:1: immediate -2147483649 is out of range (must fit in 32 bits)"),
    (".data\n.word 0x100000000", "bad.s:2: '.word' value 4294967296 is out of range (must fit in 32 bits)"),
    (".data\n.half 70000", "bad.s:2: '.half' value 70000 is out of range (must fit in 16 bits)"),
    (".data\n.asciz \"abc", "bad.s:2: unterminated string"),
    (".data\n.ascii abc", "bad.s:2: expected a string in double quotes, got 'abc'"),
    (".bogus", "bad.s:1: unknown directive '.bogus'"),
    ("f: nop\nf: ret", "bad.s:2: symbol 'f' is already defined (line 1)"),
    (".global x\n.local x", "bad.s:2: symbol 'x' was declared .global, cannot be .local too"),
    (".align 0", "bad.s:1: '.align' takes a power of two number of bytes (1 to 4096), got 0"),
    (".space -1", "bad.s:1: '.space' size -1 is negative"),
    (".bss\n.space 4, 1", "bad.s:2: nobits section '.bss' can only hold zeros"),
    (".text\n.data x", "bad.s:2: '.data' takes 0 operands, got 1"),
    (".equ 5, 1", "bad.s:1: '.equ': '5' is not a valid symbol name"),
    (".file prog.c", "bad.s:1: expected a string in double quotes, got 'prog.c'"),
    ("csrr status, a0", "bad.s:1: 'csrr' operand 1 (rd): expected a register, got 'status'"),
    ("lw a0, 4(sp", "bad.s:1: "),
    (".data\nx: .word 1\n.byte x", "bad.s:3: '.byte' value 'x' is an address, which needs 32 bits (use .word)"),
])
def test_cli_errors(tmp_path, capsys, source, message):
    status, err = _cli(tmp_path, capsys, source)
    assert status == 1
    assert err.startswith("minos as: " + message)
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_section_flag_conflict(tmp_path, capsys):
    status, err = _cli(tmp_path, capsys, ".data\n.byte 1\n.section .data, \"ax\"")
    assert status == 1
    assert err == 'minos as: bad.s:3: section \'.data\' was first given flags "rw", now "rx"\n'


def test_cli_missing_file(tmp_path, capsys):
    assert main(["as", str(tmp_path / "nope.s")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_cli_sends_S_files_to_cc(tmp_path, capsys):
    (tmp_path / "p.S").write_text("#define N 1\n        li a0, N\n")
    assert main(["as", str(tmp_path / "p.S")]) == 1
    assert "use `minos cc -c" in capsys.readouterr().err


def test_cli_writes_object(tmp_path):
    src = tmp_path / "p.s"
    src.write_text(".global _start\n_start: ret\n")
    assert main(["as", str(src)]) == 0            # default output: p.o
    obj = ObjectFile.load(tmp_path / "p.o")
    assert sym(obj, "_start").is_global


# --- speed ----------------------------------------------------------------------------
def test_fifty_thousand_lines_quickly():
    body = []
    for i in range(5000):
        body += [f"f{i}:", f"  .loc {i + 1} 3", "  addi sp, sp, -16", "  sw lr, 12(sp)",
                 "  lw a0, -4(fp)", f"  beq a0, zero, .L{i}", f"  call f{(i + 1) % 5000}",
                 f"  li a1, msg+{i}", f".L{i}:  add a0, a1, a2  # comment", "  ret"]
    text = '.file "big.c"\n' + "\n".join(body) + '\n.data\nmsg: .asciz "hi"\n'
    start = time.process_time()       # CPU time: other processes' load does not count
    obj = asm(text)
    elapsed = time.process_time() - start
    assert len(obj.section(".text").data) == 40000 * 8
    assert elapsed < 2.0, f"50,000 lines took {elapsed:.2f}s"
