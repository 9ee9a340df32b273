"""`minos prof` (shell/perf): exact counts by function, the region and
process filters, the null-call table in docs/kernel.md, and clear errors."""

from pathlib import Path

import pytest

from shell.cli import main
from shell.perf.docgen import generated_part
from shell.perf.prof_cmd import (NULL_CALLS, NULL_COMMAND, null_call_rows,
                                 null_call_table, profile_commands)
from shell.perf.profile import IDLE, INTERRUPTS, UNKNOWN
from vm.isa import COST

ROOT = Path(__file__).resolve().parents[2]
BOUND = 30_000_000          # instructions a profiled run may take
MARKS = ("[osbench start]", "[osbench end]")


def outside_cycles(profile):
    return profile.counters["interrupts"] * COST["trap"] + profile.counters["idle_cycles"]


@pytest.fixture(scope="module")
def echo_ls():
    """`echo; osbench null 5; ls | wc` profiled from the shell's start to the power-off."""
    profile, status = profile_commands("echo hi\nosbench null 5\nls | wc", max_instructions=BOUND)
    assert status == 0
    return profile


def test_profile_adds_up_to_the_machine_counters(echo_ls):
    counters = echo_ls.counters
    assert echo_ls.instructions == counters["instructions"] > 0
    assert echo_ls.cycles + outside_cycles(echo_ls) == counters["cycles"]
    rows = echo_ls.rows()
    assert sum(r.instructions for r in rows) == counters["instructions"]
    assert sum(r.cycles for r in rows) == counters["cycles"]
    assert [r.function for r in rows[-2:]] == [INTERRUPTS, IDLE]


def test_user_code_is_named_by_program_and_ring(echo_ls):
    rows = echo_ls.rows()
    user = {(r.program, r.function) for r in rows if r.ring == 3}
    assert {("osbench", "null_calls"), ("osbench", "getpid"), ("wc", "main"), ("ls", "main")} <= user
    assert {r.program for r in rows if r.ring == 0} == {"kernel", "-"}
    kernel = {r.function for r in rows if r.ring == 0}
    assert {"sys_getpid", "syscall", "usertrap", "alltraps"} <= kernel
    assert UNKNOWN not in {r.function for r in rows}


def test_filters_split_the_profile(echo_ls):
    """Every process's rows together are the whole (without the cycles no
    instruction took); a program's rows are its processes' rows."""
    pids = echo_ls.pids()
    assert len(pids) >= 4
    assert sum(sum(r.instructions for r in echo_ls.rows(pid=p)) for p in pids) == echo_ls.instructions
    wc = echo_ls.rows(program="wc")
    assert {r.program for r in wc} == {"wc", "kernel"}
    assert 0 < sum(r.instructions for r in wc) < echo_ls.instructions
    kernel = echo_ls.rows(kernel_only=True)
    assert {r.ring for r in kernel} == {0}
    assert sum(r.instructions for r in kernel) < echo_ls.instructions


# Where each structure's work runs: micro's file system and process
# manager are programs in ring 3, exo's file system is the library linked
# into ls and wc themselves.
STRUCTURE_PROGRAMS = {
    "micro": ({"fs": {"bread", "readi"}, "pm": {"handle", "procexit"}}, {"syscall"}),
    "exo": ({"ls": {"bread", "readi"}, "wc": {"main"}}, {"usertrap"}),
}


@pytest.mark.parametrize("kernel", sorted(STRUCTURE_PROGRAMS))
def test_profile_names_servers_and_libraries(kernel):
    """`minos prof --kernel micro|exo`: the rows add up to the machine's
    counters and name the code where it runs."""
    profile, status = profile_commands("ls | wc", kernel=kernel, max_instructions=BOUND)
    assert status == 0
    rows = profile.rows()
    assert sum(r.instructions for r in rows) == profile.counters["instructions"] > 0
    assert sum(r.cycles for r in rows) == profile.counters["cycles"]
    programs, kernel_functions = STRUCTURE_PROGRAMS[kernel]
    for program, functions in programs.items():
        ran = {r.function for r in rows if r.program == program and r.ring == 3}
        assert functions <= ran, (program, sorted(ran))
    assert kernel_functions <= {r.function for r in rows if r.program == "kernel"}
    assert UNKNOWN not in {r.function for r in rows}


@pytest.mark.parametrize("cores", [1, 2])
def test_region_between_markers_is_exact(cores):
    profile, _ = profile_commands("osbench null 20", cores=cores, between=MARKS, max_instructions=BOUND)
    assert profile.instructions == profile.counters["instructions"]
    assert profile.cycles + outside_cycles(profile) == profile.counters["cycles"]
    calls = [r for r in profile.rows() if r.function == "sys_getpid"]
    # sys_getpid runs straight through: 11 instructions a call (mythread, then ->owner->pid)
    assert len(calls) == 1 and calls[0].instructions == 20 * 11


def test_null_call_rows_add_up_to_the_bench_figure():
    rows, (instructions, cycles) = null_call_rows(calls=50, bound=BOUND)
    assert sum(r[3] for r in rows) == pytest.approx(instructions, abs=1e-6)
    assert sum(r[4] for r in rows) == pytest.approx(cycles, abs=1e-6)
    assert ("sys_getpid", "kernel", 0) in {r[:3] for r in rows}


def test_docs_null_call_table_is_fresh():
    text = (ROOT / "docs" / "kernel.md").read_text()
    shown = generated_part(text, NULL_COMMAND)
    assert shown is not None, "docs/kernel.md lost its generated null-call table markers"
    fresh = null_call_table(calls=NULL_CALLS, markdown=True)
    assert shown == fresh, "docs/kernel.md's null-call table is stale: run `minos prof --null-call --update docs/kernel.md`"


@pytest.mark.parametrize("argv, message", [
    (["prof"], "give the commands to profile with -c"),
    (["prof", "-c", "true", "--markdown"], "--markdown and --update go with --null-call"),
    (["prof", "--null-call", "-c", "true"], "no -c or --between with it"),
    (["prof", "--cores", "0", "-c", "true"], "--cores must be at least 1"),
    (["prof", "-c", "true", "--pid", "999"], "no process 999 ran"),
    (["prof", "-c", "true", "--program", "nosuch"], "no program 'nosuch' ran"),
    (["prof", "-c", "true", "--between", "A", "B"], "never printed the line 'A'"),
    (["prof", "-c", "echo A", "--between", "A", "B"], "printed 'A' but never 'B'"),
])
def test_bad_input_is_a_clear_error(capsys, argv, message):
    assert main(argv + ["--max-instructions", str(BOUND)] if "-c" in argv else argv) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_unknown_option_and_kernel_are_usage_errors(capsys):
    for argv in (["prof", "--bogus"], ["prof", "--kernel", "nosuch", "-c", "true"]):
        with pytest.raises(SystemExit) as e:
            main(argv)
        assert e.value.code == 2
    assert "invalid choice: 'nosuch'" in capsys.readouterr().err


def test_cli_prints_table_and_json(capsys):
    assert main(["prof", "-c", "echo hi", "--top", "3", "--max-instructions", str(BOUND)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("hi\n")
    assert "function" in out and "share" in out and "more rows" in out
    assert main(["prof", "-c", "echo hi", "--json", "--kernel-only", "--max-instructions", str(BOUND)]) == 0
    import json
    data = json.loads(capsys.readouterr().out)
    assert data["rows"] and all(r["ring"] == 0 for r in data["rows"])


def test_counting_changes_nothing_the_machine_does():
    """The tallying loop (Machine.set_tally) has the same effects and
    counters as the engines: a boot run to the same budget with and
    without it ends in the same state."""
    from shell.system import System
    states = []
    for tally in (False, True):
        with System("mono") as system:
            system.boot()
            counts, cycles = {}, {}
            if tally:
                system.machine.set_tally(lambda core: (counts, cycles, -1))
            system.run(1_500_000)
            core = system.machine.cores[0]
            states.append((system.counters(), list(core.regs), core.pc, bytes(system.output)))
            if tally:
                assert sum(counts.values()) == core.instructions
    assert states[0] == states[1]
