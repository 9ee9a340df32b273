// console.c: the console driver of the micro world — a user-mode server
// that alone can touch the console's registers (its starter maps them
// into it, at CONS_DEVVA) and to which the console interrupt is a
// notification (CONS_IRQ, bound to its thread, so a recv ends with
// LABEL_NOTIFY when a key arrives).
//
// Requests (servers/include/proto.h): CONS_WRITE shows bytes; CONS_READ
// returns at most one line. Input is line-buffered as mono's console.c
// does it (kernel/mono/console.c): the driver echoes what is typed and
// edits the line — ^H or DEL erases a character, ^U the line, \r reads
// as \n, ^D ends the input (a read returns what is typed so far, or 0
// on an empty line), ^C forgets the line and signals pm (PMN_INTR),
// which kills the foreground process group.
//
// A read that finds no complete line does not wait: the driver keeps
// its reply (savereply, a CAP_REPLY in one of the slots REPLY0..) and
// goes on serving others; when a line is complete it answers the
// oldest parked read (replyto). So no client can stop the driver.
//
// Flow control: the kernel masks the interrupt before it signals; the
// driver takes bytes while its buffer has room and only then unmasks
// (irqack). With the buffer full, bytes wait in the UART's FIFO until a
// read makes room — nothing is lost, as on mono.
//
// Its starter sets it up before it runs (servers/lib/driver.c: the
// registers mapped, the interrupt bound, the keep page mapped, and
// DRV_KEEPARG as its argument then): the driver asks nobody for
// anything at start.
//
// The input — the lines typed and not read yet, and the line being
// typed, already echoed — lives in a page the reincarnation server
// keeps across the driver's instances (DRV_KEEPVA, servers/rs/rs.c), so
// a new instance after a crash or `svc kill console` goes on with it:
// the half-typed line is finished and read as if nothing had happened.
// A new instance checks the page (KEEPMAGIC, the invariants) and starts
// empty if it does not hold them; with no page kept (a test that plays
// the root), the input is the driver's own. Lost with an instance: the
// reads parked in it (their callers get -EPIPE and ask the next one:
// servers/lib/retry.c) and a line taken for a read the instance died
// before answering.
//
// Invariants: r <= w <= e <= r + INPUT_BUF (byte counters, used modulo
// INPUT_BUF); bytes [r, w) are complete lines readers may take, [w, e)
// the line being edited. Each change keeps them: a byte is stored
// before e counts it. nparked reads wait, in order, in park[].

#include <stdio.h>
#include <string.h>
#include <hw.h>
#include "mk.h"
#include "proto.h"

#define CTRL(x)    ((x) - '@')
#define INPUT_BUF  128
#define NPARK      8             // reads that may wait at once
#define REPLY0     8             // slots REPLY0 .. REPLY0 + NPARK - 1 keep their replies

#define REG(off)   (*(volatile unsigned int *)(CONS_DEVVA + (off)))

#define KEEPMAGIC  0x4B45504Eu  // "KEPN": the page holds our input

struct input {
  unsigned int magic;            // KEEPMAGIC
  unsigned int r, w, e;          // read, written (complete), edited up to
  char buf[INPUT_BUF];
};
static struct input own;         // the input when no page is kept for us
static struct input *in = &own;
static int masked;               // the interrupt is masked, waiting for room

struct parked {
  int slot;                      // its saved reply
  int want;                      // the bytes it asked for
};
static struct parked park[NPARK];
static int nparked;
static int slotbusy[NPARK];

static char io[IPC_MAXLONG];     // long parts in and out

static void
putbyte(int c)
{
  REG(CONSOLE_TX) = c;
}

static void
erase(void)
{
  putbyte('\b');
  putbyte(' ');
  putbyte('\b');
}

// One typed byte through the line discipline.
static void
typed(int c)
{
  switch (c) {
  case CTRL('U'):
    while (in->e != in->w && in->buf[(in->e - 1) % INPUT_BUF] != '\n') {
      in->e--;
      erase();
    }
    return;
  case CTRL('H'):
  case 0x7f:
    if (in->e != in->w) {
      in->e--;
      erase();
    }
    return;
  case CTRL('C'):
    putbyte('^');
    putbyte('C');
    putbyte('\n');
    in->e = in->w;               // forget the line being typed
    ntfn_signal(CONS_PMN);       // pm kills the foreground group (no capability: no-op)
    return;
  }
  if (c == 0 || in->e - in->r >= INPUT_BUF)
    return;
  if (c == '\r')
    c = '\n';
  if (c != CTRL('D'))
    putbyte(c);
  in->buf[in->e % INPUT_BUF] = c;
  in->e++;
  if (c == '\n' || c == CTRL('D') || in->e - in->r == INPUT_BUF)
    in->w = in->e;               // a line is complete
}

// Take up to n bytes of the next complete line into io. Returns the
// count (0: end of input). There must be a complete line (r != w).
static int
takeline(int n)
{
  int got = 0;
  char c;

  while (got < n && in->r != in->w) {
    c = in->buf[in->r % INPUT_BUF];
    in->r++;
    if (c == CTRL('D')) {
      if (got > 0)
        in->r--;                 // keep ^D: the next read returns 0
      break;
    }
    io[got++] = c;
    if (c == '\n')
      break;
  }
  return got;
}

// The interrupt: take bytes while there is room, then unmask — or stay
// masked until a read makes room.
static void
interrupt(void)
{
  while (in->e - in->r < INPUT_BUF && (REG(CONSOLE_STATUS) & CONSOLE_RX_READY))
    typed(REG(CONSOLE_RX) & 0xFF);
  masked = in->e - in->r >= INPUT_BUF;
  if (!masked)
    irq_ack(CONS_IRQ, T_CONSOLE);
}

// Answer parked reads while complete lines are there.
static void
wakereaders(void)
{
  struct msg m;
  int i, n;

  while (nparked > 0 && in->r != in->w) {
    n = takeline(park[0].want);
    m.info = IPC_INFO(REPLY_OK, n);
    m.w[0] = n;
    m.buf = (unsigned int)io;
    ipc_replyto(park[0].slot, &m);          // a reader that is gone: -ESRCH, fine
    slotbusy[park[0].slot - REPLY0] = 0;
    nparked--;
    for (i = 0; i < nparked; i++)
      park[i] = park[i + 1];
  }
  if (masked && in->e - in->r < INPUT_BUF) {
    masked = 0;
    interrupt();                 // room again: take what waits in the FIFO
  }
}

// CONS_READ: answer now (a line is there) or park the reply. Returns 1
// if m holds the reply to send, 0 if the reply was kept.
static int
readreq(struct msg *m)
{
  int want = m->w[0], i;

  if (want < 0 || want > IPC_MAXLONG) {
    m->info = IPC_INFO(REPLY_OK, 0);
    m->w[0] = -EINVAL;
    return 1;
  }
  if (in->r != in->w && nparked == 0) {
    m->w[0] = takeline(want);
    m->info = IPC_INFO(REPLY_OK, m->w[0]);
    return 1;
  }
  for (i = 0; i < NPARK && slotbusy[i]; i++)
    ;
  if (i == NPARK || reply_save(REPLY0 + i) < 0) {
    m->info = IPC_INFO(REPLY_OK, 0);
    m->w[0] = -EAGAIN;           // too many readers waiting
    return 1;
  }
  slotbusy[i] = 1;
  park[nparked].slot = REPLY0 + i;
  park[nparked].want = want;
  nparked++;
  return 0;
}

// One request, or the interrupt (LABEL_NOTIFY). Returns 1 with the
// reply in m, 0 if there is none to send now.
static int
handle(struct msg *m)
{
  int n, i, answer = 1;

  switch (IPC_LABEL(m->info)) {
  case LABEL_NOTIFY:
    interrupt();
    answer = 0;
    break;
  case CONS_WRITE:
    n = IPC_LEN(m->info);
    for (i = 0; i < n; i++)
      putbyte(io[i]);
    m->w[0] = n;
    m->info = IPC_INFO(REPLY_OK, 0);
    break;
  case CONS_READ:
    answer = readreq(m);
    break;
  default:
    m->w[0] = -ENOSYS;
    m->info = IPC_INFO(REPLY_OK, 0);
    break;
  }
  wakereaders();
  return answer;
}

// The input kept for us (by an earlier instance, or a fresh page): ours
// if it holds the invariants, else emptied.
static struct input *
adopt(struct input *k)
{
  if (k->magic != KEEPMAGIC || k->e - k->r > INPUT_BUF || k->w - k->r > k->e - k->r) {
    memset(k, 0, sizeof(*k));
    k->magic = KEEPMAGIC;
  }
  return k;
}

int
main(int argc, char **argv)
{
  if (ntfn_bind(CONS_IRQ) < 0) {
    printf("console: no interrupt notification\n");
    return 1;
  }
  if (argc > 1 && strcmp(argv[1], DRV_KEEPARG) == 0)
    in = adopt((struct input *)DRV_KEEPVA);
  irq_ack(CONS_IRQ, T_CONSOLE);
  serve(CONS_EP, io, sizeof(io), handle);
  return 0;
}
