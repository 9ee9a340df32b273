// pm.c: the process manager of the micro world — Unix processes made
// of microkernel tasks, in a user-mode server.
//
// pm serves the process calls of proto.h's PM section (fork, exec,
// exit, wait, kill, getpid/getppid, sbrk, process groups, halt) with
// mono's meanings and error numbers (kernel/mono/proc.c, sysproc.c),
// and it is the pager of every user process: a page fault arrives as a
// LABEL_FAULT call from the kernel, badged with the process's pid, and
// pm maps a page into the task — a fresh one below the break (sbrk is
// lazy) or in the stack, its own copy of a copy-on-write page after a
// fork — or refuses, and the kernel kills the thread (mem.c: every page
// of a process is a frame pm lends).
//
// The kernel's part (kernel/micro/taskops.c, mem.c): task_new makes an
// empty task, task_regs says where a new task's thread starts,
// page_alloc gives fresh pages, page_map and page_mapmany share them,
// task_kill ends a task. Everything else — pids, parents, zombies,
// groups, the break, and every page a process has (mem.c: the frames pm
// lends, copy-on-write fork) — is pm's.
//
// How pm learns a process died without asking it: every process task
// signals pm's notification (PMN_EXIT) when it ends (onexit); the
// notification is bound to pm's thread, so its recv returns
// LABEL_NOTIFY, and pm looks for the tasks that are gone (taskgone).
//
// pm never blocks on a client: a wait() with no exited child keeps its
// reply (savereply) and is answered when a child exits (replyto). pm
// calls only the file-system server (to read a program), which never
// calls pm.
//
// Invariants: a P_ALIVE or P_DYING process holds a task slot (slot >=
// TASK0); a P_DYING one's task has been killed but has not ended yet; a
// P_ZOMBIE holds none, only its status, until its parent's wait frees
// it; pid 1 (init) is every orphan's parent and is never killed.

#include "pm.h"

struct proc procs[NPROC];
int havefs;
static int nextpid = 1;
static int fgpgrp;                 // the console's foreground group (tcsetpgrp)
static int slotused[NTASKSLOT];
static int waitused[NWAITSLOT];
static char io[IPC_MAXLONG];       // a request's long part (exec's path and arguments)
// pm receives with no room for a long part (the kernel's fast path),
// except while a client has said one is coming (PM_LONG, proto.h):
// until each process that said so (proc.longwanted; longwanted counts
// them) has sent its long part or ended. (A long part that another
// client sends meanwhile is taken, and closes nobody's room: else three
// execs at once, a pipeline's, could each take another's room until
// one gave up with -E2BIG.)
static int room;
static int longwanted;

// ---- tables ----

// A free process with a new pid. Pids are handed out so that process
// pid lives in procs[pid % NPROC]: findpid is one look, however many
// processes there are (every request and page fault starts with it).
struct proc *
procalloc(void)
{
  struct proc *p;
  int i, pid;

  for (i = 0; i < NPROC; i++) {
    pid = nextpid++;
    p = &procs[pid % NPROC];
    if (p->state == P_FREE) {
      memset(p, 0, sizeof(*p));
      p->pid = pid;
      p->waitslot = -1;
      p->slot = -1;
      return p;
    }
  }
  return 0;
}

void
procfree(struct proc *p)
{
  if (p->longwanted && --longwanted == 0)
    room = 0;
  p->state = P_FREE;
  p->pid = 0;
}

static struct proc *
findpid(int pid)
{
  struct proc *p;

  if (pid <= 0)
    return 0;
  p = &procs[pid % NPROC];
  return p->state != P_FREE && p->pid == pid ? p : 0;
}

// A free slot of pm's for a task capability, or -EAGAIN.
int
slotalloc(void)
{
  int i;

  for (i = 0; i < NTASKSLOT; i++) {
    if (!slotused[i]) {
      slotused[i] = 1;
      return TASK0 + i;
    }
  }
  return -EAGAIN;
}

// Let a task slot go (its task ended or was killed).
void
slotfree(int slot)
{
  pagesfree(slot);                  // its pages' frames (mem.c)
  cap_delete(slot);
  slotused[slot - TASK0] = 0;
}

// Has the task in slot ended? The kernel refuses any operation on a
// task that has ended with -EBADF (task.c: tasktarget); an unaligned
// unmap of a live task is -EINVAL and changes nothing.
static int
taskgone(int slot)
{
  return page_unmap(slot, 1) == -EBADF;
}

// Give the task in slot (process p's new or copied task) what every
// process has: pm's, the file system's and the reincarnation server's
// endpoints badged with its pid (the last two may be missing: a test
// bundle without them), pm as its
// pager, and pm's notification when it ends.
int
givecaps(struct proc *p, int slot)
{
  int r;

  if ((r = cap_mint(PM_EP, slot, PROC_PM, p->pid, RIGHT_SEND)) < 0)
    return r;
  cap_mint(PM_FSEP, slot, PROC_FS, p->pid, RIGHT_SEND);
  cap_mint(PM_RSEP, slot, PROC_RS, p->pid, RIGHT_SEND);   // svc's (may be missing too)
  if ((r = set_pager(slot, PM_EP, p->pid)) < 0)   // the kernel keeps a badged copy
    return r;
  return task_onexit(slot, PM_NTFN, PMN_EXIT);
}

// ---- the file-system server ----

// Call the fs server on pm's own capability: label, two words, and
// either a long part to send (out, outlen) or room for a long reply
// (in, insize). Returns the reply's w[0], or the kernel's error;
// -ENOSYS without an fs server.
int
fscall(struct msg *m, int label, int a, int b, void *out, int outlen, void *in, int insize)
{
  int r;

  if (!havefs)
    return -ENOSYS;
  m->info = IPC_INFO(label, outlen);
  m->w[0] = a;
  m->w[1] = b;
  m->w[3] = -1;
  m->buf = (unsigned int)(outlen > 0 ? out : in);
  m->size = insize;
  r = ipc_call(FSSELF, m);
  return r < 0 ? r : (int)m->w[0];
}

#ifdef FS_PROCFORK
// Tell the fs server a process began (a copy of parent's descriptors
// and directory) or ended (its descriptors closed). 0 or -error.
static int
fsnotice(int label, int pid, int child)
{
  struct msg m;

  return havefs ? fscall(&m, label, pid, child, 0, 0, 0, 0) : 0;
}
#endif

// ---- exit and wait ----

static void gone(struct proc *p);

// Answer p's parent if it waits for p; then p is gone. Returns 1 if so.
static int
tellparent(struct proc *p)
{
  struct proc *parent = findpid(p->ppid);
  struct msg m;

  if (parent == 0 || parent->waitslot < 0)
    return 0;
  if (parent->waitpid != -1 && parent->waitpid != p->pid)
    return 0;
  m.info = IPC_INFO(REPLY_OK, 0);
  m.w[0] = p->pid;
  m.w[1] = p->xstatus;
  m.buf = 0;
  ipc_replyto(parent->waitslot, &m);
  waitused[parent->waitslot - WAIT0] = 0;
  parent->waitslot = -1;
  procfree(p);
  return 1;
}

// p ends with status: its task is killed (if it still runs) and its
// children go to init. It becomes a zombie for its parent's wait only
// once the task is gone (gone() below), so a wait() that returns means
// the child's memory is free, as on mono.
static void
procexit(struct proc *p, int status)
{
  struct proc *c;

  if (p->pid == 1) {
    printf("pm: init exited (status %d)\n", status);
    machine_halt(PM_CONTROL, status);
  }
  task_kill(p->slot);
  if (p->waitslot >= 0) {
    cap_delete(p->waitslot);        // it was waiting; nobody will hear the answer
    waitused[p->waitslot - WAIT0] = 0;
    p->waitslot = -1;
  }
#ifdef FS_PROCEXIT
  fsnotice(FS_PROCEXIT, p->pid, 0);
#endif
  p->state = P_DYING;
  p->xstatus = status;
  for (c = procs; c < &procs[NPROC]; c++) {
    if (c->state != P_FREE && c->ppid == p->pid) {
      c->ppid = 1;
      if (c->state == P_ZOMBIE)
        tellparent(c);
    }
  }
  if (taskgone(p->slot))
    gone(p);
}

// p's task has ended: p is a zombie, and its parent may hear of it.
static void
gone(struct proc *p)
{
  slotfree(p->slot);
  p->slot = -1;
  p->state = P_ZOMBIE;
  tellparent(p);
}

// Processes whose task has ended: those pm killed (P_DYING), and those
// that died by themselves (a fault the pager refused, an illegal
// instruction), which exit with -1, as a killed process on mono.
static void
reapdead(void)
{
  struct proc *p;

  for (p = procs; p < &procs[NPROC]; p++) {
    if (p->state == P_ALIVE && taskgone(p->slot))
      procexit(p, -1);
    else if (p->state == P_DYING && taskgone(p->slot))
      gone(p);
  }
}

// PM_WAIT. Returns 1 with the reply in m, or 0 if the reply is kept
// until a child exits.
static int
dowait(struct proc *p, struct msg *m)
{
  int pid = m->w[0], options = m->w[1], havekids = 0, i;
  struct proc *c;

  for (c = procs; c < &procs[NPROC]; c++) {
    if (c->state == P_FREE || c->ppid != p->pid || (pid != -1 && c->pid != pid))
      continue;
    havekids = 1;
    if (c->state == P_ZOMBIE) {
      m->w[0] = c->pid;
      m->w[1] = c->xstatus;
      procfree(c);
      return 1;
    }
  }
  m->w[1] = 0;
  if (!havekids) {
    m->w[0] = -ECHILD;
    return 1;
  }
  if (options & WNOHANG) {
    m->w[0] = 0;
    return 1;
  }
  for (i = 0; i < NWAITSLOT && waitused[i]; i++)
    ;
  if (i == NWAITSLOT || reply_save(WAIT0 + i) < 0) {
    m->w[0] = -EAGAIN;
    return 1;
  }
  waitused[i] = 1;
  p->waitslot = WAIT0 + i;
  p->waitpid = pid;
  return 0;
}

// ---- fork and exec ----

// PM_FORK: a copy of p whose thread starts at pc with sp and a0 = 0.
static int
dofork(struct proc *p, unsigned int pc, unsigned int sp)
{
  struct proc *c;
  int slot, r;

  if ((c = procalloc()) == 0)
    return -EAGAIN;
  if ((slot = slotalloc()) < 0)
    return -EAGAIN;
  r = task_new(PM_CONTROL, slot, p->name);
  if (r >= 0)
    r = memfork(p->slot, slot);
  if (r >= 0)
    r = task_regs(slot, pc, sp, 0);
  c->ppid = p->pid;
  if (r >= 0)
    r = givecaps(c, slot);
  if (r < 0) {
    task_kill(slot);
    slotfree(slot);
    return r == -EINVAL ? -EINVAL : -ENOMEM;
  }
  c->state = P_ALIVE;
  c->slot = slot;
  c->pgid = p->pgid;
  c->heapbase = p->heapbase;
  c->brk = p->brk;
  c->heaptop = p->heaptop;
  memmove(c->name, p->name, sizeof(c->name));
#ifdef FS_PROCFORK
  if (fsnotice(FS_PROCFORK, p->pid, c->pid) < 0) {
    task_kill(slot);                // the fs server has no room for it
    slotfree(slot);
    c->state = P_FREE;
    return -EAGAIN;
  }
#endif
  task_start(slot);
  return c->pid;
}

// Run the program at path in p, with argc argument strings at args
// (each ending in 0): a new task replaces p's old one.
// Returns 0 (the caller's old task is gone: no reply), or -error with
// p untouched.
static int
procexec(struct proc *p, char *path, char *args, int argc)
{
  unsigned int end;
  int slot, r, old = p->slot;

  if ((slot = slotalloc()) < 0)
    return -EAGAIN;
  r = loadprogram(slot, path, args, argc, &end);
  if (r >= 0)
    r = givecaps(p, slot);
  if (r < 0) {
    task_kill(slot);
    slotfree(slot);
    return r;
  }
  if (old >= 0) {
    task_kill(old);
    slotfree(old);
  }
  p->slot = slot;
  p->heapbase = p->brk = p->heaptop = end;
  strncpy(p->name, lastname(path), 15);
  p->name[15] = 0;
  task_start(slot);
  return 0;
}

// PM_EXEC: io holds n bytes: the path, then argc strings.
static int
doexec(struct proc *p, int argc, int n)
{
  char *args;
  int i, pathlen;

  if (n == 0 || io[n - 1] != 0)
    return -EINVAL;
  if (argc < 0 || argc > MAXARG)
    return -E2BIG;
  pathlen = strlen(io) + 1;
  if (pathlen > MAXPATH)
    return -ENAMETOOLONG;
  args = io + pathlen;
  for (i = 0; i < argc; i++) {
    if (args >= io + n)
      return -EINVAL;               // fewer strings than argc
    args += strlen(args) + 1;
  }
  return procexec(p, io, io + pathlen, argc);
}

// ---- memory: sbrk and page faults ----

static int
dosbrk(struct proc *p, int n)
{
  unsigned int old = p->brk, newbrk = old + n;

  if (n > 0 && (newbrk < old || newbrk > UHEAPMAX))
    return -ENOMEM;
  if (n < 0) {
    if (newbrk > old || newbrk < p->heapbase)
      return -EINVAL;
    // Pages wholly above the new break go (those ever mapped are below
    // heaptop).
    pagesshrink(p->slot, PGROUNDUP(newbrk), p->heaptop);
    if (p->heaptop > PGROUNDUP(newbrk))
      p->heaptop = PGROUNDUP(newbrk);
  }
  p->brk = newbrk;
  return old;
}

// Processes in use (sysinfo).
static int
nprocs(void)
{
  struct proc *p;
  int n = 0;

  for (p = procs; p < &procs[NPROC]; p++)
    if (p->state != P_FREE)
      n++;
  return n;
}

// ---- process groups ----

static int
setpgid(struct proc *me, int pid, int pgid)
{
  struct proc *p;

  if (pid < 0 || pgid < 0)
    return -EINVAL;
  p = pid == 0 ? me : findpid(pid);
  if (p == 0 || p->state != P_ALIVE)
    return -ESRCH;
  if (p != me && p->ppid != me->pid)
    return -EPERM;
  p->pgid = pgid ? pgid : p->pid;     // 0: a new group led by p
  return 0;
}

static int
getpgid(struct proc *me, int pid)
{
  struct proc *p = pid == 0 ? me : findpid(pid);

  return p ? p->pgid : -ESRCH;
}

static int
kill(int pid)
{
  struct proc *p = findpid(pid);

  if (pid == 1)
    return -EPERM;
  if (p == 0)
    return -ESRCH;
  if (p->state == P_ALIVE)
    procexit(p, -1);
  return 0;
}

// ^C on the console: every process of the foreground group but init.
static void
interrupt(void)
{
  struct proc *p;

  if (fgpgrp <= 1)
    return;
  for (p = procs; p < &procs[NPROC]; p++)
    if (p->state == P_ALIVE && p->pgid == fgpgrp && p->pid != 1)
      procexit(p, -1);
}

// ---- the server ----

// One request from process p (the caller's badge named it). Returns 1
// with the reply in m, or 0 when there is none to send now.
static int
request(struct proc *p, struct msg *m)
{
  int label = IPC_LABEL(m->info), len = IPC_LEN(m->info), r;

  if (len > 0 && p && p->longwanted) {
    p->longwanted = 0;
    if (--longwanted == 0)
      room = 0;
  }

  m->info = IPC_INFO(REPLY_OK, 0);
  m->buf = 0;
  if (label == LABEL_FAULT) {
    m->info = IPC_INFO(pagefault(p, m->w[0], m->w[1] == ACCESS_WRITE) == 0 ? REPLY_OK : 1, 0);
    return 1;
  }
  if (p == 0 || p->state != P_ALIVE) {
    m->w[0] = -ESRCH;               // a task pm does not know as a process
    return 1;
  }
  switch (label) {
  case PM_FORK:      r = dofork(p, m->w[0], m->w[1]); break;
  case PM_EXEC:
    r = doexec(p, m->w[0], len);
    if (r == 0)
      return 0;                     // the caller's task is gone
    break;
  case PM_EXIT:
    procexit(p, m->w[0]);
    return 0;
  case PM_WAIT:      return dowait(p, m);
  case PM_KILL:      r = kill(m->w[0]); break;
  case PM_GETPID:    r = p->pid; break;
  case PM_GETPPID:   r = p->ppid; break;
  case PM_SBRK:      r = dosbrk(p, m->w[0]); break;
  case PM_SETPGID:   r = setpgid(p, m->w[0], m->w[1]); break;
  case PM_GETPGID:   r = getpgid(p, m->w[0]); break;
  case PM_TCSETPGRP:
    r = (int)m->w[0] < 0 ? -EINVAL : 0;
    if (r == 0)
      fgpgrp = m->w[0];
    break;
  case PM_TCGETPGRP: r = fgpgrp; break;
  case PM_HALT:
    machine_halt(PM_CONTROL, m->w[0]);
    r = -EPERM;
    break;
  case PM_NPROC:     r = nprocs(); break;
  case PM_VMSTATS:
    vmstats(m);
    return 1;
  case PM_TOUCH:     r = pagetouch(p, m->w[0], m->w[1]); break;
  case PM_LONG:
    if (!p->longwanted)
      longwanted++;
    p->longwanted = 1;
    room = sizeof(io);
    r = 0;
    break;
  default:           r = -ENOSYS; break;
  }
  m->w[0] = r;
  return 1;
}

// The first process, init: a program run with no parent. Without it
// the system has nothing to run (no file system, no such program): pm
// says so and stops the machine, as it does when init exits.
static void
startinit(char *path)
{
  struct proc *p = procalloc();
  char arg[MAXPATH];
  int r, n = strlen(path) + 1;

  if (n > MAXPATH)
    n = MAXPATH;
  memmove(arg, path, n);
  arg[n - 1] = 0;
  p->state = P_ALIVE;
  p->pgid = p->pid;
  if ((r = procexec(p, path, arg, 1)) < 0) {
    printf("pm: cannot run %s (error %d): the machine stops\n", path, r);
    procfree(p);
    machine_halt(PM_CONTROL, 1);
  }
}

// One message: a notification (a process ended, ^C) or a request of
// the process the badge names. Returns 1 with the reply in m. Only the
// kernel's LABEL_NOTIFY has badge 0 (ipc.c: notify): a process's
// capability is badged with its pid, so a process that sends the label
// itself is answered -ENOSYS like any label pm does not know, instead
// of making pm kill the foreground group (minos fuzz found it).
static int
handle(struct msg *m)
{
  if (IPC_LABEL(m->info) == LABEL_NOTIFY && m->badge == 0) {
    if (m->w[0] & PMN_EXIT)
      reapdead();
    if (m->w[0] & PMN_INTR)
      interrupt();
    return 0;
  }
  return request(findpid(m->badge), m);
}

int
main(int argc, char **argv)
{
  if (ntfn_bind(PM_NTFN) < 0)
    printf("pm: no notification\n");
#ifdef FS_BADGE_PM
  // With the fs server's endpoint (PM_FSEP, unbadged: pm mints each
  // process a copy badged with its pid), pm makes itself one badged as
  // pm, for its own calls.
  havefs = cap_mint(PM_FSEP, -1, FSSELF, FS_BADGE_PM, RIGHT_SEND) == 0;
#endif
  startinit(argc > 1 ? argv[1] : "/bin/init");
  serveroom(PM_EP, io, &room, handle);
  return 0;
}
