/*
 * Fuzz the article extractor: any bytes as a page (and, when the input
 * holds a NUL, what follows it as the URL) must give valid UTF-8 fields
 * with no control characters but LF in the text, and nothing may leak,
 * read out of bounds or take unbounded time.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "strbuf.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_field(const char *s, int lf_ok)
{
	size_t n = strlen(s);
	assert(utf8_valid(s, n));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		assert(c >= 0x20 || (lf_ok && c == '\n') || c == '\t');
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nul = memchr(s, '\0', size);
	size_t len = nul ? (size_t)(nul - s) : size;
	char *url = nul ? xmemdup(nul + 1, size - len - 1) : NULL;
	struct article a;

	article_init(&a);
	if (article_extract(&a, s, len, url) == 0) {
		check_field(a.title, 0);
		check_field(a.published, 0);
		check_field(a.modified, 0);
		check_field(a.author, 0);
		check_field(a.lang, 0);
		check_field(a.site_name, 0);
		check_field(a.description, 0);
		check_field(a.text, 1);
		assert(strlen(a.text) == a.text_len);
		assert(a.is_article == 0 || a.is_article == 1);
	} else {
		assert(!*a.text && !*a.title);
	}
	article_release(&a);
	free(url);
	return 0;
}
