// exoabi.h: what the exokernel (kernel/exo) and a library OS (libos/)
// agree on — system-call numbers, the fixed user addresses, the exposed
// information pages, the exception frame, the boot bundle. Shared by
// both sides: one fact, one place (docs/exo.md explains each).

#ifndef MINOS_EXOABI_H
#define MINOS_EXOABI_H

// ---- system calls: number in t0, arguments in a0-a3, result in a0 ----
// Errors are -E... (errnum.h). "env" arguments are environment ids; 0
// means the caller.
#define EXO_cputs        1   // (va, len): write len bytes at va to the console
#define EXO_getenvid     2   // (): the caller's id
#define EXO_exit         3   // (status): destroy the caller; never returns
#define EXO_page_alloc   4   // (ppn): bind free physical page ppn to the caller
#define EXO_page_free    5   // (ppn): give page ppn back (it must be mapped nowhere)
#define EXO_page_share   6   // (ppn, env, perm): let env map page ppn with at most perm
#define EXO_page_map     7   // (env, va, ppn, perm): map ppn at va in env (caller or its child)
#define EXO_page_unmap   8   // (env, va): remove env's mapping at va
#define EXO_pte          9   // (env, va): the mapping at va (0 if none)
#define EXO_exofork     10   // (): a new env, empty address space, not runnable; 0 in it
#define EXO_env_run     11   // (env): make a child created by exofork runnable
#define EXO_set_upcall  12   // (env, va): where env's exceptions are delivered (0: die of them)
#define EXO_resume      13   // (frame va): load the registers of an exception frame
#define EXO_pct         14   // (env, w0, w1, w2): protected control transfer
#define EXO_recv        15   // (): wait for a pct; returns the sender, words in a1-a3
#define EXO_yield       16   // (): give up the rest of the time slice
#define EXO_notify      17   // (env): wake env if it waits in EXO_recv (its a0: our id, a1-a3: 0);
                             // otherwise its next EXO_recv returns at once. We go on.
// What a library OS needs to build Unix (libos/unix): passing on a
// binding it holds, starting a child at a chosen point, the disk, the
// keyboard.
#define EXO_page_pass   32   // (env, dstva, srcva, perm): map in env at dstva the page the
                             // caller maps at srcva, with no more rights than the caller has
#define EXO_env_setframe 33  // (env, frame va): a child not yet run will start with this frame
#define EXO_disk_bind   34   // (block, n): bind n free disk blocks to the caller's disk domain
#define EXO_disk_read   35   // (block, va): read a block into the page mapped writable at va
#define EXO_disk_write  36   // (block, va): write the page mapped at va to a block
#define EXO_disk_grant  37   // (env): a child not yet run joins the caller's disk domain
#define EXO_disk_info   38   // (block): who may use it: EXO_BLOCK_FREE, _PUBLIC, or a domain
#define EXO_cons_read   39   // (va, n): up to n bytes typed on the console; waits for one
#define EXO_env_name    40   // (env, va): a child not yet run is called the string at va (at most
                             // 15 bytes): what ps, `minos prof` and the debugger show for it
#define EXO_NSYSCALL    41

// ---- page-table bits the kernel accepts from a library (machine.h) ----
// A mapping's perm is a subset of PTE_W | PTE_X | EXO_PTE_LIB: the bits
// EXO_PTE_LIB are the hardware's ignored bits 8-11, kept for the library
// (libos marks copy-on-write pages with one of them).
#define EXO_PTE_LIB      0xF00

// The software-TLB mode (kernel/exo/stlb.c; numbers kept apart from the
// others so the two lists can grow independently).
#define EXO_tlbmode     48   // (env, mode): EXO_TLB_*; env is the caller or its child not yet run
#define EXO_tlb_install 49   // (va, ppn, perm): in the software-TLB mode, map va to ppn (checked
                             // like page_map) in the kernel's STLB and this core's TLB
#define EXO_TLB_PAGETABLE 0  // the machine walks the env's page table (written by page_map)
#define EXO_TLB_SOFT      1  // software refill: STLB, then the kernel's page table, then the upcall

// ---- fixed user addresses ----
#define UINFO        0xE0000000   // two read-only pages: struct exoinfo, then the owner table
#define UXSTACKTOP   0xF0000000   // the exception stack is the page below (the library maps it)
#define EXO_REVOKE   16           // the upcall's cause for a revocation request:
                                  // badaddr = pages asked for, access = the page wanted (-1: any)
#define EXO_SAVE     0xEFFFFFB0   // UXSTACKTOP - 80: the agreed save area (kernel/exo/entry.s)
// The env's own page table, read-only (kernel/exo/page.c mapview; JOS's
// UVPT): the page table covering va is at UVPT + (va >> 22) * 4096, so
// uvpt[va >> 12] is va's entry, valid when uvpd[va >> 22] has PTE_P; the
// page directory itself is at UVPD. The library reads its mappings there
// without EXO_pte.
#define UVPT         0xE0400000   // 4 MiB, 4 MiB-aligned
#define UVPD         (UVPT + (UVPT >> 22) * 4096)

// ---- the exposed information (expose information: read without a call) ----
#define EXO_NENV      64          // environments (NTHREAD: one thread each)
#define EXO_MAXPPN    4096        // physical pages described (16 MiB of RAM)
#define EXO_OWNER_FREE   0        // owner table: free, anyone may bind it
#define EXO_OWNER_KERNEL 255      // the kernel's own (never bindable)
// owner values 1..EXO_NENV: the env in slot owner-1 holds the page;
// EXO_OWNER_ORPHAN: its owner died while another env still maps it.
#define EXO_OWNER_ORPHAN 254

// ---- disk blocks (kernel/exo/disk.c) ----
// A block is free, public (the boot bundle: anyone reads, no one
// writes), or bound to a disk domain: the id of the env that bound it;
// exofork's children join a domain only when granted (EXO_disk_grant).
#define EXO_BLOCK_FREE    0
#define EXO_BLOCK_PUBLIC  (-1)
#define EXO_MAXBLOCK      8192    // blocks described (32 MiB of disk)

#ifndef __ASSEMBLER__            // (libos/entry.S takes the numbers above only)

// Environment states
#define ENV_FREE         0
#define ENV_RUNNABLE     1        // running or ready to run
#define ENV_NOT_RUNNABLE 2        // made by exofork, not started yet
#define ENV_RECV         3        // waiting in EXO_recv for a pct
#define ENV_DEAD         4        // exited; its slot is reclaimed soon

#define EXO_NREPO 6               // repossession vector entries kept per env

struct exoenvinfo {
  int id;                 // 0 if the slot is free
  int status;             // ENV_*
  int parent;             // id of the env that made it (0 for the first)
  char name[16];
  // The repossession vector: pages the kernel took back by force (the
  // abort protocol). nrepo counts them all; the last EXO_NREPO are in
  // repo[k % EXO_NREPO] for k < nrepo.
  int nrepo;
  int repo[EXO_NREPO];
};

struct exoinfo {
  unsigned int ticks;     // timer ticks since boot
  unsigned int nfree;     // pages with owner EXO_OWNER_FREE
  unsigned int npages;    // entries in the owner table (pages of RAM, at most EXO_MAXPPN)
  struct exoenvinfo envs[EXO_NENV];
};
// The second page at UINFO + 4096: unsigned char owner[EXO_MAXPPN].

// ---- the exception frame ----
// regs[i] holds register r(i+1) at the exception: a0..a5, t0, t1,
// s0..s3, fp, sp, lr (docs/abi.md). The kernel's fast path (entry.s)
// fills cause, badaddr, access, epc and t0 of the one at EXO_SAVE, the
// agreed save area; the library saves the rest. EXO_resume loads a
// frame back.
struct exoframe {
  unsigned int cause;     // T_* (hw.h)
  unsigned int badaddr;   // the address, for page faults
  unsigned int access;    // 0 read, 1 write, 2 execute
  unsigned int epc;       // the faulting instruction
  unsigned int regs[15];
};
#define EXOFRAME_SIZE 76

// ---- the boot bundle: the exo build's disk ----
// Block 0: magic, count, then count entries; each image starts on its
// own block. The kernel runs the first entry as the first env.
#define EXOB_MAGIC   0x424F5845   // "EXOB"
struct exobentry {
  char name[16];
  unsigned int block;     // first block of the image
  unsigned int size;      // bytes
};

#endif // __ASSEMBLER__

#endif // MINOS_EXOABI_H
