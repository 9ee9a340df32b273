"""`minos bench`'s micro rows (shell/perf/ipcbench.py, servers/ipcbench.c):
the IPC primitives in exact counters, from one bounded boot of their own
bundle, shared by the tests here; docs/micro.md's table of them is fresh."""

from pathlib import Path

import pytest

from shell.cli import main
from shell.perf import bench
from shell.perf.docgen import generated_part
from shell.perf.ipcbench import measure_ipc

DOC = Path(__file__).resolve().parents[2] / "docs" / "micro.md"
COMMAND = "minos bench --kernel micro --ops ipc,ipclong,notify --update docs/micro.md"


# A call with a 4 KiB long part and its register-only reply, to a peer
# that receives into a buffer: both halves take the fast path
# (fastpath.S calls checkbufs and transfer) — 1,530.3 instructions —
# where both took the slow path in C (trap, syscall, ipc_lock, and C's
# direct switch, core's sleepswitch): 3,176. The ceiling holds them to
# the fast path.
LONG_CALL_CEILING = 1_600


@pytest.fixture(scope="module")
def ipc():
    return measure_ipc(bench.IPC_OPERATIONS, bound=50_000_000)


def test_each_row_counts_what_it_says(ipc):
    assert set(ipc) == {"ipc", "ipclong", "notify"}
    assert ipc["ipc"]["messages"] == 2 and ipc["ipclong"]["messages"] == 2
    assert ipc["notify"]["messages"] == 0              # signals are not messages
    assert abs(ipc["ipc"]["context switches"] - 2) < 0.01
    assert ipc["ipc"]["instructions"] < ipc["ipclong"]["instructions"] < ipc["notify"]["instructions"]


def test_a_long_call_and_its_reply_switch_directly(ipc):
    assert ipc["ipclong"]["instructions"] <= LONG_CALL_CEILING
    assert abs(ipc["ipclong"]["context switches"] - 2) < 0.01


def test_docs_table_is_fresh(ipc):
    shown = generated_part(DOC.read_text(), COMMAND)
    assert shown is not None, "docs/micro.md lost its generated IPC table markers"
    assert shown == bench.markdown({"micro": ipc}, bench.IPC_OPERATIONS), f"docs/micro.md is stale: run `{COMMAND}`"


def test_update_command_names_the_table():
    assert bench.update_command(["mono"], None, "docs/kernel.md") == bench.BENCH_COMMAND
    assert bench.update_command(["micro"], "ipc,ipclong,notify", "docs/micro.md") == COMMAND


def test_other_kernels_show_a_dash(ipc):
    results = {"mono": {"null": dict.fromkeys(bench.COUNTERS, 220)}, "micro": dict(ipc)}
    results["micro"]["null"] = dict.fromkeys(bench.COUNTERS, 300)
    ops = bench.operations(["null", "ipc"])
    text = bench.tables(results, ops, 1)
    line = next(x for x in text.splitlines() if x.startswith("IPC call + reply"))
    assert line.split()[-3:][0] == "-" and line.split()[-1] == "-"
    assert "| IPC call + reply, register-only (micro) | - | - |" in bench.markdown(results, ops)


def test_cli_runs_the_ipc_rows_without_a_shell(ipc, capsys, monkeypatch):
    monkeypatch.setattr(bench, "measure_ipc", lambda ops, *a: {op.key: ipc[op.key] for op in ops})
    assert main(["bench", "--kernel", "micro", "--ops", "ipc,notify"]) == 0
    out = capsys.readouterr().out
    assert "IPC call + reply, register-only (micro)" in out and "notification signal" in out
