"""Machine speed: millions of instructions per second per workload and
engine, and the wall time of booting the OS and of running usertests.

    python bench/mips.py [--repeat 3] [alu memory calls traps boot usertests]

Prints one line per workload and engine, `<workload> <engine> <value> MIPS`
(best of --repeat runs), then `<workload> <engine> <seconds> s` for boot (reset
to the shell prompt, the image already built) and usertests, then the
fast/ref ratio of each. Every fast run starts with an empty cache of
translated code, as a fresh `minos boot` does.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.workloads import WORKLOADS, build  # noqa: E402
from shell.system import System  # noqa: E402
from vm import fast  # noqa: E402
from vm.machine import Machine  # noqa: E402

ENGINES = ["ref", "fast"]
SYSTEM_WORKLOADS = ["boot", "usertests"]
BOUND = 2_000_000_000


def measure(name, engine, repeat):
    """Best MIPS of a machine workload."""
    image = build(name)
    best = 0.0
    for _ in range(repeat):
        fast._CODE_CACHE.clear()
        machine = Machine(engine=engine)
        machine.load_image(image)
        start = time.perf_counter()
        result = machine.run(max_instructions=200_000_000)
        elapsed = time.perf_counter() - start
        if result.reason != "halt":
            raise SystemExit(f"{name}: machine stopped: {result.reason} {result.message}")
        best = max(best, result.instructions / elapsed / 1e6)
    return best


def system_times(engine):
    """Seconds from reset to the prompt, and for usertests after it."""
    fast._CODE_CACHE.clear()
    with System(engine=engine) as system:
        system.boot()
        start = time.perf_counter()
        system.wait_for("$ ", BOUND)
        booted = time.perf_counter()
        system.type("usertests\n")
        system.wait_for("ALL TESTS PASSED", BOUND)
        done = time.perf_counter()
    return {"boot": booted - start, "usertests": done - booted}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("workloads", nargs="*", default=list(WORKLOADS) + SYSTEM_WORKLOADS)
    args = parser.parse_args()
    unknown = set(args.workloads) - set(WORKLOADS) - set(SYSTEM_WORKLOADS)
    if unknown:
        parser.error(f"unknown workload {', '.join(sorted(unknown))}")
    ratios = []
    for name in (w for w in args.workloads if w in WORKLOADS):
        speed = {}
        for engine in ENGINES:
            speed[engine] = measure(name, engine, args.repeat)
            print(f"{name} {engine} {speed[engine]:.2f} MIPS", flush=True)
        ratios.append((name, speed["fast"] / speed["ref"]))
    if set(SYSTEM_WORKLOADS) & set(args.workloads):
        times = {engine: system_times(engine) for engine in ENGINES}
        for name in (w for w in SYSTEM_WORKLOADS if w in args.workloads):
            for engine in ENGINES:
                print(f"{name} {engine} {times[engine][name]:.2f} s", flush=True)
            ratios.append((name, times["ref"][name] / times["fast"][name]))
    for name, ratio in ratios:
        print(f"{name} fast/ref {ratio:.1f}x")


if __name__ == "__main__":
    main()
