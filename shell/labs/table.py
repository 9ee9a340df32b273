"""The score table `minos grade` prints (rich)."""

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .grader import total


def _points(x):
    return f"{x:g}"


def render(lab, results, console=None):
    console = console or Console()
    table = Table(title=f"lab {lab.name}: {lab.title}", show_lines=True)
    table.add_column("test")
    table.add_column("points", justify="right")
    table.add_column("result")
    table.add_column("seconds", justify="right")
    table.add_column("why it failed (and the console output)")
    for r in results:
        verdict = (Text("pass", style="green") if r.passed
                   else Text("partial" if r.score > 0 else "FAIL", style="red"))
        details = r.reason + (("\n" + r.output) if r.output and not r.passed else "")
        table.add_row(r.name, f"{_points(r.score)}/{r.points}", verdict,
                      f"{r.seconds:.1f}", Text(details))
    score, possible = total(results)
    table.add_row(Text("total", style="bold"), Text(f"{_points(score)}/{possible}", style="bold"),
                  "", "", "")
    console.print(table)
