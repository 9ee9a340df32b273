"""Console input from the host's stdin, read by a background thread so the
machine never blocks on it while it has work to do.

Flow control: the machine takes input only when the console has room for
it (vm/devices.py, Console), and the reader thread holds at most QUEUED
chunks; past that it stops reading, so a fast writer into the pipe waits
for the OS to read, as it would with a real serial line."""

import _thread
import os
import queue

CHUNK = 4096
QUEUED = 4          # chunks read ahead of the machine at most


class StdinInput:
    """eof_byte: what to type at the console when stdin ends. `minos boot`
    types ^D (byte 4), so a piped script ends the OS shell the way a person
    ends it, and the machine powers off. It types it again whenever the
    console has room, as a pipe answers every read after its end with
    end-of-file: a program inside the OS that reads to the end (`wc -c`)
    takes one ^D, and the shell after it still gets its own."""

    def __init__(self, fd=0, eof_byte=b"", on_wait=None):
        self.on_wait = on_wait          # called before the machine sleeps for input
        self.q = queue.Queue(maxsize=QUEUED)
        self.eof = False
        self.eof_byte = eof_byte
        # a bare thread, never joined (as a daemon thread): threading.Thread's
        # start() waits until the thread runs, start-up time on a busy machine
        _thread.start_new_thread(self._reader, (fd,))

    def _reader(self, fd):
        while True:
            try:
                data = os.read(fd, CHUNK)
            except OSError:
                data = b""
            self.q.put(data)
            if not data:
                return

    def read_nowait(self):
        out = bytearray()
        while not self.q.empty():
            out += self._take(self.q.get_nowait())
        if self.eof and not out:
            return self.eof_byte
        return bytes(out)

    def wait(self):
        """Block until input arrives; None once stdin is at its end."""
        if self.eof:
            return None
        if self.on_wait:
            self.on_wait()
        data = self._take(self.q.get())
        return data or None

    def _take(self, data):
        if not data and not self.eof:
            self.eof = True
            return self.eof_byte
        return data
