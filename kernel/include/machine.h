// machine.h: the minos machine as C sees it — control registers, the
// few privileged instructions, and the page-table entry format.
// (vm/isa.py is the machine's definition; docs/isa.md its description.)
//
// Each helper is one instruction wrapped in inline assembly. The control
// register's name must appear literally in the instruction, so there is
// one read (r_NAME) and one write (w_NAME) helper per register we use.

#ifndef MINOS_MACHINE_H
#define MINOS_MACHINE_H

#include "types.h"

// The numbers (trap causes T_*, status bits, PTE bits, PGSIZE) are the
// machine's and come from hw.h, generated from vm/ (vm/headergen.py).
#include <hw.h>

#define STATUS_RING(s) (((s) >> STATUS_RING_SHIFT) & 3)

// ---- page tables ----
// A virtual address is 10 bits of directory index, 10 bits of table
// index and 12 bits of offset. Both levels hold 1024 4-byte entries.
#define PGROUNDUP(a)   (((a) + PGSIZE - 1) & ~(PGSIZE - 1))
#define PGROUNDDOWN(a) ((a) & ~(PGSIZE - 1))
#define PDX(va)       (((uint)(va) >> 22) & 0x3FF)   // directory index
#define PTX(va)       (((uint)(va) >> 12) & 0x3FF)   // table index
#define PDXADDR(i)    ((uint)(i) << 22)              // first address of directory slot i

#define PTE_U         (3 << PTE_RING_SHIFT)   // user (ring 3) may touch it
// Bits 8-11 are ignored by the hardware: the kernel may use them.
#define PTE_COW       0x100       // a copy-on-write page: writable once copied (lab pgtbl)
#define PTE_RING(pte) (((pte) >> PTE_RING_SHIFT) & 3)
#define PTE_ADDR(pte) ((pte) & ~PTE_FLAGS_MASK)
#define PTE_FLAGS(pte) ((pte) & PTE_FLAGS_MASK)

// ---- control registers ----
static inline uint r_status(void)  { uint x; asm volatile("csrr %0, status" : "=r"(x)); return x; }
static inline void w_status(uint x) { asm volatile("csrw status, %0" : : "r"(x)); }
static inline uint r_epc(void)     { uint x; asm volatile("csrr %0, epc" : "=r"(x)); return x; }
static inline uint r_estatus(void) { uint x; asm volatile("csrr %0, estatus" : "=r"(x)); return x; }
static inline uint r_cause(void)   { uint x; asm volatile("csrr %0, cause" : "=r"(x)); return x; }
static inline uint r_badaddr(void) { uint x; asm volatile("csrr %0, badaddr" : "=r"(x)); return x; }
static inline void w_vec(uint x)   { asm volatile("csrw vec, %0" : : "r"(x)); }
static inline uint r_ksp(void)     { uint x; asm volatile("csrr %0, ksp" : "=r"(x)); return x; }
static inline void w_ksp(uint x)   { asm volatile("csrw ksp, %0" : : "r"(x)); }
static inline uint r_ptbr(void)    { uint x; asm volatile("csrr %0, ptbr" : "=r"(x)); return x; }
static inline void w_ptbr(uint x)  { asm volatile("csrw ptbr, %0" : : "r"(x)); }
static inline uint r_asid(void)    { uint x; asm volatile("csrr %0, asid" : "=r"(x)); return x; }
static inline void w_asid(uint x)  { asm volatile("csrw asid, %0" : : "r"(x)); }
static inline uint r_coreid(void)  { uint x; asm volatile("csrr %0, coreid" : "=r"(x)); return x; }
static inline uint r_ncores(void)  { uint x; asm volatile("csrr %0, ncores" : "=r"(x)); return x; }
static inline uint r_cycle(void)   { uint x; asm volatile("csrr %0, cycle" : "=r"(x)); return x; }
static inline uint r_instret(void) { uint x; asm volatile("csrr %0, instret" : "=r"(x)); return x; }
static inline void w_timer(uint x) { asm volatile("csrw timer, %0" : : "r"(x)); }
static inline void w_ipi(uint x)   { asm volatile("csrw ipi, %0" : : "r"(x)); }
static inline uint r_scratch(void) { uint x; asm volatile("csrr %0, scratch" : "=r"(x)); return x; }
static inline void w_scratch(uint x) { asm volatile("csrw scratch, %0" : : "r"(x)); }
static inline uint r_memsize(void) { uint x; asm volatile("csrr %0, memsize" : "=r"(x)); return x; }

// ---- interrupts ----
static inline void intr_on(void)  { asm volatile("sti"); }
static inline void intr_off(void) { asm volatile("cli"); }
static inline int  intr_get(void) { return (r_status() & STATUS_IE) != 0; }

// Wait until an interrupt is pending. With interrupts off it just
// returns when one is pending (it is taken at the next intr_on()).
static inline void wfi(void) { asm volatile("wfi"); }

// ---- TLB ----
static inline void tlbflush(void) { asm volatile("tlbflush"); }
static inline void tlbflushpg(uint va) { asm volatile("tlbflushpg %0" : : "r"(va)); }
static inline void tlbflushasid(uint asid) { asm volatile("tlbflushasid %0" : : "r"(asid)); }

// ---- registers ----
static inline uint r_fp(void) { uint x; asm volatile("mov %0, fp" : "=r"(x)); return x; }
static inline uint r_sp(void) { uint x; asm volatile("mov %0, sp" : "=r"(x)); return x; }

// ---- atomics ----
// Atomically store v at *addr and return the old value.
static inline uint xchg(volatile uint *addr, uint v)
{
  uint old;
  asm volatile("swap %0, %1, %2" : "=r"(old) : "r"(addr), "r"(v) : "memory");
  return old;
}

#endif // MINOS_MACHINE_H
