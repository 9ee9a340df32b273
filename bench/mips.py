"""Machine speed: millions of instructions per second per workload and engine.

    python bench/mips.py [--repeat 3]

Prints one line per workload and engine, `<workload> <engine> <value> MIPS`,
best of --repeat runs, then the fast/ref ratio of each workload.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.workloads import WORKLOADS, build  # noqa: E402
from vm.machine import Machine  # noqa: E402

ENGINES = ["ref", "fast"]


def measure(name, engine, repeat):
    image = build(name)
    best = 0.0
    for _ in range(repeat):
        machine = Machine(engine=engine)
        machine.load_image(image)
        start = time.perf_counter()
        result = machine.run(max_instructions=50_000_000)
        elapsed = time.perf_counter() - start
        if result.reason != "halt":
            raise SystemExit(f"{name}: machine stopped: {result.reason} {result.message}")
        best = max(best, result.instructions / elapsed / 1e6)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("workloads", nargs="*", default=list(WORKLOADS))
    args = parser.parse_args()
    speeds = {}
    for name in args.workloads:
        for engine in ENGINES:
            speeds[name, engine] = measure(name, engine, args.repeat)
            print(f"{name} {engine} {speeds[name, engine]:.2f} MIPS", flush=True)
    for name in args.workloads:
        print(f"{name} fast/ref {speeds[name, 'fast'] / speeds[name, 'ref']:.1f}x")


if __name__ == "__main__":
    main()
