/*
 * Fuzz the feed parser (RSS, Atom, JSON Feed, sitemaps) with the text
 * helpers, date parser and URL resolver under it.  Invariants checked on
 * every entry: each field is NUL-terminated, valid UTF-8 and holds no
 * TAB or LF; dates are empty or exactly "YYYY-MM-DDTHH:MM:SSZ"; a
 * failed parse gives no entries; the entry count matches the result.
 * The first input byte picks the limits and base URL so that those
 * paths are fuzzed too.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "datetime.h"
#include "feed.h"
#include "strbuf.h"
#include "url.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_field(const char *s)
{
	size_t n = strlen(s);

	assert(utf8_valid(s, n));
	assert(!memchr(s, '\t', n) && !memchr(s, '\n', n));
}

static void check_date(const char *s)
{
	size_t n = strlen(s);

	assert(n == 0 || (n == DT_ISO_LEN - 1 && s[4] == '-' && s[10] == 'T' && s[19] == 'Z'));
}

static int on_entry(const struct feed_entry *e, void *arg)
{
	size_t *count = arg;

	check_field(e->url);
	check_field(e->title);
	check_field(e->guid);
	check_field(e->author);
	check_field(e->categories);
	check_field(e->summary);
	check_date(e->published);
	check_date(e->updated);
	(*count)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const bases[] = {"", "https://fuzz.example/a/b?q", "/rel/", "x:y"};
	struct feed_limits lim = {0, 0};
	struct feed_result res;
	struct strbuf fixed = STRBUF_INIT, url = STRBUF_INIT;
	size_t count = 0, half;
	const char *s;
	char iso[DT_ISO_LEN];
	uint8_t mode;

	if (size < 1)
		return 0;
	mode = data[0];
	s = (const char *)data + 1;
	size--;
	/* The stream hands the stage valid UTF-8 only. */
	utf8_repair(&fixed, s, size);
	if (mode & 4) {
		lim.max_entries = mode & 3;
		lim.max_field = 1 + (mode >> 3);
	}
	feed_parse(fixed.buf, fixed.len, bases[mode & 3], &lim, on_entry, &count, &res);
	assert(res.entries == count);
	assert(res.status != FEED_FAILED || count == 0);
	assert(!lim.max_entries || count <= lim.max_entries);

	/* the pure helpers on their own, on the same bytes */
	if (dt_parse(fixed.buf, fixed.len, iso) == 0)
		check_date(iso);
	half = fixed.len / 2;
	while (half > 0 && ((unsigned char)fixed.buf[half] & 0xC0) == 0x80)
		half--; /* split at a character boundary: both halves stay valid */
	if (url_resolve(&url, fixed.buf, half, fixed.buf + half, fixed.len - half) == 0)
		assert(utf8_valid(url.buf, url.len));
	sb_release(&fixed);
	sb_release(&url);
	return 0;
}
