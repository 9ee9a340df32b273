"""The debugger engine: breakpoints, stepping (source-level, ring- and
address-space-aware), going back in time by snapshots and replay,
expressions over C debug info. shell/debugger/ is its user interface;
docs/debugger.md is the guide."""
