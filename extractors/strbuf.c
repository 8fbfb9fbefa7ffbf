/* strbuf: see strbuf.h for the contract. */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

char strbuf_empty[1];

static void out_of_memory(size_t n)
{
	fprintf(stderr, "newspipe: out of memory (%zu bytes)\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *xmemdup(const void *p, size_t n)
{
	char *s = xmalloc(n + 1);
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

char *xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}

void sb_init(struct strbuf *sb, size_t cap)
{
	sb->buf = strbuf_empty;
	sb->len = 0;
	sb->alloc = 0;
	sb->cap = cap;
}

void sb_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sb_init(sb, sb->cap);
}

char *sb_detach(struct strbuf *sb, size_t *len)
{
	char *p = sb->alloc ? sb->buf : xmemdup("", 0);
	if (len)
		*len = sb->len;
	sb_init(sb, sb->cap);
	return p;
}

int sb_grow(struct strbuf *sb, size_t extra)
{
	if (extra > sb->cap || sb->len > sb->cap - extra)
		return -1;
	size_t need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return 0;
	size_t n = sb->alloc ? sb->alloc : 64;
	while (n < need)
		n = n < SIZE_MAX / 2 ? n * 2 : need;
	if (sb->alloc) {
		sb->buf = xrealloc(sb->buf, n);
	} else {
		sb->buf = xmalloc(n);
		sb->buf[0] = '\0';
	}
	sb->alloc = n;
	return 0;
}

void sb_setlen(struct strbuf *sb, size_t len)
{
	if (len > sb->len)
		abort(); /* caller bug: setlen only shortens */
	sb->len = len;
	if (sb->alloc)
		sb->buf[len] = '\0';
}

int sb_add(struct strbuf *sb, const void *data, size_t n)
{
	if (sb_grow(sb, n) < 0)
		return -1;
	if (n)
		memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	if (sb->alloc)
		sb->buf[sb->len] = '\0';
	return 0;
}

int sb_addstr(struct strbuf *sb, const char *s)
{
	return sb_add(sb, s, strlen(s));
}

int sb_addch(struct strbuf *sb, int c)
{
	char ch = (char)c;
	return sb_add(sb, &ch, 1);
}

int sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	char small[256];
	va_copy(cp, ap);
	int n = vsnprintf(small, sizeof small, fmt, cp);
	va_end(cp);
	if (n < 0)
		return -1;
	if ((size_t)n < sizeof small)
		return sb_add(sb, small, (size_t)n);
	if (sb_grow(sb, (size_t)n) < 0)
		return -1;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = sb_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

int sb_add_utf8(struct strbuf *sb, uint32_t cp)
{
	char tmp[4];
	size_t n = utf8_encode(cp, tmp);
	if (!n)
		n = utf8_encode(UTF8_REPLACEMENT, tmp);
	return sb_add(sb, tmp, n);
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void sb_trim(struct strbuf *sb)
{
	size_t a = 0, b = sb->len;
	while (a < b && is_ws(sb->buf[a]))
		a++;
	while (b > a && is_ws(sb->buf[b - 1]))
		b--;
	if (a)
		memmove(sb->buf, sb->buf + a, b - a);
	sb_setlen(sb, b - a);
}
