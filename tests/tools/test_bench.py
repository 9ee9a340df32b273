"""`minos bench` (shell/perf/bench.py): deterministic exact counters, the
tables, kernel counters read by name, and clear errors."""

import json

import pytest

from shell.cli import main
from shell.perf import bench
from shell.perf.bench import BenchError, Operation, measure_kernel, operations, tables
from shell.perf.session import Session

BOUND = 20_000_000
# small counts: the test is about determinism and bookkeeping, not the figures
OPS = [Operation("boot", "boot to the shell prompt", None),
       Operation("null", "null call (getpid)", "null", 1, 20),
       Operation("file", "file: create+write+close+unlink", "file", 1, 2)]


@pytest.fixture(scope="module")
def twice():
    return [measure_kernel("mono", OPS, bound=BOUND) for _ in range(2)]


def test_two_runs_give_identical_numbers(twice):
    first, second = twice
    assert first == second
    assert set(first) == {"boot", "null", "file"}
    assert set(first["null"]) == set(bench.COUNTERS)


def test_counters_are_plausible(twice):
    r = twice[0]
    null, file = r["null"], r["file"]
    assert 150 < null["instructions"] < 5000
    # into the kernel and back, per call (a timer tick among the calls moves it a little)
    assert abs(null["ring_switches"] - 2) <= 0.2 + 1e-9    # (2.2 - 2 is 0.20000000000000018 in floats)
    assert null["traps"] >= 1
    assert file["instructions"] > 10 * null["instructions"]
    assert r["boot"]["context switches"] > 0      # read from the kernel's cpus[].nswitch
    assert all(v["messages"] == 0 for v in r.values())   # mono has no ipc_messages


def test_boot_is_counted_at_the_prompt():
    with Session("mono", bound=BOUND) as session:
        system = session.start()
        assert 0 < session.boot["instructions"] <= system.counters()["instructions"]
        assert session.view.read(system.machine.memory, "cpus[0].nswitch") >= 1
        assert not session.view.has("ipc_messages")


def test_tables_one_kernel_and_several():
    results = {"mono": {"null": dict.fromkeys(bench.COUNTERS, 1000), "boot": dict.fromkeys(bench.COUNTERS, 7)}}
    ops = operations(["boot", "null"])
    one = tables(results, ops, 1)
    assert "kernel mono" in one and "null call (getpid)" in one and "context switches" in one
    results["micro"] = {"null": dict.fromkeys(bench.COUNTERS, 2500), "boot": dict.fromkeys(bench.COUNTERS, 0)}
    several = tables(results, ops, 1)
    assert "micro/mono" in several
    line = next(x for x in several.splitlines() if x.startswith("null call"))
    assert line.split()[-3:] == ["1,000", "2,500", "2.50"]


def test_unknown_operation():
    with pytest.raises(BenchError, match="unknown operation 'nosuch'"):
        operations(["null", "nosuch"])


def tree_with(tmp_path, *kernels):
    """A folder that looks like a minos tree (shell/project.py) with these kernels."""
    for folder in ("userland", "lang", *(f"kernel/{k}" for k in kernels)):
        (tmp_path / folder).mkdir(parents=True)
    return tmp_path


def test_default_kernels_skip_missing_folders(monkeypatch, tmp_path):
    monkeypatch.chdir(tree_with(tmp_path, "mono"))
    notes = []
    assert bench.default_kernels(notes.append) == ["mono"]
    assert any("skipping kernel 'micro'" in n for n in notes)


def test_cli_errors_are_clear(capsys, monkeypatch, tmp_path):
    assert main(["bench", "--ops", "nosuch"]) == 1
    assert "unknown operation" in capsys.readouterr().err
    assert main(["bench", "--cores", "0"]) == 1
    monkeypatch.chdir(tree_with(tmp_path, "mono"))
    assert main(["bench", "--kernel", "micro"]) == 1
    err = capsys.readouterr().err
    assert "does not exist yet" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as e:
        main(["bench", "--kernel", "nosuch"])
    assert e.value.code == 2


def test_cli_writes_json(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(bench, "OPERATIONS", tuple(OPS))
    out = tmp_path / "bench.json"
    assert main(["bench", "--kernel", "mono", "--ops", "null", "--json", str(out)]) == 0
    assert "null call (getpid)" in capsys.readouterr().out
    data = json.loads(out.read_text())
    assert data["cores"] == 1 and [op["key"] for op in data["operations"]] == ["null"]
    assert data["results"]["mono"]["null"] == measure_kernel("mono", OPS[1:2], bound=BOUND)["null"]


def test_docs_cost_table_is_fresh():
    from pathlib import Path

    from shell.perf.docgen import generated_part
    text = (Path(__file__).resolve().parents[2] / "docs" / "kernel.md").read_text()
    shown = generated_part(text, bench.BENCH_COMMAND)
    assert shown is not None, "docs/kernel.md lost its generated cost table markers"
    ops = operations()
    fresh = bench.markdown(bench.run_bench(["mono"], ops), ops)
    assert shown == fresh, f"docs/kernel.md's cost table is stale: run `{bench.BENCH_COMMAND}`"


def test_markdown_has_a_column_pair_per_kernel():
    results = {k: {"null": dict.fromkeys(bench.COUNTERS, n)} for k, n in (("mono", 233), ("micro", 512.5))}
    text = bench.markdown(results, operations(["null"]))
    assert text.splitlines()[0] == "| operation | mono instructions | mono cycles | micro instructions | micro cycles |"
    assert text.splitlines()[2] == "| null call (getpid) | 233 | 233 | 512.5 | 512.5 |"
