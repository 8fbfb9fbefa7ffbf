/*
 * strbuf: a growable byte buffer with a hard cap.
 *
 * A strbuf owns its memory.  `buf` is always NUL-terminated (also when
 * empty, where it points at a shared empty string until the first append),
 * so it can be handed to C string functions, but it may hold NUL bytes of
 * its own: `len` is the truth.
 *
 * Every buffer has a cap (the largest `len` it may reach).  An append that
 * would pass the cap fails with -1 and leaves the buffer as it was, so a
 * caller can report "record too long" and carry on.  Running out of memory
 * is not an error a filter can recover from: it aborts with a message.
 *
 *   struct strbuf sb = STRBUF_INIT;       // or sb_init(&sb, cap)
 *   sb_add(&sb, p, n); sb_addstr(&sb, "x");
 *   use(sb.buf, sb.len);
 *   sb_reset(&sb);                        // len = 0, memory kept
 *   sb_release(&sb);                      // memory freed, back to INIT
 *
 * sb_detach() hands the memory to the caller (free() it) and leaves the
 * buffer empty.
 */
#ifndef NEWSPIPE_STRBUF_H
#define NEWSPIPE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

extern char strbuf_empty[];

struct strbuf {
	char *buf;    /* NUL-terminated; strbuf_empty until first growth */
	size_t len;   /* bytes used, not counting the NUL */
	size_t alloc; /* bytes allocated; 0 while buf == strbuf_empty */
	size_t cap;   /* hard limit on len */
};

#define STRBUF_INIT                                                                                \
	{                                                                                          \
		strbuf_empty, 0, 0, SIZE_MAX / 2                                                   \
	}

void sb_init(struct strbuf *sb, size_t cap);
void sb_release(struct strbuf *sb);
char *sb_detach(struct strbuf *sb, size_t *len);

/* Make room for `extra` more bytes: 0, or -1 when it would pass the cap. */
int sb_grow(struct strbuf *sb, size_t extra);

static inline void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->alloc)
		sb->buf[0] = '\0';
}

/* Shorten to `len` bytes (len <= sb->len). */
void sb_setlen(struct strbuf *sb, size_t len);

int sb_add(struct strbuf *sb, const void *data, size_t n);
int sb_addstr(struct strbuf *sb, const char *s);
int sb_addch(struct strbuf *sb, int c);
int sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/* Append the UTF-8 encoding of code point `cp` (must be valid). */
int sb_add_utf8(struct strbuf *sb, uint32_t cp);

/* Remove white space (space, tab, LF, CR) from both ends. */
void sb_trim(struct strbuf *sb);

/* malloc/realloc/strdup that abort with a message on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t n); /* NUL-terminated copy */

#endif
