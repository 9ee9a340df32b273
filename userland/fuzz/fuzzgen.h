// fuzzgen.h: the random half of the system-call fuzzers (userland/fuzz/,
// one program per kernel: fuzz_mono.c, fuzz_micro.c, fuzz_exo.c; the
// host side is shell/fuzz.py, the story docs/reliability.md).
//
// A fuzzer makes calls with random numbers and random arguments, biased
// toward the values that break kernels: 0, -1, the largest and smallest
// ints, page boundaries, kernel and device addresses, addresses that wrap
// around the top of memory, unaligned ones, the pages around the ends of
// the stack and the heap, and huge lengths. The generator is seeded, so
// a seed names a run: the same seed gives the same calls (and, the
// machine being deterministic, the same run).
//
// Each program includes this header once (its functions are static) and
// provides fz_own(): a value that means something to its kernel (a file
// descriptor, a capability slot, a page number, an env id).

#include <memlayout.h>

#define FZ_PAGE 4096

int fuzztrap(unsigned int a0, unsigned int a1, unsigned int a2, unsigned int a3,
             unsigned int a4, unsigned int a5, int num, unsigned int t1, unsigned int s0);

static unsigned int fz_state = 1;

// xorshift32: tiny, and never 0 once seeded with a nonzero state.
static unsigned int
fz_next(void)
{
  unsigned int x = fz_state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  fz_state = x;
  return x;
}

// Seed from a run's seed and a stream number (one stream per worker):
// streams of one seed never repeat each other's calls.
static void
fz_seed(unsigned int seed, unsigned int stream)
{
  int i;

  fz_state = seed * 2654435761u ^ (stream + 1) * 0x9E3779B9u;
  if (fz_state == 0)
    fz_state = 0x12345678;
  for (i = 0; i < 8; i++)        // spread nearby seeds apart
    fz_next();
}

static unsigned int
fz_below(unsigned int n)
{
  return n ? fz_next() % n : 0;
}

// Integers at the edges.
static unsigned int fz_ints[] = {
  0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 33, 63, 64, 100, 255, 256, 1023, 1024,
  4095, 4096, 4097, 8192, 65535, 65536, 0x100000, 0x7FFFFFFF, 0x80000000,
  0x80000001, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFF000, 0xFFFF0000, 0xFFFFFF00,
};

// Addresses nobody should be able to use: empty, the kernel's, the
// devices', the top of memory, and the unmapped gaps of user space.
static unsigned int fz_bad[] = {
  0, 4, 0xFFF, 0x1000, KERNEL_BASE, KERNEL_BASE + 0x123, 0x100000, 0x3FFFFFFC,
  0x3FFFF000, USER_BASE - 1, CONSOLE_BASE, DISK_BASE, POWER_BASE, CLOCK_BASE,
  CONSOLE_BASE - 4, CONSOLE_BASE - 1, 0xEFFFFFFC, 0xEFFFFFFF, 0xFFFFFFFC,
  0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 0xC0000000, USTACKTOP, USTACKTOP - 1,
  USTACKBOTTOM - 4, USTACKBOTTOM - 1, UHEAPMAX, UHEAPMAX - 4, UHEAPMAX + 1,
};

// Our own memory, that the kernel may scribble on: FZ_BUF bytes that
// fz_init() puts at the heap's end, a page away from the program's own
// variables (which a write past the buffer's start would reach).
#define FZ_BUF (3 * FZ_PAGE)
static char *fz_buf;

// An address in or around fz_buf, the heap's end, or the stack's ends.
static unsigned int
fz_near(void)
{
  unsigned int base;
  unsigned int sp = (unsigned int)&base;

  switch (fz_below(5)) {
  case 0:  base = (unsigned int)fz_buf; break;
  case 1:  base = (unsigned int)fz_buf + FZ_BUF; break;
  case 2:  base = sp; break;
  case 3:  base = (sp + FZ_PAGE - 1) & ~(FZ_PAGE - 1); break;   // the stack's top page end
  default: base = (unsigned int)fz_buf + FZ_PAGE; break;
  }
  return base + fz_below(64) - 32 - (fz_below(4) == 0 ? FZ_PAGE : 0);
}

// Make fz_buf; sbrk is the caller's (each kernel's libc has one).
static void
fz_init(char *(*grow)(int))
{
  grow(FZ_PAGE);
  fz_buf = grow(FZ_BUF);
}

static unsigned int fz_own(void);

// One argument: an edge integer, a bad address, an address of ours
// (often unaligned), a small number, a value of the kernel's own kind,
// or any 32 bits.
static unsigned int
fz_arg(void)
{
  switch (fz_below(10)) {
  case 0:  return fz_ints[fz_below(sizeof(fz_ints) / sizeof(fz_ints[0]))];
  case 1:  return fz_bad[fz_below(sizeof(fz_bad) / sizeof(fz_bad[0]))];
  case 2:  return fz_near();
  case 3:
  case 4:  return (unsigned int)fz_buf + fz_below(FZ_BUF);
  case 5:  return fz_below(40);
  case 6:
  case 7:
  case 8:  return fz_own();
  default: return fz_next();
  }
}

// A call number: mostly one of the kernel's nsys calls, sometimes just
// outside the table, sometimes any 32 bits.
static int
fz_callnum(int nsys)
{
  switch (fz_below(16)) {
  case 0:  return (int)fz_next();
  case 1:  return nsys + (int)fz_below(3);
  case 2:  return -(int)fz_below(3);
  default: return 1 + (int)fz_below(nsys - 1);
  }
}

// Fill fz_buf with bytes the kernel may read as paths, numbers or
// structures: printable runs, zeros and random bytes.
static void
fz_scramble(void)
{
  unsigned int i;
  unsigned int at = fz_below(FZ_BUF);
  unsigned int n = fz_below(64);

  for (i = 0; i < n && at + i < FZ_BUF; i++) {
    switch (fz_below(4)) {
    case 0:  fz_buf[at + i] = 0; break;
    case 1:  fz_buf[at + i] = 'a' + fz_below(4); break;
    case 2:  fz_buf[at + i] = '/'; break;
    default: fz_buf[at + i] = fz_next(); break;
    }
  }
}
