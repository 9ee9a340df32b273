"""Measuring the OS: `minos prof` (where the instructions go, by function)
and `minos bench` (the same operations on each kernel, side by side).
docs/measuring.md explains both."""
