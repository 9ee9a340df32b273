"""Console input from the host's stdin, read by a background thread so the
machine never blocks on it while it has work to do."""

import os
import queue
import threading


class StdinInput:
    def __init__(self, fd=0):
        self.q = queue.Queue()
        self.eof = False
        thread = threading.Thread(target=self._reader, args=(fd,), daemon=True)
        thread.start()

    def _reader(self, fd):
        while True:
            try:
                data = os.read(fd, 4096)
            except OSError:
                data = b""
            self.q.put(data)
            if not data:
                return

    def read_nowait(self):
        out = bytearray()
        while not self.q.empty():
            out += self._take(self.q.get_nowait())
        return bytes(out)

    def wait(self):
        """Block until input arrives; None once stdin is at its end."""
        if self.eof:
            return None
        data = self._take(self.q.get())
        return data if data or not self.eof else None

    def _take(self, data):
        if not data:
            self.eof = True
        return data
