"""Reading kernel variables by name from outside the machine, for the
measuring tools (`minos prof`, `minos bench`): `cpus[1].thread->tid`,
`cpus[0].nswitch`, `ipc_messages`.

Names are resolved once, from the kernel image's debug info (the `global`
and `types` entries the compiler writes, docs/debuginfo.md), into a chain
of offsets and pointer reads; reading is then a few word loads from
physical memory. The kernel is linked and loaded at the same address
(KERNBASE), so a kernel pointer is a physical address.

A variable the kernel does not have is not an error here: `has()` says so,
and the tools that read optional counters (a microkernel's message count)
treat it as absent.
"""

import re

from vm.errors import MinosError

_STEP = re.compile(r"\.(\w+)|->(\w+)|\[(\d+)\]")


class KernelVariableError(MinosError):
    pass


class KernelView:
    def __init__(self, info):
        self.globals = {}
        self.types = {}
        for e in info.debug:
            if e.get("kind") == "types":
                self.types[e.get("unit")] = e.get("types", [])
        for e in info.debug:
            if e.get("kind") == "global" and not e.get("function"):
                # a definition (in its unit's types) wins over an extern declaration
                self.globals.setdefault(e["name"], (e["addr"], e.get("unit"), e["type"]))
        self._paths = {}

    def has(self, path):
        try:
            self.resolve(path)
        except KernelVariableError:
            return False
        return True

    def resolve(self, path):
        """(steps, is an array, size in bytes) of `path`; steps reach its
        address: [("add", n) | ("load", None)]."""
        if path in self._paths:
            return self._paths[path]
        name = re.match(r"\w+", path)
        if not name or name.group() not in self.globals:
            raise KernelVariableError(f"the kernel has no variable '{path.split('[')[0]}'")
        addr, unit, tindex = self.globals[name.group()]
        types = self.types.get(unit, [])
        steps = [("add", addr)]
        t = self._type(types, tindex)
        rest = path[name.end():]
        while rest:
            m = _STEP.match(rest)
            if not m:
                raise KernelVariableError(f"cannot read '{path}' (at '{rest}')")
            field, arrow, index = m.groups()
            if arrow:
                if t.get("t") != "pointer":
                    raise KernelVariableError(f"'{path}': -> on something not a pointer")
                steps.append(("load", None))
                t = self._type(types, t["to"])
                field = arrow
            if field:
                found = [f for f in t.get("fields") or () if f["name"] == field]
                if t.get("t") not in ("struct", "union") or not found:
                    raise KernelVariableError(f"'{path}': no field '{field}'")
                steps.append(("add", found[0]["offset"]))
                t = self._type(types, found[0]["type"])
            elif index is not None:
                if t.get("t") != "array":
                    raise KernelVariableError(f"'{path}': [] on something not an array")
                element = self._type(types, t["of"])
                steps.append(("add", int(index) * element.get("size", 0)))
                t = element
            rest = rest[m.end():]
        self._paths[path] = (steps, t.get("t") == "array", t.get("size", 4))
        return self._paths[path]

    @staticmethod
    def _type(types, index):
        t = types[index]
        while t.get("t") == "typedef":
            t = types[t["to"]]
        return t

    def read(self, memory, path):
        """The value of an int or pointer variable (bytes for an array);
        None if a pointer on the way is null or points outside memory."""
        steps, array, size = self.resolve(path)
        addr = 0
        for op, n in steps:
            if op == "add":
                addr = (addr + n) & 0xFFFFFFFF
            else:
                if addr + 4 > memory.size or addr & 3:
                    return None
                addr = memory.words[addr >> 2]
                if addr == 0:
                    return None
        if addr + size > memory.size:
            return None
        data = bytes(memory.ram[addr:addr + size])
        return data if array else int.from_bytes(data, "little")

    def read_or(self, memory, path, default=0):
        """read(), or default if the kernel has no such variable."""
        return self.read(memory, path) if self.has(path) else default
