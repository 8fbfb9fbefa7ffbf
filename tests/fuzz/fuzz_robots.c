/*
 * Fuzz the robots.txt parser and matcher: any bytes parse, rules are
 * NUL-terminated patterns, matching any path terminates, "/robots.txt"
 * is always allowed, and nothing leaks.  The input is split at the first
 * NUL into a robots.txt and a path to test (a path gets a leading '/').
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "robots.h"
#include "strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nul = memchr(s, '\0', size);
	size_t tlen = nul ? (size_t)(nul - s) : size;
	struct strbuf path = STRBUF_INIT;
	struct robots r;
	size_t i;

	robots_parse(&r, s, tlen, "newspipe");
	for (i = 0; i < r.n_rules; i++)
		assert(strlen(r.rules[i].pattern) == r.rules[i].len);
	assert(robots_allowed(&r, "/robots.txt"));
	sb_addch(&path, '/');
	if (nul)
		sb_add(&path, nul + 1, strnlen(nul + 1, size - tlen - 1));
	(void)robots_allowed(&r, path.buf);
	(void)robots_allowed(&r, "/");
	robots_release(&r);
	sb_release(&path);
	return 0;
}
