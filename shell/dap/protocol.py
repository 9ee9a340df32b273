"""The Debug Adapter Protocol's wire format: JSON messages, each after a
`Content-Length: N` header and a blank line (\\r\\n\\r\\n), in both
directions (https://microsoft.github.io/debug-adapter-protocol/).

Connection numbers what it sends (`seq` 1, 2, 3 ... over responses and
events together) and answers each request with a response carrying the
request's seq (`request_seq`) and command. Input that is not a message
(a header without Content-Length, a body that is not JSON, an object
that is not a request) is reported, never fatal: a request gets an error
response when it can be named, anything else an `output` event on
stderr, and the connection reads on.
"""

import json
import threading

from vm.errors import MinosError


class ProtocolError(MinosError):
    pass


class Connection:
    def __init__(self, rfile, wfile):
        self.rfile = rfile
        self.wfile = wfile
        self.seq = 1
        self.lock = threading.Lock()           # the adapter's worker sends events too

    # --- reading ----------------------------------------------------------------------
    def read(self):
        """The next message (a dict), or None at the end of the input.
        Raises ProtocolError for one bad message (the next read goes on)."""
        length = None
        while True:
            line = self.rfile.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                if length is None:
                    continue                     # blank lines between messages
                break
            name, sep, value = line.decode("ascii", "replace").partition(":")
            if not sep:
                raise ProtocolError(f"bad header line {line[:60]!r} (expected 'Name: value')")
            if name.strip().lower() == "content-length":
                try:
                    length = int(value.strip())
                except ValueError:
                    raise ProtocolError(f"bad Content-Length {value.strip()!r}") from None
        body = self.rfile.read(length)
        if len(body) < length:
            return None
        try:
            message = json.loads(body)
        except ValueError as e:
            raise ProtocolError(f"a message that is not JSON ({e})") from None
        if not isinstance(message, dict):
            raise ProtocolError("a message that is not a JSON object")
        return message

    # --- writing ----------------------------------------------------------------------
    def send(self, message):
        with self.lock:
            message["seq"] = self.seq
            self.seq += 1
            body = json.dumps(message).encode()
            self.wfile.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.wfile.flush()

    def respond(self, request, body=None, error=None):
        """The response to request: success with body, or failure with the
        message `error` (shown to the user as it is)."""
        message = {"type": "response", "request_seq": request.get("seq", 0),
                   "command": request.get("command", ""), "success": error is None}
        if error is not None:
            message["message"] = error
            message["body"] = {"error": {"id": 1, "format": error.replace("{", "{{")
                                         .replace("}", "}}"), "showUser": True}}
        elif body is not None:
            message["body"] = body
        self.send(message)

    def event(self, name, body=None):
        message = {"type": "event", "event": name}
        if body is not None:
            message["body"] = body
        self.send(message)

    def output(self, text, category="console"):
        self.event("output", {"category": category, "output": text})
