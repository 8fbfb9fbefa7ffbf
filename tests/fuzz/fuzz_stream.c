/*
 * Fuzz the record stream's byte-level pieces: escaping must round-trip,
 * UTF-8 repair must yield valid UTF-8 with as many code points as
 * utf8_count() says, and nothing may read out of bounds.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "stage.h"
#include "strbuf.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct strbuf esc = STRBUF_INIT, back = STRBUF_INIT, fixed = STRBUF_INIT;

	tsv_escape(&esc, s, size);
	assert(!memchr(esc.buf, '\t', esc.len) && !memchr(esc.buf, '\n', esc.len));
	assert(tsv_unescape(&back, esc.buf, esc.len) == 0);
	assert(back.len == size && memcmp(back.buf, s, size) == 0);

	sb_reset(&back);
	tsv_unescape(&back, s, size); /* arbitrary input: any escapes */

	long bad = utf8_repair(&fixed, s, size);
	assert(bad >= 0);
	assert(utf8_valid(fixed.buf, fixed.len));
	assert(utf8_count(s, size) == utf8_count(fixed.buf, fixed.len));
	assert((bad == 0) == utf8_valid(s, size));

	sb_release(&esc);
	sb_release(&back);
	sb_release(&fixed);
	return 0;
}
