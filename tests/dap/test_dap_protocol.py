"""The DAP adapter in Python alone (no node): the wire format, sequence
numbers, error responses for bad requests, and a launched session stopped
on entry answering threads, stackTrace, scopes, variables, evaluate,
readMemory and disassemble."""

import base64
import io
import json
from pathlib import Path

import pytest

from shell.build import KERNELS
from shell.dap.adapter import EXCEPTION_FILTERS, LAUNCH_ARGUMENTS, Adapter
from shell.dap.protocol import Connection


def frame(message):
    body = json.dumps(message).encode() if not isinstance(message, bytes) else message
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def requests(*items):
    """Wire bytes for requests given as (command, arguments) or raw bytes."""
    out, seq = b"", 0
    for item in items:
        if isinstance(item, bytes):
            out += item
            continue
        seq += 1
        command, arguments = item
        out += frame({"seq": seq, "type": "request", "command": command,
                      "arguments": arguments})
    return out


def parse(data):
    """The messages the adapter wrote, checking each header."""
    stream, out = io.BytesIO(data), []
    while True:
        header = stream.readline()
        if not header:
            return out
        assert header.startswith(b"Content-Length: ") and header.endswith(b"\r\n"), header
        assert stream.readline() == b"\r\n"
        out.append(json.loads(stream.read(int(header.split(b":")[1]))))


def serve(data):
    out = io.BytesIO()
    assert Adapter(io.BytesIO(data), out).serve() == 0
    return parse(out.getvalue())


def responses(messages):
    return {m["request_seq"]: m for m in messages if m["type"] == "response"}


def test_framing_and_sequence_numbers():
    messages = serve(requests(("initialize", {"adapterID": "test"}), ("threads", {}),
                              ("disconnect", {})))
    assert [m["seq"] for m in messages] == list(range(1, len(messages) + 1))
    first = messages[0]
    assert first["type"] == "response" and first["request_seq"] == 1 and first["success"]
    caps = first["body"]
    assert caps["supportsStepBack"] and caps["supportsConfigurationDoneRequest"]
    assert caps["exceptionBreakpointFilters"] == EXCEPTION_FILTERS
    assert {f["filter"] for f in EXCEPTION_FILTERS} == {"syscall", "pagefault", "trap", "panic"}
    assert responses(messages)[2]["body"] == {"threads": []}


def test_bad_requests_get_error_responses():
    messages = serve(requests(
        ("initialize", {}),
        ("frobnicate", {}),                                   # unknown command
        ("stackTrace", {"threadId": 1}),                      # before launch
        ("launch", {"command": 5}),                           # a bad argument
        frame({"seq": 9, "type": "event", "event": "x"}),     # not a request
        frame(b"{not json"),                                  # not JSON
        b"X-Nonsense\r\n\r\n",                                # a header without a colon
        frame({"seq": 10, "type": "request", "command": "launch", "arguments": [1]}),
        ("disconnect", {})))
    by_seq = responses(messages)
    assert "does not know the request 'frobnicate'" in by_seq[2]["message"]
    assert "needs a launched machine" in by_seq[3]["message"]
    assert "'command' is the shell command line" in by_seq[4]["message"]
    assert "takes requests" in by_seq[9]["message"]
    assert "arguments must be an object" in by_seq[10]["message"]
    for seq in (2, 3, 4, 9, 10):
        assert by_seq[seq]["success"] is False
        assert by_seq[seq]["body"]["error"]["showUser"] is True
    notes = [m["body"]["output"] for m in messages if m.get("event") == "output"]
    assert any("not JSON" in n for n in notes) and any("bad header line" in n for n in notes)
    assert by_seq[5]["success"] and by_seq[5]["command"] == "disconnect"   # still serving


def test_end_of_input_ends_the_adapter():
    assert serve(b"") == []
    assert serve(b"Content-Length: 50\r\n\r\n{\"trunc") == []


def test_connection_numbers_every_message():
    out = io.BytesIO()
    conn = Connection(io.BytesIO(), out)
    conn.event("initialized")
    conn.respond({"seq": 7, "command": "next"}, error="no {braces} lost")
    conn.respond({"seq": 8, "command": "threads"}, {"threads": []})
    first, second, third = parse(out.getvalue())
    assert (first["seq"], second["seq"], third["seq"]) == (1, 2, 3)
    assert second["message"] == "no {braces} lost"
    assert second["body"]["error"]["format"] == "no {{braces}} lost"
    assert third == {"type": "response", "request_seq": 8, "command": "threads",
                     "success": True, "body": {"threads": []}, "seq": 3}


@pytest.fixture(scope="module")
def on_entry():
    """mono launched, stopped before its first instruction."""
    return serve(requests(
        ("initialize", {}),
        ("setExceptionBreakpoints", {"filters": ["panic", "nosuch"]}),
        ("launch", {"kernel": "mono", "command": "echo hi", "stopOnEntry": True}),
        ("setBreakpoints", {"source": {"path": "nosuch.c"}, "breakpoints": [{"line": 3}]}),
        ("setFunctionBreakpoints", {"breakpoints": [{"name": "sys_write",
                                                     "hitCondition": "2"},
                                                    {"name": "kexec", "hitCondition": "x"}]}),
        ("configurationDone", {}),
        ("threads", {}),
        ("stackTrace", {"threadId": 1}),
        ("scopes", {"frameId": 1}),
        ("variables", {"variablesReference": 1}),
        ("evaluate", {"expression": "ncpu + 1", "frameId": 1, "context": "watch"}),
        ("evaluate", {"expression": "cpus[0]", "frameId": 1, "context": "hover"}),
        ("variables", {"variablesReference": 3}),
        ("evaluate", {"expression": "-exec info breakpoints", "context": "repl"}),
        ("evaluate", {"expression": "-exec continue", "context": "repl"}),
        ("readMemory", {"memoryReference": "0x10000", "count": 16}),
        ("disassemble", {"memoryReference": "0x10000", "instructionCount": 2}),
        ("stackTrace", {"threadId": 9}),
        ("variables", {"variablesReference": 99}),
        ("variables", {}),
        ("disconnect", {})))


def test_launch_and_configuration(on_entry):
    by_seq = responses(on_entry)
    assert all(by_seq[n]["success"] for n in (1, 2, 3, 6, 7, 8, 9))
    events = [m["event"] for m in on_entry if m["type"] == "event"]
    assert "initialized" in events
    stopped = [m for m in on_entry if m.get("event") == "stopped"]
    assert stopped[0]["body"]["reason"] == "entry" and stopped[0]["body"]["threadId"] == 1
    assert [b["verified"] for b in by_seq[4]["body"]["breakpoints"]] == [False]
    sys_write, kexec = by_seq[5]["body"]["breakpoints"]
    assert sys_write["verified"] and sys_write["line"] > 0
    assert not kexec["verified"] and "hit condition 'x'" in kexec["message"]
    notes = "".join(m["body"]["output"] for m in on_entry if m.get("event") == "output")
    assert "exception filter nosuch" in notes
    assert by_seq[7]["body"]["threads"] == [{"id": 1, "name": "core 0: kernel, ring 0"}]


def test_inspecting_the_stopped_machine(on_entry):
    by_seq = responses(on_entry)
    top = by_seq[8]["body"]["stackFrames"][0]
    assert top["name"] == "_entry [ring 0]" and top["instructionPointerReference"] == "0x10000"
    assert top["source"]["path"].endswith("kernel/core/entry.s")
    assert [s["name"] for s in by_seq[9]["body"]["scopes"]] == ["Registers", "Globals"]
    registers = {v["name"]: v["value"] for v in by_seq[10]["body"]["variables"]}
    assert registers["pc"] == "0x00010000" and registers["ring"] == "0"
    assert by_seq[11]["body"]["result"] == "1" and by_seq[11]["body"]["type"] == "int"
    cpu = by_seq[12]["body"]
    assert cpu["type"] == "struct cpu" and cpu["variablesReference"] == 3   # after 2 scopes
    fields = [v["name"] for v in by_seq[13]["body"]["variables"]]
    assert fields[:3] == ["id", "thread", "context"] and "nswitch" in fields
    assert "sys_write" in by_seq[14]["body"]["result"]
    assert "runs the machine" in by_seq[15]["message"]
    memory = by_seq[16]["body"]
    assert memory["address"] == "0x10000" and memory["unreadableBytes"] == 0
    assert len(base64.b64decode(memory["data"])) == 16
    first = by_seq[17]["body"]["instructions"][0]
    assert first["address"] == "0x10000" and first["symbol"] == "_entry"
    assert first["instruction"].startswith("li sp")
    assert "no thread 9" in by_seq[18]["message"]
    assert "no variables 99" in by_seq[19]["message"]
    assert by_seq[20]["message"] == "bad arguments for 'variables': 'variablesReference'"
    assert by_seq[21]["success"]


def test_the_vscode_extension_describes_the_adapters_launch():
    root = Path(__file__).resolve().parents[2]
    package = json.loads((root / "editors/vscode/package.json").read_text())
    (debugger,) = package["contributes"]["debuggers"]
    assert debugger["type"] == "minos"
    assert (root / "editors/vscode" / debugger["program"]).stat().st_mode & 0o111
    launch = debugger["configurationAttributes"]["launch"]["properties"]
    assert set(launch) == set(LAUNCH_ARGUMENTS)
    assert launch["kernel"]["enum"] == list(KERNELS)
    # the example configurations use only what launch takes
    text = (root / ".vscode/launch.json").read_text()
    example = json.loads("\n".join(line for line in text.splitlines()
                                   if not line.lstrip().startswith("//")))
    for config in example["configurations"] + debugger["initialConfigurations"]:
        assert config["type"] == "minos" and config["request"] == "launch"
        assert set(config) - {"type", "request", "name"} <= set(LAUNCH_ARGUMENTS)


class PipeClient:
    """The adapter on a thread behind two pipes, driven one request at a time."""

    def __init__(self):
        import os
        import threading
        into_r, self.into_w = os.pipe()
        out_r, out_w = os.pipe()
        self.rfile = os.fdopen(out_r, "rb")
        self.wfile = os.fdopen(self.into_w, "wb")
        adapter_out = os.fdopen(out_w, "wb")
        self.adapter = Adapter(os.fdopen(into_r, "rb"), adapter_out)
        self.thread = threading.Thread(target=lambda: (self.adapter.serve(),
                                                       adapter_out.close()), daemon=True)
        self.thread.start()
        self.conn = Connection(self.rfile, self.wfile)
        self.seen = []

    def request(self, name, **arguments):
        self.conn.send({"type": "request", "command": name, "arguments": arguments})
        seq = self.conn.seq - 1
        return self.wait(lambda m: m.get("request_seq") == seq and m["type"] == "response")

    def wait(self, wanted):
        while True:
            message = self.conn.read()
            assert message is not None, "the adapter closed its output"
            self.seen.append(message)
            if wanted(message):
                return message

    def event(self, name):
        return self.wait(lambda m: m.get("event") == name)


def test_pause_a_running_machine_and_power_off():
    client = PipeClient()
    client.request("initialize")
    client.request("launch", kernel="mono", command="sleep 3; halt")
    client.request("configurationDone")
    assert client.request("stackTrace", threadId=1)["message"].startswith(
        "cannot 'stackTrace' while the machine runs")
    assert client.request("pause", threadId=1)["success"]
    stopped = client.event("stopped")["body"]
    assert stopped["reason"] == "pause" and "interrupted" in stopped["description"]
    assert client.request("stackTrace", threadId=1)["success"]
    # the rest: sleep's ticks pass, then halt powers the machine off
    client.request("continue", threadId=1)
    exited = client.wait(lambda m: m.get("event") in ("exited", "stopped"))
    while exited.get("event") == "stopped":          # the budget ran out: go on
        assert exited["body"]["reason"] == "pause", exited
        client.request("continue", threadId=1)
        exited = client.wait(lambda m: m.get("event") in ("exited", "stopped"))
    assert exited["body"]["exitCode"] == 0
    client.event("terminated")
    assert "not running" in client.request("continue", threadId=1)["message"]
    assert client.request("disconnect")["success"]
    client.thread.join(timeout=60)
    assert not client.thread.is_alive()


BARE_C = r"""
struct point { int x; int y; };
struct point origin = {3, 4};
int square(int n)
{
    int r = n * n;
    return r;
}
int main(void)
{
    int total = square(origin.x) + square(origin.y);
    return total;
}
"""


def test_a_bare_image_to_its_power_off(tmp_path):
    from shell.cli import main as minos
    source, image = tmp_path / "sq.c", tmp_path / "sq.img"
    source.write_text(BARE_C)
    assert minos(["cc", "--bare", str(source), "-o", str(image)]) == 0
    client = PipeClient()
    client.request("initialize")
    client.request("launch", image=str(image))
    bp = client.request("setFunctionBreakpoints", breakpoints=[{"name": "square"}])
    assert bp["body"]["breakpoints"][0]["line"] == 6          # after the prologue
    client.request("configurationDone")
    assert client.event("stopped")["body"]["reason"] == "breakpoint"
    frames = client.request("stackTrace", threadId=1)["body"]["stackFrames"]
    assert [f["name"] for f in frames[:2]] == ["square [ring 0]", "main [ring 0]"]
    assert frames[0]["source"]["path"] == str(source) and frames[0]["line"] == 6
    scopes = client.request("scopes", frameId=frames[0]["id"])["body"]["scopes"]
    args = next(s for s in scopes if s["name"] == "Arguments")
    values = client.request("variables", variablesReference=args["variablesReference"])
    assert [(v["name"], v["value"]) for v in values["body"]["variables"]] == [("n", "3")]
    origin = client.request("evaluate", expression="origin", frameId=frames[0]["id"])["body"]
    parts = client.request("variables", variablesReference=origin["variablesReference"])
    assert [(v["name"], v["value"]) for v in parts["body"]["variables"]] == [("x", "3"),
                                                                              ("y", "4")]
    client.request("stepOut", threadId=1)
    client.event("stopped")
    top = client.request("stackTrace", threadId=1)["body"]["stackFrames"][0]
    assert top["name"] == "main [ring 0]"
    client.request("setFunctionBreakpoints", breakpoints=[])
    client.request("continue", threadId=1)
    assert client.event("exited")["body"]["exitCode"] == 25
    client.event("terminated")
    client.request("disconnect")
    client.thread.join(timeout=60)
