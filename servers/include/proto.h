// proto.h: the message formats of micro's servers — THE one place that
// says what each request and reply of the process manager (pm), the
// console driver and the file-system server looks like. The servers
// (servers/) and the libc backend (userland/lib/backend/micro) include
// it; the kernel does not (it only carries messages: kernel/include/ipc.h
// says how a message travels, this header says what it means).
//
// Labels: each server owns a disjoint range, so a message sent to the
// wrong server is recognisably wrong (the server answers -ENOSYS):
//
//   0x0000            a reply (label REPLY_OK, below)
//   0x0100 - 0x01FF   pm: the process manager
//   0x0200 - 0x02FF   console: the console driver
//   0x0300 - 0x03FF   fs: the file-system server (owned by msrv-fs)
//   0x0400 - 0x04FF   disk: the disk driver (owned by msrv-fs)
//   0x0700 - 0x07FF   rs: the reincarnation server (and RS_PING, its
//                     heartbeat, which rs sends to the drivers)
//   0x7FF0 - 0x7FFF   the kernel's own (LABEL_FAULT, LABEL_NOTIFY: ipc.h)
//
// Replies: label REPLY_OK and w[0] = the result — a count, a pid, an
// address — or -ENUMBER (kernel/include/errnum.h) when the request
// failed, exactly what the same system call returns on mono. So the
// libc backend passes w[0] through the same error check as mono's
// trap stubs (__sysret: -MAXERRNO..-1 is an error).
//
// Strings and buffers travel as the message's long part (ipc.h: up to
// IPC_MAXLONG bytes, copied by the kernel with every address checked).
//
// Who holds what: a user process holds exactly two capabilities, both
// minted by pm and badged with its pid (so a server learns "who calls"
// from the badge, which the process cannot forge):
//
//   slot PROC_PM   pm's endpoint
//   slot PROC_FS   the file-system server's endpoint
//
// It holds no capability to the console or the disk driver: those only
// serve the file-system server (the console device file), pm, and the
// reincarnation server that starts them.

#ifndef MINOS_PROTO_H
#define MINOS_PROTO_H

#define REPLY_OK        0x0000

// ---- capability slots of every user process (pm fills them) ----
#define PROC_PM         0
#define PROC_FS         1
#define PROC_RS         2       // the reincarnation server's endpoint (svc; empty
                                //   when there is none)

// ==== DRIVERS: what a driver's starter gives it =======================
//
// A driver's starter (rs; a test that plays the root) builds its task
// and sets it up before it runs (servers/lib/driver.c): its device's
// registers mapped, its interrupt bound to its notification, and — for
// a starter that keeps state for the driver across its instances (the
// console's line being typed: rs) — its page mapped at DRV_KEEPVA, and
// DRV_KEEPARG given as the driver's argument (argv[1]) to say so. A
// driver sends its starter nothing and waits for nothing at start.
#define DRV_KEEPVA      0x7F000000u   // where a driver finds the page kept for it
#define DRV_KEEPARG     "keep"        // its argument when the page is there

// ==== PM: the process manager (servers/pm/) ============================
//
// pm keeps every process's Unix state (pid, parent, process group,
// exit status, break) and is the pager of every user process: a page
// fault arrives as LABEL_FAULT (ipc.h) and pm maps a page (lazy sbrk,
// the stack) or refuses (the process dies with status -1, as on mono).
//
// request        words in                     long part in      reply w0 (w1)
// PM_FORK        w0 = the child's resume pc,  -                 child's pid (parent); the
//                w1 = the child's sp                            child starts at pc with sp,
//                                                               a0 = 0 (no reply: it is new)
// PM_EXEC        w0 = argc                    path\0arg0\0...   -E only: on success the
//                                                               caller's image is replaced
// PM_EXIT        w0 = status                  -                 none (the caller ends)
// PM_WAIT        w0 = pid (-1: any child),    -                 pid (w1 = its exit status),
//                w1 = options (WNOHANG)                         0 (WNOHANG, none yet); a
//                                                               child counts as exited once
//                                                               its task is gone (its pages
//                                                               are free)
// PM_KILL        w0 = pid                     -                 0
// PM_GETPID      -                            -                 pid
// PM_GETPPID     -                            -                 parent's pid
// PM_SBRK        w0 = n (bytes, may be < 0)   -                 the old break
// PM_SETPGID     w0 = pid, w1 = pgid          -                 0
// PM_GETPGID     w0 = pid                     -                 pgid
// PM_TCSETPGRP   w0 = pgid                    -                 0
// PM_TCGETPGRP   -                            -                 the foreground group
// PM_HALT        w0 = status                  -                 none (the machine stops)
// PM_NPROC       -                            -                 processes in use (sysinfo)
// PM_LONG        -                            -                 0: pm's next receives have
//                                                               room for a long part
// PM_VMSTATS     -                            -                 pages fork shared (w1: writes
//                                                               that copied a page, w2: that
//                                                               reused it, w3: lazy pages)
// PM_TOUCH       w0 = va, w1 = 1: to write    -                 0 once the page is there (as a
//                                                               page fault would map it), or
//                                                               -EFAULT (libc's __faultin)
// Error numbers are mono's (kernel/mono/sysproc.c): ECHILD, ESRCH,
// ENOMEM, ENOEXEC, ENOENT, E2BIG, EINVAL, EPERM.
//
// Long parts: pm waits for requests with no room for a long part, so
// that every register-only call takes the kernel's IPC fast path. A
// request with a long part (PM_EXEC) sent then fails in the kernel with
// -E2BIG (nothing delivered): the client sends PM_LONG, after which pm
// receives with room until a long part arrives, and sends it again.
#define PM_FORK         0x0101
#define PM_EXEC         0x0102
#define PM_EXIT         0x0103
#define PM_WAIT         0x0104
#define PM_KILL         0x0105
#define PM_GETPID       0x0106
#define PM_GETPPID      0x0107
#define PM_SBRK         0x0108
#define PM_SETPGID      0x0109
#define PM_GETPGID      0x010A
#define PM_TCSETPGRP    0x010B
#define PM_TCGETPGRP    0x010C
#define PM_HALT         0x010D
#define PM_NPROC        0x010E
#define PM_LONG         0x010F
#define PM_VMSTATS      0x0110
#define PM_TOUCH        0x0111
#define PM_FIRST        0x0100
#define PM_LAST         0x01FF

// pm's notification (bound to its thread: a signal ends its recv as
// LABEL_NOTIFY, ipc.h) carries these bits:
#define PMN_INTR        1       // the console saw ^C: kill the foreground group
#define PMN_EXIT        2       // a process's task ended (its onexit)

// pm's capability slots, as rs gives them (servers/rs/rs.c):
#define PM_CONTROL      0       // a copy of the root task's control capability
#define PM_EP           1       // pm's endpoint (all rights: it mints badged copies)
#define PM_NTFN         2       // pm's notification (PMN_* bits)
#define PM_FSEP         3       // the file-system server's endpoint, with the right
                                //   to grant (empty until the fs server runs)
#define PM_RSEP         5       // the reincarnation server's endpoint, with the right
                                //   to grant (pm mints each process a copy: PROC_RS)

// ==== CONSOLE: the console driver (servers/console.c) =================
//
// The console's registers are mapped only into the driver (mapdev), its
// interrupt is a notification bound to the driver's thread. Input is
// line-buffered as mono's console.c does it: ^H (or DEL) erases a
// character, ^U the line, ^D ends the input (a read returns what there
// is, or 0 at the start of a line), ^C signals pm (PMN_INTR) to kill
// the foreground process group (a signal, never a call: the driver must
// not wait for pm, which may be waiting for the file system, which may
// be waiting for the console). A read waits (its reply is saved:
// savereply/replyto) until a whole line is there; the driver never
// blocks on one client.
//
// request        words in                     long part         reply w0 (long part)
// CONS_READ      w0 = n, the bytes wanted     -                 count read (the bytes),
//                                                               0 at end of input
// CONS_WRITE     -                            the bytes         count written
#define CONS_READ       0x0201
#define CONS_WRITE      0x0202
#define CONS_FIRST      0x0200
#define CONS_LAST       0x02FF

// The console driver's capability slots, as rs gives them:
#define CONS_EP         0       // its endpoint (receive)
#define CONS_IRQ        1       // the notification the console interrupt signals
#define CONS_PMN        2       // pm's notification, badged PMN_INTR (send)
#define CONS_DEVVA      0x80000000u   // where its starter maps the console's registers

// ==== FS: the file-system server (servers/fs/) — owned by msrv-fs ====
//
// The server runs kernel/mono's file-system core (bio.c, log.c, fs.c,
// fsops.c: fsport.h) in user mode, and keeps what mono keeps in struct
// proc: every process's descriptor table and current directory, keyed
// by the badge of the capability the process calls with (its pid). A
// request that must wait — a read of an empty pipe, a write to a full
// one, a console read — is parked with a saved reply (savereply), so
// the server goes on serving others and answers it later (replyto).
// Paths travel 0-terminated in the long part (at most MAXPATH bytes);
// data too, at most IPC_MAXLONG bytes a message (a larger read returns
// fewer bytes; fsclient.c splits a larger write).
//
// request        words in                     long part in      reply w0 (long part)
// FS_OPEN        w0 = flags (fcntl.h)         path              fd
// FS_READ        w0 = fd, w1 = n              -                 count (the bytes); 0 at end
// FS_WRITE       w0 = fd                      the bytes         count written
// FS_CLOSE       w0 = fd                      -                 0
// FS_DUP         w0 = fd                      -                 the new fd
// FS_DUP2        w0 = oldfd, w1 = newfd       -                 newfd
// FS_PIPE        -                            -                 0, w1 = read fd, w2 = write fd
// FS_FSTAT       w0 = fd                      -                 0 (struct stat)
// FS_LINK        -                            old\0new\0        0
// FS_UNLINK      -                            path              0
// FS_MKDIR       -                            path              0
// FS_MKNOD       w0 = major, w1 = minor       path              0
// FS_CHDIR       -                            path              0
// FS_GETCWD      w0 = size                    -                 length (path\0)
// FS_PROCFORK    w0 = parent pid, w1 = child  -                 0: the child gets a copy of
//                                                               the parent's descriptors and
//                                                               directory (from pm only)
// FS_PROCEXIT    w0 = pid                     -                 0: every descriptor of the
//                                                               process is closed (pm only)
// FS_STATS       -                            -                 disk requests sent so far,
//                                                               w1 = requests parked now
// Errors are mono's (kernel/mono/sysfile.c, fsops.c): EBADF, EMFILE,
// ENFILE, ENOENT, EEXIST, EISDIR, ENOTDIR, ENOSPC, EPIPE, EINVAL, E2BIG
// (a path or a write longer than a message), EPERM (a pm-only request
// from someone else).
#define FS_OPEN         0x0301
#define FS_READ         0x0302
#define FS_WRITE        0x0303
#define FS_CLOSE        0x0304
#define FS_DUP          0x0305
#define FS_DUP2         0x0306
#define FS_PIPE         0x0307
#define FS_FSTAT        0x0308
#define FS_LINK         0x0309
#define FS_UNLINK       0x030A
#define FS_MKDIR        0x030B
#define FS_MKNOD        0x030C
#define FS_CHDIR        0x030D
#define FS_GETCWD       0x030E
#define FS_PROCFORK     0x030F
#define FS_PROCEXIT     0x0310
#define FS_STATS        0x0311
#define FS_FIRST        0x0300
#define FS_LAST         0x03FF
// The fs server's capability slots, as rs gives them; the
// slots from FS_PARK on hold the saved replies of parked requests.
#define FS_EP           0       // its endpoint (receive)
#define FS_DISK         1       // the disk driver's endpoint (send)
#define FS_CONS         2       // the console driver's endpoint (send; may be empty:
                                //   then the console device writes to the kernel's
                                //   debugging console and reads end at once)
#define FS_CONSN        3       // its own notification: console reads are waiting
#define FS_PARK         4
// The badge of pm's capability to the fs server (pids are smaller): the
// server takes FS_PROCFORK and FS_PROCEXIT only from it.
#define FS_BADGE_PM     0x40000000

// ---- DISK: the disk driver (servers/disk/), whose one client is fs ----
//
// The disk's registers are mapped only into the driver (mapdev
// DEV_DISK, at DISK_REGS_VA), with a DMA page at DISK_DMA_VA whose
// physical address its starter gives it as its argument (in decimal:
// servers/lib/fsstart.c). Its completion interrupt is a notification.
// One request at a time, a block a message:
//
// request        words in                     long part in      reply w0 (long part)
// DISK_READ_BLOCK w0 = block                  -                 0 (the block, BSIZE bytes)
// DISK_WRITE_BLOCK w0 = block                 the block         0
// DISK_STATS     -                            -                 transfers done so far
// Errors: EINVAL (a block past the end, a write not of BSIZE bytes),
// EIO (the disk reported an error).
#define DISK_READ_BLOCK 0x0402
#define DISK_WRITE_BLOCK 0x0403
#define DISK_STATS      0x0404
#define DISK_FIRST      0x0400
#define DISK_LAST       0x04FF
// The disk driver's capability slots, as its starter gives them:
#define DISK_EP         0       // its endpoint (receive)
#define DISK_IRQ        1       // the notification the disk interrupt signals
#define DISK_REGS_VA    0x80000000u
#define DISK_DMA_VA     0x80001000u

// ==== RS: the reincarnation server (servers/rs/) =======================
//
// rs starts the drivers and servers (console, disk, fs, pm) from the
// boot bundle, watches them — each one's end signals its notification
// (onexit), and a heartbeat finds a driver that no longer answers — and
// restarts a dead one from its image on the same endpoint (docs/micro.md,
// "The reincarnation server"). Every process holds a capability to it
// (PROC_RS, badged with its pid); `svc` (userland/bin/svc.c) is its client.
//
// request        words in                     long part in      reply w0 (long part)
// RS_LIST        w0 = i, a service's index    -                 0 (struct svcinfo,
//                                                               syscall.h), -ENOENT past
//                                                               the last
// RS_KILL        -                            the service's     0: it is killed (rs restarts
//                                             name\0            it, if it may), -ENOENT
// RS_PING        -                            -                 any: a heartbeat. Whatever a
//                                                               server answers (the fs server
//                                                               0; pm and the drivers -ENOSYS,
//                                                               as to any label not their own) shows it
//                                                               alive; no answer in time:
//                                                               it hangs
#define RS_LIST         0x0701
#define RS_KILL         0x0702
#define RS_PING         0x0703
#define RS_FIRST        0x0700
#define RS_LAST         0x07FF
// A service's state and last end (struct svcinfo): SVC_* in syscall.h.
// The root task gives rs a copy of its control capability in slot 0;
// rs makes every other object it hands out.
#define RS_CONTROL      0

#endif // MINOS_PROTO_H
