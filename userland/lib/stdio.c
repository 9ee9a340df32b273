/* stdio.c: buffered output and input on file descriptors.
 *
 * Each of the first NSTREAM descriptors may get an output buffer and an
 * input buffer, allocated on first use. Output is flushed when the buffer
 * fills, at each newline when the descriptor is the console ("line
 * buffered", so a user sees whole lines as they are produced), after every
 * call on stderr, and by exit(). Reading from stdin flushes stdout first,
 * so a prompt without a newline appears before the program waits.
 *
 * printf, vprintf and puts come from the portable runtime
 * (lang/runtime/printf.c, puts.c): they write through putchar, which lands
 * in stdout's buffer here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

#define NSTREAM 16


struct outbuf {
    int n;                  /* bytes waiting */
    int linebuf;            /* 1: flush at every newline */
    char data[BUFSIZ];
};

struct inbuf {
    int pos, len;           /* data[pos..len) not yet handed out */
    int eof;                /* a read returned 0 */
    char data[BUFSIZ];
};

static struct outbuf *outs[NSTREAM];
static struct inbuf *ins[NSTREAM];

static struct outbuf *out_for(int fd)
{
    struct outbuf *o;
    if (fd < 0 || fd >= NSTREAM)
        return 0;
    if (outs[fd] == 0) {
        o = malloc(sizeof(struct outbuf));
        if (o == 0)
            return 0;
        o->n = 0;
        o->linebuf = isatty(fd) || fd == stderr;
        outs[fd] = o;
    }
    return outs[fd];
}

int fflush(int fd)
{
    struct outbuf *o;
    int r = 0;
    if (fd < 0 || fd >= NSTREAM || outs[fd] == 0)
        return 0;
    o = outs[fd];
    if (o->n > 0 && writeall(fd, o->data, o->n) < 0)
        r = EOF;
    o->n = 0;
    return r;
}

void flushall(void)
{
    int fd;
    for (fd = 0; fd < NSTREAM; fd++)
        fflush(fd);
}

/* The bytes go into fd's buffer (or straight out when it has none). */
int fwrite(const void *buf, int n, int fd)
{
    struct outbuf *o = out_for(fd);
    const char *p = buf;
    int i, newline = 0;
    if (o == 0)
        return writeall(fd, (void *)buf, n);
    if (n >= BUFSIZ) {                 /* big writes go straight out */
        fflush(fd);
        return writeall(fd, (void *)buf, n);
    }
    for (i = 0; i < n; i++) {
        if (o->n == BUFSIZ)
            fflush(fd);
        o->data[o->n++] = p[i];
        if (p[i] == '\n')
            newline = 1;
    }
    if (newline && o->linebuf)
        fflush(fd);
    return n;
}

int fputc(int c, int fd)
{
    char ch = (char)c;
    if (fwrite(&ch, 1, fd) != 1)
        return EOF;
    return (unsigned char)ch;
}

int putchar(int c)
{
    return fputc(c, stdout);
}

int fputs(const char *s, int fd)
{
    int n = fwrite(s, strlen(s), fd);
    if (fd == stderr)
        fflush(fd);
    return n < 0 ? EOF : n;
}

/* Formats into a stack buffer, or a heap one when the text is long. */
int vfprintf(int fd, const char *fmt, va_list ap)
{
    char small[256];
    char *buf = small;
    va_list again;
    int n;

    va_copy(again, ap);
    n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= (int)sizeof small) {
        buf = malloc(n + 1);
        if (buf == 0) {
            va_end(again);
            return EOF;
        }
        vsnprintf(buf, n + 1, fmt, again);
    }
    va_end(again);
    n = fwrite(buf, n, fd);
    if (buf != small)
        free(buf);
    if (fd == stderr)
        fflush(fd);
    return n;
}

int fprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vfprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vfprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

/* ---- input ---- */

static struct inbuf *in_for(int fd)
{
    if (fd < 0 || fd >= NSTREAM)
        return 0;
    if (ins[fd] == 0) {
        ins[fd] = malloc(sizeof(struct inbuf));
        if (ins[fd] == 0)
            return 0;
        ins[fd]->pos = ins[fd]->len = ins[fd]->eof = 0;
    }
    return ins[fd];
}

/* The next byte of fd, or EOF. The console gives one line per read;
 * after end of input (^D) the next read tries again, as on Unix. */
int fgetc(int fd)
{
    struct inbuf *b = in_for(fd);
    unsigned char c;
    if (fd == stdin)
        fflush(stdout);
    if (b == 0)
        return read(fd, &c, 1) == 1 ? c : EOF;
    if (b->pos == b->len) {
        b->pos = 0;
        b->len = read(fd, b->data, BUFSIZ);
        if (b->len <= 0) {
            b->len = 0;
            return EOF;
        }
    }
    return (unsigned char)b->data[b->pos++];
}

int getchar(void)
{
    return fgetc(stdin);
}

char *fgets(char *buf, int size, int fd)
{
    int i = 0, c;
    while (i < size - 1) {
        c = fgetc(fd);
        if (c == EOF)
            break;
        buf[i++] = (char)c;
        if (c == '\n')
            break;
    }
    buf[i] = 0;
    return i == 0 ? 0 : buf;
}

/* Reads a whole line (any length) into *line, growing it with realloc.
 * Returns its length including the '\n' (if there was one), -1 at EOF. */
int getline(char **line, size_t *cap, int fd)
{
    int n = 0, c;
    char *p;
    if (*line == 0 || *cap == 0) {
        *cap = 128;
        *line = malloc(*cap);
        if (*line == 0)
            return -1;
    }
    for (;;) {
        c = fgetc(fd);
        if (c == EOF)
            break;
        if (n + 2 > (int)*cap) {
            p = realloc(*line, *cap * 2);
            if (p == 0) {
                errno = ENOMEM;
                return -1;
            }
            *line = p;
            *cap *= 2;
        }
        (*line)[n++] = (char)c;
        if (c == '\n')
            break;
    }
    (*line)[n] = 0;
    return n == 0 ? -1 : n;
}

int fclose(int fd)
{
    fflush(fd);
    if (fd >= 0 && fd < NSTREAM) {
        free(outs[fd]);
        free(ins[fd]);
        outs[fd] = 0;
        ins[fd] = 0;
    }
    return close(fd);
}
