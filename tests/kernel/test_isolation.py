"""A user program cannot reach the kernel: touching kernel memory or a
device, or running a privileged instruction, kills it (wait status -1)
with a message, and the kernel keeps running."""

from ktest_helpers import failures, run_ktest

KILLS = [
    "read kernel memory", "write kernel memory", "NULL dereference",
    "device register", "write own text", "cli", "csrw", "iret",
    "jump into kernel", "divide by zero",
]


def test_faulting_programs_are_killed_kernel_survives(tmp_path):
    output, result = run_ktest(tmp_path, ["isolation"], max_instructions=30_000_000)
    assert not failures(output), "\n".join(failures(output))
    for what in KILLS:
        assert f"ok isolation: {what} kills\n" in output
    assert "ok isolation: stack overflow hits guard page\n" in output
    # the kernel's report of each kill names the cause and the address
    assert "page fault at pc" in output and "(read of 0x00010000): killed" in output
    assert "privileged instruction at pc" in output
    assert "panic" not in output
    assert "KTEST PASSED" in output and result.exit_code == 0
