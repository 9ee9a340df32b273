"""The linker: layout, relocations, symbols, entry/base, the .dbg file."""

import json
import struct
from pathlib import Path
import time

import pytest

from lang.asm import assemble
from lang.debuginfo import DebugInfo, DebugInfoError
from lang.link import LinkError, debug_path, link
from lang.obj import ObjectError, ObjectFile, Reloc, Symbol
from shell.cli import main
from vm import isa
from vm.image import SEG_R, SEG_W, SEG_X, Image

HERE = Path(__file__).parent


def obj(text, name):
    """Assemble text as NAME.s and read it back as the object file NAME.o."""
    return ObjectFile.from_json(assemble(text, name.replace(".o", ".s")).to_json(), name)


def read(image, addr, n):
    for seg in image.segments:
        if seg.vaddr <= addr < seg.vaddr + seg.memsize:
            off = addr - seg.vaddr
            return (seg.data + bytes(seg.memsize - len(seg.data)))[off:off + n]
    raise AssertionError(f"{addr:#x} is not mapped")


def word(image, addr):
    return struct.unpack("<I", read(image, addr, 4))[0]


def imm(image, addr):
    """The immediate of the instruction at addr."""
    return isa.decode_bytes(read(image, addr, 8)).imm


MAIN = """
    .global _start, counter
    .text
_start: la a0, greeting
        call puts
        li t0, counter
        jmp done
done:   ret
    .rodata
greeting: .asciz "hello"
    .data
counter: .word 7, greeting, puts+8
    .bss
buffer: .space 100
"""

LIB = """
    .global puts
    .text
    .type puts, @function
puts:   lw a1, (a0)
helper: ret
    .size puts, . - puts
    .data
libdata: .word counter, 5
    .bss
libbuf: .space 8
"""


@pytest.fixture
def two():
    return [obj(MAIN, "main.o"), obj(LIB, "lib.o")]


def test_segments_layout_and_permissions(two):
    image, _ = link(two)
    segs = [(s.vaddr, len(s.data), s.memsize, s.flags) for s in image.segments]
    text = 5 * 8 + 2 * 8
    assert segs == [(0x1000, text, text, SEG_R | SEG_X),
                    (0x2000, 6, 6, SEG_R),
                    # data: main 12 bytes, lib 8; then bss tail: 100 + 8
                    (0x3000, 20, 20 + 100 + 8, SEG_R | SEG_W)]
    assert image.entry == 0x1000


def test_relocations_across_objects(two):
    image, dbg = link(two)
    info = DebugInfo(dbg)
    puts, greeting, counter = info.addr_of("puts"), info.addr_of("greeting"), info.addr_of("counter")
    assert (puts, greeting, counter) == (0x1000 + 40, 0x2000, 0x3000)
    assert imm(image, 0x1000) == greeting           # la a0, greeting
    assert imm(image, 0x1008) == puts               # call puts (other object)
    assert imm(image, 0x1010) == counter
    assert imm(image, 0x1018) == 0x1020             # jmp done (local)
    assert [word(image, 0x3000 + 4 * i) for i in range(3)] == [7, greeting, puts + 8]
    assert word(image, 0x300C) == counter           # lib's .word counter
    assert info.addr_of("buffer") == 0x3014 and info.addr_of("libbuf") == 0x3014 + 100


def test_sections_keep_alignment():
    a = obj(".data\n.byte 1", "a.o")
    b = obj(".data\n.align 16\nx: .word 2", "b.o")
    image, dbg = link([a, b])
    assert DebugInfo(dbg).addr_of("x") == 0x1010
    assert word(image, 0x1010) == 2


def test_group_order_is_by_kind_then_object_order():
    a = obj(".data\nda: .word 1\n.text\nta: nop", "a.o")
    b = obj(".section .text.b\ntb: nop\n.section .rodata.b\nrb: .byte 1\n.data\ndb: .word 2", "b.o")
    _, dbg = link([a, b])
    info = DebugInfo(dbg)
    assert [info.addr_of(n) for n in ("ta", "tb", "rb", "da", "db")] == \
        [0x1000, 0x1008, 0x2000, 0x3000, 0x3004]


def test_bss_alone_gets_its_own_segment():
    image, _ = link([obj("nop\n.bss\n.space 32", "a.o")])
    assert [(s.vaddr, len(s.data), s.memsize, s.perms) for s in image.segments] == \
        [(0x1000, 8, 8, "r-x"), (0x2000, 0, 32, "rw-")]


def test_local_symbols_stay_in_their_object():
    a = obj(".global f\nf: jmp helper\nhelper: ret", "a.o")
    b = obj("helper: nop\n.global _start\n_start: call f\njmp helper", "b.o")
    image, dbg = link([a, b])
    assert imm(image, 0x1000) == 0x1008             # a's helper
    assert imm(image, 0x1020) == 0x1010             # b's own helper
    helpers = [s for s in dbg["symbols"] if s["name"] == "helper"]
    assert [(s["addr"], s["object"]) for s in helpers] == [(0x1008, "a.o"), (0x1010, "b.o")]


def test_local_label_is_not_visible_elsewhere():
    a = obj("secret: nop", "a.o")
    b = obj("call secret", "b.o")
    with pytest.raises(LinkError, match=r"^b.s:1: undefined symbol 'secret' \(in the object b.o, from b.s\)$"):
        link([a, b])


def test_undefined_symbols_all_named():
    a = obj("call foo\ncall bar\n.data\n.word foo", "a.o")
    b = obj("call baz", "b.o")
    with pytest.raises(LinkError) as e:
        link([a, b])
    assert str(e.value) == ("a.s:1: undefined symbol 'foo' (in the object a.o, from a.s); "
                            "also undefined: 'bar' (a.s:2), 'baz' (b.s:1)")


def test_duplicate_global():
    a = obj(".global f\nf: ret", "a.o")
    b = obj(".global f\nf: nop", "b.o")
    with pytest.raises(LinkError, match="^duplicate global symbol 'f': defined in the object a.o, from a.s and in "
                       "the object b.o, from b.s$"):
        link([a, b])


def test_same_local_names_do_not_clash():
    link([obj("f: ret", "a.o"), obj("f: ret", "b.o")])


def test_absolute_global_symbol():
    a = obj(".global N\n.equ N, 0x1234", "a.o")
    b = obj("li a0, N + 1", "b.o")
    image, _ = link([a, b])
    assert imm(image, 0x1000) == 0x1235


def test_entry_and_base_options():
    o = obj(".global go, _start\nnop\n_start: nop\ngo: ret", "a.o")
    assert link([o])[0].entry == 0x1008                         # _start by default
    assert link([o], entry="go")[0].entry == 0x1010
    assert link([o], entry="0x1000")[0].entry == 0x1000
    image, dbg = link([o], base=0x40000)
    assert image.segments[0].vaddr == 0x40000 and image.entry == 0x40008
    assert DebugInfo(dbg).addr_of("go") == 0x40010
    no_start = obj("nop\n.data\n.word 1", "b.o")
    assert link([no_start])[0].entry == 0x1000                  # start of the text
    with pytest.raises(LinkError, match="entry symbol 'nope' is not defined"):
        link([o], entry="nope")
    with pytest.raises(LinkError, match="must be a multiple of 4096"):
        link([o], base=0x1234)


def test_negative_addend_and_dot_relocations():
    image, _ = link([obj("nop\nnop\nli a0, here - 8\nhere: li a1, .\n.data\n.word . + 4", "a.o")])
    assert imm(image, 0x1010) == 0x1018 - 8
    assert imm(image, 0x1018) == 0x1018
    assert word(image, 0x2000) == 0x2004


DEBUG_SRC = r"""
    .file "prog.c"
    .global main
    .type main, @function
main:
    .loc 3 1
    addi sp, sp, -8
    .loc 4 5
    li a0, 1
    ret
    .size main, . - main
    .type static_fn, @function
static_fn:
    .loc 10
    ret
    .size static_fn, 8
    .data
    .type g, @object
g:  .word 0
    .size g, 4
    .debug "{\"kind\": \"function\", \"name\": \"main\", \"lo\": \"@main\", \"hi\": \"@main+24\", \"locals\": [{\"name\": \"x\", \"fp\": -4}], \"s\": \"@static_fn-8\", \"lit\": \"@@notanaddress\"}"
    .debug "{\"kind\": \"global\", \"name\": \"g\", \"addr\": \"@g\"}"
    .debug "[\"@g\"]"
"""


def test_debug_file_contents(tmp_path):
    a = obj(DEBUG_SRC, "prog.o")
    b = obj(".global _start\n_start: call main", "crt0.o")
    image, dbg = link([b, a])
    main_addr = 0x1008
    assert dbg["entry"] == 0x1000
    syms = {s["name"]: s for s in dbg["symbols"]}
    assert syms["main"] == {"name": "main", "addr": main_addr, "size": 24, "kind": "func",
                            "global": True, "file": "prog.c", "object": "prog.o"}
    assert syms["static_fn"]["global"] is False and syms["static_fn"]["addr"] == main_addr + 24
    assert syms["g"]["kind"] == "object" and syms["g"]["addr"] == 0x2000
    assert syms["_start"]["file"] == "crt0.s"
    assert dbg["lines"] == [[0x1000, "crt0.s", 2, 0], [main_addr, "prog.c", 3, 1],
                            [main_addr + 8, "prog.c", 4, 5], [main_addr + 24, "prog.c", 10, 0]]
    assert dbg["debug"] == [
        {"kind": "function", "name": "main", "lo": main_addr, "hi": main_addr + 24,
         "locals": [{"name": "x", "fp": -4}], "s": main_addr + 16, "lit": "@notanaddress",
         "object": "prog.o"},
        {"kind": "global", "name": "g", "addr": 0x2000, "object": "prog.o"},
        {"object": "prog.o", "value": [0x2000]},
    ]
    assert [s["name"] for s in dbg["symbols"]] == sorted(
        (s["name"] for s in dbg["symbols"]), key=lambda n: (syms[n]["addr"], n))


def test_debug_reference_to_undefined_symbol():
    a = obj('.debug "{\\"a\\": \\"@nowhere\\"}"\nnop', "a.o")
    with pytest.raises(LinkError, match="a.o: debug info refers to undefined symbol 'nowhere'"):
        link([a])


def test_debuginfo_queries(tmp_path):
    a = obj(DEBUG_SRC, "prog.o")
    image, dbg = link([a])
    info = DebugInfo(dbg)
    assert info.symbol_at(0x1000) == ("main", 0)
    assert info.symbol_at(0x1010) == ("main", 0x10)
    assert info.symbol_at(0x1018) == ("static_fn", 0)
    assert info.symbol_at(0x1020) is None             # past the end of the code
    assert info.symbol_at(0xF0000000) is None
    assert info.line_at(0x1000) == ("prog.c", 3, 1)
    assert info.line_at(0x1010) == ("prog.c", 4, 5)   # ret: still line 4
    assert info.line_at(0x1018) == ("prog.c", 10, 0)
    assert info.line_at(0x2000) is None               # data has no lines
    assert info.addrs_of_line("prog.c", 4) == [0x1008]
    assert info.addr_of("g") == 0x2000 and info.addr_of("nope") is None


def test_cli_ld_writes_image_and_dbg(tmp_path, capsys):
    (tmp_path / "main.s").write_text(MAIN)
    (tmp_path / "lib.s").write_text(LIB)
    for n in ("main", "lib"):
        assert main(["as", str(tmp_path / f"{n}.s"), "-o", str(tmp_path / f"{n}.o")]) == 0
    out = tmp_path / "prog.img"
    assert main(["ld", str(tmp_path / "main.o"), str(tmp_path / "lib.o"), "-o", str(out),
                 "--entry", "puts", "--base", "0x8000"]) == 0
    image = Image.load(out)
    assert image.segments[0].vaddr == 0x8000 and image.entry == 0x8000 + 40
    assert debug_path(out) == str(out) + ".dbg"
    dbg = json.loads(open(debug_path(out)).read())
    assert DebugInfo.load(out).addr_of("puts") == image.entry
    assert dbg["entry"] == image.entry


@pytest.mark.parametrize("args, message", [
    (["--base", "zz"], "minos ld: --base: 'zz' is not an address"),
    (["--base", "0x1001"], "minos ld: base address 0x1001 must be a multiple of 4096"),
    (["--entry", "nowhere"], "minos ld: entry symbol 'nowhere' is not defined by any object (it must be .global)"),
])
def test_cli_ld_bad_options(tmp_path, capsys, args, message):
    (tmp_path / "a.s").write_text("nop")
    main(["as", str(tmp_path / "a.s")])
    assert main(["ld", str(tmp_path / "a.o"), "-o", str(tmp_path / "a.img"), *args]) == 1
    assert capsys.readouterr().err == message + "\n"


def test_cli_ld_errors(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.s").write_text("call missing")
    (tmp_path / "junk.o").write_text("not json")
    main(["as", str(tmp_path / "a.s")])
    monkeypatch.chdir(tmp_path)
    assert main(["ld", "a.o", "-o", "a.img"]) == 1
    assert capsys.readouterr().err == \
        "minos ld: a.s:1: undefined symbol 'missing' (in the object a.o, from a.s)\n"
    assert main(["ld", "junk.o"]) == 1
    assert capsys.readouterr().err.startswith("minos ld: junk.o: not a minos object file")
    assert main(["ld", "absent.o"]) == 1
    assert capsys.readouterr().err.startswith("minos ld: absent.o: cannot read object file")


@pytest.mark.parametrize("change, message", [
    ({"symbols": [{"name": "x", "section": ".nope", "value": 0, "global": False, "kind": "other"}]},
     "x.o: malformed object file (ValueError: symbol 'x' is in unknown section '.nope')"),
    ({"relocations": [{"section": ".text", "offset": 0, "symbol": "x", "addend": 0, "kind": "rel8"}]},
     "x.o: malformed object file (ValueError: unknown relocation kind 'rel8')"),
    ({"lines": [[".data", 0, "a.c", 1, 0]]},
     "x.o: malformed object file (ValueError: line table entry in unknown section '.data')"),
    ({"sections": [{"name": ".text", "flags": "rx", "align": 8, "data": "zz"}]},
     "x.o: malformed object file (ValueError: non-hexadecimal number found in fromhex() arg at position 0)"),
    ({"sections": 5}, "x.o: malformed object file (TypeError: 'int' object is not iterable)"),
    ({"version": 2}, "x.o: unsupported object file version 2"),
])
def test_object_load_rejects_malformed(change, message):
    d = {"format": "minos-object", "version": 1, "source": "x.s", "sections": [
        {"name": ".text", "flags": "rx", "align": 8, "data": ""}], "symbols": [],
        "relocations": [], "lines": [], "debug": []}
    d.update(change)
    with pytest.raises(ObjectError) as e:
        ObjectFile.from_json(json.dumps(d), "x.o")
    assert str(e.value) == message


def test_relocation_outside_its_section():
    o = obj("nop", "a.o")
    o.relocs.append(Reloc(".text", 6, "a", 0))
    o.symbols.append(Symbol("a", ".text", 0))
    with pytest.raises(LinkError, match=r"a.o: relocation at .text\+0x6 is outside the section"):
        link([o])


def test_malformed_debug_file(tmp_path):
    (tmp_path / "p.img.dbg").write_text("[1, 2")
    with pytest.raises(DebugInfoError, match="not a debug file"):
        DebugInfo.load(tmp_path / "p.img")
    assert DebugInfo.load(tmp_path / "q.img").present is False
    (tmp_path / "elsewhere.dbg").write_text('{"entry": 0, "symbols": [{"name": "m", "addr": 16, '
                                            '"size": 8, "kind": "func", "global": true}]}')
    assert DebugInfo.from_file(tmp_path / "elsewhere.dbg").symbol_at(20) == ("m", 4)
    with pytest.raises(DebugInfoError, match="no debug file"):
        DebugInfo.load(tmp_path / "q.img", required=True)


def test_link_100_objects_quickly():
    objects = []
    for i in range(100):
        lines = [f".global f{i}", f".file \"f{i}.c\""]
        for j in range(50):
            lines += [f"f{i}_{j}:" if j else f"f{i}:", f".loc {j + 1}",
                      f"call f{(i + 1) % 100}", f"la a0, d{i}", "lw a1, 4(a0)", "ret"]
        lines += [".data", f"d{i}: .word f{i}, 0", f'.debug "{{\\"fn\\": \\"@f{i}\\"}}"']
        objects.append(obj("\n".join(lines), f"f{i}.o"))
    start = time.process_time()
    image, dbg = link(objects)
    elapsed = time.process_time() - start
    assert len(dbg["debug"]) == 100 and len(dbg["lines"]) == 5000
    info = DebugInfo(dbg)
    assert imm(image, info.addr_of("f0")) == info.addr_of("f1")
    assert elapsed < 1.0, f"linking 100 objects took {elapsed:.2f}s"


def test_runs_on_the_machine(tmp_path, capsys):
    pytest.importorskip("vm.machine")
    img = str(tmp_path / "hi.img")
    assert main(["as", str(HERE / "asm" / "hello.s"), "-o", str(tmp_path / "hi.o")]) == 0
    assert main(["ld", str(tmp_path / "hi.o"), "-o", img]) == 0
    capsys.readouterr()
    assert main(["machine", img]) == 3
    assert capsys.readouterr().out == "hi\n"


def test_linker_defines_end_symbols():
    """_etext, _edata and _end mark the ends of text, data and the whole image."""
    from lang.asm import assemble
    from lang.link import link
    obj = assemble("""
        .text
        .global _start
    _start:
        li a0, _end
        li a1, _edata
        li a2, _etext
        .data
        .word 1
        .bss
        .space 100
    """, "ends.s")
    image, _ = link([obj])
    text, data = image.segments
    words = [int.from_bytes(text.data[i:i + 4], "little") for i in (4, 12, 20)]
    assert words == [data.vaddr + data.memsize, data.vaddr + 4, text.vaddr + text.memsize]
    assert data.memsize == 104


# ---- fixed writable sections (link(..., fixed=(addr, chosen))) ----

TABLES = """
    .global table, count
    .data
count:  .word 0
    .bss
table:  .space 5000
"""

USER = """
    .global _start
    .text
_start: la a0, table
        la a1, count
        la a2, _efixed
        la a3, _fixed
        ret
    .data
mine:   .word 3
"""


def test_fixed_sections_lie_outside_the_image_at_the_same_address():
    user, tables = obj(USER, "user.o"), obj(TABLES, "tables.o")
    image, dbg = link([user, tables], base=0x1000, fixed=(0xD0000000, [tables]))
    syms = {s["name"]: s["addr"] for s in dbg["symbols"]}
    assert syms["count"] == 0xD0000000 and syms["table"] == 0xD0000004
    assert imm(image, 0x1000) == 0xD0000004                        # la a0, table
    assert imm(image, 0x1008) == 0xD0000000                        # la a1, count
    assert imm(image, 0x1010) == 0xD0000004 + 5000                 # _efixed
    assert imm(image, 0x1018) == 0xD0000000                        # _fixed
    # no segment holds them; the user's own data stays in the image
    assert all(s.vaddr < 0xD0000000 for s in image.segments)
    assert word(image, syms["mine"]) == 3
    # another program with more code finds them at the same addresses
    other = obj(USER.replace("ret", "nop\n nop\n ret"), "other.o")
    _, dbg2 = link([other, obj(TABLES, "tables.o")], base=0x1000,
                   fixed=(0xD0000000, []))
    assert {s["name"]: s["addr"] for s in dbg2["symbols"]}["table"] != 0xD0000004   # not chosen: in the image
    t2 = obj(TABLES, "tables.o")
    _, dbg3 = link([other, t2], base=0x1000, fixed=(0xD0000000, [t2]))
    assert {s["name"]: s["addr"] for s in dbg3["symbols"]}["table"] == 0xD0000004


def test_fixed_sections_must_start_zeroed():
    tables = obj(TABLES.replace("count:  .word 0", "count:  .word 7"), "tables.o")
    with pytest.raises(LinkError, match="initialized data.*must start zeroed"):
        link([obj(USER, "user.o"), tables], fixed=(0xD0000000, [tables]))
    pointer = obj(TABLES.replace("count:  .word 0", "count:  .word table"), "ptr.o")
    with pytest.raises(LinkError, match="must start zeroed"):
        link([obj(USER, "user.o"), pointer], fixed=(0xD0000000, [pointer]))


def test_fixed_address_errors():
    user, tables = obj(USER, "user.o"), obj(TABLES, "tables.o")
    with pytest.raises(LinkError, match="multiple of 4096"):
        link([user, tables], fixed=(0xD0000010, [tables]))
    with pytest.raises(LinkError, match="overlap the image's segment"):
        link([user, tables], base=0x1000, fixed=(0x1000, [tables]))
