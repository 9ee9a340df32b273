"""The debugger follows every IPC on the microkernel (issue 15;
shell/debugger/engine/follow.py): `step` on a call goes into the server's
handler, on a replyrecv that answers a caller back into that caller, on a
signal over it (saying whom it wakes), on a send into the code of the
thread that receives it; and the reverse commands cross
back: reverse-step from where a followed step or finish stopped returns
to where it started, reverse-finish in a followed handler returns to the
sender's call, and the followed record is restored with the position (a
`finish` after going back into the server still returns to the client).
One boot of the default system, shared by the module (the default system
makes no send: a second boot, of the IPC tests' bundle, tests/micro/
programs/ipctest.c, follows one); every command is bounded."""

import re
import shutil
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
from debug_helpers import KernelTranscript, Transcript

pytestmark = pytest.mark.slow

BUDGET = 20_000_000            # instructions one command may run (the boot to cat's first call: ~2.8M)
SYS_REPLYRECV = 5              # kernel/include/ipc.h


@pytest.fixture(scope="module")
def stages():
    t = KernelTranscript(kernel="micro", budget=BUDGET, strict=True)
    out = {"call": t.run(r"""input echo hi > README\n
input cat README\n
break cat:ipc.S:30
continue
delete
step
reverse-step
bt 2""")}
    out["again"] = t.run("step\nreverse-finish\nstep\nfinish\nreverse-step\nbt 1\nfinish")
    out["reply"] = t.run(f"break fs:ipc.S:30 if $t0 == {SYS_REPLYRECV}\ncontinue\nstep\nbt 3\n"
                         "reverse-step\nbt 1")
    out["signal"] = t.run("delete\nbreak fs:ntfn_signal\ncontinue\nstep\nstep\nbt 2")
    return out


OPEN = re.escape("FS_OPEN 0 0 0 0 (+7 bytes)")


def test_step_on_a_call_then_back(stages):
    out = stages["call"]
    assert re.search(rf"\(mdb\) step\n\[message {OPEN} from cat taken by fs: `finish` returns to the "
                     r"caller with the reply\]\nhandle \(m=0x[0-9a-f]+\) at main\.c:\d+\n", out)
    # reverse-step undoes the step: cat, at its syscall, its frames again
    assert re.search(rf"\(mdb\) reverse-step\n\[back in cat, before its message {OPEN} was taken\]\n"
                     r"__ipcmsg \(\) at ipc\.S:30\n30\t +syscall\n", out)
    assert re.search(r"#1  0x[0-9a-f]+ in fscall \(.*\) at fsclient\.c:\d+", out)


def test_reverse_finish_in_the_handler_returns_to_the_senders_call(stages):
    out = stages["again"]
    assert re.search(rf"\(mdb\) reverse-finish\n\[back in cat, before it sent {OPEN}\]\n"
                     r"\[ring 3\] __ipcmsg \(\) at ipc\.S:30\n", out)


def test_finish_undone_then_again(stages):
    """finish back to cat, reverse-step into fs's handler again: the
    message is followed again there, so finish returns to cat again."""
    out = stages["again"]
    parts = out.split("(mdb) reverse-step\n")
    assert len(parts) == 2
    assert re.search(r"\[back in cat with the reply: a0 = 0, REPLY_OK \d+ 0 0 0xffffffff\]\n"
                     r"\[ring 3\] __ipcmsg \(\) at ipc\.S:31\n", parts[0])
    assert re.search(r"^\[back in fs, before cat had the reply\]\nhandle \(m=0x[0-9a-f]+\) at main\.c:\d+\n",
                     parts[1])
    assert "#0  handle (m=0x" in parts[1]
    assert re.search(r"\(mdb\) finish\nRun till exit from #0 handle \(m=0x[0-9a-f]+\) at main\.c:\d+\n"
                     r"\[back in cat with the reply: a0 = 0, REPLY_OK", parts[1])


def test_step_on_replyrecv_follows_the_reply_into_the_client(stages):
    out = stages["reply"]
    assert re.search(r"Breakpoint \d+, \[ring 3\] __ipcmsg \(\) at ipc\.S:30\n", out)
    # the fs server answers cat's read: the step ends in cat, after its call, with the bytes
    # (3 of them; the words after the count are whatever the server's message held)
    assert re.search(r"\(mdb\) step\n\[back in cat with the reply: a0 = 0, REPLY_OK 3 \d+ \d+ \S+ "
                     r"\(\+3 bytes\)\]\n31\t", out)
    assert re.search(r"#1  0x[0-9a-f]+ in fscall \(.*\) at fsclient\.c:\d+", out)
    assert re.search(r"#2  0x[0-9a-f]+ in read \(fd=\d+, .*\) at fsclient\.c:\d+", out)
    # and back: fs, at its replyrecv
    assert re.search(r"\(mdb\) reverse-step\n\[back in fs, before cat had the reply\]\n30\t +syscall\n", out)


def test_step_on_a_signal_says_whom_it_wakes_and_goes_on(stages):
    # sh reads the console: the fs server parks the read and signals its
    # console reader thread (servers/fs/console.c)
    out = stages["signal"]
    assert re.search(r"Breakpoint \d+, \[ring 3\] ntfn_signal \(\) at ipc\.S:\d+\n", out)
    assert re.search(r"\(mdb\) step\n\[signal ntfn \d+: wakes fs\[(\d+)\]; fs\[(?!\1)\d+\] goes on\]\n"
                     r"\d+\t +ret\n", out)
    assert "[ring 0]" not in out.split("(mdb) step\n")[-2]        # not into the kernel
    assert re.search(r"#1  0x[0-9a-f]+ in \w+ \(.*\) at console\.c:\d+", out)   # the fs server's console.c


class BundleTranscript(Transcript):
    """A transcript of the micro kernel with the IPC tests' boot bundle:
    ipctest as the root task, its peers (shell/perf/ipcbench.py's
    bundle_build, as tests/micro/test_ipc.py boots it)."""

    def __init__(self, out):
        from shell.debug_cmd import attach_system
        from shell.perf.ipcbench import bundle_build
        from vm.machine import Machine
        from tests.micro.test_ipc import PEERS, PROGRAM
        images = bundle_build(build_mod.ROOT, out, [("ipctest", PROGRAM), ("peer", PEERS)])
        machine = Machine(cores=1, mem_mib=16, disk=bytearray(images.fs_img.read_bytes()))
        machine.load_image(str(images.kernel_img))
        self.chunks = []
        self.session = attach_system(machine, images, self.chunks.append, budget=BUDGET)
        self.engine = self.session.engine


@pytest.fixture(scope="module")
def sent():
    """The waiter peer sends to the root task (ipctest.c's test_revoke),
    which takes it in its own code (a recv, not a server loop)."""
    out = Path(tempfile.mkdtemp(prefix="minos-debug-send-"))
    try:
        t = BundleTranscript(out)
        yield t.run("break peer:waiter\ncontinue\nbreak peer:ipc.S:30\ncontinue\ninfo registers t0\n"
                    "delete\nstep\nbt 2\nreverse-step\nbt 2")
    finally:
        shutil.rmtree(out, ignore_errors=True)


def test_step_on_a_send_follows_it_into_the_receivers_code(sent):
    assert re.search(r"t0 +0x00000001 +1\n", sent)           # SYS_send (ipc.h)
    assert re.search(r"\(mdb\) step\n\[message \S+ 1 0 0 0 from peer taken by ipctest: a send, no reply "
                     r"comes back\]\ntest_revoke \(\) at ipctest\.c:\d+\n", sent)
    assert re.search(r"#1  0x[0-9a-f]+ in main \(.*\) at ipctest\.c:\d+", sent)
    # and back: the peer, at its send
    assert re.search(r"\(mdb\) reverse-step\n\[back in peer, before its message \S+ 1 0 0 0 was taken\]\n"
                     r"__ipcmsg \(\) at ipc\.S:30\n", sent)
    assert re.search(r"#1  0x[0-9a-f]+ in waiter \(\) at ipcpeers\.c:\d+", sent)
