"""kernel/exo's fast paths in the software-TLB mode, the one-way
notification (EXO_notify), the read-only view of an env's page table
(UVPT), a dead env's disk blocks and a child's name, from a bare
program (programs/kerntest.c) on a bundle with spare disk blocks.

One boot serves every test (module fixture), on the reference engine,
with the machine's hooks counting each entry from user mode from the
trap to the next user-mode instruction (exo_helpers.PathCounter).
"""

import pytest

from exo_helpers import PathCounter, assert_check, boot, checks, symbol

T_BREAKPOINT, T_SYSCALL = 6, 7
EXO_pct = 14
BOUND = 12_000_000

# Exact instruction counts on this tree (the boot is deterministic):
SOFT_EXCEPTION = 26     # software-TLB mode: trap -> the library's handler (swtlb.S swexception;
                        # the page-table mode's is 18, test_exo.py; C's upcall() took hundreds)
SOFT_PCT = 51           # software-TLB mode on both sides: trap -> the receiver (swsyscall,
                        # entry.s exo_syscall, exo_swiret; the page-table mode's is 40)


@pytest.fixture(scope="module")
def run():
    counter = PathCounter()
    output, result = boot("kerntest", BOUND, counter, spare=8)
    return output, result, counter.paths


def test_the_program_passes(run):
    output, result = run[0], run[1]
    assert "kerntest: PASSED" in output, output
    assert result.reason == "halt" and result.exit_code == 0


@pytest.mark.parametrize("name", [
    "soft_mode", "soft_exception", "soft_pct",
    "notify_bad", "notify_wakes", "notify_kept", "notify_back",
    "uvpt_entry", "uvpt_none", "uvpt_refused", "uvpt_readonly",
    "disk_dead_freed", "disk_rebind", "disk_domain_kept",
    "name_child", "name_long", "name_fault", "name_self", "name_running",
])
def test_check(run, name):
    assert_check(run[0], name)


def test_notify_refuses_itself_and_no_env_with_esrch(run):
    assert checks(run[0])["notify_bad"][1] == -3


def test_exceptions_in_the_software_tlb_mode_take_the_fast_path(run):
    output, paths = run[0], run[2]
    upcall = int(output.split("upcall at ")[1].split()[0], 16)
    counts = [c for key, found in paths.items() if key[0] == T_BREAKPOINT
              for c, pc in found if pc == upcall]
    assert len(counts) == 3 and min(counts) == SOFT_EXCEPTION, counts


def test_pct_in_the_software_tlb_mode_takes_the_fast_path(run):
    paths = run[2]
    recv = symbol("kerntest", "exo_recv", spare=8)
    transfers = [c for c, pc in paths[(T_SYSCALL, EXO_pct)] if pc == recv + 12 * 8]
    assert len(transfers) >= 5 and min(transfers) == SOFT_PCT, transfers
