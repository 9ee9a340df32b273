"""System calls' success and error paths, run from inside the OS by
programs/ktest.c: each check prints "ok NAME" or "FAIL NAME"."""

import pytest

from ktest_helpers import failures, run_ktest


def _passes(tmp_path, groups, cores=1, max_instructions=40_000_000):
    output, result = run_ktest(tmp_path, groups, cores=cores, max_instructions=max_instructions)
    assert not failures(output), "\n".join(failures(output))
    assert "KTEST PASSED" in output
    assert "panic" not in output
    assert result.reason == "halt" and result.exit_code == 0
    return output


def test_process_calls(tmp_path):
    output = _passes(tmp_path, ["processes"])
    for name in ("fork, exit(42), wait", "wait without children gives -1",
                 "waitpid WNOHANG on a running child gives 0", "kill of no such pid gives -1",
                 "killed child exits with -1", "kill wakes a sleeping child"):
        assert f"ok {name}\n" in output


def test_memory_calls(tmp_path):
    output = _passes(tmp_path, ["memory"])
    assert "ok sbrk below the image gives -1\n" in output
    assert "ok sbrk too large gives -1\n" in output


def test_bad_user_pointers_give_minus_one(tmp_path):
    output = _passes(tmp_path, ["pointers", "syscall"])
    assert "ok read into kernel memory gives -1\n" in output
    assert "ok write from kernel memory gives -1\n" in output
    assert "ok unknown system call fails\n" in output


def test_error_numbers(tmp_path):
    """Each failing call gives -1 with the errno of its reason (the kernel
    returns -ENUMBER, libc's stub makes it errno): issue 21."""
    output = _passes(tmp_path, ["errno"], max_instructions=60_000_000)
    for name in ("open of a missing file: ENOENT", "open of a directory for writing: EISDIR",
                 "open of a path over MAXPATH: ENAMETOOLONG", "chdir to a file: ENOTDIR",
                 "open of a path through a file: ENOTDIR", "create in a file: ENOTDIR",
                 "exec of a directory: EACCES", "exec of a path through a file: ENOTDIR",
                 "unlink of a non-empty directory: ENOTEMPTY", "open past NOFILE descriptors: EMFILE",
                 "open past NFILE files in the system: ENFILE",
                 "write to a pipe with no reader: EPIPE", "wait without children: ECHILD",
                 "kill of no such pid: ESRCH", "read into kernel memory: EFAULT",
                 "unknown system call returns -ENOSYS",
                 "exec with exactly MAXARG arguments runs", "exec with MAXARG+1 arguments: E2BIG"):
        assert f"ok {name}\n" in output


def test_exec(tmp_path):
    output = _passes(tmp_path, ["exec"])
    assert "ok exec of a non-image gives -1\n" in output
    assert "ok exec passes argv (child exits 55)\n" in output
    assert "ok freed heap page faults (TLB flushed)\n" in output


CRAFTED = ["a segment on the user stack", "a segment on the devices", "a bss segment above user space",
           "a data segment above user space", "a segment in kernel space", "overlapping segments",
           "a wrapping segment", "filesz > memsz", "a segment larger than memory"]


def test_exec_rejects_crafted_segments_without_panic_or_leak(tmp_path):
    """Issue 18 item 2: the loader (kernel/core/loader.c) checks every
    segment; each of these used to panic the kernel, leak pages or map a
    user page into the kernel's device page table."""
    output = _passes(tmp_path, ["execseg"])
    for what in CRAFTED:
        assert f"ok exec of {what} gives -1\n" in output
    assert "ok a crafted image that is good runs (and dies on its zeros)\n" in output
    assert "ok no pages leak from rejected images\n" in output


def test_groups_procs_sleep(tmp_path):
    output = _passes(tmp_path, ["groups"])
    assert "ok getprocs lists us, running\n" in output
    assert "ok sleep and uptime\n" in output


@pytest.mark.slow
def test_no_page_leaks(tmp_path):
    output = _passes(tmp_path, ["leaks"])
    assert "ok no pages leak across fork/sbrk/exit/kill\n" in output


@pytest.mark.slow
@pytest.mark.parametrize("cores", [2, 4])
def test_everything_on_several_cores(tmp_path, cores):
    output = _passes(tmp_path, [], cores=cores, max_instructions=120_000_000)
    assert output.count("\nok ") >= 60


def test_full_inode_table_gives_enfile_not_panic(tmp_path):
    """Issue 18 item 1: 60 files, 6 children each holding 10 open, fill
    the in-memory inode table (NINODE 50 < NFILE 100). Every call that
    needs one more inode fails with ENFILE (it used to panic in iget),
    leaves nothing half made, and works again once the files close."""
    output = _passes(tmp_path, ["limits"])
    for call in ("open", "create", "mkdir", "chdir", "link", "exec"):
        assert f"ok limits: {call} with the inode table full: ENFILE\n" in output
    for name in ("the failed create left no file", "the failed mkdir left no directory",
                 "the failed link left no name", "open works once the children have exited",
                 "the 60 files removed", "the children's opens fill the inode table: ENFILE"):
        assert f"ok limits: {name}\n" in output


def test_huge_sbrk_and_back_is_quick_and_killable(tmp_path):
    """Issue 18 item 3: sbrk(0x7fffffff); sbrk(-0x7fffffff) used to spend
    3,084 ticks in uvmunmap walking every absent page (and a kill waited
    for it); now uvmunmap skips a range with no page table 4 MiB at a
    time. The instruction bound (6M) is far below the old 30M."""
    output = _passes(tmp_path, ["bigsbrk"], max_instructions=6_000_000)
    for name in ("sbrk(0x7fffffff) then sbrk(-0x7fffffff)", "the pair takes at most 20 ticks",
                 "kill of a process in an sbrk loop", "the kill takes effect within 20 ticks"):
        assert f"ok bigsbrk: {name}\n" in output
