"""Debug info written by the compiler (docs/debuginfo.md): the line table,
and variable locations checked the way a debugger uses them: stop the
machine at a line's address and read the variable from a register or from
the frame."""

import pytest

from lang.cc.driver import Driver, Options
from lang.debuginfo import DebugInfo
from vm.image import Image
from vm.machine import Machine

PROGRAM = """\
int work(int n) {
    int acc = 0;
    int arr[3];
    for (int i = 0; i < n; i++) {
        acc += i;
        arr[i % 3] = acc;
    }
    return acc + arr[0];
}
struct point { int x; char tag; };
typedef unsigned int u32;
struct point origin = {1, 'o'};
u32 counter = 7;
int main(void) {
    static int calls;
    calls++;
    return work(5) + origin.x + calls;
}
"""
BOTH = pytest.mark.parametrize("opt", [0, 1])


def build(tmp_path, opt):
    src = tmp_path / "dbg.c"
    src.write_text(PROGRAM)
    img = tmp_path / f"dbg.O{opt}.img"
    Driver(Options(opt=opt, bare=True)).link([str(src)], str(img))
    return img, DebugInfo.load(str(img), required=True)


def entry(info, kind, name):
    for e in info.debug:
        if e.get("kind") == kind and e.get("name") == name and e.get("unit", "").endswith("dbg.c"):
            return e
    raise AssertionError(f"no {kind} entry for {name}")


def types_of(info):
    for e in info.debug:
        if e.get("kind") == "types" and e["unit"].endswith("dbg.c"):
            return e["types"]
    raise AssertionError("no types entry")


def read_var(m, core, var):
    loc = var["loc"]
    if "reg" in loc:
        return core.regs[loc["reg"]]
    if "fp" in loc:
        addr = (core.regs[13] + loc["fp"]) & 0xFFFFFFFF
    else:
        addr = loc["addr"]
    return int.from_bytes(m.read_phys(addr, 4), "little")


def stops_at(img, addr, count):
    """Run to `addr` `count` times; yield (machine, core) at each stop."""
    m = Machine(cores=1)
    m.load_image(Image.load(str(img)))
    state = {"resume": False}

    def hook(core, pc):
        # The hook runs before the instruction; when resuming from a stop at
        # addr, let that instruction execute first.
        if pc == addr and not state["resume"]:
            m.stop()
        state["resume"] = False

    m.add_hook("insn", hook)
    for _ in range(count):
        r = m.run(max_instructions=1_000_000)
        assert r.reason == "stopped", r
        yield m, m.cores[0]
        state["resume"] = True


@BOTH
def test_line_table_has_every_statement(tmp_path, opt):
    img, info = build(tmp_path, opt)
    for line in (2, 4, 5, 6, 8, 16, 17):
        assert info.addrs_of_line("dbg.c", line), f"no code for line {line}"
    work = entry(info, "function", "work")
    addr = info.addrs_of_line("dbg.c", 5)[0]
    assert work["low"] <= addr < work["high"]
    assert info.line_at(work["body"])[1] in (1, 2)


@BOTH
def test_locals_read_from_the_machine_at_a_breakpoint(tmp_path, opt):
    img, info = build(tmp_path, opt)
    work = entry(info, "function", "work")
    vars_ = {v["name"]: v for v in work["params"] + work["locals"]}
    (m, core), = stops_at(img, work["body"], 1)          # `break work`
    assert read_var(m, core, vars_["n"]) == 5
    line5 = min(info.addrs_of_line("dbg.c", 5))
    for k, (m, core) in enumerate(stops_at(img, line5, 5)):
        assert read_var(m, core, vars_["i"]) == k
        assert read_var(m, core, vars_["acc"]) == sum(range(k))
        assert read_var(m, core, vars_["n"]) == 5
    # The array lives in the frame: after the loop it holds [6, 10, 3].
    line8 = min(info.addrs_of_line("dbg.c", 8))
    (m, core), = stops_at(img, line8, 1)
    assert "fp" in vars_["arr"]["loc"]
    base = core.regs[13] + vars_["arr"]["loc"]["fp"]
    assert [int.from_bytes(m.read_phys(base + 4 * i, 4), "little") for i in range(3)] == [6, 10, 3]


def test_register_locations_at_O1(tmp_path):
    img, info = build(tmp_path, 1)
    work = entry(info, "function", "work")
    by_name = {v["name"]: v for v in work["params"] + work["locals"]}
    assert "reg" in by_name["acc"]["loc"] and "reg" in by_name["i"]["loc"]
    img0, info0 = build(tmp_path, 0)
    work0 = entry(info0, "function", "work")
    assert all("fp" in v["loc"] for v in work0["params"] + work0["locals"])


def test_types_globals_and_statics(tmp_path):
    img, info = build(tmp_path, 1)
    types = types_of(info)
    origin = entry(info, "global", "origin")
    t = types[origin["type"]]
    assert t["t"] == "struct" and t["name"] == "point" and t["size"] == 8
    fields = {f["name"]: (types[f["type"]], f["offset"]) for f in t["fields"]}
    assert fields["x"][0]["name"] == "int" and fields["x"][1] == 0
    assert fields["tag"][0] == {"t": "int", "name": "char", "size": 1, "signed": True}
    assert fields["tag"][1] == 4
    assert origin["addr"] == info.addr_of("origin")
    counter = entry(info, "global", "counter")
    td = types[counter["type"]]
    assert td["t"] == "typedef" and td["name"] == "u32"
    assert types[td["to"]]["name"] == "unsigned int" and not types[td["to"]]["signed"]
    calls = entry(info, "global", "calls")
    assert calls["function"] == "main" and calls["static"]
    main = entry(info, "function", "main")
    local = [v for v in main["locals"] if v["name"] == "calls"][0]
    assert local["loc"] == {"addr": calls["addr"]}
    work = entry(info, "function", "work")
    arr = [v for v in work["locals"] if v["name"] == "arr"][0]
    at = types[arr["type"]]
    assert (at["t"], at["size"], at["length"]) == ("array", 12, 3)
    assert types[at["of"]]["name"] == "int"
    fn_type = types[work["type"]]
    assert fn_type["t"] == "function" and types[fn_type["ret"]]["name"] == "int"


@BOTH
def test_backtrace_through_the_frame_chain(tmp_path, opt):
    # Unwind from inside work(): fp+4 holds the return address into main,
    # fp+0 the caller's fp; main's frame links to crt0's fp = 0.
    img, info = build(tmp_path, opt)
    line5 = min(info.addrs_of_line("dbg.c", 5))
    (m, core), = stops_at(img, line5, 1)
    fp = core.regs[13]
    names = []
    pc = core.pc
    while fp:
        names.append(info.symbol_at(pc)[0])
        pc = int.from_bytes(m.read_phys(fp + 4, 4), "little")
        fp = int.from_bytes(m.read_phys(fp, 4), "little")
    assert names == ["work", "main"]


def test_no_debug_info_with_g0(tmp_path):
    src = tmp_path / "p.c"
    src.write_text(PROGRAM)
    asm = Driver(Options(debug=False)).compile_to_asm(str(src))
    assert ".loc" not in asm and ".debug" not in asm
    asm = Driver(Options(debug=True)).compile_to_asm(str(src))
    assert ".loc 5" in asm and '.debug "{\\"kind\\":\\"function\\"' in asm
