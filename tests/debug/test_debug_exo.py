"""The debugger on the exokernel (issue 16): `catch upcall [KIND]`, and
stepping from a faulting user instruction into the library OS's handler
(libos/unix's copy-on-write fault handler, through libos_upcall and
libos_exception) and back to the faulting instruction, which runs again.

init's first fork makes its stack copy-on-write; its next store to the
stack faults. The first boot finds that store with `catch upcall`; the
second stops on it and steps. Both boots are shared by the module; every
command is bounded by the session's budget."""

import re

import pytest

from debug_helpers import KernelTranscript

pytestmark = pytest.mark.slow

BUDGET = 5_000_000             # instructions one command may run (init's first fork: ~0.7M)


def ExoTranscript():
    """A strict transcript of `minos debug --kernel exo` (debug_helpers.py)."""
    return KernelTranscript(kernel="exo", budget=BUDGET, strict=True)


@pytest.fixture(scope="module")
def first():
    t = ExoTranscript()
    out = {"errors": t.run("catch upcall bogus\ncatch ipc")}
    out["catch"] = t.run("catch upcall revoke\ncatch upcall pagefault\ninfo breakpoints\ncontinue\nbt\n"
                         "info envs")
    from types import SimpleNamespace

    from shell.dap.adapter import Adapter
    adapter = SimpleNamespace(engine=t.session.engine)
    Adapter._remember_threads(adapter)          # how `minos dap` names its threads (one per core)
    out["dap threads"] = adapter.thread_names
    out["finish"] = t.run("delete\nbreak init:libos_exception\ncontinue\nbt\nfinish\nx/i $pc")
    return out


@pytest.fixture(scope="module")
def second(first):
    epc = re.search(r"epc (0x[0-9a-f]+)\) on core 0", first["catch"]).group(1)
    t = ExoTranscript()
    out = {"epc": epc}
    out["at store"] = t.run(f"break init:*{epc}\ncontinue\nx/i $pc")
    out["step"] = t.run("delete\nstep\nbt\nstep")
    out["handler"] = t.run("break init:unix_pagefault\ncontinue\nbt")
    out["step back"] = t.run("finish\nstep\nstep\nx/i $pc\nstepi\nprint $ring")
    return out


def test_bad_kinds_are_one_line_errors(first):
    out = first["errors"]
    assert "catch upcall: unknown kind 'bogus' (choose from illegal, privileged, pagefault, tlbmiss, " \
           "misaligned, divzero, breakpoint, revoke, or none for every upcall)" in out
    assert "this needs kernel/micro's debug info" in out


def test_catch_upcall_stops_on_entry_to_the_librarys_handler(first):
    out = first["catch"]
    assert "Catchpoint 1 (upcall revoke)\n" in out and "Catchpoint 2 (upcall pagefault)\n" in out
    assert re.search(r"Catchpoint 2 \(upcall pagefault in env 65 \(init\): address 0xefff[0-9a-f]+, "
                     r"access 1, epc 0x[0-9a-f]+\) on core 0\n\[ring 3\] libos_upcall \(\) at entry\.S:\d+", out)
    assert re.search(r"#1  0x[0-9a-f]+ in \w+ \(.*\) at mem\.c:\d+  \[ring 3\]", out)    # the faulting code
    assert re.search(r"#\d  0x[0-9a-f]+ in main \(\) at init\.c:\d+", out)
    assert re.search(r"1    130   NOT_RUNNABLE  65 ", out)          # fork's child, not run yet


def test_dap_names_the_thread_by_the_env_it_runs(first):
    assert first["dap threads"] == ["core 0: init, ring 3"]


def test_finish_from_libos_exception_resumes_the_faulting_code(first):
    out = first["finish"]
    assert re.search(r"Breakpoint 3, \[ring 3\] libos_exception \(f=0xefff[0-9a-f]+\) at libos\.c:\d+", out)
    # the backtrace crosses the upcall through struct exoframe to the faulting code
    assert "--- trap: upcall: pagefault from ring 3 ---" in out
    assert re.search(r"#1  0x[0-9a-f]+ in libos_upcall \(\) at entry\.S:\d+", out)
    tail = out.split("(mdb) finish")[1]
    assert "Run till exit from #0 libos_exception" in tail
    epc = re.search(r"epc (0x[0-9a-f]+)\)", first["catch"]).group(1)
    assert re.search(rf"=> {epc} <\w+\+\d+>:\tsw ", tail)          # the store, about to run again


def test_step_at_the_faulting_store_enters_the_handler(second):
    assert re.search(rf"Breakpoint 1, \[ring 3\] {second['epc']} in \w+ ", second["at store"])
    assert re.search(r"=> 0x[0-9a-f]+ <\w+\+\d+>:\tsw ", second["at store"])
    out = second["step"]
    assert re.search(r"\[upcall pagefault to the library's handler: address 0xefff[0-9a-f]+, "
                     rf"epc {second['epc']}\]\nlibos_upcall \(\) at entry\.S:\d+\n", out)
    # on the upcall's first instruction the backtrace goes through the save area
    # (the faulting pc) into the faulting code
    assert re.search(rf"#0  libos_upcall \(\) at entry\.S:\d+  \[ring 3\]\n    --- trap: upcall: pagefault "
                     rf"from ring 3 ---\n#1  {second['epc']} in \w+ \(", out)
    # the next step runs the assembly stub and stops in the C handler
    assert re.search(r"\(mdb\) step\nlibos_exception \(f=0xefff[0-9a-f]+\) at libos\.c:\d+\n", out)


def test_the_copy_on_write_handler_and_its_backtrace(second):
    out = second["handler"]
    assert re.search(r"Breakpoint \d+, \[ring 3\] unix_pagefault \(f=0xefff[0-9a-f]+\) at mem\.c:\d+", out)
    assert re.search(r"#1  0x[0-9a-f]+ in libos_exception \(f=0xefff[0-9a-f]+\) at libos\.c:\d+", out)
    assert "--- trap: upcall: pagefault from ring 3 ---" in out
    assert re.search(rf"#3  {second['epc']} in \w+ \(", out)


def test_step_to_the_handlers_end_resumes_the_faulting_store(second):
    out = second["step back"]
    assert re.search(r"\[ring 3\] libos_exception \(f=0xefff[0-9a-f]+\) at libos\.c:\d+", out)
    assert re.search(rf"\n{second['epc']} in \w+ \(.*\) at mem\.c:\d+\n", out)
    assert re.search(rf"=> {second['epc']} <\w+\+\d+>:\tsw ", out)
    assert "$1 = 3" in out                    # the store ran: no second fault, still in ring 3


def test_minos_debug_kernel_exo_launches(capsys):
    from shell.cli import main as minos
    assert minos(["debug", "--kernel", "exo", "--batch", "-ex", "info envs", "-ex", "catch upcall tlb",
                  "-ex", "catch syscall resume"]) == 0
    out = capsys.readouterr().out
    assert "minos debugger: the exo kernel, 1 core, stopped before the first instruction." in out
    assert "0 environment(s)" in out
    assert "Catchpoint 1 (upcall tlb)" in out
    assert "Catchpoint 2 (syscall resume)" in out        # exo's call names, from exoabi.h


def test_a_tlb_miss_upcall_of_a_software_tlb_env_and_back():
    """tests/exo's tlbtest: an env in the software-TLB mode; a miss the
    kernel's STLB cannot serve is the library's (libos/stlb.c)."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exo"))
    from exo_helpers import bundle

    from shell.debugger.exo_cmds import exo_session
    kernel, disk, images = bundle("tlbtest")
    chunks = []
    session = exo_session(kernel, disk, images, write=chunks.append, budget=3_000_000)
    for line in ("catch upcall tlbmiss", "continue", "bt", "step", "finish"):
        session.write("(mdb) " + line)
        session.execute(line)
    out = "".join(chunks)
    assert "(the budget)" not in out
    m = re.search(r"Catchpoint 1 \(upcall tlbmiss in env 65 \(tlbtest\): address (0x[0-9a-f]+), access 1, "
                  r"epc (0x[0-9a-f]+)\) on core 0\n\[ring 3\] libos_upcall \(\) at entry\.S:\d+", out)
    assert m
    assert f"--- trap: upcall: tlbmiss from ring 3 ---\n#1  {m.group(2)} in main () at tlbtest.c:" in out
    assert re.search(r"\(mdb\) step\nlibos_exception \(f=0x[0-9a-f]+\) at libos\.c:\d+\n", out)
    assert re.search(rf"Run till exit from #0 libos_exception .*\n\[ring 3\] {m.group(2)} in main \(\) at "
                     r"tlbtest\.c:\d+\n", out)
