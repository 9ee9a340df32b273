"""The debugger's user interface (`minos debug`): a gdb-like command REPL
over its engine in shell/debugger/engine/. See docs/debugger.md."""
