"""The debugger's user interface (`minos debug`): a gdb-like command REPL
over the engine in vm/debug/. See docs/debugger.md."""
