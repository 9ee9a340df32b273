"""Machine speed: millions of instructions per second per workload and
engine, and the wall time of booting the OS and of running usertests.

    python bench/mips.py [--repeat 5] [alu memory calls traps primes fib ... boot usertests
                          null spawn pipe startup]

Times are the CPU time of this process (time.process_time), so that other
load on a shared machine does not count, except start-up (whole processes:
wall time, and their CPU time). Prints one line per workload and engine, `<workload> <engine> <value> MIPS`
(best of --repeat runs; the compiled-C workloads of bench/workloads.py are
the programs of bench/programs and a trial-division primes), then the
median fast MIPS and fast/ref of the compiled-C workloads measured, then `<workload> <engine> <seconds> s` for boot (reset
to the shell prompt, the image already built; best of --repeat) and
usertests, then the fast/ref ratio of each. The fast engine runs them
twice: as `minos boot` does after a build, with the code cache
(vm/codecache.py) holding what the build translated ahead
(System.translate_ahead: a quiet `minos run` of a first command); and with nothing translated yet (an empty code
cache, as if the build had not translated ahead). null, spawn and pipe are
operations of `minos bench` (userland/bin/osbench.c) run inside the booted
OS: `<op> <engine> <seconds> s <MIPS> MIPS` (best of --repeat runs after one
that translates), and their fast/ref ratio. startup runs `minos` as a user
does, whole process: `startup <command> <seconds> s (cpu <seconds> s)`, best
of --repeat, with bytecode written as usual (PYTHONDONTWRITEBYTECODE unset)
and `minos run` after a build.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.workloads import C_WORKLOADS, POWER_OFF, WORKLOADS, build, forget_translations  # noqa: E402
from lang.asm import assemble  # noqa: E402
from lang.link import link  # noqa: E402
from shell.system import System  # noqa: E402
from vm.machine import Machine  # noqa: E402

ENGINES = ["ref", "fast"]
SYSTEM_WORKLOADS = ["boot", "usertests"]
# operations of `minos bench` (shell/perf/bench.py), each run as one osbench command
OS_OPERATIONS = {"null": "osbench null 20000", "spawn": "osbench spawn 20", "pipe": "osbench pipe 256"}
ROOT = Path(__file__).resolve().parent.parent
COLD = "fast, nothing translated yet"
BOUND = 2_000_000_000


def measure(name, engine, repeat):
    """Best MIPS of a machine workload."""
    image = build(name)
    best = 0.0
    for _ in range(repeat):
        forget_translations()
        machine = Machine(engine=engine)
        machine.load_image(image)
        start = time.process_time()
        result = machine.run(max_instructions=200_000_000)
        elapsed = time.process_time() - start
        if result.reason != "halt":
            raise SystemExit(f"{name}: machine stopped: {result.reason} {result.message}")
        best = max(best, result.instructions / elapsed / 1e6)
    return best


def system_times(engine, repeat, code_cache=None):
    """Seconds from reset to the prompt (best of repeat boots), and for
    usertests after the last. Each boot starts with an empty code cache in
    memory; code_cache is the folder the fast engine keeps compiled code in
    between runs (None: an empty folder each boot, as on a first boot)."""
    boot = []
    for _ in range(repeat):
        forget_translations()
        with tempfile.TemporaryDirectory() as empty, System(engine=engine, code_cache=None) as system:
            system.build()                  # (a build into an empty cache would translate ahead)
            system.code_cache = code_cache or empty
            system.boot()
            start = time.process_time()
            system.wait_for("$ ", BOUND)
            boot.append(time.process_time() - start)
            if len(boot) == repeat:
                system.type("usertests\n")
                start = time.process_time()
                system.wait_for("ALL TESTS PASSED", BOUND)
                usertests = time.process_time() - start
    return {"boot": min(boot), "usertests": usertests}


def os_operations(engine, names, repeat, code_cache):
    """{operation: (seconds, MIPS)}: the best of repeat runs of each, in one
    booted system, after a first run that translates its code."""
    speed = {}
    forget_translations()
    with System(engine=engine, code_cache=code_cache) as system:
        system.boot()
        system.wait_for("$ ", BOUND)
        for name in names:
            runs = []
            for _ in range(repeat + 1):             # the first translates: not measured
                before = system.counters()["instructions"]
                system.type(OS_OPERATIONS[name] + "\n")
                start = time.process_time()
                system.wait_for("[osbench end]", BOUND)
                elapsed = time.process_time() - start
                runs.append((elapsed, (system.counters()["instructions"] - before) / elapsed / 1e6))
                system.wait_for("$ ", BOUND)
            speed[name] = min(runs[1:])
    return speed


def minos_command():
    """How a user starts minos: the installed script beside this Python."""
    script = Path(sys.executable).parent / "minos"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "shell.cli"]


def startup(repeat):
    """{command: (best wall seconds, CPU seconds of that run)} of whole
    `minos` processes."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # this tree's sources, whichever checkout the installed script was
    # installed from (a second worktree may share one venv)
    env["PYTHONPATH"] = str(ROOT)
    minos = minos_command()
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp) / "tiny.img"
        link([assemble(".text\n.global _start\n_start:" + POWER_OFF, "tiny.s")])[0].save(str(tiny))
        subprocess.run(minos + ["build"], cwd=ROOT, env=env, check=True, capture_output=True)
        forget_translations()                      # (what this process translated is not new)
        with System(engine="fast") as system:      # as a new build leaves the code cache
            system.build()
            system.translate_ahead()
        commands = {"minos --help": ["--help"], "minos machine tiny.img": ["machine", str(tiny)],
                    "minos run -c 'echo hi'": ["run", "-c", "echo hi"]}
        times = {}
        for label, argv in commands.items():
            best = None
            for _ in range(repeat + 1):            # the first writes bytecode
                cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(minos + argv, cwd=ROOT, env=env, check=True, capture_output=True)
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                used = after.ru_utime - cpu.ru_utime + after.ru_stime - cpu.ru_stime
                best = (wall, used) if best is None or wall < best[0] else best
            times[label] = best
    return times


def translate_ahead(folder):
    """Fill the code cache folder as a new build fills the project's."""
    forget_translations()
    with System(engine="fast", code_cache=None) as system:
        system.build()
        system.code_cache = folder
        system.translate_ahead()


UPDATE_COMMAND = "python bench/mips.py --update docs/engines.md"     # writes docs/engines.md's table
LABELS = {"alu": "alu (xorshift loop, 12 instructions)", "memory": "memory (paging on)",
          "calls": "calls (compiled C fib)", "traps": "traps (syscall loop)",
          "primes": "primes (first 1000, trial division, printf each)",
          "null": "null call in the OS (osbench null 20000)",
          "spawn": "spawn in the OS (osbench spawn 20)", "pipe": "pipe in the OS (osbench pipe 256)"}


def host():
    """The machine the figures were taken on."""
    import platform
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return (f"{cpu}, {os.cpu_count()} cores, {platform.python_implementation()} "
            f"{platform.python_version()}; load average {load:.1f} when the run ended")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--update", metavar="FILE",
                        help="also write the figures as a table into FILE (docs/engines.md)")
    everything = list(WORKLOADS) + SYSTEM_WORKLOADS + list(OS_OPERATIONS) + ["startup"]
    parser.add_argument("workloads", nargs="*", default=everything)
    args = parser.parse_args()
    unknown = set(args.workloads) - set(everything)
    if unknown:
        parser.error(f"unknown workload {', '.join(sorted(unknown))}")
    ratios, compiled, rows = [], [], []
    for name in (w for w in args.workloads if w in WORKLOADS):
        speed = {}
        for engine in ENGINES:
            speed[engine] = measure(name, engine, args.repeat)
            print(f"{name} {engine} {speed[engine]:.2f} MIPS", flush=True)
        ratios.append((name, speed["fast"] / speed["ref"]))
        rows.append((LABELS.get(name, f"{name} (bench/programs/{name}.c)"), f"{speed['ref']:.1f} MIPS",
                     f"{speed['fast']:.1f} MIPS", f"{ratios[-1][1]:.1f}×"))
        if name in C_WORKLOADS:
            compiled.append((speed["fast"], speed["fast"] / speed["ref"]))
    if compiled:
        fast, ratio = (statistics.median(s for s, _ in compiled), statistics.median(r for _, r in compiled))
        print(f"compiled C median fast {fast:.2f} MIPS")
        print(f"compiled C median fast/ref {ratio:.1f}x")
        rows.append(("compiled C, median", "", f"{fast:.1f} MIPS", f"{ratio:.1f}×"))
    if set(SYSTEM_WORKLOADS) & set(args.workloads):
        times = {"ref": system_times("ref", args.repeat)}
        with tempfile.TemporaryDirectory() as folder:
            translate_ahead(folder)
            times["fast"] = system_times("fast", args.repeat, folder)
        times[COLD] = system_times("fast", args.repeat)
        for name in (w for w in SYSTEM_WORKLOADS if w in args.workloads):
            for engine, seconds in times.items():
                print(f"{name} {engine} {seconds[name]:.2f} s", flush=True)
            ratios += [(name, times["ref"][name] / times["fast"][name]),
                       (f"{name} (nothing translated yet)", times["ref"][name] / times[COLD][name])]
            label = "boot to the prompt" if name == "boot" else "usertests"
            rows.append((label, f"{times['ref'][name]:.2f} s",
                         f"{times['fast'][name]:.2f} s ({times[COLD][name]:.2f} s with nothing translated yet)",
                         f"{ratios[-2][1]:.1f}× ({ratios[-1][1]:.1f}×)"))
    ops = [w for w in OS_OPERATIONS if w in args.workloads]
    if ops:
        speed = {"ref": os_operations("ref", ops, args.repeat, None)}
        with tempfile.TemporaryDirectory() as folder:
            translate_ahead(folder)
            speed["fast"] = os_operations("fast", ops, args.repeat, folder)
        for name in ops:
            for engine in ENGINES:
                seconds, mips = speed[engine][name]
                print(f"{name} {engine} {seconds:.3f} s {mips:.2f} MIPS", flush=True)
            ratios.append((name, speed["ref"][name][0] / speed["fast"][name][0]))
            rows.append((LABELS[name], f"{speed['ref'][name][0]:.2f} s", f"{speed['fast'][name][0]:.2f} s",
                         f"{ratios[-1][1]:.1f}×"))
    if "startup" in args.workloads:
        for label, (wall, cpu) in startup(args.repeat).items():
            print(f"startup {label} {wall:.3f} s (cpu {cpu:.3f} s)", flush=True)
            rows.append((f"`{label}`, whole process", "", f"{wall:.2f} s (CPU {cpu:.2f} s)", ""))
    for name, ratio in ratios:
        print(f"{name} fast/ref {ratio:.1f}x")
    if args.update:
        from shell.perf.docgen import update
        table = [f"Taken on {host()}; `--repeat {args.repeat}`.", "",
                 "| workload | ref | fast | fast / ref |", "| --- | --- | --- | --- |"]
        table += [f"| {' | '.join(row)} |" for row in rows]
        update(args.update, UPDATE_COMMAND, "\n".join(table))


if __name__ == "__main__":
    main()
