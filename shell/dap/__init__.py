"""`minos dap`: the Debug Adapter Protocol on the debugger engine (docs/debugger.md)."""
