"""The console's receive FIFO and the host's flow control (docs/devices.md):
the FIFO holds RX_FIFO_DEPTH bytes, the host holds the rest until the
kernel reads, and no byte is ever lost however much is sent at once."""

from vm.devices import CONSOLE_RX_FULL, CONSOLE_RX_READY, RX_FIFO_DEPTH, Console
from vm.machine import Machine
from helpers import reg, run


def test_the_fifo_takes_what_fits_and_the_host_holds_the_rest():
    con = Console(lambda data: None)
    con.receive(bytes(range(40)))
    assert len(con.rx) == RX_FIFO_DEPTH and len(con.sending) == 40 - RX_FIFO_DEPTH
    assert con.read(Console.STATUS, None) == CONSOLE_RX_READY | CONSOLE_RX_FULL
    got = [con.read(Console.RX, None) for _ in range(40)]
    assert got == list(range(40))                       # in order, nothing dropped
    assert con.read(Console.STATUS, None) == 0 and con.read(Console.RX, None) == 0xFFFFFFFF


def test_a_program_reads_every_byte_of_a_long_input_in_order():
    text = b"".join(b"%03d," % i for i in range(100))  # 400 bytes, 25 FIFOs' worth
    m, _ = run("""
        li s1, CONSOLE
        lw a0, 8(s1)          # STATUS at the start: ready and full
        li s0, buf
        li a1, 0
    next:
        lw t0, 8(s1)
        beqz t0, done
        lw t0, 4(s1)
        sb t0, 0(s0)
        addi s0, s0, 1
        addi a1, a1, 1
        jmp next
    done:
        halt
    .align 8
    buf: .space 512
    """, console_in=text, max_instructions=20_000)
    assert reg(m, "a0") == 3 and reg(m, "a1") == len(text)
    assert m.read_phys(m.prog["buf"], len(text)) == text


def test_the_host_sends_no_more_while_the_console_holds_bytes():
    m = Machine()
    m.feed_input(b"x" * 100)
    m._deliver_input()
    assert len(m.console.rx) == RX_FIFO_DEPTH and len(m.console.sending) == 100 - RX_FIFO_DEPTH
    assert len(m.input.data) == 0
    m.input.feed(b"later")
    m._deliver_input()                        # the console still holds bytes: not taken yet
    assert bytes(m.input.data) == b"later"
