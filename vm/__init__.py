"""The minos machine: a 32-bit register VM with rings, paging, traps, cores and devices."""
