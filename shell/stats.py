"""The machine's counters as a rich table."""

from rich.console import Console
from rich.table import Table

ROWS = ["instructions", "cycles", "idle_cycles", "tlb_hits", "tlb_misses", "tlb_flushes",
        "ring_switches"]


def counters_table(machine):
    counters = machine.counters()
    cores = counters["cores"]
    table = Table(title="machine counters")
    table.add_column("counter")
    for i in range(len(cores)):
        table.add_column(f"core {i}", justify="right")
    table.add_column("total", justify="right", style="bold")
    for row in ROWS:
        table.add_row(row.replace("_", " "), *(f"{c[row]:,}" for c in cores), f"{counters[row]:,}")
    for cause, total in counters["traps"].items():
        if total:
            table.add_row(f"traps: {cause}", *(f"{c['traps'][cause]:,}" for c in cores), f"{total:,}")
    for name, value in counters["devices"].items():
        table.add_row(name.replace("_", " "), *("" for _ in cores), f"{value:,}")
    return table


def print_counters(machine, file):
    Console(file=file).print(counters_table(machine))
