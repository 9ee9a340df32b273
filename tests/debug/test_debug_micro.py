"""The debugger on the microkernel (issue 15): `info servers`, `info ipc`,
`catch ipc`, and `step` following `cat README`'s messages into the fs
server's handler, and `finish` back to cat with the reply. One boot,
shared by the module; every command is bounded by the session's budget."""

import re

import pytest

from debug_helpers import KernelTranscript

pytestmark = pytest.mark.slow

BUDGET = 20_000_000            # instructions one command may run (the boot to cat's first call: ~2.8M)


def MicroTranscript():
    """A strict transcript of `minos debug --kernel micro` (debug_helpers.py)."""
    return KernelTranscript(kernel="micro", budget=BUDGET, strict=True)


def _dap_thread_names(engine):
    """The names `minos dap` gives its threads (one per core), by the
    adapter's own code."""
    from types import SimpleNamespace

    from shell.dap.adapter import Adapter
    adapter = SimpleNamespace(engine=engine)
    Adapter._remember_threads(adapter)
    return adapter.thread_names


@pytest.fixture(scope="module")
def stages():
    t = MicroTranscript()
    out = {"before": t.run("info servers\ncatch ipc fs\ncatch ipc 99\ncatch ipc 1x")}
    out["at call"] = t.run(r"""input echo hi > README\n
input svc kill disk\n
input cat README\n
break cat:ipc.S:30
continue
info servers
info ipc""")
    out["followed"] = t.run("step\nbt\ninfo ipc\ninfo programs")
    out["dap threads"] = _dap_thread_names(t.session.engine)
    out["in server"] = t.run("step\nstep\nbt 1\nfinish")
    out["back"] = t.run("finish\nbt\ninfo registers a0 a2")
    out["read"] = t.run("continue\nstep\nprint m->w[1]\nfinish")
    out["catch"] = t.run("delete\ncatch ipc fs\ninfo breakpoints\ncontinue\ncontinue")
    out["stale"] = t.run("delete\nbreak cat:ipc.S:30\ncontinue\nstep\ndelete\nbreak fs:handle\ncontinue\n"
                         "finish")
    return out


def test_before_boot_no_task_and_clear_errors(stages):
    out = stages["before"]
    assert "0 task(s)" in out
    assert "catch ipc: no server 'fs' receives on an endpoint now (no task has started yet" in out
    assert "catch ipc: no endpoint 99 (there are 64)" in out
    assert "no server '1x'" in out and "Traceback" not in out


def _fs_ep(out):
    return re.search(r"blocked in recv on ep (\d+) \(fs\)", out).group(1)


def test_info_servers_at_cats_first_call(stages):
    out = stages["at call"]
    assert "Breakpoint 1, [ring 3] __ipcmsg () at ipc.S:30" in out
    assert re.search(r"task name       threads +endpoints +restarts  state\n", out)
    ep = _fs_ep(out)
    # the fs server's first worker waits for requests (its other workers wait too)
    assert re.search(rf"\n\d+ +fs +[\d,]+ +{ep}r [\ds ]*? +0 +\[\d+\] blocked in recv on ep {ep} \(fs\)\n", out)
    # `svc kill disk`: rs restarted the disk driver once (its table says so), on the same endpoint
    assert "svc: disk killed" in out
    assert re.search(r"\n\d+ +disk +\d+ +(\d+)r [\ds ]*? +1 +\[\d+\] blocked in recv on ep \1 \(disk\)\n", out)
    assert re.search(r"\n\d+ +sh +\d+ .* +- +\[\d+\] blocked in call on pm \(reply kept in its slot \d+\)\n", out)
    assert re.search(r"\n\d+ +cat +\d+ +(\d+s )+ +- +\[\d+\] running on core 0\n", out)
    assert re.search(r"\n\d+ +rs +[\d,]+ .*\[\d+\] blocked in recv on ep \d+ \(rs\)\n", out)
    assert "restarts: of the services rs watches (its table); - for the others" in out


def test_info_ipc_who_waits_on_whom(stages):
    out = stages["at call"]
    assert re.search(rf"  ep {_fs_ep(out)} \(fs\):\n    receivers: fs\[\d+\]", out)
    # sh waits for cat in pm (wait), its reply kept; init waits for any child
    assert re.search(r"  sh\[\d+\] -> pm, reply kept in its slot (\d+): PM_WAIT \d+ 0 \S+ \S+\n", out)
    assert re.search(r"  init\[\d+\] -> pm, reply kept in its slot \d+: PM_WAIT 0xffffffff 0 \S+ \S+\n", out)
    assert re.search(r"Kept replies \(savereply\):\n  pm slot \d+: answers init\[\d+\]\n", out)


def test_step_follows_the_message_into_the_fs_servers_handler(stages):
    out = stages["followed"]
    assert "[message FS_OPEN 0 0 0 0 (+7 bytes) from cat taken by fs: `finish` returns to the caller " \
           "with the reply]" in out
    assert re.search(r"\nhandle \(m=0x[0-9a-f]+\) at main\.c:\d+\n", out)
    # the symbols are the fs server's: its handler, called by a worker's serve loop
    assert re.search(r"#1  0x[0-9a-f]+ in serveroom \(ep=\d+, buf=0x[0-9a-f]+ \"README\"", out)
    assert re.search(r"#\d  0x[0-9a-f]+ in workerloop \(.*\) at worker\.c:\d+", out)
    assert re.search(r"  cat\[\d+\] -> fs\[\d+\], serving it: FS_OPEN 0 0 0 0 \(\+7 bytes\)\n", out)


def test_dap_names_the_thread_by_the_server_it_runs(stages):
    assert stages["dap threads"] == ["core 0: fs, ring 3"]


def test_stepping_in_the_server(stages):
    out = stages["in server"]
    # handle's first call: which worker am I (servers/fs/worker.c)
    assert re.search(r"\nself \(\) at worker\.c:\d+\n", out)
    assert "#0  self () at worker.c" in out
    # a finish from a frame deeper than the handler is an ordinary one
    assert "Run till exit from #0 self" in out
    assert re.search(r"\[ring 3\] (0x[0-9a-f]+ in )?handle \(m=0x[0-9a-f]+\) at main\.c:\d+\n", out)
    assert "Value returned is $1 = (struct worker *)" in out


def test_finish_returns_to_cat_with_the_reply(stages):
    out = stages["back"]
    assert re.search(r"Run till exit from #0 (0x[0-9a-f]+ in )?handle \(m=0x", out)
    assert re.search(r"\[back in cat with the reply: a0 = 0, REPLY_OK (\d+) 0 0 0xffffffff\]\n"
                     r"\[ring 3\] __ipcmsg \(\) at ipc\.S:31\n", out)
    fd = re.search(r"REPLY_OK (\d+) ", out).group(1)
    # cat's own frames again: the call returns into fscall, called by open
    assert re.search(r"#1  0x[0-9a-f]+ in fscall \(.*\) at fsclient\.c:\d+", out)
    assert re.search(r"#3  0x[0-9a-f]+ in open \(.*\) at fsclient\.c:\d+", out)
    assert re.search(r"a0 +0x00000000 +0\n", out) and re.search(rf"a2 +0x0*{int(fd):x} +{fd}\n", out)


def test_a_read_followed_and_answered_with_the_bytes(stages):
    read = stages["read"]
    assert re.search(r"\[message FS_READ \d+ 4096 \d+ \d+ from cat taken by fs", read)
    assert "$2 = 4096" in read                           # the handler reads the request's words
    assert re.search(r"\[back in cat with the reply: a0 = 0, REPLY_OK 3 \d+ \d+ \S+ \(\+3 bytes\)\]\n"
                     r"\[ring 3\] __ipcmsg \(\) at ipc\.S:31\n", read)


def test_catch_ipc_on_the_fs_server(stages):
    out = stages["catch"]
    ep = _fs_ep(stages["at call"])
    assert re.search(rf"Catchpoint \d+ \(ipc on fs \(ep {ep}\)\)", out)
    assert re.search(rf"catchpoint +keep y +ipc on fs \(ep {ep}\)", out)
    # cat's next message to fs (its write of the bytes) is sent, then fs receives it
    assert re.search(rf"Catchpoint \d+ \(ipc: cat\[\d+\] calls ep {ep} \(fs\): FS_WRITE 1 0 \S+ \S+ "
                     r"\(\+3 bytes\)\) on core 0\n", out)
    # the badge: cat's pid
    assert re.search(rf"Catchpoint \d+ \(ipc: fs\[\d+\] received FS_WRITE 1 0 .* on ep {ep} \(fs\), "
                     r"badge 0x[0-9a-f]+\) on core 0\n\[ring 3\] __ipcmsg \(\) at ipc\.S:31", out)


def test_minos_debug_kernel_micro_launches(capsys):
    from shell.cli import main as minos
    assert minos(["debug", "--kernel", "micro", "--batch", "-ex", "info servers", "-ex", "info ipc",
                  "-ex", "catch syscall call"]) == 0
    out = capsys.readouterr().out
    assert "minos debugger: the micro kernel, 1 core, stopped before the first instruction." in out
    assert "0 task(s)" in out and "Calls waiting for a reply (who waits on whom, with what message):\n  none" in out
    assert "Catchpoint 1 (syscall call)" in out          # micro's call names, from ipc.h


def test_finish_after_the_caller_got_its_reply_is_an_ordinary_one(stages):
    # a message followed, then `continue`: the server answers it and takes
    # the next request; a finish in that one is not a return to the first caller
    out = stages["stale"]
    assert re.search(r"\[message FS_\w+ .* from cat taken by fs", out)
    tail = out.split("(mdb) finish")[1]
    assert "Run till exit from #0 handle (m=0x" in tail
    assert "[back in cat" not in tail
    assert re.search(r"\[ring 3\] 0x[0-9a-f]+ in serveroom \(.*\) at serve\.c:\d+\n", tail)
    assert "Value returned is $" in tail
