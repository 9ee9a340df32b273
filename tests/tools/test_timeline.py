"""`--timeline FILE.json` (shell/timeline.py): the file is valid Chrome
trace-event JSON, and it agrees with the run it shows: its system-call
slices are the machine's system-call traps, one for one, and the calls of
a traced process are the ones the kernel's own `trace` prints, in order."""

import json
import re

import pytest

from shell import timeline
from shell.cli import main
from shell.run_cmd import run_commands
from shell.system import System

BOUND = 60_000_000


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """Two boots in one file, on 2 cores: `ls | wc`, then `trace -1 ls`."""
    path = tmp_path_factory.mktemp("timeline") / "run.json"
    recorder = timeline.Recorder(path)
    runs = []
    with System(cores=2, on_boot=[recorder.booted]) as system:
        for script in ("ls | wc", "trace -1 ls"):
            result = run_commands(script, system=system, max_instructions=BOUND)
            runs.append((result, system.machine.counters()["traps"]["syscall"]))
            recorder.finish()
    summary = recorder.write()
    return json.loads(path.read_text()), summary, runs


def boot_events(data, pid):
    return [e for e in data["traceEvents"] if e.get("pid") == pid]


def test_the_file_is_a_valid_trace(recorded):
    data, summary, _ = recorded
    assert timeline.check(data) == summary
    assert summary["boots"] == 2 and summary["flows"] == 0
    names = {(e["pid"], e.get("tid")): e["args"]["name"] for e in data["traceEvents"]
             if e["ph"] == "M" and e["name"] in ("process_name", "thread_name")}
    assert names[(1, None)] == "boot 1: mono, 2 cores"
    assert names[(1, 1)] == "core 0" and names[(1, 2)] == "core 1"
    assert {e["ph"] for e in data["traceEvents"]} <= timeline.PHASES
    assert {e["name"] for e in data["traceEvents"] if e["ph"] == "C"} == {"free pages",
                                                                          "run queue"}


def test_syscall_slices_are_the_machines_syscall_traps(recorded):
    data, _, runs = recorded
    for pid, (_, traps) in enumerate(runs, start=1):
        calls = [e for e in boot_events(data, pid) if e["ph"] == "B" and e["cat"] == "syscall"
                 and not e["args"].get("resumed")]
        assert len(calls) == traps > 20


def test_process_slices_show_the_programs_of_ls_pipe_wc(recorded):
    data, _, _ = recorded
    shown = {e["name"].split(" [")[0] for e in boot_events(data, 1)
             if e["ph"] == "B" and e["cat"] == "process"}
    assert {"init", "sh", "ls", "wc"} <= shown
    # every system-call slice lies inside a process slice of its own thread
    for e in boot_events(data, 1):
        if e["ph"] == "B" and e["cat"] == "syscall" and "tid" in e["args"]:
            assert e["args"]["tid"] > 0


def test_traced_calls_are_the_kernels_trace_in_order(recorded):
    data, _, runs = recorded
    printed = runs[1][0].output.decode()
    traced = re.findall(r"^(\d+): syscall (\w+) -> ", printed, re.M)
    assert traced, printed
    tid = int(traced[0][0])
    kernel_says = [name for t, name in traced if int(t) == tid]
    calls = [e["name"] for e in boot_events(data, 2) if e["ph"] == "B"
             and e["cat"] == "syscall" and e["args"].get("tid") == tid]
    start = calls.index("trace")
    # trace prints a call when it returns: exit, which does not, is the one more
    assert calls[start:] == kernel_says + ["exit"]


def test_a_call_that_blocks_is_resumed_on_its_thread(recorded):
    data, _, _ = recorded
    resumed = [e for e in data["traceEvents"] if e["ph"] == "B" and e.get("cat") == "syscall"
               and e["args"].get("resumed")]
    assert any(e["name"] in ("read", "wait", "waitpid", "exec") for e in resumed)


def test_kernel_functions_with_depth(tmp_path):
    path = tmp_path / "deep.json"
    recorder = timeline.Recorder(path, depth=3)
    with System(on_boot=[recorder.booted]) as system:
        run_commands("echo hi", system=system, max_instructions=BOUND)
        traps = system.machine.counters()["traps"]["syscall"]
    summary = recorder.write()
    data = json.loads(path.read_text())
    assert timeline.check(data) == summary
    assert summary["syscalls"] == traps
    # on each core: kernel functions only inside a system call, at most 3 deep
    stacks = {}
    for e in data["traceEvents"]:
        if e["ph"] == "B":
            stack = stacks.setdefault(e["tid"], [])
            if e["cat"] == "kernel":
                assert stack and stack[-1][0] in ("syscall", "kernel"), e
                assert sum(1 for cat, _ in stack if cat == "kernel") < 3
            stack.append((e["cat"], e["name"]))
        elif e["ph"] == "E":
            stacks[e["tid"]].pop()
    functions = [e["name"] for e in data["traceEvents"] if e["ph"] == "B"
                 and e["cat"] == "kernel" and not e.get("args", {}).get("resumed")]
    assert "sys_write" in functions and functions.count("syscall") == traps


@pytest.mark.parametrize("events, why", [
    ([{"ph": "X", "name": "a", "pid": 1, "tid": 1, "ts": 0}], "unknown phase 'X'"),
    ([{"ph": "E", "name": "a", "pid": 1, "tid": 1, "ts": 0}], "nothing open"),
    ([{"ph": "B", "name": "a", "pid": 1, "tid": 1, "ts": 0},
      {"ph": "B", "name": "b", "pid": 1, "tid": 1, "ts": 1},
      {"ph": "E", "name": "a", "pid": 1, "tid": 1, "ts": 2}], "while 'b' is open"),
    ([{"ph": "B", "name": "a", "pid": 1, "tid": 1, "ts": 5},
      {"ph": "E", "name": "a", "pid": 1, "tid": 1, "ts": 4}], "time 4 before 5"),
    ([{"ph": "B", "name": "a", "pid": 1, "tid": 1, "ts": 0}], "never ended"),
    ([{"ph": "f", "name": "m", "pid": 1, "tid": 1, "ts": 0, "id": 7}], "ends before it starts"),
])
def test_check_finds_what_is_wrong(events, why):
    with pytest.raises(timeline.TimelineError, match=re.escape(why)):
        timeline.check({"traceEvents": events})


def test_bad_options_are_clear_errors(tmp_path, capsys):
    assert main(["run", "-c", "true", "--timeline", str(tmp_path / "t.txt")]) == 1
    assert "a timeline is a .json file" in capsys.readouterr().err
    assert main(["run", "-c", "true", "--timeline-depth", "2"]) == 1
    assert "--timeline-depth goes with --timeline" in capsys.readouterr().err
    assert main(["run", "-c", "true", "--timeline", str(tmp_path / "no" / "t.json")]) == 1
    assert "no such folder" in capsys.readouterr().err


def test_minos_run_writes_the_timeline(tmp_path, capsys):
    path = tmp_path / "echo.json"
    assert main(["run", "-c", "echo hi", "--timeline", str(path)]) == 0
    err = capsys.readouterr().err
    summary = timeline.check(json.loads(path.read_text()))
    assert f"{summary['syscalls']:,} system calls" in err and "1 boot," in err


def test_micro_names_its_calls_and_servers(tmp_path):
    """Each kernel's calls are named from its own list (micro: kernel/include/ipc.h)."""
    path = tmp_path / "micro.json"
    recorder = timeline.Recorder(path)
    with System(kernel="micro", cores=2, on_boot=[recorder.booted]) as system:
        system.boot()
        system.wait_for("/$ ", 20_000_000)
        traps = system.machine.counters()["traps"]["syscall"]
    summary = recorder.write()
    data = json.loads(path.read_text())
    assert timeline.check(data) == summary
    assert summary["syscalls"] == traps
    # (the servers are loaded in user space: tasknew, bundleread, pagealloc, grant)
    assert {"epcreate", "tasknew", "bundleread", "grant", "call", "recv", "replyrecv", "putc"} \
        <= set(summary["by_call"])
    shown = {e["name"].split(" [")[0] for e in data["traceEvents"] if e.get("cat") == "process"}
    assert {"root", "console", "disk", "fs", "pm", "init", "sh"} <= shown, shown


class PipeFlows(timeline.Probe):
    """A probe like micro's will be: an arrow from each `write` to the next
    `read` that returns in another thread."""

    def __init__(self, boot, names):
        super().__init__(boot, names)
        self.sent = []                       # (key, writer tid)

    def on_syscall(self, core, tid, number):
        if self.call_name(core, number) == "write":
            key = len(self.sent) + 1
            self.sent.append((key, tid))
            self.boot.flow_out(core, key, "pipe")

    def on_return(self, core, tid, call):
        if call == "read" and self.sent and self.sent[0][1] != tid:
            key, _ = self.sent.pop(0)
            self.boot.flow_in(core, key, "pipe")


def test_a_probe_draws_flows(tmp_path, monkeypatch):
    monkeypatch.setitem(timeline.PROBES, "mono", PipeFlows)
    path = tmp_path / "flows.json"
    recorder = timeline.Recorder(path)
    with System(cores=2, on_boot=[recorder.booted]) as system:
        run_commands("ls | wc", system=system, max_instructions=BOUND)
    summary = recorder.write()
    data = json.loads(path.read_text())
    assert timeline.check(data) == summary and summary["flows"] > 0
    # every arrow ends after it starts, in the order things happened (the
    # file's order; each core's own clock may run behind another's)
    started = set()
    for e in data["traceEvents"]:
        if e["ph"] == "s":
            started.add(e["id"])
        elif e["ph"] == "f":
            assert e["bp"] == "e" and e["id"] in started
