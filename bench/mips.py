"""Machine speed: millions of instructions per second per workload and
engine, and the wall time of booting the OS and of running usertests.

    python bench/mips.py [--repeat 5] [alu memory calls traps primes fib ... boot usertests]

Prints one line per workload and engine, `<workload> <engine> <value> MIPS`
(best of --repeat runs; the compiled-C workloads of bench/workloads.py are
the programs of bench/programs and a trial-division primes), then the
median fast MIPS and fast/ref of the compiled-C workloads measured, then `<workload> <engine> <seconds> s` for boot (reset
to the shell prompt, the image already built; best of --repeat) and
usertests, then the fast/ref ratio of each. The fast engine runs them
twice: as `minos boot` does after a build, with the code cache
(vm/codecache.py) holding what the build translated ahead (a boot:
System.translate_ahead); and with nothing translated yet (an empty code
cache, as if the build had not translated ahead).
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.workloads import C_WORKLOADS, WORKLOADS, build  # noqa: E402
from shell.system import System  # noqa: E402
from vm.codecache import CACHE  # noqa: E402
from vm.machine import Machine  # noqa: E402

ENGINES = ["ref", "fast"]
SYSTEM_WORKLOADS = ["boot", "usertests"]
COLD = "fast, nothing translated yet"
BOUND = 2_000_000_000


def measure(name, engine, repeat):
    """Best MIPS of a machine workload."""
    image = build(name)
    best = 0.0
    for _ in range(repeat):
        CACHE.clear()
        machine = Machine(engine=engine)
        machine.load_image(image)
        start = time.perf_counter()
        result = machine.run(max_instructions=200_000_000)
        elapsed = time.perf_counter() - start
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
        CACHE.clear()
        with tempfile.TemporaryDirectory() as empty, \
                System(engine=engine, code_cache=code_cache or empty) as system:
            system.boot()
            start = time.perf_counter()
            system.wait_for("$ ", BOUND)
            boot.append(time.perf_counter() - start)
            if len(boot) == repeat:
                system.type("usertests\n")
                start = time.perf_counter()
                system.wait_for("ALL TESTS PASSED", BOUND)
                usertests = time.perf_counter() - start
    return {"boot": min(boot), "usertests": usertests}


def translate_ahead(folder):
    """Fill the code cache folder as a new build fills the project's."""
    CACHE.clear()
    with System(engine="fast", code_cache=None) as system:
        system.build()
        system.code_cache = folder
        system.translate_ahead()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("workloads", nargs="*", default=list(WORKLOADS) + SYSTEM_WORKLOADS)
    args = parser.parse_args()
    unknown = set(args.workloads) - set(WORKLOADS) - set(SYSTEM_WORKLOADS)
    if unknown:
        parser.error(f"unknown workload {', '.join(sorted(unknown))}")
    ratios, compiled = [], []
    for name in (w for w in args.workloads if w in WORKLOADS):
        speed = {}
        for engine in ENGINES:
            speed[engine] = measure(name, engine, args.repeat)
            print(f"{name} {engine} {speed[engine]:.2f} MIPS", flush=True)
        ratios.append((name, speed["fast"] / speed["ref"]))
        if name in C_WORKLOADS:
            compiled.append((speed["fast"], speed["fast"] / speed["ref"]))
    if compiled:
        print(f"compiled C median fast {statistics.median(s for s, _ in compiled):.2f} MIPS")
        print(f"compiled C median fast/ref {statistics.median(r for _, r in compiled):.1f}x")
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
    for name, ratio in ratios:
        print(f"{name} fast/ref {ratio:.1f}x")


if __name__ == "__main__":
    main()
