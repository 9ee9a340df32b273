"""Milestone A of the exokernel (issue 16): the protection kernel, from a
bare program linked with the minimal libos (programs/exotest.c).

One boot serves every test (module fixture); it runs on the reference
engine with the machine's hooks counting, for each entry from user mode,
the instructions from the trap to the next user-mode instruction.
"""

import pytest

from exo_helpers import PathCounter, assert_check, boot, checks, symbol
import shell.build as build_mod
from shell.build import BuildError

T_PRIVILEGED, T_PAGEFAULT, T_DIVZERO, T_BREAKPOINT, T_SYSCALL = 1, 2, 5, 6, 7
EXO_getenvid, EXO_pct = 2, 14

# The kernel paths measured on this tree (exact: the boot is deterministic;
# a system call's shortest run is its path without a timer interrupt).
DISPATCH = 18           # any exception -> the library handler's first instruction (Aegis: 18)
NULL_CALL = 167         # EXO_getenvid, trap to the instruction after the syscall (the software-TLB
                        # mode and the pct fast path check on the way; -O1 of docs/optimizer.md)
PCT = 40               # EXO_pct: trap to the receiver's first user instruction (goal: 40; entry.s)


@pytest.fixture(scope="module")
def run():
    counter = PathCounter()
    output, result = boot(counter=counter)
    return output, result, counter


def test_the_program_passes_and_powers_off_with_its_status(run):
    output, result, _ = run
    assert "exotest: PASSED" in output, output
    assert result.reason == "halt" and result.exit_code == 0


@pytest.mark.parametrize("name", [
    "info", "info_pages", "getenvid_exposed", "getenvid_child",   # exposed information
    "alloc_named", "map", "alloc_taken", "free_mapped",  # allocation by number
    "refuse_kernel", "refuse_info",                      # bindings refused
    "bad_ppn", "bad_map", "bad_resume", "bad_pct", "run_self", "upcall_needs_xstack",
    "upcall_pagefault", "upcall_divzero", "upcall_breakpoint", "upcall_privileged",
    "xstack_kept",
    "exofork", "refuse_unshared", "share_readonly", "child_mapping",
    "dumbfork", "pct", "pct_words", "pct_reply",
])
def test_check(run, name):
    assert_check(run[0], name)


def test_bindings_refused_with_the_right_errors(run):
    found = checks(run[0])
    assert found["alloc_taken"][1] == -16      # EBUSY
    assert found["refuse_kernel"][1] == -13    # EACCES
    assert found["refuse_unshared"][1] == -13
    assert found["refuse_info"][1] == -22      # EINVAL


def test_exceptions_reach_the_library_handler_in_a_fixed_number_of_instructions(run):
    paths = run[2].paths
    upcall = int(run[0].split("upcall at ")[1].split()[0], 16)
    for key in ((T_PRIVILEGED, 0), (T_DIVZERO, 0), (T_BREAKPOINT, 0), (T_PAGEFAULT, 42)):
        (count, pc), = paths[key]                # (t0 is whatever the program had in it)
        assert pc == upcall
        assert count == DISPATCH, f"cause {key[0]}: {count} instructions"


def test_null_call_and_protected_control_transfer(run):
    paths = run[2].paths
    assert min(c for c, _ in paths[(T_SYSCALL, EXO_getenvid)]) == NULL_CALL
    # a pct that found its receiver waiting lands in the receiver's exo_recv
    # (or exo_pct: they share the code), right after its syscall (12th
    # instruction: libos/entry.S saves the registers and sp first); one
    # that did not returns -EAGAIN to the sender
    after_recv = symbol("exotest", "exo_recv") + 12 * 8
    transfers = [c for c, pc in paths[(T_SYSCALL, EXO_pct)] if pc == after_recv]
    assert transfers and min(transfers) == PCT


def test_the_whole_system_builds_as_a_boot_bundle_of_the_userland(tmp_path):
    images = build_mod.build("exo", out=tmp_path)
    assert images.fs_img.read_bytes()[:4] == b"EXOB"
    assert images.kernel_img.is_file() and len(images.programs) > 30


def test_a_bundle_needs_images():
    with pytest.raises(BuildError, match="boot bundle holds"):
        build_mod.exo_bundle([])


def test_bench_runs_exo_by_default_now_that_it_has_files():
    """The Unix library OS has a writable file system (libos/unix/fsport.c),
    so no kernel is kept out of `minos bench`'s default kernels for want of
    files, and exo is measured by default, with no note about it."""
    from shell.build import NO_FILES_YET
    from shell.perf import bench
    notes = []
    assert NO_FILES_YET == {}
    assert "exo" in bench.default_kernels(notes.append)
    assert not any("exo" in n for n in notes), notes


def test_the_program_passes_on_four_cores():
    output, result = boot(cores=4, bound=6_000_000)
    assert "exotest: PASSED" in output, output
    assert result.exit_code == 0


def test_entry_s_knows_the_struct_layouts():
    """kernel/exo/entry.s's pct fast path reads struct env, thread and cpu
    by offset: its .equ values must match the compiler's layouts."""
    import json
    import re
    from exo_helpers import ROOT, bundle
    kernel, _, _ = bundle("exotest")
    layouts = {}
    for entry in json.loads((kernel.parent / (kernel.name + ".dbg")).read_text())["debug"]:
        for t in entry.get("types", []):
            if t.get("t") == "struct" and t.get("name") in ("env", "thread", "cpu") and t.get("fields"):
                layouts[t["name"]] = ({f["name"]: f["offset"] for f in t["fields"]}, t["size"])
    equ = dict(re.findall(r"\.equ (\w+), (-?\d+)", (ROOT / "kernel/exo/entry.s").read_text()))
    env, env_size = layouts["env"]
    thread, _ = layouts["thread"]
    cpu, _ = layouts["cpu"]
    assert int(equ["ENV_SIZE"]) == env_size
    for name in ("id", "status", "t", "ksp", "pd", "asid", "tlbmode", "waitpc"):
        assert int(equ["ENV_" + name.upper()]) == env[name], name
    assert int(equ["T_STATE"]) == thread["state"] and int(equ["T_OWNER"]) == thread["owner"]
    assert int(equ["T_LOCKED"]) == thread["lock"]           # lock.locked is the lock's first word
    assert int(equ["CPU_THREAD"]) == cpu["thread"]


def test_bench_exo_rows_are_the_measured_paths_and_docs_show_them():
    """`minos bench --kernel exo` (shell/perf/exo_paths.py) measures the
    same paths as these tests, and docs/exo.md shows its current table."""
    from exo_helpers import ROOT
    from shell.perf import exo_paths
    from shell.perf.bench import EXO_COMMAND
    from shell.perf.docgen import generated_part
    import test_exo_tlb
    rows = exo_paths.measure(ROOT)
    assert rows["exception"] == DISPATCH and rows["pct"] == PCT and rows["null"] == NULL_CALL
    assert rows["stlb"] == test_exo_tlb.STLB_HIT and rows["tolibrary"] == test_exo_tlb.TO_LIBRARY
    assert rows["getenvid"] == 0
    assert rows["upcallmiss"] > rows["tolibrary"] and rows["pagemap"] > 0
    doc = (ROOT / "docs" / "exo.md").read_text()
    assert generated_part(doc, EXO_COMMAND) == exo_paths.markdown(rows), \
        f"docs/exo.md is stale: run `{EXO_COMMAND}`"
