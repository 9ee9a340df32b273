/* stdio.h: buffered input and output on file descriptors (the OS's libc).
 *
 * There are no FILE structures: a stream is named by its file descriptor,
 * so stdin, stdout and stderr are simply 0, 1 and 2 and
 * fprintf(stderr, ...) reads as in standard C. Output to stdout is
 * buffered (a line at a time on the console, a block at a time into a
 * pipe or file); stderr is flushed after every call. exit() flushes
 * everything, and so does reading from stdin (so a prompt shows up). */
#ifndef _STDIO_H
#define _STDIO_H

#include <stddef.h>
#include <stdarg.h>

#define EOF (-1)
#define BUFSIZ 512

#define stdin  0
#define stdout 1
#define stderr 2

/* output */
int putchar(int c);
int puts(const char *s);
int fputc(int c, int fd);
int fputs(const char *s, int fd);
int printf(const char *fmt, ...);
int fprintf(int fd, const char *fmt, ...);
int dprintf(int fd, const char *fmt, ...);
int vprintf(const char *fmt, va_list ap);
int vfprintf(int fd, const char *fmt, va_list ap);
int sprintf(char *buf, const char *fmt, ...);
int snprintf(char *buf, size_t size, const char *fmt, ...);
int vsprintf(char *buf, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fwrite(const void *buf, int n, int fd);   /* n bytes through fd's buffer */
int fflush(int fd);         /* write out fd's buffered output */
void flushall(void);        /* every stream: before fork and exec */

/* input */
int getchar(void);
int fgetc(int fd);
char *fgets(char *buf, int size, int fd);
int getline(char **line, size_t *cap, int fd);   /* length incl. '\n', -1 at EOF */
int fclose(int fd);         /* flush, forget fd's buffers, close it */

void perror(const char *prefix);

#endif
