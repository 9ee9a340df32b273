"""info procs: the kernel's process table read through debug info. The
kernel does not boot yet, so a bare program declares a table shaped like
an older kernel/mono/proc.h (the fields in the entry itself, not through
its thread) and the test reads it the same way."""

from debug_helpers import Transcript, compile_program

FAKE_KERNEL_C = r"""
enum procstate { UNUSED, USED, SLEEPING, RUNNABLE, RUNNING, ZOMBIE };
struct proc {
    int lock;
    enum procstate state;
    int pid;
    int cpu;
    unsigned int pagetable;
    unsigned int asid;
    char name[16];
};
struct cpu { int id; struct proc *proc; };
struct proc proc[4];
struct cpu cpus[1];
int main(void) {
    proc[0].state = RUNNING; proc[0].pid = 1; proc[0].asid = 1; proc[0].pagetable = 0x20000;
    proc[0].name[0] = 'i'; proc[0].name[1] = 'n'; proc[0].name[2] = 'i'; proc[0].name[3] = 't';
    proc[2].state = SLEEPING; proc[2].pid = 7; proc[2].asid = 3; proc[2].pagetable = 0x24000;
    proc[2].name[0] = 's'; proc[2].name[1] = 'h';
    cpus[0].proc = &proc[0];
    return 0;
}
"""


def test_info_procs_reads_the_table(tmp_path):
    image = compile_program(tmp_path, {"kernel.c": FAKE_KERNEL_C}, "kernel")
    t = Transcript(image)
    out = t.run("break kernel.c:29\ncontinue\ninfo procs\nprint proc[2].name\nprint *cpus[0].proc")
    assert "slot pid  state     core  asid  pagetable   name" in out
    assert "0    1    RUNNING   0     1     0x00020000  init" in out
    assert "2    7    SLEEPING  -     3     0x00024000  sh" in out
    assert '$1 = "sh"' in out
    assert "state = RUNNING, pid = 1" in out


def test_info_procs_without_a_kernel(recursive):
    t = Transcript(recursive)
    out = t.run("info procs")
    assert "info procs needs the kernel's debug info" in out
