"""`minos fuzz`: the system-call fuzzer (shell/fuzz.py, docs/reliability.md).

    minos fuzz [--kernel K] [--cores N] [--calls N] [--seed S] [--json FILE]

boots the kernel, runs its fuzzer inside the OS, and prints the verdict:
the calls made (counted exactly by the host), free pages before and after,
and on a failure the seed and the last calls. Exit status 0 when the run
is clean, 1 when it is not.
"""

import json

from .fuzz import DEFAULT_CALLS, DEFAULT_SEED, FuzzError, fuzz, syscall_names
from .project import command_root


def register(sub):
    p = sub.add_parser("fuzz", help="random system calls inside the OS: no panic, no hang, no leak",
                       description=__doc__.split("\n\n")[0])
    p.add_argument("--kernel", default="mono", help="the kernel to fuzz (default mono)")
    p.add_argument("--cores", type=int, default=1, help="cores (default 1)")
    p.add_argument("--calls", type=int, default=DEFAULT_CALLS,
                   help=f"calls the workers are to make (default {DEFAULT_CALLS:,})")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"the run's seed (default {DEFAULT_SEED})")
    p.add_argument("--max-instructions", type=int, default=None,
                   help="the bound of the run (default: 15,000 per call, at least 50 million)")
    p.add_argument("--json", metavar="FILE", help="also write the report as JSON")
    p.set_defaults(func=main)


def main(args):
    if not 1 <= args.cores <= 16:
        raise FuzzError(f"--cores {args.cores}: must be between 1 and 16")
    if not 0 < args.calls <= 10_000_000:
        raise FuzzError(f"--calls {args.calls}: must be between 1 and 10,000,000")
    if not 0 <= args.seed <= 0xFFFFFFFF:
        raise FuzzError(f"--seed {args.seed}: must be between 0 and 4294967295")
    if args.max_instructions is not None and args.max_instructions <= 0:
        raise FuzzError(f"--max-instructions {args.max_instructions}: must be positive")
    root = command_root("fuzz")
    report = fuzz(args.kernel, seed=args.seed, calls=args.calls, cores=args.cores,
                  bound=args.max_instructions, root=root)
    print(report.text(syscall_names(root, args.kernel)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"kernel": report.kernel, "cores": report.cores, "seed": report.seed,
                       "calls": report.calls, "instructions": report.instructions,
                       "free_before": report.free_before, "free_after": report.free_after,
                       "problems": report.problems(), "last_calls": report.last_calls}, f, indent=2)
    return 0 if report.ok else 1
