// sh: the minos shell.
//
// A line goes through three steps:
//   1. lex:   characters -> words and operators. Quotes ('...', "..."),
//             backslash, $? and comments are handled here, so the parser
//             only sees finished words.
//   2. parse: words -> a list of and-or chains of pipelines of commands:
//                 list     = andor { (";" | "&") andor } [";" | "&"]
//                 andor    = pipeline { ("&&" | "||") pipeline }
//                 pipeline = command { "|" command }
//                 command  = { word | redirection }
//                 redirection = "<" word | ">" word | ">>" word | "2>" word | "2>&1"
//   3. run:   fork one process per command, joined by pipes; the
//             commands of a pipeline share one process group, which
//             becomes the console's foreground group while the shell
//             waits, so ^C kills the job and not the shell.
//
// Usage: sh (interactive), sh FILE [ARGS] (a script), sh -c 'COMMANDS'.
// When init starts the shell and /etc/minos-run exists, the shell runs
// that script instead, with a marker line first, and exits with its
// status: that is how `minos run` works (docs/userland.md).

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAXARGS   32      // words in one command
#define MAXREDIR  8       // redirections in one command
#define MAXPIPE   32      // commands in one pipeline
#define MAXCHAIN  16      // pipelines in one && / || chain
#define MAXLIST   32      // chains in one line
#define MAXTOK    256     // tokens in one line
#define MAXJOBS   16      // background jobs at a time

#define STATUS_MARK '\001'  // stands for $? inside a word until the command runs

#define RUN_SCRIPT "/etc/minos-run"
#define RUN_DIR    "/etc"
#define RUN_MARKER "<<minos-run>>\n"

// ---- tokens ----

enum {
  T_WORD, T_PIPE, T_OR, T_AMP, T_AND, T_SEMI,
  T_IN, T_OUT, T_APPEND, T_ERR, T_ERRDUP, T_END
};

static char *tokname[] = {
  "word", "|", "||", "&", "&&", ";", "<", ">", ">>", "2>", "2>&1", "end of line"
};

struct token {
  int type;
  char *text;             // T_WORD: the finished word
};

// ---- the parsed line ----

struct redir {
  int type;               // T_IN, T_OUT, T_APPEND, T_ERR, T_ERRDUP
  char *file;
};

struct cmd {
  int argc;
  char *argv[MAXARGS + 1];
  int nredir;
  struct redir redir[MAXREDIR];
};

struct pipeline {
  int n;
  struct cmd cmd[MAXPIPE];
};

struct chain {
  int n;
  struct pipeline *pipe[MAXCHAIN];
  int op[MAXCHAIN];       // op[i] joins pipe[i-1] and pipe[i]: T_AND or T_OR
  int background;
  char *text;             // for job messages
};

struct job {
  int id;                 // 0: free slot
  int pid;
  char *text;
};

static int status;        // $?
static int interactive;   // reading commands from the console
static int jobcontrol;    // give foreground jobs their own process group
static struct job jobs[MAXJOBS];

// ---- small helpers ----

static void *
alloc(int n)
{
  void *p = malloc(n);
  if (p == 0) {
    fprintf(stderr, "sh: out of memory\n");
    exit(1);
  }
  memset(p, 0, n);
  return p;
}

// A growing string, for building words.
struct buf {
  char *s;
  int n, cap;
};

static void
buf_add(struct buf *b, int c)
{
  char *bigger;
  if (b->n + 2 > b->cap) {
    b->cap = b->cap ? b->cap * 2 : 32;
    bigger = alloc(b->cap);
    if (b->s) {
      memcpy(bigger, b->s, b->n);
      free(b->s);
    }
    b->s = bigger;
  }
  b->s[b->n++] = c;
  b->s[b->n] = 0;
}

static void
buf_addstr(struct buf *b, char *s)
{
  while (*s)
    buf_add(b, *s++);
}

// The exit status as $? shows it: a killed process (status -1) is 255.
static int
exit_code(int raw)
{
  return raw & 255;
}

// ---- 1. lexing ----

static int
is_special(int c)
{
  return c == '|' || c == '&' || c == ';' || c == '<' || c == '>';
}

// Appends $? (or a lone '$') at *pp to the word.
static void
lex_dollar(char **pp, struct buf *w)
{
  char num[12];
  char *p = *pp;
  if (p[1] == '?') {
    buf_add(w, STATUS_MARK);    // replaced when the command runs (expand)
    *pp = p + 2;
  } else if (p[1] == '$') {
    snprintf(num, sizeof num, "%d", getpid());
    buf_addstr(w, num);
    *pp = p + 2;
  } else {
    buf_add(w, '$');
    *pp = p + 1;
  }
}

// Reads one word starting at *pp. Returns 0 on an unterminated quote.
static int
lex_word(char **pp, struct buf *w)
{
  char *p = *pp;
  char q;

  while (*p && *p != ' ' && *p != '\t' && *p != '\n' && !is_special(*p)) {
    if (*p == '\\') {
      if (p[1] == 0 || p[1] == '\n') {      // a trailing backslash is dropped
        p += p[1] ? 2 : 1;
        continue;
      }
      buf_add(w, p[1]);
      p += 2;
    } else if (*p == '\'') {
      q = *p++;
      while (*p && *p != q)
        buf_add(w, *p++);
      if (*p != q)
        return 0;
      p++;
    } else if (*p == '"') {
      p++;
      while (*p && *p != '"') {
        if (*p == '\\' && (p[1] == '"' || p[1] == '\\' || p[1] == '$')) {
          buf_add(w, p[1]);
          p += 2;
        } else if (*p == '$') {
          lex_dollar(&p, w);
        } else {
          buf_add(w, *p++);
        }
      }
      if (*p != '"')
        return 0;
      p++;
    } else if (*p == '$') {
      lex_dollar(&p, w);
    } else {
      buf_add(w, *p++);
    }
  }
  *pp = p;
  return 1;
}

// Splits line into tokens (the last one T_END). Returns the count, or -1
// after printing a syntax error.
static int
lex(char *line, struct token *tok)
{
  char *p = line;
  int n = 0, type, len;
  struct buf w;

  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
      p++;
    if (*p == 0 || *p == '#')
      break;
    if (n >= MAXTOK - 1) {
      fprintf(stderr, "sh: line too long\n");
      return -1;
    }
    len = 1;
    if (p[0] == '2' && p[1] == '>' && p[2] == '&' && p[3] == '1') {
      type = T_ERRDUP;
      len = 4;
    } else if (p[0] == '2' && p[1] == '>') {
      type = T_ERR;
      len = 2;
    } else if (p[0] == '|' && p[1] == '|') {
      type = T_OR;
      len = 2;
    } else if (p[0] == '&' && p[1] == '&') {
      type = T_AND;
      len = 2;
    } else if (p[0] == '>' && p[1] == '>') {
      type = T_APPEND;
      len = 2;
    } else if (*p == '|') {
      type = T_PIPE;
    } else if (*p == '&') {
      type = T_AMP;
    } else if (*p == ';') {
      type = T_SEMI;
    } else if (*p == '<') {
      type = T_IN;
    } else if (*p == '>') {
      type = T_OUT;
    } else {
      type = T_WORD;
    }
    tok[n].type = type;
    tok[n].text = 0;
    if (type != T_WORD) {
      p += len;
      n++;
      continue;
    }
    w.s = 0;
    w.n = w.cap = 0;
    buf_add(&w, 0);           // an empty word ('') is still a word
    w.n = 0;
    if (!lex_word(&p, &w)) {
      fprintf(stderr, "sh: syntax error: unterminated quote\n");
      free(w.s);
      return -1;
    }
    tok[n].text = w.s;
    n++;
  }
  tok[n].type = T_END;
  tok[n].text = 0;
  return n + 1;
}

static void
free_tokens(struct token *tok, int n)
{
  int i;
  for (i = 0; i < n; i++)
    free(tok[i].text);
}

// ---- 2. parsing ----

static struct token *tp;      // the next token

static int
syntax_error(void)
{
  if (tp->type == T_WORD)
    fprintf(stderr, "sh: syntax error near '%s'\n", tp->text);
  else
    fprintf(stderr, "sh: syntax error near '%s'\n", tokname[tp->type]);
  return -1;
}

static int
parse_command(struct cmd *c)
{
  int type;
  c->argc = 0;
  c->nredir = 0;
  for (;;) {
    type = tp->type;
    if (type == T_WORD) {
      if (c->argc >= MAXARGS) {
        fprintf(stderr, "sh: too many arguments\n");
        return -1;
      }
      c->argv[c->argc++] = tp->text;
      tp++;
    } else if (type == T_IN || type == T_OUT || type == T_APPEND || type == T_ERR ||
               type == T_ERRDUP) {
      if (c->nredir >= MAXREDIR) {
        fprintf(stderr, "sh: too many redirections\n");
        return -1;
      }
      c->redir[c->nredir].type = type;
      c->redir[c->nredir].file = 0;
      tp++;
      if (type != T_ERRDUP) {
        if (tp->type != T_WORD)
          return syntax_error();
        c->redir[c->nredir].file = tp->text;
        tp++;
      }
      c->nredir++;
    } else {
      break;
    }
  }
  c->argv[c->argc] = 0;
  if (c->argc == 0 && c->nredir == 0)
    return syntax_error();
  return 0;
}

static struct pipeline *
parse_pipeline(void)
{
  struct pipeline *p = alloc(sizeof *p);
  for (;;) {
    if (p->n >= MAXPIPE) {
      fprintf(stderr, "sh: pipeline too long\n");
      free(p);
      return 0;
    }
    if (parse_command(&p->cmd[p->n]) < 0) {
      free(p);
      return 0;
    }
    p->n++;
    if (tp->type != T_PIPE)
      return p;
    tp++;
  }
}

static void
free_chain(struct chain *c)
{
  int i;
  for (i = 0; i < c->n; i++)
    free(c->pipe[i]);
  free(c->text);
  free(c);
}

// The words of a chain, for "[1] Done  sleep 5" messages.
static char *
chain_text(struct chain *c)
{
  struct buf b;
  int i, j, k;
  b.s = 0;
  b.n = b.cap = 0;
  buf_add(&b, 0);
  b.n = 0;
  for (i = 0; i < c->n; i++) {
    if (i > 0)
      buf_addstr(&b, c->op[i] == T_AND ? " && " : " || ");
    for (j = 0; j < c->pipe[i]->n; j++) {
      if (j > 0)
        buf_addstr(&b, " | ");
      for (k = 0; k < c->pipe[i]->cmd[j].argc; k++) {
        if (k > 0)
          buf_add(&b, ' ');
        buf_addstr(&b, c->pipe[i]->cmd[j].argv[k]);
      }
    }
  }
  return b.s;
}

static struct chain *
parse_chain(void)
{
  struct chain *c = alloc(sizeof *c);
  for (;;) {
    if (c->n >= MAXCHAIN) {
      fprintf(stderr, "sh: && / || chain too long\n");
      free_chain(c);
      return 0;
    }
    c->pipe[c->n] = parse_pipeline();
    if (c->pipe[c->n] == 0) {
      free_chain(c);
      return 0;
    }
    c->n++;
    if (tp->type != T_AND && tp->type != T_OR)
      break;
    c->op[c->n] = tp->type;
    tp++;
  }
  if (tp->type == T_AMP)
    c->background = 1;
  c->text = chain_text(c);
  return c;
}

// Parses a whole line into list (returns the count, -1 on error).
static int
parse_line(struct token *tok, struct chain **list)
{
  int n = 0, i;
  tp = tok;
  while (tp->type != T_END) {
    if (n >= MAXLIST) {
      fprintf(stderr, "sh: too many commands on one line\n");
      goto fail;
    }
    list[n] = parse_chain();
    if (list[n] == 0)
      goto fail;
    n++;
    if (tp->type == T_SEMI || tp->type == T_AMP)
      tp++;
    else if (tp->type != T_END) {
      syntax_error();
      goto fail;
    }
  }
  return n;
fail:
  for (i = 0; i < n; i++)
    free_chain(list[i]);
  return -1;
}

// ---- /dev/null ----
// Until the kernel has a null device, "/dev/null" is emulated: reading
// gets end of file at once (a pipe with no writer), writing goes into a
// pipe drained by a small child process.

static int
null_fd(int for_write)
{
  int p[2], fd, pid;

  fd = open("/dev/null", for_write ? O_WRONLY : O_RDONLY);
  if (fd >= 0)
    return fd;
  if (pipe(p) < 0)
    return -1;
  if (!for_write) {
    close(p[1]);
    return p[0];
  }
  pid = fork();
  if (pid == 0) {
    char sink[512];
    for (fd = 0; fd < 16; fd++)
      if (fd != p[0])
        close(fd);
    while (read(p[0], sink, sizeof sink) > 0)
      ;
    _exit(0);
  }
  close(p[0]);
  if (pid < 0) {
    close(p[1]);
    return -1;
  }
  return p[1];
}

// ---- 3. running ----

// Opens a redirection's file onto its descriptor. -1 on failure.
static int
redirect(struct redir *r)
{
  int fd, target, flags, write_it;

  if (r->type == T_ERRDUP)
    return dup2(1, 2) < 0 ? -1 : 0;
  target = r->type == T_IN ? 0 : r->type == T_ERR ? 2 : 1;
  write_it = r->type != T_IN;
  if (strcmp(r->file, "/dev/null") == 0) {
    fd = null_fd(write_it);
  } else {
    flags = O_RDONLY;
    if (r->type == T_OUT || r->type == T_ERR)
      flags = O_WRONLY | O_CREATE | O_TRUNC;
    else if (r->type == T_APPEND)
      flags = O_WRONLY | O_CREATE | O_APPEND;
    fd = open(r->file, flags);
  }
  if (fd < 0) {
    fprintf(stderr, "sh: %s: %s\n", r->file, strerror(errno));
    return -1;
  }
  if (fd != target) {
    dup2(fd, target);
    close(fd);
  }
  return 0;
}

static int
redirect_all(struct cmd *c)
{
  int i;
  for (i = 0; i < c->nredir; i++)
    if (redirect(&c->redir[i]) < 0)
      return -1;
  return 0;
}

// Reaps finished background jobs and reports them.
static void
reap_jobs(int report)
{
  int pid, st, i;
  for (;;) {
    st = 0;
    pid = waitpid(-1, &st, WNOHANG);
    if (pid <= 0)
      return;
    for (i = 0; i < MAXJOBS; i++) {
      if (jobs[i].id && jobs[i].pid == pid) {
        if (report) {
          if (exit_code(st) == 0)
            printf("[%d] Done       %s\n", jobs[i].id, jobs[i].text);
          else
            printf("[%d] Exit %-5d %s\n", jobs[i].id, exit_code(st), jobs[i].text);
        }
        free(jobs[i].text);
        jobs[i].id = 0;
      }
    }
  }
}

static int run_script(int fd);
static int run_string(char *s);

// The builtins; returns 1 if c was one (its status in status).
static int
builtin(struct cmd *c)
{
  char *name = c->argv[0];
  int i, n, st, pid, any;

  if (strcmp(name, "cd") == 0) {
    char *dir = c->argc > 1 ? c->argv[1] : "/";
    if (chdir(dir) < 0) {
      fprintf(stderr, "sh: cd: %s: %s\n", dir, strerror(errno));
      status = 1;
    } else {
      status = 0;
    }
    return 1;
  }
  if (strcmp(name, "exit") == 0) {
    n = status;
    if (c->argc > 1)
      n = atoi(c->argv[1]);
    flushall();
    exit(n & 255);
  }
  if (strcmp(name, "jobs") == 0) {
    reap_jobs(1);
    for (i = 0; i < MAXJOBS; i++)
      if (jobs[i].id)
        printf("[%d] Running    %s\n", jobs[i].id, jobs[i].text);
    status = 0;
    return 1;
  }
  if (strcmp(name, "wait") == 0) {
    // Waits for every background job, reporting each as it ends.
    for (;;) {
      any = 0;
      for (i = 0; i < MAXJOBS; i++) {
        if (!jobs[i].id)
          continue;
        any = 1;
        st = 0;
        pid = waitpid(jobs[i].pid, &st, 0);
        if (pid == jobs[i].pid) {
          if (exit_code(st) == 0)
            printf("[%d] Done       %s\n", jobs[i].id, jobs[i].text);
          else
            printf("[%d] Exit %-5d %s\n", jobs[i].id, exit_code(st), jobs[i].text);
        }
        free(jobs[i].text);
        jobs[i].id = 0;
      }
      if (!any)
        break;
    }
    status = 0;
    return 1;
  }
  return 0;
}

static int
is_builtin(char *name)
{
  return strcmp(name, "cd") == 0 || strcmp(name, "exit") == 0 ||
         strcmp(name, "jobs") == 0 || strcmp(name, "wait") == 0;
}

// $? must be the status when the command runs, not when the line was
// read ("false; echo $?"), so the lexer leaves a mark that is replaced
// here. The new strings are never freed: a child execs or exits soon,
// and a builtin's are few and tiny.
static void
expand(struct cmd *c)
{
  struct buf b;
  char num[12], *p;
  int i;

  snprintf(num, sizeof num, "%d", status);
  for (i = 0; i < c->argc; i++) {
    if (strchr(c->argv[i], STATUS_MARK) == 0)
      continue;
    b.s = 0;
    b.n = b.cap = 0;
    for (p = c->argv[i]; *p; p++) {
      if (*p == STATUS_MARK)
        buf_addstr(&b, num);
      else
        buf_add(&b, *p);
    }
    c->argv[i] = b.s ? b.s : "";
  }
}

// In a child: redirections, then the program. Never returns.
static void
exec_command(struct cmd *c)
{
  expand(c);
  if (redirect_all(c) < 0)
    exit(1);
  if (c->argc == 0)
    exit(0);
  if (is_builtin(c->argv[0])) {
    builtin(c);
    exit(status);
  }
  execvp(c->argv[0], c->argv);
  if (errno == ENOENT) {
    fprintf(stderr, "sh: %s: command not found\n", c->argv[0]);
    exit(127);
  }
  fprintf(stderr, "sh: %s: %s\n", c->argv[0], strerror(errno));   // E2BIG, ENOEXEC, ...
  exit(126);
}

// A builtin run in the shell itself, with its redirections applied to
// the shell's descriptors and undone afterwards.
static void
run_builtin(struct cmd *c)
{
  int saved[3], fd;
  expand(c);
  for (fd = 0; fd < 3; fd++)
    saved[fd] = dup(fd);
  if (redirect_all(c) == 0)
    builtin(c);
  else
    status = 1;
  flushall();
  for (fd = 0; fd < 3; fd++) {
    dup2(saved[fd], fd);
    close(saved[fd]);
  }
}

// Runs a pipeline in the foreground and returns its status (the last
// command's).
static int
run_pipeline(struct pipeline *p)
{
  int pids[MAXPIPE];
  int i, in = -1, fd[2], pgid = 0, st, last = 0;

  if (p->n == 1 && (p->cmd[0].argc == 0 || is_builtin(p->cmd[0].argv[0]))) {
    run_builtin(&p->cmd[0]);
    return status;
  }
  flushall();
  for (i = 0; i < p->n; i++) {
    fd[0] = fd[1] = -1;
    if (i + 1 < p->n && pipe(fd) < 0) {
      fprintf(stderr, "sh: cannot make a pipe\n");
      break;
    }
    pids[i] = fork();
    if (pids[i] < 0) {
      fprintf(stderr, "sh: fork failed\n");
      if (fd[0] >= 0) {
        close(fd[0]);
        close(fd[1]);
      }
      break;
    }
    if (pids[i] == 0) {
      if (jobcontrol)
        setpgid(0, pgid);
      if (in >= 0) {
        dup2(in, 0);
        close(in);
      }
      if (fd[1] >= 0) {
        dup2(fd[1], 1);
        close(fd[1]);
        close(fd[0]);
      }
      exec_command(&p->cmd[i]);
    }
    if (jobcontrol) {
      if (pgid == 0)
        pgid = pids[i];
      setpgid(pids[i], pgid);   // also here: whichever runs first wins the race
    }
    if (in >= 0)
      close(in);
    if (fd[1] >= 0)
      close(fd[1]);
    in = fd[0];
  }
  if (in >= 0)
    close(in);
  if (jobcontrol && pgid)
    tcsetpgrp(pgid);
  last = i;
  for (i = 0; i < last; i++) {
    st = 0;
    waitpid(pids[i], &st, 0);
    if (i == p->n - 1)
      status = exit_code(st);
  }
  if (last < p->n)
    status = 1;
  if (jobcontrol)
    tcsetpgrp(0);
  return status;
}

static int
run_chain(struct chain *c)
{
  int i;
  run_pipeline(c->pipe[0]);
  for (i = 1; i < c->n; i++) {
    if (c->op[i] == T_AND && status != 0)
      continue;
    if (c->op[i] == T_OR && status == 0)
      continue;
    run_pipeline(c->pipe[i]);
  }
  return status;
}

// Starts a chain in the background: a child shell of its own process
// group runs it; the job is that child.
static void
start_job(struct chain *c)
{
  int pid, i, id = 1, slot = -1;

  for (i = 0; i < MAXJOBS; i++) {
    if (jobs[i].id >= id)
      id = jobs[i].id + 1;
    if (!jobs[i].id && slot < 0)
      slot = i;
  }
  if (slot < 0) {
    fprintf(stderr, "sh: too many jobs\n");
    status = 1;
    return;
  }
  flushall();
  pid = fork();
  if (pid < 0) {
    fprintf(stderr, "sh: fork failed\n");
    status = 1;
    return;
  }
  if (pid == 0) {
    setpgid(0, 0);
    jobcontrol = 0;
    interactive = 0;
    exit(run_chain(c));
  }
  setpgid(pid, pid);
  jobs[slot].id = id;
  jobs[slot].pid = pid;
  jobs[slot].text = c->text;
  c->text = 0;
  if (interactive)
    printf("[%d] %d\n", id, pid);
  status = 0;
}

// Lexes, parses and runs one line.
static void
run_line(char *line)
{
  struct token tok[MAXTOK];
  struct chain *list[MAXLIST];
  int ntok, n, i;

  ntok = lex(line, tok);
  if (ntok < 0) {
    status = 2;
    return;
  }
  n = parse_line(tok, list);
  if (n < 0) {
    status = 2;
  } else {
    for (i = 0; i < n; i++) {
      if (list[i]->background)
        start_job(list[i]);
      else
        run_chain(list[i]);
      free_chain(list[i]);
    }
  }
  free_tokens(tok, ntok);
}

// Runs every line of fd; returns the last status.
static int
run_script(int fd)
{
  char *line = 0;
  size_t cap = 0;
  while (getline(&line, &cap, fd) >= 0) {
    run_line(line);
    reap_jobs(1);
  }
  free(line);
  return status;
}

static int
run_string(char *s)
{
  char *start = s, *end, saved;
  for (;;) {
    end = strchr(start, '\n');
    if (end == 0) {
      run_line(start);
      break;
    }
    saved = *end;
    *end = 0;
    run_line(start);
    *end = saved;
    start = end + 1;
  }
  return status;
}

static void
prompt(void)
{
  char cwd[128];
  if (getcwd(cwd, sizeof cwd) < 0)
    strcpy(cwd, "?");
  printf("%s$ ", cwd);
  fflush(stdout);
}

static int
interact(void)
{
  char *line = 0;
  size_t cap = 0;

  interactive = 1;
  jobcontrol = 1;
  tcsetpgrp(0);                 // no foreground job: ^C only clears the line
  for (;;) {
    reap_jobs(1);
    prompt();
    if (getline(&line, &cap, stdin) < 0) {
      printf("\n");
      break;
    }
    run_line(line);
  }
  free(line);
  return status;
}

// `minos run`: when init starts the shell and the run script exists,
// run it with empty standard input and end with its status. The script
// is removed first (the open descriptor keeps it readable), and its
// folder too when nothing else is in it, so the commands see the file
// system as it was built.
static int
minos_run(void)
{
  int fd, in;
  if (getppid() != 1)
    return -1;
  fd = open(RUN_SCRIPT, O_RDONLY);
  if (fd < 0)
    return -1;
  unlink(RUN_SCRIPT);
  unlink(RUN_DIR);          // fails, harmlessly, unless the folder is empty
  in = null_fd(0);
  if (in >= 0 && in != 0) {
    dup2(in, 0);
    close(in);
  }
  fputs(RUN_MARKER, stdout);
  fflush(stdout);
  return run_script(fd);
}

int
main(int argc, char **argv)
{
  int fd, r;

  if (argc >= 3 && strcmp(argv[1], "-c") == 0)
    return run_string(argv[2]);
  if (argc >= 2) {
    fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
      fprintf(stderr, "sh: %s: %s\n", argv[1], strerror(errno));
      return 127;
    }
    return run_script(fd);
  }
  r = minos_run();
  if (r >= 0)
    return r;
  if (!isatty(stdin))
    return run_script(stdin);
  return interact();
}
